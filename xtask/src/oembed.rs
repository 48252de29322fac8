//! oEmbed discovery for a build that knows where it will be published.
//!
//! oEmbed consumers (WordPress, Ghost, Iframely, Embedly) fetch the page a writer pasted, read
//! its `<link rel="alternate" type="application/json+oembed" href=…>` and fetch that href; the
//! response's `html` is then put in the post. Both the href and the `html` must be absolute
//! URLs, and a static build does not know where it will be hosted. So the build takes the
//! folder's public address (`make dist PUBLIC_URL=https://…/`) and, only then, writes:
//!
//! - `oembed/default.json`, and `oembed/<preset>.json` for each preset: `type: "rich"`, the
//!   share panel's embed snippet for that scenario as `html`;
//! - the discovery link into `index.html` (to `default.json`);
//! - a page per preset beside it, `<preset>.html`: `index.html` opening on the preset (the
//!   `deal-explorer-scenario` meta tag the app reads when the address has no query) and linking
//!   its own response, since a static host sends the same `index.html` whatever the query, and a
//!   consumer can only discover a response per scenario from a page per scenario;
//! - link previews: Open Graph and Twitter card tags in each of those pages (title, the model's
//!   summary of the scenario, the page's address and its preview image, see `preview`), and the
//!   image as each response's `thumbnail_url`. Each preset gets its own picture,
//!   `og-<preset>.png`; the defaults' is `og.png`.
//!
//! Without a public address it writes none of them (and removes any it wrote before), rather
//! than a link a consumer or a link preview cannot follow: both need absolute addresses. Other
//! scenarios have no response: a static host cannot answer per query, so custom scenarios use
//! the share panel's iframe snippet.
//!
//! `og.png` itself is written by every run, with or without an address: the share panel's
//! embed snippet links it, beside the page, as the picture that hosts which drop the iframe
//! (feeds, e-mail) show instead.

use std::cell::Cell;

use deal_model::{
    embed_snippet, escape_attribute, page_query, Ledger, Preset, Scenario, View, PRESETS,
};
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::preview;

/// The `type` of a discovery link to a JSON oEmbed response.
pub const LINK_TYPE: &str = "application/json+oembed";

/// Where the responses go, inside the built folder.
pub const FOLDER: &str = "oembed";

/// The response for the explorer at its defaults, in [`FOLDER`].
pub const DEFAULT_NAME: &str = "default";

/// Names the embedded frame, as the share panel's snippet does.
const TITLE: &str = "OpenAI–Microsoft deal explorer";

const PROVIDER: &str = "deal-explorer";

/// The frame's size as the response states it: the snippet's frame is 640 px tall, and the
/// embed view fits in it at 700 px wide (tests/e2e/layout.test.mjs holds that).
pub const WIDTH: u32 = 700;
pub const HEIGHT: u32 = 640;

/// The defaults' preview image, beside `index.html`; the share panel's snippet links it there.
pub const IMAGE: &str = "og.png";

/// An oEmbed 1.0 response of type `rich`, fields in the spec's order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub version: &'static str,
    pub title: String,
    pub provider_name: &'static str,
    pub provider_url: String,
    /// The scenario's preview image (the spec wants all three `thumbnail_*` fields or none).
    pub thumbnail_url: String,
    pub thumbnail_width: u32,
    pub thumbnail_height: u32,
    pub html: String,
    pub width: u32,
    pub height: u32,
}

/// One scenario that gets a response: the defaults, or a preset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    /// The response's file stem, and for a preset the stem of its page.
    pub name: &'static str,
    pub preset: Option<&'static Preset>,
    pub scenario: Scenario,
}

impl Entry {
    /// The page's query for this scenario (empty at the defaults), as the app writes it.
    pub fn query(&self) -> String {
        page_query(&self.scenario, &[], &View::default())
    }

    /// The explorer's address for this scenario under `base`, as the share panel gives it on
    /// the folder's own page.
    pub fn explorer_url(&self, base: &str) -> String {
        match self.query() {
            query if query.is_empty() => base.to_string(),
            query => format!("{base}?{query}"),
        }
    }

    /// The page a writer pastes to embed this scenario, relative to the folder.
    pub fn page(&self) -> String {
        match self.preset {
            Some(preset) => format!("{}.html", preset.name),
            None => "index.html".to_string(),
        }
    }

    /// The page's own address under `base`: the folder itself for `index.html`.
    pub fn page_url(&self, base: &str) -> String {
        match self.preset {
            Some(_) => format!("{base}{}", self.page()),
            None => base.to_string(),
        }
    }

    /// The response's path, relative to the folder.
    pub fn response_path(&self) -> String {
        format!("{FOLDER}/{}.json", self.name)
    }

    /// The preview image's path, relative to the folder.
    pub fn image(&self) -> String {
        match self.preset {
            Some(preset) => format!("og-{}.png", preset.name),
            None => IMAGE.to_string(),
        }
    }

    /// The page's and the response's title.
    pub fn title(&self) -> String {
        match self.preset {
            Some(preset) => format!(
                "{TITLE}: {} case, OpenAI's 2030 revenue {}",
                preset.label,
                deal_model::money_b(preset.r30)
            ),
            None => TITLE.to_string(),
        }
    }

    pub fn response(&self, base: &str) -> Response {
        Response {
            kind: "rich",
            version: "1.0",
            title: self.title(),
            provider_name: PROVIDER,
            provider_url: base.to_string(),
            thumbnail_url: format!("{base}{}", self.image()),
            thumbnail_width: preview::WIDTH,
            thumbnail_height: preview::HEIGHT,
            html: embed_snippet(&self.explorer_url(base)),
            width: WIDTH,
            height: HEIGHT,
        }
    }

    /// What a link preview of the page shows: the words from the model's summary of the
    /// scenario, the picture of its charts.
    pub fn card(&self, base: &str) -> Card {
        let ledger = Ledger::compute(&self.scenario);
        Card {
            title: self.title(),
            // The summary's first sentence, within the 200 characters X shows: the second costs
            // the head's bytes, in the first view's budget.
            description: preview::headline(&self.scenario, &ledger),
            url: self.page_url(base),
            image: format!("{base}{}", self.image()),
            alt: preview::alt(&self.scenario, self.preset),
        }
    }

    /// The preview image as PNG bytes.
    pub fn png(&self) -> Result<Vec<u8>> {
        preview::png(&self.scenario, self.preset)
    }
}

/// A page's link preview, as Open Graph and Twitter card tags give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub title: String,
    /// The first sentence of the model's summary of the scenario (Open Graph's description).
    pub description: String,
    /// The page's absolute address.
    pub url: String,
    /// The preview image's absolute address.
    pub image: String,
    pub alt: String,
}

impl Card {
    /// The tags, each `<meta … />` with nothing between them, Open Graph's first.
    pub fn tags(&self) -> String {
        let open_graph = [
            ("og:type", "website"),
            ("og:title", &self.title),
            ("og:description", &self.description),
            ("og:url", &self.url),
            ("og:image", &self.image),
            ("og:image:alt", &self.alt),
        ];
        // X reads the title, description and image from the Open Graph tags when its own are
        // missing; each byte here is in the first view's budget.
        let twitter = [
            ("twitter:card", "summary_large_image"),
            ("twitter:image:alt", &self.alt),
        ];
        let mut out = String::new();
        for (property, content) in open_graph {
            out.push_str(&format!(
                "<meta property=\"{property}\" content=\"{}\" />",
                escape_attribute(content)
            ));
        }
        for (name, content) in twitter {
            out.push_str(&format!(
                "<meta name=\"{name}\" content=\"{}\" />",
                escape_attribute(content)
            ));
        }
        out
    }
}

/// The defaults first, then each preset in the order the page shows them.
pub fn entries() -> Vec<Entry> {
    let defaults = Scenario::default();
    let mut entries = vec![Entry {
        name: DEFAULT_NAME,
        preset: None,
        scenario: defaults,
    }];
    entries.extend(PRESETS.iter().map(|preset| Entry {
        name: preset.name,
        preset: Some(preset),
        scenario: defaults.with_preset(preset),
    }));
    entries
}

/// The folder's public address, checked and ending in `/`: an absolute `http(s)` URL with a
/// host and no query or fragment (the responses and pages are files under it). Characters that
/// would need quoting in HTML or a shell are refused rather than escaped, so that the address
/// the build writes is the one that was given.
pub fn public_url(raw: &str) -> Result<String> {
    let wrong = |why: &str| {
        Err(Error::new(format!(
            "PUBLIC_URL '{raw}' {why}; give the absolute address of the published folder, \
             e.g. https://example.org/tools/deal/"
        )))
    };
    let Some(rest) = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"))
    else {
        return wrong("is not an http(s) address");
    };
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || host.starts_with(':') || host.contains('@') {
        return wrong("has no host");
    }
    if raw.contains(['?', '#']) {
        return wrong("has a query or fragment");
    }
    if let Some(c) = raw.chars().find(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
    }) {
        return wrong(&format!("contains {c:?}"));
    }
    Ok(if raw.ends_with('/') {
        raw.to_string()
    } else {
        format!("{raw}/")
    })
}

/// The response as the file holds it: pretty JSON, UTF-8, a final newline.
pub fn to_json(response: &Response) -> Result<String> {
    serde_json::to_string_pretty(response)
        .map(|json| json + "\n")
        .map_err(|err| Error::new(format!("cannot write the oEmbed response: {err}")))
}

/// What a page gets in its `<head>`: a discovery link, for a preset the scenario to open on,
/// and its link preview.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Head {
    /// The response's absolute address and title.
    pub link: Option<(String, String)>,
    /// The query the page opens on when its address has none.
    pub scenario: Option<String>,
    pub card: Option<Card>,
}

/// `index.html` with any discovery link, preset scenario and preview tags it had removed and
/// `head`'s put right after the `<title>`, early in the head: WordPress reads only up to
/// `</head>`, and at most 150 KB of the page. No whitespace is added around them, so that removing them gives
/// the page back byte for byte and a second run on its own output gives the same page.
pub fn rewrite_page(html: &str, head: &Head) -> Result<String> {
    let mut added = String::new();
    if let Some((href, title)) = &head.link {
        added.push_str(&format!(
            "<link rel=\"alternate\" type=\"{LINK_TYPE}\" href=\"{}\" title=\"{}\" />",
            escape_attribute(href),
            escape_attribute(title)
        ));
    }
    if let Some(query) = &head.scenario {
        added.push_str(&format!(
            "<meta name=\"deal-explorer-scenario\" content=\"{}\" />",
            escape_attribute(query)
        ));
    }
    if let Some(card) = &head.card {
        added.push_str(&card.tags());
    }
    let titles = Cell::new(0);
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!(
            "link[type='application/json+oembed'], meta[name='deal-explorer-scenario'], \
             meta[property^='og:'], meta[name^='twitter:']",
            |el| {
                el.remove();
                Ok(())
            }
        ))
        .append_element_content_handler(element!("head > title", |el| {
            titles.set(titles.get() + 1);
            el.after(&added, ContentType::Html);
            Ok(())
        }));
    let out = rewrite_str(html, settings)
        .map_err(|err| Error::new(format!("cannot rewrite index.html: {err}")))?;
    if titles.get() != 1 {
        return Err(Error::new(format!(
            "expected one <title> in the head of index.html, found {}",
            titles.get()
        )));
    }
    Ok(out)
}

/// Every file the step writes for `base`, as (path relative to the folder, contents), from the
/// folder's `index.html`. `None`: none at all, and the index without a discovery link.
pub fn files(index_html: &str, base: Option<&str>) -> Result<Vec<(String, String)>> {
    let Some(base) = base else {
        return Ok(vec![(
            "index.html".to_string(),
            rewrite_page(index_html, &Head::default())?,
        )]);
    };
    let mut out = Vec::new();
    for entry in entries() {
        let response = entry.response(base);
        let head = Head {
            link: Some((
                format!("{base}{}", entry.response_path()),
                response.title.clone(),
            )),
            scenario: entry
                .preset
                .map(|_| entry.query())
                .filter(|query| !query.is_empty()),
            card: Some(entry.card(base)),
        };
        out.push((entry.page(), rewrite_page(index_html, &head)?));
        out.push((entry.response_path(), to_json(&response)?));
    }
    Ok(out)
}

/// The preview images the step writes, as (path relative to the folder, PNG): the defaults'
/// always, since the share panel's snippet links it; each preset's with a public address,
/// for its page's tags and response.
pub fn images(base: Option<&str>) -> Result<Vec<(String, Vec<u8>)>> {
    entries()
        .iter()
        .filter(|entry| base.is_some() || entry.preset.is_none())
        .map(|entry| Ok((entry.image(), entry.png()?)))
        .collect()
}

/// The files a previous run may have written besides `index.html` and `og.png`, so that a
/// build without a public address does not keep a stale one.
pub fn written_before() -> Vec<String> {
    entries()
        .iter()
        .filter(|entry| entry.preset.is_some())
        .flat_map(|entry| [entry.page(), entry.image()])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use deal_model::{parse_page, preset, InputKey};
    use serde_json::Value;

    const BASE: &str = "https://example.org/tools/deal/";

    const INDEX: &str = "<!doctype html>\n<html lang=\"en\">\n  <head>\n    <meta charset=\"utf-8\" />\n    \
        <title>Deal explorer</title>\n    <link rel=\"icon\" href=\"data:image/svg+xml,x\" />\n  </head>\n  \
        <body><main id=\"app\"></main></body>\n</html>\n";

    fn json(entry: &Entry) -> Value {
        serde_json::from_str(&to_json(&entry.response(BASE)).unwrap()).unwrap()
    }

    /// The iframe's `src` in a response's `html`, as a browser reads the attribute.
    fn frame_src(html: &str) -> String {
        let start = html.find("<iframe src=\"").expect("an iframe first") + "<iframe src=\"".len();
        let end = start + html[start..].find('"').unwrap();
        html[start..end].replace("&amp;", "&")
    }

    fn entry(name: &str) -> Entry {
        entries().into_iter().find(|e| e.name == name).unwrap()
    }

    #[test]
    fn the_defaults_and_every_preset_get_a_response() {
        let names: Vec<&str> = entries().iter().map(|e| e.name).collect();
        assert_eq!(names, ["default", "bear", "base", "bull"]);
        assert_eq!(PRESETS.len() + 1, names.len());
    }

    #[test]
    fn a_response_is_rich_oembed_1_0_with_numbers_for_its_size_and_its_preview_as_thumbnail() {
        for entry in entries() {
            let value = json(&entry);
            let object = value.as_object().unwrap();
            assert_eq!(object["type"], "rich");
            assert_eq!(object["version"], "1.0");
            assert_eq!(object["width"], 700);
            assert_eq!(object["height"], 640);
            assert!(object["width"].is_u64() && object["height"].is_u64());
            assert_eq!(object["provider_name"], "deal-explorer");
            assert_eq!(object["provider_url"], BASE);
            assert!(object["title"]
                .as_str()
                .unwrap()
                .starts_with("OpenAI–Microsoft deal explorer"));
            // All three thumbnail fields, as the spec wants: the scenario's own picture.
            assert_eq!(
                object["thumbnail_url"],
                format!("{BASE}{}", entry.image()),
                "{}",
                entry.name
            );
            assert_eq!(object["thumbnail_width"], 1200);
            assert_eq!(object["thumbnail_height"], 630);
            let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
            keys.sort_unstable();
            assert_eq!(
                keys,
                [
                    "height",
                    "html",
                    "provider_name",
                    "provider_url",
                    "thumbnail_height",
                    "thumbnail_url",
                    "thumbnail_width",
                    "title",
                    "type",
                    "version",
                    "width"
                ]
            );
        }
        let images: Vec<String> = entries().iter().map(Entry::image).collect();
        assert_eq!(
            images,
            ["og.png", "og-bear.png", "og-base.png", "og-bull.png"]
        );
    }

    #[test]
    fn the_html_is_the_share_panels_embed_code_for_that_scenario() {
        for entry in entries() {
            let html = json(&entry)["html"].as_str().unwrap().to_string();
            // The share panel's address on the folder's page: base plus the page query.
            let query = page_query(&entry.scenario, &[], &View::default());
            let url = if query.is_empty() {
                BASE.to_string()
            } else {
                format!("{BASE}?{query}")
            };
            assert_eq!(html, embed_snippet(&url), "{}", entry.name);
            assert!(html.ends_with(
                "<script src=\"https://example.org/tools/deal/embed.js\" async></script>"
            ));
            // For hosts that drop the iframe: a link to the explorer on this scenario with the
            // defaults' picture, the one the share panel's snippet links too.
            let fallback = format!(
                "</iframe>\n<a href=\"{}\"><img src=\"https://example.org/tools/deal/og.png\" \
                 alt=\"OpenAI–Microsoft deal explorer\" width=\"600\" height=\"315\" \
                 loading=\"lazy\"></a>\n<script ",
                url.replace('&', "&amp;")
            );
            assert!(html.contains(&fallback), "{html}");
            // What the frame will read: this scenario, embedded, and nothing to complain about.
            let src = frame_src(&html);
            let (folder, query) = src.split_once('?').unwrap();
            assert_eq!(folder, BASE);
            let page = parse_page(query);
            assert_eq!(page.scenario, entry.scenario, "{}", entry.name);
            assert!(page.view.embed);
            assert!(page.notices.is_empty(), "{:?}", page.notices);
        }
    }

    #[test]
    fn each_preset_response_embeds_its_revenue_path() {
        let bull = entry("bull");
        let src = frame_src(&bull.response(BASE).html);
        assert_eq!(
            src,
            "https://example.org/tools/deal/?v=1&r30=280&g=20&embed=1"
        );
        assert_eq!(bull.scenario.get(InputKey::R30), 280.0);
        let bear = entry("bear");
        assert_eq!(
            frame_src(&bear.response(BASE).html),
            "https://example.org/tools/deal/?v=1&r26=25&r30=80&g=10&embed=1"
        );
        assert_eq!(bear.preset, preset("bear"));
        assert!(bear.response(BASE).title.contains("Bear case"));
        assert!(bear.response(BASE).title.contains("$80B"));
        // Base is the defaults: the same frame as the default response.
        assert_eq!(
            entry("base").response(BASE).html,
            entry("default").response(BASE).html
        );
        assert_eq!(
            frame_src(&entry("default").response(BASE).html),
            "https://example.org/tools/deal/?embed=1"
        );
    }

    #[test]
    fn the_json_escapes_the_html_and_the_html_escapes_the_address() {
        let text = to_json(&entry("bull").response(BASE)).unwrap();
        // Quotes in the HTML are escaped for JSON, ampersands in the address for HTML.
        assert!(
            text.contains(r#""html": "<iframe src=\"https://example.org/tools/deal/?v=1&amp;r30=280&amp;g=20&amp;embed=1\" title=\"OpenAI–Microsoft deal explorer\""#),
            "{text}"
        );
        assert!(text.contains(r#"\n<script src=\"https://example.org/tools/deal/embed.js\""#));
        assert!(text.ends_with("}\n"));
        // An ampersand in the folder's path stays escaped in the attribute, and the JSON reads
        // back to exactly the snippet.
        let odd = public_url("https://example.org/a&b/deal").unwrap();
        let response = entry("bull").response(&odd);
        assert!(response
            .html
            .starts_with("<iframe src=\"https://example.org/a&amp;b/deal/?v=1&amp;r30=280"));
        let back: Value = serde_json::from_str(&to_json(&response).unwrap()).unwrap();
        assert_eq!(back["html"], response.html);
    }

    #[test]
    fn the_public_address_is_absolute_and_ends_in_a_slash() {
        assert_eq!(
            public_url("https://owner.github.io/repo").unwrap(),
            "https://owner.github.io/repo/"
        );
        assert_eq!(
            public_url("http://127.0.0.1:8080/tools/deal/").unwrap(),
            "http://127.0.0.1:8080/tools/deal/"
        );
        assert_eq!(
            public_url("https://example.org").unwrap(),
            "https://example.org/"
        );
        for wrong in [
            "",
            "/tools/deal/",
            "tools/deal",
            "ftp://example.org/",
            "https://",
            "https:///deal/",
            "https://:80/",
            "https://user@example.org/",
            "https://example.org/?r30=280",
            "https://example.org/#top",
            "https://example.org/a b/",
            "https://example.org/\"><script>/",
            "https://example.org/it's/",
        ] {
            assert!(public_url(wrong).is_err(), "{wrong:?} was accepted");
        }
    }

    #[test]
    fn without_a_public_address_there_is_no_link_and_no_response() {
        let files = files(INDEX, None).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0], ("index.html".to_string(), INDEX.to_string()));
        // A page that had a link (a previous run on the same folder) loses it.
        let linked = files_for(BASE)
            .into_iter()
            .find(|(path, _)| path == "index.html")
            .unwrap()
            .1;
        assert!(linked.contains(LINK_TYPE));
        assert_eq!(
            super::files(&linked, None).unwrap()[0].1,
            INDEX,
            "the index as it was"
        );
    }

    fn files_for(base: &str) -> Vec<(String, String)> {
        files(INDEX, Some(base)).unwrap()
    }

    #[test]
    fn with_a_public_address_each_page_links_its_own_response_once() {
        let files = files_for(BASE);
        let paths: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "index.html",
                "oembed/default.json",
                "bear.html",
                "oembed/bear.json",
                "base.html",
                "oembed/base.json",
                "bull.html",
                "oembed/bull.json"
            ]
        );
        let page = |name: &str| &files.iter().find(|(path, _)| path == name).unwrap().1;
        let index = page("index.html");
        assert_eq!(index.matches(LINK_TYPE).count(), 1);
        assert!(index.contains(
            "<title>Deal explorer</title><link rel=\"alternate\" type=\"application/json+oembed\" \
             href=\"https://example.org/tools/deal/oembed/default.json\" \
             title=\"OpenAI–Microsoft deal explorer\" /><meta property=\"og:type\""
        ), "{index}");
        assert!(index.contains(" /><meta name=\"twitter:card\" content=\"summary_large_image\" />"));
        assert!(index.contains(" />\n    <link rel=\"icon\""));
        assert!(!index.contains("deal-explorer-scenario"));
        let bull = page("bull.html");
        assert!(bull.contains("href=\"https://example.org/tools/deal/oembed/bull.json\""));
        assert!(bull.contains(
            "<meta name=\"deal-explorer-scenario\" content=\"v=1&amp;r30=280&amp;g=20\" />"
        ));
        // The defaults need no scenario: base's page is the index with its own response.
        assert!(!page("base.html").contains("deal-explorer-scenario"));
        // Everything else in the page is as it was.
        let without = rewrite_page(bull, &Head::default()).unwrap();
        assert_eq!(without, INDEX);
        // Again on its own output: still one link and one of each tag, the same page.
        let default = entry("default");
        let again = rewrite_page(
            index,
            &Head {
                link: Some((
                    format!("{BASE}oembed/default.json"),
                    "OpenAI–Microsoft deal explorer".into(),
                )),
                scenario: None,
                card: Some(default.card(BASE)),
            },
        )
        .unwrap();
        assert_eq!(&again, index);
    }

    /// The `content` of each `<meta>` with `key="name"` in `page`.
    fn meta<'p>(page: &'p str, key: &str, name: &str) -> Vec<&'p str> {
        let start = format!("<meta {key}=\"{name}\" content=\"");
        page.match_indices(&start)
            .map(|(at, _)| {
                let rest = &page[at + start.len()..];
                &rest[..rest.find('"').unwrap()]
            })
            .collect()
    }

    #[test]
    fn each_page_previews_with_its_own_title_summary_address_and_picture() {
        let files = files_for(BASE);
        for entry in entries() {
            let page = &files
                .iter()
                .find(|(path, _)| *path == entry.page())
                .unwrap()
                .1;
            let head = &page[..page.find("</head>").unwrap()];
            let og = |name: &str| {
                let found = meta(head, "property", name);
                assert_eq!(found.len(), 1, "one {name} in {}", entry.page());
                found[0].replace("&amp;", "&").replace("&quot;", "\"")
            };
            let twitter = |name: &str| {
                let found = meta(head, "name", name);
                assert_eq!(found.len(), 1, "one {name} in {}", entry.page());
                found[0].replace("&amp;", "&")
            };
            let ledger = Ledger::compute(&entry.scenario);
            assert_eq!(og("og:type"), "website");
            assert_eq!(og("og:title"), entry.title());
            assert_eq!(
                og("og:description"),
                preview::headline(&entry.scenario, &ledger)
            );
            let url = match entry.preset {
                Some(preset) => format!("{BASE}{}.html", preset.name),
                None => BASE.to_string(),
            };
            assert_eq!(og("og:url"), url);
            let image = format!("{BASE}{}", entry.image());
            assert_eq!(og("og:image"), image);
            // No width and height tags: scrapers read them from the picture, and the head's
            // bytes are in the first view's budget.
            assert!(meta(head, "property", "og:image:width").is_empty());
            assert_eq!(
                og("og:image:alt"),
                preview::alt(&entry.scenario, entry.preset)
            );
            assert_eq!(twitter("twitter:card"), "summary_large_image");
            let short = og("og:description");
            assert!(short.chars().count() <= 200, "{short}");
            assert_eq!(
                meta(head, "name", "twitter:image:alt"),
                [og("og:image:alt")],
                "X's image alt has no Open Graph fallback"
            );
            for fallen_back in ["twitter:title", "twitter:description", "twitter:image"] {
                assert!(meta(head, "name", fallen_back).is_empty(), "{fallen_back}");
            }
            // Every address in the tags is absolute, under the public address.
            for (_, content) in head
                .match_indices("content=\"http")
                .map(|(at, _)| head.split_at(at + 9))
            {
                assert!(content.starts_with(BASE), "{content}");
            }
        }
        let bull = &files
            .iter()
            .find(|(path, _)| path == "bull.html")
            .unwrap()
            .1;
        assert!(bull.contains(
            "<meta property=\"og:title\" content=\"OpenAI–Microsoft deal explorer: Bull case, \
             OpenAI's 2030 revenue $280B\" />"
        ));
    }

    #[test]
    fn without_a_public_address_only_the_defaults_picture_is_written() {
        let images = images(None).unwrap();
        assert_eq!(images.len(), 1);
        assert_eq!(images[0].0, "og.png");
        assert_eq!(&images[0].1[1..4], b"PNG");
        let all = super::images(Some(BASE)).unwrap();
        let names: Vec<&str> = all.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(
            names,
            ["og.png", "og-bear.png", "og-base.png", "og-bull.png"]
        );
        assert_eq!(
            all[0], images[0],
            "the same picture with or without an address"
        );
        // Without an address the pages carry no preview tags either.
        let index = &files(INDEX, None).unwrap()[0].1;
        assert!(!index.contains("og:") && !index.contains("twitter:"));
    }

    #[test]
    fn the_link_is_in_the_head_before_anything_large() {
        let index = &files_for(BASE)[0].1;
        let head_end = index.find("</head>").unwrap();
        let link = index.find(LINK_TYPE).unwrap();
        assert!(link < head_end);
        assert!(link < index.find("rel=\"icon\"").unwrap());
    }

    #[test]
    fn a_page_without_one_title_is_refused() {
        let two = INDEX.replace(
            "<title>Deal explorer</title>",
            "<title>a</title><title>b</title>",
        );
        assert!(rewrite_page(&two, &Head::default()).is_err());
        let none = INDEX.replace("<title>Deal explorer</title>", "");
        assert!(files(&none, Some(BASE)).is_err());
    }

    #[test]
    fn only_the_preset_pages_and_pictures_are_cleaned_up() {
        assert_eq!(
            written_before(),
            [
                "bear.html",
                "og-bear.png",
                "base.html",
                "og-base.png",
                "bull.html",
                "og-bull.png"
            ]
        );
    }
}
