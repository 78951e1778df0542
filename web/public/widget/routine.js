// The routine for today in the journal area (GET /v1/me/routine, docs/openapi.yaml): the
// level the person is at and each exercise with its hold and repetitions, as a list a
// screen reader reads item by item. routineWords is pure (Node tests); render and load
// build the DOM. The level's name and dose are the rules' words (rules/progression.yaml).
import { h } from './dom.js';
import { describeDose } from './exercise_card.js';

export function routineWords(routine) {
  const r = routine && typeof routine === 'object' ? routine : {};
  const heading = 'Your routine for today';
  if (r.paused) {
    return { heading, level: null, dose: null, items: [], empty: 'Your routine is paused for now. The chat says what to do first.' };
  }
  const exercises = Array.isArray(r.exercises) ? r.exercises.filter((e) => e && typeof e === 'object') : [];
  if (!exercises.length) {
    return { heading, level: null, dose: null, items: [], empty: 'No routine yet: it shows here once the coach has suggested one in the chat.' };
  }
  const l = r.level && typeof r.level === 'object' ? r.level : null;
  return {
    heading,
    level: l ? `Level ${l.number} of ${l.of}: ${l.name}` : null,
    dose: l ? l.dose : null,
    items: exercises.map((e) => ({ name: e.name || e.id, detail: describeDose(e) })),
    empty: null,
  };
}

let counter = 0;
export function render(container, routine) {
  const words = routineWords(routine);
  const id = 'bc-routine-' + (++counter);
  const parts = [h('h3', { id, text: words.heading })];
  if (words.level) parts.push(h('p', { class: 'level' }, h('strong', { text: words.level })));
  if (words.dose) parts.push(h('p', { text: words.dose }));
  if (words.empty) parts.push(h('p', { text: words.empty }));
  if (words.items.length) {
    parts.push(h('ul', { 'aria-labelledby': id },
      words.items.map((i) => h('li', {}, h('strong', { text: i.name }), i.detail ? ' \u2013 ' + i.detail : ''))));
  }
  container.replaceChildren(...parts);
}

export async function load(container, { server, token }) {
  container.setAttribute('aria-busy', 'true');
  try {
    const res = await fetch(server + '/v1/me/routine', { headers: { Authorization: 'Bearer ' + token } });
    if (!res.ok) throw new Error('status ' + res.status);
    render(container, await res.json());
  } catch (e) {
    container.replaceChildren(h('p', { text: 'Your routine could not be loaded just now. Please try again later.' }));
  } finally {
    container.removeAttribute('aria-busy');
  }
}
