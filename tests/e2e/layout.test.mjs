// The reader moves a control and watches a chart answer: at every screen size a headline
// slider, focused and in view, has a whole chart in view beside it; the embed fits a blog's
// column; the sentence's numbers are inputs, by keyboard, mouse and finger, checked against the
// model; each readout figure is shown once, beside the chart it explains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, chartChangedFrom, chartPixels, openExplorer, useSite } from './browser.mjs';
import { close, ledgerRows, parseShown, sentenceOf } from './model.mjs';

const site = useSite();

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 390, height: 844, phone: true },
  { width: 360, height: 640, phone: true },
];
const HEADLINE = ['r30', 'cap', 'year'];
const search = (page) => new URL(page.url()).searchParams;

/**
 * What the reader sees with the focused element: whether it is inside the viewport, and the
 * charts wholly inside it. A chart under the stuck slider strip is not seen, so the visible
 * band starts below the strip while the strip is stuck at the top.
 */
function seen(page) {
  return page.evaluate(() => {
    const strip = document.querySelector('.workbench .controls');
    let top = 0;
    if (strip && getComputedStyle(strip).position === 'sticky') {
      const box = strip.getBoundingClientRect();
      if (box.top <= 0.5) top = box.bottom;
    }
    const inside = (box, from = 0) =>
      box.top >= from - 0.5 && box.bottom <= innerHeight + 0.5 && box.left >= -0.5 && box.right <= innerWidth + 0.5;
    const focused = document.activeElement;
    const charts = [...document.querySelectorAll('canvas.chart')]
      .filter((canvas) => inside(canvas.getBoundingClientRect(), top))
      .map((canvas) => canvas.dataset.chart);
    return {
      control: inside(focused.getBoundingClientRect()),
      focused: focused.id || focused.dataset.key,
      charts,
      scrollWidth: document.documentElement.scrollWidth,
    };
  });
}

for (const size of SIZES) {
  const name = `${size.width}x${size.height}`;
  test(`${name}: each headline slider, focused, has a whole chart in view beside it`, async () => {
    const options = { viewport: { width: size.width, height: size.height } };
    if (size.phone) Object.assign(options, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const { context, page, problems } = await openExplorer(site, '', options);
    for (const key of HEADLINE) {
      // From the top of the page, as a reader arrives.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.focus(`#input-${key}`);
      const top = await seen(page);
      assert.ok(top.control, `${name}: the ${key} slider is in view`);
      assert.ok(top.charts.length > 0, `${name}: with ${key} focused at the top no chart is wholly in view`);
      // Scrolled down to the third chart, as a reader reading it.
      await page.evaluate(() => document.querySelector('[data-chart="take"]').scrollIntoView({ block: 'center' }));
      await page.focus(`#input-${key}`);
      const down = await seen(page);
      assert.ok(down.control, `${name}: scrolled, the ${key} slider is in view`);
      assert.ok(down.charts.length > 0, `${name}: scrolled, with ${key} focused no chart is wholly in view`);
      assert.equal(down.scrollWidth, size.width, 'no sideways scrolling');
    }
    // The chart in view answers the slider.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.focus('#input-r30');
    const [chart] = (await seen(page)).charts;
    const before = await chartPixels(page, `canvas[data-chart="${chart}"]`);
    await page.keyboard.press('ArrowRight');
    await chartChangedFrom(page, before, `canvas[data-chart="${chart}"]`);
    await page.keyboard.press('ArrowLeft');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, `layout-${name}.png`) });
    await page.evaluate(() => document.querySelector('[data-chart="cap"]').scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(ARTIFACTS, `layout-${name}-scrolled.png`) });
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('320 px wide: the slider strip and the charts fit without sideways scrolling', async () => {
  const { context, page, problems } = await openExplorer(site, '', {
    viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true,
  });
  await page.focus('#input-cap');
  assert.equal((await seen(page)).scrollWidth, 320);
  assert.deepEqual(problems, []);
  await context.close();
});

const EMBED = [
  { width: 700, most: 640 },
  { width: 400, most: 760 },
];

for (const { width, most } of EMBED) {
  test(`the embed at ${width} px wide is at most ${most} px tall with any chart, and in a ${width} x 600 frame each slider has a whole chart in view`, async () => {
    for (const chart of ['revenue', 'cap', 'take', 'traded']) {
      const { context, page, problems } = await openExplorer(site, `?embed=1&chart=${chart}`, { viewport: { width, height: 600 } });
      assert.deepEqual(await page.$$eval('canvas.chart', (all) => all.map((c) => c.dataset.chart)), [chart], 'one chart, the one asked for');
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      assert.ok(height <= most, `${chart}: the embed is ${height} px tall at ${width} px wide`);
      for (const key of HEADLINE) {
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.focus(`#input-${key}`);
        const view = await seen(page);
        assert.ok(view.control && view.charts.includes(chart), `${chart}, ${key}: ${JSON.stringify(view)}`);
      }
      if (chart === 'revenue') await page.screenshot({ path: join(ARTIFACTS, `embed-${width}.png`), fullPage: true });
      assert.deepEqual(problems, []);
      await context.close();
    }
  });
}

test('the embed’s chart switcher works by keyboard and keeps the chart in the address', async () => {
  const { context, page, problems } = await openExplorer(site, '?embed=1&r30=280', { viewport: { width: 400, height: 700 } });
  assert.equal(await page.getAttribute('[data-chart-tab="revenue"]', 'aria-pressed'), 'true');
  await page.focus('[data-chart-tab="revenue"]');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.chartTab), 'cap');
  await page.keyboard.press('Enter');
  await page.waitForSelector('canvas[data-chart="cap"][data-drawn="true"]');
  assert.equal(await page.getAttribute('[data-chart-tab="cap"]', 'aria-pressed'), 'true');
  assert.equal(await page.getAttribute('[data-chart-tab="revenue"]', 'aria-pressed'), 'false');
  assert.equal(search(page).get('chart'), 'cap');
  assert.equal(search(page).get('r30'), '280', 'the scenario stays');
  assert.equal(await page.locator('canvas.chart').count(), 1);
  // The full explorer's link carries the chart too.
  assert.ok((await page.getAttribute('.open-full a', 'href')).includes('chart=cap'));
  await page.reload();
  await page.waitForSelector('canvas[data-chart="cap"][data-drawn="true"]');
  assert.equal(await page.getAttribute('[data-chart-tab="cap"]', 'aria-pressed'), 'true');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the share panel’s embed code names the chart picked for it, and that code shows it', async () => {
  const { context, page, problems } = await openExplorer(site, '?v=1&cap=50', {
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  await page.click('#share > summary');
  assert.equal(await page.inputValue('[data-embed-chart]'), 'revenue');
  await page.selectOption('[data-embed-chart]', 'take');
  await page.waitForFunction(() => location.search.includes('chart=take'));
  await page.click('[data-copy="embed"]');
  await page.waitForFunction(() => document.querySelector('#share-status')?.textContent === 'Embed code copied.');
  const code = await page.evaluate(() => navigator.clipboard.readText());
  const src = code.match(/<iframe src="([^"]+)"/)[1].replaceAll('&amp;', '&');
  const url = new URL(src);
  assert.equal(url.searchParams.get('chart'), 'take', code);
  assert.equal(url.searchParams.get('embed'), '1');
  assert.equal(url.searchParams.get('cap'), '50');
  const frame = await context.newPage();
  await frame.goto(src);
  await frame.waitForSelector('canvas[data-chart="take"][data-drawn="true"]');
  assert.equal(await frame.locator('canvas.chart').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

/** The page's live sentence, its readouts and the address, held to the model for `query`. */
async function assertMatchesModel(page, query, year = 2030) {
  const model = sentenceOf(query);
  await page.waitForFunction((text) => document.querySelector('[data-summary]').textContent === text, model, { timeout: 5_000 })
    .catch(async () => assert.equal(await page.textContent('[data-summary]'), model));
  const row = ledgerRows(query).find((r) => r.year === year);
  for (const key of ['revenue', 'share_new', 'microsoft_take_new', 'openai_kept_new']) {
    const value = Number(await page.getAttribute(`[data-readout="${key}"]`, 'data-value'));
    assert.ok(close(value, row[key]), `${key}: page ${value}, model ${row[key]}`);
    assert.ok(close(parseShown(await page.textContent(`[data-readout="${key}"]`)), row[key], 0.006));
  }
}

const number = (key) => `.scrub-number[data-key="${key}"]`;

test('the sentence’s numbers step with the keys, like the sliders, and everything follows', async () => {
  const { context, page, problems } = await openExplorer(site, '', { viewport: { width: 1280, height: 720 } });
  for (const key of ['r30', 'rate', 'cap', 'year', 'stake']) {
    const n = page.locator(number(key));
    assert.equal(await n.getAttribute('role'), 'slider');
    assert.ok((await n.getAttribute('aria-label')).length > 5, `${key} has a name`);
  }
  assert.equal(await page.getAttribute(number('r30'), 'aria-valuetext'), '$200B', 'announced with its unit');
  assert.equal(await page.getAttribute(number('rate'), 'aria-valuetext'), '20%');
  const before = await chartPixels(page, 'canvas[data-chart="revenue"]');
  await page.focus(number('r30'));
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('r30') === '205');
  assert.equal(await page.getAttribute(number('r30'), 'aria-valuenow'), '205');
  assert.equal(await page.getAttribute(number('r30'), 'aria-valuetext'), '$205B');
  assert.equal(await page.inputValue('#number-r30'), '205', 'the slider is the same input');
  await chartChangedFrom(page, before, 'canvas[data-chart="revenue"]');
  await assertMatchesModel(page, 'r30=205');
  await page.keyboard.press('Shift+ArrowRight');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('r30') === '255');
  await assertMatchesModel(page, 'r30=255');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.key), 'r30', 'focus stays on the number');
  // Screen readers hear the settled sentence.
  await page.waitForFunction(() => document.querySelector('[data-announce]').textContent === document.querySelector('[data-summary]').textContent);
  // The year too, from the sentence: the year readouts and the sentence's second half follow.
  await page.focus(number('year'));
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('year') === '2029');
  assert.equal(await page.inputValue('#number-year'), '2029');
  await assertMatchesModel(page, 'r30=255&year=2029', 2029);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the sentence’s numbers drag with a mouse', async () => {
  const { context, page, problems } = await openExplorer(site, '', { viewport: { width: 1280, height: 720 } });
  const before = await chartPixels(page, 'canvas[data-chart="cap"]');
  const box = await page.locator(number('cap')).boundingBox();
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let dx = 5; dx <= 40; dx += 5) await page.mouse.move(x + dx, y);
  assert.ok(await page.locator(`${number('cap')}.is-dragging`).count(), 'marked while dragging');
  await page.mouse.up();
  // 200 px span the cap's 200 steps: 40 px right is $40B more.
  await page.waitForFunction(() => new URL(location.href).searchParams.get('cap') === '78');
  assert.equal(await page.inputValue('#number-cap'), '78');
  await chartChangedFrom(page, before, 'canvas[data-chart="cap"]');
  await assertMatchesModel(page, 'cap=78');
  const total = Number(await page.getAttribute('[data-readout="total_new"]', 'data-value'));
  const model = ledgerRows('cap=78').reduce((sum, r) => sum + r.share_new, 0);
  assert.ok(close(total, model), `total paid ${total}, model ${model}`);
  assert.equal(await page.locator(`${number('cap')}.is-dragging`).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the sentence’s numbers drag with a finger on a phone, without scrolling the page', async () => {
  const { context, page, problems } = await openExplorer(site, '', {
    viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
  });
  await page.locator(number('year')).scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  const before = await chartPixels(page, 'canvas[data-chart="revenue"]');
  const box = await page.locator(number('year')).boundingBox();
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  const cdp = await context.newCDPSession(page);
  const touch = (type, px) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: type === 'touchEnd' ? [] : [{ x: px, y }],
  });
  await touch('touchStart', x);
  for (let dx = -5; dx >= -45; dx -= 5) await touch('touchMove', x + dx);
  await touch('touchEnd', x - 45);
  // A year is a step every 22 px: 45 px left is two years back.
  await page.waitForFunction(() => new URL(location.href).searchParams.get('year') === '2028');
  assert.equal(await page.inputValue('#number-year'), '2028');
  assert.equal(await page.evaluate(() => window.scrollY), scrolled, 'the drag did not scroll the page');
  await chartChangedFrom(page, before, 'canvas[data-chart="revenue"]');
  await assertMatchesModel(page, 'year=2028', 2028);
  assert.deepEqual(problems, []);
  await context.close();
});

test('each readout figure is shown once, grouped beside the chart it explains', async () => {
  const { context, page, problems } = await openExplorer(site, '?year=2028', { viewport: { width: 1280, height: 720 } });
  const keys = await page.$$eval('[data-readout]', (all) => all.map((n) => n.dataset.readout));
  assert.equal(new Set(keys).size, keys.length, `a figure shown twice: ${keys}`);
  const where = (key) => page.$eval(`[data-readout="${key}"]`, (n) =>
    n.closest('[data-chart-figure]')?.dataset.chartFigure ?? (n.closest('.year-readouts') ? 'year' : 'elsewhere'));
  for (const key of ['cap_year', 'total_new', 'total_old']) assert.equal(await where(key), 'cap', key);
  for (const key of ['openai_savings', 'microsoft_change']) assert.equal(await where(key), 'take', key);
  for (const key of ['revenue', 'share_new', 'share_old', 'microsoft_take_new', 'microsoft_take_old', 'openai_kept_new', 'cumulative_new', 'cumulative_old']) {
    assert.equal(await where(key), 'year', key);
  }
  // Before the payments end, what has been paid so far differs from the total: shown, and
  // equal to the model; in 2030 it is the total, shown once under the cap chart.
  const row = ledgerRows('year=2028').find((r) => r.year === 2028);
  assert.ok(close(Number(await page.getAttribute('[data-readout="cumulative_new"]', 'data-value')), row.cumulative_new));
  assert.match(await page.textContent('.year-readouts'), /Paid 2026–2028/);
  await page.fill('#number-year', '2030');
  await page.press('#number-year', 'Enter');
  await page.waitForFunction(() => !document.querySelector('[data-readout="cumulative_new"]'));
  assert.deepEqual(problems, []);
  await context.close();
});
