// End-to-end: "Pin this scenario", the comparison table against the model, pins in the
// address (reload and back), renaming with markup in the name, unpinning, and the limit of three.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, DARK_PHONE, chartPixels, chartsDrawn, openExplorer, useSite } from './browser.mjs';
import { close, headline, ledgerRows, parseShown } from './model.mjs';

const site = useSite();

const open = (query = '', options = {}) => openExplorer(site, query, { viewport: { width: 1100, height: 900 }, ...options });
const search = (page) => new URL(page.url()).search;
const pinParams = (page) => new URLSearchParams(search(page)).getAll('pin');
const CAP_CHART = 'canvas.chart[data-chart="cap"]';
const MARKUP = '<img src=x onerror=alert(1)>&"';

async function setNumber(page, key, value) {
  await page.fill(`#number-${key}`, String(value));
  await page.press(`#number-${key}`, 'Enter');
}

async function pin(page) {
  const rows = await page.locator('tr[data-compare-row]').count();
  await page.click('[data-pin-action="pin"]');
  // The live row comes with the first pin, then one row per pin.
  await page.waitForFunction((n) => document.querySelectorAll('tr[data-compare-row]').length === n, rows === 0 ? 2 : rows + 1);
}

/** The table's figures, differences and shown text, by row hook and column. */
function table(page) {
  return page.$$eval('tr[data-compare-row]', (rows) =>
    Object.fromEntries(rows.map((row) => [row.dataset.compareRow, {
      name: row.querySelector('th').textContent,
      capYear: row.querySelector('[data-compare="cap_year"] .pin-figure').textContent,
      capYearDifference: row.querySelector('[data-difference="cap_year"]')?.dataset.value,
      figures: Object.fromEntries([...row.querySelectorAll('td[data-compare][data-value]')].map((td) => [td.dataset.compare, {
        value: Number(td.dataset.value),
        text: td.querySelector('.pin-figure').textContent,
      }])),
      differences: Object.fromEntries([...row.querySelectorAll('[data-difference][data-value]')].map((d) => [d.dataset.difference, {
        value: Number(d.dataset.value),
        text: d.textContent,
      }])),
    }])),
  );
}

const KEYS = ['total_new', 'total_old', 'openai_savings', 'microsoft_change'];

/** Holds one row of the table to the model's headline for `query`, and its differences to `live`. */
function assertRowMatches(row, query, live) {
  const model = headline(ledgerRows(query));
  for (const key of KEYS) {
    assert.ok(close(row.figures[key].value, model[key]), `${query} ${key}: page ${row.figures[key].value}, model ${model[key]}`);
    assert.ok(close(parseShown(row.figures[key].text), model[key], 0.006), `${key} reads ${row.figures[key].text}`);
    if (live) {
      const difference = model[key] - live[key];
      const shown = row.differences[key];
      assert.ok(close(shown.value, difference, 1e-9), `${key} difference: page ${shown.value}, model ${difference}`);
      const text = shown.text.replace(/ vs live$/, '');
      assert.ok(Math.abs(difference) < 0.0005 || /^[+−]/.test(text), `a signed difference: ${shown.text}`);
      assert.ok(close(parseShown(text), difference, 0.006) || Math.abs(difference) < 0.0005, `${key} difference reads ${shown.text} for ${difference}`);
    } else {
      assert.deepEqual(row.differences, {}, 'the live row has no differences');
    }
  }
}

test('a pin stays while the reader moves on; the table holds it against the model; a reload reproduces table and ghosts', async () => {
  const { context, page, problems } = await open();
  assert.equal(await page.locator('table.compare').count(), 0, 'no table before a pin');
  await setNumber(page, 'cap', 50);
  const before = await chartPixels(page, CAP_CHART);
  await pin(page);
  assert.deepEqual(pinParams(page), ['1~cap:50']);

  // Move on: r30 from 200 to 220 by keyboard.
  await page.focus('#input-r30');
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight');
  // The number follows the reducer's render, a task after the key: wait for it, then read it.
  await page.waitForFunction(() => document.querySelector('#number-r30').value === '220');
  const live = headline(ledgerRows('r30=220&cap=50'));
  let shown = await table(page);
  assert.deepEqual(Object.keys(shown).sort(), ['0', 'live']);
  assert.equal(shown.live.name, 'Live scenario');
  assert.equal(shown['0'].name, 'Pin 1');
  assertRowMatches(shown.live, 'r30=220&cap=50', null);
  assertRowMatches(shown['0'], 'cap=50', live);
  // Cap years against the model: the first year cumulative payments reach the cap.
  const firstAtCap = (query) => ledgerRows(query).find((r) => r.cumulative_new >= 50 - 1e-9)?.year;
  assert.equal(shown.live.capYear, String(firstAtCap('r30=220&cap=50')));
  assert.equal(shown['0'].capYear, String(firstAtCap('cap=50')));
  assert.equal(Number(shown['0'].capYearDifference), firstAtCap('cap=50') - firstAtCap('r30=220&cap=50'));

  // The address carries the live scenario and the pin; the charts describe the ghost.
  const query = search(page);
  assert.match(query, /^\?v=1&r30=220&cap=50&pin=1~cap:50$/);
  const label = await page.getAttribute(CAP_CHART, 'aria-label');
  assert.match(label, /Pinned for comparison.*“Pin 1” pays \$50B, reaching its cap in \d{4}/);
  await page.waitForFunction(([sel, old]) => document.querySelector(sel).toDataURL('image/png') !== old, [CAP_CHART, before]);
  // The tooltip lists the pin's figure for the year under the pointer, named as in the legend.
  await page.locator(CAP_CHART).scrollIntoViewIfNeeded();
  const box = await page.locator(CAP_CHART).boundingBox();
  for (let x = box.x + box.width * 0.5; x < box.x + box.width; x += 6) {
    await page.mouse.move(x, box.y + box.height / 2);
    if (await page.locator('[data-chart-figure="cap"] .chart-tooltip').isVisible()) break;
  }
  const tip = await page.$eval('[data-chart-figure="cap"] .chart-tooltip', (el) => ({
    year: Number(el.querySelector('strong').textContent),
    figures: [...el.querySelectorAll('.figure')].map((f) => [f.querySelector('dt').textContent, Number(f.querySelector('dd').dataset.value)]),
  }));
  const pinRow = ledgerRows('cap=50').find((r) => r.year === tip.year);
  const pinFigure = tip.figures.find(([name]) => name === 'Pin 1 (pinned)');
  assert.ok(pinFigure, `the pin in the tooltip: ${JSON.stringify(tip)}`);
  assert.ok(close(pinFigure[1], pinRow.cumulative_new), `${pinFigure[1]} vs ${pinRow.cumulative_new}`);
  await page.mouse.move(2, 2);
  const withGhost = await chartPixels(page, CAP_CHART);

  // A reload (the shared link) reproduces the table and the charts pixel for pixel.
  await page.reload();
  await chartsDrawn(page);
  await page.waitForSelector('tr[data-compare-row="0"]');
  assert.deepEqual(await table(page), shown);
  assert.equal(search(page), query);
  await page.waitForFunction(([sel, expected]) => document.querySelector(sel)?.toDataURL('image/png') === expected, [CAP_CHART, withGhost], { timeout: 5_000 });

  await page.screenshot({ path: join(ARTIFACTS, 'pins.png'), fullPage: true });

  // Without the pin the charts differ: the ghost was drawn.
  await page.click('[data-pin-unpin="0"]');
  await page.waitForFunction(([sel, old]) => document.querySelector(sel).toDataURL('image/png') !== old, [CAP_CHART, withGhost]);
  assert.equal(await page.locator('table.compare').count(), 0);
  assert.deepEqual(pinParams(page), []);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'pins-heading', 'focus stays in the section');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a name with markup shows literally everywhere; unpin removes it; back restores rename and pin', async () => {
  const { context, page, problems } = await open('?r30=280');
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss();
  });
  await pin(page);
  await page.fill('#pin-name-0', MARKUP);
  await page.press('#pin-name-0', 'Enter');
  await page.waitForFunction((name) => document.querySelector('[data-pin-name="0"]')?.textContent === name, MARKUP);
  assert.equal(await page.locator('img').count(), 0, 'no element made from the name');
  assert.equal(await page.getAttribute('[data-pin-unpin="0"]', 'aria-label'), `Unpin “${MARKUP}”`);
  assert.equal(await page.getAttribute('[data-pin-load="0"]', 'aria-label'), `Load “${MARKUP}” as the live scenario`);
  assert.equal(await page.textContent('label[for="pin-name-0"]'), `Rename “${MARKUP}”`);
  assert.deepEqual(pinParams(page), [`1~r30:280~${MARKUP}`]);
  assert.ok((await page.getAttribute(CAP_CHART, 'aria-label')).includes(`“${MARKUP}”`));
  // Blur commits too, and a name that cleans to nothing keeps the old one.
  await page.fill('#pin-name-0', '   ');
  await page.locator('#pin-name-0').blur();
  assert.equal(await page.textContent('[data-pin-name="0"]'), MARKUP);

  await page.click('[data-pin-unpin="0"]');
  await page.waitForSelector('table.compare', { state: 'detached' });
  assert.deepEqual(pinParams(page), []);

  // Back: the pin returns under its new name; back again: under its first name.
  await page.goBack();
  await page.waitForFunction((name) => document.querySelector('[data-pin-name="0"]')?.textContent === name, MARKUP);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('[data-pin-name="0"]')?.textContent === 'Pin 1');
  await page.goBack();
  await page.waitForSelector('table.compare', { state: 'detached' });
  assert.equal(await page.inputValue('#number-r30'), '280', 'the scenario stays');
  assert.equal(await page.locator('img').count(), 0);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Whether a button is marked unavailable: `aria-disabled`, since a button disabled while it
 * has the focus (pressing it is what disables it) drops the reader's focus to the page. */
async function unavailable(locator) {
  return (await locator.getAttribute('aria-disabled')) === 'true';
}

test('a fourth pin is refused with a visible reason, so is the same scenario twice; load makes a pin live', async () => {
  const { context, page, problems } = await open();
  const button = page.locator('[data-pin-action="pin"]');
  // From the keyboard: the first pin brings the table and refuses this scenario again, and
  // the reader stays on the button.
  await button.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('table.compare');
  assert.ok(await unavailable(button), 'the same scenario twice');
  assert.ok(await button.evaluate((b) => b === document.activeElement), 'the focus stayed on Pin');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('tr[data-compare-row]').count(), 2, 'a refused press pins nothing');
  assert.equal(await page.textContent('[data-pin-note]'), 'This scenario is already pinned, as “Pin 1”.');
  for (const cap of [60, 70]) {
    await setNumber(page, 'cap', cap);
    await pin(page);
  }
  await setNumber(page, 'cap', 80);
  assert.ok(await unavailable(button), 'three are pinned');
  const note = await page.textContent('[data-pin-note]');
  assert.match(note, /^3 scenarios are pinned.*unpin one/);
  assert.equal(await page.getAttribute('[data-pin-action="pin"]', 'aria-describedby'), 'pin-note');
  assert.deepEqual(pinParams(page), ['1', '1~cap:60', '1~cap:70']);

  await page.click('[data-pin-load="1"]');
  await page.waitForFunction(() => document.querySelector('#number-cap').value === '60');
  assert.ok(await unavailable(page.locator('[data-pin-load="1"]')), 'the live scenario is that pin');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link with four pins keeps three and says so; a malformed pin is dropped with a notice', async () => {
  const { context, page, problems } = await open('?pin=1~cap:10&pin=1~cap:20~Two&pin=2~cap:5&pin=1~cap:30&pin=1~cap:40');
  const rows = await table(page);
  assert.deepEqual(Object.keys(rows).sort(), ['0', '1', '2', 'live']);
  assert.equal(rows['1'].name, 'Two');
  const notices = await page.$$eval('[data-notice="pin"]', (items) => items.map((li) => li.textContent));
  assert.equal(notices.length, 2, `${notices}`);
  assert.match(notices[0], /^Pinned scenario 3 .* cannot read; it was left out\.$/);
  assert.equal(notices[1], 'Pinned scenario 5 was left out: at most 3 scenarios can be pinned.');
  assert.deepEqual(problems, []);
  await context.close();
});

test('pins on a phone in dark mode: the table scrolls inside its region, the page does not; the embed draws the ghosts', async () => {
  const { context, page, problems } = await open('?cap=50&pin=1~r30:280~Bull%20case&pin=1~cap:20&pin=1~g:-5', DARK_PHONE);
  await page.waitForSelector('table.compare');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, 'the page scrolls sideways');
  const region = await page.$eval('#pins .table-scroll', (el) => ({ scrolls: el.scrollWidth > el.clientWidth, tabindex: el.tabIndex }));
  assert.deepEqual(region, { scrolls: true, tabindex: 0 });
  await page.screenshot({ path: join(ARTIFACTS, 'pins-mobile-dark.png'), fullPage: true });
  await context.close();

  const embed = await open('?embed=1&chart=cap&pin=1~r30:280~Bull%20case');
  assert.equal(await embed.page.locator('table.compare').count(), 0, 'no table in the embed');
  assert.match(await embed.page.getAttribute(CAP_CHART, 'aria-label'), /“Bull case”/);
  assert.deepEqual([...problems, ...embed.problems], []);
  await embed.context.close();
});
