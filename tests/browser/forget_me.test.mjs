// "Forget me" asks first, then erases the conversation on the server and in the browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDaemonAndBrowser, Daemon, openDemo, openWidget, say, expectSoon, screenshot } from './harness.mjs';

const session = useDaemonAndBrowser();

const secret = 'my neighbour Bartholomew lifted the sofa with me';

test('forget me, after a confirmation, leaves no history', async () => {
  const page = await openDemo(session.browser, session.daemon);
  let w = await openWidget(page);
  await say(w, secret);
  const token = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.endsWith(':token'))?.[1]);
  assert.ok(token, 'the widget remembers the person');

  // Cancel keeps everything.
  await w.forget.click();
  const confirm = page.getByRole('alertdialog', { name: 'Forget this conversation?' });
  await confirm.waitFor();
  await screenshot(page, 'forget_confirm');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await confirm.isVisible(), false);
  assert.match(await w.log.innerText(), /Bartholomew/);

  // Confirmed: erased on screen, in storage and on the server.
  await w.forget.click();
  await confirm.getByRole('button', { name: 'Erase everything' }).click();
  await expectSoon(async () => !/Bartholomew/.test(await w.log.innerText()), 'the transcript to be cleared');
  assert.match(await w.log.innerText(), /erased/);
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('backcoach:')));
  assert.deepEqual(keys, [], 'nothing left in localStorage');
  const res = await fetch(session.daemon.url + '/v1/me/conversation', { headers: { Authorization: 'Bearer ' + JSON.parse(token) } });
  assert.ok(res.status >= 400, 'the old token no longer opens a conversation');

  await page.reload();
  w = await openWidget(page);
  assert.doesNotMatch(await w.log.innerText(), /Bartholomew/, 'a new visit starts afresh');
});

test('embedded on another origin: chat and forget me work across origins', async () => {
  // The same daemon reached as http://localhost:PORT is another origin than 127.0.0.1:PORT;
  // the host page adds the widget tag pointing at the 127.0.0.1 origin.
  const elsewhere = new Daemon({ pages: { 'elsewhere.html': `<!doctype html><html lang="en-GB"><head>
    <meta charset="utf-8"><title>Riverside Gym</title></head><body><h1>Riverside Gym</h1><script>
      const api = 'http://127.0.0.1:' + location.port;
      const tag = document.createElement('script');
      tag.src = api + '/widget.js';
      tag.dataset.server = api;
      document.body.append(tag);
    </script></body></html>` } });
  await elsewhere.start();
  try {
    const host = elsewhere.url.replace('127.0.0.1', 'localhost');
    const context = await session.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(host + '/elsewhere.html');
    const w = await openWidget(page);
    await say(w, secret);
    await w.forget.click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Erase everything' }).click();
    await expectSoon(async () => /erased/.test(await w.log.innerText()), 'the erase to succeed across origins');
    assert.doesNotMatch(await w.log.innerText(), /Bartholomew/);
    await context.close();
  } finally {
    await elsewhere.stop();
  }
});
