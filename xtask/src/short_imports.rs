//! Short names for the functions the wasm imports from its JS glue.
//!
//! wasm-bindgen names each import `__wbg_<name>_<16 hex digits>`, and every name is written
//! twice, once in the wasm's import section and once as a key of the glue's import object.
//! The hex digits hardly compress, so those names cost more than 5 KB gzip of the first view.
//! This renames each one to a short name in both files. The glue is a text search: each name
//! must appear in it exactly once (as its key), or nothing is changed and the build stops.
//!
//! The closure shims the wasm exports to the glue are renamed the same way, everywhere the glue
//! names them as a whole identifier. wasm-bindgen names them `wasm_bindgen__convert__closures…
//! invoke__h<hash>`, or, when the standard library is built from source, after the closure's
//! types with crate disambiguators (`wasm_bindgen_d40c…___convert__closures_____invoke___…`, up
//! to 329 characters, some the prefix of another).
//!
//! `wasmparser` reads the wasm and `wasm-encoder` writes it: the import and export sections are
//! rebuilt with the new names (each entry's type or index written in its shortest form, as
//! wasm-bindgen writes them), and every other section (custom sections such as `name` and
//! `target_features` included, in their order) is copied byte for byte. A wasm that does not
//! parse stops the build with the parser's message.

use wasm_encoder::reencode::{self, utils, Reencode};
use wasm_encoder::{ExportSection, ImportSection, Module, RawSection};
use wasmparser::{Export, Import, Imports, Parser, Payload};

use crate::error::{Error, Result};

/// Imports from the glue (a module wasm-bindgen names `./<name>_bg.js`) whose names start
/// with `__wbg` are renamed; wasm-bindgen's other intrinsics (`__wbindgen…`) keep theirs.
const PREFIX: &str = "__wbg";
/// wasm-bindgen's generic adapters (`__wbindgen_generic_` and 16 digits), named once each in the
/// glue like the `__wbg` imports, are renamed too.
const GENERIC: &str = "__wbindgen_generic_";
const GLUE_SUFFIX: &str = "_bg.js";

/// A closure shim's export: named by wasm-bindgen, in its `convert::closures` module.
fn is_closure_shim(name: &str) -> bool {
    name.starts_with("wasm_bindgen")
        && name.contains("convert__closures")
        && name.contains("invoke")
}

/// `glue` with every whole identifier `old` (not part of a longer name) replaced by `new`, and
/// how many were replaced.
fn replace_identifier(glue: &str, old: &str, new: &str) -> (String, usize) {
    let is_part = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let mut out = String::with_capacity(glue.len());
    let mut count = 0;
    let mut rest = glue;
    while let Some(at) = rest.find(old) {
        let (before, after) = (&rest[..at], &rest[at + old.len()..]);
        let whole = !before.ends_with(is_part) && !after.starts_with(is_part);
        out.push_str(before);
        out.push_str(if whole { new } else { old });
        count += usize::from(whole);
        rest = after;
    }
    out.push_str(rest);
    (out, count)
}

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
    let mut renamer = Renamer::default();
    let wasm = renamer.rewrite(wasm).map_err(|err| match err {
        reencode::Error::UserError(err) => err,
        reencode::Error::ParseError(err) => {
            Error::new(format!("the wasm file cannot be read: {err}"))
        }
        err => Error::new(format!("the wasm file cannot be rewritten: {err}")),
    })?;
    let Renamer { imports, exports } = renamer;
    let mut glue = glue.to_string();
    for (old, new) in &imports {
        let count = glue.matches(old.as_str()).count();
        if count != 1 {
            return Err(Error::new(format!(
                "the glue names the import `{old}` {count} times; expected once, as its key"
            )));
        }
        glue = glue.replacen(old.as_str(), new, 1);
    }
    for (old, new) in &exports {
        let (renamed, count) = replace_identifier(&glue, old, new);
        if count == 0 || replace_identifier(&glue, new, new).1 > 0 {
            return Err(Error::new(format!(
                "the glue does not name the export `{old}`, or already has `{new}`"
            )));
        }
        glue = renamed;
    }
    Ok(Shortened {
        wasm,
        glue,
        renamed: imports.len() + exports.len(),
    })
}

/// The names given so far, old and new, in the order the wasm lists them.
#[derive(Default)]
struct Renamer {
    imports: Vec<(String, String)>,
    exports: Vec<(String, String)>,
}

impl Renamer {
    /// The module with its import and export sections rebuilt and every other section copied.
    fn rewrite(&mut self, wasm: &[u8]) -> Result<Vec<u8>, reencode::Error<Error>> {
        let mut module = Module::new();
        for payload in Parser::new(0).parse_all(wasm) {
            match payload? {
                Payload::ImportSection(section) => {
                    let mut imports = ImportSection::new();
                    self.parse_import_section(&mut imports, section)?;
                    module.section(&imports);
                }
                Payload::ExportSection(section) => {
                    let mut exports = ExportSection::new();
                    self.parse_export_section(&mut exports, section)?;
                    module.section(&exports);
                }
                // The version is the header `Module::new` writes; the code section's function
                // bodies come after it as payloads of their own, and the end is no section.
                payload => {
                    if let Some((id, range)) = payload.as_section() {
                        // The parser hands out the code section before it has read it all.
                        let data = wasm.get(range.start as usize..range.end as usize);
                        let data = data.ok_or_else(|| {
                            reencode::Error::UserError(Error::new(format!(
                                "the wasm file cannot be read: section {id} runs past its end"
                            )))
                        })?;
                        module.section(&RawSection { id, data });
                    }
                }
            }
        }
        Ok(module.finish())
    }
}

impl Reencode for Renamer {
    type Error = Error;

    /// An import with the glue's `__wbg…` name replaced, recording the rename.
    fn parse_imports(
        &mut self,
        section: &mut ImportSection,
        imports: Imports<'_>,
    ) -> Result<(), reencode::Error<Error>> {
        match imports {
            Imports::Single(index, import)
                if import.module.ends_with(GLUE_SUFFIX)
                    && (import.name.starts_with(PREFIX) || import.name.starts_with(GENERIC)) =>
            {
                let new = short_name(self.imports.len());
                self.imports.push((import.name.to_string(), new.clone()));
                let import = Import {
                    name: &new,
                    ..import
                };
                utils::parse_imports(self, section, Imports::Single(index, import))
            }
            Imports::Compact1 { module, .. } | Imports::Compact2 { module, .. }
                if module.ends_with(GLUE_SUFFIX) =>
            {
                Err(reencode::Error::UserError(Error::new(format!(
                    "the wasm imports from `{module}` in the compact encoding, \
                     which wasm-bindgen does not write"
                ))))
            }
            imports => utils::parse_imports(self, section, imports),
        }
    }

    /// An export with a closure shim's name shortened to `__c0`, `__c1`, ….
    fn parse_export(
        &mut self,
        section: &mut ExportSection,
        export: Export<'_>,
    ) -> Result<(), reencode::Error<Error>> {
        if !is_closure_shim(export.name) {
            return utils::parse_export(self, section, export);
        }
        let new = format!("__c{}", self.exports.len());
        self.exports.push((export.name.to_string(), new.clone()));
        utils::parse_export(
            self,
            section,
            Export {
                name: &new,
                ..export
            },
        )
    }
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

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use wasm_encoder::reencode::RoundtripReencoder;
    use wasm_encoder::{
        CodeSection, ConstExpr, CustomSection, DataCountSection, DataSection, ElementSection,
        Elements, EntityType, ExportKind, FunctionSection, GlobalSection, GlobalType,
        ImportCompact, MemoryType, NameMap, NameSection, RefType, StartSection, TableSection,
        TableType, TypeSection, ValType,
    };
    use wasmparser::TypeRef;

    use super::*;

    const MODULE: &str = "./app_bg.js";

    const MEMORY: MemoryType = MemoryType {
        minimum: 17,
        maximum: Some(200),
        memory64: false,
        shared: false,
        page_size_log2: None,
    };

    /// Imports of two glue functions, an intrinsic, a function from elsewhere, and a memory
    /// with limits.
    fn imports() -> ImportSection {
        let mut imports = ImportSection::new();
        for (module, name) in [
            (MODULE, "__wbg_log_0123456789abcdef"),
            (MODULE, "__wbindgen_init_externref_table"),
            ("env", "__wbg_other_fedcba9876543210"),
            (MODULE, "__wbg_now_aaaaaaaaaaaaaaaa"),
        ] {
            imports.import(module, name, EntityType::Function(0));
        }
        imports.import(MODULE, "memory", MEMORY);
        imports
    }

    /// A module with a type section, the imports above, and exports of the memory and a shim.
    fn module() -> Vec<u8> {
        let mut types = TypeSection::new();
        types.ty().function([], []);
        let mut exports = ExportSection::new();
        exports
            .export("memory", ExportKind::Memory, 0)
            .export(SHIM, ExportKind::Func, 0);
        let mut module = Module::new();
        module.section(&types).section(&imports()).section(&exports);
        module.finish()
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

    /// Shims named as a std-from-source build names them: with crate disambiguators, and one
    /// name the prefix of the other; and a generic adapter's import.
    #[test]
    fn renames_disambiguated_shims_as_whole_identifiers() {
        const SHORT: &str =
            "wasm_bindgen_d40c52ec9709a63___convert__closures_____invoke___Event______true_";
        let long = format!("{SHORT}_1_");
        let mut types = TypeSection::new();
        types.ty().function([], []);
        let mut exports = ExportSection::new();
        exports
            .export(SHORT, ExportKind::Func, 0)
            .export(&long, ExportKind::Func, 0);
        let mut imports = ImportSection::new();
        imports.import(
            MODULE,
            "__wbindgen_generic_0000000000000001",
            EntityType::Function(0),
        );
        let mut module = Module::new();
        module.section(&types).section(&imports).section(&exports);
        let glue = format!(
            "const import0 = {{ __wbindgen_generic_0000000000000001: function() {{}} }}; \
             function f() {{ wasm.{SHORT}(); }} function g() {{ wasm.{long}(); }}"
        );
        let done = shorten(&module.finish(), &glue).unwrap();
        assert_eq!(done.renamed, 3);
        assert_eq!(
            done.glue,
            "const import0 = { a: function() {} }; \
             function f() { wasm.__c0(); } function g() { wasm.__c1(); }"
        );
        let text = String::from_utf8_lossy(&done.wasm);
        assert!(!text.contains("convert__closures"), "{text}");
        assert!(!text.contains("__wbindgen_generic"), "{text}");
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
        let gone = GLUE.replace(SHIM, "x");
        let err = shorten(&module(), &gone).err().unwrap();
        assert!(
            err.to_string().contains("does not name the export"),
            "{err}"
        );
    }

    /// A module with a section of every kind a wasm-bindgen build has and more, custom
    /// sections before, between and after the others, and a function body with a padded
    /// LEB128 (as a linker writes them), which only a byte-for-byte copy keeps.
    fn full_module() -> Vec<u8> {
        let mut module = Module::new();
        module.section(&CustomSection {
            name: Cow::Borrowed("first"),
            data: Cow::Borrowed(&[1, 2, 3]),
        });
        let mut types = TypeSection::new();
        types.ty().function([], []);
        types.ty().function([ValType::I32], [ValType::I64]);
        module.section(&types);
        let mut imports = imports();
        imports.import(
            MODULE,
            "__wbg_flag_bbbbbbbbbbbbbbbb",
            GlobalType {
                val_type: ValType::I32,
                mutable: false,
                shared: false,
            },
        );
        module.section(&imports);
        let mut functions = FunctionSection::new();
        functions.function(0).function(1);
        module.section(&functions);
        let mut tables = TableSection::new();
        tables.table(TableType {
            element_type: RefType::FUNCREF,
            table64: false,
            minimum: 2,
            maximum: None,
            shared: false,
        });
        module.section(&tables);
        let mut globals = GlobalSection::new();
        let global = GlobalType {
            val_type: ValType::I32,
            mutable: true,
            shared: false,
        };
        globals.global(global, &ConstExpr::i32_const(1024));
        module.section(&globals);
        let mut exports = ExportSection::new();
        exports
            .export("memory", ExportKind::Memory, 0)
            .export(SHIM, ExportKind::Func, 4)
            .export("main", ExportKind::Func, 5)
            .export("__wbg_flag", ExportKind::Global, 1);
        module.section(&exports);
        module.section(&CustomSection {
            name: Cow::Borrowed("between"),
            data: Cow::Borrowed(b"kept"),
        });
        module.section(&StartSection { function_index: 4 });
        let mut elements = ElementSection::new();
        elements.active(
            None,
            &ConstExpr::i32_const(0),
            Elements::Functions(Cow::Borrowed(&[4, 5])),
        );
        module.section(&elements);
        module.section(&DataCountSection { count: 1 });
        let mut code = CodeSection::new();
        let mut padded = wasm_encoder::Function::new([]);
        // i32.const 0 with a five-byte immediate, drop, end
        padded.raw([0x41, 0x80, 0x80, 0x80, 0x80, 0x00, 0x1a, 0x0b]);
        code.function(&padded);
        let mut widen = wasm_encoder::Function::new([(1, ValType::I64)]);
        widen.instructions().local_get(0).i64_extend_i32_u().end();
        code.function(&widen);
        module.section(&code);
        let mut data = DataSection::new();
        data.active(0, &ConstExpr::i32_const(8), b"hello".iter().copied());
        module.section(&data);
        let mut names = NameSection::new();
        names.module("app");
        let mut functions = NameMap::new();
        functions.append(0, "__wbg_log_0123456789abcdef");
        functions.append(4, SHIM);
        names.functions(&functions);
        module.section(&names);
        module.section(&CustomSection {
            name: Cow::Borrowed("target_features"),
            data: Cow::Borrowed(b"\x01+\x0fmutable-globals"),
        });
        module.finish()
    }

    /// Every section as its id and bytes, in order.
    fn sections(wasm: &[u8]) -> Vec<(u8, Vec<u8>)> {
        Parser::new(0)
            .parse_all(wasm)
            .filter_map(|payload| {
                let (id, range) = payload.unwrap().as_section()?;
                Some((id, wasm[range.start as usize..range.end as usize].to_vec()))
            })
            .collect()
    }

    /// The imports as (module, name, type) and the exports as (name, kind, index).
    #[allow(clippy::type_complexity)]
    fn names(
        wasm: &[u8],
    ) -> (
        Vec<(String, String, TypeRef)>,
        Vec<(String, wasmparser::ExternalKind, u32)>,
    ) {
        let (mut imports, mut exports) = (Vec::new(), Vec::new());
        for payload in Parser::new(0).parse_all(wasm) {
            match payload.unwrap() {
                Payload::ImportSection(section) => {
                    for import in section.into_imports() {
                        let import = import.unwrap();
                        imports.push((import.module.into(), import.name.into(), import.ty));
                    }
                }
                Payload::ExportSection(section) => {
                    for export in section {
                        let export = export.unwrap();
                        exports.push((export.name.into(), export.kind, export.index));
                    }
                }
                _ => {}
            }
        }
        (imports, exports)
    }

    #[test]
    fn only_the_names_change_and_every_other_section_is_copied_byte_for_byte() {
        let wasm = full_module();
        // What a full re-encoding would change: the padded immediate.
        let mut roundtrip = Module::new();
        RoundtripReencoder
            .parse_core_module(&mut roundtrip, Parser::new(0), &wasm)
            .unwrap();
        assert_ne!(roundtrip.finish(), wasm);
        let glue = format!("{GLUE} const flags = {{ __wbg_flag_bbbbbbbbbbbbbbbb: 1 }};");
        let done = shorten(&wasm, &glue).unwrap();
        assert_eq!(done.renamed, 4);
        assert!(
            done.glue.contains("const flags = { c: 1 };"),
            "{}",
            done.glue
        );

        let (before, after) = (sections(&wasm), sections(&done.wasm));
        let ids = |sections: &[(u8, Vec<u8>)]| sections.iter().map(|s| s.0).collect::<Vec<_>>();
        assert_eq!(
            ids(&before),
            [0, 1, 2, 3, 4, 6, 7, 0, 8, 9, 12, 10, 11, 0, 0]
        );
        assert_eq!(ids(&after), ids(&before));
        for (old, new) in before.iter().zip(&after) {
            if old.0 != 2 && old.0 != 7 {
                assert_eq!(old, new, "section {} changed", old.0);
            }
        }
        let custom = |wasm: &[u8]| {
            Parser::new(0)
                .parse_all(wasm)
                .filter_map(|payload| match payload.unwrap() {
                    Payload::CustomSection(section) => Some(section.name().to_string()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            custom(&done.wasm),
            ["first", "between", "name", "target_features"]
        );

        let new_name = |name: String| match name.as_str() {
            "__wbg_log_0123456789abcdef" => "a".to_string(),
            "__wbg_now_aaaaaaaaaaaaaaaa" => "b".to_string(),
            "__wbg_flag_bbbbbbbbbbbbbbbb" => "c".to_string(),
            SHIM => "__c0".to_string(),
            _ => name,
        };
        let (imports, exports) = names(&wasm);
        let (new_imports, new_exports) = names(&done.wasm);
        assert_eq!(imports.len(), 6);
        let expected: Vec<_> = imports
            .into_iter()
            .map(|(module, name, ty)| (module, new_name(name), ty))
            .collect();
        assert_eq!(new_imports, expected);
        assert_eq!(exports.len(), 4);
        let expected: Vec<_> = exports
            .into_iter()
            .map(|(name, kind, index)| (new_name(name), kind, index))
            .collect();
        assert_eq!(new_exports, expected);
    }

    #[test]
    fn a_broken_wasm_is_an_error_not_a_panic() {
        let err = shorten(b"\0asm\x0d\0\x01\0", GLUE).err().unwrap();
        assert_eq!(err.to_string(), "not a wasm module (version 1)");
        // Cut anywhere: only whole sections can read, a part of one is an error.
        let wasm = full_module();
        let mut ends: Vec<usize> = Parser::new(0)
            .parse_all(&wasm)
            .filter_map(|payload| Some(payload.unwrap().as_section()?.1.end as usize))
            .collect();
        ends.push(8);
        let mut read = Vec::new();
        for cut in 8..wasm.len() {
            let glue = format!("{GLUE} __wbg_flag_bbbbbbbbbbbbbbbb");
            match shorten(&wasm[..cut], &glue) {
                Ok(_) => {
                    assert!(ends.contains(&cut), "cut at {cut} read");
                    read.push(cut);
                }
                // Some whole sections are refused too: functions without their code.
                Err(err) => {
                    let err = err.to_string();
                    assert!(err.starts_with("the wasm file cannot be read: "), "{err}");
                }
            }
        }
        assert!(read.len() >= 4, "{read:?}");
        // An export section with a byte after its last export, and an unknown import kind.
        let mut trailing = b"\0asm\x01\0\0\0".to_vec();
        trailing.extend_from_slice(&[7, 6, 1, 1, b'x', 0, 0, 0xff]);
        let err = shorten(&trailing, GLUE).err().unwrap().to_string();
        assert!(err.starts_with("the wasm file cannot be read: "), "{err}");
        let mut kind = module();
        // The first `memory` is the import's name; its kind follows.
        let memory_kind = kind.windows(7).position(|w| w == b"memory\x02").unwrap() + 6;
        kind[memory_kind] = 9;
        let err = shorten(&kind, GLUE).err().unwrap().to_string();
        assert!(err.starts_with("the wasm file cannot be read: "), "{err}");
    }

    #[test]
    fn refuses_compact_imports_from_the_glue_and_copies_others() {
        let compact = |module: &str| {
            let mut imports = ImportSection::new();
            imports.imports(wasm_encoder::Imports::Compact1 {
                module,
                items: Cow::Owned(vec![
                    ImportCompact {
                        name: "__wbg_log_0123456789abcdef",
                        ty: EntityType::Function(0),
                    },
                    ImportCompact {
                        name: "__wbg_now_aaaaaaaaaaaaaaaa",
                        ty: EntityType::Function(0),
                    },
                ]),
            });
            let mut types = TypeSection::new();
            types.ty().function([], []);
            let mut module = Module::new();
            module.section(&types).section(&imports);
            module.finish()
        };
        let err = shorten(&compact(MODULE), GLUE).err().unwrap();
        assert!(err.to_string().contains("compact encoding"), "{err}");
        let elsewhere = compact("env");
        let done = shorten(&elsewhere, GLUE).unwrap();
        assert_eq!(done.renamed, 0);
        assert_eq!(done.wasm, elsewhere);
    }

    #[test]
    fn short_names_are_distinct() {
        let names: std::collections::HashSet<String> = (0..3000).map(short_name).collect();
        assert_eq!(names.len(), 3000);
        assert_eq!(short_name(0), "a");
        assert_eq!(short_name(52), "ab");
    }
}
