//! The native `ledger` command: CSV on stdout, notices, summary and cap year on stderr.

use std::process::{Command, Output};

use deal_model::{parse_query, summary, Ledger, Scenario};

fn ledger(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ledger"))
        .args(args)
        .output()
        .expect("the ledger binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

#[test]
fn without_an_argument_it_prints_the_defaults() {
    let out = ledger(&[]);
    assert_eq!(out.status.code(), Some(0));
    let s = Scenario::default();
    let l = Ledger::compute(&s);
    assert_eq!(text(&out.stdout), l.to_csv());
    assert_eq!(
        text(&out.stderr),
        format!("{}\ncap_year: 2029\n", summary(&s, &l))
    );
}

#[test]
fn a_query_sets_the_scenario_and_notices_go_to_stderr() {
    let out = ledger(&["r30=280&cap=50&foo=1&cap=900"]);
    assert_eq!(out.status.code(), Some(0));
    let (s, _) = parse_query("r30=280&cap=200");
    let l = Ledger::compute(&s);
    assert_eq!(text(&out.stdout), l.to_csv());
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "notice: foo=1 is not a setting of this explorer; ignored.",
            "notice: cap appears more than once; using the last value.",
            "notice: cap=900 is above the maximum; using $200B.",
            summary(&s, &l).as_str(),
            "cap_year: none",
        ]
    );
}

#[test]
fn the_cap_year_line_names_the_year() {
    let out = ledger(&["?cap=0"]);
    assert!(text(&out.stderr).ends_with("\ncap_year: 2026\n"));
}

#[test]
fn more_than_one_argument_is_a_usage_error() {
    let out = ledger(&["cap=1", "cap=2"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).starts_with("usage: ledger [QUERY]"));
}

#[test]
fn help_prints_usage_on_stdout() {
    let out = ledger(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("usage: ledger [QUERY]"));
}
