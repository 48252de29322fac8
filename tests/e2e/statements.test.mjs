// What the page says: the corrected statements of the methodology and the inputs' help hold and
// the wrong ones are gone, the model document ships with the site, every link stays on it, the
// `covered` input works from a link, the slider and typed values, and the uncertainty readouts
// set the spread of total payments under each terms against the model's ensemble.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openExplorer, useSite } from './browser.mjs';
import { close, ensemble, headline, ledgerRows } from './model.mjs';

const site = useSite();

async function methodologyText(page) {
  await page.click('#methodology > summary');
  return page.textContent('#methodology');
}

test('the methodology states the corrected facts and none of the wrong ones', async () => {
  const { context, page, problems } = await openExplorer(site);
  const text = await methodologyText(page);
  // The defaults give $96B gross, not the reported ~$135B; about $317B of 2030 revenue would.
  const rows = ledgerRows('');
  const gross = rows.filter((r) => r.year <= 2030).reduce((sum, r) => sum + r.share_old, 0);
  assert.equal(Math.round(gross), 96, 'the model gives $96B at the defaults');
  assert.match(text, /defaults do not reproduce it: they give \$96B/);
  assert.match(text, /about \$317B would be needed to reach \$135B/);
  assert.match(text, /\$38B cap plus about \$97B of reported savings/);
  // (0.20 × 3.7 − 0.4938) / 3.7 = 0.0665: about 6.7%.
  assert.equal(((0.2 * 3.7 - 0.4938) / 3.7 * 100).toFixed(1), '6.7');
  assert.match(text, /about 6\.7% of OpenAI's revenue/);
  assert.match(text, /\$7\.5 billion in earnings/);
  assert.match(text, /\$7\.6B of net income/);
  assert.match(text, /one-time gain on dilution/);
  assert.match(text, /AGI clause governed exclusivity/);
  assert.match(text, /median\) is your path/);
  for (const wrong of [/so the totals match/, /6\.6%/, /declaring AGI/, /the totals match the reported/]) {
    assert.doesNotMatch(text, wrong);
  }
  // Each fact carries one of the spec's kinds; the valuation is reported, not filed.
  const kinds = await page.$$eval('#methodology table.facts tbody tr', (trs) =>
    trs.map((tr) => [tr.querySelector('th').textContent, tr.querySelectorAll('td')[1].textContent, tr.querySelectorAll('td')[2].textContent]));
  const allowed = /^(filed|reported|reported, not confirmed|plan|projection|leaked|announced)$/;
  for (const [fact, kind, source] of kinds) {
    assert.match(kind, allowed, fact);
    assert.ok(source.trim().length > 0, `${fact} has a source`);
  }
  assert.equal(kinds.find(([fact]) => fact === 'OpenAI valuation')[1], 'reported');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the inputs say what is not public, with kinds, and no AGI end date', async () => {
  const { context, page } = await openExplorer(site);
  await page.click('#assumptions > summary');
  const help = async (key) => page.textContent(`#help-${key}`);
  assert.match(await help('old_until'), /Not public/);
  assert.doesNotMatch(await help('old_until'), /declaring AGI/);
  assert.match(await help('reverse'), /about 6\.7%/);
  assert.doesNotMatch(await help('reverse'), /matches the gross totals/);
  assert.match(await help('covered'), /Not public/);
  assert.match(await help('stake'), /^Filed/);
  assert.match(await help('until'), /^Announced/);
  await context.close();
});

test('the model document ships with the site, and every link on both pages stays on the site', async () => {
  const { context, page, problems } = await openExplorer(site);
  await page.click('#methodology > summary');
  const href = await page.getAttribute('[data-model-link]', 'href');
  assert.equal(href, 'model.html');
  const [doc] = await Promise.all([page.waitForEvent('load'), page.click('[data-model-link]')]);
  assert.ok(doc);
  assert.equal(new URL(page.url()).pathname, '/tools/deal/model.html');
  assert.match(await page.title(), /How the explorer models the deal/);
  const body = await page.textContent('main');
  assert.match(body, /covered/);
  assert.match(body, /r30,total_paid_new,total_paid_old,total_take_new,total_take_old/);
  // Every link of the model page and of the explorer resolves to a file of the site.
  for (const path of ['model.html', '']) {
    await page.goto(`${site.server.url}${path}`);
    if (path === '') await page.click('#methodology > summary');
    const links = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
    assert.ok(links.length > 0, `${path || 'index'} has links`);
    for (const link of links) {
      assert.ok(link.startsWith(site.server.url), `${link} stays on the site`);
      const answer = await page.request.get(link.split('#')[0]);
      assert.equal(answer.status(), 200, link);
    }
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('covered from a link changes the payments as the model says, and survives the round trip', async () => {
  const { context, page, problems } = await openExplorer(site, '?v=1&covered=50&r30=280');
  const expected = headline(ledgerRows('covered=50&r30=280'));
  const shown = Number(await page.getAttribute('[data-readout="total_old"]', 'data-value'));
  assert.ok(close(shown, expected.total_old), `${shown} vs ${expected.total_old}`);
  assert.ok(close(Number(await page.getAttribute('[data-readout="total_new"]', 'data-value')), expected.total_new));
  // Half the revenue shared: the old terms pay half of what the full share would.
  assert.ok(close(expected.total_old * 2, headline(ledgerRows('r30=280')).total_old));
  assert.match(page.url(), /covered=50/);
  await page.click('#assumptions > summary');
  assert.equal(await page.inputValue('#number-covered'), '50');
  assert.equal(await page.getAttribute('#input-covered', 'aria-valuetext'), '50%');
  // Typed out of range: clamped, and the reader is told.
  await page.fill('#number-covered', '140');
  await page.press('#number-covered', 'Enter');
  assert.equal(await page.inputValue('#number-covered'), '100');
  assert.match(await page.textContent('#message-covered'), /100%/);
  await page.waitForFunction(() => !/covered=/.test(location.search));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bad covered value in a link falls back with a notice, never a blank page', async () => {
  const { context, page, problems } = await openExplorer(site, '?v=1&covered=abc');
  assert.match(await page.textContent('[data-notice="covered"]'), /covered=abc is not a number; using the default 100%/);
  assert.equal(await page.textContent('[data-readout="cap_year"]'), '2029');
  assert.deepEqual(problems, []);
  await context.close();
});

test('with uncertainty on, the readouts set the spread of total payments under each terms', async () => {
  const query = 'vol=20&seed=7';
  const { context, page, problems } = await openExplorer(site, `?v=1&${query}`);
  await page.waitForSelector('[data-ensemble-status="done"]');
  const model = ensemble(query);
  for (const [key, band] of [['spread_new', model.totalPaidNew], ['spread_old', model.totalPaidOld]]) {
    const p10 = Number(await page.getAttribute(`[data-readout="${key}"]`, 'data-p10'));
    const p90 = Number(await page.getAttribute(`[data-readout="${key}"]`, 'data-p90'));
    assert.ok(close(p10, band.p10) && close(p90, band.p90), `${key}: ${p10}-${p90} vs ${band.p10}-${band.p90}`);
  }
  // The trade in figures: the cap bounds the new terms' spread, the old terms' grows with revenue.
  assert.ok(model.totalPaidNew.p90 - model.totalPaidNew.p10 < model.totalPaidOld.p90 - model.totalPaidOld.p10);
  // 2026 is the plan on every path.
  assert.equal(model.years[0].revenue_p10, 30);
  assert.equal(model.years[0].revenue_p90, 30);
  assert.deepEqual(problems, []);
  await context.close();
});
