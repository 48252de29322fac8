// Debian's Chromium, driven by playwright-core: a test tool's own browser download fails here.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const DIST = join(HERE, '..', '..', 'dist');
/** The build steps' binary, which `make dist` builds (`cargo run -p xtask`). */
export const XTASK = process.env.XTASK_BIN ?? join(HERE, '..', '..', 'target', 'debug', 'xtask');

/** Whether a file of the built folder is part of the first view, as the page loads it: the page,
 * the glue, the wasm and the stylesheet (not the single file, `embed.js`, the model document or
 * the preview pictures). */
export const inFirstView = (file) =>
  file === 'index.html' || /^deal-explorer-[0-9a-f]+(\.js|_bg\.wasm)$/.test(file) || /^style-[0-9a-f]+\.css$/.test(file);

/** A copy of dist/ at `folder` with its first view prerendered, as `make dist PRERENDER=1` has it. */
export function prerenderedCopy(folder) {
  cpSync(DIST, folder, { recursive: true });
  const run = spawnSync(XTASK, ['prerender', folder], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`xtask prerender failed: ${run.stderr}`);
  return folder;
}
/** The release build plus the test hooks (`make test-hooks-dist`): a panic trigger, and on each
 * chart's canvas its draw count (`data-frames`) and placed labels (`data-labels`). */
export const TEST_HOOKS_DIST = join(HERE, '..', '..', 'target', 'dist-test-hooks');
export const ARTIFACTS = join(HERE, 'artifacts');
/** A phone in dark mode, 360 px wide: the narrowest screen the page is held to. */
export const DARK_PHONE = {
  viewport: { width: 360, height: 800 },
  deviceScaleFactor: 2,
  colorScheme: 'dark',
  isMobile: true,
  hasTouch: true,
};

export async function launch(extraArgs = []) {
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

/**
 * A page that records what would otherwise pass silently: console errors, uncaught
 * exceptions, failed or non-2xx responses, and every request's URL.
 */
export async function watchedPage(context) {
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => requests.push(req.url()));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return { page, problems, requests };
}

/** Resolves once every chart canvas of a page or frame has been drawn at least once (each
 * canvas draws its first frame in a task of its own, so the first drawn is not yet all). */
export async function chartsDrawn(page) {
  await page.waitForFunction(() => {
    const canvases = [...document.querySelectorAll('canvas.chart')];
    return canvases.length > 0 && canvases.every((canvas) => canvas.dataset.drawn === 'true');
  }, null, { timeout: 20_000 });
}

/** The pixels of the first chart, as a data URL, to tell whether a redraw changed anything. */
export function chartPixels(page, selector = 'canvas.chart') {
  return page.$eval(selector, (canvas) => canvas.toDataURL('image/png'));
}

/** Waits until the chart's pixels differ from `before` (the redraw happens on the next frame). */
export async function chartChangedFrom(page, before, selector = 'canvas.chart') {
  await page.waitForFunction(
    ([sel, old]) => document.querySelector(sel)?.toDataURL('image/png') !== old,
    [selector, before],
    { timeout: 5_000 },
  );
}

/**
 * The built site on a local server under a blog-like sub-path, and a browser, for one test
 * file: started before its tests and stopped after them. `site.server` and `site.browser` are
 * there once `before` has run.
 */
export function useSite({ headers = {}, args = [], root = DIST } = {}) {
  const site = {};
  before(async () => {
    site.server = await startServer({ root, prefix: '/tools/deal/', headers });
    site.browser = await launch(args);
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

/** Opens the explorer at `query` in a fresh, watched context, once its charts are drawn. */
export async function openExplorer(site, query = '', options = {}) {
  const context = await site.browser.newContext({ viewport: { width: 1000, height: 900 }, ...options });
  const watched = await watchedPage(context);
  await watched.page.goto(`${site.server.url}${query}`);
  await chartsDrawn(watched.page);
  return { context, ...watched };
}

/** The page's inline scripts, as `{ attributes, code }`: what a policy must allow by hash. */
export function inlineScripts(html) {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)]
    .map(([, attributes, code]) => ({ attributes, code }));
}

/** The CSP hash source of a script's exact text (`sha256-…`, without the quotes). */
export function scriptHash(code) {
  return `sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}`;
}

/**
 * The built site served under the strict policy of the quality gates: scripts only from the
 * page's origin plus the hashes of its inline scripts (`inline` lists them, for checks), no
 * inline styles, wasm allowed, images only as data: URLs (the icon is one, in the page, so that
 * no slider move refetches it: requests.test.mjs).
 */
/** The inline scripts of the page in `root` and the quality gates' strict policy for it, which
 * allows exactly those (by hash), same-origin files and the wasm, and nothing else. */
export function strictPolicy(root = DIST) {
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const inline = inlineScripts(html).map((script) => script.code);
  const hashes = inline.map((code) => `'${scriptHash(code)}'`);
  const policy = `default-src 'self'; img-src data:; script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}; base-uri 'none'; object-src 'none'`;
  return { policy, inline };
}

export async function startStrictServer() {
  const { policy, inline } = strictPolicy();
  const server = await startServer({ root: DIST, prefix: '/tools/deal/', headers: { 'content-security-policy': policy } });
  return { server, inline };
}

/** Collects every CSP violation in the context's pages into `window.__violations`. */
export function recordViolations(context) {
  return context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}
