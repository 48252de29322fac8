//! The words a reader takes away with a scenario: a file name that says which scenario a
//! download holds, an embed snippet for a blog, and a citation. Pure text, so the exact
//! output is held by native tests rather than checked by eye in a browser.

use crate::query::encode_query;
use crate::scenario::Scenario;
use crate::view::MODEL_VERSION;

/// The file name every download starts with; alone, it means the reported terms.
pub const FILE_STEM: &str = "deal-explorer";

/// Longest stem, so a scenario that changes everything still gives a name that file systems
/// and mail clients accept.
const STEM_LIMIT: usize = 100;

/// Named in the iframe's `title`, which screen readers announce for the embedded frame, and
/// in the fallback picture's `alt`. A macro, so that it is part of the snippet's format string
/// rather than an argument formatted at run time: smaller in the wasm.
macro_rules! embed_title {
    () => {
        "OpenAI–Microsoft deal explorer"
    };
}

/// A file name stem that says the scenario: `deal-explorer` at the defaults, otherwise each
/// non-default input in the URL's order, e.g. `deal-explorer-r30-280-g-m5-cap-50`. Only
/// `[a-z0-9.-]`, with `m` for a minus sign so a value never reads as a separator. Inputs
/// that do not fit in 100 characters are left off whole: a shortened value would name a
/// different scenario.
pub fn file_stem(s: &Scenario) -> String {
    let mut stem = FILE_STEM.to_string();
    let query = encode_query(s);
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let part = format!("-{}-{}", safe(&key), safe(&value.replace('-', "m")));
        if stem.len() + part.len() > STEM_LIMIT {
            break;
        }
        stem.push_str(&part);
    }
    stem
}

/// An iframe for a blog post, then a link to the explorer with its preview picture (`og.png`,
/// beside the page) for hosts that drop iframes (feeds, e-mail), and the script (beside the
/// page too) that lets the frame take the height of its content and hides that link where the
/// frame is shown. The frame's address gets `embed=1` for the compact view.
pub fn embed_snippet(url: &str) -> String {
    let frame = escape_attribute(&with_embed(url));
    // Escaping adds no `?`, `#` or `/`, so the escaped address has the same folder.
    let page = escape_attribute(url);
    format!(
        concat!(
            "<iframe src=\"{}\" title=\"",
            embed_title!(),
            "\" width=\"100%\" height=\"640\" style=\"border:0;max-width:800px\" \
             loading=\"lazy\"></iframe>\n<a href=\"{}\"><img src=\"{}\" alt=\"",
            embed_title!(),
            "\" width=\"600\" height=\"315\" loading=\"lazy\"></a>\n<script src=\"{}\" async></script>"
        ),
        frame,
        page,
        sibling(&page, "og.png"),
        sibling(&page, "embed.js")
    )
}

/// A plain citation of the scenario. No access date: pure code has no clock, and a wrong
/// date is worse than none.
pub fn citation(url: &str) -> String {
    format!("Deal explorer: OpenAI–Microsoft revenue share scenario, model v{MODEL_VERSION}. {url}")
}

/// Lower case, and `-` for anything outside `[a-z0-9.-]` (`old_until` → `old-until`).
fn safe(text: &str) -> String {
    text.chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| match c {
            'a'..='z' | '0'..='9' | '.' | '-' => c,
            _ => '-',
        })
        .collect()
}

/// The address split at its query and fragment: `(path, query, fragment)`, query and fragment
/// without their `?` and `#`.
fn split(url: &str) -> (&str, Option<&str>, Option<&str>) {
    let (rest, fragment) = match url.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (url, None),
    };
    match rest.split_once('?') {
        Some((path, query)) => (path, Some(query), fragment),
        None => (rest, None, fragment),
    }
}

/// The address with `embed=1` in its query. An address that already says `embed=1` stays as
/// it is; any other `embed` value is replaced, since the snippet is for embedding.
fn with_embed(url: &str) -> String {
    let (path, query, fragment) = split(url);
    let pairs: Vec<&str> = query
        .unwrap_or("")
        .split('&')
        .filter(|pair| !pair.is_empty())
        .collect();
    if pairs.contains(&"embed=1") {
        return url.to_string();
    }
    let mut kept: Vec<&str> = pairs
        .into_iter()
        .filter(|pair| pair.split('=').next() != Some("embed"))
        .collect();
    kept.push("embed=1");
    let mut out = format!("{path}?{}", kept.join("&"));
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// A file in the page's own folder: the query and the page's file name dropped.
fn sibling(url: &str, file: &str) -> String {
    let (path, _, _) = split(url);
    // `https://host` alone has no folder slash after the host: the file goes at the root.
    let after_scheme = path.find("://").map_or(0, |at| at + 3);
    match path[after_scheme..].rfind('/') {
        Some(at) => format!("{}{file}", &path[..after_scheme + at + 1]),
        None => format!("{path}/{file}"),
    }
}

/// Escapes text for an HTML attribute value in double quotes (or for text between tags): the
/// one escaper of the snippet, the built pages and the prerendered charts.
pub fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::INPUTS;
    use crate::scenario::with_inputs as scenario;
    use crate::InputKey;

    #[test]
    fn the_reported_terms_are_the_plain_stem() {
        assert_eq!(file_stem(&Scenario::default()), "deal-explorer");
    }

    #[test]
    fn a_stem_names_each_changed_input_in_the_url_order() {
        let s = scenario(&[
            (InputKey::Cap, 50.0),
            (InputKey::R30, 280.0),
            (InputKey::G, 20.0),
        ]);
        assert_eq!(file_stem(&s), "deal-explorer-r30-280-g-20-cap-50");
    }

    #[test]
    fn minus_signs_underscores_and_halves_become_safe_characters() {
        let s = scenario(&[
            (InputKey::G, -5.0),
            (InputKey::R26, 27.5),
            (InputKey::OldUntil, 2028.0),
            (InputKey::M26, -100.0),
        ]);
        assert_eq!(
            file_stem(&s),
            "deal-explorer-r26-27.5-g-m5-old-until-2028-m26-m100"
        );
    }

    #[test]
    fn a_stem_of_everything_changed_stays_short_and_never_cuts_a_value() {
        let mut s = Scenario::default();
        for input in INPUTS {
            // The end of the range that is not the default, so that every input is written.
            let far = if input.max == input.default {
                input.min
            } else {
                input.max
            };
            s.set(input.key, far);
        }
        // The stems a cut at each whole input would give; the longest within 100 is wanted.
        let mut whole = vec!["deal-explorer".to_string()];
        for input in INPUTS {
            let previous = whole.last().cloned().unwrap_or_default();
            let value = s.get(input.key);
            whole.push(format!(
                "{previous}-{}-{value}",
                input.name.replace('_', "-")
            ));
        }
        let expected = whole.iter().rfind(|stem| stem.len() <= 100);
        let stem = file_stem(&s);
        assert_eq!(Some(&stem), expected);
        assert!(
            whole.last().is_some_and(|all| all.len() > 100),
            "the test cuts"
        );
        assert!(stem
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-'));
    }

    #[test]
    fn the_embed_snippet_is_an_iframe_a_fallback_link_and_the_resizing_script_beside_the_page() {
        assert_eq!(
            embed_snippet("https://example.org/tools/deal/?v=1&r30=280&cap=50"),
            "<iframe src=\"https://example.org/tools/deal/?v=1&amp;r30=280&amp;cap=50&amp;embed=1\" \
             title=\"OpenAI–Microsoft deal explorer\" width=\"100%\" height=\"640\" \
             style=\"border:0;max-width:800px\" loading=\"lazy\"></iframe>\n\
             <a href=\"https://example.org/tools/deal/?v=1&amp;r30=280&amp;cap=50\">\
             <img src=\"https://example.org/tools/deal/og.png\" alt=\"OpenAI–Microsoft deal explorer\" \
             width=\"600\" height=\"315\" loading=\"lazy\"></a>\n\
             <script src=\"https://example.org/tools/deal/embed.js\" async></script>"
        );
    }

    #[test]
    fn a_page_address_without_a_query_gets_one_and_its_file_name_is_dropped_for_the_script() {
        assert_eq!(
            embed_snippet("https://example.org/deal/index.html#charts"),
            "<iframe src=\"https://example.org/deal/index.html?embed=1#charts\" \
             title=\"OpenAI–Microsoft deal explorer\" width=\"100%\" height=\"640\" \
             style=\"border:0;max-width:800px\" loading=\"lazy\"></iframe>\n\
             <a href=\"https://example.org/deal/index.html#charts\">\
             <img src=\"https://example.org/deal/og.png\" alt=\"OpenAI–Microsoft deal explorer\" \
             width=\"600\" height=\"315\" loading=\"lazy\"></a>\n\
             <script src=\"https://example.org/deal/embed.js\" async></script>"
        );
        let bare = embed_snippet("https://example.org");
        assert!(bare.contains("<script src=\"https://example.org/embed.js\" async>"));
        assert!(bare
            .contains("<a href=\"https://example.org\"><img src=\"https://example.org/og.png\""));
    }

    #[test]
    fn an_address_that_already_embeds_keeps_its_query_and_another_embed_value_is_replaced() {
        let snippet = embed_snippet("https://example.org/?embed=1&cap=50");
        assert!(
            snippet.starts_with("<iframe src=\"https://example.org/?embed=1&amp;cap=50\" "),
            "{snippet}"
        );
        let snippet = embed_snippet("https://example.org/?embed=0&cap=50");
        assert!(
            snippet.starts_with("<iframe src=\"https://example.org/?cap=50&amp;embed=1\" "),
            "{snippet}"
        );
    }

    #[test]
    fn the_embed_keeps_the_chart_the_address_asks_for() {
        use crate::view::{page_query, parse_page, ChartChoice, View};
        let view = View {
            chart: Some(ChartChoice::Traded),
            ..View::default()
        };
        let s = scenario(&[(InputKey::Cap, 50.0)]);
        let url = format!(
            "https://example.org/tools/deal/?{}",
            page_query(&s, &[], &view)
        );
        let snippet = embed_snippet(&url);
        assert!(
            snippet.starts_with(
                "<iframe src=\"https://example.org/tools/deal/?v=1&amp;cap=50&amp;chart=traded&amp;embed=1\" "
            ),
            "{snippet}"
        );
        // What the frame will read: the same scenario and chart, embedded.
        let src = snippet
            .split('"')
            .nth(1)
            .map(|src| src.replace("&amp;", "&"))
            .unwrap_or_default();
        let page = parse_page(src.split_once('?').map_or("", |(_, query)| query));
        assert_eq!(page.scenario, s);
        assert_eq!(
            page.view,
            View {
                embed: true,
                ..view
            }
        );
        assert!(page.notices.is_empty(), "{:?}", page.notices);
    }

    #[test]
    fn quotes_and_angle_brackets_cannot_leave_the_attribute() {
        let snippet = embed_snippet("https://example.org/a\"b<c>/?x=\"><script>");
        assert_eq!(
            snippet.matches('"').count(),
            26,
            "only the snippet's own quotes: {snippet}"
        );
        assert!(!snippet.contains("\"><script>"), "{snippet}");
        assert!(snippet.contains(
            "<a href=\"https://example.org/a&quot;b&lt;c&gt;/?x=&quot;&gt;&lt;script&gt;\">"
        ));
        assert!(snippet.contains("<img src=\"https://example.org/a&quot;b&lt;c&gt;/og.png\""));
        assert!(snippet.contains(
            "src=\"https://example.org/a&quot;b&lt;c&gt;/?x=&quot;&gt;&lt;script&gt;&amp;embed=1\""
        ));
        assert!(snippet.contains("<script src=\"https://example.org/a&quot;b&lt;c&gt;/embed.js\""));
    }

    #[test]
    fn the_citation_names_the_model_version_and_the_address() {
        assert_eq!(
            citation("https://example.org/deal/?v=1&cap=50"),
            "Deal explorer: OpenAI–Microsoft revenue share scenario, model v1. https://example.org/deal/?v=1&cap=50"
        );
    }
}
