//! The reader's scenario as the app's one piece of state, changed only through [`Action`]s.
//!
//! Every value that enters here is clamped by the model's input table, so nothing downstream
//! ever sees an out-of-range scenario. Returning the same `Rc` when nothing changed lets Yew
//! skip the re-render (Yew 0.23 compares the pointers).

use std::rc::Rc;

use deal_model::{spec, Preset, Scenario};
use yew::Reducible;

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A slider moved or a number was typed; the value is clamped to the input's range.
    Set {
        key: &'static str,
        value: f64,
    },
    /// Back to the input's default.
    Reset {
        key: &'static str,
    },
    /// Revenue inputs of a preset; the terms stay as they are.
    ApplyPreset(&'static Preset),
    ResetAll,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScenarioState {
    pub scenario: Scenario,
}

impl Reducible for ScenarioState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = self.scenario;
        match action {
            Action::Set { key, value } => {
                next.set(key, value);
            }
            Action::Reset { key } => {
                if let Some(input) = spec(key) {
                    next.set(key, input.default);
                }
            }
            Action::ApplyPreset(preset) => next = next.with_preset(preset),
            Action::ResetAll => next = Scenario::default(),
        }
        if next == self.scenario {
            self
        } else {
            Rc::new(ScenarioState { scenario: next })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use deal_model::{preset, INPUTS};

    fn reduce(state: &Rc<ScenarioState>, action: Action) -> Rc<ScenarioState> {
        Rc::clone(state).reduce(action)
    }

    #[test]
    fn set_clamps_to_the_input_range() {
        let state = Rc::new(ScenarioState::default());
        let r30 = spec("r30").expect("r30 is an input");
        let high = reduce(
            &state,
            Action::Set {
                key: "r30",
                value: 10_000.0,
            },
        );
        assert_eq!(high.scenario.r30, r30.max);
        let low = reduce(
            &state,
            Action::Set {
                key: "r30",
                value: -3.0,
            },
        );
        assert_eq!(low.scenario.r30, r30.min);
        let nan = reduce(
            &state,
            Action::Set {
                key: "r30",
                value: f64::NAN,
            },
        );
        assert_eq!(nan.scenario.r30, r30.default);
    }

    #[test]
    fn an_unchanged_scenario_keeps_the_same_rc_so_yew_skips_the_render() {
        let state = Rc::new(ScenarioState::default());
        let same = reduce(
            &state,
            Action::Set {
                key: "r30",
                value: state.scenario.r30,
            },
        );
        assert!(Rc::ptr_eq(&state, &same));
        let unknown = reduce(
            &state,
            Action::Set {
                key: "no-such-input",
                value: 1.0,
            },
        );
        assert!(Rc::ptr_eq(&state, &unknown));
        let changed = reduce(
            &state,
            Action::Set {
                key: "r30",
                value: 250.0,
            },
        );
        assert!(!Rc::ptr_eq(&state, &changed));
        assert_eq!(changed.scenario.r30, 250.0);
    }

    #[test]
    fn reset_restores_one_input_and_reset_all_restores_every_input() {
        let mut state = Rc::new(ScenarioState::default());
        for input in INPUTS {
            state = reduce(
                &state,
                Action::Set {
                    key: input.key,
                    value: input.max,
                },
            );
        }
        let one = reduce(&state, Action::Reset { key: "cap" });
        assert_eq!(
            one.scenario.cap,
            spec("cap").map(|s| s.default).unwrap_or(f64::NAN)
        );
        assert_eq!(
            one.scenario.r30,
            spec("r30").map(|s| s.max).unwrap_or(f64::NAN)
        );
        let all = reduce(&state, Action::ResetAll);
        assert_eq!(all.scenario, Scenario::default());
    }

    #[test]
    fn a_preset_changes_revenue_but_not_the_terms() {
        let state = reduce(
            &Rc::new(ScenarioState::default()),
            Action::Set {
                key: "cap",
                value: 90.0,
            },
        );
        let bear = preset("bear").expect("bear preset");
        let next = reduce(&state, Action::ApplyPreset(bear));
        assert_eq!(
            (next.scenario.r26, next.scenario.r30, next.scenario.g),
            (bear.r26, bear.r30, bear.g)
        );
        assert_eq!(next.scenario.cap, 90.0);
    }
}
