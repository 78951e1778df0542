// The widget's one DOM helper: an element from a tag, attributes and children. Text goes
// in as text nodes (never parsed as markup); `on<event>` attributes become listeners.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) el.append(c);
  }
  return el;
}

// Words for screen readers only ("You said: ").
export const srOnly = (text) => h('span', { class: 'sr', text });
