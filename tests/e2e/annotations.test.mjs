// End-to-end: the charts label their own turning points (cap year, end of payments, the year
// Microsoft starts to take less), the labels follow the sliders, and a phone gets them too.
// The years expected come from the native model's rows, worked out here as the spec defines
// them, not from the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_HOOKS_DIST, openExplorer, useSite } from './browser.mjs';
import { ledgerRows } from './model.mjs';

// The placed labels are a test hook (`data-labels`), in the test build only.
const site = useSite({ root: TEST_HOOKS_DIST });
const NOISE = 1e-9;

/** The turning points of a scenario, from the model's CSV rows. */
function turningPoints(query) {
  const rows = ledgerRows(query);
  const last = (column) => rows.findLast((r) => Math.abs(r[column]) > NOISE)?.year;
  return {
    lastNew: last('share_new'),
    lastOld: last('share_old'),
    falls: rows.find((r) => r.microsoft_take_new < r.microsoft_take_old - NOISE)?.year,
  };
}

/** The labels a chart placed, as the canvas reports them once drawn. */
async function labels(page, chart) {
  const value = await page.getAttribute(`canvas[data-chart="${chart}"]`, 'data-labels');
  return value ? value.split('\n') : [];
}

/** Waits until a chart's labels satisfy `ok` (a redraw happens on the next frame). */
async function labelsBecome(page, chart, ok) {
  let seen = [];
  for (let i = 0; i < 50; i += 1) {
    seen = await labels(page, chart);
    if (ok(seen)) return seen;
    await page.waitForTimeout(40);
  }
  assert.fail(`${chart} labels never matched: ${JSON.stringify(seen)}`);
}

const says = (list, ...parts) => list.some((text) => parts.every((part) => text.includes(part)));

test('each chart labels the turning points the model reports', async () => {
  // Wide enough for each label's long form beside the controls column.
  const { context, page, problems } = await openExplorer(site, '', { viewport: { width: 1280, height: 800 } });
  const points = turningPoints('');
  const capYear = await page.textContent('[data-readout="cap_year"]');
  assert.ok(says(await labels(page, 'cap'), 'cap reached in', capYear), await labels(page, 'cap'));
  const revenue = await labels(page, 'revenue');
  assert.ok(says(revenue, 'new terms', String(points.lastNew)), JSON.stringify(revenue));
  assert.ok(says(revenue, 'old terms', String(points.lastOld)), JSON.stringify(revenue));
  assert.ok(says(await labels(page, 'take'), `from ${points.falls}`, 'Microsoft takes less'));
  // The text alternative tells the same.
  const alt = await page.getAttribute('canvas[data-chart="take"]', 'aria-label');
  assert.ok(alt.includes(`From ${points.falls}, Microsoft takes less`), alt);
  assert.deepEqual(problems, []);
  await context.close();
});

test('labels move with the sliders', async () => {
  const { context, page, problems } = await openExplorer(site);
  await page.fill('#number-cap', '10');
  await page.press('#number-cap', 'Enter');
  const points = turningPoints('cap=10');
  // The cap of $10B is used up in the year of the last payment.
  const cap = await labelsBecome(page, 'cap', (list) => says(list, 'cap', String(points.lastNew)));
  assert.equal(await page.textContent('[data-readout="cap_year"]'), String(points.lastNew));
  assert.ok(!says(cap, '2029'), JSON.stringify(cap));
  await labelsBecome(page, 'revenue', (list) => says(list, 'new', String(points.lastNew)));
  await labelsBecome(page, 'take', (list) => says(list, String(points.falls)));
  // A cap out of reach: no cap year to label, and both terms end together.
  await page.fill('#number-cap', '200');
  await page.press('#number-cap', 'Enter');
  await labelsBecome(page, 'cap', (list) => list.length > 0 && !says(list, 'cap reached'));
  await labelsBecome(page, 'revenue', (list) => says(list, 'both', '2030'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a 360 px phone still gets every label, shortened where needed', async () => {
  const { context, page, problems } = await openExplorer(site, '', { viewport: { width: 360, height: 740 } });
  const points = turningPoints('');
  assert.ok(says(await labels(page, 'cap'), '2029'), JSON.stringify(await labels(page, 'cap')));
  const revenue = await labels(page, 'revenue');
  assert.ok(says(revenue, String(points.lastNew)) && says(revenue, String(points.lastOld)), JSON.stringify(revenue));
  assert.ok(says(await labels(page, 'take'), String(points.falls)));
  assert.deepEqual(problems, []);
  await context.close();
});
