//! The single-file build: Trunk's page with its stylesheet, icon, JS glue and wasm inside it, so
//! it runs opened from disk, in a sandboxed iframe on any host, and under a strict CSP.
//!
//! The page keeps its own strict policy in a `<meta http-equiv="Content-Security-Policy">`: a
//! file that is copied around, mailed and re-hosted cannot count on its host's headers, and the
//! policy costs nothing because the page needs no other source. A host's header policy still
//! applies on top (browsers enforce both). `frame-ancestors` cannot be set from a meta tag;
//! a host that wants to restrict framing must send that header itself.

use std::cell::RefCell;

use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::glue;
use crate::inline::{data_url, ensure_script_inlinable, ensure_style_inlinable};
use crate::trunk_page::{self, link_role, Icon, LinkRole};

/// The built page, and the hashes a host needs to allow its scripts in a CSP header.
#[derive(Debug)]
pub struct SingleFile {
    pub html: String,
    /// `sha256-…` of each inline script, the module first, as a CSP `script-src` source expects
    /// it (without the quotes).
    pub script_hashes: Vec<String>,
    pub policy: String,
}

/// Builds the single file from Trunk's `index.html`; `read` returns a file of `dist/` by its
/// path relative to it.
pub fn build(
    index_html: &str,
    read: &mut dyn FnMut(&str) -> Result<Vec<u8>>,
) -> Result<SingleFile> {
    let page = trunk_page::read(index_html)?;

    let mut text = |path: &str| -> Result<String> {
        String::from_utf8(read(path)?).map_err(|_| Error::new(format!("{path} is not UTF-8")))
    };
    let css = text(&page.stylesheet)?;
    ensure_style_inlinable(&page.stylesheet, &css)?;
    let glue_text = text(&page.glue)?;
    let wasm = read(&page.wasm)?;
    if !wasm.starts_with(b"\0asm") {
        return Err(Error::new(format!(
            "{} does not start with the wasm magic number",
            page.wasm
        )));
    }
    let icon = match &page.icon {
        Some(Icon::File(path)) => Some(data_url(path, &read(path)?)?),
        Some(Icon::Inline(url)) => Some(url.clone()),
        None => None,
    };

    let module = glue::boot_module(&glue_text, &wasm)?;
    ensure_script_inlinable(
        &format!("the module script built from {}", page.glue),
        &module,
    )?;
    // The page's own classic scripts stay as they are, so their hashes are of the same text.
    let script_hashes: Vec<String> = std::iter::once(&module)
        .chain(&page.classic)
        .map(|script| script_hash(script))
        .collect();
    let policy = policy(&script_hashes);

    let html = rewrite(index_html, &policy, &css, icon.as_deref(), &module)?;
    Ok(SingleFile {
        html,
        script_hashes,
        policy,
    })
}

/// The CSP hash source of an inline script: base64 of the SHA-256 of its exact text.
pub fn script_hash(script: &str) -> String {
    use base64::Engine as _;
    let digest = Sha256::digest(script.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Nothing may load; the scripts run by their hashes and may compile wasm; styles are inline
/// (elements and the `style` attributes Yew writes); the icon is a data: URL.
pub fn policy(script_hashes: &[String]) -> String {
    let sources: Vec<String> = script_hashes.iter().map(|h| format!("'{h}'")).collect();
    format!(
        "default-src 'none'; script-src {} 'wasm-unsafe-eval'; \
         style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
        sources.join(" ")
    )
}

fn rewrite(
    index_html: &str,
    policy: &str,
    css: &str,
    icon: Option<&str>,
    module: &str,
) -> Result<String> {
    // Handlers cannot return our error type, so the first surprise is kept here.
    let surprise: RefCell<Option<Error>> = RefCell::new(None);
    let csp_meta = format!(r#"<meta http-equiv="Content-Security-Policy" content="{policy}" />"#);
    let style = format!("<style>\n{css}</style>");
    let script = format!(r#"<script type="module">{module}</script>"#);
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("html", |el| {
            // The one file travels without the site's other pages (model.html): the stylesheet
            // hides what links to them.
            el.set_attribute("data-single-file", "")?;
            Ok(())
        }))
        .append_element_content_handler(element!("meta[charset]", |el| {
            // Right after the charset, before any element the policy governs.
            el.after(&format!("\n    {csp_meta}"), ContentType::Html);
            Ok(())
        }))
        .append_element_content_handler(element!("link", |el| {
            let rel = el.get_attribute("rel").unwrap_or_default();
            match link_role(&rel) {
                Some(LinkRole::Stylesheet) => el.replace(&style, ContentType::Html),
                Some(LinkRole::Icon) => match icon {
                    Some(url) => el.set_attribute("href", url)?,
                    None => el.remove(),
                },
                Some(LinkRole::Preload) => el.remove(),
                Some(LinkRole::Expect) => {}
                None => {
                    *surprise.borrow_mut() =
                        Some(Error::new(format!("unexpected <link rel=\"{rel}\">")));
                }
            }
            Ok(())
        }))
        .append_element_content_handler(element!("script[type=module]", |el| {
            el.replace(&script, ContentType::Html);
            Ok(())
        }));
    let html = rewrite_str(index_html, settings)
        .map_err(|err| Error::new(format!("cannot rewrite Trunk's index.html: {err}")))?;
    match surprise.into_inner() {
        Some(error) => Err(error),
        None => Ok(html),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/trunk");

    fn fixture_files() -> HashMap<String, Vec<u8>> {
        [
            "app-5e6f.js",
            "app-5e6f_bg.wasm",
            "style-1a2b.css",
            "favicon-3c4d.svg",
        ]
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(format!("{FIXTURE}/{name}")).unwrap();
            (name.to_owned(), bytes)
        })
        .collect()
    }

    fn build_with(index: &str, files: &HashMap<String, Vec<u8>>) -> Result<SingleFile> {
        build(index, &mut |path| {
            files
                .get(path)
                .cloned()
                .ok_or_else(|| Error::new(format!("no such file: {path}")))
        })
    }

    fn fixture_index() -> String {
        std::fs::read_to_string(format!("{FIXTURE}/index.html")).unwrap()
    }

    /// Why the fixture's page does not build from `files`.
    fn refusal(files: &HashMap<String, Vec<u8>>) -> String {
        build_with(&fixture_index(), files).unwrap_err().to_string()
    }

    /// The text of each inline script, found the way a reader of the HTML would.
    fn scripts(html: &str) -> Vec<String> {
        let found = RefCell::new(Vec::<String>::new());
        let settings = RewriteStrSettings::new()
            .append_element_content_handler(element!("script", |_| {
                found.borrow_mut().push(String::new());
                Ok(())
            }))
            .append_element_content_handler(lol_html::text!("script", |chunk| {
                if let Some(last) = found.borrow_mut().last_mut() {
                    last.push_str(chunk.as_str());
                }
                Ok(())
            }));
        rewrite_str(html, settings).unwrap();
        found.into_inner()
    }

    #[test]
    fn the_single_file_holds_everything_and_refers_to_no_file() {
        let built = build_with(&fixture_index(), &fixture_files()).unwrap();
        let html = &built.html;
        assert!(html.contains("<style>\n:root { color-scheme: light dark; }"));
        assert!(html.contains(r#"<link rel="icon" href="data:image/svg+xml;base64,"#));
        assert!(html.contains("export { initSync, __wbg_init as default };"));
        assert!(html.contains("atob('AGFzbQEAAAA=')"));
        for gone in [
            "app-5e6f.js",
            "app-5e6f_bg.wasm",
            "style-1a2b.css",
            "favicon-3c4d.svg",
        ] {
            assert!(!html.contains(gone), "{gone} is still named");
        }
        assert!(!html.contains("preload"));
        assert!(html.contains("<title>Fixture: what trunk build writes</title>"));
        assert!(html.contains(r#"<p id="loading">Loading…</p>"#));
    }

    #[test]
    fn an_icon_already_in_the_page_is_kept_as_it_is() {
        let svg = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E";
        let index = fixture_index().replace("./favicon-3c4d.svg", svg);
        let mut files = fixture_files();
        files.remove("favicon-3c4d.svg");
        let html = build_with(&index, &files).unwrap().html;
        assert!(
            html.contains(&format!(r#"<link rel="icon" href="{svg}" />"#)),
            "{html}"
        );
    }

    #[test]
    fn a_link_that_holds_the_first_paint_for_an_element_is_kept_as_it_is() {
        let expect = r##"<link rel="expect" href="#loading" blocking="render" />"##;
        let index = fixture_index().replace("</head>", &format!("{expect}</head>"));
        let html = build_with(&index, &fixture_files()).unwrap().html;
        assert!(html.contains(expect), "{html}");
    }

    #[test]
    fn the_policy_names_the_hash_of_the_one_script() {
        let built = build_with(&fixture_index(), &fixture_files()).unwrap();
        let scripts = scripts(&built.html);
        assert_eq!(scripts.len(), 1);
        assert_eq!(built.script_hashes, [script_hash(&scripts[0])]);
        let meta = format!(
            r#"<meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src '{}' 'wasm-unsafe-eval'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'" />"#,
            built.script_hashes[0]
        );
        assert!(built.html.contains(&meta), "{}", &built.html[..400]);
    }

    #[test]
    fn a_classic_script_of_the_page_stays_and_the_policy_names_it_too() {
        let early = "document.documentElement.classList.add(\"early\")";
        let index = fixture_index().replace("<head>", &format!("<head><script>{early}</script>"));
        let built = build_with(&index, &fixture_files()).unwrap();
        let scripts = scripts(&built.html);
        assert_eq!(scripts.len(), 2);
        assert_eq!(scripts[0], early);
        assert!(
            scripts[1].contains("__wbg_init"),
            "the module replaced the loader"
        );
        assert_eq!(
            built.script_hashes,
            [script_hash(&scripts[1]), script_hash(early)]
        );
        assert!(built.policy.contains(&format!(
            "script-src '{}' '{}' 'wasm-unsafe-eval'",
            built.script_hashes[0], built.script_hashes[1]
        )));
    }

    #[test]
    fn the_hash_is_the_standard_csp_sha256() {
        // `printf 'alert(1)' | openssl dgst -sha256 -binary | base64`
        assert_eq!(
            script_hash("alert(1)"),
            "sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI="
        );
    }

    #[test]
    fn a_missing_file_is_reported_by_name() {
        let mut files = fixture_files();
        files.remove("app-5e6f_bg.wasm");
        let message = refusal(&files);
        assert_eq!(message, "no such file: app-5e6f_bg.wasm");
    }

    #[test]
    fn a_file_that_is_not_wasm_is_refused() {
        let mut files = fixture_files();
        files.insert("app-5e6f_bg.wasm".into(), b"<!doctype html>".to_vec());
        let message = refusal(&files);
        assert!(message.contains("wasm magic number"), "{message}");
    }

    #[test]
    fn glue_that_would_break_the_script_element_is_refused() {
        let mut files = fixture_files();
        let glue = String::from_utf8(files["app-5e6f.js"].clone()).unwrap();
        files.insert(
            "app-5e6f.js".into(),
            format!("// </script>\n{glue}").into_bytes(),
        );
        let message = refusal(&files);
        assert!(message.contains("contains `</script`"), "{message}");
    }

    #[test]
    fn a_stylesheet_that_loads_files_is_refused() {
        let mut files = fixture_files();
        files.insert(
            "style-1a2b.css".into(),
            b"@font-face { src: url(f.woff2) }".to_vec(),
        );
        let message = refusal(&files);
        assert!(
            message.contains("style-1a2b.css refers to a file"),
            "{message}"
        );
    }
}
