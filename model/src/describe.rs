//! Text alternatives for the charts: what each one currently shows, in a sentence, for readers
//! who cannot see it. Generated from the same ledger the charts draw, so the words and the
//! pictures never disagree.

use crate::format::money_b;
use crate::ledger::{Ledger, FIRST_YEAR, LAST_YEAR};
use crate::pins::Pin;
use crate::scenario::Scenario;

/// The yearly split of revenue, told for the selected year.
pub fn describe_revenue(s: &Scenario, l: &Ledger) -> String {
    let row = l.selected(s);
    format!(
        "In {}, OpenAI's revenue is {}; it pays Microsoft {} under the new terms and would pay {} under the old terms, keeping {}.",
        row.year,
        money_b(row.revenue),
        money_b(row.share_new),
        money_b(row.share_old),
        money_b(row.openai_kept_new)
    )
}

/// Cumulative payments against the cap.
pub fn describe_cap(s: &Scenario, l: &Ledger) -> String {
    let h = &l.headline;
    let cap = money_b(s.bounded().cap);
    let new_terms = match h.cap_year {
        Some(year) => {
            format!("Cumulative payments under the new terms reach the {cap} cap in {year}")
        }
        None => format!(
            "Cumulative payments under the new terms stop at {}, short of the {cap} cap",
            money_b(h.total_new)
        ),
    };
    format!(
        "{new_terms}; under the old terms they would total {} by {LAST_YEAR}.",
        money_b(l.rows.last().map_or(0.0, |r| r.cumulative_old))
    )
}

/// Microsoft's and the other owners' economic take, summed over the horizon.
pub fn describe_take(_s: &Scenario, l: &Ledger) -> String {
    let sum = |f: fn(&crate::ledger::YearRow) -> f64| l.rows.iter().map(f).sum::<f64>();
    format!(
        "Over {FIRST_YEAR}–{LAST_YEAR} Microsoft's take, its payments plus its stake's share of OpenAI's net income, is {} under the new terms against {} under the old; the other owners take {} against {}.",
        money_b(sum(|r| r.microsoft_take_new)),
        money_b(sum(|r| r.microsoft_take_old)),
        money_b(sum(|r| r.others_take_new)),
        money_b(sum(|r| r.others_take_old))
    )
}

/// What a chart draws of each pinned scenario, named so the sentence can say it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ghosted {
    /// Revenue in the selected year.
    Revenue,
    /// Cumulative payments under the new terms and the year the cap binds.
    Cumulative,
    /// Microsoft's take under the new terms, over the horizon.
    MicrosoftTake,
}

/// A sentence on the pinned scenarios a chart draws faintly, to follow the chart's own; empty
/// without pins. The selected year is the live scenario's, as on the chart.
pub fn describe_pins(what: Ghosted, s: &Scenario, pins: &[(&Pin, &Ledger)]) -> String {
    if pins.is_empty() {
        return String::new();
    }
    let year = s.bounded().year.round() as i32;
    let parts: Vec<String> = pins
        .iter()
        .map(|(pin, ledger)| {
            let name = pin.name();
            match what {
                Ghosted::Revenue => {
                    let revenue = ledger.row(year).map_or(0.0, |row| row.revenue);
                    format!("“{name}” has revenue of {} in {year}", money_b(revenue))
                }
                Ghosted::Cumulative => {
                    let total = money_b(ledger.headline.total_new);
                    match ledger.headline.cap_year {
                        Some(reached) => {
                            format!("“{name}” pays {total}, reaching its cap in {reached}")
                        }
                        None => format!("“{name}” pays {total}, short of its cap"),
                    }
                }
                Ghosted::MicrosoftTake => {
                    let take: f64 = ledger.rows.iter().map(|r| r.microsoft_take_new).sum();
                    format!("“{name}” gives Microsoft {}", money_b(take))
                }
            }
        })
        .collect();
    let lead = match what {
        Ghosted::Revenue => "Pinned for comparison, as faint lines of revenue:",
        Ghosted::Cumulative => "Pinned for comparison, as faint lines of cumulative payments under the new terms:",
        Ghosted::MicrosoftTake => "Pinned for comparison, as faint lines of Microsoft's take under the new terms, over the horizon:",
    };
    format!("{lead} {}.", parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_read_word_for_word() {
        let s = Scenario::default();
        let l = Ledger::compute(&s);
        // 2030 under the defaults: revenue $200B; the cap was used up in 2029, so nothing is
        // paid; the old terms pay 20% of $200B = $40B.
        assert_eq!(
            describe_revenue(&s, &l),
            "In 2030, OpenAI's revenue is $200B; it pays Microsoft $0B under the new terms and would pay $40B under the old terms, keeping $200B."
        );
        assert_eq!(
            describe_cap(&s, &l),
            "Cumulative payments under the new terms reach the $38B cap in 2029; under the old terms they would total $96B by 2035."
        );
    }

    #[test]
    fn a_cap_never_reached_says_where_payments_stop() {
        let mut s = Scenario::default();
        s.set("until", 2027.0);
        s.set("cap", 100.0);
        let l = Ledger::compute(&s);
        // 2026: 20% of $30B = $6B; 2027: 20% of 30·(200/30)^(1/4) = 20% of $48.2B = $9.64B;
        // together $15.64B.
        assert_eq!(
            describe_cap(&s, &l),
            "Cumulative payments under the new terms stop at $15.6B, short of the $100B cap; under the old terms they would total $96B by 2035."
        );
    }

    #[test]
    fn the_take_sentence_sums_the_rows() {
        let s = Scenario::default();
        let l = Ledger::compute(&s);
        let text = describe_take(&s, &l);
        let new_total: f64 = l.rows.iter().map(|r| r.microsoft_take_new).sum();
        assert!(text.contains(&money_b(new_total)), "{text}");
        assert!(text.starts_with("Over 2026–2035 Microsoft's take"));
    }

    #[test]
    fn pins_are_named_with_their_figures_and_absent_pins_add_nothing() {
        let s = Scenario::default();
        assert_eq!(describe_pins(Ghosted::Cumulative, &s, &[]), "");
        let mut short = Scenario::default();
        short.set("until", 2027.0);
        short.set("cap", 100.0);
        let short_pin = Pin::new("Short <run>", short, 0);
        let short_ledger = Ledger::compute(&short);
        let base_pin = Pin::new("", Scenario::default(), 1);
        let base_ledger = Ledger::compute(&Scenario::default());
        let pins = [(&short_pin, &short_ledger), (&base_pin, &base_ledger)];
        // 6 + 9.64 = $15.6B, then nothing; the defaults reach $38B in 2029.
        assert_eq!(
            describe_pins(Ghosted::Cumulative, &s, &pins),
            "Pinned for comparison, as faint lines of cumulative payments under the new terms: \
             “Short <run>” pays $15.6B, short of its cap; “Pin 2” pays $38B, reaching its cap in 2029."
        );
        // Revenue in 2027 is 30·(200/30)^(1/4) = $48.2B, whatever the terms.
        let mut in_2027 = Scenario::default();
        in_2027.set("year", 2027.0);
        assert_eq!(
            describe_pins(Ghosted::Revenue, &in_2027, &pins[..1]),
            "Pinned for comparison, as faint lines of revenue: “Short <run>” has revenue of $48.2B in 2027."
        );
        let take: f64 = short_ledger.rows.iter().map(|r| r.microsoft_take_new).sum();
        assert!(describe_pins(Ghosted::MicrosoftTake, &s, &pins[..1])
            .ends_with(&format!("“Short <run>” gives Microsoft {}.", money_b(take))));
    }
}
