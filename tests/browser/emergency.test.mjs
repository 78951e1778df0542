// A person describing cauda equina symptoms gets a banner that stays above the transcript with
// the emergency number, and no exercise card from then on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDaemonAndBrowser, Daemon, openDemo, openWidget, say, clickAnswer, offeredAnswers, screenshot, widget, contrastProblems } from './harness.mjs';

const session = useDaemonAndBrowser();

test('an emergency conversation shows the banner and no exercise card after it', async () => {
  const page = await openDemo(session.browser, session.daemon);
  let w = await openWidget(page);
  assert.equal(await w.banner.count(), 0, 'no banner before anything is said');
  await say(w, "I can't feel the toilet paper when I wipe and I've wet myself");

  await w.banner.waitFor();
  assert.match(await w.banner.innerText(), /emergency/i);
  const call = w.banner.getByRole('link', { name: /Call 999/ });
  assert.equal(await call.getAttribute('href'), 'tel:999', 'the page is en-GB: 999');
  const banner = await w.banner.boundingBox();
  const log = await w.log.boundingBox();
  assert.ok(banner.y + banner.height <= log.y + 1, 'the banner sits above the transcript');
  assert.equal(await w.cards.count(), 0, 'no exercise card');
  assert.deepEqual(await contrastProblems(w.panel), [], 'banner and transcript pass WCAG AA contrast');
  await screenshot(page, 'emergency_banner');

  // Carry on talking: still no exercise, the banner stays.
  const offered = await offeredAnswers(w);
  if (offered.length) await clickAnswer(w, offered[0]);
  await say(w, 'Can you show me some stretches for my back?');
  assert.equal(await w.cards.count(), 0, 'no exercise card after the emergency');
  assert.ok(await w.banner.isVisible());

  // Escape closes the panel but not the banner; it is there again on reopening and after a reload.
  await w.input.press('Escape');
  assert.equal(await w.panel.isVisible(), false);
  w = await openWidget(page);
  assert.ok(await w.banner.isVisible(), 'banner survives closing the panel');
  await page.reload();
  w = await openWidget(page);
  assert.ok(await w.banner.isVisible(), 'banner survives a reload');
  assert.equal(await w.cards.count(), 0);
  assert.match(await widget(page).launcher.or(widget(page).closer).innerText(), /emergency/i, 'the launcher says it too');
});

const hostPage = (lang, attrs) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
  <title>Another clinic</title></head><body><h1>Another clinic</h1>
  <script src="/widget.js" data-server="/" ${attrs}></script></body></html>`;

test('the emergency number follows data-emergency-number, else the page locale', async () => {
  const other = await new Daemon({ pages: {
    'us.html': hostPage('en-US', ''),
    'de.html': hostPage('de-DE', ''),
    'custom.html': hostPage('en-GB', 'data-emergency-number="0800 555 0199"'),
  } }).start();
  try {
    for (const [file, number, href] of [['us.html', '911', 'tel:911'], ['de.html', '112', 'tel:112'],
      ['custom.html', '0800 555 0199', 'tel:08005550199']]) {
      const page = await openDemo(session.browser, other, { page: file });
      const w = await openWidget(page);
      await say(w, "I can't feel the toilet paper when I wipe and I've wet myself");
      await w.banner.waitFor();
      const link = w.banner.getByRole('link', { name: 'Call ' + number });
      assert.equal(await link.getAttribute('href'), href, file);
      await page.context().close();
    }
  } finally {
    await other.stop();
  }
});
