// End-to-end: the single-file build (dist/deal-explorer.html, written by `xtask single-file`)
// where the folder build cannot go: opened from disk, framed with `sandbox="allow-scripts"` by a
// host that sends no CORS headers, and served under a strict Content-Security-Policy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, chartsDrawn, inlineScripts, launch, scriptHash, watchedPage } from './browser.mjs';

const SINGLE = join(DIST, 'deal-explorer.html');

let browser;
let html;

before(async () => {
  html = await readFile(SINGLE, 'utf8');
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/**
 * The CSP hashes of the file's inline scripts (its module, and the page's early classic script
 * that marks an embed), computed here from the file itself rather than taken from the build
 * step, so a wrong hash in the build would show.
 */
function scriptHashes(page) {
  const scripts = inlineScripts(page);
  assert.equal(page.split('<script').length - 1, scripts.length, 'every <script> in the single file is inline');
  assert.equal(scripts.filter((script) => /type="module"/.test(script.attributes)).length, 1, 'one inline module');
  return scripts.map((script) => scriptHash(script.code));
}

const strictPolicy = (hashes) =>
  `default-src 'none'; script-src ${hashes.map((h) => `'${h}'`).join(' ')} 'wasm-unsafe-eval'; style-src 'unsafe-inline'; img-src data:`;

/**
 * A plain static server on its own port: the given HTML for every path, the given headers
 * only, and never an Access-Control-Allow-Origin header.
 */
async function plainServer(body, headers = {}) {
  const requests = [];
  const server = createServer((req, res) => {
    requests.push(req.url);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/** Records CSP violations from the first script on, before the page's own script runs. */
function recordViolations(page) {
  return page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
}

async function moveR30(scope, page) {
  assert.equal(await scope.locator('#number-r30').inputValue(), '200');
  await scope.locator('#input-r30').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await scope.locator('#number-r30').inputValue(), '205');
}

test('opened from disk (file://): the charts draw, a slider works, no errors, no requests', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  try {
    const { page, problems, requests } = await watchedPage(context);
    await recordViolations(page);
    const address = pathToFileURL(SINGLE).href;
    await page.goto(address);
    await chartsDrawn(page);
    assert.equal(await page.locator('#loading').count(), 0, 'the loading note is gone');
    await moveR30(page, page);
    assert.deepEqual(await page.evaluate(() => window.cspViolations), [], "the file's own CSP allows it");
    assert.deepEqual(problems, []);
    assert.deepEqual(requests.filter((url) => !url.startsWith('data:')), [address], 'only the file itself');
  } finally {
    await context.close();
  }
});

test('framed with sandbox="allow-scripts" from a host without CORS headers, the frame runs', async () => {
  const explorer = await plainServer(html);
  const frameUrl = `${explorer.url}/deal-explorer.html?embed=1`;
  const host = await plainServer(`<!doctype html><html><head><meta charset="utf-8"><title>A blog</title></head><body>
    <h1>My post</h1>
    <iframe id="explorer" sandbox="allow-scripts" src="${frameUrl}" title="Deal explorer"
            style="width:100%;max-width:640px;height:900px;border:0"></iframe>
  </body></html>`);
  const context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
  try {
    const { page, problems } = await watchedPage(context);
    await page.goto(`${host.url}/post.html`);
    const frame = page.frameLocator('#explorer');
    await frame.locator('canvas.chart[data-drawn="true"]').first().waitFor({ timeout: 20_000 });
    await moveR30(frame, page);
    assert.deepEqual(problems, []);
    assert.deepEqual(explorer.requests, ['/deal-explorer.html?embed=1'], 'the frame needed nothing else');
  } finally {
    await context.close();
    await host.close();
    await explorer.close();
  }
});

test('under a strict CSP header (its script by hash, wasm-unsafe-eval): no violation', async () => {
  const hashes = scriptHashes(html);
  const server = await plainServer(html, { 'content-security-policy': strictPolicy(hashes) });
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  try {
    const { page, problems } = await watchedPage(context);
    await recordViolations(page);
    await page.goto(`${server.url}/deal-explorer.html`);
    await chartsDrawn(page);
    await moveR30(page, page);
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    assert.deepEqual(problems, []);
    assert.deepEqual(server.requests, ['/deal-explorer.html']);
  } finally {
    await context.close();
    await server.close();
  }
});

test('the CSP check above can fail: a policy with another hash blocks the script', async () => {
  const wrong = scriptHash('something else');
  const server = await plainServer(html, { 'content-security-policy': strictPolicy([wrong]) });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await recordViolations(page);
    await page.goto(`${server.url}/deal-explorer.html`);
    await page.waitForFunction(() => window.cspViolations.length > 0, null, { timeout: 10_000 });
    const violations = await page.evaluate(() => window.cspViolations);
    assert.ok(violations.every((v) => v.startsWith('script-src')), violations.join('\n'));
    assert.equal(await page.locator('canvas.chart').count(), 0, 'the app did not start');
  } finally {
    await context.close();
    await server.close();
  }
});
