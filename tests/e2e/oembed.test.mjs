// End-to-end: oEmbed discovery. `xtask oembed` (what `make dist PUBLIC_URL=…` runs) is run here
// on a copy of dist/ with PUBLIC_URL set to this test's own server, which then serves the copy
// under /tools/deal/. A consumer's steps are taken as WordPress 6.1 takes them
// (`WP_oEmbed::discover` and `fetch` in wp-includes/class-wp-oembed.php): read the page's head
// for the discovery link, fetch its href with the consumer's query added, read the JSON, and
// here also open the frame it embeds in Chromium to see that it shows the right scenario.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, XTASK, chartsDrawn, inFirstView, launch, recordViolations, strictPolicy, watchedPage } from './browser.mjs';
import { startServer } from './server.mjs';

const LINK_TYPE = 'application/json+oembed';

const TEMP = mkdtempSync(join(tmpdir(), 'deal-oembed-'));
const copyOfDist = (name) => {
  const folder = join(TEMP, name);
  cpSync(DIST, folder, { recursive: true });
  return folder;
};
const PUBLISHED = copyOfDist('published');

// The folder on a static host that allows cross-origin reads, as a sandboxed frame needs, and
// sends the strict policy of the quality gates, under
// /tools/deal/ (as `useSite` serves dist/); its address is known only once it listens, so the
// step runs after that (the server reads the files at each request).
const site = {};
const oembed = (folder, ...publicUrl) =>
  spawnSync(XTASK, ['oembed', folder, ...publicUrl], { encoding: 'utf8' });

before(async () => {
  site.server = await startServer({
    root: PUBLISHED,
    prefix: '/tools/deal/',
    headers: { 'access-control-allow-origin': '*', 'content-security-policy': strictPolicy().policy },
  });
  const run = oembed(PUBLISHED, site.server.url);
  assert.equal(run.status, 0, `xtask oembed failed: ${run.stderr}`);
  site.browser = await launch();
});

after(async () => {
  await site.browser?.close();
  await site.server?.close();
  rmSync(TEMP, { recursive: true, force: true });
});

// The pages a writer pastes, the response each links and what its frame must show. The presets'
// revenue paths as model/src/presets.rs has them; base is the defaults.
const SCENARIOS = [
  { page: '', response: 'default', query: {}, r30: '200' },
  { page: 'bear.html', response: 'bear', query: { r26: '25', r30: '80', g: '10' }, r30: '80' },
  { page: 'base.html', response: 'base', query: {}, r30: '200' },
  { page: 'bull.html', response: 'bull', query: { r30: '280', g: '20' }, r30: '280' },
];

/** PHP's htmlspecialchars_decode, as WordPress applies it to the href. */
const decode = (text) =>
  text.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The oEmbed links in a page's head, read the way WordPress reads them. */
function discoveryLinks(html) {
  const end = html.toLowerCase().indexOf('</head>');
  assert.ok(end > 0, 'the page has a head');
  assert.ok(end < 153_600, 'the head ends within the 150 KB WordPress reads');
  const links = [];
  for (const [, attributes] of html.slice(0, end).matchAll(/<link([^<>]+)\/?>/gi)) {
    const attribute = (name) => attributes.match(new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, 'i'))?.[1];
    if (attribute('type') === LINK_TYPE && attribute('href')) links.push(decode(attribute('href')));
  }
  return links;
}

async function get(url) {
  const response = await fetch(url);
  assert.equal(response.status, 200, url);
  return response;
}

/** Discovers and fetches the response for a page, with the query WordPress adds. */
async function discover(pageUrl) {
  const links = discoveryLinks(await (await get(pageUrl)).text());
  assert.equal(links.length, 1, `one discovery link in ${pageUrl}: ${links}`);
  const endpoint = new URL(links[0]);
  for (const [key, value] of Object.entries({ maxwidth: '600', maxheight: '1000', url: pageUrl, dnt: '1', format: 'json' })) {
    endpoint.searchParams.set(key, value);
  }
  const response = await get(endpoint);
  assert.match(response.headers.get('content-type'), /^application\/json/);
  return { href: links[0], json: await response.json() };
}

/** The `content` of each `<meta>` in a page's head whose `property` or `name` is `key`. */
function metaContents(html, key) {
  const head = html.slice(0, html.toLowerCase().indexOf('</head>'));
  const found = [];
  for (const [, attributes] of head.matchAll(/<meta([^<>]+)\/?>/gi)) {
    const attribute = (name) => attributes.match(new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, 'i'))?.[1];
    if (attribute('property') === key || attribute('name') === key) found.push(decode(attribute('content')));
  }
  return found;
}

/** Fetches a picture as a link preview's scraper does: a PNG of the stated size. */
async function picture(url) {
  const response = await get(url);
  assert.equal(response.headers.get('content-type'), 'image/png', url);
  const bytes = Buffer.from(await response.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${url} is a PNG`);
  assert.equal(bytes.toString('latin1', 12, 16), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bytes };
}

/** The response's one iframe and script addresses, as a browser reads the attributes. */
function snippetParts(html) {
  const frames = [...html.matchAll(/<iframe\s[^>]*\bsrc="([^"]*)"[^>]*>/g)];
  assert.equal(frames.length, 1, `one iframe in ${html}`);
  const script = html.match(/<script\s[^>]*\bsrc="([^"]*)"/);
  return {
    frame: new URL(decode(frames[0][1])),
    height: frames[0][0].match(/\bheight="(\d+)"/)?.[1],
    script: script && new URL(decode(script[1])),
  };
}

for (const scenario of SCENARIOS) {
  test(`${scenario.page || 'the explorer'} links its oEmbed response, which embeds the ${scenario.response} scenario`, async () => {
    const pageUrl = `${site.server.url}${scenario.page}`;
    const { href, json } = await discover(pageUrl);
    assert.equal(href, `${site.server.url}oembed/${scenario.response}.json`);
    assert.equal(json.type, 'rich');
    assert.equal(json.version, '1.0');
    assert.ok(Number.isInteger(json.width) && json.width > 0, `width ${json.width}`);
    assert.ok(Number.isInteger(json.height) && json.height > 0, `height ${json.height}`);
    assert.equal(typeof json.title, 'string');
    assert.match(json.title, /deal explorer/);
    assert.equal(json.provider_name, 'deal-explorer');
    assert.equal(json.provider_url, site.server.url);
    // The scenario's preview picture, all three thumbnail fields as the spec wants them.
    const image = `${site.server.url}${scenario.response === 'default' ? 'og' : `og-${scenario.response}`}.png`;
    assert.equal(json.thumbnail_url, image);
    assert.equal(json.thumbnail_width, 1200);
    assert.equal(json.thumbnail_height, 630);
    const thumbnail = await picture(json.thumbnail_url);
    assert.deepEqual([thumbnail.width, thumbnail.height], [1200, 630]);
    assert.ok(thumbnail.bytes.length < 100_000, `${thumbnail.bytes.length} bytes`);

    // The pasted page's link preview: Open Graph and Twitter card tags, one of each, with
    // absolute addresses that answer.
    const html = await (await get(pageUrl)).text();
    const one = (key) => {
      const found = metaContents(html, key);
      assert.equal(found.length, 1, `one ${key} in ${pageUrl}: ${found}`);
      return found[0];
    };
    assert.equal(one('og:type'), 'website');
    assert.equal(one('og:title'), json.title);
    assert.equal(one('og:url'), pageUrl);
    assert.equal(one('og:image'), image);
    assert.match(one('og:description'), /OpenAI pays Microsoft \$[\d.]+[BM] in total under the new terms, against \$[\d.]+[BM] under the old terms/);
    assert.match(one('og:image:alt'), /^OpenAI–Microsoft deal explorer charts\. .*\. .*OpenAI pays Microsoft/);
    assert.equal(one('twitter:card'), 'summary_large_image');
    assert.ok(one('og:description').length <= 200);
    // X takes the title, description and image from the Open Graph tags.
    assert.equal(one('twitter:image:alt'), one('og:image:alt'));
    for (const name of ['twitter:title', 'twitter:description', 'twitter:image']) {
      assert.deepEqual(metaContents(html, name), [], name);
    }

    // The frame: the folder itself (not the preset page), embedded, on this scenario.
    const { frame, height, script } = snippetParts(json.html);
    assert.equal(`${frame.origin}${frame.pathname}`, site.server.url);
    assert.equal(frame.searchParams.get('embed'), '1');
    for (const key of ['r26', 'r30', 'g']) {
      assert.equal(frame.searchParams.get(key), scenario.query[key] ?? null, `${key} in ${frame}`);
    }
    assert.equal(height, String(json.height), 'the frame is as tall as the response says');
    assert.equal(script?.href, `${site.server.url}embed.js`);
    await get(script);
    // For hosts that drop the iframe: a link to the explorer on this scenario, with the
    // defaults' picture beside the page (the share panel's snippet links the same one).
    const fallback = json.html.match(/<\/iframe>\n<a href="([^"]*)"><img src="([^"]*)" alt="([^"]*)" width="600" height="315"/);
    assert.ok(fallback, json.html);
    const link = new URL(decode(fallback[1]));
    assert.equal(`${link.origin}${link.pathname}`, site.server.url);
    assert.equal(link.searchParams.get('embed'), null, 'the link opens the full explorer');
    for (const key of ['r26', 'r30', 'g']) {
      assert.equal(link.searchParams.get(key), scenario.query[key] ?? null, `${key} in ${link}`);
    }
    assert.equal(decode(fallback[2]), `${site.server.url}og.png`);
    assert.equal(fallback[3], 'OpenAI–Microsoft deal explorer');
    await picture(decode(fallback[2]));

    // Opened at the response's size, as WordPress frames it (its secret in the fragment): the
    // embed view, on this scenario, within the stated height, asking nothing of other origins.
    const context = await site.browser.newContext({ viewport: { width: json.width, height: json.height } });
    await recordViolations(context);
    try {
      const { page, problems, requests } = await watchedPage(context);
      await page.goto(`${frame.href}#?secret=Xy12AbCdEf`);
      await chartsDrawn(page);
      assert.equal(await page.inputValue('#number-r30'), scenario.r30);
      assert.equal(await page.isVisible('header.masthead'), false, 'the compact embed view');
      const tall = await page.evaluate(() => document.documentElement.scrollHeight);
      assert.ok(tall <= json.height, `${tall}px tall in a ${json.width}px frame, response says ${json.height}`);
      assert.deepEqual(problems, []);
      assert.deepEqual(await page.evaluate(() => window.__violations), [], 'the strict CSP holds');
      assert.deepEqual(requests.filter((url) => !url.startsWith(`${site.server.origin}/`)), []);

      // The page that was pasted opens on the same scenario, and loading its discovery link
      // is no request of the browser's.
      const pasted = await watchedPage(context);
      await pasted.page.goto(pageUrl);
      await chartsDrawn(pasted.page);
      assert.equal(await pasted.page.inputValue('#number-r30'), scenario.r30);
      assert.deepEqual(pasted.problems, []);
      assert.deepEqual(await pasted.page.evaluate(() => window.__violations), [], 'the strict CSP holds on the pasted page');
      assert.deepEqual(pasted.requests.filter((url) => !url.startsWith(`${site.server.origin}/`) || url.includes('/oembed/')), []);
    } finally {
      await context.close();
    }
  });
}

test('the response works framed as WordPress frames a discovered one: iframe only, sandboxed, another origin', async () => {
  const { json } = await discover(`${site.server.url}bull.html`);
  // wp_filter_oembed_result (wp-includes/embed.php, 6.1): for a provider it does not know,
  // only the iframe and a few attributes survive, the src gets a secret, and the frame is
  // sandboxed to scripts; embed.js does not survive.
  const iframe = json.html.match(/<iframe[^>]*><\/iframe>/)[0];
  const kept = iframe
    .replace(/\s(style|loading)="[^"]*"/g, '')
    .replace(/ src="([^"]*)"/, ' src="$1#?secret=Xy12AbCdEf" data-secret="Xy12AbCdEf"')
    .replace('<iframe', '<iframe class="wp-embedded-content" sandbox="allow-scripts" security="restricted"');
  assert.doesNotMatch(kept, /style=|<script/);
  const post = `<!doctype html><html><head><meta charset="utf-8"><title>A post</title></head><body><h1>A post</h1>${kept}</body></html>`;
  const host = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(post));
  await new Promise((ok) => host.listen(0, '127.0.0.1', ok));
  const context = await site.browser.newContext({ viewport: { width: 900, height: 900 } });
  try {
    const { page, problems } = await watchedPage(context);
    await page.goto(`http://127.0.0.1:${host.address().port}/post.html`);
    const frame = page.frameLocator('iframe.wp-embedded-content');
    await frame.locator('canvas.chart[data-drawn="true"]').first().waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator('#number-r30').inputValue(), '280');
    // A sandboxed frame cannot write its history; the explorer says so and goes on.
    assert.deepEqual(problems.filter((p) => !p.includes('the address bar cannot follow the scenario here')), []);
  } finally {
    await context.close();
    await new Promise((ok) => host.close(ok));
  }
});

test("a consumer's query on the page or the response is ignored, never a panic", async () => {
  const plain = await (await get(`${site.server.url}oembed/default.json`)).json();
  const odd = await (await get(`${site.server.url}oembed/default.json?url=%E0%A4%A&maxwidth=abc&format=xml&maxheight=-5`)).json();
  assert.deepEqual(odd, plain, 'a static response is the same whatever the query');
  const context = await site.browser.newContext({ viewport: { width: 700, height: 640 } });
  try {
    const { page, problems } = await watchedPage(context);
    await page.goto(`${site.server.url}?url=%E0%A4%A&format=xml&maxwidth=abc&maxheight=-5&dnt=1&embed=1`);
    await chartsDrawn(page);
    assert.equal(await page.inputValue('#number-r30'), '200');
    assert.deepEqual(problems.filter((p) => p.startsWith('page error')), []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('without PUBLIC_URL the build writes no discovery link and no preview tags, and a run without one removes them', () => {
  for (const file of ['index.html', 'deal-explorer.html']) {
    const html = readFileSync(join(DIST, file), 'utf8');
    assert.doesNotMatch(html, /json\+oembed/, `dist/${file}`);
    assert.doesNotMatch(html, /property="og:|name="twitter:/, `dist/${file}`);
  }
  assert.equal(existsSync(join(DIST, 'oembed')), false, 'dist/oembed');
  // The defaults' picture is there all the same: the share panel's snippet links it.
  const png = readFileSync(join(DIST, 'og.png'));
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1200, 630]);
  assert.equal(existsSync(join(DIST, 'og-bull.png')), false, 'dist/og-bull.png');
  // The single file is never given one: it has no address of its own.
  assert.doesNotMatch(readFileSync(join(PUBLISHED, 'deal-explorer.html'), 'utf8'), /json\+oembed/);

  // A published copy built again without an address: the index as the build made it, and
  // nothing with a stale address left.
  const again = join(TEMP, 'again');
  cpSync(PUBLISHED, again, { recursive: true });
  assert.ok(existsSync(join(again, 'oembed', 'bull.json')));
  const run = oembed(again, '');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /no PUBLIC_URL/);
  assert.equal(readFileSync(join(again, 'index.html'), 'utf8'), readFileSync(join(DIST, 'index.html'), 'utf8'));
  for (const stale of ['oembed', 'bear.html', 'base.html', 'bull.html', 'og-bear.png', 'og-base.png', 'og-bull.png']) {
    assert.equal(existsSync(join(again, stale)), false, stale);
  }
  assert.deepEqual(readFileSync(join(again, 'og.png')), png, 'the same picture with or without an address');
});

test('a PUBLIC_URL that is not an absolute address stops the build and writes nothing', () => {
  for (const wrong of ['tools/deal/', 'https://example.org/?r30=280', 'https://example.org/"><script>/']) {
    const folder = copyOfDist(`wrong-${wrong.length}`);
    const run = oembed(folder, wrong);
    assert.notEqual(run.status, 0, wrong);
    assert.match(run.stderr, /PUBLIC_URL/);
    assert.equal(existsSync(join(folder, 'oembed')), false, wrong);
    assert.equal(readFileSync(join(folder, 'index.html'), 'utf8'), readFileSync(join(DIST, 'index.html'), 'utf8'));
  }
});

// The published build's head carries the discovery link and the preview tags: its first view
// (the page, the glue, the wasm and the stylesheet, as quality.test.mjs counts them) must stay
// within the same 180 KB gzip as the plain build's.
test('with PUBLIC_URL the first view still loads at most 180 KB gzip', () => {
  let total = 0;
  const counted = [];
  for (const file of readdirSync(PUBLISHED)) {
    if (inFirstView(file)) {
      total += gzipSync(readFileSync(join(PUBLISHED, file)), { level: 9 }).length;
      counted.push(file);
    }
  }
  assert.equal(counted.length, 4, counted.join(' '));
  const kb = (bytes) => (bytes / 1024).toFixed(2);
  assert.ok(total <= 180 * 1024, `published first view ${kb(total)} KB gzip, over the budget`);
  console.log(`published first view ${kb(total)} KB gzip`);
});
