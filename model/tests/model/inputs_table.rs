//! The input table itself: the spec's keys, ranges and steps, clamping, typing and formatting.

use deal_model::{Group, InputError, InputKey, Scenario, Typed, Unit, INPUTS};
use proptest::prelude::*;

#[test]
fn the_table_lists_the_spec_inputs_in_order() {
    let rows: Vec<(&str, f64, f64, f64, f64)> = INPUTS
        .iter()
        .map(|i| (i.name, i.default, i.min, i.max, i.step))
        .collect();
    assert_eq!(
        rows,
        [
            ("r26", 30.0, 5.0, 100.0, 0.5),
            ("r30", 200.0, 20.0, 600.0, 5.0),
            ("g", 15.0, -20.0, 60.0, 1.0),
            ("rate", 20.0, 0.0, 50.0, 1.0),
            ("cap", 38.0, 0.0, 200.0, 1.0),
            ("until", 2030.0, 2026.0, 2035.0, 1.0),
            ("old_until", 2030.0, 2026.0, 2035.0, 1.0),
            ("reverse", 0.0, 0.0, 20.0, 0.5),
            ("covered", 100.0, 0.0, 100.0, 5.0),
            ("stake", 27.0, 0.0, 49.0, 0.5),
            ("m26", -65.0, -200.0, 0.0, 5.0),
            ("margin", 35.0, -50.0, 60.0, 1.0),
            ("profit_year", 2030.0, 2026.0, 2035.0, 1.0),
            ("year", 2030.0, 2026.0, 2035.0, 1.0),
            ("vol", 0.0, 0.0, 60.0, 1.0),
            ("seed", 1.0, 1.0, 4_294_967_295.0, 1.0),
        ]
    );
}

#[test]
fn units_and_groups() {
    let of = |name| InputKey::from_name(name).map(|key| (key.spec().unit, key.spec().group));
    assert_eq!(of("r30"), Some((Unit::Billions, Group::Revenue)));
    assert_eq!(of("cap"), Some((Unit::Billions, Group::NewTerms)));
    assert_eq!(of("rate"), Some((Unit::Percent, Group::NewTerms)));
    assert_eq!(of("covered"), Some((Unit::Percent, Group::NewTerms)));
    assert_eq!(of("old_until"), Some((Unit::Year, Group::OldTerms)));
    assert_eq!(of("stake"), Some((Unit::Percent, Group::Ownership)));
    assert_eq!(of("year"), Some((Unit::Year, Group::View)));
    assert_eq!(of("seed"), Some((Unit::Count, Group::Uncertainty)));
    assert_eq!(of("nope"), None, "a link's unknown key is no input");
}

#[test]
fn every_input_is_well_formed() {
    for input in INPUTS {
        assert!(input.min < input.max, "{}", input.key);
        assert!(input.step > 0.0, "{}", input.key);
        assert_eq!(
            input.clamp(input.default),
            input.default,
            "{} default on grid",
            input.key
        );
        assert_eq!(
            input.clamp(input.max),
            input.max,
            "{} max on grid",
            input.key
        );
        // Steps that are binary fractions keep `min + n * step` exact.
        assert_eq!((input.step * 1024.0).fract(), 0.0, "{} step", input.key);
        assert!(
            !input.label.is_empty() && !input.help.is_empty(),
            "{}",
            input.key
        );
        assert_eq!(input.key.spec(), input, "the key indexes its own row");
        assert_eq!(InputKey::from_name(input.name), Some(input.key));
        assert_eq!(input.key.to_string(), input.name);
    }
    let mut names: Vec<&str> = INPUTS.iter().map(|i| i.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), INPUTS.len());
}

#[test]
fn the_scenario_holds_exactly_the_table() {
    let defaults = Scenario::default();
    for input in INPUTS {
        assert_eq!(defaults.get(input.key), input.default, "{}", input.key);
        let mut s = Scenario::default();
        let (far, beyond) = if input.max == input.default {
            (input.min, input.min - 1e6)
        } else {
            (input.max, input.max + 1e6)
        };
        assert_eq!(s.set(input.key, beyond), far);
        assert_eq!(s.get(input.key), far);
        // Only that key changed.
        let changed = INPUTS
            .iter()
            .filter(|other| s.get(other.key) != defaults.get(other.key))
            .count();
        assert_eq!(changed, 1, "{}", input.key);
    }
}

#[test]
fn clamp_snaps_to_the_grid_and_bounds() {
    let r26 = InputKey::R26.spec();
    assert_eq!(r26.clamp(30.24), 30.0);
    assert_eq!(r26.clamp(30.26), 30.5);
    assert_eq!(r26.clamp(1e300), 100.0);
    assert_eq!(r26.clamp(-1e300), 5.0);
    assert_eq!(r26.clamp(f64::NAN), 30.0);
    assert_eq!(r26.clamp(f64::INFINITY), 30.0);
    let r30 = InputKey::R30.spec();
    assert_eq!(r30.clamp(200.0), 200.0);
    assert_eq!(r30.clamp(202.4), 200.0);
    assert_eq!(r30.clamp(202.6), 205.0);
    let m26 = InputKey::M26.spec();
    assert_eq!(m26.clamp(-0.1).to_string(), "0");
    assert_eq!(m26.clamp(-67.4), -65.0);
    assert_eq!(InputKey::Seed.spec().clamp(0.2), 1.0);
}

#[test]
fn every_grid_point_is_exact() {
    for input in INPUTS.iter().filter(|i| i.key != InputKey::Seed) {
        let points = ((input.max - input.min) / input.step).round() as i64;
        for k in 0..=points {
            let exact = input.min + k as f64 * input.step;
            let clamped = input.clamp(exact);
            assert_eq!(clamped, exact, "{} point {k}", input.key);
            // No float noise: at most one decimal in shortest formatting.
            let text = clamped.to_string();
            let decimals = text.split_once('.').map_or(0, |(_, f)| f.len());
            assert!(decimals <= 1, "{} {text}", input.key);
        }
    }
}

proptest! {
    #[test]
    fn clamp_is_idempotent_and_in_range(index in 0..INPUTS.len(), v in any::<f64>()) {
        let input = &INPUTS[index];
        let once = input.clamp(v);
        prop_assert!(once >= input.min && once <= input.max);
        prop_assert_eq!(input.clamp(once), once);
        let steps = (once - input.min) / input.step;
        prop_assert_eq!(steps, steps.round());
    }

    #[test]
    fn typed_text_never_panics(index in 0..INPUTS.len(), text in any::<String>()) {
        if let Ok(typed) = INPUTS[index].parse_typed(&text) {
            prop_assert!(typed.value.is_finite());
        }
    }

    #[test]
    fn formatted_values_read_back(index in 0..INPUTS.len(), v in any::<f64>()) {
        let input = &INPUTS[index];
        let value = input.clamp(v);
        let typed = input.parse_typed(&input.format_value(value));
        prop_assert_eq!(typed, Ok(Typed { value, adjusted: false }));
    }
}

#[test]
fn typed_numbers_accept_what_readers_write() {
    let typed = |key: InputKey, text: &str| key.spec().parse_typed(text);
    let ok = |value, adjusted| Ok(Typed { value, adjusted });
    assert_eq!(typed(InputKey::Cap, " $38B "), ok(38.0, false));
    assert_eq!(typed(InputKey::Cap, "38 b"), ok(38.0, false));
    assert_eq!(typed(InputKey::Cap, "$ 40"), ok(40.0, false));
    assert_eq!(typed(InputKey::R30, "1,000"), ok(600.0, true));
    assert_eq!(typed(InputKey::R30, "202.6"), ok(205.0, true));
    assert_eq!(typed(InputKey::M26, "−65%"), ok(-65.0, false));
    assert_eq!(typed(InputKey::M26, "-65 %"), ok(-65.0, false));
    assert_eq!(typed(InputKey::G, "-$5"), Err(InputError::NotANumber));
    assert_eq!(typed(InputKey::Cap, "-$3"), ok(0.0, true));
    assert_eq!(typed(InputKey::Cap, "$-3B"), ok(0.0, true));
    assert_eq!(typed(InputKey::Rate, ".5"), ok(1.0, true));
    assert_eq!(
        typed(InputKey::Seed, "4,294,967,295"),
        ok(4_294_967_295.0, false)
    );
    assert_eq!(typed(InputKey::Until, "2031"), ok(2031.0, false));
}

#[test]
fn typed_numbers_refuse_what_is_not_a_number() {
    let typed = |key: InputKey, text: &str| key.spec().parse_typed(text);
    assert_eq!(typed(InputKey::Cap, ""), Err(InputError::Empty));
    assert_eq!(typed(InputKey::Cap, "   "), Err(InputError::Empty));
    for text in [
        "abc", "1,5", "12,34", "1,000,00", "inf", "NaN", "--5", "-−5", "$", "%", "20%",
    ] {
        assert_eq!(
            typed(InputKey::Cap, text),
            Err(InputError::NotANumber),
            "{text}"
        );
    }
    assert_eq!(typed(InputKey::Rate, "$5"), Err(InputError::NotANumber));
    assert_eq!(typed(InputKey::Rate, "5B"), Err(InputError::NotANumber));
    assert_eq!(typed(InputKey::Until, "2030%"), Err(InputError::NotANumber));
    assert_eq!(typed(InputKey::R30, "1e999"), Err(InputError::NotANumber));
}

#[test]
fn values_and_messages_read_as_the_reader_expects() {
    let format = |key: InputKey, v| key.spec().format_value(v);
    assert_eq!(format(InputKey::Cap, 38.0), "$38B");
    assert_eq!(format(InputKey::R26, 30.5), "$30.5B");
    assert_eq!(format(InputKey::Rate, 20.0), "20%");
    assert_eq!(format(InputKey::Stake, 27.5), "27.5%");
    assert_eq!(format(InputKey::M26, -65.0), "−65%");
    assert_eq!(format(InputKey::Until, 2030.0), "2030");
    assert_eq!(format(InputKey::Seed, 4_294_967_295.0), "4294967295");
    assert_eq!(format(InputKey::Cap, f64::NAN), "—");
    assert_eq!(
        InputKey::R30.spec().range_message(),
        "Enter a number from $20B to $600B."
    );
    assert_eq!(
        InputKey::M26.spec().range_message(),
        "Enter a number from −200% to 0%."
    );
    assert_eq!(
        InputKey::Year.spec().range_message(),
        "Enter a number from 2026 to 2035."
    );
    assert_eq!(InputError::Empty.to_string(), "Enter a number.");
    assert_eq!(InputError::NotANumber.to_string(), "That is not a number.");
}

#[test]
fn help_texts_say_only_what_the_sources_support() {
    let help = |key: InputKey| key.spec().help;
    // (0.20 x 3.7 - 0.4938) / 3.7 = 0.0665: about 6.7%, not 6.6%.
    assert_eq!(format!("{:.1}", (0.2 * 3.7 - 0.4938) / 3.7 * 100.0), "6.7");
    assert!(help(InputKey::Reverse).contains("about 6.7%"));
    assert!(
        !help(InputKey::Reverse).contains("matches"),
        "the defaults match no reported total"
    );
    // When old-terms payments would have ended is not public; the AGI clause governed exclusivity.
    assert!(help(InputKey::OldUntil).starts_with("Not public"));
    assert!(!help(InputKey::OldUntil).contains("would have ended the payments"));
    assert!(help(InputKey::Covered).starts_with("Not public"));
    // Facts carry their kind.
    assert!(help(InputKey::Stake).starts_with("Filed"));
    assert!(help(InputKey::Until).starts_with("Announced"));
    assert!(help(InputKey::R26).starts_with("Plan"));
    assert!(help(InputKey::R30).starts_with("Projections"));
    assert!(help(InputKey::Cap).starts_with("Reported"));
}
