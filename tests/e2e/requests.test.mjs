// No request per input: once the page has loaded, moving the sliders makes no request at all,
// the page's icon included. The app rewrites the address on every input (`history.replaceState`
// or `pushState`), and Chromium fetches a page's icon again whenever its address changes: an icon
// at a URL cost about one request per slider move (150 to 200 for these 200 moves, with an
// hour's max-age as well, where the browser's cache answered them), so the icon is a data: URL
// in index.html. Served twice, with no cache headers at all and with an hour's `max-age`; the
// requests are counted as the page reports them and as the server saw them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIST, chartsDrawn, launch, watchedPage } from './browser.mjs';
import { startServer } from './server.mjs';

const MOVES = 200;
const HOSTS = [
  ['no cache headers', null],
  ['Cache-Control: max-age=3600', 'max-age=3600'],
];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** How often each URL was asked for, from `from` on: `{ url: count }`, empty when none was. */
function tally(urls, from) {
  const counts = {};
  for (const url of urls.slice(from)) counts[url] = (counts[url] ?? 0) + 1;
  return counts;
}

/** A moment for a late request (an icon fetch follows the address change it answers). */
const LATE_MS = 1_000;

/**
 * `MOVES` moves of the 2030 revenue slider: key presses right and left, then pointer drags,
 * each move changing the value (and so the address). Returns the values the slider passed.
 */
async function moveSliders(page) {
  const values = new Set();
  const value = () => page.inputValue('#number-r30');
  let moves = 0;
  await page.focus('#input-r30');
  for (const [key, presses] of [['ArrowRight', 40], ['ArrowLeft', 60], ['ArrowRight', 40], ['ArrowLeft', 20]]) {
    for (let i = 0; i < presses; i += 1) await page.keyboard.press(key);
    moves += presses;
    values.add(await value());
  }
  const box = await page.locator('#input-r30').boundingBox();
  const y = box.y + box.height / 2;
  for (const [from, to] of [[0.2, 0.6], [0.6, 0.1], [0.1, 0.5], [0.5, 0.3]]) {
    await page.mouse.move(box.x + box.width * from, y);
    await page.mouse.down();
    for (let step = 1; step <= 10; step += 1) {
      await page.mouse.move(box.x + box.width * (from + ((to - from) * step) / 10), y);
    }
    await page.mouse.up();
    moves += 10;
    values.add(await value());
  }
  assert.equal(moves, MOVES);
  return values;
}

for (const [name, cache] of HOSTS) {
  test(`${MOVES} slider moves make no request, served with ${name}`, async () => {
    const server = await startServer({ root: DIST, prefix: '/tools/deal/', cache });
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    try {
      const { page, problems, requests } = await watchedPage(context);
      await page.goto(server.url);
      await chartsDrawn(page);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(LATE_MS);
      // Requests the page reports (a data: URL is read in place, not fetched) and that the
      // server answered, so far.
      const network = () => requests.filter((url) => !url.startsWith('data:'));
      const [pageLoaded, serverLoaded] = [network().length, server.requests.length];
      assert.ok(network().some((url) => url.endsWith('.wasm')), `the page loaded: ${network()}`);
      const startSearch = await page.evaluate(() => location.search);

      const values = await moveSliders(page);
      await page.waitForTimeout(LATE_MS);

      // The moves did what makes Chromium refetch an icon: the value, and the address, changed.
      assert.ok(values.size >= 6, `the slider moved: ${[...values]}`);
      const search = await page.evaluate(() => location.search);
      assert.notEqual(search, startSearch);
      assert.match(search, new RegExp(`r30=${await page.inputValue('#number-r30')}(&|$)`));

      assert.deepEqual(tally(network(), pageLoaded), {}, 'requests the page made while the sliders moved');
      assert.deepEqual(tally(server.requests, serverLoaded), {}, 'requests the server answered while the sliders moved');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      await server.close();
    }
  });
}

test('the page carries its icon, and the icon draws', async () => {
  const server = await startServer({ root: DIST, prefix: '/tools/deal/' });
  const context = await browser.newContext();
  try {
    const { page, problems } = await watchedPage(context);
    await page.goto(server.url);
    await chartsDrawn(page);
    const icons = await page.$$eval('link[rel~="icon"]', (links) => links.map((link) => link.href));
    assert.equal(icons.length, 1, `one icon: ${icons}`);
    assert.match(icons[0], /^data:image\/svg\+xml,/);
    const size = await page.evaluate(async (src) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      return [image.naturalWidth, image.naturalHeight];
    }, icons[0]);
    assert.ok(size[0] > 0 && size[1] > 0, `the icon is an image: ${size}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close();
  }
});
