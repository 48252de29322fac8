//! Pinned scenarios: up to [`MAX_PINS`] scenarios a reader keeps beside the live one, named, so
//! that the charts can draw them as ghosts and a table can set their figures against the live
//! scenario's. Pins travel in the page's query, so a shared link reproduces the comparison.
//!
//! # URL grammar, version 1
//!
//! One `pin` key per pin, in order. After `form_urlencoded` decoding, a value reads
//!
//! ```text
//! value    = version [ "~" settings [ "~" name ] ]
//! version  = "1"
//! settings = [ setting *( "," setting ) ]
//! setting  = key ":" number          ; a key of INPUTS, a number as in the main codec
//! name     = any text, to the end of the value (it may contain "~", ",", ":")
//! ```
//!
//! e.g. `pin=1~r30:280,cap:50~Bull+case`. The version leads so that a later grammar can change
//! everything after it; keys and numbers never contain `~`, `,` or `:`, and the name comes last
//! and runs to the end, so no character of a name needs escaping beyond the query's own
//! percent-encoding (which `form_urlencoded` applies to the name when writing). Only inputs that
//! differ from the defaults are written, in the order of [`INPUTS`], as the main codec does; a
//! name equal to the default for its position (`Pin 2` second) is left off.
//!
//! Reading is lenient: a value with an unknown version, an unknown or repeated key, or a number
//! that does not parse is dropped whole with a [`Notice`] (a half-read pin would compare
//! something the link's author never pinned); a number out of range or between steps is clamped
//! with a notice, like the main codec; pins past the third are dropped with a notice.

use crate::float_text::shortest;
use crate::inputs::{InputError, InputKey, INPUTS};
use crate::ledger::Headline;
use crate::query::{echo, Notice};
use crate::scenario::Scenario;

/// The URL key, repeated once per pin.
pub const PIN_KEY: &str = "pin";

/// The pin grammar this build writes and the only one it reads.
pub const PIN_VERSION: u32 = 1;

/// Three ghosts are as many as a chart can draw and a reader can tell apart.
pub const MAX_PINS: usize = 3;

/// Longest name in characters: long enough for "Bull case, cap $50B, no reverse share", short
/// enough to fit a chart legend on a phone.
pub const NAME_LIMIT: usize = 40;

const SECTION: char = '~';
const SETTING: char = ',';
const VALUE: char = ':';

/// A scenario the reader pinned, under the name the charts and the table show.
#[derive(Clone, Debug, PartialEq)]
pub struct Pin {
    name: String,
    pub scenario: Scenario,
}

impl Pin {
    /// A pin at `index` (0-based) of a scenario clamped as if the reader had set it, under
    /// `name` cleaned by [`clean_name`]; an empty name becomes the default for the position.
    pub fn new(name: &str, scenario: Scenario, index: usize) -> Pin {
        let cleaned = clean_name(name);
        Pin {
            name: if cleaned.is_empty() {
                default_name(index)
            } else {
                cleaned
            },
            scenario: scenario.clamped(),
        }
    }

    /// Always cleaned and never empty: only [`Pin::new`] and [`Pin::rename`] set it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Renames the pin; a name that cleans to nothing keeps the old one, since a reader who
    /// clears the field and leaves it has not asked for a different name.
    pub fn rename(&mut self, name: &str) {
        let cleaned = clean_name(name);
        if !cleaned.is_empty() {
            self.name = cleaned;
        }
    }

    /// Whether the pin holds the same inputs as `scenario`, the selected year aside: the year
    /// changes no figure the comparison shows.
    pub fn holds(&self, scenario: &Scenario) -> bool {
        let mut other = scenario.clamped();
        other.year = self.scenario.year;
        other == self.scenario
    }
}

/// "Pin 1", "Pin 2", ... for a 0-based position.
pub fn default_name(index: usize) -> String {
    format!("Pin {}", index.saturating_add(1))
}

/// The first default name no pin uses, so a new pin never shares a name with an old one.
pub fn next_default_name(pins: &[Pin]) -> String {
    (0..=pins.len())
        .map(default_name)
        .find(|name| pins.iter().all(|pin| pin.name != *name))
        .unwrap_or_else(|| default_name(pins.len()))
}

/// A typed or linked name as it is kept: control characters (line breaks, tabs, escapes)
/// removed, surrounding whitespace trimmed, at most [`NAME_LIMIT`] characters. Applying it
/// twice changes nothing, so names survive any number of round trips.
pub fn clean_name(name: &str) -> String {
    let visible: String = name.chars().filter(|c| !c.is_control()).collect();
    visible
        .trim()
        .chars()
        .take(NAME_LIMIT)
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// The query parts for the pins, `pin=...` each, ready to join with `&`.
pub fn encode_pins(pins: &[Pin]) -> Vec<String> {
    let defaults = Scenario::default();
    pins.iter()
        .take(MAX_PINS)
        .enumerate()
        .map(|(index, pin)| {
            let settings: Vec<String> = INPUTS
                .iter()
                .filter_map(|input| {
                    let value = pin.scenario.get(input.key);
                    (value != defaults.get(input.key))
                        .then(|| format!("{}{VALUE}{}", input.name, shortest(value)))
                })
                .collect();
            let mut value = format!("{PIN_KEY}={PIN_VERSION}");
            let named = pin.name != default_name(index);
            if !settings.is_empty() || named {
                value.push(SECTION);
                value.push_str(&settings.join(&SETTING.to_string()));
            }
            if named {
                value.push(SECTION);
                value.extend(form_urlencoded::byte_serialize(pin.name.as_bytes()));
            }
            value
        })
        .collect()
}

/// Reads every `pin` value of a query, in order, keeping at most [`MAX_PINS`]. Never panics.
pub fn parse_pins(query: &str) -> (Vec<Pin>, Vec<Notice>) {
    let mut reader = PinReader::default();
    for (key, value) in crate::query::pairs(query) {
        if key == PIN_KEY {
            reader.read(&value);
        }
    }
    (reader.pins, reader.notices)
}

/// The pins of an address, built up value by value.
#[derive(Default)]
pub(crate) struct PinReader {
    pub(crate) pins: Vec<Pin>,
    pub(crate) notices: Vec<Notice>,
    seen: usize,
}

impl PinReader {
    /// Takes the value of one `pin` pair.
    pub(crate) fn read(&mut self, value: &str) {
        self.seen += 1;
        let seen = self.seen;
        let notice = |message: String| Notice {
            key: PIN_KEY.to_string(),
            message,
        };
        match parse_pin(value, self.pins.len()) {
            Err(problem) => self.notices.push(notice(format!(
                "Pinned scenario {seen} ({}) {problem}; it was left out.",
                echo(value)
            ))),
            Ok(_) if self.pins.len() >= MAX_PINS => self.notices.push(notice(format!(
                "Pinned scenario {seen} was left out: at most {MAX_PINS} scenarios can be pinned."
            ))),
            Ok((pin, adjusted)) => {
                for message in adjusted {
                    self.notices
                        .push(notice(format!("In “{}”, {message}", pin.name)));
                }
                self.pins.push(pin);
            }
        }
    }
}

/// One decoded `pin` value at position `index`, with the clamping it needed in words.
fn parse_pin(value: &str, index: usize) -> Result<(Pin, Vec<String>), String> {
    let mut sections = value.splitn(3, SECTION);
    let version = sections.next().unwrap_or_default();
    if version.trim() != PIN_VERSION.to_string() {
        return Err(if version.trim().parse::<u32>().is_ok() {
            format!(
                "was made by pin format {}, which this version cannot read",
                echo(version)
            )
        } else {
            "does not start with a pin format version".to_string()
        });
    }
    let settings = sections.next().unwrap_or_default();
    let name = sections.next().unwrap_or_default();

    let mut scenario = Scenario::default();
    let mut seen: Vec<InputKey> = Vec::new();
    let mut adjusted = Vec::new();
    for setting in settings.split(SETTING).filter(|s| !s.is_empty()) {
        let (key, number) = setting
            .split_once(VALUE)
            .ok_or_else(|| format!("has “{}” where a key:value setting belongs", echo(setting)))?;
        let input = InputKey::from_name(key)
            .map(InputKey::spec)
            .ok_or_else(|| format!("names “{}”, not a setting", echo(key)))?;
        if seen.contains(&input.key) {
            return Err(format!("sets {} twice", input.key));
        }
        seen.push(input.key);
        let (used, adjustment) = match input.read_linked(number) {
            Ok(read) => read,
            Err(InputError::Empty) => return Err(format!("has no value for {}", input.key)),
            Err(InputError::NotANumber) => {
                return Err(format!("has {}={}, not a number", input.key, echo(number)))
            }
        };
        if adjustment.is_some() {
            adjusted.push(format!(
                "{}={} is outside the range or between steps; using {}.",
                input.key,
                echo(number),
                input.format_value(used)
            ));
        }
        scenario.set(input.key, used);
    }
    Ok((Pin::new(name, scenario, index), adjusted))
}

/// How a pin's headline figures differ from the live scenario's: pin minus live, so "+$3B"
/// means the pin has $3B more.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    /// Years later (positive) or earlier; `None` unless both reach the cap.
    pub cap_year: Option<i32>,
    pub total_new: f64,
    pub total_old: f64,
    pub openai_savings: f64,
    pub microsoft_change: f64,
}

/// One row of the comparison table.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The pin's name; `None` for the live scenario.
    pub name: Option<String>,
    pub figures: Headline,
    /// Against the live scenario; `None` for the live scenario itself.
    pub difference: Option<Difference>,
}

/// The live scenario's headline, then each pin's with its difference against the live one.
/// Takes headlines rather than scenarios so the app reuses the ledgers it already computed for
/// the charts.
pub fn compare<'a>(
    live: &Headline,
    pins: impl IntoIterator<Item = (&'a str, &'a Headline)>,
) -> Vec<Comparison> {
    let mut rows = vec![Comparison {
        name: None,
        figures: live.clone(),
        difference: None,
    }];
    rows.extend(pins.into_iter().map(|(name, pinned)| Comparison {
        name: Some(name.to_string()),
        figures: pinned.clone(),
        difference: Some(Difference {
            cap_year: match (pinned.cap_year, live.cap_year) {
                (Some(pin), Some(live)) => Some(pin - live),
                _ => None,
            },
            total_new: pinned.total_new - live.total_new,
            total_old: pinned.total_old - live.total_old,
            openai_savings: pinned.openai_savings - live.openai_savings,
            microsoft_change: pinned.microsoft_change - live.microsoft_change,
        }),
    }));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::Ledger;
    use crate::scenario::with_inputs as scenario;

    fn query(pins: &[Pin]) -> String {
        encode_pins(pins).join("&")
    }

    fn messages(notices: &[Notice]) -> Vec<&str> {
        notices.iter().map(|n| n.message.as_str()).collect()
    }

    #[test]
    fn names_are_cleaned_limited_and_never_empty() {
        assert_eq!(clean_name("  Bull\tcase\n "), "Bullcase");
        assert_eq!(clean_name("\u{1b}[31mred"), "[31mred");
        let long = "é".repeat(50);
        assert_eq!(clean_name(&long).chars().count(), NAME_LIMIT);
        // Cut at the limit, a trailing space is trimmed too, so cleaning is idempotent.
        let spaced = format!("{} tail", "a".repeat(NAME_LIMIT - 1));
        assert_eq!(clean_name(&spaced), "a".repeat(NAME_LIMIT - 1));
        assert_eq!(Pin::new(" \u{7} ", Scenario::default(), 1).name(), "Pin 2");
        let mut pin = Pin::new("Bear", Scenario::default(), 0);
        pin.rename("   ");
        assert_eq!(pin.name(), "Bear", "clearing the field keeps the name");
        pin.rename(" Bear, cap $50B ");
        assert_eq!(pin.name(), "Bear, cap $50B");
    }

    #[test]
    fn a_new_default_name_skips_names_in_use() {
        let pins = [Pin::new("Pin 1", Scenario::default(), 1)];
        assert_eq!(next_default_name(&pins), "Pin 2");
        assert_eq!(next_default_name(&[]), "Pin 1");
        let pins = [Pin::new("Pin 2", Scenario::default(), 0)];
        assert_eq!(next_default_name(&pins), "Pin 1");
    }

    #[test]
    fn only_changed_inputs_and_names_other_than_the_default_are_written() {
        let pins = [
            Pin::new("", Scenario::default(), 0),
            Pin::new(
                "",
                scenario(&[(InputKey::Cap, 50.0), (InputKey::R30, 280.0)]),
                1,
            ),
            Pin::new(
                "Bull & co = <b>",
                scenario(&[(InputKey::M26, -100.0), (InputKey::R26, 30.5)]),
                2,
            ),
        ];
        assert_eq!(
            encode_pins(&pins),
            [
                "pin=1",
                "pin=1~r30:280,cap:50",
                "pin=1~r26:30.5,m26:-100~Bull+%26+co+%3D+%3Cb%3E"
            ]
        );
        // A default scenario under its own name.
        assert_eq!(
            encode_pins(&[Pin::new("Now", Scenario::default(), 0)]),
            ["pin=1~~Now"]
        );
        // A default name in another position is a name like any other.
        assert_eq!(
            encode_pins(&[Pin::new("Pin 2", Scenario::default(), 0)]),
            ["pin=1~~Pin+2"]
        );
    }

    #[test]
    fn names_with_the_grammar_s_own_characters_read_back() {
        let pins = [Pin::new("a~b,c:d.e", scenario(&[(InputKey::G, -5.0)]), 0)];
        let (read, notices) = parse_pins(&query(&pins));
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(read, pins);
    }

    #[test]
    fn a_hand_typed_pin_reads_leniently() {
        // Spaces as %20, a literal `~` in the name, a clamped value.
        let (pins, notices) = parse_pins("?pin=1~cap:900,r30:280~My%20~pin&cap=40");
        assert_eq!(pins.len(), 1);
        assert_eq!(pins[0].name(), "My ~pin");
        assert_eq!((pins[0].scenario.cap, pins[0].scenario.r30), (200.0, 280.0));
        assert_eq!(
            messages(&notices),
            ["In “My ~pin”, cap=900 is outside the range or between steps; using $200B."]
        );
    }

    #[test]
    fn malformed_and_future_pins_are_dropped_with_a_notice_and_the_rest_kept() {
        let (pins, notices) = parse_pins(
            "pin=2~cap:50&pin=x&pin=1~bogus:1&pin=1~cap:lots&pin=1~cap&pin=1~cap:1,cap:2&pin=&pin=1~cap:50",
        );
        assert_eq!(pins.len(), 1, "{pins:?}");
        assert_eq!(pins[0].scenario.cap, 50.0);
        assert_eq!(
            pins[0].name(),
            "Pin 1",
            "the first kept pin takes the first name"
        );
        assert_eq!(
            messages(&notices),
            [
                "Pinned scenario 1 (2~cap:50) was made by pin format 2, which this version cannot read; it was left out.",
                "Pinned scenario 2 (x) does not start with a pin format version; it was left out.",
                "Pinned scenario 3 (1~bogus:1) names “bogus”, not a setting; it was left out.",
                "Pinned scenario 4 (1~cap:lots) has cap=lots, not a number; it was left out.",
                "Pinned scenario 5 (1~cap) has “cap” where a key:value setting belongs; it was left out.",
                "Pinned scenario 6 (1~cap:1,cap:2) sets cap twice; it was left out.",
                "Pinned scenario 7 () does not start with a pin format version; it was left out.",
            ]
        );
        assert!(notices.iter().all(|n| n.key == PIN_KEY));
    }

    #[test]
    fn a_fourth_pin_is_dropped_with_a_notice() {
        let (pins, notices) = parse_pins("pin=1~cap:10&pin=1~cap:20&pin=1~cap:30&pin=1~cap:40");
        let caps: Vec<f64> = pins.iter().map(|p| p.scenario.cap).collect();
        assert_eq!(caps, [10.0, 20.0, 30.0]);
        assert_eq!(
            messages(&notices),
            ["Pinned scenario 4 was left out: at most 3 scenarios can be pinned."]
        );
        // Only three are ever written, whatever is handed over.
        let four: Vec<Pin> = (0..4)
            .map(|i| Pin::new("", Scenario::default(), i))
            .collect();
        assert_eq!(encode_pins(&four).len(), MAX_PINS);
    }

    #[test]
    fn holding_a_scenario_ignores_the_selected_year_only() {
        let pin = Pin::new("", scenario(&[(InputKey::Cap, 50.0)]), 0);
        assert!(pin.holds(&scenario(&[
            (InputKey::Cap, 50.0),
            (InputKey::Year, 2027.0)
        ])));
        assert!(!pin.holds(&scenario(&[(InputKey::Cap, 51.0)])));
    }

    #[test]
    fn compare_subtracts_the_live_figures_from_each_pin() {
        let live = Headline {
            cap_year: Some(2029),
            total_new: 38.0,
            total_old: 96.0,
            openai_savings: 58.0,
            microsoft_change: -42.34,
        };
        let higher = Headline {
            cap_year: Some(2028),
            total_new: 50.0,
            total_old: 130.5,
            openai_savings: 80.5,
            microsoft_change: -58.765,
        };
        let never = Headline {
            cap_year: None,
            total_new: 15.64,
            total_old: 96.0,
            openai_savings: 80.36,
            microsoft_change: -58.6628,
        };
        let rows = compare(&live, [("High", &higher), ("Never", &never)]);
        assert_eq!(rows.len(), 3);
        assert_eq!(
            (rows[0].name.as_deref(), &rows[0].difference),
            (None, &None)
        );
        assert_eq!(rows[0].figures, live);
        let high = rows[1].difference.clone().expect("a pin has a difference");
        assert_eq!(rows[1].name.as_deref(), Some("High"));
        assert_eq!(high.cap_year, Some(-1));
        assert_eq!(high.total_new, 12.0);
        assert_eq!(high.total_old, 34.5);
        assert_eq!(high.openai_savings, 22.5);
        assert!((high.microsoft_change - -16.425).abs() < 1e-12);
        let never = rows[2].difference.clone().expect("a pin has a difference");
        assert_eq!(never.cap_year, None, "no year to count from");
        assert!((never.total_new - -22.36).abs() < 1e-12);
    }

    #[test]
    fn compare_of_real_ledgers_matches_the_hand_figures() {
        // Defaults: 20% of 30, 48.2, 77.5 ($34.0B by 2028), then the last $4.0B in 2029.
        // until=2027, cap=100: 6 + 9.64 = $15.64B, never reaching the cap.
        let live = Ledger::compute(&Scenario::default());
        let short = Ledger::compute(&scenario(&[
            (InputKey::Until, 2027.0),
            (InputKey::Cap, 100.0),
        ]));
        let rows = compare(&live.headline, [("Short", &short.headline)]);
        let difference = rows[1].difference.clone().expect("a pin has a difference");
        assert!((rows[1].figures.total_new - 15.64).abs() < 0.01);
        assert!((difference.total_new - (15.64 - 38.0)).abs() < 0.01);
        assert_eq!(difference.total_old, 0.0, "the old terms are the same");
        assert_eq!(difference.cap_year, None);
    }
}
