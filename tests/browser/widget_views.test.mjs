// The pure parts of web/public/widget/views.js and exercise_card.js in Node: the words the
// connection line, the quick replies, the banner and a refused message show, and an
// exercise's dose. The DOM they go into is checked by the browser tests, by role and name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { widgetModule, webRoot } from './web_modules.mjs';

const V = await widgetModule('views.js');
const E = await widgetModule('exercise_card.js');

const emergency = {
  heading: 'Get emergency help now',
  text: 'Call {number} or go to the nearest emergency department now.',
  launcher: 'get emergency help',
};

test('the banner shows the server\'s words with the page\'s emergency number', () => {
  const words = V.bannerWords('emergency', emergency, '999');
  assert.deepEqual(words, {
    kind: 'emergency',
    heading: 'Get emergency help now',
    text: 'Call 999 or go to the nearest emergency department now.',
    call: { href: 'tel:999', label: 'Call 999' },
    launcher: 'Chat: get emergency help',
  });
  const urgent = V.bannerWords('urgent', { heading: 'H', text: 'If it gets worse, call {number}, or {number}.', launcher: 'l' }, '0800 555 0199');
  assert.equal(urgent.kind, 'urgent');
  assert.equal(urgent.text, 'If it gets worse, call 0800 555 0199, or 0800 555 0199.');
  assert.equal(urgent.call.href, 'tel:08005550199');
});

test('no banner below urgent, nor without the server\'s words', () => {
  for (const tier of [null, undefined, 'self_care', 'soon']) assert.equal(V.bannerWords(tier, emergency, '112'), null, String(tier));
  assert.equal(V.bannerWords('emergency', null, '112'), null);
  assert.equal(V.bannerWords('urgent', 'text', '112'), null);
});

test('the widget itself holds no clinical words for the banner', () => {
  const dir = path.join(webRoot, 'widget');
  for (const name of fs.readdirSync(dir)) {
    const source = fs.readFileSync(path.join(dir, name), 'utf8');
    assert.doesNotMatch(source, /emergency department|urgent care service|See a doctor today/i, name);
  }
});

test('five or more numbers are a pain scale; anything else is suggested answers', () => {
  assert.deepEqual(V.replyChoices(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']).label, 'Pain score from 0 to 10');
  assert.equal(V.replyChoices(['0', '1', '2', '3', '4']).scale, true);
  assert.equal(V.replyChoices(['1', '2', '3']).scale, false);
  const mixed = V.replyChoices(['Yes', '', null, 'No', 3]);
  assert.deepEqual(mixed, { list: ['Yes', 'No'], scale: false, label: 'Suggested answers' });
  assert.deepEqual(V.replyChoices(undefined).list, []);
});

test('the connection line says what the connection is doing', () => {
  assert.deepEqual(V.connectionWords({ kind: 'online' }), { text: 'Connected', online: true, offerRetry: false });
  assert.deepEqual(V.connectionWords({ kind: 'offline', retryIn: 4 }), { text: 'Offline. Retrying in 4 s\u2026', online: false, offerRetry: true });
  assert.equal(V.connectionWords({ kind: 'reconnecting' }).text, 'Reconnecting\u2026');
  assert.equal(V.connectionWords({ kind: 'closed' }).text, 'Not connected');
});

test('a refused message says why', () => {
  assert.equal(V.failedWords({ code: 'too_large', message: 'text is longer than 2000 characters' }), 'Not sent: the message is too long.');
  assert.equal(V.failedWords({ code: 'bad_utf8', message: 'not UTF-8' }), 'Not sent: not UTF-8');
  assert.equal(V.failedWords({ code: 'internal' }), 'Not sent: internal');
});

test('an exercise\'s dose in words, from its numbers', () => {
  assert.equal(E.describeDose({ hold_seconds: 30, each_side: true }), 'Hold 30 seconds, on each side.');
  assert.equal(E.describeDose({ hold_seconds: 5, repetitions: 3 }), 'Hold 5 seconds, repeat 3 times.');
  assert.equal(E.describeDose({ repetitions: 10 }), 'Repeat 10 times.');
  assert.equal(E.describeDose({ each_side: true }), '');
});

test('the routine for today lists each exercise with its hold and repetitions, and the level', async () => {
  const R = await widgetModule('routine.js');
  const words = R.routineWords({
    level: { number: 2, of: 3, name: 'the guide\'s holds', dose: 'Hold each stretch as long as its card says.' },
    paused: false,
    exercises: [
      { id: 'knee_to_chest', name: 'Knee-to-chest stretch', hold_seconds: 30, each_side: true },
      { id: 'cat_cow', name: 'Cat-cow', repetitions: 5 },
    ],
  });
  assert.equal(words.heading, 'Your routine for today');
  assert.equal(words.level, 'Level 2 of 3: the guide\'s holds');
  assert.equal(words.dose, 'Hold each stretch as long as its card says.');
  assert.deepEqual(words.items, [
    { name: 'Knee-to-chest stretch', detail: 'Hold 30 seconds, on each side.' },
    { name: 'Cat-cow', detail: 'Repeat 5 times.' },
  ]);
  assert.equal(words.empty, null);
  assert.match(R.routineWords({ paused: true, exercises: [] }).empty, /paused/);
  assert.match(R.routineWords({ level: null, exercises: [] }).empty, /No routine yet/);
  assert.match(R.routineWords(null).empty, /No routine yet/);
});
