// web/public/widget/journal_chart.js in Node: the words a screen reader gets and where the
// points sit (the DOM parts are drawn by the browser tests' page).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const J = await import(path.join(process.env.BACKCOACH_WEB_ROOT || path.join(here, '../../web/public'), 'widget/journal_chart.js'));

test('the chart is named and reads every day, scored or not', () => {
  const s = J.summary([
    { date: '2024-05-01', pain: 6, routine_done: true, felt: 'same' },
    { date: '2024-05-02', pain: null, routine_done: null, felt: null },
    { date: '2024-05-03', pain: 3, routine_done: false, felt: null },
  ]);
  assert.equal(s.title, 'Your back pain, 2024-05-01 to 2024-05-03');
  assert.match(s.desc, /2024-05-01: pain 6 of 10, routine done, felt about the same\./);
  assert.match(s.desc, /2024-05-02: no score\./);
  assert.match(s.desc, /2024-05-03: pain 3 of 10, routine not done\./);
  assert.deepEqual(s.rows[1], ['2024-05-02', '\u2013', '\u2013', '\u2013']);
});

test('an empty journal says so', () => {
  assert.equal(J.summary([]).title, 'Your back pain: no check-ins yet');
  assert.deepEqual(J.points([]), []);
});

test('only the last 14 days are kept, and points sit by date and pain', () => {
  const month = Array.from({ length: 20 }, (_, i) => ({ date: `2024-04-${String(i + 1).padStart(2, '0')}`, pain: i % 11 }));
  assert.equal(J.summary(month).rows.length, 14);
  const pts = J.points([{ date: '2024-05-01', pain: 10 }, { date: '2024-05-03', pain: 0 }, { date: '2024-05-05', pain: 5 }]);
  assert.equal(pts.length, 3);
  assert.ok(Math.abs((pts[1].x - pts[0].x) - (pts[2].x - pts[1].x)) < 1e-9);
  assert.ok(pts[0].y < pts[2].y && pts[2].y < pts[1].y, 'pain 10 highest, 0 lowest');
});

test('text from the server is never markup', () => {
  const s = J.summary([{ date: '<img src=x onerror=alert(1)>', pain: 2, felt: '<b>odd</b>' }]);
  // summary only carries strings; render() puts them in with textContent
  assert.equal(typeof s.desc, 'string');
  assert.match(s.rows[0][3], /<b>odd<\/b>/);
});
