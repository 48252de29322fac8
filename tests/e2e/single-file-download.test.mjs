// End-to-end: the share panel's "Download as one HTML file": the folder build fetches the
// one-file build from beside it, presets the reader's scenario in a <meta> and saves it; the
// saved file opens from disk on that scenario. The one file itself cannot offer this, and says so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './server.mjs';
import { DIST, chartsDrawn, launch, watchedPage } from './browser.mjs';

const UNAVAILABLE = 'The one-file version is not available from here; download it from the hosted explorer.';

let server;
let browser;
let saved;

before(async () => {
  server = await startServer({ root: DIST, prefix: '/tools/deal/' });
  browser = await launch();
  saved = await mkdtemp(join(tmpdir(), 'deal-explorer-download-'));
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (saved) await rm(saved, { recursive: true, force: true });
});

test('the folder build saves the one file with the scenario in it, and that file opens on it', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  try {
    const { page, problems } = await watchedPage(context);
    await page.goto(`${server.url}?r30=280&cap=50`);
    await chartsDrawn(page);
    await page.click('#share > summary');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-download="single-file"]'),
    ]);
    assert.equal(download.suggestedFilename(), 'deal-explorer-r30-280-cap-50.html');
    const file = join(saved, download.suggestedFilename());
    await download.saveAs(file);
    const html = await readFile(file, 'utf8');
    const meta = '<meta name="deal-explorer-scenario" content="v=1&amp;r30=280&amp;cap=50" />';
    assert.ok(html.includes(meta), html.slice(0, 400));
    assert.ok(/<head>\s*<meta name="deal-explorer-scenario"/.test(html), 'right after <head>');
    const original = await readFile(join(DIST, 'deal-explorer.html'), 'utf8');
    assert.equal(html.replace(`\n    ${meta}`, ''), original, 'otherwise the one file unchanged');
    assert.equal(await page.textContent('#share-status'), '', 'no error shown');
    assert.ok(server.requests.includes('/tools/deal/deal-explorer.html'), 'fetched from beside the page');
    assert.deepEqual(problems, []);

    const opened = await watchedPage(context);
    await opened.page.goto(pathToFileURL(file).href);
    await chartsDrawn(opened.page);
    assert.equal(await opened.page.locator('#number-r30').inputValue(), '280');
    assert.equal(await opened.page.locator('#number-cap').inputValue(), '50');
    assert.ok((await opened.page.locator('canvas.chart[data-drawn="true"]').count()) >= 1);
    assert.deepEqual(opened.problems, []);
  } finally {
    await context.close();
  }
});

test('the one file opened from disk says the download is not available here, and saves nothing', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  try {
    const { page, problems } = await watchedPage(context);
    const downloads = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    await page.goto(pathToFileURL(join(DIST, 'deal-explorer.html')).href);
    await chartsDrawn(page);
    await page.click('#share > summary');
    await page.click('[data-download="single-file"]');
    await page.waitForFunction(
      (text) => document.querySelector('#share-status')?.textContent === text,
      UNAVAILABLE,
      { timeout: 5_000 },
    );
    await page.waitForTimeout(500);
    assert.deepEqual(downloads, []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
