//! The reader's scenario as the app's one piece of state, changed only through [`Action`]s.
//!
//! Every value that enters here is clamped by the model's input table, so nothing downstream
//! ever sees an out-of-range scenario. Returning the same `Rc` when nothing changed lets Yew
//! skip the re-render (Yew 0.23 compares the pointers).
//!
//! Beside the scenario it keeps the pinned scenarios (part of the address, so a link carries
//! the comparison), view state (theme, embedding), the notices about how the address was read,
//! and the gesture count that the address bar follows: a drag is one gesture however many
//! values it passes through, so it becomes one history entry. It also remembers the two things
//! a render must not change by itself: the volatility the uncertainty switch turns back on, and
//! the scenario as of the last settled change, which screen readers hear.

use std::rc::Rc;

use deal_model::pins::next_default_name;
use deal_model::{
    ChartChoice, InputKey, Notice, Page, Pin, Preset, Scenario, ScenarioRequest, ThemeChoice, View,
    MAX_PINS,
};
use yew::Reducible;

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A slider moved (`settled: false`, more may follow) or a value was committed: typed, a
    /// key press, a drag's release (`settled: true`, which also ends the drag when the value is
    /// the last one dragged to). Clamped to the input's range.
    Set {
        key: InputKey,
        value: f64,
        settled: bool,
    },
    /// Back to the input's default.
    Reset {
        key: InputKey,
    },
    /// Revenue inputs of a preset; the terms stay as they are.
    ApplyPreset(&'static Preset),
    ResetAll,
    /// A scenario and its pins from the address (back and forward): shown, not written back
    /// as new history.
    Load(Scenario, Vec<Pin>),
    /// A scenario the host page asked for ([`deal_model::ScenarioRequest`]), read as a link
    /// with its query: its scenario, pins and notices replace the page's, the chart it names (if
    /// any) is shown, and it is a change of its own to step back through.
    Request(ScenarioRequest),
    /// Pins the live scenario under the first free default name. Refused (no change) when
    /// [`MAX_PINS`] are pinned or a pin already holds the same inputs: a second ghost on top of
    /// the first would add a table row and nothing to see.
    Pin,
    /// Removes the pin at an index; an index past the end changes nothing.
    Unpin(usize),
    /// Renames the pin at an index; a name that cleans to nothing keeps the old one.
    Rename(usize, String),
    /// Makes a pin's scenario the live one; the pin stays.
    LoadPin(usize),
    SetTheme(ThemeChoice),
    /// The chart an embed shows, and the one its embed code names (`chart=`).
    ShowChart(ChartChoice),
    /// The uncertainty switch: on restores the volatility the reader last had (20% at first),
    /// off sets it to 0.
    ShowUncertainty(bool),
    /// The reader closed the notices.
    DismissNotices,
}

/// The growth uncertainty the switch turns on when the reader has not chosen one yet.
pub const DEFAULT_VOL: f64 = 20.0;

#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioState {
    pub scenario: Scenario,
    /// At most [`MAX_PINS`], in the order they were pinned.
    pub pins: Vec<Pin>,
    pub view: View,
    /// Counts changes a reader would want to step back through; the address bar pushes a
    /// history entry when it moves and replaces the entry while it stays.
    pub gesture: u32,
    /// A drag is under way: its further values belong to the same gesture.
    pub dragging: bool,
    /// What the reader should know about how their link was read, until dismissed.
    pub notices: Vec<Notice>,
    /// The volatility the uncertainty switch restores: the last one above 0.
    pub last_vol: f64,
    /// The scenario as of the last settled change: what screen readers are told, so a drag is
    /// announced once, where it ends.
    pub settled: Scenario,
}

impl Default for ScenarioState {
    fn default() -> Self {
        ScenarioState {
            scenario: Scenario::default(),
            pins: Vec::new(),
            view: View::default(),
            gesture: 0,
            dragging: false,
            notices: Vec::new(),
            last_vol: DEFAULT_VOL,
            settled: Scenario::default(),
        }
    }
}

impl ScenarioState {
    pub fn from_page(page: &Page) -> Self {
        let vol = page.scenario.bounded().vol;
        ScenarioState {
            scenario: page.scenario,
            pins: page.pins.iter().take(MAX_PINS).cloned().collect(),
            view: page.view,
            notices: page.notices.clone(),
            last_vol: if vol > 0.0 { vol } else { DEFAULT_VOL },
            settled: page.scenario,
            ..ScenarioState::default()
        }
    }

    /// The derived fields after any change: the volatility to restore and the settled scenario.
    fn settle(mut self) -> Self {
        let vol = self.scenario.bounded().vol;
        if vol > 0.0 {
            self.last_vol = vol;
        }
        if !self.dragging {
            self.settled = self.scenario;
        }
        self
    }

    /// `next` as the new state, or the same `Rc` when nothing changed, so Yew skips the render.
    fn or_same(self: Rc<Self>, next: ScenarioState) -> Rc<Self> {
        let next = next.settle();
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

/// Why the live scenario cannot be pinned now, for the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PinRefusal {
    Full,
    /// Already pinned, under this name.
    AlreadyPinned(String),
}

impl ScenarioState {
    /// `None` when the live scenario can be pinned.
    pub fn refuse_pin(&self) -> Option<PinRefusal> {
        if self.pins.len() >= MAX_PINS {
            Some(PinRefusal::Full)
        } else {
            self.pins
                .iter()
                .find(|pin| pin.holds(&self.scenario))
                .map(|pin| PinRefusal::AlreadyPinned(pin.name().to_string()))
        }
    }

    /// A change of pins is a gesture of its own, so back undoes it; none, and Yew skips the
    /// render.
    fn with_pins_changed(self: Rc<Self>, mut next: ScenarioState) -> Rc<Self> {
        if next.pins == self.pins {
            return self;
        }
        next.gesture = self.gesture.wrapping_add(1);
        next.dragging = false;
        Rc::new(next.settle())
    }
}

impl Reducible for ScenarioState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let settled = match action {
            Action::Set {
                key,
                value,
                settled,
            } => {
                next.scenario.set(key, value);
                settled
            }
            Action::Reset { key } => {
                next.scenario.set(key, key.spec().default);
                true
            }
            Action::ApplyPreset(preset) => {
                next.scenario = next.scenario.with_preset(preset);
                true
            }
            Action::ResetAll => {
                next.scenario = Scenario::default();
                true
            }
            Action::Load(scenario, pins) => {
                next.scenario = scenario.clamped();
                next.pins = pins;
                next.pins.truncate(MAX_PINS);
                next.dragging = false;
                return self.or_same(next);
            }
            Action::Request(request) => {
                let page = request.page();
                next.scenario = page.scenario;
                next.pins = page.pins;
                next.notices = page.notices;
                next.view.chart = page.view.chart.or(next.view.chart);
                true
            }
            Action::Pin => {
                if self.refuse_pin().is_none() {
                    let name = next_default_name(&next.pins);
                    next.pins
                        .push(Pin::new(&name, next.scenario, next.pins.len()));
                }
                return self.with_pins_changed(next);
            }
            Action::Unpin(index) => {
                if index < next.pins.len() {
                    next.pins.remove(index);
                }
                return self.with_pins_changed(next);
            }
            Action::Rename(index, name) => {
                if let Some(pin) = next.pins.get_mut(index) {
                    pin.rename(&name);
                }
                return self.with_pins_changed(next);
            }
            Action::LoadPin(index) => {
                if let Some(pin) = self.pins.get(index) {
                    next.scenario = pin.scenario;
                }
                true
            }
            Action::SetTheme(theme) => {
                next.view.theme = theme;
                return self.or_same(next);
            }
            Action::ShowChart(chart) => {
                next.view.chart = Some(chart);
                return self.or_same(next);
            }
            Action::ShowUncertainty(on) => {
                let vol = if on { self.last_vol } else { 0.0 };
                next.scenario.set(InputKey::Vol, vol);
                true
            }
            Action::DismissNotices => {
                next.notices.clear();
                return self.or_same(next);
            }
        };
        if next.scenario != self.scenario {
            // A new gesture starts unless this value continues a drag.
            if !self.dragging || settled {
                next.gesture = self.gesture.wrapping_add(1);
            }
            next.dragging = !settled;
        } else if settled {
            next.dragging = false;
        }
        self.or_same(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use deal_model::{preset, INPUTS};

    fn reduce(state: &Rc<ScenarioState>, action: Action) -> Rc<ScenarioState> {
        Rc::clone(state).reduce(action)
    }

    fn set(key: InputKey, value: f64) -> Action {
        Action::Set {
            key,
            value,
            settled: true,
        }
    }

    fn drag(key: InputKey, value: f64) -> Action {
        Action::Set {
            key,
            value,
            settled: false,
        }
    }

    #[test]
    fn set_clamps_to_the_input_range() {
        let state = Rc::new(ScenarioState::default());
        let r30 = InputKey::R30.spec();
        assert_eq!(
            reduce(&state, set(InputKey::R30, 10_000.0)).scenario.r30,
            r30.max
        );
        assert_eq!(
            reduce(&state, set(InputKey::R30, -3.0)).scenario.r30,
            r30.min
        );
        assert_eq!(
            reduce(&state, set(InputKey::R30, f64::NAN)).scenario.r30,
            r30.default
        );
    }

    #[test]
    fn an_unchanged_scenario_keeps_the_same_rc_so_yew_skips_the_render() {
        let state = Rc::new(ScenarioState::default());
        let same = reduce(&state, set(InputKey::R30, state.scenario.r30));
        assert!(Rc::ptr_eq(&state, &same));
        let changed = reduce(&state, set(InputKey::R30, 250.0));
        assert!(!Rc::ptr_eq(&state, &changed));
        assert_eq!(changed.scenario.r30, 250.0);
    }

    #[test]
    fn a_drag_is_one_gesture_and_the_next_change_starts_another() {
        let mut state = Rc::new(ScenarioState::default());
        for value in [210.0, 220.0, 230.0] {
            state = reduce(&state, drag(InputKey::R30, value));
            assert_eq!((state.gesture, state.dragging), (1, true));
        }
        state = reduce(&state, set(InputKey::R30, 230.0));
        assert_eq!(
            (state.gesture, state.dragging),
            (1, false),
            "the release ends the drag"
        );
        state = reduce(&state, drag(InputKey::R30, 240.0));
        assert_eq!(state.gesture, 2, "a new drag is a new gesture");
        state = reduce(&state, set(InputKey::Cap, 50.0));
        assert_eq!(
            (state.gesture, state.dragging),
            (3, false),
            "a typed value is its own gesture"
        );
        state = reduce(&state, Action::ApplyPreset(preset("bull").expect("bull")));
        assert_eq!(state.gesture, 4);
        state = reduce(&state, Action::Load(Scenario::default(), Vec::new()));
        assert_eq!(
            (state.gesture, state.scenario),
            (4, Scenario::default()),
            "history does not make history"
        );
    }

    #[test]
    fn reset_restores_one_input_and_reset_all_restores_every_input() {
        let mut state = Rc::new(ScenarioState::default());
        for input in INPUTS {
            state = reduce(&state, set(input.key, input.max));
        }
        let one = reduce(&state, Action::Reset { key: InputKey::Cap });
        assert_eq!(one.scenario.cap, InputKey::Cap.spec().default);
        assert_eq!(one.scenario.r30, InputKey::R30.spec().max);
        let all = reduce(&state, Action::ResetAll);
        assert_eq!(all.scenario, Scenario::default());
    }

    #[test]
    fn a_preset_changes_revenue_but_not_the_terms() {
        let state = reduce(&Rc::new(ScenarioState::default()), set(InputKey::Cap, 90.0));
        let bear = preset("bear").expect("bear preset");
        let next = reduce(&state, Action::ApplyPreset(bear));
        assert_eq!(
            (next.scenario.r26, next.scenario.r30, next.scenario.g),
            (bear.r26, bear.r30, bear.g)
        );
        assert_eq!(next.scenario.cap, 90.0);
    }

    fn names(state: &ScenarioState) -> Vec<&str> {
        state.pins.iter().map(Pin::name).collect()
    }

    #[test]
    fn pinning_keeps_the_live_scenario_under_a_free_default_name_as_a_new_gesture() {
        let mut state = reduce(&Rc::new(ScenarioState::default()), set(InputKey::Cap, 50.0));
        assert_eq!(state.refuse_pin(), None);
        state = reduce(&state, Action::Pin);
        assert_eq!(names(&state), ["Pin 1"]);
        assert_eq!(state.pins[0].scenario, state.scenario);
        assert_eq!(state.gesture, 2, "pinning is its own history entry");

        state = reduce(&state, set(InputKey::Cap, 60.0));
        state = reduce(&state, Action::Pin);
        state = reduce(&state, Action::Unpin(0));
        assert_eq!(names(&state), ["Pin 2"]);
        state = reduce(&state, set(InputKey::Cap, 70.0));
        state = reduce(&state, Action::Pin);
        assert_eq!(
            names(&state),
            ["Pin 2", "Pin 1"],
            "no two pins share a name"
        );
    }

    #[test]
    fn a_fourth_pin_and_a_second_pin_of_the_same_inputs_are_refused() {
        let mut state = Rc::new(ScenarioState::default());
        state = reduce(&state, Action::Pin);
        // The same inputs with another selected year are the same figures.
        state = reduce(&state, set(InputKey::Year, 2027.0));
        assert_eq!(
            state.refuse_pin(),
            Some(PinRefusal::AlreadyPinned("Pin 1".into()))
        );
        let same = reduce(&state, Action::Pin);
        assert!(Rc::ptr_eq(&state, &same), "refused: nothing changes");
        for cap in [50.0, 60.0] {
            state = reduce(&state, set(InputKey::Cap, cap));
            state = reduce(&state, Action::Pin);
        }
        state = reduce(&state, set(InputKey::Cap, 70.0));
        assert_eq!(state.pins.len(), MAX_PINS);
        assert_eq!(state.refuse_pin(), Some(PinRefusal::Full));
        let full = reduce(&state, Action::Pin);
        assert!(Rc::ptr_eq(&state, &full));
    }

    #[test]
    fn rename_cleans_the_name_and_unpin_or_rename_past_the_end_change_nothing() {
        let mut state = reduce(&Rc::new(ScenarioState::default()), Action::Pin);
        let gesture = state.gesture;
        state = reduce(&state, Action::Rename(0, "  <b>Bull</b> &\n ".into()));
        assert_eq!(names(&state), ["<b>Bull</b> &"]);
        assert_eq!(state.gesture, gesture + 1);
        for action in [
            Action::Rename(0, "<b>Bull</b> &".into()),
            Action::Rename(0, "   ".into()),
            Action::Rename(5, "x".into()),
            Action::Unpin(3),
        ] {
            let same = reduce(&state, action.clone());
            assert!(Rc::ptr_eq(&state, &same), "{action:?}");
        }
        state = reduce(&state, Action::Unpin(0));
        assert!(state.pins.is_empty());
        assert_eq!(state.gesture, gesture + 2);
    }

    #[test]
    fn loading_a_pin_makes_it_live_and_history_restores_pins() {
        let mut state = reduce(
            &Rc::new(ScenarioState::default()),
            set(InputKey::R30, 280.0),
        );
        state = reduce(&state, Action::Pin);
        state = reduce(&state, Action::ResetAll);
        let before = state.gesture;
        state = reduce(&state, Action::LoadPin(0));
        assert_eq!(state.scenario.r30, 280.0);
        assert_eq!((state.pins.len(), state.gesture), (1, before + 1));

        let page = deal_model::parse_page("cap=45&pin=1~cap:10~Old");
        let loaded = reduce(&state, Action::Load(page.scenario, page.pins.clone()));
        assert_eq!(loaded.scenario.cap, 45.0);
        assert_eq!(loaded.pins, page.pins);
        assert_eq!(
            loaded.gesture, state.gesture,
            "history does not make history"
        );
        let from_page = ScenarioState::from_page(&page);
        assert_eq!(names(&from_page), ["Old"]);
    }

    #[test]
    fn the_uncertainty_switch_restores_the_last_volatility() {
        let mut state = Rc::new(ScenarioState::default());
        state = reduce(&state, Action::ShowUncertainty(true));
        assert_eq!(state.scenario.vol, DEFAULT_VOL, "the first time: 20%");
        state = reduce(&state, drag(InputKey::Vol, 35.0));
        state = reduce(&state, set(InputKey::Vol, 35.0));
        state = reduce(&state, Action::ShowUncertainty(false));
        assert_eq!((state.scenario.vol, state.last_vol), (0.0, 35.0));
        state = reduce(&state, Action::ShowUncertainty(true));
        assert_eq!(state.scenario.vol, 35.0, "back to what the reader had");
        // A link that arrives with uncertainty on remembers its own.
        let page = deal_model::parse_page("vol=45");
        assert_eq!(ScenarioState::from_page(&page).last_vol, 45.0);
    }

    #[test]
    fn a_drag_is_announced_where_it_settles() {
        let mut state = Rc::new(ScenarioState::default());
        state = reduce(&state, drag(InputKey::R30, 250.0));
        assert_eq!(state.settled, Scenario::default(), "mid-drag: not yet");
        state = reduce(&state, drag(InputKey::R30, 260.0));
        assert_eq!(state.settled.r30, 200.0);
        state = reduce(&state, set(InputKey::R30, 260.0));
        assert_eq!(state.settled.r30, 260.0, "released: announced");
        state = reduce(&state, set(InputKey::Cap, 50.0));
        assert_eq!(
            state.settled, state.scenario,
            "a typed value settles at once"
        );
    }

    #[test]
    fn notices_come_from_the_address_until_dismissed() {
        let page = deal_model::parse_page("cap=abc");
        let state = Rc::new(ScenarioState::from_page(&page));
        assert_eq!(state.notices.len(), 1);
        let dismissed = reduce(&state, Action::DismissNotices);
        assert!(dismissed.notices.is_empty());
        assert_eq!(
            dismissed.gesture, state.gesture,
            "not a change to step back through"
        );
        let again = reduce(&dismissed, Action::DismissNotices);
        assert!(Rc::ptr_eq(&dismissed, &again));
    }

    #[test]
    fn a_request_is_read_as_a_link_with_its_notices_and_is_a_change_of_its_own() {
        let request = |query: &str| {
            Action::Request(ScenarioRequest::new(query.to_string()).expect("short query"))
        };
        let mut state = Rc::new(ScenarioState::from_page(&deal_model::parse_page(
            "cap=abc&chart=take&theme=dark&embed=1",
        )));
        state = reduce(&state, Action::Pin);
        let before = state.gesture;
        let page = deal_model::parse_page("r30=280&cap=900&utm=1");
        state = reduce(&state, request("r30=280&cap=900&utm=1"));
        assert_eq!(state.scenario, page.scenario);
        assert_eq!((state.scenario.r30, state.scenario.cap), (280.0, 200.0));
        assert!(state.pins.is_empty(), "a link without pins has none");
        assert_eq!(
            state.notices, page.notices,
            "the request's notices, not the old ones"
        );
        assert_eq!(state.notices.len(), 2);
        assert_eq!(
            state.settled, state.scenario,
            "settled, so it is announced and reported"
        );
        assert_eq!((state.gesture, state.dragging), (before + 1, false));
        assert_eq!(
            state.view,
            View {
                embed: true,
                theme: ThemeChoice::Dark,
                chart: Some(ChartChoice::Take)
            },
            "the view stays as it was"
        );
        let shown = reduce(&state, request("?chart=cap&pin=1~cap:20"));
        assert_eq!(
            shown.view.chart,
            Some(ChartChoice::Cap),
            "a chart it names is shown"
        );
        assert_eq!(shown.scenario, Scenario::default());
        assert_eq!(shown.pins.len(), 1);
        // Garbage reads as a link would: defaults and notices, never a panic.
        let garbage = reduce(&state, request("\u{0}=%FF&r30=-1000000000"));
        assert_eq!(garbage.scenario.r30, InputKey::R30.spec().min);
        assert_eq!(garbage.notices.len(), 2);
    }

    #[test]
    fn the_theme_changes_the_view_only() {
        let state = Rc::new(ScenarioState::default());
        let dark = reduce(&state, Action::SetTheme(ThemeChoice::Dark));
        assert_eq!(
            (dark.view.theme, dark.scenario, dark.gesture),
            (ThemeChoice::Dark, state.scenario, 0)
        );
    }
}
