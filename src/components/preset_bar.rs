//! Bear, base and bull revenue paths, each with the source it is anchored on, and a way back
//! to the reported terms.

use deal_model::{active_preset, Preset, Scenario, PRESETS};
use yew::prelude::*;

/// The presets' buttons. A plain function rather than a component: it has no state of its own,
/// and a component would cost the wasm its lifecycle code.
pub fn preset_bar(
    scenario: &Scenario,
    on_preset: &Callback<&'static Preset>,
    on_reset_all: &Callback<()>,
) -> Html {
    let active = active_preset(scenario).map(|p| p.name);
    let at_defaults = *scenario == Scenario::default();
    let buttons = PRESETS.iter().map(|preset| {
        let on_preset = on_preset.clone();
        let pressed = active == Some(preset.name);
        html! {
            <li key={preset.name}>
                <button
                    type="button"
                    class="preset"
                    data-preset={preset.name}
                    aria-pressed={pressed.to_string()}
                    aria-describedby={format!("preset-note-{}", preset.name)}
                    onclick={move |_| on_preset.emit(preset)}
                >
                    { preset.label }
                </button>
                <span class="preset-note" id={format!("preset-note-{}", preset.name)}>{ preset.note }</span>
            </li>
        }
    });
    // aria-disabled, not disabled: pressing it is what disables it, and a button disabled
    // while focused drops the reader's focus to the page.
    let on_reset_all = (!at_defaults).then(|| on_reset_all.reform(|_: MouseEvent| ()));
    html! {
        <section class="presets" aria-labelledby="presets-heading">
            <h2 id="presets-heading" class="section-heading">{ "Revenue presets" }</h2>
            <ul class="preset-list">{ for buttons }</ul>
            <button type="button" class="reset-all" aria-disabled={at_defaults.then_some("true")} onclick={on_reset_all}>
                { "Reset all to the reported terms" }
            </button>
        </section>
    }
}
