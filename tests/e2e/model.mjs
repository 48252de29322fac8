// The model's own numbers for a scenario, from the native `ledger` command (built by
// `make e2e`), so browser tests compare the page with the model rather than with copies.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { HERE } from './browser.mjs';

const LEDGER = process.env.LEDGER_BIN ?? join(HERE, '..', '..', 'target', 'debug', 'ledger');

/** The `ledger` command's CSV for a scenario, exactly as printed (CRLF line ends included). */
export function ledgerCsv(query = '') {
  return execFileSync(LEDGER, [query], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

/** Rows of the spec's CSV as objects of numbers, keyed by column name. */
export function ledgerRows(query = '') {
  const csv = ledgerCsv(query);
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i], Number(cell)])));
}

/**
 * The model's uncertainty ensemble for a scenario (`ledger --ensemble`), one object per year:
 * `cap_reached_by`, `cap_first_reached` and `<column>_p10/_p50/_p90`, plus `paths`, `seed` and
 * `never` (paths that never reach the cap).
 */
export function ensemble(query = '', paths) {
  const args = ['--ensemble', ...(paths ? ['--paths', String(paths)] : []), query];
  const run = spawnSync(LEDGER, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ledger --ensemble failed: ${run.stderr}`);
  const [header, ...lines] = run.stdout.trim().split(/\r?\n/);
  const columns = header.split(',');
  const years = lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i], Number(cell)])));
  const meta = Object.fromEntries(run.stderr.split('\n').map((line) => line.split(': ')).filter((pair) => pair.length === 2));
  // `total_paid_new: p10=… p50=… p90=…`: the spread of total payments 2026-2035 per terms.
  const spread = (line = '') => Object.fromEntries(line.split(' ').map((pair) => pair.split('=')).map(([k, v]) => [k, Number(v)]));
  return {
    years,
    paths: Number(meta.paths),
    seed: Number(meta.seed),
    never: Number(meta.cap_never),
    totalPaidNew: spread(meta.total_paid_new),
    totalPaidOld: spread(meta.total_paid_old),
  };
}

/** The revenue sweep (`ledger --sweep`), exactly as printed. */
export function sweepCsv(query = '') {
  return execFileSync(LEDGER, ['--sweep', query], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

/** Rows of the sweep's CSV as objects of numbers, keyed by column name. */
export function sweepRows(query = '') {
  const [header, ...lines] = sweepCsv(query).trim().split(/\r?\n/);
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i], Number(cell)])));
}

/** The headline outputs, derived from the rows as the spec defines them. */
export function headline(rows) {
  const last = rows.at(-1);
  return {
    total_new: last.cumulative_new,
    total_old: last.cumulative_old,
    openai_savings: last.cumulative_old - last.cumulative_new,
    microsoft_change: rows.reduce((sum, r) => sum + r.microsoft_take_new - r.microsoft_take_old, 0),
  };
}

/** Reads "$1,234B", "$494M", "−$3.2B", "20%" back into a number ($B or %). */
export function parseShown(text) {
  const negative = /^[−-]/.test(text);
  const digits = Number(text.replace(/[−\-$,%BM\s]/g, ''));
  const value = text.includes('M') ? digits / 1000 : digits;
  return negative ? -value : value;
}

export function close(actual, expected, relative = 1e-9) {
  return Math.abs(actual - expected) <= relative * Math.max(1, Math.abs(expected));
}

/** The page's live sentence for a scenario, as the model writes it (`ledger`'s `sentence:` line). */
export function sentenceOf(query = '') {
  const run = spawnSync(LEDGER, [query], { encoding: 'utf8' });
  const line = run.stderr.split('\n').find((l) => l.startsWith('sentence: '));
  if (run.status !== 0 || !line) throw new Error(`ledger printed no sentence: ${run.stderr}`);
  return line.slice('sentence: '.length);
}

/** The year the cap is reached for a scenario (`ledger`'s `cap_year:` line), or null for none. */
export function capYearOf(query = '') {
  const run = spawnSync(LEDGER, [query], { encoding: 'utf8' });
  const line = run.stderr.split('\n').find((l) => l.startsWith('cap_year: '));
  if (run.status !== 0 || !line) throw new Error(`ledger printed no cap year: ${run.stderr}`);
  const year = line.slice('cap_year: '.length);
  return year === 'none' ? null : Number(year);
}
