// End-to-end: the share panel's files and copies, checked against the model and the page
// itself, the clipboard's refusal, and what printing puts on paper.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chartsDrawn, openExplorer, recordViolations, startStrictServer, useSite, watchedPage } from './browser.mjs';
import { ledgerCsv } from './model.mjs';

const site = useSite();

async function open(query = '', options = {}) {
  const opened = await openExplorer(site, query, options);
  await opened.page.click('#share > summary');
  return opened;
}

/** Clicks a download button and returns the file's suggested name and bytes. */
async function download(page, hook) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-download="${hook}"]`)]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

const BLOCKED = 'Copying is blocked here; the text is selected, press Ctrl+C (⌘C).';

test('the CSV download is byte for byte the ledger command’s output, named after the scenario', async () => {
  const { context, page, problems } = await open();
  await page.click('[data-preset="bull"]');
  await page.fill('#number-cap', '50');
  await page.press('#number-cap', 'Enter');
  const { name, bytes } = await download(page, 'csv');
  assert.equal(name, 'deal-explorer-r30-280-g-20-cap-50.csv');
  const expected = Buffer.from(ledgerCsv('r26=30&r30=280&g=20&cap=50'), 'utf8');
  assert.ok(bytes.equals(expected), `download differs from the ledger command:\n${bytes}\n---\n${expected}`);
  assert.equal(await page.textContent('#share-status'), '', 'no error shown');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a PNG download is the canvas’s backing store, at twice the CSS size on a 2x screen', async () => {
  const { context, page, problems } = await open('', { deviceScaleFactor: 2 });
  for (const slug of ['revenue', 'cap', 'take', 'traded']) {
    const { name, bytes } = await download(page, `${slug}-png`);
    assert.equal(name, `deal-explorer-${slug}.png`);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    assert.equal(bytes.subarray(12, 16).toString('ascii'), 'IHDR');
    const size = { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
    const canvas = await page.$eval(`canvas[data-chart="${slug}"]`, (c) => ({
      width: c.width, height: c.height, cssWidth: c.clientWidth, cssHeight: c.clientHeight,
    }));
    assert.deepEqual(size, { width: canvas.width, height: canvas.height }, slug);
    assert.deepEqual(size, { width: 2 * canvas.cssWidth, height: 2 * canvas.cssHeight }, `${slug} at 2x`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('an SVG download is a file at the chart’s CSS size that a browser displays', async () => {
  const { context, page, problems } = await open('?v=1&theme=dark&cap=50');
  const { name, bytes } = await download(page, 'cap-svg');
  assert.equal(name, 'deal-explorer-cap-50-cap.svg');
  const svg = bytes.toString('utf8');
  assert.ok(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg '), svg.slice(0, 80));
  assert.ok(svg.includes('The cap: cumulative payments'), 'the chart’s title');
  assert.ok(svg.includes('fill="#161B22"'), 'the dark theme’s background, as on screen');
  const css = await page.$eval('canvas[data-chart="cap"]', (c) => ({ width: c.clientWidth, height: c.clientHeight }));
  const attribute = (attr) => Number(svg.match(new RegExp(`<svg [^>]*\\b${attr}="(\\d+)"`))?.[1]);
  assert.deepEqual({ width: attribute('width'), height: attribute('height') }, css);

  const viewer = await context.newPage();
  await viewer.setContent(`<img src="data:image/svg+xml;base64,${bytes.toString('base64')}">`);
  const natural = await viewer.$eval('img', async (img) => {
    await img.decode();
    return { width: img.naturalWidth, height: img.naturalHeight };
  });
  assert.deepEqual(natural, css);
  assert.deepEqual(problems, []);
  await context.close();
});

test('under a strict CSP the downloads work, and the SVG is measured as without one', async () => {
  const plain = await open();
  const expected = await download(plain.page, 'revenue-svg');
  await plain.context.close();

  // The quality suite's policy: no inline styles, so plotters' own text measuring is blocked.
  const { server: strict } = await startStrictServer();
  const context = await site.browser.newContext({ viewport: { width: 1000, height: 900 } });
  try {
    await recordViolations(context);
    const { page, problems } = await watchedPage(context);
    await page.goto(strict.url);
    await chartsDrawn(page);
    await page.click('#share > summary');
    const svg = await download(page, 'revenue-svg');
    assert.equal(svg.bytes.toString('utf8'), expected.bytes.toString('utf8'));
    for (const hook of ['revenue-png', 'csv']) assert.ok((await download(page, hook)).bytes.length > 0, hook);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await strict.close();
  }
});

test('copy link, embed code and citation put the page’s own address on the clipboard', async () => {
  const { context, page, problems } = await open('?v=1&r30=280', {
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const address = await page.evaluate(() => location.href);
  assert.ok(address.includes('r30=280'), address);
  const copied = async (target, status) => {
    await page.click(`[data-copy="${target}"]`);
    await page.waitForFunction((text) => document.querySelector('#share-status')?.textContent === text, status, { timeout: 5_000 });
    return page.evaluate(() => navigator.clipboard.readText());
  };
  assert.equal(await copied('link', 'Link copied.'), address);
  assert.equal(
    await copied('citation', 'Citation copied.'),
    `Deal explorer: OpenAI–Microsoft revenue share scenario, model v1. ${address}`,
  );
  const embed = await copied('embed', 'Embed code copied.');
  assert.ok(embed.startsWith(`<iframe src="${address.replaceAll('&', '&amp;')}&amp;embed=1" `), embed);
  assert.ok(embed.endsWith(`\n<script src="${site.server.url}embed.js" async></script>`), embed);
  // Between them, for hosts that drop the iframe: the explorer on this scenario, linked from
  // its preview picture beside the page.
  assert.ok(
    embed.includes(`</iframe>\n<a href="${address.replaceAll('&', '&amp;')}"><img src="${site.server.url}og.png" alt="OpenAI–Microsoft deal explorer" width="600" height="315" loading="lazy"></a>\n<script `),
    embed,
  );
  assert.equal(await page.$('[data-copy-fallback]'), null, 'no fallback when copying works');
  assert.deepEqual(problems, []);
  await context.close();
  await embeddedAsCopied(embed, address);
});

/**
 * The copied embed code in a post on another origin, as a blog with raw HTML keeps it: the
 * frame shows and embed.js hides the fallback picture. And as a feed or a mail keeps it
 * (iframe and script dropped, link and picture kept): the picture shows, linking the explorer.
 */
async function embeddedAsCopied(embed, address) {
  const stripped = embed.replace(/<iframe[^>]*><\/iframe>/, '').replace(/<script[^>]*><\/script>/, '');
  assert.doesNotMatch(stripped, /iframe|script/);
  const posts = {
    '/post.html': embed,
    '/feed-item.html': stripped,
  };
  const host = createServer((req, res) => {
    const body = posts[req.url];
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html' })
      .end(`<!doctype html><html><head><meta charset="utf-8"><title>A post</title><link rel="icon" href="data:,"></head><body><h1>A post</h1>${body}<p>The end.</p></body></html>`);
  });
  await new Promise((ok) => host.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${host.address().port}`;
  const context = await site.browser.newContext({ viewport: { width: 900, height: 1400 } });
  try {
    const { page, problems } = await watchedPage(context);
    await page.goto(`${origin}/post.html`);
    await page.frameLocator('iframe').locator('canvas.chart[data-drawn="true"]').first().waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => window.DealExplorer !== undefined);
    assert.equal(await page.$eval('a:has(img)', (a) => getComputedStyle(a).display), 'none', 'embed.js hides the picture beside the frame');
    assert.deepEqual(problems, []);

    const feed = await watchedPage(context);
    await feed.page.goto(`${origin}/feed-item.html`);
    await feed.page.waitForFunction(() => document.querySelector('a img')?.complete);
    const shown = await feed.page.$eval('a img', (img) => ({
      natural: [img.naturalWidth, img.naturalHeight],
      box: [img.getBoundingClientRect().width, img.getBoundingClientRect().height],
      href: img.parentElement.href,
    }));
    assert.deepEqual(shown, { natural: [1200, 630], box: [600, 315], href: address });
    assert.deepEqual(feed.problems, []);
  } finally {
    await context.close();
    await new Promise((ok) => host.close(ok));
  }
}

const REFUSALS = {
  'writeText rejects': () => {
    Clipboard.prototype.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
  },
  'writeText throws': () => {
    Clipboard.prototype.writeText = () => { throw new TypeError('Illegal invocation'); };
  },
  'no clipboard at all': () => {
    Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
  },
};

for (const [refusal, script] of Object.entries(REFUSALS)) {
  test(`when ${refusal}, the text is shown selected with a hint to copy it by hand`, async () => {
    const context = await site.browser.newContext({ viewport: { width: 1000, height: 900 } });
    await context.addInitScript(script);
    const { page, problems } = await watchedPage(context);
    await page.goto(`${site.server.url}?v=1&cap=50`);
    await chartsDrawn(page);
    await page.click('#share > summary');
    const address = await page.evaluate(() => location.href);
    // The same button twice: a second refusal must select the text again.
    for (const target of ['link', 'link', 'citation']) {
      await page.click(`[data-copy="${target}"]`);
      const field = `textarea[data-copy-fallback="${target}"]`;
      await page.waitForSelector(field, { state: 'visible', timeout: 5_000 });
      await page.waitForFunction((sel) => document.activeElement === document.querySelector(sel), field, { timeout: 5_000 });
      const shown = await page.$eval(field, (area) => ({
        value: area.value,
        readOnly: area.readOnly,
        selected: area.selectionEnd - area.selectionStart,
      }));
      const expected = target === 'link' ? address : `Deal explorer: OpenAI–Microsoft revenue share scenario, model v1. ${address}`;
      assert.deepEqual(shown, { value: expected, readOnly: true, selected: expected.length }, target);
      assert.equal(await page.textContent('#share-status'), BLOCKED);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('printing shows the data table and charts within the page and hides the controls', async () => {
  const { context, page, problems } = await open();
  await page.emulateMedia({ media: 'print' });
  const display = (selector) => page.$eval(selector, (el) => getComputedStyle(el).display);
  for (const selector of ['#input-r30', '[data-preset="bull"]', '#share', '#assumptions', '.slider-reset']) {
    assert.equal(await display(selector), 'none', `${selector} on paper`);
  }
  assert.notEqual(await display('[data-readout="cap_year"]'), 'none');
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(light, 'rgb(255, 255, 255)');

  assert.equal(await page.$eval('#data-table', (d) => d.open), false);
  assert.equal(await page.isVisible('#data-table table'), false, 'closed before printing');
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await page.$eval('#data-table', (d) => d.open), true, 'opened for printing');
  assert.ok(await page.isVisible('#data-table table'));
  const overflow = await page.evaluate(() => {
    const page = document.documentElement.clientWidth;
    return [...document.querySelectorAll('canvas.chart')].map((c) => c.getBoundingClientRect().right - page);
  });
  assert.ok(overflow.every((px) => px <= 0), `charts wider than the page by ${overflow}`);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await page.$eval('#data-table', (d) => d.open), false, 'closed again as the reader had it');

  // A reader who opened the table keeps it open after printing.
  await page.emulateMedia({ media: 'screen' });
  await page.click('#data-table > summary');
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await page.$eval('#data-table', (d) => d.open), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a dark page prints its charts light, drawn before the printout is laid out, then dark again', async () => {
  const { context, page, problems } = await open('?theme=dark', { colorScheme: 'dark' });
  await chartsDrawn(page);
  // Each chart's drawn theme and the red of its background in the top-left corner.
  const charts = () => [...document.querySelectorAll('canvas.chart')]
    .map((c) => `${c.dataset.drawnTheme} ${c.getContext('2d').getImageData(1, 1, 1, 1).data[0]}`);
  await page.evaluate(`window.charts = ${charts}`);
  await page.waitForFunction(() => window.charts().join() === 'dark 22,dark 22,dark 22,dark 22');
  await page.evaluate(() => {
    window.onPaper = [];
    // Added after the app's own listeners, so it sees what the printout will show.
    window.addEventListener('beforeprint', () => window.onPaper.push(...window.charts()));
  });
  const pdf = await page.pdf({ format: 'A4' });
  assert.equal(pdf.subarray(0, 5).toString('ascii'), '%PDF-');
  assert.deepEqual(await page.evaluate(() => window.onPaper), ['light 255', 'light 255', 'light 255', 'light 255']);
  await page.waitForFunction(() => window.charts().every((chart) => chart === 'dark 22'));
  // Chromium's hint about the test's own repeated pixel reads is not the page's problem.
  assert.deepEqual(problems.filter((p) => !p.includes('willReadFrequently')), []);
  await context.close();
});

test('a real print to PDF fires the print events, so the table is printed open', async () => {
  const { context, page, problems } = await open();
  await page.evaluate(() => {
    window.seenOpen = [];
    // Added after the app's own listener, so it sees what the app did.
    window.addEventListener('beforeprint', () => window.seenOpen.push(document.querySelector('#data-table').open));
  });
  const pdf = await page.pdf({ format: 'A4' });
  assert.equal(pdf.subarray(0, 5).toString('ascii'), '%PDF-');
  assert.deepEqual(await page.evaluate(() => window.seenOpen), [true]);
  assert.equal(await page.$eval('#data-table', (d) => d.open), false, 'closed again after printing');
  assert.deepEqual(problems, []);
  await context.close();
});
