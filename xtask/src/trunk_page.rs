//! Reads the `index.html` that `trunk build` wrote and names the pieces the single file needs.
//!
//! The single file must need nothing from the network, so anything here that loads a resource
//! and is not one of the known pieces is an error: when Trunk's output or our `index.html`
//! changes shape, the build stops and says what it found instead of shipping a page that is
//! blank somewhere.

use std::cell::RefCell;

use lol_html::html_content::Element;
use lol_html::{element, rewrite_str, text, RewriteStrSettings};

use crate::error::{Error, Result};

/// What Trunk's page refers to, as the (validated, relative) paths it wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrunkPage {
    pub stylesheet: String,
    pub icon: Option<Icon>,
    /// The wasm-bindgen ES module that Trunk's loader imports.
    pub glue: String,
    pub wasm: String,
    /// The page's own inline classic scripts (the embed's early class), which run before the
    /// body is parsed: kept as they are, and named by hash wherever a policy lists scripts.
    pub classic: Vec<String>,
}

/// The page's icon: a file beside it, or a `data:` image the page carries itself (so that it is
/// never fetched again: Chromium fetches a page's icon anew whenever its address changes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Icon {
    File(String),
    Inline(String),
}

impl Icon {
    /// The icon as a page in `dist/` links it.
    pub fn href(&self) -> &str {
        match self {
            Icon::File(path) | Icon::Inline(path) => path,
        }
    }
}

/// How the single file treats a `<link>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRole {
    Stylesheet,
    Icon,
    /// `preload` / `modulepreload`: only a hint for the folder build; the single file drops it.
    Preload,
    /// `expect` of an element in the page (`#id`), which holds the first paint until the parser
    /// has passed it: it loads nothing, so both builds keep it as it is.
    Expect,
}

/// Sorts a `<link>` by its `rel` tokens; `None` for a kind the single file cannot handle.
pub fn link_role(rel: &str) -> Option<LinkRole> {
    let tokens: Vec<String> = rel
        .split_ascii_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    let has = |token: &str| tokens.iter().any(|t| t == token);
    if has("stylesheet") {
        Some(LinkRole::Stylesheet)
    } else if has("icon") {
        Some(LinkRole::Icon)
    } else if has("preload") || has("modulepreload") {
        Some(LinkRole::Preload)
    } else if has("expect") {
        Some(LinkRole::Expect)
    } else {
        None
    }
}

#[derive(Debug, Default)]
struct Script {
    kind: Option<String>,
    src: Option<String>,
    text: String,
}

#[derive(Debug, Default)]
struct Seen {
    charsets: Vec<String>,
    links: Vec<(String, Option<String>)>,
    scripts: Vec<Script>,
    /// Other elements that would load something: `(tag, attribute, value)`.
    loads: Vec<(String, String, String)>,
}

/// Parses Trunk's page and checks that it has exactly the expected pieces.
pub fn read(html: &str) -> Result<TrunkPage> {
    let seen = RefCell::new(Seen::default());
    let record_load = |el: &mut Element, attribute: &str| {
        if let Some(value) = el.get_attribute(attribute) {
            seen.borrow_mut()
                .loads
                .push((el.tag_name(), attribute.to_owned(), value));
        }
    };
    let handlers = vec![
        element!("meta[charset]", |el| {
            let charset = el.get_attribute("charset").unwrap_or_default();
            seen.borrow_mut().charsets.push(charset);
            Ok(())
        }),
        element!("link", |el| {
            let rel = el.get_attribute("rel").unwrap_or_default();
            let href = el.get_attribute("href");
            seen.borrow_mut().links.push((rel, href));
            Ok(())
        }),
        element!("script", |el| {
            seen.borrow_mut().scripts.push(Script {
                kind: el.get_attribute("type"),
                src: el.get_attribute("src"),
                text: String::new(),
            });
            Ok(())
        }),
        text!("script", |chunk| {
            if let Some(script) = seen.borrow_mut().scripts.last_mut() {
                script.text.push_str(chunk.as_str());
            }
            Ok(())
        }),
        element!("[src]:not(script)", |el| {
            record_load(el, "src");
            Ok(())
        }),
        element!("[srcset]", |el| {
            record_load(el, "srcset");
            Ok(())
        }),
        element!("object[data]", |el| {
            record_load(el, "data");
            Ok(())
        }),
        element!("base[href]", |el| {
            record_load(el, "href");
            Ok(())
        }),
    ];
    let settings = handlers
        .into_iter()
        .fold(RewriteStrSettings::new(), |settings, handler| {
            settings.append_element_content_handler(handler)
        });
    rewrite_str(html, settings)
        .map_err(|err| Error::new(format!("cannot parse Trunk's index.html: {err}")))?;
    validate(seen.into_inner())
}

fn validate(seen: Seen) -> Result<TrunkPage> {
    // Opened from disk there is no Content-Type header, so the page must declare its encoding.
    match seen.charsets.as_slice() {
        [charset] if charset.eq_ignore_ascii_case("utf-8") => {}
        [] => {
            return Err(Error::new(
                "index.html has no <meta charset=\"utf-8\">: a file opened from disk has no \
                 Content-Type header, so the page must declare its encoding",
            ))
        }
        other => {
            return Err(Error::new(format!(
                "index.html must have exactly one <meta charset=\"utf-8\">, found {other:?}"
            )))
        }
    }
    if let Some((tag, attribute, value)) = seen.loads.first() {
        return Err(Error::new(format!(
            "index.html has <{tag} {attribute}=\"{value}\">, which the single file cannot carry; \
             teach xtask's single-file step what to do with it"
        )));
    }

    let mut stylesheets = Vec::new();
    let mut icons = Vec::new();
    let mut preloads = Vec::new();
    for (rel, href) in seen.links {
        let role = link_role(&rel).ok_or_else(|| {
            Error::new(format!(
                "index.html has <link rel=\"{rel}\" href=\"{}\">, which the single file cannot \
                 carry; teach xtask's single-file step what to do with it",
                href.as_deref().unwrap_or("")
            ))
        })?;
        let href = href.ok_or_else(|| Error::new(format!("<link rel=\"{rel}\"> has no href")))?;
        match role {
            LinkRole::Stylesheet => stylesheets.push(href),
            LinkRole::Icon => icons.push(href),
            LinkRole::Preload => preloads.push(href),
            LinkRole::Expect if href.len() > 1 && href.starts_with('#') => {}
            LinkRole::Expect => {
                return Err(Error::new(format!(
                    "index.html has <link rel=\"{rel}\" href=\"{href}\">: an expect link must \
                     name an element of the page itself, as #id"
                )))
            }
        }
    }
    let stylesheet =
        match stylesheets.as_slice() {
            [one] => local_path(one)?,
            [] => return Err(Error::new(
                "index.html has no <link rel=\"stylesheet\">: expected the one Trunk writes for \
                 assets/style.css",
            )),
            many => {
                return Err(Error::new(format!(
                    "index.html has {} stylesheets ({}): expected exactly one, so their order in \
                 the single file is not a guess",
                    many.len(),
                    many.join(", ")
                )))
            }
        };
    let icon = match icons.as_slice() {
        [] => None,
        [one] => Some(icon(one)?),
        many => {
            return Err(Error::new(format!(
                "index.html has {} icons ({}): expected at most one",
                many.len(),
                many.join(", ")
            )))
        }
    };

    if let Some(src) = seen.scripts.iter().find_map(|script| script.src.as_ref()) {
        return Err(Error::new(format!(
            "a <script> has src=\"{src}\": expected Trunk's inline loader and inline scripts only"
        )));
    }
    let (modules, classic): (Vec<&Script>, Vec<&Script>) = seen
        .scripts
        .iter()
        .partition(|script| script.kind.as_deref() == Some("module"));
    if let Some(other) = classic.iter().find_map(|script| script.kind.as_ref()) {
        return Err(Error::new(format!(
            "a <script> has type=\"{other}\": expected Trunk's inline loader, type=\"module\", \
             and classic scripts"
        )));
    }
    let script =
        match modules.as_slice() {
            [one] => *one,
            [] => return Err(Error::new(
                "index.html has no <script type=\"module\">: expected Trunk's inline module that \
                 imports the wasm-bindgen glue",
            )),
            many => {
                return Err(Error::new(format!(
                    "index.html has {} module scripts: expected only Trunk's inline loader",
                    many.len()
                )))
            }
        };
    let (glue, wasm) = loader_targets(&script.text)?;
    let (glue, wasm) = (local_path(&glue)?, local_path(&wasm)?);
    for href in preloads {
        let path = local_path(&href)?;
        if path != glue && path != wasm {
            return Err(Error::new(format!(
                "index.html preloads \"{href}\", which the loader script does not use (it uses \
                 {glue} and {wasm}): the page is not shaped as expected"
            )));
        }
    }
    Ok(TrunkPage {
        stylesheet,
        icon,
        glue,
        wasm,
        classic: classic.iter().map(|script| script.text.clone()).collect(),
    })
}

/// The glue module and the wasm file that Trunk's loader names, from its string literals.
fn loader_targets(script: &str) -> Result<(String, String)> {
    let literals = js_string_literals(script)?;
    let pick = |suffix: &str, what: &str| -> Result<String> {
        let found: Vec<&String> = literals.iter().filter(|s| s.ends_with(suffix)).collect();
        match found.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(Error::new(format!(
                "Trunk's loader script names no {what} (a string ending in \"{suffix}\")"
            ))),
            many => Err(Error::new(format!(
                "Trunk's loader script names {} candidates for the {what}: {many:?}",
                many.len()
            ))),
        }
    };
    Ok((
        pick(".js", "wasm-bindgen glue")?,
        pick(".wasm", "wasm file")?,
    ))
}

/// The contents of the quoted strings in a small loader script, with escapes undone.
///
/// Enough for Trunk's loader (imports, a call with an object literal, comments); not a JS
/// tokenizer: it does not know regular-expression literals, and it gives up on template
/// literals with substitutions rather than guess.
pub fn js_string_literals(js: &str) -> Result<Vec<String>> {
    let mut literals = Vec::new();
    let mut chars = js.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = '\0';
                let mut closed = false;
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        closed = true;
                        break;
                    }
                    last = c;
                }
                if !closed {
                    return Err(Error::new("the loader script has an unterminated comment"));
                }
            }
            '\'' | '"' | '`' => {
                let quote = c;
                let mut literal = String::new();
                let mut closed = false;
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => match chars.next() {
                            Some('n') => literal.push('\n'),
                            Some('t') => literal.push('\t'),
                            Some(escaped) => literal.push(escaped),
                            None => break,
                        },
                        '$' if quote == '`' && chars.peek() == Some(&'{') => {
                            return Err(Error::new(
                                "the loader script has a template literal with a substitution; \
                                 cannot tell which files it names",
                            ));
                        }
                        c if c == quote => {
                            closed = true;
                            break;
                        }
                        c => literal.push(c),
                    }
                }
                if !closed {
                    return Err(Error::new(format!(
                        "the loader script has an unterminated {quote}string{quote}"
                    )));
                }
                literals.push(literal);
            }
            _ => {}
        }
    }
    Ok(literals)
}

/// The icon's `href`: a `data:` image as it is, or a file beside the page (`local_path`).
fn icon(href: &str) -> Result<Icon> {
    match href.strip_prefix("data:") {
        Some(data) if data.starts_with("image/") => Ok(Icon::Inline(href.to_owned())),
        Some(_) => Err(Error::new(format!(
            "the icon is a data: URL of something other than an image: \"{href}\""
        ))),
        None => local_path(href).map(Icon::File),
    }
}

/// A reference from the page to a file beside it, as a path inside `dist/`.
///
/// Only plain relative paths are accepted: `make dist` builds with `--public-url ./`, and
/// anything else (an absolute URL, a query, `..`) would mean the single file's contents
/// depend on where the folder is served.
pub fn local_path(href: &str) -> Result<String> {
    let path = href.strip_prefix("./").unwrap_or(href);
    let plain = !path.is_empty()
        && !path.starts_with('/')
        && !path.contains("://")
        && !path.contains(['?', '#', '%', '&', '\\', ':'])
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..");
    if plain {
        Ok(path.to_owned())
    } else {
        Err(Error::new(format!(
            "\"{href}\" is not a plain relative path inside dist/ (was the folder built with \
             `--public-url ./`?)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = include_str!("../tests/fixtures/trunk/index.html");

    fn read_err(html: &str) -> String {
        read(html).expect_err("expected an error").to_string()
    }

    /// The fixture page with `script` in place of its one script element.
    fn with_script(script: &str) -> String {
        let start = TRUNK.find("<script").unwrap();
        let end = TRUNK.find("</script>").unwrap() + "</script>".len();
        format!("{}{script}{}", &TRUNK[..start], &TRUNK[end..])
    }

    #[test]
    fn finds_every_piece_of_trunks_page() {
        let page = read(TRUNK).unwrap();
        assert_eq!(
            page,
            TrunkPage {
                stylesheet: "style-1a2b.css".into(),
                icon: Some(Icon::File("favicon-3c4d.svg".into())),
                glue: "app-5e6f.js".into(),
                wasm: "app-5e6f_bg.wasm".into(),
                classic: Vec::new(),
            }
        );
    }

    #[test]
    fn the_icon_is_optional() {
        let html = TRUNK.replace(r#"<link rel="icon" href="./favicon-3c4d.svg"/>"#, "");
        assert_eq!(read(&html).unwrap().icon, None);
    }

    #[test]
    fn an_icon_in_the_page_stays_in_the_page() {
        let svg = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E";
        let html = TRUNK.replace("./favicon-3c4d.svg", svg);
        assert_eq!(read(&html).unwrap().icon, Some(Icon::Inline(svg.into())));
        let html = TRUNK.replace("./favicon-3c4d.svg", "data:text/html,%3Cp%3E");
        assert!(read_err(&html).contains("other than an image"));
    }

    #[test]
    fn a_missing_stylesheet_is_an_error() {
        let html = TRUNK.replace("rel=\"stylesheet\"", "rel=\"preload\"");
        assert!(read_err(&html).contains("no <link rel=\"stylesheet\">"));
    }

    #[test]
    fn two_stylesheets_are_ambiguous() {
        let html = TRUNK.replace(
            "</head>",
            r#"<link rel="stylesheet" href="./print-9.css"></head>"#,
        );
        let message = read_err(&html);
        assert!(message.contains("2 stylesheets"), "{message}");
        assert!(message.contains("./print-9.css"), "{message}");
    }

    #[test]
    fn a_missing_script_is_an_error() {
        let html = with_script("");
        assert!(read_err(&html).contains("index.html has no <script type=\"module\">"));
        let html = with_script("<script>let a = 1</script>");
        assert!(read_err(&html).contains("index.html has no <script type=\"module\">"));
    }

    #[test]
    fn a_second_module_script_is_an_error() {
        let html = TRUNK.replace(
            "</body>",
            "<script type=\"module\">console.log(1)</script></body>",
        );
        assert!(read_err(&html).contains("2 module scripts"));
    }

    #[test]
    fn classic_inline_scripts_are_the_pages_own() {
        assert!(read(TRUNK).unwrap().classic.is_empty());
        let html = TRUNK.replace("<head>", "<head><script>let a = 1</script>");
        assert_eq!(read(&html).unwrap().classic, ["let a = 1"]);
        let html = TRUNK.replace("<head>", "<head><script type=\"text/plain\">x</script>");
        assert!(read_err(&html).contains("type=\"text/plain\""));
    }

    #[test]
    fn an_external_script_is_an_error() {
        let html = with_script(r#"<script type="module" src="./boot.js"></script>"#);
        assert!(read_err(&html).contains("src=\"./boot.js\""));
        let html = TRUNK.replace("<head>", "<head><script src=\"./a.js\"></script>");
        assert!(read_err(&html).contains("src=\"./a.js\""));
    }

    #[test]
    fn a_loader_without_the_wasm_path_is_an_error() {
        let html = TRUNK.replace("'./app-5e6f_bg.wasm'", "undefined");
        assert!(read_err(&html).contains("names no wasm file"));
    }

    #[test]
    fn a_loader_importing_two_modules_is_ambiguous() {
        let html = TRUNK.replace(
            "const wasm",
            "import initializer from './init-77.js';\nconst wasm",
        );
        let message = read_err(&html);
        assert!(
            message.contains("2 candidates for the wasm-bindgen glue"),
            "{message}"
        );
    }

    #[test]
    fn a_preload_of_something_else_is_an_error() {
        let html = TRUNK.replace(
            "</head>",
            r#"<link rel="preload" href="./font.woff2" as="font"></head>"#,
        );
        assert!(read_err(&html).contains("preloads \"./font.woff2\""));
    }

    #[test]
    fn an_unknown_link_or_image_is_an_error() {
        let html = TRUNK.replace(
            "</head>",
            r#"<link rel="manifest" href="./app.json"></head>"#,
        );
        assert!(read_err(&html).contains("<link rel=\"manifest\" href=\"./app.json\">"));
        let html = TRUNK.replace("</body>", r#"<img src="./logo.png" alt=""></body>"#);
        assert!(read_err(&html).contains("<img src=\"./logo.png\">"));
    }

    #[test]
    fn an_expect_link_must_name_an_element_of_the_page() {
        let with = |href: &str| {
            TRUNK.replace(
                "</head>",
                &format!(r#"<link rel="expect" href="{href}" blocking="render"></head>"#),
            )
        };
        assert_eq!(read(&with("#loading")).unwrap(), read(TRUNK).unwrap());
        assert!(read_err(&with("./other.html#loading")).contains("must name an element"));
        assert!(read_err(&with("#")).contains("must name an element"));
    }

    #[test]
    fn the_page_must_declare_utf8() {
        let html = TRUNK.replace(r#"<meta charset="utf-8" />"#, "");
        assert!(read_err(&html).contains("no <meta charset=\"utf-8\">"));
    }

    #[test]
    fn an_absolute_public_url_is_refused() {
        let html = TRUNK.replace("./style-1a2b.css", "/tools/deal/style-1a2b.css");
        assert!(read_err(&html).contains("--public-url ./"));
    }

    #[test]
    fn local_paths_are_plain_and_relative() {
        assert_eq!(local_path("./a/b.css").unwrap(), "a/b.css");
        assert_eq!(local_path("b.css").unwrap(), "b.css");
        for bad in [
            "",
            "./",
            "/b.css",
            "../b.css",
            "a//b.css",
            "https://cdn.example/b.css",
            "//cdn.example/b.css",
            "b.css?v=1",
            "data:text/css,",
        ] {
            assert!(local_path(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn string_literals_skip_comments_and_undo_escapes() {
        let js = r#"// 'not this'
            /* "nor this" */ import x from './a.js'; f("b\"c", `d`);"#;
        assert_eq!(js_string_literals(js).unwrap(), ["./a.js", "b\"c", "d"]);
        assert!(js_string_literals("f('open").is_err());
        assert!(js_string_literals("f(`${x}.js`)").is_err());
    }

    #[test]
    fn link_roles_follow_rel_tokens() {
        assert_eq!(link_role("stylesheet"), Some(LinkRole::Stylesheet));
        assert_eq!(link_role("Shortcut Icon"), Some(LinkRole::Icon));
        assert_eq!(link_role("modulepreload"), Some(LinkRole::Preload));
        assert_eq!(link_role("expect"), Some(LinkRole::Expect));
        assert_eq!(link_role("canonical"), None);
    }
}
