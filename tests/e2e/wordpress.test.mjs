// WordPress's embed protocol against WordPress's own `wp-embed.js` (from Debian's wordpress
// package, `make wp-embed`): a post page on another origin holds the explorer the way WordPress
// writes a discovered embed, a sandboxed frame clipped out of sight with a secret in its address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, useSite, watchedPage } from './browser.mjs';
import { blog } from './wordpress-blog.mjs';

// WordPress's frames are sandboxed (an opaque origin): the site must allow any origin to load its
// module script and wasm, as the README's hosting notes say.
const site = useSite({ headers: { 'access-control-allow-origin': '*' } });
const SECRET = 'Ab3dE6gH9k';

/** A post page as WordPress 6 renders an embed, `wp-embed.js` in its footer unless `script` is false. */
function post(frameUrl, { script = true, secret = SECRET } = {}) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>A WordPress post</title></head><body>
    <h1>What the cap costs Microsoft</h1>
    <blockquote class="wp-embedded-content" data-secret="${secret}"><a href="${frameUrl}">Deal explorer</a></blockquote>
    <iframe class="wp-embedded-content" sandbox="allow-scripts" security="restricted"
      style="position: absolute; clip: rect(1px, 1px, 1px, 1px);" title="Deal explorer"
      src="${frameUrl}#?secret=${secret}" data-secret="${secret}" width="600" height="338"
      frameborder="0" marginwidth="0" marginheight="0" scrolling="no"></iframe>
    <p>After the embed.</p>
    <script>
      window.messages = [];
      addEventListener('message', (e) => messages.push(e.data));
    </script>
    ${script ? '<script src="/wp-embed.js"></script>' : ''}
  </body></html>`;
}


const frameHeight = (page) => page.$eval('iframe.wp-embedded-content', (f) => Number(f.getAttribute('height')));
const contentHeight = (frame) => frame.locator('html').evaluate((html) => Math.ceil(html.getBoundingClientRect().height));

test('WordPress shows the frame and gives it the explorer’s height, and keeps doing so after the address changes', async () => {
  const host = await blog(post(`${site.server.url}?embed=1&r30=280`));
  const context = await site.browser.newContext({ viewport: { width: 900, height: 900 } });
  try {
    const { page, problems } = await watchedPage(context);
    await page.goto(host.url);
    const frame = page.frameLocator('iframe.wp-embedded-content');
    await frame.locator('canvas.chart[data-drawn="true"]').waitFor({ timeout: 20_000 });
    // WordPress unclips the frame on the first message and sets the height it is told.
    await page.waitForFunction(() => !document.querySelector('iframe.wp-embedded-content').hasAttribute('style'));
    await page.waitForFunction(async () => {
      const f = document.querySelector('iframe.wp-embedded-content');
      return Number(f.getAttribute('height')) !== 338;
    });
    const height = await frameHeight(page);
    assert.equal(height, Math.min(1000, Math.max(200, await contentHeight(frame))), 'the frame takes the content’s height');
    assert.ok(height > 338 && height <= 760, `height ${height}`);
    assert.equal(await page.isVisible('blockquote.wp-embedded-content'), false, 'WordPress hides the fallback quote');
    const said = await page.evaluate((secret) => messages.filter((m) => m && m.secret === secret), SECRET);
    assert.ok(said.some((m) => m.message === 'height' && m.value === height), JSON.stringify(said));

    // A slider move rewrites the address: the secret stays in it, so the protocol goes on.
    await frame.locator('#input-cap').focus();
    await page.keyboard.press('ArrowRight');
    await frame.locator('#number-cap').evaluate((n) => n.value === '39');
    const hash = await frame.locator('html').evaluate(() => location.hash);
    assert.equal(hash, `#?secret=${SECRET}`);
    assert.ok((await frame.locator('html').evaluate(() => location.search)).includes('cap=39'));
    // A narrower column makes the embed taller; WordPress follows.
    await page.$eval('iframe.wp-embedded-content', (f) => f.setAttribute('width', '380'));
    await page.waitForFunction((old) => Number(document.querySelector('iframe.wp-embedded-content').getAttribute('height')) > old, height);
    assert.equal(await frameHeight(page), Math.min(1000, await contentHeight(frame)));
    await page.screenshot({ path: join(ARTIFACTS, 'wordpress-embed.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await host.close();
  }
});

test('WordPress’s “ready” with the frame’s secret is answered with the height; spoofed messages are not', async () => {
  // No wp-embed.js: the post's own script plays WordPress, so the test sees each message.
  const host = await blog(post(`${site.server.url}?embed=1`, { script: false }));
  const context = await site.browser.newContext({ viewport: { width: 900, height: 900 } });
  try {
    const { page, problems } = await watchedPage(context);
    await page.goto(host.url);
    const frame = page.frameLocator('iframe.wp-embedded-content');
    // Clipped out of sight, the frame gets no animation frames, so its charts wait to be drawn;
    // the app is there once its sentence is.
    await frame.locator('[data-summary]').waitFor({ state: 'attached', timeout: 20_000 });
    // The height went out at once, though the frame is clipped out of sight.
    await page.waitForFunction((secret) => messages.some((m) => m && m.secret === secret && m.message === 'height'), SECRET);
    const count = () => page.evaluate((secret) => messages.filter((m) => m && m.secret === secret && m.message === 'height').length, SECRET);
    const before = await count();
    const send = (data) => page.$eval('iframe.wp-embedded-content', (f, d) => f.contentWindow.postMessage(d, '*'), data);
    for (const spoof of [
      { message: 'ready', secret: 'wrong' },
      { message: 'ready' },
      { message: 'ready', secret: SECRET.toLowerCase() },
      { message: 'height', secret: SECRET, value: 99999 },
      'ready',
      null,
      { message: ['ready'], secret: [SECRET] },
    ]) await send(spoof);
    await page.waitForTimeout(300);
    assert.equal(await count(), before, 'no answer to a wrong or malformed message');
    await send({ message: 'ready', secret: SECRET });
    await page.waitForFunction((n) => messages.filter((m) => m && m.message === 'height').length > n, before);
    const last = await page.evaluate(() => messages.filter((m) => m && m.message === 'height').at(-1));
    assert.equal(last.secret, SECRET);
    assert.equal(last.value, await contentHeight(frame));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await host.close();
  }
});

test('a frame without WordPress’s secret, or with one WordPress would refuse, speaks only its own protocol', async () => {
  for (const secret of ['', 'a"b<c', 'x'.repeat(65)]) {
    const frameUrl = `${site.server.url}?embed=1`;
    const page0 = `<!doctype html><html><body><iframe sandbox="allow-scripts" src="${frameUrl}#?secret=${encodeURIComponent(secret)}"></iframe>
      <script>window.messages = []; addEventListener('message', (e) => messages.push(e.data));</script></body></html>`;
    const host = await blog(page0);
    const context = await site.browser.newContext();
    try {
      const { page } = await watchedPage(context);
      await page.goto(host.url);
      await page.frameLocator('iframe').locator('canvas.chart[data-drawn="true"]').waitFor({ timeout: 20_000 });
      await page.waitForFunction(() => messages.some((m) => m && m.type === 'deal-explorer:height'));
      assert.deepEqual(await page.evaluate(() => messages.filter((m) => m && 'secret' in m)), [], `secret ${JSON.stringify(secret)}`);
    } finally {
      await context.close();
      await host.close();
    }
  }
});

test('in a WordPress frame, “Open in the full explorer” opens it in the reader’s window through WordPress', async () => {
  const host = await blog(post(`${site.server.url}?embed=1&cap=50`));
  const context = await site.browser.newContext({ viewport: { width: 900, height: 900 } });
  try {
    const { page } = await watchedPage(context);
    await page.goto(host.url);
    const frame = page.frameLocator('iframe.wp-embedded-content');
    await frame.locator('canvas.chart[data-drawn="true"]').waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => !document.querySelector('iframe.wp-embedded-content').hasAttribute('style'));
    await frame.locator('.open-full a:first-child').click();
    await page.waitForURL((url) => url.href.startsWith(site.server.url), { timeout: 10_000 });
    const opened = new URL(page.url());
    assert.equal(opened.searchParams.get('cap'), '50');
    assert.equal(opened.searchParams.get('embed'), null, 'the full explorer, not the embed');
    await page.waitForSelector('canvas.chart[data-drawn="true"]');
  } finally {
    await context.close();
    await host.close();
  }
});
