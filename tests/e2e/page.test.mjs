// End-to-end tests of the whole explorer page: presets, every input by keyboard, readouts and
// the data table against the model, hover, panels on a phone, screenshots for the README.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, openExplorer, useSite } from './browser.mjs';
import { close, headline, ledgerRows, parseShown } from './model.mjs';

const site = useSite();

const open = (options = {}) => openExplorer(site, '', { viewport: { width: 1100, height: 900 }, ...options });

async function readouts(page) {
  return page.$$eval('[data-readout][data-value]', (nodes) =>
    Object.fromEntries(nodes.map((n) => [n.dataset.readout, { value: Number(n.dataset.value), text: n.textContent }])),
  );
}

function assertReadoutsMatch(shown, rows, year) {
  const expected = { ...headline(rows) };
  const row = rows.find((r) => r.year === year);
  for (const key of ['revenue', 'share_new', 'share_old', 'openai_kept_new', 'microsoft_take_new', 'microsoft_take_old']) {
    expected[key] = row[key];
  }
  // What has been paid by the year shown is a figure of its own only while it differs from the
  // totals; once the payments have ended it is the total, shown once.
  const paidSoFar = Math.abs(row.cumulative_new - expected.total_new) > 1e-9 || Math.abs(row.cumulative_old - expected.total_old) > 1e-9;
  assert.equal(Boolean(shown.cumulative_new), paidSoFar, `paid so far shown: ${Boolean(shown.cumulative_new)}`);
  if (paidSoFar) Object.assign(expected, { cumulative_new: row.cumulative_new, cumulative_old: row.cumulative_old });
  for (const [key, value] of Object.entries(expected)) {
    assert.ok(shown[key], `readout ${key} is missing`);
    assert.ok(close(shown[key].value, value), `${key}: page ${shown[key].value}, model ${value}`);
    assert.ok(close(parseShown(shown[key].text), value, 0.006), `${key} reads ${shown[key].text} for ${value}`);
  }
}

test('each preset sets the readouts to the model’s values, and reset all restores the reported terms', async () => {
  const { context, page, problems } = await open();
  assertReadoutsMatch(await readouts(page), ledgerRows(''), 2030);
  const presets = { bear: 'r26=25&r30=80&g=10', bull: 'r26=30&r30=280&g=20', base: '' };
  for (const [name, query] of Object.entries(presets)) {
    await page.click(`[data-preset="${name}"]`);
    assert.equal(await page.getAttribute(`[data-preset="${name}"]`, 'aria-pressed'), 'true');
    assertReadoutsMatch(await readouts(page), ledgerRows(query), 2030);
  }
  await page.click('[data-preset="bear"]');
  await page.fill('#number-cap', '50');
  await page.press('#number-cap', 'Enter');
  await page.click('.reset-all');
  assert.equal(await page.inputValue('#number-cap'), '38');
  assert.equal(await page.inputValue('#number-r30'), '200');
  assert.equal(await page.getAttribute('.reset-all', 'aria-disabled'), 'true');
  assert.ok(await page.$eval('.reset-all', (b) => b === document.activeElement), 'the focus stayed on the button');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the keyboard alone reaches and moves every slider, assumptions included', async () => {
  const { context, page, problems } = await open();
  const ranges = await page.$$eval('input[type=range]', (all) => all.map((r) => r.id));
  const moved = new Set();
  for (let presses = 0; presses < 250 && moved.size < ranges.length; presses += 1) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      return { tag: el.tagName, id: el.id, type: el.type, open: el.parentElement?.open, max: el.max, value: el.value };
    });
    if (focus.tag === 'SUMMARY' && !focus.open) {
      await page.keyboard.press('Enter');
    } else if (focus.tag === 'INPUT' && focus.type === 'range' && !moved.has(focus.id)) {
      await page.keyboard.press(focus.value === focus.max ? 'ArrowLeft' : 'ArrowRight');
      const after = await page.inputValue(`#${focus.id}`);
      assert.notEqual(after, focus.value, `${focus.id} did not move`);
      const key = focus.id.replace('input-', '');
      // The typed field follows in the render after the input (under load, not at once).
      await page
        .waitForFunction(([id, value]) => document.getElementById(id)?.value === value, [`number-${key}`, after], { timeout: 5000 })
        .catch(() => {});
      assert.equal(await page.inputValue(`#number-${key}`), after, `the typed field of ${key} follows`);
      moved.add(focus.id);
    }
  }
  const hidden = (await page.$$eval('input[type=range]', (all) => all.map((r) => r.id))).filter((id) => !moved.has(id));
  assert.deepEqual(hidden, [], 'sliders the keyboard never reached');
  assert.ok(ranges.length >= 13, `every input of the table has a slider (${ranges.length})`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a typed value out of range in the assumptions is clamped with a visible message', async () => {
  const { context, page } = await open();
  await page.click('#assumptions > summary');
  await page.fill('#number-stake', '75');
  await page.press('#number-stake', 'Enter');
  assert.equal(await page.inputValue('#input-stake'), '49');
  assert.equal(await page.textContent('#message-stake'), 'Adjusted to 49%: the range is 0% to 49%.');
  assert.ok(await page.isVisible('#message-stake'));
  await context.close();
});

test('the data table shows the model’s figures for every year and column', async () => {
  const { context, page } = await open();
  await page.click('#data-table > summary');
  await page.click('[data-preset="bull"]');
  const rows = ledgerRows('r26=30&r30=280&g=20');
  const cells = await page.$$eval('#data-table tbody tr', (trs) =>
    trs.map((tr) => ({
      year: Number(tr.querySelector('th').textContent),
      cells: Array.from(tr.querySelectorAll('td')).map((td) => ({ column: td.dataset.column, value: Number(td.dataset.value), text: td.textContent })),
    })),
  );
  assert.deepEqual(cells.map((r) => r.year), rows.map((r) => r.year));
  for (const [i, row] of cells.entries()) {
    assert.ok(row.cells.length >= 12);
    for (const cell of row.cells) {
      const expected = rows[i][cell.column];
      assert.ok(expected !== undefined, `${cell.column} is a CSV column`);
      assert.ok(close(cell.value, expected), `${row.year} ${cell.column}: ${cell.value} vs ${expected}`);
      assert.ok(close(parseShown(cell.text), expected, 0.006), `${row.year} ${cell.column} reads ${cell.text} for ${expected}`);
    }
  }
  await context.close();
});

test('pointing at a chart shows the figures of the year under the pointer', async () => {
  const { context, page } = await open();
  const rows = ledgerRows('');
  const canvas = page.locator('[data-chart-figure="cap"] canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  // Sweep across the chart until the tooltip names 2031, then check its figures.
  let text = '';
  for (let x = box.x + box.width * 0.5; x < box.x + box.width && !text.includes('2031'); x += 4) {
    await page.mouse.move(x, box.y + box.height / 2);
    text = await page.evaluate(() => document.querySelector('[data-chart-figure="cap"] .chart-tooltip')?.textContent ?? '');
  }
  assert.match(text, /2031/);
  const row = rows.find((r) => r.year === 2031);
  const figures = await page.$$eval('[data-chart-figure="cap"] .chart-tooltip [data-value]', (n) => n.map((e) => Number(e.dataset.value)));
  assert.ok(figures.some((v) => close(v, row.cumulative_new)), `cumulative new ${row.cumulative_new} in ${figures}`);
  assert.ok(figures.some((v) => close(v, row.cumulative_old)), `cumulative old ${row.cumulative_old} in ${figures}`);
  await page.mouse.move(2, 2);
  assert.ok(await page.locator('[data-chart-figure="cap"] .chart-tooltip').isHidden(), 'the tooltip goes when the pointer leaves');
  assert.equal(await page.getAttribute('[data-chart-figure="cap"] canvas', 'data-drawn'), 'true', 'hovering keeps the drawn canvas');
  await context.close();
});

test('screenshots: light desktop, dark desktop, phones at 360 and 320 px with every panel open, none scrolling sideways', async () => {
  for (const [name, options] of [
    ['light', { colorScheme: 'light', viewport: { width: 1100, height: 1750 } }],
    ['dark', { colorScheme: 'dark', viewport: { width: 1100, height: 1750 } }],
    ['mobile', { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
    ['narrow', { viewport: { width: 320, height: 700 }, isMobile: true, hasTouch: true }],
  ]) {
    const { context, page, problems } = await open(options);
    if (name === 'mobile' || name === 'narrow') {
      for (const id of ['assumptions', 'data-table', 'methodology']) await page.click(`#${id} > summary`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, 'the phone view scrolls sideways with every panel open');
    }
    await page.screenshot({ path: join(ARTIFACTS, `page-${name}.png`), fullPage: name === 'mobile' });
    assert.deepEqual(problems, []);
    await context.close();
  }
});
