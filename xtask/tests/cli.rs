//! The command as the Makefile runs it: a file on success, a message and a failing exit code
//! otherwise, so `make dist` stops.

use std::path::{Path, PathBuf};
use std::process::Command;

use wasm_encoder::{EntityType, ExportKind, ExportSection, ImportSection, Module, TypeSection};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/trunk");

fn xtask(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("xtask runs")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn writes_the_single_file_and_prints_the_hash() {
    let out = scratch("ok").join("single.html");
    let run = xtask(&["single-file", FIXTURE, out.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("its scripts are 'sha256-"), "{stdout}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<script type=\"module\">"));
    std::fs::remove_dir_all(out.parent().unwrap()).unwrap();
}

#[test]
fn a_broken_page_fails_with_a_message() {
    let dist = scratch("broken");
    let index = std::fs::read_to_string(format!("{FIXTURE}/index.html")).unwrap();
    std::fs::write(
        dist.join("index.html"),
        index.replace("stylesheet", "alternate"),
    )
    .unwrap();
    let out = dist.join("single.html");
    let run = xtask(&["single-file", dist.to_str().unwrap(), out.to_str().unwrap()]);
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.starts_with("xtask: error: index.html has <link rel=\"alternate\""),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written on failure");
    std::fs::remove_dir_all(dist).unwrap();
}

#[test]
fn a_missing_folder_or_bad_usage_fails() {
    let run = xtask(&["single-file", "/nonexistent-dist", "/tmp/never.html"]);
    assert!(!run.status.success());
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("cannot read /nonexistent-dist/index.html")
    );
    let run = xtask(&["bundle"]);
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("usage: xtask single-file"));
}

const IMPORT: &str = "__wbg_log_0123456789abcdef";
const SHIM: &str = "wasm_bindgen__convert__closures_____invoke__h0123456789abcdef";

/// A dist folder with a wasm and its glue, as wasm-bindgen names them.
fn dist_with(name: &str, wasm: &[u8]) -> (PathBuf, PathBuf, PathBuf) {
    let dist = scratch(name);
    let (wasm_path, glue_path) = (dist.join("app-1a2b_bg.wasm"), dist.join("app-1a2b.js"));
    std::fs::write(&wasm_path, wasm).unwrap();
    let glue = format!(
        "const imports = {{ {IMPORT}: () => {{}} }}; wasm.{SHIM}();\n\
         export {{ initSync, __wbg_init as default }};\n"
    );
    std::fs::write(&glue_path, glue).unwrap();
    (dist, wasm_path, glue_path)
}

fn run_short_imports(dist: &Path) -> std::process::Output {
    xtask(&["short-imports", dist.to_str().unwrap()])
}

#[test]
fn short_imports_renames_in_the_wasm_and_the_glue() {
    let mut types = TypeSection::new();
    types.ty().function([], []);
    let mut imports = ImportSection::new();
    imports.import("./app-1a2b_bg.js", IMPORT, EntityType::Function(0));
    let mut exports = ExportSection::new();
    exports.export(SHIM, ExportKind::Func, 0);
    let mut module = Module::new();
    module.section(&types).section(&imports).section(&exports);
    let (dist, wasm_path, glue_path) = dist_with("short", &module.finish());

    let run = run_short_imports(&dist);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        stdout.starts_with("xtask: 2 import and export names shortened"),
        "{stdout}"
    );
    let glue = std::fs::read_to_string(&glue_path).unwrap();
    assert_eq!(
        glue,
        "const imports = { a: () => {} }; wasm.__c0();\nexport { __wbg_init as default };\n"
    );
    let wasm = std::fs::read(&wasm_path).unwrap();
    let mut names = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(&wasm) {
        match payload.unwrap() {
            wasmparser::Payload::ImportSection(section) => {
                for import in section.into_imports() {
                    names.push(import.unwrap().name.to_string());
                }
            }
            wasmparser::Payload::ExportSection(section) => {
                for export in section {
                    names.push(export.unwrap().name.to_string());
                }
            }
            _ => {}
        }
    }
    assert_eq!(names, ["a", "__c0"]);
    std::fs::remove_dir_all(dist).unwrap();
}

#[test]
fn a_broken_wasm_fails_with_a_message_and_changes_nothing() {
    let broken = b"\0asm\x01\0\0\0\x02\x09\x01";
    let (dist, wasm_path, glue_path) = dist_with("broken-wasm", broken);
    let glue = std::fs::read_to_string(&glue_path).unwrap();

    let run = run_short_imports(&dist);
    assert_eq!(run.status.code(), Some(1), "an error, not a panic");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.starts_with("xtask: error: the wasm file cannot be read: "),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&wasm_path).unwrap(), broken);
    assert_eq!(std::fs::read_to_string(&glue_path).unwrap(), glue);
    std::fs::remove_dir_all(dist).unwrap();
}
