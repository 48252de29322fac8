//! Taking a scenario elsewhere: its link, an embed snippet and a citation to copy, and the
//! charts and the ledger as files. Where the browser refuses the clipboard (insecure origin,
//! sandboxed frame), the text is shown selected for the reader to copy by hand. The whole
//! explorer can be taken too: the one-file build, fetched from beside the page, with the
//! scenario preset in it.

use std::rc::Rc;

use deal_model::{
    citation, embed_snippet, file_stem, page_query, sweep_csv, ChartChoice, Pin, Scenario, View,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlCanvasElement, HtmlTextAreaElement, Response, Window};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::charts::{Chart, Layers, Theme};
use crate::services::clipboard;
use crate::services::export::{self, Payload, CSV_MIME, PNG_MIME, SVG_MIME};

#[derive(Properties, Clone, PartialEq)]
pub struct SharePanelProps {
    pub scenario: Scenario,
    /// The page's address for this scenario, without `embed`.
    pub url: AttrValue,
    /// The theme the charts are drawn in, so an SVG matches the screen.
    pub theme: Theme,
    /// What the charts draw, so an SVG shows what the canvas shows; its ledger and sweep are
    /// the CSVs.
    pub layers: Layers,
    /// Pinned scenarios: carried into the one-file copy's preset.
    #[prop_or_default]
    pub pins: Rc<Vec<Pin>>,
    /// Each chart's canvas, for its pixels and its size on screen.
    pub canvases: Rc<[(Chart, NodeRef); 4]>,
    /// The chart the embed code shows (`chart=` in `url`); `None` is the first one.
    #[prop_or_default]
    pub chart: Option<ChartChoice>,
    pub on_chart: Callback<ChartChoice>,
}

/// The CSVs' rows in the list of downloads.
const LEDGER: &str = "The yearly ledger";
const SWEEP: &str = "The revenue sweep";

/// The one-file build, beside `index.html` in the built folder.
const SINGLE_FILE: &str = "deal-explorer.html";

const HTML_MIME: &str = "text/html;charset=utf-8";

/// Shown when the one-file build cannot be fetched: this page is that file (opened from disk,
/// or re-hosted), or the host does not serve it.
pub const SINGLE_FILE_UNAVAILABLE: &str =
    "The one-file version is not available from here; download it from the hosted explorer.";

/// The message that goes with the selected fallback text.
pub const BLOCKED: &str = "Copying is blocked here; the text is selected, press Ctrl+C (⌘C).";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CopyTarget {
    Link,
    Embed,
    Citation,
}

impl CopyTarget {
    const ALL: [CopyTarget; 3] = [CopyTarget::Link, CopyTarget::Embed, CopyTarget::Citation];

    fn slug(self) -> &'static str {
        match self {
            CopyTarget::Link => "link",
            CopyTarget::Embed => "embed",
            CopyTarget::Citation => "citation",
        }
    }

    fn label(self) -> &'static str {
        match self {
            CopyTarget::Link => "Copy link",
            CopyTarget::Embed => "Copy embed code",
            CopyTarget::Citation => "Copy citation",
        }
    }

    fn copied(self) -> &'static str {
        match self {
            CopyTarget::Link => "Link copied.",
            CopyTarget::Embed => "Embed code copied.",
            CopyTarget::Citation => "Citation copied.",
        }
    }

    fn text(self, url: &str) -> String {
        match self {
            CopyTarget::Link => url.to_string(),
            CopyTarget::Embed => embed_snippet(url),
            CopyTarget::Citation => citation(url),
        }
    }
}

/// Text the clipboard refused, shown for copying by hand. `attempt` differs on every refusal
/// so a second click on the same button selects the text again.
#[derive(Clone, Debug, PartialEq)]
struct Fallback {
    target: CopyTarget,
    text: String,
    attempt: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Download {
    Png(Chart),
    Svg(Chart),
    Csv,
    SweepCsv,
}

impl Download {
    fn hook(self) -> String {
        match self {
            Download::Png(chart) => format!("{}-png", chart.slug()),
            Download::Svg(chart) => format!("{}-svg", chart.slug()),
            Download::Csv => "csv".to_string(),
            Download::SweepCsv => "sweep-csv".to_string(),
        }
    }

    fn format(self) -> &'static str {
        match self {
            Download::Png(_) => "PNG",
            Download::Svg(_) => "SVG",
            Download::Csv | Download::SweepCsv => "CSV",
        }
    }

    fn file_name(self, stem: &str) -> String {
        match self {
            Download::Png(chart) => format!("{stem}-{}.png", chart.slug()),
            Download::Svg(chart) => format!("{stem}-{}.svg", chart.slug()),
            Download::Csv => format!("{stem}.csv"),
            Download::SweepCsv => format!("{stem}-sweep.csv"),
        }
    }
}

#[component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    let status = use_state(String::new);
    let fallback = use_state(|| None::<Fallback>);
    let fallback_field = use_node_ref();

    {
        // Selected only once it is on the page, which is after the render that adds it.
        let field = fallback_field.clone();
        use_effect_with((*fallback).clone(), move |shown| {
            if let (Some(_), Some(field)) = (shown, field.cast::<HtmlTextAreaElement>()) {
                let _ = field.focus();
                field.select();
            }
        });
    }

    let copy_buttons = CopyTarget::ALL.iter().map(|&target| {
        let text = target.text(&props.url);
        let status = status.clone();
        let fallback = fallback.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let text = text.clone();
            let status = status.clone();
            let fallback = fallback.clone();
            spawn_local(async move {
                match clipboard::write_text(&text).await {
                    Ok(()) => {
                        fallback.set(None);
                        status.set(target.copied().to_string());
                    }
                    Err(_) => {
                        let attempt = (*fallback).as_ref().map_or(0, |f| f.attempt + 1);
                        fallback.set(Some(Fallback {
                            target,
                            text,
                            attempt,
                        }));
                        status.set(BLOCKED.to_string());
                    }
                }
            });
        });
        html! {
            <button type="button" class="share-button" data-copy={target.slug()} {onclick}>
                { target.label() }
            </button>
        }
    });

    let stem = file_stem(&props.scenario);
    // One row per chart and one for the ledger, each with its formats: one `html!` per kind
    // of element keeps the wasm small.
    let rows = Chart::ALL
        .iter()
        .map(|&chart| {
            (
                chart.title(),
                vec![Download::Png(chart), Download::Svg(chart)],
            )
        })
        .chain([
            (LEDGER, vec![Download::Csv]),
            (SWEEP, vec![Download::SweepCsv]),
        ])
        .map(|(what, downloads)| {
            let buttons = downloads.into_iter().map(|download| {
                let onclick = on_download(props, download, download.file_name(&stem), &status);
                html! {
                    <button
                        type="button"
                        class="share-button"
                        data-download={download.hook()}
                        aria-label={format!("Download “{what}” as {}", download.format())}
                        {onclick}
                    >
                        { download.format() }
                    </button>
                }
            });
            html! {
                <li key={what}>
                    <span class="download-what">{ what }</span>
                    { for buttons }
                </li>
            }
        });

    let fallback_view = (*fallback).as_ref().map(|shown| {
        let rows = if shown.target == CopyTarget::Embed {
            4
        } else {
            2
        };
        html! {
            <textarea
                ref={fallback_field.clone()}
                class="share-fallback"
                data-copy-fallback={shown.target.slug()}
                aria-label={format!("{}: text to copy", shown.target.label())}
                aria-describedby="share-status"
                readonly=true
                rows={rows.to_string()}
                value={shown.text.clone()}
            />
        }
    });

    html! {
        <details class="share panel" id="share">
            <summary><h2 class="section-heading">{ "Share and download" }</h2></summary>
            { embed_chart(props.chart, &props.on_chart) }
            <div class="share-copy">{ for copy_buttons }</div>
            { for fallback_view }
            <p id="share-status" class="share-status" role="status" aria-live="polite">{ (*status).clone() }</p>
            <ul class="download-list">
                { for rows }
                <li>
                    <span class="download-what">{ "The whole explorer, on this scenario" }</span>
                    <button
                        type="button"
                        class="share-button"
                        data-download="single-file"
                        onclick={on_single_file(&props.scenario, &props.pins, &stem, &status)}
                    >
                        { "Download as one HTML file" }
                    </button>
                </li>
            </ul>
        </details>
    }
}

/// Which chart an embed shows: a blogger embeds the one that makes their point. The choice is
/// part of the address, so the link and the embed code carry it.
fn embed_chart(chart: Option<ChartChoice>, on_chart: &Callback<ChartChoice>) -> Html {
    let chosen = Chart::of(chart.unwrap_or(ChartChoice::Revenue));
    let onchange = on_chart.reform(|event: Event| {
        event
            .target_dyn_into::<web_sys::HtmlSelectElement>()
            .and_then(|select| ChartChoice::from_slug(&select.value()))
            .unwrap_or(ChartChoice::Revenue)
    });
    let options = Chart::ALL.iter().map(|&c| {
        html! { <option value={c.slug()} selected={c == chosen}>{ c.title() }</option> }
    });
    html! {
        <p class="embed-chart">
            <label for="embed-chart">{ "Chart in the embed " }</label>
            <select id="embed-chart" data-embed-chart="" {onchange}>{ for options }</select>
        </p>
    }
}

/// Saves one file; a refusal shows in the status line, a success clears it.
fn on_download(
    props: &SharePanelProps,
    download: Download,
    file_name: String,
    status: &UseStateHandle<String>,
) -> Callback<MouseEvent> {
    let props = props.clone();
    let status = status.clone();
    Callback::from(move |_: MouseEvent| {
        let report = {
            let status = status.clone();
            move |result: Result<(), String>| status.set(result.err().unwrap_or_default())
        };
        match download {
            Download::Csv => report(export::download(
                &file_name,
                CSV_MIME,
                Payload::Text(&props.layers.ledger.to_csv()),
            )),
            Download::SweepCsv => {
                let rows = props
                    .layers
                    .sweeps
                    .as_ref()
                    .map_or(&[][..], |s| &s.live.rows);
                report(export::download(
                    &file_name,
                    CSV_MIME,
                    Payload::Text(&sweep_csv(rows)),
                ));
            }
            Download::Svg(chart) => {
                let (width, height) =
                    export::css_size(canvas_of(&props.canvases[..], chart).as_ref());
                let saved =
                    export::chart_svg(chart, &props.layers.scene(), props.theme, width, height)
                        .and_then(|svg| {
                            export::download(&file_name, SVG_MIME, Payload::Text(&svg))
                        });
                report(saved);
            }
            Download::Png(chart) => {
                let Some(canvas) = canvas_of(&props.canvases[..], chart) else {
                    report(Err("The chart is not on the page to save.".to_string()));
                    return;
                };
                super::chart_canvas::catch_up(&canvas);
                let file_name = file_name.clone();
                spawn_local(async move {
                    let saved = match export::chart_png(&canvas).await {
                        Ok(blob) => export::download(&file_name, PNG_MIME, Payload::Blob(&blob)),
                        Err(err) => Err(err),
                    };
                    report(saved);
                });
            }
        }
    })
}

/// Saves the one-file build with this scenario preset in it; anything in the way shows in the
/// status line.
fn on_single_file(
    scenario: &Scenario,
    pins: &[Pin],
    stem: &str,
    status: &UseStateHandle<String>,
) -> Callback<MouseEvent> {
    let query = page_query(scenario, pins, &View::default());
    let file_name = format!("{stem}.html");
    let status = status.clone();
    Callback::from(move |_: MouseEvent| {
        let query = query.clone();
        let file_name = file_name.clone();
        let status = status.clone();
        spawn_local(async move {
            let saved = match fetch_single_file().await {
                Some(html) => export::with_scenario_meta(&html, &query)
                    .and_then(|html| export::download(&file_name, HTML_MIME, Payload::Text(&html))),
                None => Err(SINGLE_FILE_UNAVAILABLE.to_string()),
            };
            status.set(saved.err().unwrap_or_default());
        });
    })
}

/// The one-file build's text, or `None` when it cannot be had from here. Through web-sys, not
/// gloo's `net`: measured, gloo-net took the first view from 179.3 to 180.7 KB gzip, over budget.
async fn fetch_single_file() -> Option<String> {
    let window = web_sys::window()?;
    if !may_fetch(&window) {
        return None;
    }
    let response = JsFuture::from(window.fetch_with_str(SINGLE_FILE))
        .await
        .ok()?
        .dyn_into::<Response>()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    // A host that answers every path with some page (an SPA fallback) does not serve the file;
    // the one file always carries its own policy.
    text.contains("http-equiv=\"Content-Security-Policy\"")
        .then_some(text)
}

/// Whether asking for the file can work: not from the one file itself (opened from disk or
/// re-hosted), whose own policy, a meta tag the folder build does not have, forbids the request.
fn may_fetch(window: &Window) -> bool {
    window.document().is_some_and(|d| {
        matches!(
            d.query_selector("meta[http-equiv=\"Content-Security-Policy\"]"),
            Ok(None)
        )
    })
}

/// The chart's canvas, through the reference its `ChartCanvas` was given.
fn canvas_of(canvases: &[(Chart, NodeRef)], chart: Chart) -> Option<HtmlCanvasElement> {
    canvases
        .iter()
        .find(|(shown, _)| *shown == chart)?
        .1
        .cast::<HtmlCanvasElement>()
}
