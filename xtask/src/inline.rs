//! Checks that text can be pasted inside `<script>` or `<style>` without changing how the
//! HTML parser reads the page, and turns small files into `data:` URLs.
//!
//! Escaping JS or CSS correctly would need to know where in the language each `<` stands, so
//! the build refuses such text instead; the current glue and stylesheet contain none of it.

use base64::Engine as _;

use crate::error::{Error, Result};

/// Script text must not contain `</script` (it would end the element early), nor `<!--` or
/// `<script` (they switch the HTML tokenizer into its "escaped" states).
pub fn ensure_script_inlinable(what: &str, text: &str) -> Result<()> {
    for needle in ["</script", "<!--", "<script"] {
        if let Some(at) = find_ascii_case_insensitive(text, needle) {
            return Err(Error::new(format!(
                "{what} contains `{needle}` (at byte {at}), which would break out of an inline \
                 <script>"
            )));
        }
    }
    Ok(())
}

/// Style text must not contain `</style`, and must not load anything (`@import`, `url(…)` other
/// than `data:` or a fragment), because the single file makes no requests.
pub fn ensure_style_inlinable(what: &str, css: &str) -> Result<()> {
    if let Some(at) = find_ascii_case_insensitive(css, "</style") {
        return Err(Error::new(format!(
            "{what} contains `</style` (at byte {at}), which would break out of an inline <style>"
        )));
    }
    if let Some(at) = find_ascii_case_insensitive(css, "@import") {
        return Err(Error::new(format!(
            "{what} has an @import (at byte {at}): the single file makes no requests"
        )));
    }
    let lower = css.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find("url(") {
        let at = from + found;
        let target = lower[at + "url(".len()..].trim_start_matches([' ', '\t', '\n', '"', '\'']);
        if !(target.starts_with("data:") || target.starts_with('#')) {
            let shown: String = css[at..].chars().take(40).collect();
            return Err(Error::new(format!(
                "{what} refers to a file (`{shown}`): the single file makes no requests, so use \
                 a data: URL"
            )));
        }
        from = at + "url(".len();
    }
    Ok(())
}

/// A `data:` URL for a file, typed from its name so the browser does not have to sniff.
pub fn data_url(path: &str, bytes: &[u8]) -> Result<String> {
    let extension = path
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase());
    let mime = match extension.as_deref() {
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("webp") => "image/webp",
        _ => {
            return Err(Error::new(format!(
                "cannot tell the MIME type of {path} for a data: URL (known: svg, png, ico, webp)"
            )))
        }
    };
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
    Ok(format!("data:{mime};base64,{encoded}"))
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_text_that_would_end_the_element_is_refused() {
        assert!(ensure_script_inlinable("glue", "let a = 1 < 2;").is_ok());
        for bad in ["x = '</SCRIPT>'", "x = '<!--'", "x = '<Script'"] {
            let message = ensure_script_inlinable("the glue", bad)
                .unwrap_err()
                .to_string();
            assert!(message.starts_with("the glue contains `"), "{message}");
        }
    }

    #[test]
    fn style_text_must_not_load_or_end_the_element() {
        let fine = ".a { background: url(\"data:image/png;base64,AA\"); mask: url(#m); }";
        assert!(ensure_style_inlinable("css", fine).is_ok());
        let message = ensure_style_inlinable("style.css", ".a { background: url( 'img/a.png') }")
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("refers to a file (`url( 'img/a.png')"),
            "{message}"
        );
        assert!(ensure_style_inlinable("css", "@import 'x.css';").is_err());
        assert!(ensure_style_inlinable("css", "a::after { content: '</style>' }").is_err());
    }

    #[test]
    fn data_urls_carry_the_type_from_the_name() {
        assert_eq!(
            data_url("a.SVG", b"<svg/>").unwrap(),
            "data:image/svg+xml;base64,PHN2Zy8+"
        );
        assert!(data_url("a.gif", b"")
            .unwrap_err()
            .to_string()
            .contains("a.gif"));
    }
}
