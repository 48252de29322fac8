//! Trunk's `index.html` without what no reader needs: comments (ours, written for whoever edits
//! the page) and the indentation between tags. Every byte of the page is in the first view's
//! budget. The head loses the whitespace between its elements, the loader's unused
//! `window.wasmBindings` (a CSP pins the loader's hash as built) and Trunk's
//! `data-integrity="none"`; every other attribute stays. The body's text loses only runs of
//! whitespace, which render as one space anyway (the page has no `<pre>` or `<textarea>` of
//! its own).

use lol_html::html_content::TextType;
use lol_html::{doc_comments, element, rewrite_str, text, RewriteStrSettings};

use crate::error::{Error, Result};

pub fn tidy(html: &str) -> Result<String> {
    // Trunk's loader also hands every export of the glue to `window.wasmBindings`, which
    // nothing here reads; its `TrunkApplicationStarted` event stays (the soak test listens).
    let html = &html
        .replacen("import init, * as bindings from", "import init from", 1)
        .replacen("window.wasmBindings = bindings;", "", 1);
    let settings = RewriteStrSettings::new()
        .append_document_content_handler(doc_comments!(|comment| {
            comment.remove();
            Ok(())
        }))
        .append_element_content_handler(element!("pre, textarea", |el| {
            Err(format!(
                "<{}> keeps its whitespace; tidy does not expect one",
                el.tag_name()
            )
            .into())
        }))
        // Between the head's elements whitespace is not even text (scripts and styles are
        // raw text, left as they are); Trunk's `data-integrity="none"` asks it for no hash and
        // means nothing to a browser.
        .append_element_content_handler(text!("head", |chunk| {
            if chunk.text_type() == TextType::Data && chunk.as_str().trim().is_empty() {
                chunk.remove();
            }
            Ok(())
        }))
        .append_element_content_handler(element!("link[data-integrity=none]", |el| {
            el.remove_attribute("data-integrity");
            Ok(())
        }))
        .append_element_content_handler(text!("body", |chunk| {
            let text = chunk.as_str();
            if text.contains("  ") || text.contains('\n') {
                let collapsed = collapse(text);
                chunk.replace(&collapsed, lol_html::html_content::ContentType::Text);
            }
            Ok(())
        }));
    rewrite_str(html, settings).map_err(|err| Error::new(format!("tidy: {err}")))
}

/// Runs of whitespace as one space, or as one newline where the run had one.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run: Option<char> = None;
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            run = Some(if c == '\n' || run == Some('\n') {
                '\n'
            } else {
                ' '
            });
        } else {
            if let Some(space) = run.take() {
                out.push(space);
            }
            out.push(c);
        }
    }
    if let Some(space) = run {
        out.push(space);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_indentation_go_scripts_and_attributes_stay() {
        let page = "<html><head><!-- why -->\n    <script type=\"module\">\n  let a  =  1;\n</script>\n  </head>\n\
                    <body>\n    <!-- a note -->\n    <p title=\"two  spaces\">Some   text\n   here <b>x</b> <i>y</i></p>\n  </body></html>";
        let tidy = tidy(page).unwrap();
        assert!(!tidy.contains("<!--"), "{tidy}");
        assert!(
            tidy.contains("<script type=\"module\">\n  let a  =  1;\n</script>"),
            "{tidy}"
        );
        assert!(tidy.contains("title=\"two  spaces\""), "{tidy}");
        assert!(
            tidy.contains("<p title=\"two  spaces\">Some text\nhere <b>x</b> <i>y</i></p>"),
            "{tidy}"
        );
        let body = tidy.split("<body>").nth(1).unwrap();
        assert!(!body.contains("\n "), "{body}");
        assert!(tidy.starts_with("<html><head><script"), "{tidy}");
        assert!(tidy.contains("</script></head>"), "{tidy}");
    }

    #[test]
    fn trunks_integrity_opt_out_goes_other_attributes_stay() {
        let page = "<html><head>\n  <link rel=\"stylesheet\" href=\"a.css\" data-integrity=\"none\"/>\n  \
                    <link rel=\"preload\" href=\"b.wasm\" integrity=\"sha384-x\">\n</head><body></body></html>";
        let tidy = tidy(page).unwrap();
        assert!(
            tidy.contains("<link rel=\"stylesheet\" href=\"a.css\" /><link rel=\"preload\""),
            "{tidy}"
        );
        assert!(tidy.contains("integrity=\"sha384-x\""), "{tidy}");
    }

    #[test]
    fn the_loader_no_longer_hands_the_glue_to_the_window() {
        let loader = "<html><head><script type=\"module\">\nimport init, * as bindings from './a.js';\n\
                      const wasm = await init({ module_or_path: './a_bg.wasm' });\n\
                      window.wasmBindings = bindings;\ndispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {detail: {wasm}}));\n\
                      </script></head><body></body></html>";
        let tidy = tidy(loader).unwrap();
        assert!(tidy.contains("import init from './a.js';"), "{tidy}");
        assert!(!tidy.contains("bindings"), "{tidy}");
        assert!(tidy.contains("TrunkApplicationStarted"));
    }

    #[test]
    fn text_that_keeps_its_whitespace_stops_the_build() {
        assert!(tidy("<body><pre>a\n  b</pre></body>").is_err());
    }
}
