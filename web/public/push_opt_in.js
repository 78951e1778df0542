/*
 * backcoach: "Remind me here", the widget's Web Push opt-in (issue 9, docs/coaching.md).
 * Loaded by widget.js from the same server when the browser has service workers and push;
 * the only global is window.BackCoachPush.
 *
 *   BackCoachPush.button({ server, token, worker })  the header button and its status line;
 *                                                    token() gives the widget's current token
 *   BackCoachPush.enable({ server, token, worker })  what a click does; resolves to the words
 *                                                    to show
 *   BackCoachPush.workerUrl({ server, worker })      the service worker to register, or '' when
 *                                                    this page cannot have one
 *   BackCoachPush.keyBytes(base64url)                the server key as PushManager takes it
 *
 * Nothing is asked of the browser before the click: the permission prompt comes first in the
 * click's own handler, then the service worker (sw.js, which shows the notification and opens
 * this page on a click), the server's key (GET /v1/push/key), the subscription, and
 * POST /v1/me/push with the widget's token. A service worker must come from the page's own
 * origin: on the daemon's own pages that is /sw.js; a page elsewhere names its copy with the
 * widget tag's data-service-worker, or the button is not offered.
 */
(function () {
  'use strict';

  const WORDS = {
    offer: 'Remind me here',
    busy: 'Turning on reminders\u2026',
    done: 'Done: your daily check-in will show up as a notification on this device, even when this page is closed.',
    denied: 'Notifications are blocked for this site. You can allow them in the browser\u2019s site settings.',
    noToken: 'Start a chat first, then try again.',
    failed: 'Reminders could not be turned on here. Your check-ins are still waiting in the chat.',
  };

  function workerUrl({ server, worker }) {
    if (worker) return new URL(worker, location.href).href;
    return new URL(server).origin === location.origin ? server + '/sw.js' : '';
  }

  function keyBytes(text) {
    const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
    return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  }

  // The registration once its worker is active (subscribe() needs one).
  async function activeRegistration(url) {
    const reg = await navigator.serviceWorker.register(url);
    const worker = reg.installing || reg.waiting;
    if (worker && !reg.active) {
      await new Promise((resolve) => worker.addEventListener('statechange', () => {
        if (worker.state === 'activated') resolve();
      }));
    }
    return reg;
  }

  async function enable({ server, token, worker }) {
    const permission = await Notification.requestPermission();  // first: straight from the click
    if (permission !== 'granted') return WORDS.denied;
    if (!token()) return WORDS.noToken;
    try {
      const reg = await activeRegistration(workerUrl({ server, worker }));
      const key = await (await fetch(server + '/v1/push/key')).json();
      const subscription = (await reg.pushManager.getSubscription())
        || (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key.public_key) }));
      const res = await fetch(server + '/v1/me/push', {
        method: 'POST',
        headers: { Authorization: 'Bearer ' + token(), 'Content-Type': 'application/json' },
        body: JSON.stringify(subscription),
      });
      return res.ok ? WORDS.done : WORDS.failed;
    } catch (e) {
      return WORDS.failed;
    }
  }

  function button(options) {
    const wrap = document.createElement('span');
    wrap.className = 'push-opt-in';
    if (!workerUrl(options)) return wrap;
    const btn = document.createElement('button');
    btn.type = 'button';
    btn.className = 'hbtn';
    btn.textContent = WORDS.offer;
    const status = document.createElement('span');
    status.setAttribute('role', 'status');
    status.className = 'sr';
    btn.addEventListener('click', () => {
      btn.disabled = true;
      status.className = 'push-status';
      status.textContent = WORDS.busy;
      enable(options).then((words) => {
        status.textContent = words;
        btn.disabled = words !== WORDS.done ? false : true;
      });
    });
    wrap.append(btn, status);
    return wrap;
  }

  window.BackCoachPush = { button, enable, workerUrl, keyBytes, WORDS };
})();
