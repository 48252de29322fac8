//! A scenario as a URL query string: lenient when reading, since links are typed, pasted and
//! truncated, and minimal when writing, since only what differs from the defaults needs sharing.

use crate::float_text::shortest;
use crate::inputs::{InputError, InputKey, INPUTS};
use crate::scenario::Scenario;

/// Keys the app uses for itself (format version, embedding, theme, pinned scenarios): read
/// elsewhere, never reported as unknown.
pub const RESERVED_KEYS: &[&str] = &[
    "v",
    "embed",
    "theme",
    crate::view::CHART_KEY,
    crate::pins::PIN_KEY,
];

/// Longest part of a reader's value echoed back in a notice, so a pasted essay stays readable.
const ECHO_LIMIT: usize = 40;

/// Something the reader should know about how their link was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub key: String,
    pub message: String,
}

/// The decoded `key=value` pairs of a query, a leading `?` dropped: the one tokeniser of the
/// address, shared by the scenario, pin and view readers.
pub(crate) fn pairs(q: &str) -> form_urlencoded::Parse<'_> {
    form_urlencoded::parse(q.strip_prefix('?').unwrap_or(q).as_bytes())
}

/// Reads a query such as `?r30=280&cap=50` into a scenario. Unknown keys are ignored, bad
/// numbers fall back to the default, out-of-range or off-step values are clamped, and each
/// of these leaves a [`Notice`]. A repeated key: the last one wins. Never panics.
pub fn parse_query(q: &str) -> (Scenario, Vec<Notice>) {
    let mut reader = ScenarioReader::default();
    for (key, value) in pairs(q) {
        if !RESERVED_KEYS.contains(&key.as_ref()) {
            reader.read(&key, &value);
        }
    }
    (reader.scenario, reader.notices)
}

/// The scenario of an address, built up pair by pair.
#[derive(Default)]
pub(crate) struct ScenarioReader {
    pub(crate) scenario: Scenario,
    pub(crate) notices: Vec<Notice>,
    seen: Vec<InputKey>,
}

impl ScenarioReader {
    /// Takes one pair that is not one of the [`RESERVED_KEYS`].
    pub(crate) fn read(&mut self, key: &str, value: &str) {
        let shown = format!("{}={}", echo(key), echo(value));
        let Some(input) = InputKey::from_name(key).map(InputKey::spec) else {
            self.notices.push(Notice {
                key: key.to_string(),
                message: format!("{shown} is not a setting of this explorer; ignored."),
            });
            return;
        };
        if self.seen.contains(&input.key) {
            self.notices.push(Notice {
                key: input.name.to_string(),
                message: format!(
                    "{} appears more than once; using the last value.",
                    input.key
                ),
            });
        } else {
            self.seen.push(input.key);
        }
        let (stored, message) = match input.read_linked(value) {
            Err(InputError::Empty) => (
                input.default,
                Some(format!(
                    "{shown} has no value; using the default {}.",
                    input.format_value(input.default)
                )),
            ),
            Err(InputError::NotANumber) => (
                input.default,
                Some(format!(
                    "{shown} is not a number; using the default {}.",
                    input.format_value(input.default)
                )),
            ),
            Ok((used, adjustment)) => (
                used,
                adjustment.map(|adjustment| {
                    format!("{shown} {adjustment}; using {}.", input.format_value(used))
                }),
            ),
        };
        self.scenario.set(input.key, stored);
        if let Some(message) = message {
            self.notices.push(Notice {
                key: input.name.to_string(),
                message,
            });
        }
    }
}

/// Only the keys whose values differ from the defaults, in the order of [`INPUTS`], values in
/// shortest round-trip `{}` formatting; the defaults encode as the empty string.
pub fn encode_query(s: &Scenario) -> String {
    let defaults = Scenario::default();
    let mut out = form_urlencoded::Serializer::new(String::new());
    for input in INPUTS {
        let value = s.get(input.key);
        if value != defaults.get(input.key) {
            out.append_pair(input.name, &shortest(value));
        }
    }
    out.finish()
}

/// A reader's text as a notice quotes it: cut at [`ECHO_LIMIT`] characters, so a pasted essay
/// stays readable. The pin codec quotes the same way.
pub(crate) fn echo(text: &str) -> String {
    if text.chars().count() <= ECHO_LIMIT {
        text.to_string()
    } else {
        let mut short: String = text.chars().take(ECHO_LIMIT).collect();
        short.push('…');
        short
    }
}
