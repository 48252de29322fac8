//! The live sentence, word for word at the defaults, true in every corner the summary handles,
//! and over random scenarios: no figure it states that the ledger does not hold.

use deal_model::{
    money_b, parse_query, sentence, sentence_text, InputKey, Ledger, Scenario, Segment,
    SENTENCE_KEYS,
};
use proptest::prelude::*;

use crate::strategies::scenario;

/// The scenario of a query (which must read without notices), its ledger and its sentence.
fn read(query: &str) -> (Scenario, Ledger, String) {
    let (s, notices) = parse_query(query);
    assert!(notices.is_empty(), "{notices:?}");
    let l = Ledger::compute(&s);
    let text = sentence_text(&sentence(&s, &l), &s);
    (s, l, text)
}

fn numbers(segments: &[Segment]) -> Vec<InputKey> {
    segments
        .iter()
        .filter_map(|segment| match segment {
            Segment::Number(key) => Some(*key),
            Segment::Text(_) => None,
        })
        .collect()
}

/// Every money figure in a text, "$38B", "$885M", with a minus sign before it if there is one.
fn money_figures(text: &str) -> Vec<String> {
    let mut figures = Vec::new();
    for (at, _) in text.match_indices('$') {
        let body: String = text[at + 1..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .collect();
        let unit = text[at + 1 + body.len()..].chars().next();
        let sign = if text[..at].ends_with('\u{2212}') {
            "\u{2212}"
        } else {
            ""
        };
        figures.push(format!(
            "{sign}${body}{}",
            unit.map(String::from).unwrap_or_default()
        ));
    }
    figures
}

#[test]
fn defaults_read_word_for_word() {
    let s = Scenario::default();
    let l = Ledger::compute(&s);
    let segments = sentence(&s, &l);
    let text = |t: &str| Segment::Text(t.to_string());
    assert_eq!(
        segments,
        [
            text("If OpenAI earns "),
            Segment::Number(InputKey::R30),
            text(" in 2030 and owes Microsoft "),
            Segment::Number(InputKey::Rate),
            text(" of its revenue up to a cap of "),
            Segment::Number(InputKey::Cap),
            text(
                ", the cap is reached in 2029: OpenAI pays Microsoft $38B in all under the new \
                 terms, against $96B under the old terms through 2030. In "
            ),
            Segment::Number(InputKey::Year),
            text(", Microsoft takes $18.9B under the new terms (no payments that year, just its "),
            Segment::Number(InputKey::Stake),
            text(" stake's share of OpenAI's profit), and OpenAI keeps all of its $200B revenue."),
        ]
    );
    assert_eq!(
        sentence_text(&segments, &s),
        "If OpenAI earns $200B in 2030 and owes Microsoft 20% of its revenue up to a cap of $38B, \
         the cap is reached in 2029: OpenAI pays Microsoft $38B in all under the new terms, \
         against $96B under the old terms through 2030. In 2030, Microsoft takes $18.9B under the \
         new terms (no payments that year, just its 27% stake's share of OpenAI's profit), and \
         OpenAI keeps all of its $200B revenue."
    );
}

#[test]
fn a_year_with_payments_and_a_loss() {
    let (_, l, text) = read("year=2026");
    let row = &l.rows[0];
    // 2026 at the defaults: $6B paid, a −65% margin, so the stake's share of the loss
    // outweighs the payments.
    assert!(row.microsoft_take_new < 0.0);
    assert!(
        text.ends_with(&format!(
            "In 2026, Microsoft loses {} under the new terms ({} in payments less its 27% stake's \
             share of OpenAI's loss), and OpenAI keeps {} of its {} revenue.",
            money_b(-row.microsoft_take_new),
            money_b(row.share_new),
            money_b(row.openai_kept_new),
            money_b(row.revenue)
        )),
        "{text}"
    );
    assert_eq!(money_b(row.share_new), "$6B");
}

#[test]
fn a_year_with_payments_and_a_profit() {
    let (_, l, text) = read("year=2029&profit_year=2026");
    let row = l.row(2029).expect("2029");
    assert!(row.share_new > 0.0 && row.net_income_new > 0.0);
    assert!(
        text.ends_with(&format!(
            "In 2029, Microsoft takes {} under the new terms ({} in payments plus its 27% stake's \
             share of OpenAI's profit), and OpenAI keeps {} of its {} revenue.",
            money_b(row.microsoft_take_new),
            money_b(row.share_new),
            money_b(row.openai_kept_new),
            money_b(row.revenue)
        )),
        "{text}"
    );
}

#[test]
fn a_cap_of_zero_means_no_payments_at_all() {
    let (_, l, text) = read("cap=0");
    assert!(
        text.starts_with(&format!(
            "If OpenAI earns $200B in 2030 and owes Microsoft 20% of its revenue up to a cap of \
             $0B, OpenAI pays Microsoft nothing under the new terms, against {} under the old \
             terms through 2030. ",
            money_b(l.headline.total_old)
        )),
        "{text}"
    );
}

#[test]
fn the_cap_is_never_reached_while_payments_run_to_2035() {
    let (_, l, text) = read("r26=25&r30=80&g=10&rate=5&cap=50&until=2035");
    assert_eq!(l.headline.cap_year, None);
    assert!(
        text.contains(&format!(
            "up to a cap of $50B, the cap is not reached by 2035: OpenAI pays Microsoft {} in all \
             under the new terms, against {} under the old terms through 2030.",
            money_b(l.headline.total_new),
            money_b(l.headline.total_old)
        )),
        "{text}"
    );
}

#[test]
fn payments_end_before_the_cap_binds() {
    let (_, l, text) = read("until=2027&cap=100");
    assert_eq!(l.headline.cap_year, None);
    assert!(
        text.contains(&format!(
            "up to a cap of $100B, payments end after 2027, before the cap is reached: OpenAI pays \
             Microsoft {} in all under the new terms, against {} under the old terms through 2030.",
            money_b(l.headline.total_new),
            money_b(l.headline.total_old)
        )),
        "{text}"
    );
    assert_eq!(money_b(l.headline.total_new), "$15.6B");
}

#[test]
fn nothing_covered_says_so_in_the_premise_and_old_terms_run_the_other_way() {
    let (_, l, text) = read("covered=0&reverse=5");
    assert!(l.headline.total_old < 0.0);
    assert!(
        text.starts_with(&format!(
            "If OpenAI earns $200B in 2030 and owes Microsoft 20% of 0% of its revenue up to a cap \
             of $38B, OpenAI pays Microsoft nothing under the new terms, against a net {} from \
             Microsoft to OpenAI under the old terms through 2030. ",
            money_b(-l.headline.total_old)
        )),
        "{text}"
    );
    let (_, _, text) = read("covered=80");
    assert!(
        text.contains("owes Microsoft 20% of 80% of its revenue up to"),
        "{text}"
    );
}

#[test]
fn a_zero_rate_pays_nothing_under_either_terms() {
    let (_, _, text) = read("rate=0");
    assert!(
        text.starts_with(
            "If OpenAI earns $200B in 2030 and owes Microsoft 0% of its revenue up to a cap of \
             $38B, OpenAI pays Microsoft nothing under the new terms, against nothing under the \
             old terms. "
        ),
        "{text}"
    );
}

#[test]
fn old_terms_ending_early_are_named() {
    let (_, l, text) = read("cap=5&old_until=2026");
    assert!(
        text.contains(&format!(
            "the cap is reached in 2026: OpenAI pays Microsoft $5B in all under the new terms, \
             against {} under the old terms through 2026.",
            money_b(l.headline.total_old)
        )),
        "{text}"
    );
}

#[test]
fn no_stake_means_payments_alone() {
    let (_, l, text) = read("stake=0&year=2027");
    let row = l.row(2027).expect("2027");
    assert!(
        text.ends_with(&format!(
            "In 2027, Microsoft takes {} under the new terms ({} in payments, and with a 0% stake \
             no share of OpenAI's loss), and OpenAI keeps {} of its {} revenue.",
            money_b(row.microsoft_take_new),
            money_b(row.share_new),
            money_b(row.openai_kept_new),
            money_b(row.revenue)
        )),
        "{text}"
    );
    let (_, _, text) = read("stake=0&cap=0");
    assert!(
        text.ends_with(
            "In 2030, Microsoft nets nothing under the new terms (no payments that year, and with \
             a 0% stake no share of OpenAI's profit), and OpenAI keeps all of its $200B revenue."
        ),
        "{text}"
    );
}

#[test]
fn a_year_without_payments_and_with_a_loss() {
    // Payments stop after 2026; the margin stays negative to 2035.
    let (_, l, text) = read("until=2026&cap=100&year=2028&margin=-20");
    let row = l.row(2028).expect("2028");
    assert!(row.microsoft_take_new < 0.0);
    assert!(
        text.ends_with(&format!(
            "In 2028, Microsoft loses {} under the new terms (no payments that year, just its 27% \
             stake's share of OpenAI's loss), and OpenAI keeps all of its {} revenue.",
            money_b(-row.microsoft_take_new),
            money_b(row.revenue)
        )),
        "{text}"
    );
}

#[test]
fn the_numbers_are_the_reader_inputs_and_read_as_the_inputs_do() {
    let (s, _) = parse_query("r30=285&rate=13&cap=71&year=2033&stake=27.5");
    let segments = sentence(&s, &Ledger::compute(&s));
    assert_eq!(numbers(&segments), SENTENCE_KEYS);
    let text = sentence_text(&segments, &s);
    for needle in [
        "earns $285B in 2030",
        "owes Microsoft 13% of",
        "a cap of $71B,",
        "In 2033,",
        "its 27.5% stake",
    ] {
        assert!(text.contains(needle), "{needle} in {text}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn every_sentence_states_only_ledger_figures(s in scenario()) {
        let l = Ledger::compute(&s);
        let segments = sentence(&s, &l);
        let text = sentence_text(&segments, &s);
        for bad in ["NaN", "inf", "—", "−$0B", "  ", "..", "$-", "\u{2212}"] {
            prop_assert!(!text.contains(bad), "{} in {}", bad, text);
        }
        prop_assert!(text.ends_with('.'), "{}", text);
        prop_assert_eq!(text.matches(". ").count(), 1, "{}", text);

        // The numbers to drag: the same five in the same order in every corner.
        prop_assert_eq!(numbers(&segments), SENTENCE_KEYS);
        prop_assert!(matches!(segments.first(), Some(Segment::Text(_))));
        prop_assert!(matches!(segments.last(), Some(Segment::Text(_))));
        for pair in segments.windows(2) {
            prop_assert!(
                !matches!(pair, [Segment::Text(_), Segment::Text(_)]),
                "adjacent text is merged: {:?}", segments
            );
        }

        // Every money figure of the words is a ledger figure after formatting.
        let h = &l.headline;
        let row = l.selected(&s);
        let ledger_figures: Vec<String> = [
            h.total_new,
            h.total_old.abs(),
            row.share_new,
            row.microsoft_take_new.abs(),
            row.openai_kept_new,
            row.revenue,
        ]
        .iter()
        .map(|v| money_b(*v))
        .collect();
        for segment in &segments {
            if let Segment::Text(words) = segment {
                for figure in money_figures(words) {
                    prop_assert!(
                        ledger_figures.contains(&figure),
                        "{} is not a ledger figure ({:?}) in {}", figure, ledger_figures, text
                    );
                }
            }
        }

        // The words agree with the ledger on when the cap is reached and who pays.
        match h.cap_year {
            Some(year) if s.cap > 0.0 && money_b(h.total_new) != "$0B" => {
                let reached = format!("the cap is reached in {year}:");
                prop_assert!(text.contains(&reached), "{}", text);
            }
            _ => prop_assert!(!text.contains("the cap is reached in"), "{}", text),
        }
        prop_assert_eq!(
            text.contains("from Microsoft to OpenAI"),
            h.total_old < 0.0 && money_b(-h.total_old) != "$0B",
            "{}", text
        );
        let take = row.microsoft_take_new;
        if money_b(take.abs()) == "$0B" {
            prop_assert!(text.contains("Microsoft nets nothing"), "{}", text);
        } else if take > 0.0 {
            let takes = format!("Microsoft takes {} ", money_b(take));
            prop_assert!(text.contains(&takes), "{}", text);
        } else {
            let loses = format!("Microsoft loses {} ", money_b(-take));
            prop_assert!(text.contains(&loses), "{}", text);
        }
    }
}
