// End-to-end: downloads inside sandboxed frames (issue #17, part 6). Chromium drops a download
// from a frame sandboxed without `allow-downloads`, silently, so the embed shows no download
// button; it links to the full explorer on the same scenario, opened at its share panel, where
// the files download. In a WordPress frame (sandbox="allow-scripts", no popups) the link opens
// through WordPress's own protocol; in a frame that allows popups, in a new tab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartsDrawn, useSite, watchedPage } from './browser.mjs';
import { blog } from './wordpress-blog.mjs';

const site = useSite({ headers: { 'access-control-allow-origin': '*' } });
const SECRET = 'Ab3dE6gH9k';
const SCENARIO = 'r30=280&cap=50&chart=cap';


/** What the embed offers for downloads: buttons, `download` links, and its link out for files. */
async function downloadsOffered(frame) {
  await frame.locator('canvas.chart[data-drawn="true"]').waitFor({ timeout: 20_000 });
  const buttons = await frame.locator('button, [data-download], a[download]').evaluateAll((nodes) =>
    nodes.filter((n) => n.matches('[data-download], a[download]') || /download|csv|svg|png/i.test(n.textContent)).map((n) => n.outerHTML));
  const link = frame.locator('.open-full a', { hasText: /^Downloads/ });
  assert.equal(await link.count(), 1);
  return {
    buttons,
    href: await link.getAttribute('href'),
    target: await link.getAttribute('target'),
    rel: await link.getAttribute('rel'),
    link,
  };
}

/** The full explorer on the scenario, its share panel open and in view; a CSV downloads there. */
async function assertDownloadsThere(page) {
  const opened = new URL(page.url());
  assert.equal(opened.search, `?v=1&${SCENARIO}`, 'the same scenario');
  assert.equal(opened.searchParams.get('embed'), null, 'the full explorer, not the embed');
  assert.equal(opened.hash, '#share');
  await chartsDrawn(page);
  await page.waitForFunction(() => document.getElementById('share')?.open === true);
  const top = await page.$eval('#share', (panel) => panel.getBoundingClientRect().top);
  const height = await page.evaluate(() => innerHeight);
  assert.ok(top >= 0 && top < height / 2, `the share panel is in view (top ${top} of ${height})`);
  assert.equal(await page.inputValue('#number-cap'), '50');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-download="csv"]')]);
  assert.equal(download.suggestedFilename(), 'deal-explorer-r30-280-cap-50.csv');
}

test('in a WordPress frame the embed offers no download button, and its download link opens the full explorer at its downloads', async () => {
  const frameUrl = `${site.server.url}?embed=1&${SCENARIO}`;
  const host = await blog(`<!doctype html><html><head><meta charset="utf-8"><title>A WordPress post</title></head><body>
    <blockquote class="wp-embedded-content" data-secret="${SECRET}"><a href="${frameUrl}">Deal explorer</a></blockquote>
    <iframe class="wp-embedded-content" sandbox="allow-scripts" security="restricted"
      style="position: absolute; clip: rect(1px, 1px, 1px, 1px);" title="Deal explorer"
      src="${frameUrl}#?secret=${SECRET}" data-secret="${SECRET}" width="600" height="338"
      frameborder="0" marginwidth="0" marginheight="0" scrolling="no"></iframe>
    <script src="/wp-embed.js"></script>
  </body></html>`);
  const context = await site.browser.newContext({ viewport: { width: 900, height: 900 }, acceptDownloads: true });
  try {
    const { page, problems } = await watchedPage(context);
    await page.goto(host.url);
    const frame = page.frameLocator('iframe.wp-embedded-content');
    await page.waitForFunction(() => !document.querySelector('iframe.wp-embedded-content').hasAttribute('style'));
    const offered = await downloadsOffered(frame);
    assert.deepEqual(offered.buttons, [], 'no download button that a sandbox would silently stop');
    assert.equal(offered.href, `${site.server.url}?v=1&${SCENARIO}#share`);
    assert.equal(offered.target, '_blank');
    assert.match(offered.rel, /\bnoopener\b/);
    await offered.link.click();
    await page.waitForURL((url) => url.href.startsWith(site.server.url), { timeout: 10_000 });
    await assertDownloadsThere(page);
    // The link's own new tab is refused by the sandbox, as for "Open in the full explorer":
    // its default action stays, for a frame with WordPress's secret that is not sandboxed.
    assert.deepEqual(problems.filter((p) => !p.includes("whose 'allow-popups' permission is not set")), []);
  } finally {
    await context.close();
    await host.close();
  }
});

test('in a frame that may open popups, the download link opens the full explorer at its downloads in a new tab', async () => {
  const host = await blog(`<!doctype html><html><head><meta charset="utf-8"><title>A post</title></head><body>
    <iframe id="explorer" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" src="${site.server.url}?embed=1&${SCENARIO}"
      title="Deal explorer" style="width:100%;max-width:640px;height:640px;border:0"></iframe>
    <script src="${site.server.url}embed.js"></script>
  </body></html>`);
  const context = await site.browser.newContext({ viewport: { width: 900, height: 900 }, acceptDownloads: true });
  try {
    const { page, problems } = await watchedPage(context);
    await page.goto(host.url);
    const offered = await downloadsOffered(page.frameLocator('#explorer'));
    assert.deepEqual(offered.buttons, []);
    const [tab] = await Promise.all([context.waitForEvent('page'), offered.link.click()]);
    await tab.waitForLoadState();
    await assertDownloadsThere(tab);
    assert.equal(page.url(), host.url, 'the post stays where it was');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await host.close();
  }
});
