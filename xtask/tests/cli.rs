//! The command as the Makefile runs it: a file on success, a message and a failing exit code
//! otherwise, so `make dist` stops.

use std::path::PathBuf;
use std::process::Command;

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
    assert!(stdout.contains("its one script is 'sha256-"), "{stdout}");
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
