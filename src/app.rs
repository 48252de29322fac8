//! The app shell: holds the reader's scenario in one reducer and wires it to the views and to
//! the edges (address bar, embedding page, theme). Everything shown is derived from the
//! scenario through the model; nothing here computes.

use std::rc::Rc;

use deal_model::{
    describe_cap, describe_cap_band, describe_pins, describe_revenue, describe_take,
    describe_take_band, describe_traded, sentence, sentence_text, ChartChoice, Ensemble, Ghosted,
    HostMessage, InputKey, Ledger, Pin, Scenario, SweepRow, View,
};
use yew::prelude::*;

use crate::charts::{Chart, Ghost, Layers, Sweep, Sweeps, Theme};
use crate::components::{
    cap_readouts, data_table, live_sentence, notice_bar, preset_bar, sweep_table, take_readouts,
    uncertainty_readouts, year_readouts, Assumptions, ChartCanvas, EnsembleRun, PinPanel,
    SharePanel, Slider,
};
use crate::services::ensemble_runner::{use_ensemble, EnsembleStatus};
use crate::services::{host, later, moved, theme, url_sync, when_still};
use crate::state::{Action, PinRefusal, ScenarioState};

/// The inputs shown up front; the rest wait in the assumptions panel.
pub const HEADLINE_INPUTS: &[InputKey] = &[InputKey::R30, InputKey::Cap, InputKey::Year];

/// The query to render at build time, without a browser (`xtask prerender`): the workbench
/// only, which the page shows until the wasm has started and replaced it, reading nothing from
/// the window, which is not there. Native only: in the browser it is always `None`, so the wasm
/// carries none of it.
#[cfg(not(target_arch = "wasm32"))]
pub fn prerender_with<T>(query: &str, render: impl FnOnce() -> T) -> T {
    PRERENDER.with(|q| *q.borrow_mut() = Some(query.to_string()));
    let out = render();
    PRERENDER.with(|q| *q.borrow_mut() = None);
    out
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static PRERENDER: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

fn prerender_query() -> Option<String> {
    #[cfg(not(target_arch = "wasm32"))]
    return PRERENDER.with(|q| q.borrow().clone());
    #[cfg(target_arch = "wasm32")]
    None
}

/// The full page's first render, built a part per task: the first render of the whole
/// workbench was a task of a quarter of a second on a slow phone, and input waits behind such a
/// task. The numbers count the parts built so far.
pub mod stage {
    /// The app's state and the workbench's frame: the first call of the code compiles it, a
    /// task's work of its own on a slow phone.
    pub const SHELL: u8 = 0;
    /// The sliders and the sentence.
    pub const TOP: u8 = 1;
    /// The first chart.
    pub const FIRST: u8 = 2;
    /// The presets, the year's figures and the cap chart.
    pub const CAP: u8 = 3;
    /// The take and traded charts.
    pub const CHARTS: u8 = 4;
    /// The pins: the workbench is whole.
    pub const WORKBENCH: u8 = 5;
    /// The assumptions panel.
    pub const ASSUMPTIONS: u8 = 6;
    /// The year-by-year table.
    pub const DATA: u8 = 7;
    /// The sweep's table.
    pub const SWEEP: u8 = 8;
    /// The share panel: the page is whole.
    pub const ALL: u8 = 9;
}

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// Given when the app renders into an element outside the page, a part per task
    /// ([`stage`]), while the page shows its static view or loading line: called once the
    /// workbench is whole, to put that element in their place. Without it the first render
    /// builds the whole workbench in the element given.
    #[prop_or_default]
    pub on_built: Option<Callback<()>>,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let prerender = prerender_query().is_some();
    // The address is read once, at start; later it only follows the state. A WordPress host's
    // secret comes with it and stays for the page's life.
    let arrival = use_memo((), |_| match prerender_query() {
        Some(query) => (deal_model::parse_page(&query), None),
        None => (url_sync::current_page(), url_sync::wordpress_secret()),
    });
    let (arrival, secret) = &*arrival;
    let state = use_reducer(|| ScenarioState::from_page(arrival));
    // Every reader action goes through this one callback into the reducer.
    let dispatcher = state.dispatcher().to_callback();
    let system_dark = use_state(|| !prerender && theme::system_prefers_dark());
    // The panels under the workbench (assumptions, tables, sharing) come a task each after it,
    // closed or below the first screen as they are when the page opens.
    let built = use_state(|| match props.on_built {
        Some(_) => stage::SHELL,
        None => stage::WORKBENCH,
    });
    let url = use_memo((), |_| url_sync::UrlSync::default());

    let ScenarioState {
        scenario,
        view,
        gesture,
        ..
    } = *state;
    let ledger = use_memo(scenario, Ledger::compute);
    // The uncertainty ensemble, computed a slice per frame; a quick one of fewer paths stands
    // in until it is done.
    let EnsembleStatus {
        ensemble,
        running,
        last_run,
    } = use_ensemble(&scenario);
    let pins = use_memo(state.pins.clone(), |pins| pins.clone());
    // One ledger per pin, shared by the charts, the table and the SVG exports.
    let ghosts = use_memo(state.pins.clone(), |pins| {
        pins.iter()
            .map(|pin| Ghost::of(pin.name(), &pin.scenario))
            .collect::<Vec<_>>()
    });
    // The revenue sweeps, live and pinned. They depend on every input but the ones they sweep
    // or the ledger ignores, so dragging r30 (or the year) only moves the chart's mark. One
    // memo for both: each hook costs the wasm its own code, and pins rarely change.
    let swept = use_memo(
        (sweep_key(&scenario), state.pins.clone()),
        |(live, pins)| {
            let pins = pins.iter().map(|pin| Sweep::of(&pin.scenario)).collect();
            (Rc::new(Sweep::of(live)), Rc::new(pins))
        },
    );
    let sweeps = Sweeps {
        r30: scenario.r30,
        live: Rc::clone(&swept.0),
        pins: Rc::clone(&swept.1),
    };
    // Opens the data table for printing and closes it after, for the app's lifetime.
    let _print = use_memo((), |_| {
        (!prerender).then(crate::services::print::install).flatten()
    });
    let selected_year = ledger.selected(&scenario).year;
    let resolved_theme = theme::resolve(view.theme, *system_dark);

    {
        let url = Rc::clone(&url);
        use_effect_with(
            (scenario, Rc::clone(&pins), view, gesture, state.dragging),
            move |(scenario, pins, view, gesture, dragging)| {
                url.follow(scenario, pins, view, *gesture, *dragging);
            },
        );
    }
    use_effect_with(view.theme, |choice| theme::apply(*choice));
    {
        // Listeners at the edge, for the app's lifetime.
        let state = state.clone();
        let system_dark = system_dark.clone();
        let secret = secret.clone();
        use_effect_with((), move |_| {
            let history = {
                let state = state.clone();
                url_sync::on_history(move |page| {
                    state.dispatch(Action::Load(page.scenario, page.pins))
                })
            };
            let host_messages = host::on_host_message(move |message| {
                state.dispatch(match message {
                    HostMessage::Theme(choice) => Action::SetTheme(choice),
                    HostMessage::Scenario(request) => Action::Request(request),
                })
            });
            let system = theme::on_system_change(move |dark| system_dark.set(dark));
            let height = host::report_height(secret);
            move || drop((history, host_messages, system, height))
        });
    }
    {
        // The next part in a task of its own, once this one is built (an effect runs after
        // the render it follows). An embed shows none of the panels (nor waits for any part
        // of the workbench, but one built as the full page is must still be put in).
        let built = built.clone();
        let on_built = props.on_built.clone();
        let embed = view.embed;
        use_effect_with(*built, move |&now| {
            if now == stage::WORKBENCH {
                if let Some(on_built) = on_built {
                    on_built.emit(());
                }
            }
            if embed && now >= stage::WORKBENCH {
                return;
            }
            let next: Box<dyn FnOnce()> = match now {
                stage::ALL => Box::new(url_sync::reveal_share_panel),
                _ => Box::new(move || built.set(now + 1)),
            };
            // The workbench's parts go in before the reader can move anything; the panels
            // below it wait while the reader drags.
            match now < stage::WORKBENCH {
                true => later(0, next),
                false => when_still(next),
            }
        });
    }
    let built = *built;

    let on_value = dispatcher.reform(|(key, value, settled): (InputKey, f64, bool)| {
        moved();
        Action::Set {
            key,
            value,
            settled,
        }
    });
    let on_preset = dispatcher.reform(Action::ApplyPreset);
    let on_reset_all = dispatcher.reform(|()| Action::ResetAll);
    let on_pin = dispatcher.reform(|()| Action::Pin);
    let on_unpin = dispatcher.reform(Action::Unpin);
    let on_rename = dispatcher.reform(|(index, name)| Action::Rename(index, name));
    let on_load = dispatcher.reform(Action::LoadPin);
    let refusal = state.refuse_pin().map(|refusal| {
        AttrValue::from(match refusal {
            PinRefusal::Full => format!(
                "{} scenarios are pinned, as many as there is room for: unpin one to pin this one.",
                deal_model::MAX_PINS
            ),
            PinRefusal::AlreadyPinned(name) => {
                format!("This scenario is already pinned, as “{name}”.")
            }
        })
    });
    let on_dismiss = dispatcher.reform(|()| Action::DismissNotices);

    let sliders = HEADLINE_INPUTS.iter().map(|key| key.spec()).map(|input| {
        html! {
            <Slider
                key={input.name}
                spec={input}
                value={scenario.get(input.key)}
                on_change={on_value.reform(move |value| (input.key, value, false))}
                on_commit={on_value.reform(move |value| (input.key, value, true))}
            />
        }
    });
    let layers = Layers {
        ledger: Rc::clone(&ledger),
        cap: scenario.cap,
        selected_year,
        pins: Rc::clone(&ghosts),
        bands: ensemble.clone(),
        sweeps: Some(sweeps.clone()),
    };
    // Each chart's canvas, handed to its host and to the share panel that saves its pixels.
    let canvases = use_memo((), |_| Chart::ALL.map(|chart| (chart, NodeRef::default())));
    let figure = |chart: Chart, caption: Html| {
        chart_figure(
            chart,
            &scenario,
            &layers,
            &pins,
            &canvases[..],
            resolved_theme,
            caption,
        )
    };
    let notice_bar = notice_bar(&state.notices, &on_dismiss);
    // Screen readers hear the sentence once a change settles, not at every step of a drag.
    // The embedding page hears of it then too, with its figures (and once at start). This memo
    // runs once per settled scenario, so it posts that message rather than an effect of its
    // own, which would cost the wasm a hook.
    let announced = use_memo(state.settled, |settled| {
        let ledger = Ledger::compute(settled);
        if !prerender {
            host::report_scenario(settled, &ledger);
        }
        sentence_text(&sentence(settled, &ledger), settled)
    });
    let story = html! {
        <>
            { live_sentence(&scenario, &ledger, &on_value) }
            <p class="visually-hidden" aria-live="polite" data-announce="">{ (*announced).clone() }</p>
        </>
    };
    let controls = html! {
        <section class="controls" aria-label="Headline inputs">{ for sliders }</section>
    };

    // The full explorer's address for this scenario: the embed's way out and the share link.
    // Only recomputed when the scenario or view changes, not on every render.
    let full = use_memo(
        (scenario, Rc::clone(&pins), view),
        |(scenario, pins, view)| {
            if prerender {
                return AttrValue::default();
            }
            AttrValue::from(url_sync::link_to(
                scenario,
                pins,
                &View {
                    embed: false,
                    ..*view
                },
            ))
        },
    );
    let on_chart = dispatcher.reform(Action::ShowChart);

    if view.embed {
        // One chart at a time, so the controls, the chart and the sentence fit a blog's column.
        let shown = view.chart.map_or(Chart::Revenue, Chart::of);
        // A frame may not download (Chromium drops downloads from a sandboxed frame without
        // `allow-downloads`, silently), so the files are offered where they can be saved: the
        // full explorer on this scenario, opened at its share panel.
        let downloads = AttrValue::from(full.to_string() + url_sync::SHARE_PANEL);
        return html! {
            <div class="embed">
                <h1 class="embed-title">{ "OpenAI and Microsoft after the April 2026 deal" }</h1>
                { notice_bar }
                { controls }
                { chart_switcher(shown, &on_chart) }
                <div id="chart-panel" class="charts">{ figure(shown, Html::default()) }</div>
                { story }
                <p class="open-full">
                    <a href={(*full).clone()} target="_blank" rel="noopener" onclick={open_full(secret.as_deref(), &full)}>{ "Open in the full explorer ↗" }</a>
                    <a href={downloads.clone()} target="_blank" rel="noopener" onclick={open_full(secret.as_deref(), &downloads)}>{ "Downloads ↗" }</a>
                </p>
            </div>
        };
    }

    let headline = &ledger.headline;
    let uncertainty = (scenario.bounded().vol > 0.0).then(|| {
        let run = EnsembleRun {
            ensemble: ensemble.as_deref(),
            running,
            last_run,
        };
        uncertainty_readouts(&run, selected_year)
    });
    // Wide screens: the controls in a column that stays in view beside the charts. Narrow
    // ones: the sliders in a strip that stays at the top above the chart read.
    let workbench = html! {
            <div class="workbench">
                // An `if` holds its part's place while unbuilt (an `Option` would not: Yew
                // lines children up from the end, and would rebuild those before it).
                <div class="controls-column">
                    if built >= stage::TOP {
                        { controls }
                    }
                </div>
                <div class="results" aria-label="Results" role="region">
                    if built >= stage::FIRST {
                        { figure(Chart::Revenue, Html::default()) }
                    }
                    if built >= stage::TOP {
                        { story }
                    }
                    if built >= stage::CAP {
                        { preset_bar(&scenario, &on_preset, &on_reset_all) }
                        { uncertainty_toggle(&scenario, dispatcher.reform(Action::ShowUncertainty)) }
                        { year_readouts(ledger.selected(&scenario), headline) }
                        { figure(Chart::Cap, html! { <>{ cap_readouts(headline) }{ uncertainty.unwrap_or_default() }</> }) }
                    }
                    if built >= stage::CHARTS {
                        { figure(Chart::Take, take_readouts(headline)) }
                        { figure(Chart::Traded, Html::default()) }
                    }
                    if built >= stage::WORKBENCH {
                        <PinPanel
                            {scenario}
                            ledger={ledger.clone()}
                            pins={Rc::clone(&pins)}
                            ghosts={Rc::clone(&ghosts)}
                            {refusal}
                            {on_pin}
                            {on_unpin}
                            {on_rename}
                            {on_load}
                        />
                    }
                </div>
            </div>
    };
    if prerender {
        return workbench;
    }
    html! {
        <>
            { notice_bar }
            { workbench }
            if built >= stage::ASSUMPTIONS {
                <Assumptions {scenario} headline={HEADLINE_INPUTS} on_change={on_value} />
            }
            if built >= stage::DATA {
                { data_table(&ledger, selected_year) }
            }
            if built >= stage::SWEEP {
                { sweep_table(&scenario, &sweeps.live) }
            }
            if built >= stage::ALL {
                <SharePanel
                    {scenario}
                    url={(*full).clone()}
                    theme={resolved_theme}
                    {layers}
                    pins={Rc::clone(&pins)}
                    canvases={Rc::clone(&canvases)}
                    chart={view.chart}
                    {on_chart}
                />
            }
            // The method and sources follow, as static text in `index.html`.
        </>
    }
}

/// In a WordPress frame (sandboxed without popups, so a new tab cannot open) the full
/// explorer opens through WordPress, which navigates the reader's window.
fn open_full(secret: Option<&str>, full: &AttrValue) -> Option<Callback<MouseEvent>> {
    let secret = secret?.to_string();
    let full = full.clone();
    Some(Callback::from(move |_: MouseEvent| {
        host::ask_wordpress_to_open(&secret, &full)
    }))
}

/// The embed's chart switcher: a group of toggle buttons, the pressed one the chart shown.
fn chart_switcher(shown: Chart, on_chart: &Callback<ChartChoice>) -> Html {
    let buttons = Chart::ALL.iter().map(|&chart| {
        let onclick = on_chart.reform(move |_: MouseEvent| chart.choice());
        html! {
            <button
                type="button"
                class="chart-tab"
                aria-pressed={(chart == shown).to_string()}
                aria-controls="chart-panel"
                title={chart.title()}
                data-chart-tab={chart.slug()}
                {onclick}
            >{ chart.short_title() }</button>
        }
    });
    html! {
        <div class="chart-switcher" role="group" aria-label="Chart shown">{ for buttons }</div>
    }
}

/// A chart with the pins as ghosts, the ensemble's bands and, across revenue, the sweeps, and
/// under it the figures it explains. The embed view draws the pins too (a link's pins are
/// part of what its author wanted shown) but leaves the comparison table to the full explorer.
fn chart_figure(
    chart: Chart,
    scenario: &Scenario,
    layers: &Layers,
    pins: &[Pin],
    canvases: &[(Chart, NodeRef)],
    theme: Theme,
    caption: Html,
) -> Html {
    let canvas = canvases
        .iter()
        .find(|(c, _)| *c == chart)
        .map(|(_, canvas)| canvas.clone())
        .unwrap_or_default();
    let pinned: Vec<(&Pin, &Ledger)> = pins
        .iter()
        .zip(layers.pins.iter())
        .map(|(pin, ghost)| (pin, &*ghost.ledger))
        .collect();
    let swept = layers.sweeps.as_ref().map_or(&[][..], |s| &s.live.rows);
    // Only the chart across revenue draws the sweeps: the year charts need not redraw when a
    // sweep changes.
    let layers = Layers {
        sweeps: layers.sweeps.clone().filter(|_| chart == Chart::Traded),
        ..layers.clone()
    };
    let description = describe(
        chart,
        scenario,
        &layers.ledger,
        layers.bands.as_deref(),
        &pinned,
        swept,
    );
    html! {
        <figure class="chart-figure" key={chart.slug()} data-chart-figure={chart.slug()}>
            <ChartCanvas
                {chart}
                {layers}
                {theme}
                {canvas}
                description={AttrValue::from(description)}
            />
            { caption }
        </figure>
    }
}

fn describe(
    chart: Chart,
    scenario: &Scenario,
    ledger: &Ledger,
    bands: Option<&Ensemble>,
    pinned: &[(&Pin, &Ledger)],
    swept: &[SweepRow],
) -> String {
    let (live, ghosted) = match chart {
        Chart::Revenue => (describe_revenue(scenario, ledger), Ghosted::Revenue),
        Chart::Cap => (describe_cap(scenario, ledger), Ghosted::Cumulative),
        Chart::Take => (describe_take(scenario, ledger), Ghosted::MicrosoftTake),
        // Each pin's ghost there passes through its take over the horizon at its own revenue.
        Chart::Traded => (describe_traded(scenario, swept), Ghosted::MicrosoftTake),
    };
    let band = match (chart, bands) {
        (Chart::Cap, Some(e)) => describe_cap_band(scenario, e),
        (Chart::Take, Some(e)) => describe_take_band(scenario, e),
        _ => String::new(),
    };
    let pins = describe_pins(ghosted, scenario, pinned);
    [live, band, pins]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The inputs a sweep depends on: all but `r30`, which it sweeps, and those the ledger ignores.
fn sweep_key(scenario: &Scenario) -> Scenario {
    let fixed = Scenario::default();
    Scenario {
        r30: fixed.r30,
        year: fixed.year,
        vol: fixed.vol,
        seed: fixed.seed,
        ..*scenario
    }
}

/// A compact switch beside the presets, so readers find the ensemble without opening the
/// assumptions: on restores the last volatility (20% at first), off sets it to 0. The
/// full slider and the seed stay in the assumptions' Uncertainty group.
fn uncertainty_toggle(scenario: &Scenario, on_switch: Callback<bool>) -> Html {
    let vol = scenario.bounded().vol;
    let on = vol > 0.0;
    let onchange = on_switch.reform(|event: Event| {
        event
            .target_dyn_into::<web_sys::HtmlInputElement>()
            .is_some_and(|input| input.checked())
    });
    html! {
        <p class="uncertainty-toggle">
            <label>
                <input type="checkbox" checked={on} {onchange} data-uncertainty-toggle="" aria-describedby="uncertainty-toggle-note" />
                { " Show growth uncertainty" }
            </label>
            <span class="uncertainty-note" id="uncertainty-toggle-note">
                { if on {
                    format!("{}% a year; more in Assumptions → Uncertainty", percent_value(vol))
                } else {
                    "10–90% bands from 10,000 random revenue paths".to_string()
                } }
            </span>
        </p>
    }
}

fn percent_value(v: f64) -> String {
    deal_model::percent(v).trim_end_matches('%').to_string()
}
