//! The native `ledger` command: CSV on stdout, notices, summary, live sentence and cap year on
//! stderr.

use std::process::{Command, Output};

use deal_model::{parse_query, sentence, sentence_text, summary, Ledger, Scenario};

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
        format!(
            "{}\nsentence: {}\ncap_year: 2029\n",
            summary(&s, &l),
            sentence_text(&sentence(&s, &l), &s)
        )
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
            format!("sentence: {}", sentence_text(&sentence(&s, &l), &s)).as_str(),
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

#[test]
fn the_ensemble_flag_prints_the_models_ensemble() {
    let out = ledger(&["--ensemble", "--paths", "500", "vol=20&seed=7&cap=50"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let (s, _) = parse_query("vol=20&seed=7&cap=50");
    let e = deal_model::simulate(&s, 500);
    assert_eq!(text(&out.stdout), e.to_csv());
    let never = e.cap_year_counts.last().unwrap().1;
    let last = |values: &[f64]| *values.last().unwrap();
    assert_eq!(
        text(&out.stderr),
        format!(
            "paths: 500\nseed: 7\ncap_never: {never}\n\
             total_paid_new: p10={} p50={} p90={}\n\
             total_paid_old: p10={} p50={} p90={}\n",
            last(&e.cumulative_new.p10),
            last(&e.cumulative_new.p50),
            last(&e.cumulative_new.p90),
            last(&e.cumulative_old.p10),
            last(&e.cumulative_old.p50),
            last(&e.cumulative_old.p90),
        )
    );
    // The trade: the cap bounds the new terms' spread; the old terms' grows with revenue.
    assert!(last(&e.cumulative_new.p90) <= 50.0);
    assert!(
        last(&e.cumulative_old.p90) - last(&e.cumulative_old.p10)
            > last(&e.cumulative_new.p90) - last(&e.cumulative_new.p10)
    );
    // The CSV holds the numbers the page shows, exactly.
    let csv = text(&out.stdout);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header.len(), 3 + 13 * 3);
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    for (y, line) in lines.enumerate() {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells[0], (2026 + y).to_string());
        let number = |name: &str| cells[column(name)].parse::<f64>().unwrap();
        assert_eq!(number("cap_reached_by"), e.cap_reached_by[y]);
        assert_eq!(number("cap_first_reached") as usize, e.cap_year_counts[y].1);
        assert_eq!(number("cumulative_new_p90"), e.cumulative_new.p90[y]);
        assert_eq!(
            number("microsoft_take_new_p10"),
            e.microsoft_take_new.p10[y]
        );
    }
    // The default is the app's 10,000 paths.
    let out = ledger(&["--ensemble", "vol=5"]);
    assert!(text(&out.stderr).starts_with("paths: 10000\nseed: 1\n"));
    // A bad path count is a usage error.
    assert_eq!(
        ledger(&["--ensemble", "--paths", "x", "vol=5"])
            .status
            .code(),
        Some(2)
    );
}
