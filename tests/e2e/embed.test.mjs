// End-to-end: shared links, the address bar and history, embed mode, and a host page on
// another origin embedding the explorer in a sandboxed iframe with embed.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { openExplorer, useSite, watchedPage } from './browser.mjs';
import { close, headline, ledgerRows } from './model.mjs';

// A sandboxed frame has an opaque origin, so its module script and wasm are cross-origin
// requests: the static host must allow them (the single-file build of issue 8 will not need this).
const site = useSite({ headers: { 'access-control-allow-origin': '*' } });

const open = (query = '', options = {}) => openExplorer(site, query, options);

const search = (page) => new URL(page.url()).search;

test('a scenario link reproduces the scenario: inputs, readouts and address', async () => {
  const { context, page, problems } = await open('?v=1&r30=280&cap=50&year=2029');
  assert.equal(await page.inputValue('#number-r30'), '280');
  assert.equal(await page.inputValue('#number-cap'), '50');
  assert.equal(await page.inputValue('#number-year'), '2029');
  const rows = ledgerRows('r30=280&cap=50');
  const total = Number(await page.getAttribute('[data-readout="total_new"]', 'data-value'));
  assert.ok(close(total, headline(rows).total_new));
  assert.equal(search(page), '?v=1&r30=280&cap=50&year=2029');
  assert.equal(await page.locator('.notice-bar').count(), 0, 'a clean link raises no notice');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a damaged link is read leniently, says what it changed, and the notice can be dismissed', async () => {
  const { context, page, problems } = await open('?cap=900&r30=abc&utm_source=blog&theme=sepia');
  assert.equal(await page.inputValue('#number-cap'), '200');
  assert.equal(await page.inputValue('#number-r30'), '200');
  const notices = await page.$$eval('.notice-bar li', (items) => items.map((li) => li.textContent));
  assert.deepEqual(notices, [
    'cap=900 is above the maximum; using $200B.',
    'r30=abc is not a number; using the default $200B.',
    'utm_source=blog is not a setting of this explorer; ignored.',
    'theme=sepia is not light, dark or auto; following your system.',
  ]);
  assert.equal(search(page), '?v=1&cap=200', 'the address shows what is in force');
  await page.click('.notice-dismiss');
  assert.equal(await page.locator('.notice-bar').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a drag updates the address and adds one history entry; back and forward restore', async () => {
  const { context, page, problems } = await open();
  const before = await page.evaluate(() => history.length);
  const slider = page.locator('#input-r30');
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.31, y);
  await page.mouse.down();
  for (let step = 1; step <= 12; step += 1) await page.mouse.move(box.x + box.width * (0.31 + step * 0.03), y);
  await page.mouse.up();
  const dragged = await page.inputValue('#number-r30');
  assert.notEqual(dragged, '200');
  assert.equal(search(page), `?v=1&r30=${dragged}`);
  assert.equal(await page.evaluate(() => history.length), before + 1, 'one entry for the whole drag');

  await page.fill('#number-cap', '60');
  await page.press('#number-cap', 'Enter');
  assert.equal(search(page), `?v=1&r30=${dragged}&cap=60`);
  assert.equal(await page.evaluate(() => history.length), before + 2);

  await page.goBack();
  await page.waitForFunction(() => document.querySelector('#number-cap').value === '38');
  assert.equal(await page.inputValue('#number-r30'), dragged);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('#number-r30').value === '200');
  assert.equal(search(page), '');
  await page.goForward();
  await page.waitForFunction((v) => document.querySelector('#number-r30').value === v, dragged);
  assert.equal(await page.evaluate(() => history.length), before + 2, 'going back and forth adds nothing');
  assert.deepEqual(problems, []);
  await context.close();
});

test('embed mode is compact, fits 320 to 800 px, and links to the full explorer with the scenario', async () => {
  for (const width of [320, 480, 800]) {
    const { context, page, problems } = await open('?embed=1&r30=280', { viewport: { width, height: 900 } });
    assert.equal(await page.isVisible('.masthead'), false, 'no masthead in a blog column');
    assert.equal(await page.locator('#assumptions').count(), 0);
    for (const key of ['r30', 'cap', 'year']) assert.ok(await page.isVisible(`#input-${key}`));
    assert.equal(await page.locator('canvas.chart').count(), 1, 'one chart, with a switcher for the others');
    assert.equal(await page.locator('[data-chart-tab]').count(), 4);
    assert.ok(await page.isVisible('[data-summary]'));
    assert.equal(await page.isVisible('#methodology'), false, 'the method and sources stay in the full explorer');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, `sideways scroll at ${width}px`);
    const full = new URL(await page.getAttribute('.open-full a', 'href'));
    assert.equal(full.pathname, '/tools/deal/');
    assert.equal(full.search, '?v=1&r30=280');
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('before the wasm has arrived an embed shows its loading line, neither the masthead nor the method; the full page shows them and its static workbench', async () => {
  const context = await site.browser.newContext({ viewport: { width: 600, height: 700 } });
  try {
    const page = await context.newPage();
    // The wasm is held back: what shows is what the page paints before the app starts.
    let release;
    const held = new Promise((done) => { release = done; });
    await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
    const visible = (selector) => page.locator(selector).first().isVisible();
    for (const [query, embedded] of [['?v=1&cap=50&embed=1', true], ['?v=1&cap=50', false], ['?v=1&embed=0', false], ['?embed=true', true], ['?theme=dark&embed=yes', true], ['?embed=yes2', false]]) {
      await page.goto(`${site.server.url}${query}`, { waitUntil: 'domcontentloaded' });
      assert.equal(await page.locator('canvas.chart').count(), 0, `${query}: the app has not started`);
      assert.equal(await visible('.masthead'), !embedded, `${query}: the masthead`);
      assert.equal(await visible('#methodology'), !embedded, `${query}: the method and sources`);
      // The prerendered workbench is the full page's layout; an embed's compact one differs.
      assert.equal(await visible('#loading'), embedded, `${query}: the loading line`);
      assert.equal(await visible('.workbench[data-prerendered]'), !embedded, `${query}: the static workbench`);
    }
    release();
    await page.goto(`${site.server.url}?v=1&embed=1`);
    await page.waitForSelector('.embed canvas.chart[data-drawn="true"]');
    assert.equal(await visible('.masthead'), false, 'and once the app has started');
  } finally {
    await context.close();
  }
});

test('the theme follows ?theme= over the system setting', async () => {
  const { context, page } = await open('?theme=dark', { colorScheme: 'light' });
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(13, 17, 23)');
  const corner = await page.$eval('canvas.chart', (c) => Array.from(c.getContext('2d').getImageData(1, 1, 1, 1).data));
  assert.ok(corner[0] < 60, `chart background ${corner}`);
  await context.close();
  const light = await open('?theme=light', { colorScheme: 'dark' });
  assert.equal(await light.page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
  await light.context.close();
});

test('a host page on another origin embeds it sandboxed: height messages, embed.js sizing, theme by message', async () => {
  const frameUrl = `${site.server.url}?embed=1&r30=280`;
  const hostPage = `<!doctype html><html><head><meta charset="utf-8"><title>A blog</title></head><body>
    <h1>My post</h1>
    <iframe id="explorer" sandbox="allow-scripts" src="${frameUrl}" title="Deal explorer" style="width:100%;max-width:640px;height:200px;border:0"></iframe>
    <script>window.heights = []; addEventListener('message', (e) => { if (e.data && e.data.type === 'deal-explorer:height') heights.push(e.data.height); });</script>
    <script src="${site.server.url}embed.js"></script>
  </body></html>`;
  const host = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(hostPage));
  await new Promise((ok) => host.listen(0, '127.0.0.1', ok));
  const hostUrl = `http://127.0.0.1:${host.address().port}/post.html`;
  const context = await site.browser.newContext({ viewport: { width: 900, height: 900 }, colorScheme: 'light' });
  try {
    const { page, problems } = await watchedPage(context);
    await page.goto(hostUrl);
    const frame = page.frameLocator('#explorer');
    await frame.locator('canvas.chart[data-drawn="true"]').first().waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => window.heights.length > 0);
    await page.waitForFunction(() => {
      const frameEl = document.getElementById('explorer');
      return parseInt(frameEl.style.height, 10) === Math.max(120, Math.ceil(window.heights.at(-1)));
    });
    const height = await page.$eval('#explorer', (f) => parseInt(f.style.height, 10));
    assert.ok(height > 600, `embed.js grew the frame to its content (${height}px)`);

    await page.evaluate(() => window.DealExplorer.setTheme('dark'));
    await frame.locator('html[data-theme="dark"]').waitFor({ timeout: 5_000 });
    const background = await frame.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(background, 'rgb(13, 17, 23)');
    await page.evaluate(() => window.DealExplorer.setTheme('light'));
    await frame.locator('html[data-theme="light"]').waitFor({ timeout: 5_000 });

    // The frame still responds: move a slider with the keyboard inside it.
    await frame.locator('#input-cap').focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await frame.locator('#number-cap').inputValue(), '39');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await new Promise((ok) => host.close(ok));
  }
});
