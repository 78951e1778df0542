// The daemon is killed and restarted mid-conversation: the widget shows the lost connection,
// reconnects by itself, delivers what the person typed meanwhile exactly once, and carries on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDaemonAndBrowser, openDemo, openWidget, offeredAnswers, selfCareConversation, expectSoon, waitForReply, screenshot } from './harness.mjs';

const session = useDaemonAndBrowser();

const youSaid = (text) => (text.match(/You said:/g) || []).length;

test('killed and restarted mid-conversation, the widget reconnects and the conversation continues', async () => {
  const page = await openDemo(session.browser, session.daemon);
  let w = await openWidget(page);
  const first = await offeredAnswers(w);
  assert.ok(first.length, 'the first question offers answers');

  // 1. Killed while idle; the person answers while the daemon is down.
  await session.daemon.kill();
  await w.connection.filter({ hasText: /Offline|Reconnecting/ }).waitFor();
  await screenshot(page, 'reconnect_offline');
  const answer = first.find((o) => /^no$/i.test(o)) || first[0];
  const before = await w.log.innerText();
  await w.answers.getByRole('button', { name: answer, exact: true }).click();
  assert.match(await w.log.innerText(), /Waiting for connection/);
  await session.daemon.start();
  await w.connection.filter({ hasText: 'Connected' }).waitFor({ timeout: 20000 });
  await waitForReply(w, before);
  assert.doesNotMatch(await w.log.innerText(), /Waiting for connection|Sending/);

  // 2. Killed right after sending, before the reply can arrive.
  const next = await offeredAnswers(w);
  const before2 = await w.log.innerText();
  if (next.length) await w.answers.getByRole('button', { name: next.includes('3') ? '3' : next[0], exact: true }).click();
  else { await w.input.fill('It started a few days ago.'); await w.send.click(); }
  await session.daemon.kill();
  await session.daemon.start();
  await w.connection.filter({ hasText: 'Connected' }).waitFor({ timeout: 20000 });
  await waitForReply(w, before2);

  // Every turn is stored exactly once: a reload shows the very same transcript, each answer once.
  const shown = await w.log.innerText();
  await page.reload();
  w = await openWidget(page);
  let reloaded = '';
  try {
    await expectSoon(async () => (reloaded = await w.log.innerText()) === shown, 'the same transcript after a reload');
  } catch (e) {
    assert.equal(reloaded, shown, 'the transcript after a reload');
  }
  assert.equal(youSaid(reloaded), 2, 'two answers, neither lost nor doubled');

  // And the conversation goes on to its end.
  await selfCareConversation(w);
  assert.deepEqual(page.errors, []);
});
