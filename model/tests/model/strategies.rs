//! Scenarios drawn over each input's real range as listed in `INPUTS`, snapped to the grid the
//! way a reader's slider would be, with the range ends and defaults drawn often so the corner
//! cases (cap 0, profit year 2026, reverse above rate, ...) come up in every run.

use deal_model::{InputKey, InputSpec, Scenario, INPUTS};
use proptest::prelude::*;

pub fn value_of(input: &'static InputSpec) -> BoxedStrategy<f64> {
    prop_oneof![
        6 => (input.min..=input.max).prop_map(move |v| input.clamp(v)),
        1 => Just(input.min),
        1 => Just(input.max),
        1 => Just(input.default),
    ]
    .boxed()
}

pub fn scenario() -> impl Strategy<Value = Scenario> {
    let values: Vec<BoxedStrategy<f64>> = INPUTS.iter().map(value_of).collect();
    values.prop_map(|values| {
        let mut s = Scenario::default();
        for (input, value) in INPUTS.iter().zip(values) {
            s.set(input.key, value);
        }
        s
    })
}

/// A scenario and one more on-grid value of the given input.
pub fn scenario_and_value(key: InputKey) -> impl Strategy<Value = (Scenario, f64)> {
    let input = key.spec();
    (scenario(), value_of(input))
}
