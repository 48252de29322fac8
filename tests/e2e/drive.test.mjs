// End-to-end: the post drives its embed (issue #17, part 4). A host page on one origin holds
// explorer frames from another origin and `embed.js`: a click on a `data-deal-explorer` link
// sets the scenario in the frames by message, read exactly as a link with that query, and
// each frame tells the host the scenario it shows with its headline figures. Spoofed and
// malformed messages are ignored or answered with the link's notices, never a panic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { chartsDrawn, openExplorer, recordViolations, startStrictServer, useSite, watchedPage } from './browser.mjs';
import { capYearOf, close, headline, ledgerRows } from './model.mjs';

// Sandboxed frames have an opaque origin: the site must allow any origin to load its files.
const site = useSite({ headers: { 'access-control-allow-origin': '*' } });

/** Serves `html` at /post.html on an origin of its own. */
async function hostServer(html) {
  const server = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/post.html`, close: () => new Promise((ok) => server.close(ok)) };
}

/**
 * A post with two explorer frames (#explorer, #second), a frame that is not an explorer
 * (#other, same origin as the post), a link and a button that drive the explorers, and
 * `embed.js`. It records every message it receives (`raw`) and every scenario event
 * (`reports`, with the frame's id).
 */
function post(base, { frames = ['explorer', 'second'], src = `${base}?embed=1`, sandbox = 'sandbox="allow-scripts"' } = {}) {
  const iframes = frames
    .map((id) => `<iframe id="${id}" ${sandbox} src="${src}" title="Deal explorer" style="width:100%;max-width:640px;height:300px;border:0"></iframe>`)
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>A post</title></head><body>
    <h1>What the cap costs Microsoft</h1>
    <p>The explorer below shows what happens
      <a id="drive" href="${base}?r30=280&amp;cap=50" data-deal-explorer="r30=280&amp;cap=50">if revenue reaches $280B and the cap is $50B</a>.
      <button id="only-second" type="button" data-deal-explorer="cap=20" data-deal-explorer-frame="second">A $20B cap, below</button>
      <span id="echo"></span></p>
    ${iframes}
    <iframe id="other" name="other" srcdoc="<p>An advert</p>"></iframe>
    <script>
      window.raw = [];
      window.reports = [];
      addEventListener('message', (e) => raw.push(e.data));
      document.addEventListener('deal-explorer:scenario', (e) => {
        reports.push({ frame: e.target.id, ...e.detail });
        document.getElementById('echo').textContent = 'OpenAI pays $' + Math.round(e.detail.total_new) + 'B';
      });
    </script>
    <script src="${base}embed.js"></script>
  </body></html>`;
}

/** The post served, opened in a fresh watched context, each explorer frame drawn and announced. */
async function openPost(html, frames = ['explorer', 'second']) {
  const host = await hostServer(html);
  const context = await site.browser.newContext({ viewport: { width: 900, height: 900 } });
  const watched = await watchedPage(context);
  await watched.page.goto(host.url);
  for (const id of frames) {
    await watched.page.frameLocator(`#${id}`).locator('canvas.chart[data-drawn="true"]').waitFor({ timeout: 20_000 });
    // embed.js has heard its height: it is an explorer to embed.js now.
    await watched.page.waitForSelector(`#${id}[data-deal-explorer-height]`);
  }
  const frame = async (id) => (await watched.page.$(`#${id}`)).contentFrame();
  const close = async () => {
    await context.close();
    await host.close();
  };
  return { ...watched, host, context, frame, close };
}

const value = (frame, key) => frame.locator(`#number-${key}`).inputValue();
const notices = (frame) => frame.$$eval('.notice-bar li', (items) => items.map((li) => li.textContent));
const reportsOf = (page, id) => page.evaluate((frame) => reports.filter((r) => r.frame === frame), id);

/** Waits for the frame `id`'s report of `query` and returns it. */
async function reportOf(page, id, query) {
  const handle = await page.waitForFunction(
    ([frame, q]) => reports.find((r) => r.frame === frame && r.query === q),
    [id, query],
    { timeout: 10_000 },
  );
  return handle.jsonValue();
}

/** The report's figures against the model's own, from the `ledger` command. */
function assertFigures(report, query) {
  const expected = headline(ledgerRows(query));
  for (const key of ['total_new', 'total_old', 'microsoft_change']) {
    assert.ok(close(report[key], expected[key]), `${query}: ${key} ${report[key]} against ${expected[key]}`);
  }
  assert.equal(report.cap_year, capYearOf(query), `${query}: cap_year`);
}

/** The notices and the address a reader gets from opening the embed with `query` directly. */
async function linkPage(query) {
  const { context, page } = await openExplorer(site, `?${query.replace(/^\?/, '')}&embed=1`);
  try {
    return { notices: await notices(page), search: await page.evaluate(() => location.search) };
  } finally {
    await context.close();
  }
}

test('a link in the post sets its scenario in every explorer, and each tells the host its figures', async () => {
  const { page, problems, frame, host, close: done } = await openPost(post(site.server.url));
  try {
    // At start each frame tells the host the scenario it opened on.
    for (const id of ['explorer', 'second']) assertFigures(await reportOf(page, id, ''), '');

    await page.click('#drive');
    for (const id of ['explorer', 'second']) {
      const explorer = await frame(id);
      await explorer.waitForFunction(() => document.querySelector('#number-r30').value === '280');
      assert.equal(await value(explorer, 'cap'), '50');
      assert.deepEqual(await notices(explorer), [], 'a clean query raises no notice');
      assert.equal(await explorer.evaluate(() => location.search), '?v=1&r30=280&cap=50&embed=1', 'the address follows, as for any change');
      assertFigures(await reportOf(page, id, 'r30=280&cap=50'), 'r30=280&cap=50');
    }
    assert.equal(page.url(), host.url, 'the link was not followed: the frames took it');
    assert.match(await page.textContent('#echo'), /^OpenAI pays \$\d+B$/);

    // The message itself: the documented fields, typed, and nothing else.
    const message = await page.evaluate(() => raw.find((m) => m && m.type === 'deal-explorer:scenario' && m.query === 'r30=280&cap=50'));
    assert.deepEqual(Object.keys(message).sort(), ['cap_year', 'microsoft_change', 'query', 'total_new', 'total_old', 'type']);
    assert.equal(message.cap_year, 2029);

    // The button names one frame: only that one changes.
    await page.click('#only-second');
    const second = await frame('second');
    await second.waitForFunction(() => document.querySelector('#number-cap').value === '20');
    assert.equal(await value(second, 'r30'), '200', 'a query sets the whole scenario, as a link does');
    assert.equal(await value(await frame('explorer'), 'cap'), '50');
    assertFigures(await reportOf(page, 'second', 'cap=20'), 'cap=20');
    assert.equal((await reportsOf(page, 'explorer')).filter((r) => r.query === 'cap=20').length, 0);

    // Back in the frame steps back through the change, as through a reader's own.
    await second.evaluate(() => history.back());
    await second.waitForFunction(() => document.querySelector('#number-cap').value === '50');
    assert.deepEqual(problems, []);
  } finally {
    await done();
  }
});

test('setScenario reads a query exactly as a link: the same clamping and the same notices', async () => {
  const { page, problems, frame, close: done } = await openPost(post(site.server.url, { frames: ['explorer'] }), ['explorer']);
  try {
    const explorer = await frame('explorer');
    const queries = [
      'cap=900&r30=abc&utm_source=blog&theme=sepia',
      'r30=1e308&cap=-5&rate=-0&seed=99999999999999999999&g=−1000',
      '?v=7&%FF%FE=%00&r30=&&=&year=2029.5&pin=garbage&pin=1~r30:280~Bull',
      'r30=280&r30=300&chart=cap',
    ];
    for (const query of queries) {
      assert.equal(await page.evaluate((q) => DealExplorer.setScenario(q, 'explorer'), query), 1);
      const link = await linkPage(query);
      assert.ok(link.notices.length > 0, query);
      await explorer.waitForFunction((n) => document.querySelectorAll('.notice-bar li').length === n, link.notices.length);
      assert.deepEqual(await notices(explorer), link.notices, query);
      // And the scenario a link with it would show, as its address says.
      await explorer.waitForFunction((search) => location.search === search, link.search);
    }
    assert.equal(await explorer.locator('#fatal-error').count(), 0);
    assert.equal(await explorer.getAttribute('[data-chart-tab="cap"]', 'aria-pressed'), 'true', 'chart= is shown as a link would');
    // A clean query afterwards clears the notices, as a clean link has none.
    await page.evaluate(() => DealExplorer.setScenario('cap=45', 'explorer'));
    await explorer.waitForFunction(() => document.querySelector('#number-cap').value === '45');
    assert.equal(await explorer.locator('.notice-bar').count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await done();
  }
});

test('the host hears the scenario at start and once a change settles, not at every step of a drag', async () => {
  const { page, problems, frame, close: done } = await openPost(post(site.server.url, { frames: ['explorer'] }), ['explorer']);
  try {
    const explorer = await frame('explorer');
    await reportOf(page, 'explorer', '');
    const count = async () => (await reportsOf(page, 'explorer')).length;
    const before = await count();
    for (const r30 of ['250', '300', '350', '400']) {
      await explorer.$eval('#input-r30', (r, v) => { r.value = v; r.dispatchEvent(new Event('input', { bubbles: true })); }, r30);
    }
    await explorer.waitForFunction(() => document.querySelector('#number-r30').value === '400');
    await page.waitForTimeout(300);
    assert.equal(await count(), before, 'nothing while dragging');
    await explorer.$eval('#input-r30', (r) => r.dispatchEvent(new Event('change', { bubbles: true })));
    assertFigures(await reportOf(page, 'explorer', 'r30=400'), 'r30=400');
    assert.equal(await count(), before + 1, 'one report for the whole drag');
    // A key press is a settled change of its own.
    await explorer.locator('#input-cap').focus();
    await page.keyboard.press('ArrowRight');
    assertFigures(await reportOf(page, 'explorer', 'r30=400&cap=39'), 'r30=400&cap=39');
    assert.equal(await count(), before + 2);
    assert.deepEqual(problems, []);
  } finally {
    await done();
  }
});

test('spoofed and malformed messages are ignored or answered with a notice, never a panic', async () => {
  const { page, problems, frame, close: done } = await openPost(post(site.server.url));
  try {
    const explorer = await frame('explorer');
    await page.click('#drive');
    await reportOf(page, 'explorer', 'r30=280&cap=50');
    await reportOf(page, 'second', 'r30=280&cap=50');
    const reportCount = () => page.evaluate(() => reports.length);
    const reportsBefore = await reportCount();
    const REQUEST = 'deal-explorer:scenario-request';

    // To the explorer, from its host: wrong types, unknown types, an oversized query.
    const send = (data) => page.$eval('#explorer', (f, d) => f.contentWindow.postMessage(d, '*'), data);
    for (const spoof of [
      null,
      'cap=1',
      42,
      [REQUEST, 'cap=1'],
      { type: REQUEST },
      { type: REQUEST, query: 42 },
      { type: REQUEST, query: ['cap=1'] },
      { type: REQUEST, query: { toString: 'cap=1' } },
      { type: REQUEST, query: null },
      { type: [REQUEST], query: 'cap=1' },
      { type: REQUEST.toUpperCase(), query: 'cap=1' },
      { type: 'deal-explorer:scenario', query: 'cap=1' },
      { type: 'deal-explorer:theme', theme: 'cap=1' },
      { type: REQUEST, query: `cap=1&${'x'.repeat(5000)}` },
      { type: REQUEST, query: 'cap=1'.padEnd(1_000_000, '&') },
    ]) await send(spoof);
    // To the explorer, from another frame on the page, well formed.
    const other = page.frame({ name: 'other' });
    await other.evaluate(() => parent.document.getElementById('explorer').contentWindow.postMessage({ type: 'deal-explorer:scenario-request', query: 'cap=1' }, '*'));
    // To the host, posing as an explorer: from the host itself, and from the other frame.
    const fake = { type: 'deal-explorer:scenario', query: 'cap=1', cap_year: 2026, total_new: 1, total_old: 2, microsoft_change: -1 };
    await page.evaluate((m) => window.postMessage(m, '*'), fake);
    await other.evaluate((m) => parent.postMessage(m, '*'), fake);
    // From a real explorer, malformed (as a compromised frame could send): ignored by embed.js.
    const fromExplorer = (m) => explorer.evaluate((d) => parent.postMessage(d, '*'), m);
    for (const bad of [
      { ...fake, query: 1 },
      { ...fake, total_new: '1' },
      { ...fake, total_old: Infinity },
      { ...fake, cap_year: 2026.5 },
      { ...fake, cap_year: '2026' },
      { ...fake, microsoft_change: undefined },
      { ...fake, query: 'x'.repeat(5000) },
    ]) await fromExplorer(bad);

    await page.waitForTimeout(500);
    assert.equal(await value(explorer, 'cap'), '50', 'no spoof or malformed message changed the scenario');
    assert.equal(await value(explorer, 'r30'), '280');
    assert.equal(await explorer.locator('.notice-bar').count(), 0);
    assert.equal(await reportCount(), reportsBefore, 'no scenario event from a non-explorer or a malformed message');

    // Well formed from the host, garbage inside: clamped with notices, as a link would be.
    await send({ type: REQUEST, query: 'r30=1e308&cap=-5&rate=abc&%FF=%00&seed=-1&bogus=<script>' });
    await explorer.waitForFunction(() => document.querySelector('#number-r30').value === '600');
    assert.equal(await value(explorer, 'cap'), '0');
    assert.deepEqual(await notices(explorer), (await linkPage('r30=1e308&cap=-5&rate=abc&%FF=%00&seed=-1&bogus=<script>')).notices);
    assert.equal(await explorer.locator('#fatal-error').count(), 0, 'no error panel');
    assert.equal(await (await frame('second')).locator('#fatal-error').count(), 0);
    // The explorer still works after all that.
    await explorer.locator('#input-cap').focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await value(explorer, 'cap'), '1');
    assert.deepEqual(problems, []);
  } finally {
    await done();
  }
});

test('the host page keeps working when the explorer frame never loads', async () => {
  const missing = `${site.server.url}missing/?embed=1`;
  const { context, host, page, problems } = await (async () => {
    const host = await hostServer(post(site.server.url, { frames: ['explorer'], src: missing }));
    const context = await site.browser.newContext();
    const watched = await watchedPage(context);
    await watched.page.goto(host.url);
    return { context, host, ...watched };
  })();
  try {
    await page.waitForFunction(() => typeof window.DealExplorer === 'object');
    assert.equal(await page.evaluate(() => DealExplorer.setScenario('cap=50')), 0, 'no explorer to ask');
    assert.equal(await page.evaluate(() => DealExplorer.setScenario('cap=50', 'explorer')), 0);
    await page.evaluate(() => DealExplorer.setTheme('dark'));
    // The button has nowhere to go and does nothing; the link is followed as a plain link.
    await page.click('#only-second');
    await page.click('#drive');
    await page.waitForURL((url) => url.href.startsWith(site.server.url), { timeout: 10_000 });
    const opened = new URL(page.url());
    assert.equal(opened.searchParams.get('r30'), '280');
    assert.equal(opened.searchParams.get('cap'), '50');
    await chartsDrawn(page);
    assert.deepEqual(problems.filter((p) => !p.includes('404')), []);
  } finally {
    await context.close();
    await host.close();
  }
});

test('driven from a post, the explorer keeps a strict CSP and asks nothing of any other origin', async () => {
  const { server: strict } = await startStrictServer();
  const host = await hostServer(post(strict.url, { frames: ['explorer'], src: `${strict.url}?embed=1`, sandbox: '' }));
  const context = await site.browser.newContext({ viewport: { width: 900, height: 900 } });
  try {
    await recordViolations(context);
    const { page, problems, requests } = await watchedPage(context);
    await page.goto(host.url);
    const explorer = page.frameLocator('#explorer');
    await explorer.locator('canvas.chart[data-drawn="true"]').waitFor({ timeout: 20_000 });
    await page.waitForSelector('#explorer[data-deal-explorer-height]');
    const before = requests.length;
    await page.click('#drive');
    const frame = await (await page.$('#explorer')).contentFrame();
    await frame.waitForFunction(() => document.querySelector('#number-cap').value === '50');
    await reportOf(page, 'explorer', 'r30=280&cap=50');
    await page.evaluate(() => DealExplorer.setScenario('cap=900&r30=abc', 'explorer'));
    await frame.waitForSelector('.notice-bar');
    assert.deepEqual(await frame.evaluate(() => window.__violations), [], 'no CSP violation in the frame');
    assert.deepEqual(requests.slice(before).filter((url) => !url.startsWith('data:')), [], 'driving it requests nothing');
    const origins = new Set(requests.filter((url) => !url.startsWith('data:') && !url.startsWith('about:')).map((url) => new URL(url).origin));
    assert.deepEqual([...origins].sort(), [new URL(host.url).origin, strict.origin].sort(), 'the post and the explorer, nothing else');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await host.close();
    await strict.close();
  }
});
