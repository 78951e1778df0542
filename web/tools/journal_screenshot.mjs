// Renders the widget's journal area for the README (docs/images/journal-chart.png):
//   BACKCOACHD=build/dev/daemon/daemond/backcoachd node web/tools/journal_screenshot.mjs
// A real backcoachd on a temporary database and port, headless Chromium (/usr/bin/chromium via
// playwright-core, as the browser tests), a self-care conversation by quick replies, so the
// routine for today is the daemon's own; the pain journal is two weeks of example check-ins
// (GET /v1/me/journal answered by the script: a fresh database has none, and check-ins come
// one a day).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Daemon, launchBrowser, openDemo, openWidget, selfCareConversation } from '../../tests/browser/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '../../docs/images/journal-chart.png');

// Pain easing from 6 to 2 over two weeks, with one worse day and one day missed.
function exampleJournal() {
  const pains = [6, 6, 5, 5, 6, 4, null, 4, 3, 4, 3, 3, 2, 2];
  const felt = ['same', 'same', 'better', 'same', 'worse', 'better', null, 'same', 'better', 'same', 'better', 'same', 'better', 'same'];
  return pains.map((pain, i) => ({
    date: `2025-03-${String(i + 3).padStart(2, '0')}`,
    pain,
    routine_done: pain === null ? null : felt[i] !== 'worse',
    felt: felt[i],
    flags: [],
  }));
}

const daemon = await new Daemon().start();
const browser = await launchBrowser();
try {
  const page = await openDemo(browser, daemon, { viewport: { width: 520, height: 900 } });
  await page.route('**/v1/me/journal?*', (route) => route.fulfill({
    status: 200, contentType: 'application/json', body: JSON.stringify({ entries: exampleJournal() }),
  }));
  const w = await openWidget(page);
  await selfCareConversation(w);
  await w.panel.getByRole('button', { name: 'Journal' }).click();
  const journal = w.panel.getByRole('region', { name: 'Your pain journal' });
  await journal.getByRole('list', { name: 'Your routine for today' }).waitFor();
  await journal.getByRole('img', { name: /Your back pain/ }).waitFor();
  await journal.screenshot({ path: out });
  console.log('wrote', out);
} finally {
  await browser.close();
  await daemon.stop();
}
