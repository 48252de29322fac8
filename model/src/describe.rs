//! Text alternatives for the charts: what each one currently shows, in a sentence, for readers
//! who cannot see it. Generated from the same ledger the charts draw, so the words and the
//! pictures never disagree.

use crate::ensemble::{Band, Ensemble};
use crate::format::{cap_year_name, chance, count, money_b};
use crate::ledger::{Ledger, FIRST_YEAR, LAST_YEAR};
use crate::milestones::Milestones;
use crate::pins::Pin;
use crate::scenario::Scenario;
use crate::sweep::{cap_binds_from, trade_verb, SweepRow};

/// The yearly split of revenue, told for the selected year, and when payments end: what the
/// chart's labels say.
pub fn describe_revenue(s: &Scenario, l: &Ledger) -> String {
    let row = l.selected(s);
    let m = Milestones::of(l);
    let ends = match (m.last_payment_new, m.last_payment_old) {
        (Some(new), Some(old)) if new == old => {
            format!(" Payments end in {new} under both terms.")
        }
        (Some(new), Some(old)) => {
            format!(" Payments end in {new} under the new terms and in {old} under the old.")
        }
        (Some(new), None) => format!(" Payments end in {new} under the new terms."),
        (None, Some(old)) => {
            format!(" Nothing is paid under the new terms; the old terms pay until {old}.")
        }
        (None, None) => String::new(),
    };
    format!(
        "In {}, OpenAI's revenue is {}; it pays Microsoft {} under the new terms and would pay {} under the old terms, keeping {}.{ends}",
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

/// Microsoft's and the other owners' economic take, summed over the horizon, and the year
/// Microsoft starts to take less, as the chart's label says.
pub fn describe_take(_s: &Scenario, l: &Ledger) -> String {
    let sum = |f: fn(&crate::ledger::YearRow) -> f64| l.rows.iter().map(f).sum::<f64>();
    let falls = Milestones::of(l)
        .take_falls_below
        .map(|year| {
            format!(" From {year}, Microsoft takes less under the new terms than under the old.")
        })
        .unwrap_or_default();
    format!(
        "Over {FIRST_YEAR}–{LAST_YEAR} Microsoft's take, its payments plus its stake's share of OpenAI's net income, is {} under the new terms against {} under the old; the other owners take {} against {}.{falls}",
        money_b(sum(|r| r.microsoft_take_new)),
        money_b(sum(|r| r.microsoft_take_old)),
        money_b(sum(|r| r.others_take_new)),
        money_b(sum(|r| r.others_take_old))
    )
}

/// The selected year's index into an ensemble's bands, and the year.
fn selected_index(s: &Scenario) -> (usize, i32) {
    let year = s
        .bounded()
        .year
        .round()
        .clamp(f64::from(FIRST_YEAR), f64::from(LAST_YEAR)) as i32;
    ((year - FIRST_YEAR) as usize, year)
}

/// "between $X and $Y" of a band's 10th and 90th percentile in one year, or "at $X" when they
/// agree (every path at the cap, or `vol = 0`).
fn spread(band: &Band, index: usize) -> String {
    let (low, high) = (band.p10[index], band.p90[index]);
    if money_b(low) == money_b(high) {
        format!("at {}", money_b(low))
    } else {
        format!("between {} and {}", money_b(low), money_b(high))
    }
}

/// What the cap chart's band shows for the selected year, and the chance of reaching the cap
/// by then, to follow [`describe_cap`] when uncertainty is on.
pub fn describe_cap_band(s: &Scenario, e: &Ensemble) -> String {
    let (index, year) = selected_index(s);
    let most_likely = e
        .cap_year_counts
        .iter()
        .max_by_key(|(_, count)| *count)
        .and_then(|(year, _)| *year);
    format!(
        "Across {} revenue paths, in 8 of 10 cumulative payments under the new terms by {year} lie {}; the cap is reached by {year} in {} of paths, most often {}. Under the old terms, in 8 of 10 they would lie {}.",
        count(e.paths),
        spread(&e.cumulative_new, index),
        chance(e.cap_probability_by(year)),
        match most_likely {
            Some(y) => format!("in {y}"),
            None => cap_year_name(None),
        },
        spread(&e.cumulative_old, index)
    )
}

/// What the take chart's band shows for the selected year, to follow [`describe_take`].
pub fn describe_take_band(s: &Scenario, e: &Ensemble) -> String {
    let (index, year) = selected_index(s);
    format!(
        "In 8 of 10 revenue paths, Microsoft's take in {year} under the new terms lies {}; under the old terms, {}.",
        spread(&e.microsoft_take_new, index),
        spread(&e.microsoft_take_old, index)
    )
}

/// What the chart of Microsoft's trade shows: across the revenue sweep `rows` of `s`, where
/// the cap starts to bind, and at the reader's own 2030 revenue what OpenAI pays and what
/// Microsoft takes under each terms, and so what it gives up for the cap's certainty.
pub fn describe_traded(s: &Scenario, rows: &[SweepRow]) -> String {
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return String::new();
    };
    let cap = money_b(s.bounded().cap);
    let new_terms = match cap_binds_from(rows, s) {
        Some(from) => format!(
            "the {cap} cap binds from a 2030 revenue of {} and holds them",
            money_b(from)
        ),
        None => format!("they stay short of the {cap} cap throughout"),
    };
    let here = SweepRow::of(s);
    let (verb, amount) = trade_verb(&here);
    format!(
        "Across OpenAI 2030 revenues from {} to {}, other inputs as set, Microsoft's payments over {FIRST_YEAR}–{LAST_YEAR} under the old terms go from {} to {}; under the new terms {new_terms}. At the chosen 2030 revenue of {}, OpenAI pays {} under the new terms against {} under the old; Microsoft's take, with its stake's share of profit, is {} against {}, so it {verb} {}.",
        money_b(first.r30),
        money_b(last.r30),
        money_b(first.total_paid_old),
        money_b(last.total_paid_old),
        money_b(here.r30),
        money_b(here.total_paid_new),
        money_b(here.total_paid_old),
        money_b(here.total_take_new),
        money_b(here.total_take_old),
        money_b(amount)
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
    use crate::scenario::with_inputs;
    use crate::InputKey;

    /// "between $X and $Y", the 10th and 90th percentiles of a band in 2028, index 2.
    fn between_in_2028(band: &Band) -> String {
        format!(
            "between {} and {}",
            money_b(band.p10[2]),
            money_b(band.p90[2])
        )
    }

    #[test]
    fn the_defaults_read_word_for_word() {
        let s = Scenario::default();
        let l = Ledger::compute(&s);
        // 2030 under the defaults: revenue $200B; the cap was used up in 2029, so nothing is
        // paid; the old terms pay 20% of $200B = $40B.
        assert_eq!(
            describe_revenue(&s, &l),
            "In 2030, OpenAI's revenue is $200B; it pays Microsoft $0B under the new terms and would pay $40B under the old terms, keeping $200B. Payments end in 2029 under the new terms and in 2030 under the old."
        );
        assert_eq!(
            describe_cap(&s, &l),
            "Cumulative payments under the new terms reach the $38B cap in 2029; under the old terms they would total $96B by 2035."
        );
    }

    #[test]
    fn a_cap_never_reached_says_where_payments_stop() {
        let s = with_inputs(&[(InputKey::Until, 2027.0), (InputKey::Cap, 100.0)]);
        let l = Ledger::compute(&s);
        // 2026: 20% of $30B = $6B; 2027: 20% of 30·(200/30)^(1/4) = 20% of $48.2B = $9.64B;
        // together $15.64B.
        assert_eq!(
            describe_cap(&s, &l),
            "Cumulative payments under the new terms stop at $15.6B, short of the $100B cap; under the old terms they would total $96B by 2035."
        );
    }

    #[test]
    fn payment_ends_are_told_once_when_both_terms_end_together() {
        let (s, _) = crate::query::parse_query("cap=200");
        let text = describe_revenue(&s, &Ledger::compute(&s));
        assert!(
            text.ends_with(" Payments end in 2030 under both terms."),
            "{text}"
        );
    }

    #[test]
    fn band_sentences_quote_the_selected_year_of_the_ensemble() {
        let mut s = with_inputs(&[(InputKey::Vol, 30.0), (InputKey::Year, 2028.0)]);
        let e = crate::ensemble::simulate(&s, 2_000);
        let cap = describe_cap_band(&s, &e);
        assert!(cap.starts_with("Across 2,000 revenue paths, in 8 of 10 cumulative payments under the new terms by 2028 lie "), "{cap}");
        assert!(cap.contains(&between_in_2028(&e.cumulative_new)), "{cap}");
        assert!(
            cap.contains(&format!(
                "the cap is reached by 2028 in {} of paths",
                chance(e.cap_reached_by[2])
            )),
            "{cap}"
        );
        assert!(
            cap.ends_with(&format!(
                " Under the old terms, in 8 of 10 they would lie {}.",
                between_in_2028(&e.cumulative_old)
            )),
            "{cap}"
        );
        let take = describe_take_band(&s, &e);
        assert!(
            take.contains(&between_in_2028(&e.microsoft_take_new)),
            "{take}"
        );
        assert!(
            take.ends_with(&format!(
                "; under the old terms, {}.",
                between_in_2028(&e.microsoft_take_old)
            )),
            "{take}"
        );
        // At vol 0 the band is the line itself.
        s.set(InputKey::Vol, 0.0);
        let e = crate::ensemble::simulate(&s, 10);
        let l = Ledger::compute(&s);
        assert!(describe_take_band(&s, &e).ends_with(&format!(
            "lies at {}; under the old terms, at {}.",
            money_b(l.rows[2].microsoft_take_new),
            money_b(l.rows[2].microsoft_take_old)
        )));
    }

    #[test]
    fn the_traded_sentence_reads_the_sweep_and_the_chosen_revenue() {
        let s = Scenario::default();
        let rows = crate::sweep::sweep(&s);
        let from = cap_binds_from(&rows, &s).expect("the default cap binds");
        // docs/model.md's sweep table at r30 = 200: $38.0B against $96.0B paid, takes of
        // $182.9B against $225.3B; 600 pays $222.3B under the old terms.
        let text = describe_traded(&s, &rows);
        assert_eq!(
            text,
            format!(
                "Across OpenAI 2030 revenues from $20B to $600B, other inputs as set, \
                 Microsoft's payments over 2026–2035 under the old terms go from {} to $222B; \
                 under the new terms the $38B cap binds from a 2030 revenue of {} and holds \
                 them. At the chosen 2030 revenue of $200B, OpenAI pays $38B under the new terms \
                 against $96B under the old; Microsoft's take, with its stake's share of \
                 profit, is $183B against $225B, so it gives up {}.",
                money_b(rows[0].total_paid_old),
                money_b(from),
                money_b(rows[36].upside_given_up())
            )
        );
        assert_eq!(rows[36].r30, 200.0);
        // 73 cents of each dollar the cap saves OpenAI (docs/model.md): $58.0B × 0.73.
        assert!(text.ends_with("gives up $42.4B."), "{text}");
    }

    #[test]
    fn the_traded_sentence_says_gains_and_a_cap_out_of_reach() {
        // Old terms ending in 2026 pay far less than new terms paid through 2035 under a cap
        // out of reach: Microsoft gains.
        let (s, _) = crate::query::parse_query("old_until=2026&until=2035&cap=200&r26=5&r30=20");
        let rows = crate::sweep::sweep(&s);
        let text = describe_traded(&s, &rows);
        let here = SweepRow::of(&s);
        assert!(here.upside_given_up() < 0.0, "{here:?}");
        assert!(
            text.ends_with(&format!(
                "so it gains {}.",
                money_b(-here.upside_given_up())
            )),
            "{text}"
        );
        if cap_binds_from(&rows, &s).is_none() {
            assert!(
                text.contains("they stay short of the $200B cap throughout"),
                "{text}"
            );
        }
        assert_eq!(describe_traded(&s, &[]), "");
    }

    #[test]
    fn the_take_sentence_sums_the_rows() {
        let s = Scenario::default();
        let l = Ledger::compute(&s);
        let text = describe_take(&s, &l);
        let new_total: f64 = l.rows.iter().map(|r| r.microsoft_take_new).sum();
        assert!(text.contains(&money_b(new_total)), "{text}");
        assert!(text.starts_with("Over 2026–2035 Microsoft's take"));
        assert!(
            text.ends_with(
                "From 2029, Microsoft takes less under the new terms than under the old."
            ),
            "{text}"
        );
    }

    #[test]
    fn pins_are_named_with_their_figures_and_absent_pins_add_nothing() {
        let s = Scenario::default();
        assert_eq!(describe_pins(Ghosted::Cumulative, &s, &[]), "");
        let short = with_inputs(&[(InputKey::Until, 2027.0), (InputKey::Cap, 100.0)]);
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
        let in_2027 = with_inputs(&[(InputKey::Year, 2027.0)]);
        assert_eq!(
            describe_pins(Ghosted::Revenue, &in_2027, &pins[..1]),
            "Pinned for comparison, as faint lines of revenue: “Short <run>” has revenue of $48.2B in 2027."
        );
        let take: f64 = short_ledger.rows.iter().map(|r| r.microsoft_take_new).sum();
        assert!(describe_pins(Ghosted::MicrosoftTake, &s, &pins[..1])
            .ends_with(&format!("“Short <run>” gives Microsoft {}.", money_b(take))));
    }
}
