// Soak: thousands of scripted slider moves across every input. The app must keep answering,
// log no error, and hold its memory: wasm memory and JS heap at the end within 10% of what
// they were after the first 500 moves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { TEST_HOOKS_DIST, chartsDrawn, launch, watchedPage } from './browser.mjs';

const MOVES = Number(process.env.SOAK_MOVES ?? 5000);
const WARM_UP = 500;

let server;
let browser;

before(async () => {
  // The draw count it waits on is a test hook (`data-frames`), in the test build only.
  server = await startServer({ root: TEST_HOOKS_DIST });
  browser = await launch(['--js-flags=--expose-gc', '--enable-precise-memory-info']);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test(`${MOVES} slider moves across every input: no errors, still responsive, memory holds`, async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  // Trunk's loader announces the wasm instance; keep it to read its memory.
  await context.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; }));
  const { page, problems } = await watchedPage(context);
  await page.goto(server.url);
  await chartsDrawn(page);
  await page.click('#assumptions > summary');

  const run = (from, to) => page.evaluate(async ([from, to]) => {
    const ranges = Array.from(document.querySelectorAll('input[type=range]'));
    const frame = () => new Promise((ok) => requestAnimationFrame(ok));
    for (let i = from; i < to; i += 1) {
      const range = ranges[i % ranges.length];
      const min = Number(range.min);
      const steps = Math.round((Number(range.max) - min) / Number(range.step));
      range.value = String(min + Number(range.step) * ((i * 37) % (steps + 1)));
      range.dispatchEvent(new Event('input', { bubbles: true }));
      if (i % 7 === 6) range.dispatchEvent(new Event('change', { bubbles: true }));
      if (i % 10 === 9) await frame();
    }
    await frame();
    await frame();
  }, [from, to]);
  const memory = () => page.evaluate(() => {
    window.gc?.();
    return { wasm: window.__wasm.memory.buffer.byteLength, heap: performance.memory.usedJSHeapSize };
  });

  await run(0, WARM_UP);
  const early = await memory();
  await run(WARM_UP, MOVES);
  const late = await memory();

  assert.ok(late.wasm <= early.wasm * 1.1, `wasm memory grew from ${early.wasm} to ${late.wasm} bytes`);
  assert.ok(late.heap <= early.heap * 1.1, `JS heap grew from ${early.heap} to ${late.heap} bytes`);
  // Still responsive: a key press moves a slider and the chart redraws.
  const frames = Number(await page.getAttribute('canvas.chart', 'data-frames'));
  await page.click('[data-preset="base"]');
  await page.focus('#input-r30');
  await page.keyboard.press('Home');
  assert.equal(await page.inputValue('#number-r30'), '20');
  await page.waitForFunction((n) => Number(document.querySelector('canvas.chart').dataset.frames) > n, frames);
  assert.deepEqual(problems, []);
  console.log(`soak: wasm memory ${early.wasm} -> ${late.wasm} bytes, JS heap ${early.heap} -> ${late.heap} bytes`);
  await context.close();
});
