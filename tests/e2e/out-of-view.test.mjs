// End-to-end: a chart far out of view is not drawn while the reader drags (issue #16: on a
// laptop three charts were drawn every frame below the fold, and the frames missed their
// deadline). It is drawn with the newest values once the reader rests, or in the frame of a
// scroll that brings it within half a screen, before it comes into view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { TEST_HOOKS_DIST, openExplorer, useSite } from './browser.mjs';

// The draw counts (`data-frames`) and placed labels are test hooks, in the test build only.
const site = useSite({ root: TEST_HOOKS_DIST });
const LAPTOP = { viewport: { width: 1100, height: 900 } };

/**
 * Opens the page whole, at rest, and tells which charts are more than half a screen away. The
 * page gets `__drag(steps)`, which moves r30 one step a frame from 200, `steps` times, and
 * returns once the frame after the last input has come: in the page, so that a test can act
 * right after it, before the reader counts as resting.
 */
async function openAtRest() {
  const opened = await openExplorer(site, '', LAPTOP);
  await opened.page.waitForSelector('#share', { state: 'attached', timeout: 30_000 });
  await opened.page.evaluate(() => {
    window.__drag = async (steps) => {
      const range = document.querySelector('#input-r30');
      for (let i = 1; i <= steps; i += 1) {
        await new Promise((ok) => requestAnimationFrame(ok));
        range.value = String(200 + 5 * i);
        range.dispatchEvent(new Event('input', { bubbles: true }));
      }
      await new Promise((ok) => requestAnimationFrame(ok));
    };
  });
  await opened.page.waitForTimeout(500);
  const far = await opened.page.$$eval('canvas.chart', (canvases) =>
    canvases
      .filter((c) => c.getBoundingClientRect().top > 1.5 * innerHeight)
      .map((c) => c.dataset.chart));
  return { ...opened, far };
}

/** `__drag(steps)`, with each chart's draw count before and after. */
function drag(page, steps) {
  return page.evaluate(async (steps) => {
    const counts = () => Object.fromEntries([...document.querySelectorAll('canvas.chart')].map((c) => [c.dataset.chart, Number(c.dataset.frames)]));
    const before = counts();
    await window.__drag(steps);
    return { before, after: counts() };
  }, steps);
}

test('a chart far below the view waits while the reader drags, and then draws the last value', async () => {
  const { context, page, problems, far } = await openAtRest();
  assert.deepEqual(far, ['take', 'traded'], 'the charts two screens down at 1100 × 900');
  const { before, after } = await drag(page, 30);
  // The chart in view drew every input; the far ones none.
  assert.ok(after.revenue - before.revenue >= 25, `revenue drew ${after.revenue - before.revenue} times in 30 frames`);
  for (const chart of far) assert.equal(after[chart], before[chart], `${chart} drew during the drag`);
  // At rest, each draws once, with the drag's last value (r30 350).
  for (const chart of far) {
    await page.waitForFunction(([chart, n]) => Number(document.querySelector(`canvas[data-chart="${chart}"]`).dataset.frames) > n, [chart, after[chart]], { timeout: 3000 });
  }
  const labels = await page.$eval('canvas[data-chart="traded"]', (c) => c.dataset.labels);
  assert.ok(labels.includes('at $350B'), labels);
  assert.deepEqual(problems, []);
  await context.close();
});

test('scrolling to a waiting chart draws it in the frame that shows it, before any rest', async () => {
  const { context, page, problems } = await openAtRest();
  const drawnInFrame = await page.evaluate(async () => {
    const traded = document.querySelector('canvas[data-chart="traded"]');
    await window.__drag(10);
    const waiting = Number(traded.dataset.frames);
    const stale = !traded.dataset.labels.includes('at $250B');
    const started = performance.now();
    traded.scrollIntoView();
    // The frame that paints the page scrolled: its scroll event has run by its animation-frame
    // callbacks.
    await new Promise((ok) => requestAnimationFrame(ok));
    return { stale, drawn: Number(traded.dataset.frames) > waiting, labels: traded.dataset.labels, ms: performance.now() - started };
  });
  assert.ok(drawnInFrame.stale, 'the chart far down had drawn the drag before the scroll');
  assert.ok(drawnInFrame.ms < 400, `the frame came ${drawnInFrame.ms} ms after the scroll, past the rest`);
  assert.ok(drawnInFrame.drawn, 'the chart scrolled into view was not drawn in that frame');
  assert.ok(drawnInFrame.labels.includes('at $250B'), drawnInFrame.labels);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a PNG saved right after a drag shows the drag’s last value, though its chart was waiting out of view', async () => {
  const { context, page, problems } = await openAtRest();
  await page.click('#share > summary');
  // The share panel in view, the charts far above it.
  await page.$eval('[data-download="revenue-png"]', (button) => button.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(500);
  const [file, waited] = await Promise.all([
    page.waitForEvent('download'),
    page.evaluate(async () => {
      const chart = document.querySelector('canvas[data-chart="revenue"]');
      const far = chart.getBoundingClientRect().bottom < -innerHeight / 2;
      const frames = chart.dataset.frames;
      await window.__drag(10);
      // The reader clicks at once, before resting.
      const stale = chart.dataset.frames === frames;
      document.querySelector('[data-download="revenue-png"]').click();
      return { far, stale };
    }),
  ]);
  assert.ok(waited.far, 'the revenue chart was not far from the view');
  assert.ok(waited.stale, 'the chart had drawn the drag before the click: nothing to catch up');
  const saved = await readFile(await file.path());
  // The chart at rest, drawn with r30 250, as a PNG: the saved file must be the same picture.
  await page.waitForTimeout(600);
  const atRest = await page.$eval('canvas[data-chart="revenue"]', (c) => new Promise((ok) => c.toBlob(async (blob) => {
    ok(Array.from(new Uint8Array(await blob.arrayBuffer())));
  }, 'image/png')));
  assert.ok(saved.equals(Buffer.from(atRest)), 'the PNG saved is not the chart of the scenario on the page');
  assert.deepEqual(problems, []);
  await context.close();
});
