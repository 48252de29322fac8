//! The scenario as a live sentence, in the manner of Bret Victor's Tangle: words from the
//! numbers, with some of the reader's inputs standing in the text as numbers to drag.
//!
//! At the defaults it reads: "If OpenAI earns [$200B] in 2030 and owes Microsoft [20%] of its
//! revenue up to a cap of [$38B], the cap is reached in 2029: OpenAI pays Microsoft $38B in all
//! under the new terms, against $96B under the old terms through 2030. In [2030], Microsoft
//! takes $18.9B under the new terms (no payments that year, just its [27%] stake's share of
//! OpenAI's profit), and OpenAI keeps all of its $200B revenue." The bracketed numbers are
//! [`Segment::Number`]s.
//!
//! The draggable inputs are the same five, in the same order, in every scenario
//! ([`SENTENCE_KEYS`]), so a number the reader is dragging never leaves the sentence under
//! the pointer, whatever corner the drag passes through. Every other figure is a ledger figure
//! in [`money_b`] or an input as [`InputSpec::format_value`](crate::InputSpec::format_value)
//! writes it. The corners are those of [`summary`](crate::summary()): a cap of zero, a cap
//! never reached, payments ending before the cap, nothing covered, old terms running from
//! Microsoft to OpenAI, no stake, and in the year shown a loss, no payments, or a take of
//! nothing.

use crate::format::money_b;
use crate::inputs::InputKey;
use crate::ledger::Ledger;
use crate::scenario::Scenario;
use crate::summary::{is_zero, old_terms_clause, why_payments_stop};

/// One piece of the live sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Words and figures that follow from the scenario.
    Text(String),
    /// An input the reader can drag, shown as its input's `format_value` of the scenario's
    /// value.
    Number(InputKey),
}

/// The inputs that stand in the sentence as numbers to drag, in the order they appear.
pub const SENTENCE_KEYS: [InputKey; 5] = [
    InputKey::R30,
    InputKey::Rate,
    InputKey::Cap,
    InputKey::Year,
    InputKey::Stake,
];

/// The live sentence of a scenario and its ledger (computed from the same scenario): two
/// sentences, what OpenAI pays in all under each terms, then what Microsoft takes and OpenAI
/// keeps in the year shown. Adjacent text is merged into one [`Segment::Text`], and the
/// sentence never starts or ends with a number.
pub fn sentence(s: &Scenario, l: &Ledger) -> Vec<Segment> {
    let s = s.bounded();
    let mut out = Builder::default();
    premise(&mut out, &s);
    totals(&mut out, &s, l);
    out.text(" ");
    year_shown(&mut out, &s, l);
    out.segments
}

/// The sentence as plain text, each number written as its input's `format_value` of the
/// scenario's value (bounded into its range, as the ledger reads it): for screen readers,
/// copying and tests.
pub fn sentence_text(segments: &[Segment], s: &Scenario) -> String {
    let s = s.bounded();
    segments
        .iter()
        .map(|segment| match segment {
            Segment::Text(text) => text.clone(),
            Segment::Number(key) => key.spec().format_value(s.get(*key)),
        })
        .collect()
}

#[derive(Default)]
struct Builder {
    segments: Vec<Segment>,
}

impl Builder {
    fn text(&mut self, text: &str) {
        if let Some(Segment::Text(last)) = self.segments.last_mut() {
            last.push_str(text);
        } else {
            self.segments.push(Segment::Text(text.to_string()));
        }
    }

    fn number(&mut self, key: InputKey) {
        self.segments.push(Segment::Number(key));
    }
}

/// "If OpenAI earns [r30] in 2030 and owes Microsoft [rate] of its revenue up to a cap of
/// [cap], ": the revenue share as the reader set it, with the share of revenue it covers
/// when that is not all of it.
fn premise(out: &mut Builder, s: &Scenario) {
    out.text("If OpenAI earns ");
    out.number(InputKey::R30);
    out.text(" in 2030 and owes Microsoft ");
    out.number(InputKey::Rate);
    if s.covered < 100.0 {
        out.text(&format!(
            " of {} of its revenue up to a cap of ",
            InputKey::Covered.spec().format_value(s.covered)
        ));
    } else {
        out.text(" of its revenue up to a cap of ");
    }
    out.number(InputKey::Cap);
    out.text(", ");
}

/// What OpenAI pays in all under the new terms and why it stops there, against the old terms.
fn totals(out: &mut Builder, s: &Scenario, l: &Ledger) {
    let h = &l.headline;
    let total_new = money_b(h.total_new);
    let new_terms = if s.cap <= 0.0 || is_zero(h.total_new) {
        // The reason is in the premise just before: a cap of $0B, a 0% rate, or 0% covered.
        "OpenAI pays Microsoft nothing under the new terms".to_string()
    } else {
        format!(
            "{}: OpenAI pays Microsoft {total_new} in all under the new terms",
            why_payments_stop(s, l, "the cap")
        )
    };
    out.text(&format!("{new_terms}, {}.", old_terms_clause(s, l)));
}

/// "In [year], Microsoft takes $X under the new terms (…), and OpenAI keeps $Y of its $R
/// revenue."
fn year_shown(out: &mut Builder, s: &Scenario, l: &Ledger) {
    let row = l.selected(s);
    let take = row.microsoft_take_new;
    let paid = row.share_new;
    let stake_part = s.stake / 100.0 * row.net_income_new;
    let result = if row.net_income_new < 0.0 {
        "loss"
    } else {
        "profit"
    };

    out.text("In ");
    out.number(InputKey::Year);
    let verb = if is_zero(take) {
        "nets nothing".to_string()
    } else if take > 0.0 {
        format!("takes {}", money_b(take))
    } else {
        format!("loses {}", money_b(-take))
    };
    out.text(&format!(", Microsoft {verb} under the new terms ("));

    // What the take is made of: the year's payments, then the stake's part, by its sign.
    let payments = if is_zero(paid) {
        "no payments that year".to_string()
    } else {
        format!("{} in payments", money_b(paid))
    };
    if s.stake <= 0.0 {
        out.text(&format!("{payments}, and with a "));
        out.number(InputKey::Stake);
        out.text(&format!(" stake no share of OpenAI's {result}"));
    } else if is_zero(stake_part) {
        out.text(&format!("{payments}, and its "));
        out.number(InputKey::Stake);
        out.text(&format!(
            " stake's share of OpenAI's {result} comes to nothing"
        ));
    } else {
        let joint = match (is_zero(paid), stake_part > 0.0) {
            (true, _) => ", just its ",
            (false, true) => " plus its ",
            (false, false) => " less its ",
        };
        out.text(&format!("{payments}{joint}"));
        out.number(InputKey::Stake);
        out.text(&format!(" stake's share of OpenAI's {result}"));
    }

    let revenue = money_b(row.revenue);
    let kept = money_b(row.openai_kept_new);
    let keeps = if is_zero(paid) {
        format!("all of its {revenue} revenue")
    } else if kept == revenue {
        format!("almost all of its {revenue} revenue")
    } else {
        format!("{kept} of its {revenue} revenue")
    };
    out.text(&format!("), and OpenAI keeps {keeps}."));
}
