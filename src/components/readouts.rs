//! The numbers a reader asked about: the selected year's split and the totals over the
//! horizon, each tagged with `data-readout` so tests compare them with the model.

use std::rc::Rc;

use deal_model::format::count;
use deal_model::{cap_year_name, chance, money_b, Band, Ensemble, Ledger, Scenario};
use yew::prelude::*;

use crate::services::ensemble_runner::RunStats;

#[derive(Properties, Clone, PartialEq)]
pub struct ReadoutsProps {
    pub scenario: Scenario,
    pub ledger: Rc<Ledger>,
    /// The uncertainty ensemble, while it is on.
    #[prop_or_default]
    pub ensemble: Option<Rc<Ensemble>>,
    /// The number of paths being simulated, while a newer ensemble is on its way.
    #[prop_or_default]
    pub running: Option<usize>,
    /// How the last run was spread over frames, written as data for `make bench`.
    #[prop_or_default]
    pub last_run: Option<RunStats>,
}

/// `data-value` carries the full-precision figure, so tests can hold the rounded text to the
/// model's number.
fn readout(key: &'static str, label: String, value: f64) -> Html {
    html! {
        <div class="readout" key={key}>
            <dt>{ label }</dt>
            <dd data-readout={key} data-value={value.to_string()}>{ money_b(value) }</dd>
        </div>
    }
}

#[component]
pub fn Readouts(props: &ReadoutsProps) -> Html {
    let headline = &props.ledger.headline;
    let row = props.ledger.selected(&props.scenario);
    let year = row.year;
    let cap_year = headline
        .cap_year
        .map_or_else(|| "not reached".to_string(), |y| y.to_string());
    html! {
        <div class="readouts">
            <dl class="readout-grid totals" aria-label="Totals, 2026 to 2035">
                <div class="readout" key="cap_year">
                    <dt>{ "Cap reached in" }</dt>
                    <dd data-readout="cap_year">{ cap_year }</dd>
                </div>
                { readout("total_new", "OpenAI pays, new terms".into(), headline.total_new) }
                { readout("total_old", "Would pay, old terms".into(), headline.total_old) }
                { readout("openai_savings", "OpenAI saves".into(), headline.openai_savings) }
                { readout("microsoft_change", "Microsoft's take changes by".into(), headline.microsoft_change) }
            </dl>
            <h3 class="readout-year">{ format!("In {year}") }</h3>
            <dl class="readout-grid year" aria-label={format!("Figures for {year}")}>
                { readout("revenue", "OpenAI revenue".into(), row.revenue) }
                { readout("share_new", "Paid to Microsoft".into(), row.share_new) }
                { readout("share_old", "Old terms would pay".into(), row.share_old) }
                { readout("openai_kept_new", "OpenAI keeps".into(), row.openai_kept_new) }
                { readout("microsoft_take_new", "Microsoft's take".into(), row.microsoft_take_new) }
                { readout("microsoft_take_old", "Its take, old terms".into(), row.microsoft_take_old) }
                { readout("cumulative_new", format!("Paid 2026–{year}"), row.cumulative_new) }
                { readout("cumulative_old", format!("Old terms 2026–{year}"), row.cumulative_old) }
            </dl>
            { uncertainty(props, year) }
        </div>
    }
}

/// Where 8 in 10 paths put the total paid by 2035: the certainty Microsoft bought under the new
/// terms (the cap bounds it) against the upside it had under the old ones.
fn spread(key: &'static str, label: &'static str, band: &Band) -> Html {
    let at = |values: &[f64]| values.last().copied().unwrap_or(f64::NAN);
    let (p10, p90) = (at(&band.p10), at(&band.p90));
    html! {
        <div class="readout" key={key}>
            <dt>{ label }</dt>
                <dd data-readout={key} data-p10={p10.to_string()} data-p90={p90.to_string()}>
                { format!("{} to {}", money_b(p10), money_b(p90)) }
                <span class="readout-note">{ " (8 in 10 paths)" }</span>
            </dd>
        </div>
    }
}

/// The chance of reaching the cap by the selected year and the spread of the cap year, when
/// uncertainty is on. The status line is a polite live region that changes only when a run
/// starts or ends, never frame by frame.
fn uncertainty(props: &ReadoutsProps, year: i32) -> Html {
    if props.scenario.bounded().vol <= 0.0 {
        return Html::default();
    }
    let status = match (props.running, &props.ensemble) {
        (Some(paths), _) => format!("Simulating {} paths…", count(paths)),
        (None, Some(e)) => format!(
            "From {} random revenue paths, seed {}.",
            count(e.paths),
            e.seed
        ),
        (None, None) => String::new(),
    };
    let figures = props.ensemble.as_ref().map(|e| {
        let by = e.cap_probability_by(year);
        let rows = e
            .cap_year_counts
            .iter()
            // Every year some path reaches the cap in, and always "never", so the shares
            // visibly add up to all paths.
            .filter(|(cap_year, count)| *count > 0 || cap_year.is_none())
            .map(|(cap_year, count)| {
                let share = *count as f64 / e.paths as f64;
                let name = cap_year_name(*cap_year);
                html! {
                    <tr key={name.clone()} data-cap-year={name.clone()}>
                        <th scope="row">{ name }</th>
                        <td data-value={share.to_string()} data-count={count.to_string()}>{ chance(share) }</td>
                        <td class="cap-year-bar" aria-hidden="true">
                            <meter min="0" max="1" value={share.to_string()}></meter>
                        </td>
                    </tr>
                }
            });
        html! {
            <>
                <dl class="readout-grid chances">
                    <div class="readout">
                        <dt>{ format!("Chance the cap is reached by {year}") }</dt>
                        <dd data-readout="cap_chance" data-value={by.to_string()} data-paths={e.paths.to_string()}>{ chance(by) }</dd>
                    </div>
                    { spread("spread_new", "Total paid 2026–2035, new terms", &e.cumulative_new) }
                    { spread("spread_old", "Total paid 2026–2035, old terms", &e.cumulative_old) }
                </dl>
                <table class="cap-years" data-cap-years="">
                    <caption>{ format!("Year the cap is reached, share of {} paths", count(e.paths)) }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Year" }</th>
                            <th scope="col">{ "Paths" }</th>
                            <td aria-hidden="true"></td>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </>
        }
    });
    html! {
        <section class="uncertainty-readouts" aria-label="Uncertainty">
            <h3 class="readout-year">{ "Uncertainty" }</h3>
            <p
                class="ensemble-status"
                role="status"
                data-ensemble-status={match (props.running, &props.ensemble) {
                    (Some(_), _) => "running",
                    (None, Some(_)) => "done",
                    (None, None) => "idle",
                }}
                data-frames={props.last_run.map(|run| run.frames.to_string())}
                data-work-ms={props.last_run.map(|run| run.work_ms.to_string())}
                data-elapsed-ms={props.last_run.map(|run| run.elapsed_ms.to_string())}
                data-longest-frame-ms={props.last_run.map(|run| run.longest_frame_ms.to_string())}
            >{ status }</p>
            { figures.unwrap_or_default() }
        </section>
    }
}
