// The Hugo shortcode (integrations/hugo) in a real Hugo site, built by Debian's `hugo`
// (`make hugo`): the site is served on one origin and the built explorer, under its strict
// policy, on another, and the post is driven in Chromium. Two explorers in one post, with
// Hugo's default markup settings: each frame is sized to its content by embed.js, shows the
// scenario and chart it was given and the theme it was given, and both follow the blog's own
// theme toggle; nothing is asked of a third origin. A shortcode without `src`, or with a chart
// or theme the explorer does not know, fails the build.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ARTIFACTS, HERE, chartsDrawn, launch, recordViolations, startStrictServer, watchedPage } from './browser.mjs';
import { startServer } from './server.mjs';

const run = promisify(execFile);
const HUGO = process.env.HUGO ?? 'hugo';
const INTEGRATION = join(HERE, '..', '..', 'integrations', 'hugo');
const TITLE = 'OpenAI–Microsoft deal explorer';
const DARK = 'rgb(13, 17, 23)';
const LIGHT = 'rgb(255, 255, 255)';

/** Hugo's version line; fails, not skips, when Debian's `hugo` is not installed. */
async function hugoVersion() {
  try {
    return (await run(HUGO, ['version'])).stdout.trim();
  } catch (err) {
    throw new Error(`\`${HUGO}\` cannot be run (${err.code ?? err.message}): run \`make hugo\` to install Debian's hugo package`);
  }
}

/**
 * A minimal Hugo site in `dir` that takes the integration as a theme component, the way its
 * README says to install it, with `content/post.md` as given and Hugo's default markup
 * settings (no unsafe HTML). The layout has the blog's own theme toggle, an external script.
 */
async function makeSite(dir, post) {
  await mkdir(join(dir, 'content'), { recursive: true });
  await mkdir(join(dir, 'layouts', '_default'), { recursive: true });
  await mkdir(join(dir, 'static'), { recursive: true });
  await cp(INTEGRATION, join(dir, 'themes', 'deal-explorer'), { recursive: true });
  await writeFile(join(dir, 'hugo.toml'), [
    'title = "A blog"',
    'theme = ["deal-explorer"]',
    'disableKinds = ["home", "section", "taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]',
    '',
  ].join('\n'));
  await writeFile(join(dir, 'layouts', '_default', 'single.html'), `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }}</title><link rel="icon" href="{{ "icon.svg" | relURL }}">
<script src="{{ "toggle.js" | relURL }}" defer></script></head>
<body>
<button type="button" id="blog-theme">Dark mode</button>
<h1>{{ .Title }}</h1>
{{ .Content }}
</body>
</html>
`);
  await writeFile(join(dir, 'static', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>');
  // The blog's toggle: its own colours, then the explorers'.
  await writeFile(join(dir, 'static', 'toggle.js'), `document.addEventListener('DOMContentLoaded', function () {
  var button = document.getElementById('blog-theme');
  button.addEventListener('click', function () {
    var dark = document.documentElement.getAttribute('data-theme') !== 'dark';
    document.documentElement.setAttribute('data-theme', dark ? 'dark' : 'light');
    button.textContent = dark ? 'Light mode' : 'Dark mode';
    if (window.DealExplorer) window.DealExplorer.setTheme(dark ? 'dark' : 'light');
  });
});
`);
  await writeFile(join(dir, 'content', 'post.md'), post);
}

/** Builds the site in `dir`; resolves to Hugo's output, or rejects with it. */
async function build(dir, baseURL = 'http://127.0.0.1/') {
  try {
    const { stdout, stderr } = await run(HUGO, ['--source', dir, '--destination', 'public', '--baseURL', baseURL, '--noBuildLock']);
    return { ok: true, output: stdout + stderr };
  } catch (err) {
    return { ok: false, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

/** Polls `check` until it returns a truthy value, or fails with `what` after `ms`. */
async function until(check, what, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

let browser;
let tmp;
before(async () => {
  await hugoVersion();
  tmp = await mkdtemp(join(tmpdir(), 'deal-explorer-hugo-'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

test('a Hugo post with two explorers: sized by embed.js, on their scenarios, charts and themes, following the blog’s toggle', async (t) => {
  t.diagnostic(await hugoVersion());
  const dir = join(tmp, 'site');
  // The explorer under the quality gates' strict policy; the blog under one of its own that
  // allows no inline script and frames and scripts only from the explorer's origin. The
  // shortcode's frame has the share panel's inline `style` attribute: style-src-attr.
  const { server: explorer } = await startStrictServer();
  const blogPolicy = [
    "default-src 'self'",
    `script-src 'self' ${explorer.origin}`,
    `frame-src ${explorer.origin}`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
  const blog = await startServer({ root: join(dir, 'public'), prefix: '/', headers: { 'content-security-policy': blogPolicy } });
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, colorScheme: 'light' });
  try {
    // The first: the folder without its trailing slash, a query copied from the address bar
    // with its `?`, chart and theme in any case. The second: the page itself, a plain query,
    // its own height, the reader's system theme.
    const folder = explorer.url.replace(/\/$/, '');
    await makeSite(dir, `---
title: What the cap costs Microsoft
---
Suppose OpenAI makes $280B in 2030 and the cap is $50B:

{{< deal-explorer src="${folder}" query="?v=1&r30=280&cap=50" chart="Cap" theme="dark" >}}

And at $150B, in 2029, what Microsoft traded:

{{< deal-explorer src="${explorer.url}index.html" query="r30=150&year=2029" chart="traded" height="700" >}}

After the explorers.
`);
    const built = await build(dir, blog.url);
    assert.ok(built.ok, built.output);
    assert.doesNotMatch(built.output, /WARN|ERROR/, 'a clean build');

    // The markup is the share panel's snippet (model/src/share.rs, embed_snippet), embed.js
    // once for both, and no inline script.
    const html = await readFile(join(dir, 'public', 'post', 'index.html'), 'utf8');
    const frame = (src, height) => `<iframe src="${src}" title="${TITLE}" width="100%" height="${height}" style="border:0;max-width:800px" loading="lazy"></iframe>`;
    assert.deepEqual(html.match(/<iframe[^>]*><\/iframe>/g), [
      frame(`${explorer.url}?embed=1&amp;v=1&amp;r30=280&amp;cap=50&amp;chart=cap&amp;theme=dark`, 640),
      frame(`${explorer.url}index.html?embed=1&amp;r30=150&amp;year=2029&amp;chart=traded`, 700),
    ]);
    assert.deepEqual(html.match(/<script[^>]*>[^<]*<\/script>/g), [
      `<script src="/toggle.js" defer></script>`,
      `<script src="${explorer.url}embed.js" async></script>`,
    ]);
    assert.ok(html.includes(`${frame(`${explorer.url}?embed=1&amp;v=1&amp;r30=280&amp;cap=50&amp;chart=cap&amp;theme=dark`, 640)}\n<script src="${explorer.url}embed.js" async></script>`),
      'the script right after the first frame, as in the snippet');

    const requests = [];
    context.on('request', (req) => requests.push(req.url()));
    await recordViolations(context);
    const { page, problems } = await watchedPage(context);
    await page.goto(`${blog.url}post/`);

    const cases = [
      { index: 0, r30: '280', cap: '50', year: null, chart: 'cap', theme: 'dark', background: DARK, attr: 640 },
      { index: 1, r30: '150', cap: null, year: '2029', chart: 'traded', theme: null, background: LIGHT, attr: 700 },
    ];
    const handles = [];
    for (const c of cases) {
      const element = page.locator('iframe').nth(c.index);
      await element.scrollIntoViewIfNeeded();
      const frame = await (await element.elementHandle()).contentFrame();
      assert.ok(frame, `frame ${c.index} loaded`);
      await chartsDrawn(frame);
      handles.push({ ...c, element, frame });
    }

    for (const { index, element, frame, attr, ...want } of handles) {
      // The scenario and the chart asked for.
      assert.equal(await frame.inputValue('#number-r30'), want.r30, `frame ${index}: r30`);
      if (want.cap) assert.equal(await frame.inputValue('#number-cap'), want.cap, `frame ${index}: cap`);
      if (want.year) assert.equal(await frame.inputValue('#number-year'), want.year, `frame ${index}: year`);
      assert.deepEqual(await frame.$$eval('canvas.chart', (list) => list.map((c) => c.dataset.chart)), [want.chart], `frame ${index}: chart`);
      assert.equal(await frame.getAttribute(`[data-chart-tab="${want.chart}"]`, 'aria-pressed'), 'true');
      assert.equal(await frame.locator('.notice-bar').count(), 0, `frame ${index}: the explorer took the query as written`);
      // The theme asked for, or the reader's system's.
      assert.equal(await frame.evaluate(() => document.documentElement.getAttribute('data-theme')), want.theme, `frame ${index}: theme`);
      assert.equal(await frame.evaluate(() => getComputedStyle(document.body).backgroundColor), want.background, `frame ${index}: background`);
      // embed.js gives the frame the height of the explorer's content, not the attribute's.
      const sized = await until(async () => {
        const content = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
        const set = await element.evaluate((f) => [f.style.height, f.getAttribute('data-deal-explorer-height'), f.getBoundingClientRect().height]);
        return set[0] === `${content}px` && set[1] === String(content) && Math.round(set[2]) === content && { content };
      }, `frame ${index} sized to its content`);
      assert.notEqual(sized.content, attr, `frame ${index}: sized by embed.js, not left at ${attr}`);
      assert.ok(sized.content > 300 && sized.content < 3000, `frame ${index}: ${sized.content}px`);
      const scroll = await frame.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight);
      assert.equal(scroll, 0, `frame ${index}: no scrolling inside the frame`);
    }

    // The blog's toggle darkens both explorers, then lightens both.
    for (const [theme, background] of [['dark', DARK], ['light', LIGHT]]) {
      await page.click('#blog-theme');
      for (const { index, frame } of handles) {
        await frame.waitForSelector(`html[data-theme="${theme}"]`, { timeout: 5_000 });
        assert.equal(await frame.evaluate(() => getComputedStyle(document.body).backgroundColor), background, `frame ${index} after the toggle`);
      }
    }
    await page.screenshot({ path: join(ARTIFACTS, 'hugo-post.png'), fullPage: true });

    // Two origins, nothing else; embed.js fetched once; no policy broken anywhere.
    const origins = new Set(requests.map((url) => new URL(url).origin));
    assert.deepEqual([...origins].sort(), [blog.origin, explorer.origin].sort(), requests.join('\n'));
    assert.equal(explorer.requests.filter((path) => path === '/tools/deal/embed.js').length, 1);
    for (const frame of page.frames()) {
      assert.deepEqual(await frame.evaluate(() => window.__violations), [], `CSP violations in ${frame.url()}`);
    }
    assert.deepEqual(problems, [], `blog: ${blog.requests.join(' ')}`);
  } finally {
    await context.close();
    await blog.close();
    await explorer.close();
  }
});

test('a shortcode without src, or with a chart or theme the explorer does not know, fails the Hugo build and says why', async () => {
  const cases = [
    ['query="r30=280"', /deal-explorer shortcode: missing src, the explorer's address/],
    ['src="https://example.org/tools/deal/" chart="pie"', /chart "pie" is not one of revenue, cap, take or traded/],
    ['src="https://example.org/tools/deal/" theme="sepia"', /theme "sepia" is not light, dark or auto/],
    ['src="https://example.org/tools/deal/" heigth="700"', /unknown parameter "heigth"/],
    ['src="javascript:alert(1)"', /is not an http\(s\) address or a path/],
  ];
  for (const [params, message] of cases) {
    const dir = join(tmp, `broken-${cases.findIndex((c) => c[0] === params)}`);
    await makeSite(dir, `---\ntitle: Broken\n---\n{{< deal-explorer ${params} >}}\n`);
    const built = await build(dir);
    assert.equal(built.ok, false, `${params}: the build should fail\n${built.output}`);
    assert.match(built.output, message, params);
    assert.match(built.output, /post\.md:4:1/, `${params}: the error names the post and line`);
  }
});
