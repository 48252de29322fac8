// End-to-end: the release build (`make dist`) served from a sub-path, in Debian's Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, DARK_PHONE, chartChangedFrom, chartPixels, openExplorer, useSite } from './browser.mjs';

const site = useSite();

const open = (options = {}) => openExplorer(site, '', options);

const numberValue = (page) => page.inputValue('#number-r30');
const readout = (page, key) => page.textContent(`[data-readout="${key}"]`);

test('loads from a sub-path with every request answered and no console errors', async () => {
  const { context, page, problems, requests } = await open();
  assert.equal(await numberValue(page), '200');
  assert.equal(await readout(page, 'cap_year'), '2029');
  assert.deepEqual(problems, []);
  const own = requests.filter((url) => url.startsWith(site.server.url));
  assert.ok(own.some((url) => url.endsWith('.wasm')), `the wasm came from the sub-path: ${requests}`);
  assert.deepEqual(requests.filter((url) => !url.startsWith(site.server.url) && !url.startsWith('data:')), []);
  await page.screenshot({ path: join(ARTIFACTS, 'explorer.png'), fullPage: true });
  await context.close();
});

test('the keyboard moves the slider: the number, the readouts and the chart pixels change', async () => {
  const { context, page, problems } = await open();
  const pixels = await chartPixels(page);
  const oldTotal = await readout(page, 'total_old');
  await page.focus('#input-r30');
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight');
  // The number follows the reducer's render, a task after the key: wait for it, then read it.
  await page.waitForFunction(() => document.querySelector('#number-r30').value === '220');
  assert.equal(await numberValue(page), '220');
  assert.equal(await page.getAttribute('#input-r30', 'aria-valuetext'), '$220B');
  assert.notEqual(await readout(page, 'total_old'), oldTotal);
  await chartChangedFrom(page, pixels);
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.querySelector('#number-r30').value === '600');
  assert.deepEqual(problems, []);
  await context.close();
});

test('dragging the slider with the pointer redraws the chart', async () => {
  const { context, page, problems } = await open();
  const pixels = await chartPixels(page);
  const box = await page.locator('#input-r30').boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  for (let step = 1; step <= 10; step += 1) {
    await page.mouse.move(box.x + box.width * (0.3 - step * 0.025), y);
  }
  await page.mouse.up();
  const value = Number(await numberValue(page));
  assert.ok(value < 200 && value >= 20, `dragged left to ${value}`);
  await chartChangedFrom(page, pixels);
  assert.deepEqual(problems, []);
  await context.close();
});

test('typed values: out of range is clamped with a visible message, letters are rejected', async () => {
  const { context, page, problems } = await open();
  await page.fill('#number-r30', '9999');
  await page.press('#number-r30', 'Enter');
  assert.equal(await numberValue(page), '600');
  assert.equal(await page.inputValue('#input-r30'), '600');
  const message = page.locator('#message-r30');
  assert.equal(await message.textContent(), 'Adjusted to $600B: the range is $20B to $600B.');
  assert.ok(await message.isVisible());

  await page.fill('#number-r30', 'lots');
  await page.press('#number-r30', 'Enter');
  assert.equal(await message.textContent(), '“lots” is not a number. Enter a number from $20B to $600B.');
  assert.equal(await numberValue(page), '600', 'the value in force stays');

  await page.fill('#number-r30', '');
  await page.locator('#number-r30').blur();
  assert.match(await message.textContent(), /^The box is empty\./);

  await page.fill('#number-r30', '$80B');
  await page.press('#number-r30', 'Enter');
  assert.equal(await page.inputValue('#input-r30'), '80');
  assert.equal(await message.textContent(), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the chart is crisp on high-DPI screens: the backing store follows devicePixelRatio', async () => {
  const { context, page } = await open({ deviceScaleFactor: 2 });
  const size = await page.$eval('canvas.chart', (c) => ({ w: c.width, h: c.height, cw: c.clientWidth, ch: c.clientHeight }));
  assert.equal(size.w, size.cw * 2);
  assert.equal(size.h, size.ch * 2);
  await context.close();
});

test('dark mode and a phone-sized screen: themed, and no horizontal scrolling at 360 px', async () => {
  const { context, page, problems } = await open(DARK_PHONE);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, 'the page scrolls sideways');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(13, 17, 23)');
  // The chart's own background is dark too (top-left pixel).
  const corner = await page.$eval('canvas.chart', (c) => Array.from(c.getContext('2d').getImageData(1, 1, 1, 1).data));
  assert.ok(corner[0] < 60 && corner[1] < 60 && corner[2] < 60, `chart background ${corner}`);
  await page.screenshot({ path: join(ARTIFACTS, 'explorer-mobile-dark.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});
