//! `ledger 'r30=280&cap=50'`: the ledger of a scenario as CSV on stdout, for spreadsheets and
//! for the crosscheck against an independent implementation of the spec. Notices, the summary
//! and a machine-readable `cap_year:` line go to stderr so stdout stays pure CSV.

use std::io::{self, Write};
use std::process::ExitCode;

use deal_model::{parse_query, summary, Ledger};

const USAGE: &str = "usage: ledger [QUERY]
  QUERY  a scenario as a URL query string, e.g. 'r30=280&cap=50'; none means the reported terms.
Prints the ledger as CSV on stdout, then notices, a summary and the cap year on stderr.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|arg| arg.to_string_lossy().into_owned())
        .collect();
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

    let mut stdout = io::stdout().lock();
    if stdout
        .write_all(ledger.to_csv().as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitCode::FAILURE;
    }

    let mut stderr = io::stderr().lock();
    for notice in &notices {
        let _ = writeln!(stderr, "notice: {}", notice.message);
    }
    let _ = writeln!(stderr, "{}", summary(&scenario, &ledger));
    let cap_year = match ledger.headline.cap_year {
        Some(year) => year.to_string(),
        None => "none".to_string(),
    };
    let _ = writeln!(stderr, "cap_year: {cap_year}");
    ExitCode::SUCCESS
}
