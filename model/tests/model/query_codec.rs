//! Reading and writing scenarios as URL queries.

use deal_model::{encode_query, parse_query, InputKey, Scenario, INPUTS};
use proptest::prelude::*;

use crate::strategies::scenario;

fn messages(query: &str) -> Vec<(String, String)> {
    parse_query(query)
        .1
        .into_iter()
        .map(|n| (n.key, n.message))
        .collect()
}

#[test]
fn the_defaults_encode_as_nothing_and_decode_from_nothing() {
    assert_eq!(encode_query(&Scenario::default()), "");
    assert_eq!(parse_query(""), (Scenario::default(), vec![]));
    assert_eq!(parse_query("?"), (Scenario::default(), vec![]));
}

#[test]
fn only_changed_keys_are_written_in_table_order() {
    let mut s = Scenario::default();
    s.set(InputKey::Seed, 4_294_967_295.0);
    s.set(InputKey::M26, -100.0);
    s.set(InputKey::R26, 30.5);
    s.set(InputKey::Cap, 50.0);
    assert_eq!(encode_query(&s), "r26=30.5&cap=50&m26=-100&seed=4294967295");
}

#[test]
fn a_query_sets_keys_with_or_without_a_question_mark() {
    let (s, notices) = parse_query("?r30=280&cap=50");
    assert!(notices.is_empty());
    assert_eq!((s.r30, s.cap, s.r26), (280.0, 50.0, 30.0));
    assert_eq!(parse_query("r30=280&cap=50").0, s);
    // Percent-encoding is decoded: %35%30 is "50".
    assert_eq!(parse_query("cap=%35%30").0.cap, 50.0);
}

#[test]
fn out_of_range_values_are_clamped_with_a_notice() {
    let (s, _) = parse_query("cap=900&m26=-500&r26=30.2");
    assert_eq!((s.cap, s.m26, s.r26), (200.0, -200.0, 30.0));
    assert_eq!(
        messages("cap=900&m26=-500&r26=30.2"),
        [
            (
                "cap".into(),
                "cap=900 is above the maximum; using $200B.".into()
            ),
            (
                "m26".into(),
                "m26=-500 is below the minimum; using −200%.".into()
            ),
            (
                "r26".into(),
                "r26=30.2 is between steps; using $30B.".into()
            ),
        ]
    );
}

#[test]
fn bad_numbers_fall_back_to_the_default_with_a_notice() {
    let (s, _) = parse_query("cap=abc&stake=&g=NaN&rate=inf");
    assert_eq!(s, Scenario::default());
    assert_eq!(
        messages("cap=abc&stake=&g=NaN"),
        [
            (
                "cap".into(),
                "cap=abc is not a number; using the default $38B.".into()
            ),
            (
                "stake".into(),
                "stake= has no value; using the default 27%.".into()
            ),
            (
                "g".into(),
                "g=NaN is not a number; using the default 15%.".into()
            ),
        ]
    );
}

#[test]
fn unknown_keys_are_ignored_with_a_notice_and_reserved_keys_silently() {
    let (s, notices) = parse_query("v=1&embed=1&theme=dark&foo=bar&cap=40");
    assert_eq!(s.cap, 40.0);
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].key, "foo");
    assert_eq!(
        notices[0].message,
        "foo=bar is not a setting of this explorer; ignored."
    );
}

#[test]
fn a_repeated_key_takes_the_last_value() {
    let (s, notices) = parse_query("cap=40&cap=45");
    assert_eq!(s.cap, 45.0);
    assert_eq!(
        notices[0].message,
        "cap appears more than once; using the last value."
    );
}

#[test]
fn a_long_value_is_shortened_in_the_notice() {
    let long = "9".repeat(60);
    let (s, notices) = parse_query(&format!("cap={long}"));
    assert_eq!(s.cap, 200.0);
    let expected = format!("cap={}… is above the maximum; using $200B.", "9".repeat(40));
    assert_eq!(notices[0].message, expected);
}

#[test]
fn every_input_is_in_the_codec() {
    for input in INPUTS {
        let far = if input.max == input.default {
            input.min
        } else {
            input.max
        };
        let mut s = Scenario::default();
        s.set(input.key, far);
        let query = encode_query(&s);
        assert_eq!(query, format!("{}={far}", input.name), "{}", input.key);
        assert_eq!(parse_query(&query).0, s);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn encoding_round_trips(s in scenario()) {
        let query = encode_query(&s);
        let (decoded, notices) = parse_query(&query);
        prop_assert_eq!(decoded, s);
        prop_assert!(notices.is_empty(), "{:?}", notices);
    }

    #[test]
    fn any_string_parses_without_panicking(q in any::<String>()) {
        let (s, _) = parse_query(&q);
        prop_assert_eq!(s.clamped(), s);
    }

    #[test]
    fn query_shaped_strings_parse_into_range(q in "[?]?((r26|cap|year|seed|g|x|v)=[-+$%,.0-9eE−BNa]{0,12}&?){0,6}") {
        let (s, notices) = parse_query(&q);
        prop_assert_eq!(s.clamped(), s);
        for notice in notices {
            prop_assert!(notice.message.ends_with('.'));
        }
    }
}

#[test]
fn a_link_reproduces_its_ensemble_up_to_the_largest_seed() {
    for (query, seed) in [
        ("vol=20&seed=7", 7_u64),
        ("vol=60&seed=4294967295", 4_294_967_295),
        ("vol=1&seed=4294967294", 4_294_967_294),
    ] {
        let (s, notices) = parse_query(query);
        assert!(notices.is_empty(), "{query}: {notices:?}");
        assert_eq!(encode_query(&s), query);
        // The seed survives as the exact integer, not a float rounded on the way.
        assert_eq!(s.seed, seed as f64);
        let e = deal_model::simulate(&s, 50);
        assert_eq!(e.seed, seed);
        assert_eq!(
            e,
            deal_model::simulate(&parse_query(&encode_query(&s)).0, 50)
        );
    }
    // One past the largest seed is clamped back to it, with a notice.
    let (s, notices) = parse_query("vol=20&seed=4294967296");
    assert_eq!(s.seed, 4_294_967_295.0);
    assert_eq!(notices.len(), 1, "{notices:?}");
}
