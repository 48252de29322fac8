//! `docs/model.md` as a page of the built site (`model.html`), so the explorer's methodology
//! panel links a document that ships with it: a static host serves Markdown as plain text, or
//! as a download, and the repository's copy is not part of the site.
//!
//! Links in the document that point into the repository (`../model/src/ledger.rs`) mean
//! nothing on the site, so they become their text; links inside the document (`#uncertainty`)
//! stay. Headings get ids like a forge's, so those anchors resolve.

use deal_model::escape_attribute;
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::error::{Error, Result};

/// The page around the rendered document. `{stylesheet}` is the site's own stylesheet, so the
/// page follows the explorer's look and dark mode.
const PAGE: &str = r#"<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <title>{title} · Deal explorer</title>
    <link rel="stylesheet" href="{stylesheet}" />
    <link rel="stylesheet" href="model.css" />
    <link rel="icon" href="{icon}" />
  </head>
  <body>
    <main class="model-doc">
      <p><a href="./">Back to the explorer</a></p>
{body}
    </main>
  </body>
</html>
"#;

/// The document's own layout (`model.css`, beside the page), kept out of the site's stylesheet,
/// which the explorer's first view loads and whose every byte counts in its budget.
pub const STYLESHEET: &str =
    ".model-doc{max-width:46rem;margin:0 auto;padding:1rem;overflow-wrap:break-word}\
.model-doc table{display:block;overflow-x:auto;margin:.75rem 0}\
.model-doc th,.model-doc td{text-align:left;vertical-align:top;white-space:normal}\
.model-doc pre{overflow-x:auto;background:var(--panel);padding:.6rem;border-radius:6px}\
.model-doc a{color:var(--accent)}\n";

/// The rendered page, given the Markdown, the file name of the site's stylesheet and the `href`
/// of its icon, a file name or a `data:` URL (without an icon of its own, a browser asks the
/// host's root for one).
pub fn render(markdown: &str, stylesheet: &str, icon: &str) -> Result<String> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    let mut title = None;
    let mut in_title = false;
    let mut heading_text = String::new();
    let mut events: Vec<Event> = Vec::new();
    let mut dropped_links = 0_usize;
    let mut open_headings: Vec<usize> = Vec::new();
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Link { ref dest_url, .. }) if !dest_url.starts_with('#') => {
                if dest_url.contains("://") || dest_url.starts_with("//") {
                    return Err(Error::new(format!(
                        "docs/model.md links another site ({dest_url}); the page may not"
                    )));
                }
                dropped_links += 1;
            }
            Event::End(TagEnd::Link) if dropped_links > 0 => dropped_links -= 1,
            Event::Start(Tag::Heading { level, .. }) => {
                in_title = level == HeadingLevel::H1 && title.is_none();
                heading_text.clear();
                open_headings.push(events.len());
                events.push(event);
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(at) = open_headings.pop() {
                    if let Event::Start(Tag::Heading { id, .. }) = &mut events[at] {
                        *id = Some(CowStr::from(anchor(&heading_text)));
                    }
                }
                if in_title {
                    title = Some(heading_text.clone());
                    in_title = false;
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                heading_text.push_str(text);
                events.push(event);
            }
            other => events.push(other),
        }
    }
    let title = title.ok_or_else(|| Error::new("docs/model.md has no title (a # heading)"))?;
    let mut body = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut body, events.into_iter());
    Ok(PAGE
        .replace("{title}", &escape_attribute(&title))
        .replace("{stylesheet}", &escape_attribute(stylesheet))
        .replace("{icon}", &escape_attribute(icon))
        .replace("{body}", &body))
}

/// A heading's anchor as forges make it: lower case, spaces to hyphens, other punctuation
/// dropped.
fn anchor(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# How it works\n\nSee [the ledger](../model/src/ledger.rs) and \
                       [the ensemble](#uncertainty-the-ensemble).\n\n\
                       ## Uncertainty: the ensemble\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";

    #[test]
    fn repository_links_become_text_and_anchors_resolve() {
        let page = render(DOC, "style-1.css", "favicon-1.svg").expect("renders");
        assert!(page.contains("<title>How it works · Deal explorer</title>"));
        assert!(page.contains("See the ledger and"), "{page}");
        assert!(!page.contains("ledger.rs"));
        assert!(page.contains(r##"<a href="#uncertainty-the-ensemble">the ensemble</a>"##));
        assert!(
            page.contains(r#"<h2 id="uncertainty-the-ensemble">"#),
            "{page}"
        );
        assert!(page.contains("<table>"));
        assert!(page.contains(r#"href="style-1.css""#));
        assert!(page.contains(r#"href="model.css""#));
        assert!(page.contains(r#"<link rel="icon" href="favicon-1.svg" />"#));
    }

    #[test]
    fn a_link_to_another_site_or_no_title_stops_the_build() {
        assert!(render("# T\n\n[x](https://example.org)", "s.css", "i.svg").is_err());
        assert!(render("no title", "s.css", "i.svg").is_err());
    }
}
