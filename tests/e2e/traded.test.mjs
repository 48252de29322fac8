// End-to-end: the fourth chart, what Microsoft traded. Its text alternative, labels, tooltip,
// table and CSV download are held to the model's own revenue sweep (`ledger --sweep`), worked
// out here as the spec defines it, not taken from the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { TEST_HOOKS_DIST, openExplorer, useSite } from './browser.mjs';
import { close, parseShown, sweepCsv, sweepRows } from './model.mjs';

// The draw count and the placed labels are test hooks, in the test build only.
const site = useSite({ root: TEST_HOOKS_DIST });
const CHART = 'canvas[data-chart="traded"]';
const TITLE = 'What Microsoft traded: totals 2026–2035';
/** What `money_b` rounds to: three significant digits. */
const SHOWN = 0.006;

/** The sweep's turning points for a scenario and its chosen revenue. */
function traded(query, r30, cap) {
  const rows = sweepRows(query);
  const here = rows.find((row) => row.r30 === r30);
  return {
    rows,
    here,
    bindsFrom: rows.find((row) => row.total_paid_new >= cap - 1e-9)?.r30,
    givenUp: here.total_take_old - here.total_take_new,
  };
}

/** The figures the chart's text alternative quotes, read back into numbers. */
function quoted(alt) {
  const binds = alt.match(/binds from a 2030 revenue of (\S+) and holds them/);
  const here = alt.match(
    /At the chosen 2030 revenue of (\S+), OpenAI pays (\S+) under the new terms against (\S+) under the old; .* is (\S+) against (\S+), so it (gives up|gains) (\S+)\./,
  );
  assert.ok(here, alt);
  const [, r30, paidNew, paidOld, takeNew, takeOld, verb, amount] = here;
  return {
    bindsFrom: binds ? parseShown(binds[1]) : undefined,
    r30: parseShown(r30),
    paidNew: parseShown(paidNew),
    paidOld: parseShown(paidOld),
    takeNew: parseShown(takeNew),
    takeOld: parseShown(takeOld),
    givenUp: verb === 'gains' ? -parseShown(amount) : parseShown(amount),
  };
}

function assertQuotes(alt, model) {
  const shown = quoted(alt);
  assert.equal(shown.r30, model.here.r30);
  assert.equal(shown.bindsFrom, model.bindsFrom, alt);
  for (const [figure, value] of [
    ['paidNew', model.here.total_paid_new],
    ['paidOld', model.here.total_paid_old],
    ['takeNew', model.here.total_take_new],
    ['takeOld', model.here.total_take_old],
    ['givenUp', model.givenUp],
  ]) {
    assert.ok(close(shown[figure], value, SHOWN), `${figure}: ${shown[figure]} vs ${value} in ${alt}`);
  }
}

const labels = async (page) => (await page.getAttribute(CHART, 'data-labels'))?.split('\n') ?? [];

/** Clicks a download button and returns the file's suggested name and bytes. */
async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

test('the fourth chart is named, drawn and described with the figures of the model’s sweep', async () => {
  const { context, page, problems } = await openExplorer(site);
  const charts = await page.$$eval('canvas.chart', (all) => all.map((c) => c.dataset.chart));
  assert.deepEqual(charts, ['revenue', 'cap', 'take', 'traded'], 'after the other three');
  await page.waitForSelector(`${CHART}[data-drawn="true"]`);
  const alt = await page.getAttribute(CHART, 'aria-label');
  assert.ok(alt.startsWith(`${TITLE}. Across OpenAI 2030 revenues from $20B to $600B`), alt);
  const model = traded('', 200, 38);
  assertQuotes(alt, model);
  // The labels say the same: where the cap binds, and what Microsoft gives up here.
  const shown = await labels(page);
  assert.ok(shown.some((text) => text.startsWith('cap binds from ') && close(parseShown(text.split(' ')[3]), model.bindsFrom, SHOWN)), JSON.stringify(shown));
  const trade = shown.find((text) => text.includes('gives up'));
  assert.ok(trade && close(parseShown(trade.split('gives up ')[1]), model.givenUp, SHOWN), JSON.stringify(shown));
  assert.deepEqual(problems, []);
  await context.close();
});

test('moving the 2030 revenue slider moves the chart’s mark, labels and description', async () => {
  // Wide enough for the labels' long forms beside the controls column.
  const { context, page, problems } = await openExplorer(site, '', { viewport: { width: 1280, height: 800 } });
  const before = await page.getAttribute(CHART, 'aria-label');
  const frames = Number(await page.getAttribute(CHART, 'data-frames'));
  await page.focus('#input-r30');
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight');
  // The number follows the reducer's render, a task after the key: wait for it, then read it.
  await page.waitForFunction(() => document.querySelector('#number-r30').value === '220');
  await page.waitForFunction(([sel, n]) => Number(document.querySelector(sel).dataset.frames) > n, [CHART, frames]);
  await page.waitForFunction((sel) => document.querySelector(sel).dataset.labels.includes('at $220B'), CHART);
  const after = await page.getAttribute(CHART, 'aria-label');
  assert.notEqual(after, before);
  assertQuotes(after, traded('r30=220', 220, 38));
  // The sweep itself does not follow r30: where the cap binds stays put.
  assert.equal(quoted(after).bindsFrom, quoted(before).bindsFrom);
  // Another cap moves where it binds.
  await page.fill('#number-cap', '60');
  await page.press('#number-cap', 'Enter');
  await page.waitForFunction((sel) => !document.querySelector(sel).getAttribute('aria-label').includes('the $38B cap'), CHART);
  assertQuotes(await page.getAttribute(CHART, 'aria-label'), traded('r30=220&cap=60', 220, 60));
  assert.deepEqual(problems, []);
  await context.close();
});

test('pointing at the chart names the nearest swept revenue and its four totals', async () => {
  const { context, page, problems } = await openExplorer(site);
  const rows = sweepRows('');
  const canvas = page.locator(CHART);
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const tooltip = '[data-chart-figure="traded"] .chart-tooltip';
  let heading = '';
  for (let x = box.x + box.width * 0.3; x < box.x + box.width && !/\$300B$/.test(heading); x += 2) {
    await page.mouse.move(x, box.y + box.height / 2);
    heading = await page.evaluate((sel) => document.querySelector(sel)?.querySelector('strong')?.textContent ?? '', tooltip);
  }
  assert.equal(heading, '2030 revenue $300B');
  const row = rows.find((r) => r.r30 === 300);
  const figures = await page.$$eval(`${tooltip} [data-value]`, (n) => n.map((e) => Number(e.dataset.value)));
  assert.deepEqual(figures, [row.total_paid_new, row.total_paid_old, row.total_take_new, row.total_take_old]);
  await page.mouse.move(2, 2);
  assert.ok(await page.locator(tooltip).isHidden());
  assert.deepEqual(problems, []);
  await context.close();
});

test('the sweep downloads as the ledger command’s CSV, and its table shows the model’s totals', async () => {
  const { context, page, problems } = await openExplorer(site, '?v=1&cap=50');
  const expected = Buffer.from(sweepCsv('cap=50'), 'utf8');
  await page.click('#share > summary');
  const shared = await download(page, '[data-download="sweep-csv"]');
  assert.equal(shared.name, 'deal-explorer-cap-50-sweep.csv');
  // The same CSV as the native command's, cell for cell. Not byte for byte: the wasm's `powf`
  // and the host's can differ in the last bit, which the shortest round-trip formatting shows
  // (120 pays 67.4558441227157 in one and 67.45584412271572 in the other).
  const lines = (bytes) => bytes.toString('utf8').split('\r\n');
  const [got, want] = [lines(shared.bytes), lines(expected)];
  assert.equal(got.length, want.length);
  assert.equal(got[0], want[0], 'the header');
  for (const [i, line] of got.entries()) {
    const cells = line.split(',');
    assert.equal(cells.length, want[i].split(',').length, line);
    for (const [k, cell] of cells.entries()) {
      if (i > 0) assert.ok(close(Number(cell), Number(want[i].split(',')[k]), 1e-12), `${line} vs ${want[i]}`);
    }
  }
  await page.click('#sweep-table > summary');
  // The table's cells are the model's, and the chosen revenue's row is marked.
  const rows = sweepRows('cap=50');
  const cells = await page.$$eval('#sweep-table tbody tr', (trs) => trs.map((tr) => ({
    head: tr.querySelector('th').textContent,
    current: tr.getAttribute('aria-current'),
    cells: Array.from(tr.querySelectorAll('td')).map((td) => ({ column: td.dataset.column, value: Number(td.dataset.value) })),
  })));
  for (const row of cells) row.r30 = parseShown(row.head.split(' ')[0]);
  assert.ok(cells.length >= 12, `${cells.length} rows`);
  assert.deepEqual(cells.filter((row) => row.current === 'true').map((row) => row.r30), [200]);
  // Where the cap binds is marked in words.
  const bindsFrom = rows.find((r) => r.total_paid_new >= 50 - 1e-9).r30;
  assert.deepEqual(cells.filter((row) => row.head.endsWith('(cap binds)')).map((row) => row.r30), [bindsFrom]);
  for (const row of cells) {
    const model = rows.find((r) => r.r30 === row.r30);
    for (const { column, value } of row.cells) {
      const expectedValue = column === 'upside_given_up' ? model.total_take_old - model.total_take_new : model[column];
      assert.ok(close(value, expectedValue), `${row.r30} ${column}: ${value} vs ${expectedValue}`);
    }
  }
  assert.equal(await page.textContent('#share-status'), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the chart exports as SVG and PNG like the others', async () => {
  const { context, page, problems } = await openExplorer(site);
  await page.click('#share > summary');
  const svg = await download(page, '[data-download="traded-svg"]');
  assert.equal(svg.name, 'deal-explorer-traded.svg');
  const text = svg.bytes.toString('utf8');
  assert.ok(text.includes(TITLE) && text.includes('OpenAI&apos;s revenue in 2030'), text.slice(0, 200));
  const png = await download(page, '[data-download="traded-png"]');
  assert.equal(png.name, 'deal-explorer-traded.png');
  assert.equal(png.bytes.subarray(1, 4).toString('ascii'), 'PNG');
  assert.deepEqual(problems, []);
  await context.close();
});
