// "Forget me" asks first, then erases the conversation on the server and in the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Daemon, launchBrowser, openDemo, openWidget, say, expectSoon, screenshot } from './harness.mjs';

let daemon;
let browser;

before(async () => {
  daemon = await new Daemon().start();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await daemon?.stop();
});

const secret = 'my neighbour Bartholomew lifted the sofa with me';

test('forget me, after a confirmation, leaves no history', async () => {
  const page = await openDemo(browser, daemon);
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
  const res = await fetch(daemon.url + '/v1/me/conversation', { headers: { Authorization: 'Bearer ' + JSON.parse(token) } });
  assert.ok(res.status >= 400, 'the old token no longer opens a conversation');

  await page.reload();
  w = await openWidget(page);
  assert.doesNotMatch(await w.log.innerText(), /Bartholomew/, 'a new visit starts afresh');
});
