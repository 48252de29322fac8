//! Build steps that Trunk does not do, run from the Makefile as `cargo run -p xtask -- …`.
//!
//! `single-file DIST OUT` turns the folder that `trunk build` wrote into one HTML file that
//! needs no other request (see `single_file`). Any surprise in Trunk's output stops the build
//! with a message and a non-zero exit, so a changed Trunk cannot ship a blank page.

mod error;
mod glue;
mod inline;
mod single_file;
mod trunk_page;

use std::path::Path;
use std::process::ExitCode;

use error::{Error, Result};

const USAGE: &str = "usage: xtask single-file DIST_DIR OUT_FILE";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<()> {
    match args {
        [command, dist, out] if command == "single-file" => {
            single_file(Path::new(dist), Path::new(out))
        }
        _ => Err(Error::new(USAGE)),
    }
}

fn single_file(dist: &Path, out: &Path) -> Result<()> {
    let index_path = dist.join("index.html");
    let index = std::fs::read_to_string(&index_path)
        .map_err(|err| Error::new(format!("cannot read {}: {err}", index_path.display())))?;
    let built = single_file::build(&index, &mut |relative| {
        let path = dist.join(relative);
        std::fs::read(&path)
            .map_err(|err| Error::new(format!("cannot read {}: {err}", path.display())))
    })?;
    std::fs::write(out, &built.html)
        .map_err(|err| Error::new(format!("cannot write {}: {err}", out.display())))?;
    println!(
        "xtask: wrote {} ({} bytes); its one script is '{}'",
        out.display(),
        built.html.len(),
        built.script_hash
    );
    println!("xtask: its own policy (meta tag): {}", built.policy);
    Ok(())
}
