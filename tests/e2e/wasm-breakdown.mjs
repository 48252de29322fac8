// Groups `twiggy top --format csv` rows of the shipped wasm (optimized, names kept) by crate,
// as a Markdown table for BENCHMARKS.md: `node wasm-breakdown.mjs twiggy.csv`.
import { readFile } from 'node:fs/promises';

const [header, ...lines] = (await readFile(process.argv[2], 'utf8')).trim().split('\n');
const nameAt = header.split(',').indexOf('Name');
const sizeAt = header.split(',').indexOf('ShallowSize');

/** A CSV line's fields; names with commas are quoted, with "" for a quote. */
function fields(line) {
  const out = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') { field += '"'; i += 1; }
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) { out.push(field); field = ''; }
    else field += c;
  }
  out.push(field);
  return out;
}

/**
 * Yew's generic component code is where each component's `html!` view lands. Names come with
 * crate disambiguators (`yew[bc32…]::`) when the standard library is built from source; they
 * are dropped first.
 */
function group(full) {
  const name = full.replace(/\[[0-9a-f]+\]/g, '');
  if (name.startsWith('data segment')) return 'data: text, tables';
  if (/^<yew::html::component::lifecycle::CompStateInner<.*> as .*>::view/.test(name)) return 'yew: our components\' views (`html!`)';
  if (name.startsWith('import ') || name.startsWith('export ') || /^(type|elem|table|global|code)\[/.test(name)) return 'wasm structure (imports, types, tables)';
  // `<f64 as core::fmt::Debug>::fmt` belongs to core, the trait's crate.
  const crate = /^<?&?(?:dyn )?(?:mut )?([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(name)
    ?? /^<&?[a-z0-9]+ as ([a-z_][a-z0-9_]*)/.exec(name);
  if (!crate) return 'other';
  return { deal_explorer: 'deal_explorer (this app)', deal_model: 'deal_model (the model)' }[crate[1]] ?? crate[1];
}

const totals = new Map();
let all = 0;
for (const line of lines) {
  const row = fields(line);
  const name = row[nameAt];
  if (name.includes(' names" subsection') || name.startsWith('Σ')) continue;
  const size = Number(row[sizeAt]);
  totals.set(group(name), (totals.get(group(name)) ?? 0) + size);
  all += size;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log('| part | raw | share |');
console.log('|---|---:|---:|');
const rows = [...totals].sort((a, b) => b[1] - a[1]);
const shown = rows.filter(([, size]) => size >= 1024);
for (const [part, size] of shown) console.log(`| ${part} | ${kb(size)} | ${((100 * size) / all).toFixed(1)}% |`);
const rest = rows.filter(([, size]) => size < 1024).reduce((sum, [, size]) => sum + size, 0);
console.log(`| ${rows.length - shown.length} smaller parts | ${kb(rest)} | ${((100 * rest) / all).toFixed(1)}% |`);
console.log(`| **all** | ${kb(all)} | |`);
