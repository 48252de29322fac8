//! Short names for the functions the wasm imports from its JS glue.
//!
//! wasm-bindgen names each import `__wbg_<name>_<16 hex digits>`, and every name is written
//! twice, once in the wasm's import section and once as a key of the glue's import object.
//! The hex digits hardly compress, so those names cost more than 5 KB gzip of the first view.
//! This renames each one to a short name in both files. The glue is a text search: each name
//! must appear in it exactly once (as its key), or nothing is changed and the build stops.
//!
//! The closure shims the wasm exports to the glue (`wasm_bindgen__convert__closures…invoke__h`
//! and a hash) are renamed the same way, everywhere the glue names them.

use crate::error::{Error, Result};

/// Imports from the glue (a module wasm-bindgen names `./<name>_bg.js`) whose names start
/// with `__wbg` are renamed; wasm-bindgen's intrinsics (`__wbindgen…`) keep theirs.
const PREFIX: &str = "__wbg";
const GLUE_SUFFIX: &str = "_bg.js";

/// Exports with this prefix and a hash, which makes them unique words in the glue.
const CLOSURE_EXPORT: &str = "wasm_bindgen__convert__closures";

/// The renamed wasm and glue, and how many imports and exports were renamed.
pub struct Shortened {
    pub wasm: Vec<u8>,
    pub glue: String,
    pub renamed: usize,
}

pub fn shorten(wasm: &[u8], glue: &str) -> Result<Shortened> {
    if wasm.get(..8) != Some(b"\0asm\x01\0\0\0".as_slice()) {
        return Err(Error::new("not a wasm module (version 1)"));
    }
    let mut out = wasm[..8].to_vec();
    let mut renames: Vec<(String, String)> = Vec::new();
    let mut export_renames: Vec<(String, String)> = Vec::new();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        let (size, body_at) = leb(wasm, at + 1)?;
        let body = wasm
            .get(body_at..body_at + size as usize)
            .ok_or_else(|| Error::new("a wasm section runs past the end of the file"))?;
        let body = match id {
            2 => imports(body, &mut renames)?,
            7 => exports(body, &mut export_renames)?,
            _ => body.to_vec(),
        };
        out.push(id);
        push_leb(&mut out, body.len() as u32);
        out.extend_from_slice(&body);
        at = body_at + size as usize;
    }
    let mut glue = glue.to_string();
    for (old, new) in &renames {
        let count = glue.matches(old.as_str()).count();
        if count != 1 {
            return Err(Error::new(format!(
                "the glue names the import `{old}` {count} times; expected once, as its key"
            )));
        }
        glue = glue.replacen(old.as_str(), new, 1);
    }
    for (old, new) in &export_renames {
        if !glue.contains(old.as_str()) || glue.contains(new.as_str()) {
            return Err(Error::new(format!(
                "the glue does not name the export `{old}`, or already has `{new}`"
            )));
        }
        glue = glue.replace(old.as_str(), new);
    }
    Ok(Shortened {
        wasm: out,
        glue,
        renamed: renames.len() + export_renames.len(),
    })
}

/// The export section with the closure shims' names shortened to `__c0`, `__c1`, ….
fn exports(body: &[u8], renames: &mut Vec<(String, String)>) -> Result<Vec<u8>> {
    let (count, mut at) = leb(body, 0)?;
    let mut out = Vec::with_capacity(body.len());
    push_leb(&mut out, count);
    for _ in 0..count {
        let (field, next) = name(body, at)?;
        let kind_end = leb(body, next + 1)?.1;
        let new = match std::str::from_utf8(field) {
            Ok(old) if old.starts_with(CLOSURE_EXPORT) && old.contains("invoke__h") => {
                let new = format!("__c{}", renames.len());
                renames.push((old.to_string(), new.clone()));
                new.into_bytes()
            }
            _ => field.to_vec(),
        };
        push_leb(&mut out, new.len() as u32);
        out.extend_from_slice(&new);
        out.extend_from_slice(&body[next..kind_end]);
        at = kind_end;
    }
    if at != body.len() {
        return Err(Error::new(
            "the wasm export section has bytes after its last export",
        ));
    }
    Ok(out)
}

/// The import section with the glue's `__wbg…` names replaced, recording each rename.
fn imports(body: &[u8], renames: &mut Vec<(String, String)>) -> Result<Vec<u8>> {
    let (count, mut at) = leb(body, 0)?;
    let mut out = Vec::with_capacity(body.len());
    push_leb(&mut out, count);
    for _ in 0..count {
        let (from, next) = name(body, at)?;
        let (field, next) = name(body, next)?;
        let kind_end = import_kind_end(body, next)?;
        let new = if from.ends_with(GLUE_SUFFIX.as_bytes()) && field.starts_with(PREFIX.as_bytes())
        {
            let old = std::str::from_utf8(field)
                .map_err(|_| Error::new("an import name is not UTF-8"))?
                .to_string();
            let new = short_name(renames.len());
            renames.push((old, new.clone()));
            new.into_bytes()
        } else {
            field.to_vec()
        };
        push_leb(&mut out, from.len() as u32);
        out.extend_from_slice(from);
        push_leb(&mut out, new.len() as u32);
        out.extend_from_slice(&new);
        out.extend_from_slice(&body[next..kind_end]);
        at = kind_end;
    }
    if at != body.len() {
        return Err(Error::new(
            "the wasm import section has bytes after its last import",
        ));
    }
    Ok(out)
}

/// Where an import's description (kind byte and type) ends.
fn import_kind_end(body: &[u8], at: usize) -> Result<usize> {
    let kind = *body.get(at).ok_or_else(truncated)?;
    let at = at + 1;
    Ok(match kind {
        0 => leb(body, at)?.1,      // function: type index
        1 => limits(body, at + 1)?, // table: element type, limits
        2 => limits(body, at)?,     // memory: limits
        3 => at + 2,                // global: value type, mutability
        4 => leb(body, at + 1)?.1,  // tag: attribute, type index
        _ => return Err(Error::new(format!("unknown wasm import kind {kind}"))),
    })
}

fn limits(body: &[u8], at: usize) -> Result<usize> {
    let flags = *body.get(at).ok_or_else(truncated)?;
    let after_min = leb(body, at + 1)?.1;
    Ok(if flags & 1 == 1 {
        leb(body, after_min)?.1
    } else {
        after_min
    })
}

fn name(body: &[u8], at: usize) -> Result<(&[u8], usize)> {
    let (len, start) = leb(body, at)?;
    let end = start + len as usize;
    Ok((body.get(start..end).ok_or_else(truncated)?, end))
}

/// "a", "b", … "Z", "ab", …: identifiers that cannot collide with anything else in the glue's
/// import object, whose other keys all start with `__wbindgen`.
fn short_name(index: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut n = index;
    let mut out = vec![LETTERS[n % LETTERS.len()]];
    n /= LETTERS.len();
    while n > 0 {
        out.push(LETTERS[n % LETTERS.len()]);
        n /= LETTERS.len();
    }
    String::from_utf8(out).expect("ASCII letters")
}

fn leb(bytes: &[u8], mut at: usize) -> Result<(u32, usize)> {
    let mut value: u64 = 0;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(at).ok_or_else(truncated)?;
        at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return u32::try_from(value)
                .map(|v| (v, at))
                .map_err(|_| Error::new("a wasm length does not fit in 32 bits"));
        }
    }
    Err(Error::new("a wasm length is longer than five bytes"))
}

fn push_leb(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn truncated() -> Error {
    Error::new("the wasm file ends in the middle of its import section")
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODULE: &str = "./app_bg.js";

    /// A module with a type section, then imports of two glue functions, an intrinsic, a
    /// function from elsewhere, and a memory with limits.
    fn module() -> Vec<u8> {
        let mut imports = Vec::new();
        let entries: [(&str, &str, &[u8]); 5] = [
            (MODULE, "__wbg_log_0123456789abcdef", &[0, 0]),
            (MODULE, "__wbindgen_init_externref_table", &[0, 0]),
            ("env", "__wbg_other_fedcba9876543210", &[0, 0]),
            (MODULE, "__wbg_now_aaaaaaaaaaaaaaaa", &[0, 0]),
            (MODULE, "memory", &[2, 1, 17, 200, 1]),
        ];
        push_leb(&mut imports, entries.len() as u32);
        for (from, field, kind) in entries {
            push_leb(&mut imports, from.len() as u32);
            imports.extend_from_slice(from.as_bytes());
            push_leb(&mut imports, field.len() as u32);
            imports.extend_from_slice(field.as_bytes());
            imports.extend_from_slice(kind);
        }
        let mut exports = Vec::new();
        let entries: [(&str, u8); 2] = [("memory", 2), (SHIM, 0)];
        push_leb(&mut exports, entries.len() as u32);
        for (field, kind) in entries {
            push_leb(&mut exports, field.len() as u32);
            exports.extend_from_slice(field.as_bytes());
            exports.extend_from_slice(&[kind, 0]);
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]);
        for (id, section) in [(2, imports), (7, exports)] {
            wasm.push(id);
            push_leb(&mut wasm, section.len() as u32);
            wasm.extend_from_slice(&section);
        }
        wasm
    }

    const SHIM: &str = "wasm_bindgen__convert__closures_____invoke__h0123456789abcdef";

    const GLUE: &str = "const import0 = { __wbg_log_0123456789abcdef: function(a) {}, \
                        __wbg_now_aaaaaaaaaaaaaaaa: function() {}, \
                        __wbindgen_init_externref_table: function() {} }; \
                        function wasm_bindgen__convert__closures_____invoke__h0123456789abcdef() \
                        { wasm.wasm_bindgen__convert__closures_____invoke__h0123456789abcdef(); }";

    #[test]
    fn renames_glue_imports_in_both_files_and_keeps_the_rest() {
        let done = shorten(&module(), GLUE).unwrap();
        assert_eq!(done.renamed, 3);
        assert_eq!(
            done.glue,
            "const import0 = { a: function(a) {}, b: function() {}, \
             __wbindgen_init_externref_table: function() {} }; \
             function __c0() { wasm.__c0(); }"
        );
        let text = String::from_utf8_lossy(&done.wasm);
        assert!(!text.contains("__wbg_log"));
        assert!(!text.contains("__wbg_now"));
        assert!(
            text.contains("__wbg_other_fedcba9876543210"),
            "another module's import"
        );
        assert!(text.contains("__wbindgen_init_externref_table"));
        assert!(
            text.contains("memory\u{2}\u{1}\u{11}"),
            "the memory's limits"
        );
        assert!(!text.contains(SHIM));
        assert!(
            text.contains("\u{4}__c0\u{0}\u{0}"),
            "the shim's export, still a function"
        );
        // Read back: both sections parse, and a second pass renames nothing.
        let again = shorten(&done.wasm, &done.glue).unwrap();
        assert_eq!(again.renamed, 0);
        assert_eq!(again.wasm, done.wasm);
    }

    #[test]
    fn refuses_a_glue_that_names_an_import_twice_or_not_at_all() {
        let twice = format!("{GLUE} __wbg_log_0123456789abcdef");
        let err = shorten(&module(), &twice).err().unwrap();
        assert!(err.to_string().contains("2 times"), "{err}");
        let missing = GLUE.replace("__wbg_now_aaaaaaaaaaaaaaaa", "x");
        let err = shorten(&module(), &missing).err().unwrap();
        assert!(err.to_string().contains("0 times"), "{err}");
        let taken = format!("{GLUE} __c0");
        let err = shorten(&module(), &taken).err().unwrap();
        assert!(err.to_string().contains("already has `__c0`"), "{err}");
    }

    #[test]
    fn short_names_are_distinct() {
        let names: std::collections::HashSet<String> = (0..3000).map(short_name).collect();
        assert_eq!(names.len(), 3000);
        assert_eq!(short_name(0), "a");
        assert_eq!(short_name(52), "ab");
    }
}
