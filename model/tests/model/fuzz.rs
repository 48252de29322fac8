//! Untrusted text in: links and typed numbers. With the default 256 cases this runs in
//! `cargo test`; `make bench` runs it with `PROPTEST_CASES=100000`.

use deal_model::{parse_page, INPUTS};
use proptest::prelude::*;

/// Mostly plausible query material, with any character now and then.
fn query_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,120}",
        proptest::collection::vec(
            ("(r26|r30|g|rate|cap|until|old_until|reverse|stake|m26|margin|profit_year|year|vol|seed|v|embed|theme|%72%33%30|x)",
             "[-+0-9.,eE%$Bb a-z∞−]{0,16}"),
            0..12,
        )
        .prop_map(|pairs| pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")),
    ]
}

/// Mostly number-like text, with any character now and then.
fn typed_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,30}",
        "[ \\-−$]{0,2}[0-9,]{0,8}(\\.[0-9]{0,4})?([eE][-+]?[0-9]{1,4})?[ Bb%]{0,2}"
    ]
}

proptest! {
    #[test]
    fn any_link_reads_as_an_in_range_scenario(query in query_text()) {
        let page = parse_page(&query);
        for input in INPUTS {
            let value = page.scenario.get(input.key);
            prop_assert!(value >= input.min && value <= input.max, "{}={} from {:?}", input.key, value, query);
            prop_assert_eq!(input.clamp(value), value, "{} is off its step grid", input.key);
        }
    }

    #[test]
    fn any_typed_text_is_rejected_or_lands_in_range(text in typed_text(), which in 0..INPUTS.len()) {
        let input = &INPUTS[which];
        if let Ok(typed) = input.parse_typed(&text) {
            prop_assert!(typed.value >= input.min && typed.value <= input.max, "{:?} gave {}", text, typed.value);
            prop_assert_eq!(input.clamp(typed.value), typed.value);
        }
    }
}
