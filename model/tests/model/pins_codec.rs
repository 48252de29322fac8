//! Pinned scenarios through the page's query: whatever a reader pins and names, a link brings
//! back the very same pins, and no link makes the reader lose the page.

use deal_model::pins::{clean_name, encode_pins, parse_pins, MAX_PINS, NAME_LIMIT};
use deal_model::{page_query, parse_page, Pin, Scenario, View, INPUTS};
use proptest::prelude::*;

use crate::strategies::scenario;

/// Names that have broken codecs before: the query's own characters, markup, the pin
/// grammar's separators, dots, unicode beyond the BMP, control characters, and plain text.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("&".to_string()),
        Just("a=b&pin=2~cap:1".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("<img src=x onerror=alert(1)>&\"".to_string()),
        Just("Über-Szenario 🚀 ~,: ..".to_string()),
        Just("%41%zz+ +".to_string()),
        Just(String::new()),
        Just("Pin 2".to_string()),
        "[a-z .~,:&=%+]{0,50}",
        "\\PC{0,60}",
        any::<String>(),
    ]
}

fn pins() -> impl Strategy<Value = Vec<Pin>> {
    proptest::collection::vec((name(), scenario()), 0..=MAX_PINS).prop_map(|drawn| {
        drawn
            .into_iter()
            .enumerate()
            .map(|(index, (name, scenario))| Pin::new(&name, scenario, index))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn any_pins_round_trip_exactly(pins in pins()) {
        let query = encode_pins(&pins).join("&");
        let (read, notices) = parse_pins(&query);
        prop_assert!(notices.is_empty(), "{query}: {notices:?}");
        prop_assert_eq!(read, pins);
    }

    #[test]
    fn a_page_with_pins_round_trips_beside_its_scenario(
        live in scenario(),
        pins in pins(),
        embed in any::<bool>(),
    ) {
        let view = View { embed, ..View::default() };
        let query = page_query(&live, &pins, &view);
        let page = parse_page(&format!("?{query}"));
        prop_assert!(page.notices.is_empty(), "{query}: {:?}", page.notices);
        prop_assert_eq!((page.scenario, page.pins, page.view), (live, pins, view));
    }

    #[test]
    fn names_are_kept_clean_short_and_never_empty(name in any::<String>(), index in 0_usize..3) {
        let pin = Pin::new(&name, Scenario::default(), index);
        prop_assert!(!pin.name().is_empty());
        prop_assert!(pin.name().chars().count() <= NAME_LIMIT);
        prop_assert!(!pin.name().chars().any(char::is_control));
        prop_assert_eq!(clean_name(pin.name()), pin.name());
    }

    /// Pasted, truncated, hand-edited pins: never a panic, never more than three, every pin
    /// in range.
    #[test]
    fn any_pin_values_read_as_at_most_three_in_range_pins(
        values in proptest::collection::vec("(1|2|x|)(~[a-z_0-9:,.\\-~%]{0,30}){0,3}", 0..6)
    ) {
        let query: Vec<String> = values.iter().map(|v| format!("pin={v}")).collect();
        let (read, _) = parse_pins(&query.join("&"));
        prop_assert!(read.len() <= MAX_PINS);
        for pin in &read {
            prop_assert_eq!(pin.scenario, pin.scenario.clamped());
            for input in INPUTS {
                let value = pin.scenario.get(input.key);
                prop_assert!(value >= input.min && value <= input.max);
            }
        }
    }
}

#[test]
fn a_link_with_four_pins_keeps_three_and_says_so() {
    let page = parse_page("?cap=40&pin=1~cap:10&pin=1~cap:20~Two&pin=1&pin=1~cap:30");
    assert_eq!(page.pins.len(), 3);
    assert_eq!(page.pins[1].name(), "Two");
    assert_eq!(page.scenario.cap, 40.0);
    let pin_notices: Vec<&str> = page
        .notices
        .iter()
        .filter(|n| n.key == "pin")
        .map(|n| n.message.as_str())
        .collect();
    assert_eq!(
        pin_notices,
        ["Pinned scenario 4 was left out: at most 3 scenarios can be pinned."]
    );
    assert_eq!(page.notices.len(), 1, "pin is not an unknown key");
}
