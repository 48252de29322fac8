//! The figures a reader asks about, each said once and grouped by the question it answers,
//! beside the chart that draws it: when the cap binds (under the cap chart), what each side
//! takes (under the take chart) and the year shown (under the sentence). Each figure carries
//! `data-readout` and its full-precision `data-value`, so tests hold the rounded text to the
//! model's number.

use deal_model::float_text::shortest;
use deal_model::format::count;
use deal_model::{cap_year_name, chance, money_b, Band, Ensemble, Headline, YearRow};
use yew::prelude::*;

use crate::services::ensemble_runner::RunStats;

fn figure(key: &'static str, value: f64) -> Html {
    html! {
        <span class="figure-value" data-readout={key} data-value={shortest(value)}>{ money_b(value) }</span>
    }
}

/// A figure under the new terms with the old terms' beside it, so the comparison the deal is
/// about is one glance, not two cards.
fn paired(label: &str, new: (&'static str, f64), old: (&'static str, f64)) -> Html {
    html! {
        <div class="readout">
            <dt>{ label }</dt>
            <dd>
                { figure(new.0, new.1) }
                <span class="readout-old">{ " old terms " }{ figure(old.0, old.1) }</span>
            </dd>
        </div>
    }
}

fn single(label: &str, key: &'static str, value: f64) -> Html {
    html! {
        <div class="readout">
            <dt>{ label }</dt>
            <dd>{ figure(key, value) }</dd>
        </div>
    }
}

/// When the cap binds and what OpenAI pays in all: the cap chart's question.
pub fn cap_readouts(headline: &Headline) -> Html {
    html! {
        <dl class="readout-grid" aria-label="When the cap binds">
            <div class="readout">
                <dt>{ "Cap reached in" }</dt>
                <dd><span class="figure-value" data-readout="cap_year">{ headline.cap_year.map_or_else(|| "not reached".to_string(), |y| y.to_string()) }</span></dd>
            </div>
            { paired("OpenAI pays Microsoft in all", ("total_new", headline.total_new), ("total_old", headline.total_old)) }
        </dl>
    }
}

/// What the new terms change for each side over 2026–2035: the take chart's question.
pub fn take_readouts(headline: &Headline) -> Html {
    html! {
        <dl class="readout-grid" aria-label="What each side gains or loses, 2026–2035">
            { single("OpenAI saves, 2026–2035", "openai_savings", headline.openai_savings) }
            { single("Microsoft's take changes by, 2026–2035", "microsoft_change", headline.microsoft_change) }
        </dl>
    }
}

/// The year the reader picked: who gets its revenue, and what has been paid by then while
/// that still differs from the totals under the cap chart (before the payments end).
pub fn year_readouts(row: &YearRow, headline: &Headline) -> Html {
    let year = row.year;
    let differs = |a: f64, b: f64| (a - b).abs() > 1e-9;
    let so_far = (differs(row.cumulative_new, headline.total_new)
        || differs(row.cumulative_old, headline.total_old))
    .then(|| {
        paired(
            &format!("Paid 2026–{year}"),
            ("cumulative_new", row.cumulative_new),
            ("cumulative_old", row.cumulative_old),
        )
    });
    html! {
        <section class="year-readouts" aria-labelledby="year-readouts-heading">
            <h3 class="readout-year" id="year-readouts-heading">{ format!("In {year}") }</h3>
            <dl class="readout-grid">
                { single("OpenAI revenue", "revenue", row.revenue) }
                { paired("Paid to Microsoft", ("share_new", row.share_new), ("share_old", row.share_old)) }
                { paired("Microsoft's take", ("microsoft_take_new", row.microsoft_take_new), ("microsoft_take_old", row.microsoft_take_old)) }
                { single("OpenAI keeps", "openai_kept_new", row.openai_kept_new) }
                { so_far }
            </dl>
        </section>
    }
}

/// The uncertainty ensemble as the readouts show it.
pub struct EnsembleRun<'a> {
    pub ensemble: Option<&'a Ensemble>,
    /// The number of paths being simulated, while a newer ensemble is on its way.
    pub running: Option<usize>,
    /// How the last run was spread over frames, written as data for `make bench` in the test
    /// build.
    pub last_run: Option<RunStats>,
}

/// Where 8 in 10 paths put the total paid by 2035: the certainty Microsoft bought under the new
/// terms (the cap bounds it) against the upside it had under the old ones.
fn spread(key: &'static str, label: &'static str, band: &Band) -> Html {
    let at = |values: &[f64]| values.last().copied().unwrap_or(f64::NAN);
    let (p10, p90) = (at(&band.p10), at(&band.p90));
    html! {
        <div class="readout" key={key}>
            <dt>{ label }</dt>
                <dd data-readout={key} data-p10={shortest(p10)} data-p90={shortest(p90)}>
                { format!("{} to {}", money_b(p10), money_b(p90)) }
                <span class="readout-note">{ " (8 in 10 paths)" }</span>
            </dd>
        </div>
    }
}

/// The chance of reaching the cap by the selected year and the spread of the cap year, when
/// uncertainty is on (the caller shows them only then). The status line is a polite live region that changes only when a run
/// starts or ends, never frame by frame.
pub fn uncertainty_readouts(run: &EnsembleRun, year: i32) -> Html {
    let status = match (run.running, &run.ensemble) {
        (Some(paths), _) => format!("Simulating {} paths…", count(paths)),
        (None, Some(e)) => format!(
            "From {} random revenue paths, seed {}.",
            count(e.paths),
            e.seed
        ),
        (None, None) => String::new(),
    };
    // How the run was spread over frames is for `make bench`, which runs the test build.
    let last_run = run.last_run.filter(|_| cfg!(feature = "test-hooks"));
    let figures = run.ensemble.as_ref().map(|e| {
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
                        <td data-value={shortest(share)} data-count={count.to_string()}>{ chance(share) }</td>
                        <td class="cap-year-bar" aria-hidden="true">
                            <meter min="0" max="1" value={shortest(share)}></meter>
                        </td>
                    </tr>
                }
            });
        html! {
            <>
                <dl class="readout-grid chances">
                    <div class="readout">
                        <dt>{ format!("Chance the cap is reached by {year}") }</dt>
                        <dd data-readout="cap_chance" data-value={shortest(by)} data-paths={e.paths.to_string()}>{ chance(by) }</dd>
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
                data-ensemble-status={match (run.running, &run.ensemble) {
                    (Some(_), _) => "running",
                    (None, Some(_)) => "done",
                    (None, None) => "idle",
                }}
                data-frames={last_run.map(|run| run.frames.to_string())}
                data-work-ms={last_run.map(|run| shortest(run.work_ms))}
                data-elapsed-ms={last_run.map(|run| shortest(run.elapsed_ms))}
                data-longest-frame-ms={last_run.map(|run| shortest(run.longest_frame_ms))}
            >{ status }</p>
            { figures.unwrap_or_default() }
        </section>
    }
}
