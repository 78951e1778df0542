// The widget on small screens, by keyboard alone, and as a guest on someone else's page:
// no horizontal scroll at 360x740, focus managed, one global, small, readable contrast.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { useDaemonAndBrowser, openDemo, openWidget, selfCareConversation, contrastProblems, screenshot, widget, expectSoon } from './harness.mjs';

const bare = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body><p>Host page</p></body></html>';

const session = useDaemonAndBrowser({ pages: {
  'bare.html': bare,
  'with.html': bare.replace('</body>', '<script src="/widget.js" data-server="/"></script></body>'),
} });

const horizontalOverflow = (page) => page.evaluate(() =>
  document.documentElement.scrollWidth - document.documentElement.clientWidth);

for (const [width, height] of [[360, 740], [320, 568]]) {
  test(`at ${width}x${height} the page never scrolls sideways`, async () => {
    const page = await openDemo(session.browser, session.daemon, { viewport: { width, height } });
    const w = widget(page);
    await w.launcher.waitFor();
    assert.equal(await horizontalOverflow(page), 0, 'closed');
    await openWidget(page);
    assert.equal(await horizontalOverflow(page), 0, 'open');
    await selfCareConversation(w);
    assert.equal(await horizontalOverflow(page), 0, 'with exercise cards');
    const box = await w.panel.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= width, 'the panel fits the screen');
    const inner = await w.log.evaluate((el) => el.scrollWidth - el.clientWidth);
    assert.equal(inner, 0, 'the transcript does not scroll sideways either');
    const img = w.cards.first().getByRole('img');
    await img.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await expectSoon(() => img.evaluate((el) => el.complete && el.naturalWidth > 0), 'the picture');
    await screenshot(page, `phone_${width}x${height}`);
    assert.deepEqual(await contrastProblems(w.panel), [], 'text contrast passes WCAG AA');
    await page.context().close();
  });
}

test('keyboard only: open, answer, close, with focus where it belongs', async () => {
  const page = await openDemo(session.browser, session.daemon);
  const w = widget(page);
  const focused = (loc) => loc.evaluate((el) => el.getRootNode().activeElement === el);
  await w.launcher.waitFor();
  await page.keyboard.press('Shift+Tab');  // from the top of the page, back to the last control
  assert.ok(await focused(w.launcher), 'the launcher is reachable by keyboard');
  await page.keyboard.press('Enter');
  await w.connection.filter({ hasText: 'Connected' }).waitFor();
  assert.ok(await focused(w.input), 'opening puts focus in the message box');

  // Shift+Tab from the message box reaches the quick replies; Space picks one.
  await w.answers.waitFor();
  await page.keyboard.press('Shift+Tab');
  const name = await page.evaluate(() => {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return a.textContent;
  });
  assert.ok(name, 'a quick reply has focus');
  const before = await w.log.innerText();
  await page.keyboard.press('Space');
  assert.ok(await focused(w.input), 'after answering, focus goes back to the message box');
  await w.log.filter({ hasText: new RegExp(`You said: ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).waitFor();
  assert.notEqual(await w.log.innerText(), before);

  await page.keyboard.type('It is a dull ache');
  await page.keyboard.press('Enter');
  await w.log.filter({ hasText: 'It is a dull ache' }).waitFor();

  await page.keyboard.press('Escape');
  assert.equal(await w.panel.isVisible(), false, 'Escape closes the panel');
  assert.ok(await focused(w.launcher), 'focus returns to the launcher');
  await page.context().close();
});

test('a guest on any page: one global, no third-party requests, under 40 KiB gzipped', async () => {
  const globals = async (file) => {
    const page = await openDemo(session.browser, session.daemon, { page: file });
    await page.waitForLoadState('load');
    const names = await page.evaluate(() => Object.getOwnPropertyNames(window));
    await page.context().close();
    return names;
  };
  const without = new Set(await globals('bare.html'));
  const added = (await globals('with.html')).filter((n) => !without.has(n));
  assert.deepEqual(added, ['BackCoach']);

  // What a guest's browser fetches before the panel opens: the loader and the modules
  // widget/main.js imports (the journal and the push opt-in come later, on first use).
  let gzipped = 0;
  for (const file of ['widget.js', 'widget/main.js', 'widget/config.js', 'widget/connection.js', 'widget/protocol.js',
    'widget/dom.js', 'widget/style.js', 'widget/views.js', 'widget/exercise_card.js']) {
    const res = await fetch(session.daemon.url + '/' + file);
    assert.equal(res.status, 200, file);
    assert.match(res.headers.get('content-type'), /javascript/, file);
    gzipped += zlib.gzipSync(Buffer.from(await res.arrayBuffer()), { level: 9 }).length;
  }
  assert.ok(gzipped < 40 * 1024, `the widget is ${gzipped} bytes gzipped`);
  for (const id of ['knee_to_chest', 'lower_back_rotation', 'cat_cow', 'childs_pose', 'figure_four',
    'hip_flexor', 'single_knee_to_chest', 'pelvic_tilt', 'bird_dog', 'plank']) {
    const img = await fetch(`${session.daemon.url}/img/exercises/${id}.svg`);
    assert.equal(img.status, 200, id);
    assert.match(img.headers.get('content-type'), /image\/svg\+xml/, id);
  }

  // Host page styles do not reach inside the widget.
  const page = await openDemo(session.browser, session.daemon, { page: 'with.html' });
  await page.addStyleTag({ content: 'button, p, div { color: red !important; font-size: 40px !important; }' });
  const w = await openWidget(page);
  const color = await w.send.evaluate((el) => getComputedStyle(el).color);
  assert.notEqual(color, 'rgb(255, 0, 0)');
  assert.deepEqual(page.foreign, []);
  await page.context().close();
});
