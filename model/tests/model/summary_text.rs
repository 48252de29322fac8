//! The summary, word for word, in the ordinary case and in every corner the issue names.

use deal_model::{parse_query, summary, Ledger};
use proptest::prelude::*;

use crate::strategies::scenario;

fn summary_of(query: &str) -> String {
    let (s, notices) = parse_query(query);
    assert!(notices.is_empty(), "{notices:?}");
    summary(&s, &Ledger::compute(&s))
}

#[test]
fn defaults() {
    assert_eq!(
        summary_of(""),
        "The $38B cap is reached in 2029, so OpenAI pays Microsoft $38B in total under the new terms, \
         against $96B under the old terms through 2030. The new terms save OpenAI $58B; counting its \
         27% stake in OpenAI, Microsoft's take over 2026–2035 falls by only $42.4B."
    );
}

#[test]
fn a_cap_of_zero_means_no_payments_at_all() {
    assert_eq!(
        summary_of("cap=0"),
        "A cap of $0B means no payments at all under the new terms, against $96B under the old \
         terms through 2030. The new terms save OpenAI $96B; counting its 27% stake in OpenAI, \
         Microsoft's take over 2026–2035 falls by only $70.1B."
    );
}

#[test]
fn payments_end_before_the_cap_binds() {
    assert_eq!(
        summary_of("until=2027&cap=100"),
        "Payments end after 2027, before the $100B cap is reached, so OpenAI pays Microsoft $15.6B \
         in total under the new terms, against $96B under the old terms through 2030. The new terms \
         save OpenAI $80.4B; counting its 27% stake in OpenAI, Microsoft's take over 2026–2035 falls \
         by only $58.7B."
    );
}

#[test]
fn the_cap_is_never_reached_while_payments_run_to_2035() {
    // Bear revenue at 5%: 0.05 * (25 + 33.4 + 44.7 + 59.8 + 80 + 88 + 96.8 + 106.5 + 117.1 + 128.8)
    // = 0.05 * 780.2 = $39B, under a $50B cap.
    assert_eq!(
        summary_of("r26=25&r30=80&g=10&rate=5&cap=50&until=2035"),
        "The $50B cap is not reached by 2035, so OpenAI pays Microsoft $39B in total under the new \
         terms, against $12.1B under the old terms through 2030. The new terms cost OpenAI $26.9B \
         more; counting its 27% stake in OpenAI, Microsoft's take over 2026–2035 rises by $19.6B."
    );
}

#[test]
fn reverse_share_above_the_rate() {
    assert_eq!(
        summary_of("rate=10&reverse=20"),
        "The $38B cap is reached in 2030, so OpenAI pays Microsoft $38B in total under the new \
         terms, against a net $48B from Microsoft to OpenAI under the old terms through 2030. The \
         new terms cost OpenAI $86B more; counting its 27% stake in OpenAI, Microsoft's take over \
         2026–2035 rises by $62.8B."
    );
}

#[test]
fn no_stake_means_microsoft_bears_the_whole_difference() {
    assert_eq!(
        summary_of("stake=0"),
        "The $38B cap is reached in 2029, so OpenAI pays Microsoft $38B in total under the new \
         terms, against $96B under the old terms through 2030. The new terms save OpenAI $58B, and \
         with no stake in OpenAI, Microsoft's take over 2026–2035 falls by the same amount."
    );
}

#[test]
fn a_zero_rate_pays_nothing_under_either_terms() {
    assert_eq!(
        summary_of("rate=0"),
        "At a 0% revenue share OpenAI pays Microsoft nothing under the new terms, against nothing \
         under the old terms. Both terms cost OpenAI the same, so Microsoft's take over 2026–2035 \
         is unchanged."
    );
}

#[test]
fn no_covered_revenue_pays_nothing_and_says_why() {
    // The reverse share is of all revenue, so with nothing shared the old terms run the other
    // way.
    assert_eq!(
        summary_of("covered=0&reverse=5"),
        "With none of OpenAI's revenue covered by the share, OpenAI pays Microsoft nothing under \
         the new terms, against a net $24B from Microsoft to OpenAI under the old terms through \
         2030. The new terms cost OpenAI $24B more; counting its 27% stake in OpenAI, Microsoft's \
         take over 2026–2035 rises by $17.5B."
    );
}

#[test]
fn a_cap_out_of_reach_leaves_the_terms_equal() {
    assert_eq!(
        summary_of("cap=200"),
        "Payments end after 2030, before the $200B cap is reached, so OpenAI pays Microsoft $96B in \
         total under the new terms, against $96B under the old terms through 2030. Both terms cost \
         OpenAI the same, so Microsoft's take over 2026–2035 is unchanged."
    );
}

#[test]
fn the_cap_reached_in_the_first_year() {
    assert_eq!(
        summary_of("cap=5&old_until=2026"),
        "The $5B cap is reached in 2026, so OpenAI pays Microsoft $5B in total under the new terms, \
         against $6B under the old terms through 2026. The new terms save OpenAI $1B; counting its \
         27% stake in OpenAI, Microsoft's take over 2026–2035 falls by only $730M."
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn every_summary_is_two_plain_sentences(s in scenario()) {
        let text = summary(&s, &Ledger::compute(&s));
        prop_assert!(text.ends_with('.'), "{text}");
        prop_assert_eq!(text.matches(". ").count(), 1, "{}", text);
        for bad in ["NaN", "inf", "—", "  ", "−$0B", "..", "$-"] {
            prop_assert!(!text.contains(bad), "{bad} in {text}");
        }
        prop_assert!(text.starts_with(char::is_uppercase), "{text}");
    }
}
