/*
 * backcoach: the pain journal's chart in the widget (issue 9), an ES module imported by
 * main.js on first use:
 *
 *   load(container, { server, token })  fetches GET /v1/me/journal?days=14
 *   render(container, entries)           draws what it is given
 *   summary(entries), points(entries)    the words and the layout, pure (Node tests)
 *
 * The chart is an <svg role="img"> named by its <title> and described by a <desc> that
 * reads every day's score; the same numbers are in a <table> behind a <details>
 * ("Show the numbers"), so they are reachable by keyboard and read as a table. Every
 * text goes in through textContent: nothing from the server is parsed as markup.
 */
export const DAYS = 14;
const SVG = 'http://www.w3.org/2000/svg';
const W = 300, H = 140, LEFT = 28, RIGHT = 8, TOP = 10, BOTTOM = 24;

const feltWords = { better: 'better', same: 'about the same', worse: 'worse' };

function dayNumber(date) { return Math.round(Date.parse(date + 'T00:00:00Z') / 86400000); }

function describeDay(e) {
  let s = e.date + ': ' + (e.pain === null || e.pain === undefined ? 'no score' : 'pain ' + e.pain + ' of 10');
  if (e.routine_done === true) s += ', routine done';
  if (e.routine_done === false) s += ', routine not done';
  if (e.felt) s += ', felt ' + (feltWords[e.felt] || e.felt);
  return s;
}

// The words of the chart and its table, from the journal's entries (oldest first).
export function summary(entries) {
  const list = (entries || []).slice(-DAYS);
  if (!list.length) {
    return { title: 'Your back pain: no check-ins yet', desc: 'No daily check-ins yet: the chart fills in as you answer them.', rows: [] };
  }
  return {
    title: 'Your back pain, ' + list[0].date + ' to ' + list[list.length - 1].date,
    desc: 'Pain from 0 (no pain) to 10 (the worst imaginable), from your daily check-ins. ' +
      list.map(describeDay).join('. ') + '.',
    rows: list.map((e) => [e.date,
      e.pain === null || e.pain === undefined ? '\u2013' : String(e.pain),
      e.routine_done === true ? 'yes' : e.routine_done === false ? 'no' : '\u2013',
      e.felt ? (feltWords[e.felt] || e.felt) : '\u2013']),
  };
}

// Where each scored day sits in the small chart: x by date, y by pain (10 at the top).
export function points(entries) {
  const list = (entries || []).slice(-DAYS).filter((e) => typeof e.pain === 'number');
  if (!list.length) return [];
  const first = dayNumber(list[0].date);
  const span = Math.max(1, dayNumber(list[list.length - 1].date) - first);
  return list.map((e) => ({
    x: LEFT + (W - LEFT - RIGHT) * (dayNumber(e.date) - first) / span,
    y: TOP + (H - TOP - BOTTOM) * (10 - e.pain) / 10,
    label: describeDay(e),
  }));
}

function svgEl(tag, attrs, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function chart(words, pts, idBase) {
  const svg = svgEl('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', class: 'journal-chart',
    'aria-labelledby': idBase + '-title ' + idBase + '-desc' });
  svg.append(svgEl('title', { id: idBase + '-title' }, words.title), svgEl('desc', { id: idBase + '-desc' }, words.desc));
  const axes = svgEl('g', { 'aria-hidden': 'true', 'font-size': 9, fill: '#2b3a48' });
  for (const pain of [0, 5, 10]) {
    const y = TOP + (H - TOP - BOTTOM) * (10 - pain) / 10;
    axes.append(svgEl('line', { x1: LEFT, x2: W - RIGHT, y1: y, y2: y, stroke: '#5b6b7a', 'stroke-opacity': pain ? 0.25 : 1 }),
      svgEl('text', { x: LEFT - 4, y: y + 3, 'text-anchor': 'end' }, String(pain)));
  }
  axes.append(svgEl('text', { x: (W + LEFT) / 2, y: H - 4, 'text-anchor': 'middle' }, 'Day'),
    svgEl('text', { x: 8, y: TOP + (H - TOP - BOTTOM) / 2, 'text-anchor': 'middle',
      transform: 'rotate(-90 8 ' + (TOP + (H - TOP - BOTTOM) / 2) + ')' }, 'Pain 0\u201310'));
  svg.append(axes);
  if (pts.length > 1) {
    svg.append(svgEl('polyline', { 'aria-hidden': 'true', fill: 'none', stroke: '#1f6fb2', 'stroke-width': 2,
      points: pts.map((p) => p.x.toFixed(1) + ',' + p.y.toFixed(1)).join(' ') }));
  }
  for (const p of pts) {
    const dot = svgEl('circle', { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: 3, fill: '#1f6fb2' });
    dot.append(svgEl('title', {}, p.label));
    svg.append(dot);
  }
  return svg;
}

function table(words) {
  const t = document.createElement('table');
  const cap = document.createElement('caption');
  cap.textContent = words.title;
  const head = document.createElement('tr');
  for (const name of ['Date', 'Pain (0\u201310)', 'Routine done', 'Felt']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = name;
    head.append(th);
  }
  t.append(cap, head);
  for (const row of words.rows) {
    const tr = document.createElement('tr');
    row.forEach((cell, i) => {
      const td = document.createElement(i === 0 ? 'th' : 'td');
      if (i === 0) td.scope = 'row';
      td.textContent = cell;
      tr.append(td);
    });
    t.append(tr);
  }
  return t;
}

let counter = 0;
export function render(container, entries) {
  const words = summary(entries);
  const details = document.createElement('details');
  const more = document.createElement('summary');
  more.textContent = 'Show the numbers';
  details.append(more, table(words));
  container.replaceChildren(chart(words, points(entries), 'bc-journal-' + (++counter)), details);
}

export async function load(container, opts) {
  container.setAttribute('aria-busy', 'true');
  try {
    const res = await fetch(opts.server + '/v1/me/journal?days=' + DAYS,
      { headers: { Authorization: 'Bearer ' + opts.token } });
    if (!res.ok) throw new Error('status ' + res.status);
    render(container, (await res.json()).entries);
  } catch (e) {
    const p = document.createElement('p');
    p.textContent = 'Your journal could not be loaded just now. Please try again later.';
    container.replaceChildren(p);
  } finally {
    container.removeAttribute('aria-busy');
  }
}
