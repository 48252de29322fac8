//! `ledger 'r30=280&cap=50'`: the ledger of a scenario as CSV on stdout, for spreadsheets and
//! for the crosscheck against an independent implementation of the spec. Notices, the summary,
//! the page's live sentence (`sentence:`) and a machine-readable `cap_year:` line go to stderr
//! so stdout stays pure CSV.
//!
//! `ledger --ensemble [--paths N] QUERY` prints the uncertainty ensemble instead: percentiles
//! and cap chances per year as CSV, with `paths:`, `seed:`, `cap_never:` and the spread of total
//! payments under each terms on stderr, so browser tests compare the page with the model's
//! own ensemble.
//!
//! `ledger --sweep QUERY` prints the revenue sweep: for each `r30` on its grid, the totals
//! 2026-2035 paid and taken under both terms, every other input from the query.

use std::io::{self, Write};
use std::process::ExitCode;

use deal_model::{
    parse_query, sentence, sentence_text, simulate, summary, sweep, sweep_csv, Band, Ledger,
    Notice, DEFAULT_PATHS,
};

const USAGE: &str = "usage: ledger [QUERY]
       ledger --ensemble [--paths N] [QUERY]
       ledger --sweep [QUERY]
  QUERY  a scenario as a URL query string, e.g. 'r30=280&cap=50'; none means the reported terms.
Prints the ledger as CSV on stdout, then notices, a summary, the page's live sentence
(`sentence:`) and the cap year on stderr.
With --ensemble, prints the ensemble of N paths (10,000 by default) as CSV: per year the share
of paths with the cap reached, the paths reaching it first, and p10/p50/p90 of each column;
then paths, seed, the paths that never reach the cap and the spread (p10, p50, p90) of total
payments 2026-2035 under each terms on stderr.
With --sweep, prints for each 2030 revenue from $20B to $600B in $5B steps the totals 2026-2035
paid and taken by Microsoft under both terms, as CSV.";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
    if args.first().map(String::as_str) == Some("--ensemble") {
        args.remove(0);
        let mut paths = DEFAULT_PATHS;
        if args.first().map(String::as_str) == Some("--paths") {
            match args.get(1).and_then(|n| n.parse::<usize>().ok()) {
                Some(n) if n > 0 => paths = n,
                _ => {
                    let _ = writeln!(io::stderr(), "{USAGE}");
                    return ExitCode::from(2);
                }
            }
            args.drain(..2);
        }
        if args.len() > 1 {
            let _ = writeln!(io::stderr(), "{USAGE}");
            return ExitCode::from(2);
        }
        return ensemble(args.first().map(String::as_str).unwrap_or(""), paths);
    }
    if args.first().map(String::as_str) == Some("--sweep") {
        if args.len() > 2 {
            let _ = writeln!(io::stderr(), "{USAGE}");
            return ExitCode::from(2);
        }
        let (scenario, notices) = parse_query(args.get(1).map(String::as_str).unwrap_or(""));
        return match print(&sweep_csv(&sweep(&scenario)), &notices) {
            Some(_) => ExitCode::SUCCESS,
            None => ExitCode::FAILURE,
        };
    }
    if args.len() > 1 {
        let _ = writeln!(io::stderr(), "{USAGE}");
        return ExitCode::from(2);
    }
    let query = args.first().map(String::as_str).unwrap_or("");
    if query == "-h" || query == "--help" {
        let _ = writeln!(io::stdout(), "{USAGE}");
        return ExitCode::SUCCESS;
    }

    let (scenario, notices) = parse_query(query);
    let ledger = Ledger::compute(&scenario);

    let Some(mut stderr) = print(&ledger.to_csv(), &notices) else {
        return ExitCode::FAILURE;
    };
    let _ = writeln!(stderr, "{}", summary(&scenario, &ledger));
    let live = sentence_text(&sentence(&scenario, &ledger), &scenario);
    let _ = writeln!(stderr, "sentence: {live}");
    let cap_year = match ledger.headline.cap_year {
        Some(year) => year.to_string(),
        None => "none".to_string(),
    };
    let _ = writeln!(stderr, "cap_year: {cap_year}");
    ExitCode::SUCCESS
}

fn ensemble(query: &str, paths: usize) -> ExitCode {
    let (scenario, notices) = parse_query(query);
    let ensemble = simulate(&scenario, paths);
    let Some(mut stderr) = print(&ensemble.to_csv(), &notices) else {
        return ExitCode::FAILURE;
    };
    let never = ensemble
        .cap_year_counts
        .iter()
        .find(|(year, _)| year.is_none())
        .map_or(0, |(_, count)| *count);
    let _ = writeln!(stderr, "paths: {}", ensemble.paths);
    let _ = writeln!(stderr, "seed: {}", ensemble.seed);
    let _ = writeln!(stderr, "cap_never: {never}");
    // The trade in figures: the cap bounds the spread of what OpenAI pays under the new terms;
    // under the old ones it grows with revenue.
    for (name, band) in [
        ("total_paid_new", &ensemble.cumulative_new),
        ("total_paid_old", &ensemble.cumulative_old),
    ] {
        let _ = writeln!(stderr, "{name}: {}", last_year(band));
    }
    ExitCode::SUCCESS
}

/// A band's 2035 percentiles as `p10=… p50=… p90=…`.
fn last_year(band: &Band) -> String {
    let at = |values: &[f64]| values.last().map_or(f64::NAN, |v| v + 0.0);
    format!(
        "p10={} p50={} p90={}",
        at(&band.p10),
        at(&band.p50),
        at(&band.p90)
    )
}

/// The CSV on stdout, then the notices on stderr; the stderr lock for what follows, or `None`
/// when stdout is closed (a pipe whose reader has gone).
fn print(csv: &str, notices: &[Notice]) -> Option<io::StderrLock<'static>> {
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(csv.as_bytes())
        .and_then(|()| stdout.flush())
        .ok()?;
    let mut stderr = io::stderr().lock();
    for notice in notices {
        let _ = writeln!(stderr, "notice: {}", notice.message);
    }
    Some(stderr)
}
