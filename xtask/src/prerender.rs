//! The first view, painted before the wasm arrives: the app's workbench for a scenario, rendered
//! at build time by Yew's server renderer from the very components the browser runs, with each
//! chart as an inline SVG drawn by the same chart code (`deal_explorer::charts::static_svg`).
//!
//! The page shows it until the app starts, which empties `#app` and renders into it in one task,
//! so no frame shows neither (`deal_explorer::start`). Its controls are disabled, since nothing
//! listens to them yet, and a badge says whose numbers these are: the default scenario's, which
//! a link with its own scenario replaces once the app has computed it. Its charts stay over
//! the app's canvases until these are drawn ([`KEEP_PICTURES`]). An embed, whose compact view
//! is another layout, shows the loading line instead. Without JavaScript the page keeps this
//! view, and the `<noscript>` note says the controls need it.

use deal_explorer::app::{prerender_with, App};
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};

use crate::error::{Error, Result};

/// What the badge over the static view says; the app's own view has none.
pub const BADGE: &str = "Default scenario. Controls start once loaded.";

/// What a reader without JavaScript reads under the static view.
pub const NO_SCRIPT: &str = "The figures and charts above are the default scenario's. Moving the \
                             controls needs JavaScript and WebAssembly.";

/// What makes a number in the sentence a slider, which the static view leaves out.
const SCRUB_ONLY: [&str; 7] = [
    "role",
    "tabindex",
    "aria-label",
    "aria-valuemin",
    "aria-valuemax",
    "aria-valuenow",
    "aria-valuetext",
];

/// Lays each chart of the static view over the canvas that takes its place when the app
/// starts, until that canvas is drawn (its first draw comes after the frame that lays out the
/// app's view), so that the takeover never shows an empty chart. A classic script of the page's,
/// allowed by its hash like the others, so the wasm carries nothing for it. Only for an address
/// with no query but the model version and the theme, and no scenario of a downloaded copy:
/// anything else may picture another scenario than the default one drawn here. A picture it
/// lays over a canvas is marked `data-over` for the stylesheet: a rule on `:only-child` would
/// not do, since Blink matches no element as an only (or last) child while the parser may
/// still add siblings, and a chart laid out of the flow in a page painted before it had all
/// arrived sat 8 px lower than once it had (a layout shift of 0.0026 in some phone loads).
pub const KEEP_PICTURES: &str = "(()=>{\
if(location.search.slice(1).split('&').some(p=>p&&!/^(v|theme)=/.test(p)))return;\
let seen=0;const kept=new Map,o=new MutationObserver(rs=>{\
if(document.querySelector('meta[name=deal-explorer-scenario]'))return o.disconnect();\
for(const r of rs)for(const n of r.removedNodes)if(n.querySelectorAll)\
for(const s of n.querySelectorAll('svg.chart[data-prerendered]'))kept.set(s.dataset.chart,s),seen=1;\
for(const[k,s]of kept){const c=document.querySelector(`canvas.chart[data-chart=\"${k}\"]`);\
if(c){c.dataset.drawn||(s.dataset.over='',c.before(s));kept.delete(k)}}\
for(const c of document.querySelectorAll('svg[data-prerendered]+canvas[data-drawn]'))c.previousElementSibling.remove();\
if(seen&&!kept.size&&!document.querySelector('svg[data-prerendered]'))o.disconnect()});\
o.observe(document,{childList:true,subtree:true,attributeFilter:['data-drawn']})})()";

/// The workbench for `query` (a page query, "" for the defaults) as static HTML.
pub fn workbench(query: &str) -> Result<String> {
    let html = prerender_with(query, || {
        futures::executor::block_on(
            yew::LocalServerRenderer::<App>::new()
                .hydratable(false)
                .render(),
        )
    });
    // Nothing listens to the controls yet: disabled, they say so, and a reader's early drag
    // is not lost when the app replaces them.
    let badged = std::cell::Cell::new(false);
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("input, button, select, textarea", |el| {
            el.set_attribute("disabled", "")?;
            Ok(())
        }))
        // The sentence's numbers are sliders only once the app listens: here plain text, not
        // a focusable control that does nothing.
        .append_element_content_handler(element!(".scrub-number", |el| {
            for name in SCRUB_ONLY {
                el.remove_attribute(name);
            }
            Ok(())
        }))
        .append_element_content_handler(element!(".workbench", |el| {
            el.set_attribute("data-prerendered", "")?;
            Ok(())
        }))
        // On the first chart, where a reader looks for the numbers, and over nothing but its
        // title row: on a phone the top of the workbench is the sliders' sticky strip, which
        // covers anything laid over it.
        .append_element_content_handler(element!("figure.chart-figure", |el| {
            if !badged.replace(true) {
                el.prepend(
                    &format!("<p class=\"static-badge\" role=\"status\">{BADGE}</p>"),
                    ContentType::Html,
                );
            }
            Ok(())
        }));
    rewrite_str(&html, settings).map_err(|err| Error::new(format!("prerender: {err}")))
}

/// What the static view adds to the page's stylesheet: its charts' colour classes, and the
/// badge, laid over the first chart's corner so that it takes no room the app's view would not. The badge
/// replaces the loading line, but for an embed (marked by the head's early script), whose
/// compact view is not the full page's workbench: there the line shows and the workbench waits.
pub fn stylesheet() -> String {
    deal_explorer::charts::static_svg::stylesheet()
        + "[data-prerendered] .chart-figure{position:relative}.static-badge{position:absolute;z-index:1;\
           top:0;right:0;margin:0;padding:.1rem .4rem;font-size:.75rem;border-radius:4px;\
           background:var(--bg);color:var(--muted);border:1px solid var(--border)}\
           html:not(.embedding) #loading,.embedding .workbench[data-prerendered]{display:none}\
           .chart-host>svg[data-over]{position:absolute;top:0;left:0}"
}

/// Whether `xtask prerender` has written its view into this page.
pub fn is_prerendered(index: &str) -> bool {
    index.contains(KEEP_PICTURES)
}

/// `index.html` with the static view inside its (empty) `<main id="app">`.
pub fn into_page(index: &str, query: &str) -> Result<String> {
    let view = workbench(query)?;
    let found = std::cell::Cell::new(false);
    let settings = RewriteStrSettings::new()
        // Before the stylesheet: an inline script after a stylesheet still loading holds the
        // parser until it has loaded, and a body parsed later is painted in pieces that shift.
        .append_element_content_handler(element!("head > title", |el| {
            el.after(
                &format!("<script>{KEEP_PICTURES}</script>"),
                ContentType::Html,
            );
            Ok(())
        }))
        .append_element_content_handler(element!("main#app", |el| {
            found.set(true);
            el.set_inner_content(&view, ContentType::Html);
            Ok(())
        }))
        .append_element_content_handler(element!("noscript", |el| {
            el.set_inner_content(
                &format!("<p class=\"loading\">{NO_SCRIPT}</p>"),
                ContentType::Html,
            );
            Ok(())
        }));
    let page =
        rewrite_str(index, settings).map_err(|err| Error::new(format!("prerender: {err}")))?;
    if !found.get() {
        return Err(Error::new(
            "index.html has no <main id=\"app\"> to prerender into",
        ));
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;
    use deal_model::{parse_query, sentence, sentence_text, Ledger};

    /// The page's text with tags dropped and entities read, as a reader sees it.
    fn text_of(html: &str) -> String {
        let mut text = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        text.replace("&amp;", "&")
            .replace("&apos;", "'")
            .replace("&#39;", "'")
            .replace("&quot;", "\"")
    }

    fn expected_sentence(query: &str) -> String {
        let (scenario, _) = parse_query(query);
        sentence_text(&sentence(&scenario, &Ledger::compute(&scenario)), &scenario)
    }

    #[test]
    fn the_default_view_has_its_sentence_its_four_charts_as_svg_and_no_canvas() {
        let view = workbench("").unwrap();
        let summary = view
            .split("<p data-summary=\"\" class=\"summary\">")
            .nth(1)
            .and_then(|rest| rest.split("</p>").next())
            .expect("the live sentence");
        assert_eq!(text_of(summary), expected_sentence(""));
        for slug in ["revenue", "cap", "take", "traded"] {
            assert!(
                view.contains(&format!("<svg class=\"chart\" data-chart=\"{slug}\"")),
                "{slug} chart missing"
            );
        }
        assert_eq!(view.matches("<svg class=\"chart\"").count(), 4);
        assert!(!view.contains("<canvas"));
        // Once, on the first chart.
        assert_eq!(view.matches(BADGE).count(), 1);
        assert!(view.contains(&format!(
            "<figure data-chart-figure=\"revenue\" class=\"chart-figure\"><p class=\"static-badge\" role=\"status\">{BADGE}</p>"
        )));
    }

    #[test]
    fn a_scenario_renders_its_own_numbers_not_the_defaults() {
        let bull = workbench("r30=280&g=20").unwrap();
        assert!(bull.contains(&text_of(&expected_sentence("r30=280&g=20"))[..40]));
        assert_ne!(expected_sentence("r30=280&g=20"), expected_sentence(""));
        assert!(bull.contains("value=\"280\""));
        assert!(!bull.contains("value=\"200\" type=\"range\""));
    }

    #[test]
    fn every_control_is_disabled_until_the_app_replaces_the_view() {
        let view = workbench("").unwrap();
        let controls = view.matches("<input").count() + view.matches("<button").count();
        assert!(controls >= 6, "{controls} controls");
        let disabled = view.matches(" disabled=\"\"").count();
        assert_eq!(disabled, controls + view.matches("<select").count());
    }

    #[test]
    fn the_sentences_numbers_are_text_until_the_app_makes_them_sliders() {
        let view = workbench("").unwrap();
        let numbers: Vec<&str> = view
            .split("<span ")
            .skip(1)
            .map(|rest| rest.split('>').next().unwrap_or(""))
            .filter(|tag| tag.contains("scrub-number"))
            .collect();
        assert!(numbers.len() >= 4, "{numbers:?}");
        for tag in numbers {
            assert!(tag.contains("data-key="), "{tag}");
            for name in SCRUB_ONLY {
                assert!(!tag.contains(&format!("{name}=")), "{tag}");
            }
        }
        assert!(!view.contains("role=\"slider\""));
    }

    #[test]
    fn the_view_goes_into_main_and_nowhere_else() {
        let index = "<html><body><header>h</header><main id=\"app\" class=\"app\"></main>\
                     <p id=\"loading\">Loading</p><noscript><p>needs JS</p></noscript><p>after</p></body></html>";
        let page = into_page(index, "").unwrap();
        let inside = page
            .split("<main id=\"app\" class=\"app\">")
            .nth(1)
            .unwrap();
        assert!(inside.starts_with("<div class=\"workbench\" data-prerendered=\"\">"));
        // Kept, for an embed: the stylesheet shows it only there.
        assert!(page.contains("<p id=\"loading\">Loading</p>"));
        assert!(stylesheet().contains("html:not(.embedding) #loading,"));
        assert!(page.ends_with(&format!(
            "</main><p id=\"loading\">Loading</p><noscript><p class=\"loading\">{NO_SCRIPT}</p></noscript><p>after</p></body></html>"
        )));
        assert!(into_page("<html><body></body></html>", "").is_err());
        // The pictures' keeper runs from the head, before the app can start and before the
        // stylesheet.
        let page = into_page(
            &index.replace("<body>", "<head><title>t</title></head><body>"),
            "",
        )
        .unwrap();
        assert!(page.contains(&format!(
            "<title>t</title><script>{KEEP_PICTURES}</script></head>"
        )));
        // What `xtask prerender` checks before it runs a second time on the same page.
        assert!(is_prerendered(&page));
        assert!(!is_prerendered(index));
    }
}
