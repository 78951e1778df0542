// A person who never taps a suggested answer: they type what they would say, key by key,
// and press Enter. Within twelve messages the coach must have screened them and shown
// exercise cards whose pictures load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDaemonAndBrowser, openDemo, openWidget, waitForReply, expectSoon, lastBotText, screenshot } from './harness.mjs';

let page;

useDaemonAndBrowser(undefined, async ({ browser, daemon }) => {
  page = await openDemo(browser, daemon);
});

// What a person might answer, by what they were just asked; everyday words, no option labels.
const REPLIES = [
  [/where/i, "it's my lower back, right across the bottom of it"],
  [/how old|your age/i, "I'm 38"],
  [/how long/i, 'about five days now'],
  [/scale|how bad/i, 'maybe a 4'],
  [/how did it start|start/i, 'I think I overdid it carrying boxes at work'],
  [/worse/i, 'sitting at my desk all day makes it worse, walking about helps'],
  [/any of these|safety/i, 'no, nothing like that at all'],
  [/two weeks|which of these|true for you/i, 'none of them really'],
  [/./, 'no'],
];

async function type(w, text) {
  const before = await w.log.innerText();
  await w.input.focus();
  await w.input.pressSequentially(text, { delay: 5 });
  await w.input.press('Enter');
  await waitForReply(w, before);
}

test('typing in their own words, a person reaches exercise pictures in twelve messages', async () => {
  const w = await openWidget(page);
  const typed = ["hi, my lower back's been sore since the weekend"];
  await type(w, typed[0]);
  while ((await w.cards.count()) === 0) {
    assert.ok(typed.length < 12, 'no exercise card after 12 messages:\n' + (await w.log.innerText()));
    const asked = await lastBotText(w);
    const answer = REPLIES.find(([q]) => q.test(asked))[1];
    typed.push(answer);
    await type(w, answer);
  }
  console.log('# messages typed before the first exercise card: ' + typed.length);
  const transcript = await w.log.innerText();
  assert.doesNotMatch(transcript, /didn't quite get that[\s\S]*didn't quite get that[\s\S]*didn't quite get that/i,
    'the coach understood what was typed');
  const cards = await w.cards.count();
  assert.ok(cards >= 1, 'at least one exercise card');
  for (let i = 0; i < cards; i += 1) {
    const img = w.cards.nth(i).getByRole('img');
    await img.scrollIntoViewIfNeeded();
    await expectSoon(() => img.evaluate((el) => el.complete && el.naturalWidth > 0), 'picture ' + i + ' to load');
  }
  assert.equal(await w.banner.count(), 0, 'no urgent or emergency banner for ordinary back pain');
  await screenshot(page, 'natural_language_cards');
  assert.deepEqual(page.errors, []);
});
