// `make bench`: sizes of what the page loads and how fast it responds, printed as a table.
// Timings are figures to read, not assertions: machines here are noisy.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { startServer } from './server.mjs';
import { DIST, chartsDrawn, launch } from './browser.mjs';

const MOVES = Number(process.env.BENCH_MOVES ?? 300);

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function sizes() {
  const rows = [];
  for (const name of (await readdir(DIST)).sort()) {
    const path = join(DIST, name);
    if (!(await stat(path)).isFile()) continue;
    const body = await readFile(path);
    rows.push({
      file: name,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return rows;
}

const files = await sizes();
console.log('## Bytes of every file in dist/');
console.log('| file | raw | gzip | brotli |\n|---|---:|---:|---:|');
for (const row of files) console.log(`| ${row.file} | ${kb(row.raw)} | ${kb(row.gzip)} | ${kb(row.brotli)} |`);
const total = files.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
console.log(`| **total** | ${kb(total.raw)} | ${kb(total.gzip)} | ${kb(total.brotli)} |`);
// The single file beside what the folder's first view loads (its page, styles, icon, glue, wasm).
const single = files.find((row) => row.file === 'deal-explorer.html');
const firstView = files.filter((row) => row.file !== 'deal-explorer.html' && row.file !== 'embed.js');
const firstViewGzip = firstView.reduce((sum, row) => sum + row.gzip, 0);
if (single) console.log(`\n- single file deal-explorer.html: ${kb(single.raw)} raw, ${kb(single.gzip)} gzip (folder's first view: ${kb(firstViewGzip)} gzip)`);

const server = await startServer({ root: DIST });
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const started = Date.now();
  await page.goto(server.url);
  await chartsDrawn(page);
  const wall = Date.now() - started;
  const firstChart = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return performance.now() - (nav?.startTime ?? 0);
  });
  console.log(`\n## Load\n- time to first complete chart after navigation: ${firstChart.toFixed(0)} ms (wall clock ${wall} ms)`);

  // Each move: set the slider, fire `input`, and time until the chart has drawn that value.
  const latencies = await page.evaluate(async (moves) => {
    const range = document.querySelector('#input-r30');
    const canvas = document.querySelector('canvas.chart');
    const frame = () => new Promise((ok) => requestAnimationFrame(ok));
    const out = [];
    const min = Number(range.min);
    const max = Number(range.max);
    const step = Number(range.step);
    for (let i = 0; i < moves; i += 1) {
      const value = min + step * ((i * 7) % Math.floor((max - min) / step));
      const before = canvas.dataset.frames;
      const t0 = performance.now();
      range.value = String(value);
      range.dispatchEvent(new Event('input', { bubbles: true }));
      let waited = 0;
      while (canvas.dataset.frames === before && waited < 60) {
        await frame();
        waited += 1;
      }
      out.push(performance.now() - t0);
    }
    return out;
  }, MOVES);
  latencies.sort((a, b) => a - b);
  console.log(`\n## Slider r30, ${MOVES} moves: input event to chart drawn`);
  console.log(`- median ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${latencies.at(-1).toFixed(1)} ms`);

  const draws = await page.evaluate(() =>
    performance.getEntriesByType('measure').filter((m) => m.name.startsWith('draw ')).map((m) => [m.name, m.duration]),
  );
  const byChart = new Map();
  for (const [name, duration] of draws) byChart.set(name, [...(byChart.get(name) ?? []), duration]);
  console.log('\n## Chart draw time (User Timing measures)');
  for (const [name, list] of byChart) {
    list.sort((a, b) => a - b);
    console.log(`- ${name}: median ${percentile(list, 50).toFixed(2)} ms, p95 ${percentile(list, 95).toFixed(2)} ms over ${list.length} draws`);
  }
  console.log(`\n## Machine\n- browser: Chromium ${browser.version()}, node ${process.version}, ${process.platform} ${process.arch}`);
} finally {
  await browser.close();
  await server.close();
}
