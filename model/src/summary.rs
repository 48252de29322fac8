//! The scenario in two plain sentences: first what OpenAI pays under each terms, then what the
//! difference means for Microsoft once its stake in OpenAI is counted.

use crate::format::{money_b, percent};
use crate::ledger::{Ledger, FIRST_YEAR, LAST_YEAR};
use crate::scenario::Scenario;

/// Two sentences generated from the numbers, reading well in every corner: a cap of zero, a
/// cap never reached, payments ending first, a reverse share above the rate.
pub fn summary(s: &Scenario, l: &Ledger) -> String {
    let s = s.bounded();
    format!("{} {}", payments_sentence(&s, l), microsoft_sentence(&s, l))
}

fn payments_sentence(s: &Scenario, l: &Ledger) -> String {
    let h = &l.headline;
    let cap = money_b(s.cap);
    let total_new = money_b(h.total_new);
    let new_terms = if s.cap <= 0.0 {
        format!("A cap of {cap} means no payments at all under the new terms")
    } else if is_zero(h.total_new) && s.covered <= 0.0 {
        "With none of OpenAI's revenue covered by the share, OpenAI pays Microsoft nothing under the new terms".to_string()
    } else if is_zero(h.total_new) {
        format!(
            "At a {} revenue share OpenAI pays Microsoft nothing under the new terms",
            percent(s.rate)
        )
    } else {
        let mut why = why_payments_stop(s, l, &format!("the {cap} cap"));
        // It opens the sentence.
        why[..1].make_ascii_uppercase();
        format!("{why}, so OpenAI pays Microsoft {total_new} in total under the new terms")
    };
    format!("{new_terms}, {}.", old_terms_clause(s, l))
}

/// "the $38B cap is reached in 2029": why payments under the new terms stop where they do,
/// when OpenAI pays something, with the cap named as `the_cap`. The summary and the live
/// sentence tell their totals after it.
pub(crate) fn why_payments_stop(s: &Scenario, l: &Ledger, the_cap: &str) -> String {
    if let Some(year) = l.headline.cap_year {
        format!("{the_cap} is reached in {year}")
    } else if year_of(s.until) < LAST_YEAR {
        format!(
            "payments end after {}, before {the_cap} is reached",
            year_of(s.until)
        )
    } else {
        format!("{the_cap} is not reached by {LAST_YEAR}")
    }
}

/// "against $96B under the old terms through 2030": what the old terms would have paid, which
/// way the money goes when the reverse share exceeds the share. The summary and the live
/// sentence end their totals with it.
pub(crate) fn old_terms_clause(s: &Scenario, l: &Ledger) -> String {
    let total_old = l.headline.total_old;
    let old_until = year_of(s.old_until);
    if is_zero(total_old) {
        "against nothing under the old terms".to_string()
    } else if total_old > 0.0 {
        format!(
            "against {} under the old terms through {old_until}",
            money_b(total_old)
        )
    } else {
        format!(
            "against a net {} from Microsoft to OpenAI under the old terms through {old_until}",
            money_b(-total_old)
        )
    }
}

fn microsoft_sentence(s: &Scenario, l: &Ledger) -> String {
    let h = &l.headline;
    let span = format!("{FIRST_YEAR}–{LAST_YEAR}");
    if is_zero(h.openai_savings) {
        return format!(
            "Both terms cost OpenAI the same, so Microsoft's take over {span} is unchanged."
        );
    }
    let (effect, direction) = if h.openai_savings > 0.0 {
        (
            format!("The new terms save OpenAI {}", money_b(h.openai_savings)),
            "falls",
        )
    } else {
        (
            format!(
                "The new terms cost OpenAI {} more",
                money_b(-h.openai_savings)
            ),
            "rises",
        )
    };
    if s.stake <= 0.0 {
        format!("{effect}, and with no stake in OpenAI, Microsoft's take over {span} {direction} by the same amount.")
    } else {
        let only = if h.openai_savings > 0.0 { "only " } else { "" };
        format!(
            "{effect}; counting its {} stake in OpenAI, Microsoft's take over {span} {direction} by {only}{}.",
            percent(s.stake),
            money_b(h.microsoft_change.abs())
        )
    }
}

/// Zero as the reader will see it: an amount that formats as "$0B" is spoken of as nothing,
/// so the words never contradict the figures next to them. The live sentence speaks so too.
pub(crate) fn is_zero(v: f64) -> bool {
    money_b(v.abs()) == "$0B"
}

fn year_of(v: f64) -> i32 {
    v.round().clamp(f64::from(FIRST_YEAR), f64::from(LAST_YEAR)) as i32
}
