// The journal area after a self-care conversation, in Chromium against a real backcoachd:
// the routine for today (GET /v1/me/routine) is a list naming each exercise the coach gave
// with its hold or repetitions, under the level it is at; the pain journal's chart is an
// image with a name, and its numbers are a table reached by keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDaemonAndBrowser, openDemo, openWidget, selfCareConversation } from './harness.mjs';

const session = useDaemonAndBrowser();

// The name of what has focus, inside the widget's shadow root.
const focused = (page) => page.evaluate(() => {
  const el = document.querySelector('[data-backcoach]').shadowRoot.activeElement;
  return el ? el.tagName.toLowerCase() + ':' + el.textContent.trim().slice(0, 40) : '';
});

test('the journal shows the routine for today with its level, and the chart with its table', async () => {
  const page = await openDemo(session.browser, session.daemon);
  const w = await openWidget(page);
  await selfCareConversation(w);
  const cardNames = await w.cards.getByRole('heading').allInnerTexts();

  const journalBtn = w.panel.getByRole('button', { name: 'Journal' });
  await journalBtn.click();
  const journal = w.panel.getByRole('region', { name: 'Your pain journal' });
  const routine = journal.getByRole('list', { name: 'Your routine for today' });
  await routine.waitFor();
  const items = await routine.getByRole('listitem').allInnerTexts();
  assert.equal(items.length, new Set(cardNames).size, 'one item per exercise given');
  for (const name of new Set(cardNames)) assert.ok(items.some((i) => i.startsWith(name)), name);
  assert.ok(items.every((i) => /Hold \d+ seconds|Repeat \d+ times/.test(i)), items.join(' | '));
  assert.match(await journal.innerText(), /Level 2 of 3: /, 'a first routine is at the rules\' start level');

  const chart = journal.getByRole('img', { name: /Your back pain/ });
  await chart.waitFor();
  // Keyboard: from the Journal button, Tab reaches "Show the numbers", Enter opens the table.
  await journalBtn.focus();
  for (let i = 0; i < 10 && !(await focused(page)).startsWith('summary:'); i += 1) await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'summary:Show the numbers');
  await page.keyboard.press('Enter');
  await journal.getByRole('table', { name: /Your back pain/ }).waitFor();
  assert.deepEqual(page.errors, []);
});
