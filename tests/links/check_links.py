#!/usr/bin/env python3
"""No link in the repository's documents or the page's sources points outside the repository.

A clone, or the repository read on a forge, must stand on its own: a link to a sibling folder
(`../shared/...`), to a path on the machine that built it, or to another site cannot be followed
by its readers. Checked:

- Markdown links and images in README.md, BENCHMARKS.md and docs/ (code spans and fenced code
  are examples, not links): relative targets must exist inside the repository; no scheme.
- `href`/`src` attributes in index.html and assets/*.html, and `href=` in the views' Rust
  source: relative, `#`, `?` or `data:` only.
- Anywhere in the tracked text files: no mention of the sibling `shared/` folder.

Exits 1 with one line per offending link.
"""
import pathlib
import re
import subprocess
import sys
from urllib.parse import urlsplit

ROOT = pathlib.Path(__file__).resolve().parents[2]
MD_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
MD_REF = re.compile(r"^\s*\[[^\]]+\]:\s*(\S+)", re.M)
HTML_ATTR = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""")
RUST_HREF = re.compile(r"""\bhref\s*=\s*["{]\s*"?([^"}]*)""")
# Pages the build makes beside index.html, each from its source in the repository.
BUILT_PAGES = {"model.html": "docs/model.md"}
OUTSIDE = re.compile(r"\.\./shared\b|/work/shared\b|\bshared/deal-model\.md")


def strip_code(markdown: str) -> str:
    markdown = re.sub(r"^(```|~~~).*?^\1", "", markdown, flags=re.S | re.M)
    return re.sub(r"`[^`\n]*`", "", markdown)


def tracked(*patterns: str) -> list[pathlib.Path]:
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", *patterns],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [ROOT / line for line in out.splitlines() if (ROOT / line).is_file()]


def inside(base: pathlib.Path, target: str) -> str | None:
    """Why `target`, linked from `base`, cannot be followed inside the repository, or None."""
    parts = urlsplit(target)
    if parts.scheme == "data":
        return None  # carried in the page itself (the explorer's icon)
    if parts.scheme or target.startswith("//"):
        return "points to another site"
    if not parts.path:
        return None  # "#anchor" or "?query": this page
    resolved = (base.parent / parts.path).resolve()
    if ROOT not in resolved.parents and resolved != ROOT:
        return "points outside the repository"
    if not resolved.exists():
        return "points to nothing in the repository"
    return None


def main() -> int:
    problems = []
    for doc in tracked("*.md"):
        if "node_modules" in doc.parts:
            continue
        text = strip_code(doc.read_text(encoding="utf-8"))
        for target in MD_LINK.findall(text) + MD_REF.findall(text):
            why = inside(doc, target)
            if why:
                problems.append(f"{doc.relative_to(ROOT)}: {target} {why}")
    for page in tracked("index.html", "assets/*.html"):
        for target in HTML_ATTR.findall(page.read_text(encoding="utf-8")):
            built = BUILT_PAGES.get(target)
            why = None if built and (ROOT / built).is_file() else inside(page, target)
            if why:
                problems.append(f"{page.relative_to(ROOT)}: {target} {why}")
    for source in tracked("src/*.rs", "src/**/*.rs"):
        for target in RUST_HREF.findall(source.read_text(encoding="utf-8")):
            if target and (urlsplit(target).scheme or target.startswith(("//", ".."))):
                problems.append(f"{source.relative_to(ROOT)}: href {target} points outside the site")
    for path in tracked():
        if path.suffix in {".png", ".lock", ".ico", ".wasm"} or "node_modules" in path.parts:
            continue
        if path == pathlib.Path(__file__).resolve():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                problems.append(f"{path.relative_to(ROOT)}:{number}: names a folder outside the repository")
    for line in problems:
        print(line)
    print(f"links: {len(problems)} outside the repository" if problems else "links: all inside the repository")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
