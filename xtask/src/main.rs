//! Build steps that Trunk does not do, run from the Makefile as `cargo run -p xtask -- …`.
//!
//! `single-file DIST OUT` turns the folder that `trunk build` wrote into one HTML file that
//! needs no other request (see `single_file`). Any surprise in Trunk's output stops the build
//! with a message and a non-zero exit, so a changed Trunk cannot ship a blank page.
//!
//! `model-page MARKDOWN DIST` renders the model document into the site as `model.html` (see
//! `model_page`).
//!
//! `short-imports DIST` gives the wasm's imports from its glue (and its closure exports) short
//! names, in the wasm and the glue alike (see `short_imports`).
//!
//! `oembed DIST [PUBLIC_URL]` writes the link preview image `og.png` (the defaults' charts,
//! drawn by the explorer's own chart code, see `preview`), and with a `PUBLIC_URL` the oEmbed
//! responses for the defaults and each preset, a page and a preview image per preset, and the
//! discovery link and the preview tags into the pages, all with absolute addresses under
//! `PUBLIC_URL`; without one (or with an empty one) it writes none of those and removes any a
//! previous run left (see `oembed`).

mod error;
mod glue;
mod inline;
mod model_page;
mod oembed;
mod prerender;
mod preview;
mod short_imports;
mod single_file;
mod tidy;
mod trunk_page;

use std::path::Path;
use std::process::ExitCode;

use error::{Error, Result};

const USAGE: &str = "usage: xtask single-file DIST_DIR OUT_FILE | xtask short-imports DIST_DIR \
                     | xtask model-page MARKDOWN DIST_DIR | xtask oembed DIST_DIR [PUBLIC_URL] \
                     | xtask prerender DIST_DIR | xtask tidy DIST_DIR";

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
        [command, dist] if command == "short-imports" => short_imports(Path::new(dist)),
        [command, markdown, dist] if command == "model-page" => {
            model_page(Path::new(markdown), Path::new(dist))
        }
        [command, dist] if command == "oembed" => oembed(Path::new(dist), None),
        [command, dist, public] if command == "oembed" => oembed(
            Path::new(dist),
            Some(public.as_str()).filter(|url| !url.is_empty()),
        ),
        [command, dist] if command == "prerender" => prerender(Path::new(dist)),
        [command, dist] if command == "tidy" => tidy(Path::new(dist)),
        _ => Err(Error::new(USAGE)),
    }
}

/// A file's text, or an error that names the file.
fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path)
        .map_err(|err| Error::new(format!("cannot read {}: {err}", path.display())))
}

/// A file's bytes, or an error that names the file.
fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|err| Error::new(format!("cannot read {}: {err}", path.display())))
}

/// Writes a file, or says which one could not be written.
fn write_file(path: &Path, contents: impl AsRef<[u8]>) -> Result<()> {
    std::fs::write(path, contents)
        .map_err(|err| Error::new(format!("cannot write {}: {err}", path.display())))
}

fn tidy(dist: &Path) -> Result<()> {
    let index_path = dist.join("index.html");
    let index = read_text(&index_path)?;
    let tidy = tidy::tidy(&index)?;
    write_file(&index_path, &tidy)?;
    println!(
        "xtask: {} without comments and indentation ({} bytes from {})",
        index_path.display(),
        tidy.len(),
        index.len()
    );
    Ok(())
}

fn prerender(dist: &Path) -> Result<()> {
    let index_path = dist.join("index.html");
    let index = read_text(&index_path)?;
    // Once only: a second run would add the stylesheet's rules and the keeper script again.
    if prerender::is_prerendered(&index) {
        println!("xtask: {} is prerendered already", index_path.display());
        return Ok(());
    }
    let page = prerender::into_page(&index, "")?;
    let stylesheet = dist.join(trunk_page::read(&index)?.stylesheet);
    let mut css = read_text(&stylesheet)?;
    css.push_str(&prerender::stylesheet());
    write_file(&stylesheet, css)?;
    write_file(&index_path, page)?;
    println!(
        "xtask: prerendered the default scenario into {}",
        index_path.display()
    );
    Ok(())
}

fn single_file(dist: &Path, out: &Path) -> Result<()> {
    let index_path = dist.join("index.html");
    let index = read_text(&index_path)?;
    let built = single_file::build(&index, &mut |relative| {
        let path = dist.join(relative);
        read_bytes(&path)
    })?;
    write_file(out, &built.html)?;
    println!(
        "xtask: wrote {} ({} bytes); its scripts are '{}'",
        out.display(),
        built.html.len(),
        built.script_hashes.join("' '")
    );
    println!("xtask: its own policy (meta tag): {}", built.policy);
    Ok(())
}

fn model_page(markdown: &Path, dist: &Path) -> Result<()> {
    let text = read_text(markdown)?;
    let stylesheet = only_file(dist, |name| {
        name.starts_with("style-") && name.ends_with(".css")
    })?;
    // The explorer's own icon, as its page links it (a data: URL in the page, or a file).
    let index_path = dist.join("index.html");
    let index = read_text(&index_path)?;
    let icon = trunk_page::read(&index)?.icon.ok_or_else(|| {
        Error::new("index.html has no icon, so model.html would ask the host's root for one")
    })?;
    let page = model_page::render(&text, &stylesheet, icon.href())?;
    write_file(&dist.join("model.css"), model_page::STYLESHEET)?;
    let out = dist.join("model.html");
    write_file(&out, page)?;
    println!("xtask: wrote {}", out.display());
    Ok(())
}

fn oembed(dist: &Path, public: Option<&str>) -> Result<()> {
    let base = public.map(oembed::public_url).transpose()?;
    let index_path = dist.join("index.html");
    let index = read_text(&index_path)?;
    let files = oembed::files(&index, base.as_deref())?;
    let folder = dist.join(oembed::FOLDER);
    if base.is_none() {
        // Nothing that a run with an address wrote may stay behind with a stale address.
        let stale = oembed::written_before();
        for path in stale.iter().map(|page| dist.join(page)) {
            if path.is_file() {
                std::fs::remove_file(&path).map_err(|err| {
                    Error::new(format!("cannot remove {}: {err}", path.display()))
                })?;
            }
        }
        if folder.is_dir() {
            std::fs::remove_dir_all(&folder)
                .map_err(|err| Error::new(format!("cannot remove {}: {err}", folder.display())))?;
        }
    } else {
        std::fs::create_dir_all(&folder)
            .map_err(|err| Error::new(format!("cannot create {}: {err}", folder.display())))?;
    }
    for (relative, contents) in &files {
        let path = dist.join(relative);
        write_file(&path, contents)?;
    }
    let images = oembed::images(base.as_deref())?;
    for (relative, png) in &images {
        let path = dist.join(relative);
        write_file(&path, png)?;
    }
    let sizes: Vec<String> = images
        .iter()
        .map(|(name, png)| format!("{name} ({} bytes)", png.len()))
        .collect();
    println!("xtask: preview images {}", sizes.join(", "));
    match base {
        Some(base) => println!(
            "xtask: oEmbed for {base}: {} files, discovery links to {base}{}/, preview tags in \
             each page",
            files.len(),
            oembed::FOLDER
        ),
        None => println!(
            "xtask: no PUBLIC_URL, so no oEmbed responses, no discovery link and no preview tags \
             (make dist PUBLIC_URL=https://…/ writes them)"
        ),
    }
    Ok(())
}

/// The one file of `dir` whose name passes `wanted`.
fn only_file(dir: &Path, wanted: impl Fn(&str) -> bool) -> Result<String> {
    let read_dir = |err| Error::new(format!("cannot list {}: {err}", dir.display()));
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_dir)? {
        let name = entry
            .map_err(read_dir)?
            .file_name()
            .to_string_lossy()
            .into_owned();
        if wanted(&name) {
            found.push(name);
        }
    }
    match <[String; 1]>::try_from(found) {
        Ok([name]) => Ok(name),
        Err(found) => Err(Error::new(format!(
            "expected one matching file in {}, found {}",
            dir.display(),
            found.len()
        ))),
    }
}

fn short_imports(dist: &Path) -> Result<()> {
    let read_dir = |err| Error::new(format!("cannot list {}: {err}", dist.display()));
    let mut wasm_files = Vec::new();
    for entry in std::fs::read_dir(dist).map_err(read_dir)? {
        let name = entry.map_err(read_dir)?.file_name();
        let name = name.to_string_lossy();
        if let Some(stem) = name.strip_suffix("_bg.wasm") {
            wasm_files.push(stem.to_string());
        }
    }
    let [stem] = wasm_files.as_slice() else {
        return Err(Error::new(format!(
            "expected one *_bg.wasm in {}, found {}",
            dist.display(),
            wasm_files.len()
        )));
    };
    let wasm_path = dist.join(format!("{stem}_bg.wasm"));
    let glue_path = dist.join(format!("{stem}.js"));
    let wasm = read_bytes(&wasm_path)?;
    let glue = read_text(&glue_path)?;
    let done = short_imports::shorten(&wasm, &glue)?;
    write_file(&wasm_path, &done.wasm)?;
    let written = glue::without_sync_init(&done.glue)?;
    write_file(&glue_path, &written)?;
    println!(
        "xtask: {} import and export names shortened; {} bytes of wasm and {} of glue saved",
        done.renamed,
        wasm.len() - done.wasm.len(),
        glue.len() - written.len()
    );
    Ok(())
}
