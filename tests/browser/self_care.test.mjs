// A person with ordinary back pain chats by clicking quick replies, gets exercise cards with
// pictures, uses the hold timer, and finds the same conversation after reloading the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDaemonAndBrowser, openDemo, openWidget, selfCareConversation, expectSoon, screenshot } from './harness.mjs';

let page;
let w;
let transcript;

useDaemonAndBrowser(undefined, async ({ browser, daemon }) => {
  page = await openDemo(browser, daemon);
});

test('a self-care conversation by quick replies ends with exercise cards whose pictures loaded', async () => {
  w = await openWidget(page);
  const answers = await selfCareConversation(w);
  assert.ok(answers.length >= 1, 'the bot asked at least one question');
  const cards = await w.cards.count();
  assert.ok(cards >= 1, 'at least one exercise card');
  for (let i = 0; i < cards; i += 1) {
    const card = w.cards.nth(i);
    const img = card.getByRole('img');
    await img.scrollIntoViewIfNeeded();
    await expectSoon(() => img.evaluate((el) => el.complete && el.naturalWidth > 0), 'picture ' + i + ' to load');
    assert.match(await img.getAttribute('alt'), /\w{3,}/, 'the picture has alt text');
    assert.ok((await card.getByRole('list', { name: 'Steps' }).getByRole('listitem').count()) >= 1, 'the card lists steps');
    assert.match(await card.innerText(), /Targets:/);
  }
  transcript = await w.log.innerText();
  await w.cards.first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'self_care_cards');  // the README picture (docs/widget.png)
  assert.deepEqual(page.foreign, [], 'no request leaves the daemon');
  assert.deepEqual(page.errors, []);
});

test('a reload shows the same conversation', async () => {
  await page.reload();
  w = await openWidget(page);
  // The welcome carries the last 50 messages: the reloaded transcript is the end of the one
  // shown before, down to the last exercise card.
  let shown = '';
  try {
    await expectSoon(async () => { shown = await w.log.innerText(); return shown.length > 200 && transcript.endsWith(shown); },
      'the history to be shown again');
  } catch (e) {
    assert.equal(shown, transcript, 'the reloaded transcript');
  }
  assert.ok((await w.cards.count()) >= 1, 'exercise cards are part of the history');
});

test('the hold timer counts down with a breathing cue', async () => {
  const card = w.cards.filter({ has: page.getByRole('timer') }).first();
  assert.ok(await card.count(), 'a card with a hold timer');
  const timer = card.getByRole('timer');
  const start = Number(await timer.innerText());
  assert.ok(start > 2, 'the hold lasts more than two seconds');
  await card.getByRole('button', { name: /^Start hold/ }).click();
  await expectSoon(async () => Number(await timer.innerText()) <= start - 2, 'the timer to count down two seconds', 6000);
  assert.match(await card.innerText(), /breathe (in|out)/i);
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'hold_timer');
  await card.getByRole('button', { name: /^Stop/ }).click();
  assert.equal(Number(await timer.innerText()), start, 'stopping resets the timer');

  // The whole hold, on a fake clock: the count reaches the end, then the other side follows.
  await page.clock.install();
  await card.getByRole('button', { name: /^Start hold/ }).click();
  await page.clock.runFor(start * 1000 + 500);
  const eachSide = /each side/i.test(await card.innerText());
  if (eachSide) {
    assert.match(await card.innerText(), /other side/i);
    await card.getByRole('button', { name: /^Start other side/ }).click();
    assert.match(await card.innerText(), /Other side: breathe/i);
    await page.clock.runFor(start * 1000 + 500);
  }
  assert.match(await card.innerText(), /Hold complete/);
});


