//! The wasm-bindgen JS glue, treated as an opaque ES module plus the names it exports.
//!
//! The single file inlines the glue verbatim as its one module script and appends a few lines
//! that start it with the embedded wasm bytes. Nothing inside the glue is rewritten: the only
//! things read from it are its export clause (to learn which local function is the default
//! export, wasm-bindgen's async `init`) and whether it imports other files (which one inline
//! script could not satisfy).

use crate::error::{Error, Result};

/// Identifiers the boot code declares; the glue's init function must not be one of them, or
/// the boot code's block would shadow it.
const BOOT_NAMES: &[&str] = &[
    "dealExplorerWasm",
    "dealExplorerBytes",
    "dealExplorerLoading",
];

/// The local name that the glue exports as `default`.
///
/// wasm-bindgen (0.2.130, `--target web`) ends its glue with
/// `export { initSync, __wbg_init as default };`. Reading that clause, rather than assuming
/// the name `__wbg_init`, keeps the boot code correct if wasm-bindgen renames its internals,
/// and fails here, not in a reader's browser, if it changes how it exports.
pub fn default_export(glue: &str) -> Result<String> {
    let mut found: Option<String> = None;
    for (statement, rest) in export_statements(glue) {
        let rest = rest.trim_start();
        let Some(inside) = rest.strip_prefix('{') else {
            if rest.starts_with("default") {
                return Err(Error::new(format!(
                    "the glue has `{}`; expected wasm-bindgen's `export {{ … as default }}` \
                     clause",
                    first_line(statement)
                )));
            }
            continue; // `export class …` or `export function …`: named exports we do not use.
        };
        let Some(end) = inside.find('}') else {
            return Err(Error::new(format!(
                "the glue's export clause is not closed: `{}`",
                first_line(statement)
            )));
        };
        for specifier in inside[..end].split(',') {
            let words: Vec<&str> = specifier.split_whitespace().collect();
            let (local, exported) = match words.as_slice() {
                [] => continue,
                [name] => (*name, *name),
                [local, "as", exported] => (*local, *exported),
                _ => {
                    return Err(Error::new(format!(
                        "cannot read the export specifier `{}` in the glue",
                        specifier.trim()
                    )))
                }
            };
            if !is_identifier(local) {
                return Err(Error::new(format!(
                    "the glue exports `{local}`, which is not a plain identifier"
                )));
            }
            if exported == "default" {
                if found.is_some() {
                    return Err(Error::new("the glue exports `default` twice"));
                }
                found = Some(local.to_owned());
            }
        }
    }
    let local = found.ok_or_else(|| {
        Error::new(
            "the glue has no `export { … as default }` clause: expected wasm-bindgen's \
             `--target web` output, whose default export is its async init function",
        )
    })?;
    if BOOT_NAMES.contains(&local.as_str()) {
        return Err(Error::new(format!(
            "the glue's init function is named `{local}`, a name the boot code uses"
        )));
    }
    Ok(local)
}

/// Fails if the glue imports another module: one inline script cannot bring it along.
///
/// wasm-bindgen writes such imports for `#[wasm_bindgen(module = …)]` and inline JS snippets.
pub fn ensure_self_contained(glue: &str) -> Result<()> {
    for line in glue.lines() {
        let line = line.trim_start();
        let Some(rest) = line.strip_prefix("import") else {
            continue;
        };
        // `import(…)` and `import.meta` are expressions, not static imports.
        if rest.starts_with(|c: char| c.is_whitespace() || matches!(c, '{' | '*' | '"' | '\'')) {
            return Err(Error::new(format!(
                "the glue imports another module (`{}`): the single file cannot carry it; \
                 inline JS snippets are not supported",
                line.trim_end()
            )));
        }
    }
    Ok(())
}

/// The one module script of the single file: the glue, then code that decodes the embedded
/// wasm and hands the bytes to the glue's init, so nothing is fetched.
///
/// Async init rather than `initSync`: it compiles off the main thread, and the module script
/// may await at its top level. If starting fails, the loading note says so instead of the
/// reader looking at a blank page.
pub fn boot_module(glue: &str, wasm: &[u8]) -> Result<String> {
    use base64::Engine as _;

    ensure_self_contained(glue)?;
    let init = default_export(glue)?;
    let encoded = base64::engine::general_purpose::STANDARD.encode(wasm);
    let glue = glue.trim_end();
    Ok(format!(
        r#"{glue}

// Added by `xtask single-file`: start the glue above with the wasm embedded below.
{{
  const dealExplorerLoading = document.getElementById('loading');
  try {{
    const dealExplorerWasm = atob('{encoded}');
    const dealExplorerBytes = new Uint8Array(dealExplorerWasm.length);
    for (let i = 0; i < dealExplorerWasm.length; i += 1) dealExplorerBytes[i] = dealExplorerWasm.charCodeAt(i);
    await {init}({{ module_or_path: dealExplorerBytes }});
  }} catch (error) {{
    if (dealExplorerLoading) dealExplorerLoading.textContent = `The explorer could not start here: ${{error}}`;
    throw error;
  }}
}}
"#
    ))
}

/// Each `export` statement that starts a line, with the text after the keyword.
fn export_statements(glue: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut offset = 0;
    glue.split_inclusive('\n').filter_map(move |line| {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        let rest = trimmed.strip_prefix("export")?;
        if !rest.starts_with(|c: char| c.is_whitespace() || c == '{') {
            return None; // an identifier such as `exports`
        }
        let statement = &glue[start + (line.len() - trimmed.len())..];
        Some((statement, &statement["export".len()..]))
    })
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("").trim()
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE: &str = include_str!("../tests/fixtures/trunk/app-5e6f.js");

    #[test]
    fn finds_the_default_export_of_wasm_bindgen_glue() {
        assert_eq!(default_export(GLUE).unwrap(), "__wbg_init");
    }

    #[test]
    fn reads_a_multi_line_clause_and_ignores_named_declarations() {
        let glue = "export class Point {}\nexport function f() {}\nexport {\n  initSync,\n  start as default,\n};\n";
        assert_eq!(default_export(glue).unwrap(), "start");
    }

    #[test]
    fn a_glue_without_default_export_is_an_error() {
        let glue = GLUE.replace("__wbg_init as default", "__wbg_init");
        let message = default_export(&glue).unwrap_err().to_string();
        assert!(
            message.contains("no `export { … as default }`"),
            "{message}"
        );
    }

    #[test]
    fn a_direct_default_declaration_is_an_error() {
        let glue = "export default async function init() {}\n";
        let message = default_export(glue).unwrap_err().to_string();
        assert!(
            message.contains("export default async function"),
            "{message}"
        );
    }

    #[test]
    fn an_unreadable_clause_is_an_error() {
        let message = default_export("export { a as b as default };")
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("cannot read the export specifier"),
            "{message}"
        );
        let message = default_export("export { initSync, init as default;")
            .unwrap_err()
            .to_string();
        assert!(message.contains("not closed"), "{message}");
    }

    #[test]
    fn a_default_named_like_the_boot_code_is_refused() {
        let glue = "export { dealExplorerBytes as default };";
        assert!(default_export(glue).is_err());
    }

    #[test]
    fn imports_of_other_modules_are_refused() {
        let glue = format!("import {{ helper }} from './snippets/x/inline0.js';\n{GLUE}");
        let message = ensure_self_contained(&glue).unwrap_err().to_string();
        assert!(message.contains("./snippets/x/inline0.js"), "{message}");
        assert!(ensure_self_contained("const u = import.meta.url;\nimport('./x.js');").is_ok());
        assert!(ensure_self_contained(GLUE).is_ok());
    }

    #[test]
    fn the_boot_module_keeps_the_glue_verbatim_and_embeds_the_wasm() {
        let module = boot_module(GLUE, b"\0asm\x01\0\0\0").unwrap();
        assert!(module.starts_with(GLUE.trim_end()));
        assert!(module.contains("atob('AGFzbQEAAAA=')"));
        assert!(module.contains("await __wbg_init({ module_or_path: dealExplorerBytes });"));
    }
}

/// The glue without its `initSync` export, which nothing calls: the page and the single file
/// both start the wasm with the async default export (see [`boot_module`]). Unexported,
/// the function is dead code that terser then drops (60 bytes of the first view, gzip).
pub fn without_sync_init(glue: &str) -> Result<String> {
    const CLAUSE: &str = "export { initSync, __wbg_init as default };";
    if glue.matches(CLAUSE).count() != 1 {
        return Err(Error::new(format!(
            "the glue's exports are not `{CLAUSE}` once; wasm-bindgen changed them"
        )));
    }
    Ok(glue.replace(CLAUSE, "export { __wbg_init as default };"))
}

#[cfg(test)]
mod sync_init_tests {
    use super::without_sync_init;

    #[test]
    fn only_the_async_default_export_stays() {
        let glue = "function initSync(module) {}\nasync function __wbg_init(x) {}\n\nexport { initSync, __wbg_init as default };\n";
        let out = without_sync_init(glue).unwrap();
        assert!(out.ends_with("export { __wbg_init as default };\n"));
        assert!(without_sync_init("export { __wbg_init as default };").is_err());
    }
}
