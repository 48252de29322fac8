// End-to-end: the first view painted before the wasm arrives (`xtask prerender`, which
// `make dist` runs). It is run here on a copy of dist/, served under the quality gates' strict
// policy.
// What a reader sees: without JavaScript, the default scenario's sentence and four charts with
// a note that the controls need it; with it, the app taking over the same boxes with no layout
// shift, and no static piece left behind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chartsDrawn, launch, prerenderedCopy, recordViolations, strictPolicy, watchedPage } from './browser.mjs';
import { sentenceOf } from './model.mjs';
import { startServer } from './server.mjs';

const TEMP = mkdtempSync(join(tmpdir(), 'deal-prerender-'));
const SITE = join(TEMP, 'site');
const site = {};


before(async () => {
  prerenderedCopy(SITE);
  site.server = await startServer({ root: SITE, headers: { 'content-security-policy': strictPolicy(SITE).policy } });
  site.browser = await launch();
});

after(async () => {
  await site.browser?.close();
  await site.server?.close();
  rmSync(TEMP, { recursive: true, force: true });
});

const squash = (text) => text.replace(/\s+/g, ' ').trim();

/** Records every layout shift of the context's pages in `window.__shifts`, with the nodes that
 * moved, from the first paint on. */
const recordShifts = (context) => context.addInitScript(() => {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.__shifts.push({ value: entry.value, sources: entry.sources.map((s) => s.node?.outerHTML?.slice(0, 80)) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
});

/** Two animation frames: after them the observers have heard of what the first one painted. */
const twoFrames = (page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

test('without JavaScript the page shows the default scenario: its sentence, four charts, and why the controls are still', async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  await recordViolations(context);
  const { page, problems, requests } = await watchedPage(context);
  await page.goto(site.server.url);
  assert.equal(squash(await page.textContent('[data-summary]')), squash(sentenceOf('')));
  const charts = await page.$$eval('svg.chart', (svgs) =>
    svgs.map((svg) => {
      const box = svg.getBoundingClientRect();
      return { chart: svg.dataset.chart, width: box.width, height: box.height, texts: svg.querySelectorAll('text').length };
    }),
  );
  assert.deepEqual(charts.map((c) => c.chart), ['revenue', 'cap', 'take', 'traded']);
  for (const chart of charts) {
    assert.ok(chart.width > 300 && Math.abs(chart.height - chart.width * 9 / 16) < 2, `${chart.chart}: ${chart.width}x${chart.height}`);
    assert.ok(chart.texts > 10, `${chart.chart} has its labels`);
  }
  // Painted in the theme's colours: the stylesheet resolves the chart's classes.
  const stroke = await page.$eval('svg.chart[data-chart="cap"] path.Sm', (path) => getComputedStyle(path).stroke);
  assert.equal(stroke, 'rgb(11, 92, 173)');
  assert.ok(await page.isVisible('.static-badge'), 'the view says whose numbers these are');
  assert.match(await page.textContent('noscript'), /default scenario's.*JavaScript/s);
  assert.equal(await page.$$eval('main input:not([disabled]), main button:not([disabled])', (els) => els.length), 0);
  // With scripts off, Chromium cancels the glue's module preload itself (reported as "csp").
  assert.deepEqual(problems.filter((p) => !/request failed: .*\/deal-explorer-[0-9a-f]+\.js csp$/.test(p)), []);
  assert.ok(requests.every((url) => url.startsWith(site.server.url)), requests.join('\n'));
  await context.close();
});

test('the badge that names the default scenario is in view and on top, on a phone and a laptop', async () => {
  for (const viewport of [{ width: 390, height: 844 }, { width: 360, height: 640 }, { width: 1280, height: 800 }]) {
    const context = await site.browser.newContext({ viewport, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(site.server.url);
    const badge = await page.$eval('.static-badge', (el) => {
      const box = el.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      const chart = el.closest('figure').querySelector('svg.chart').getBoundingClientRect();
      return {
        onTop: el.contains(hit),
        inView: box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth,
        // One line, inside the chart's title row (the top tenth of the picture).
        height: box.height,
        fontSize: parseFloat(getComputedStyle(el).fontSize),
        overChart: box.top >= chart.top - 1 && box.bottom <= chart.top + chart.height / 10 + 12,
      };
    });
    const at = `${viewport.width}x${viewport.height}`;
    assert.ok(badge.onTop, `${at}: nothing covers the badge`);
    assert.ok(badge.inView, `${at}: the badge is in the first screen`);
    assert.ok(badge.height < badge.fontSize * 2.2, `${at}: one line (${badge.height} px)`);
    assert.ok(badge.overChart, `${at}: over the first chart's title row`);
    await context.close();
  }
});

test('a page painted before all of it has arrived lays out what it has as the whole page does', async () => {
  // The page's HTML in two parts, a pause between them, as a slow network hands it over: the
  // browser paints the first part, and nothing in it may move when the rest arrives (the
  // charts sat 8 px lower while a rule on :only-child could not match yet). The wasm is held.
  const html = readFileSync(join(SITE, 'index.html'));
  let cut = 0;
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    if (path.endsWith('.wasm')) return;
    if (path.endsWith('/')) {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.write(html.subarray(0, cut));
      setTimeout(() => response.end(html.subarray(cut)), 500);
      return;
    }
    try {
      const body = readFileSync(join(SITE, path));
      response.writeHead(200, { 'content-type': path.endsWith('.css') ? 'text/css' : 'text/javascript' });
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  const text = html.toString('latin1');
  const app = text.indexOf('id="app"');
  const after = (mark, from = app) => text.indexOf(mark, from);
  // Inside the first and the second chart (before their end tags), inside the sliders (a
  // number parsed without its reset button, a head without its track), before the section
  // headings, and between later parts. Wherever it falls, the part shown first is laid out as
  // in the whole page: no layout shift once the rest has come (one came in 4 of 10 loads on a
  // slowed CPU, while the browser painted the sliders half-parsed).
  const cuts = [
    after('class="slider-reset"'), after('class="slider-track"'), after('class="slider-help"'),
    after('</svg>'), after('</svg>', after('</svg>') + 1),
    ...['data-summary', '<h2', '<h3', 'data-chart-figure="take"', 'id="pins"', '</main>'].map((mark) => after(mark)),
  ];
  assert.ok(cuts.every((at) => at > app), `every mark is in the page: ${cuts}`);
  const where = () => Array.from(document.querySelectorAll('.controls, .slider, .slider-head > *, .chart-figure, svg.chart, .summary, .static-badge, .section-heading'))
    .map((el) => `${el.className.baseVal ?? el.className} ${el.dataset.chart ?? el.dataset.chartFigure ?? ''} ${el.getBoundingClientRect().x.toFixed(1)},${el.getBoundingClientRect().y.toFixed(1)}`);
  try {
    for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
      for (const at of cuts) {
        cut = at;
        const context = await site.browser.newContext({ viewport });
        await recordShifts(context);
        const page = await context.newPage();
        await page.goto(`http://127.0.0.1:${server.address().port}/`, { waitUntil: 'commit' });
        // What the first paint showed (with the whole page, if the page holds its first
        // paint until it has it all).
        await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
        await twoFrames(page);
        const early = await page.evaluate(where);
        await page.waitForSelector('#loading', { state: 'attached' });
        await twoFrames(page);
        const late = await page.evaluate(where);
        assert.deepEqual(late.slice(0, early.length), early, `${viewport.width} px, cut at ${at}`);
        assert.deepEqual(await page.evaluate(() => window.__shifts), [], `${viewport.width} px, cut at ${at}: no layout shift`);
        await context.close();
      }
    }
  } finally {
    server.close();
  }
});

test('dark mode reaches the static charts before any script runs', async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false, colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(site.server.url);
  const stroke = await page.$eval('svg.chart[data-chart="cap"] path.Sm', (path) => getComputedStyle(path).stroke);
  assert.equal(stroke, 'rgb(88, 166, 255)');
  await context.close();
});

for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
  test(`at ${viewport.width} px the app takes over the static view with no layout shift`, async () => {
    const context = await site.browser.newContext({ viewport });
    await recordViolations(context);
    await recordShifts(context);
    const { page, problems } = await watchedPage(context);
    await page.goto(site.server.url);
    await chartsDrawn(page);
    await page.waitForFunction(() => document.querySelectorAll('canvas.chart[data-drawn="true"]').length === 4);
    // Two frames, for the observer to hear of any shift the takeover caused.
    await twoFrames(page);
    const shifts = await page.evaluate(() => window.__shifts);
    assert.deepEqual(shifts, [], 'no layout shift');
    assert.equal(await page.$$eval('[data-prerendered], .static-badge', (els) => els.length), 0, 'nothing static is left');
    assert.equal(squash(await page.textContent('[data-summary]')), squash(sentenceOf('')));
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("a link's own scenario replaces the default view once the app has it", async () => {
  const context = await site.browser.newContext();
  const { page, problems } = await watchedPage(context);
  await page.goto(`${site.server.url}?r30=280&g=20`);
  await chartsDrawn(page);
  assert.equal(squash(await page.textContent('[data-summary]')), squash(sentenceOf('r30=280&g=20')));
  assert.equal(await page.inputValue('#input-r30'), '280');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an embed shows its loading line, not the full page’s static workbench, until the app starts', async () => {
  const context = await site.browser.newContext({ viewport: { width: 600, height: 700 } });
  await recordViolations(context);
  const { page, problems } = await watchedPage(context);
  let release;
  const held = new Promise((done) => { release = done; });
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  const visible = (selector) => page.locator(selector).first().isVisible();
  await page.goto(`${site.server.url}?embed=1`, { waitUntil: 'domcontentloaded' });
  assert.equal(await visible('.workbench[data-prerendered]'), false, 'the static workbench waits');
  assert.equal(await visible('#loading'), true, 'the loading line shows');
  assert.equal(await visible('.masthead'), false);
  await page.goto(site.server.url, { waitUntil: 'domcontentloaded' });
  assert.equal(await visible('.workbench[data-prerendered]'), true, 'the full page shows it');
  assert.equal(await visible('#loading'), false, 'and its badge, not the loading line');
  release();
  await page.goto(`${site.server.url}?embed=1`);
  await page.waitForSelector('.embed canvas.chart[data-drawn="true"]');
  assert.equal(await page.$$eval('[data-prerendered], #loading', (els) => els.length), 0, 'nothing static is left');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems.filter((p) => !/net::ERR_ABORTED|request failed/.test(p)), []);
  await context.close();
});

test('each chart is drawn once unseen while the page is built, so its first draw in the page measures almost no text', async () => {
  // The first draw of a chart compiled the drawing code and measured every label, one of the
  // load's longest tasks on a slow phone. A rehearsal as SVG, in a task of its own while the
  // canvas waits outside the page, does both; the labels' sizes stay cached.
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
    const context = await site.browser.newContext({ viewport, deviceScaleFactor: 2 });
    try {
      const { page } = await watchedPage(context);
      await page.addInitScript(() => {
        window.__measured = { unseen: 0, page: 0 };
        const measure = CanvasRenderingContext2D.prototype.measureText;
        CanvasRenderingContext2D.prototype.measureText = function (text) {
          window.__measured[this.canvas.isConnected ? 'page' : 'unseen'] += 1;
          return measure.call(this, text);
        };
      });
      await page.goto(site.server.url);
      await chartsDrawn(page);
      const { unseen, page: inPage } = await page.evaluate(() => window.__measured);
      assert.ok(unseen >= 40, `${viewport.width} px: ${unseen} labels measured before the charts were in the page`);
      assert.ok(inPage * 4 <= unseen, `${viewport.width} px: ${inPage} measured by the first draws, ${unseen} before`);
    } finally {
      await context.close();
    }
  }
});

test('during the takeover no frame shows an empty chart: each picture stays until its canvas is drawn', async () => {
  for (const [query, kept] of [['', true], ['?r30=280', false]]) {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await watchedPage(context);
    // Every animation frame from the start: the charts that show nothing, once the app has
    // replaced the static view (its canvases are in the page).
    await context.addInitScript(() => {
      window.__blank = [];
      window.__misplaced = [];
      window.__laid = 0;
      const watch = () => {
        for (const host of document.querySelectorAll('main .chart-host')) {
          const canvas = host.querySelector('canvas.chart');
          if (!canvas) continue;
          const picture = host.querySelector('svg.chart[data-prerendered]');
          if (picture) {
            window.__laid += 1;
            // Over the canvas, in its very box.
            const [a, b] = [picture.getBoundingClientRect(), canvas.getBoundingClientRect()];
            const off = Math.max(...['x', 'y', 'width', 'height'].map((k) => Math.abs(a[k] - b[k])));
            if (off > 1) window.__misplaced.push(`${canvas.dataset.chart}: ${off}px`);
          }
          if (!picture && canvas.dataset.drawn !== 'true') window.__blank.push(canvas.dataset.chart);
        }
        if (document.querySelectorAll('canvas.chart[data-drawn="true"]').length < 4) requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
    });
    // A slow phone's CPU, so that frames come between the start and each chart's first draw.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(`${site.server.url}${query}`);
    await chartsDrawn(page);
    await page.waitForFunction(() => document.querySelectorAll('canvas.chart[data-drawn="true"]').length === 4);
    const { blank, laid, misplaced } = await page.evaluate(() => ({ blank: window.__blank, laid: window.__laid, misplaced: window.__misplaced }));
    if (kept) {
      assert.deepEqual(blank, [], 'a frame showed an empty chart');
      assert.deepEqual(misplaced, [], 'a picture off its canvas');
      assert.ok(laid > 0, 'the pictures were seen over the canvases');
    } else {
      // Another scenario's link: the default pictures must not stand in for its charts.
      assert.equal(laid, 0, 'a default picture over another scenario');
    }
    assert.equal(await page.$$eval('[data-prerendered]', (els) => els.length), 0, 'nothing static is left');
    assert.deepEqual(problems, []);
    await context.close();
  }
});
