/*
 * backcoach: "Remind me here" and "Stop reminding me here", the widget's Web Push opt-in
 * and its way back (issue 9, docs/coaching.md). An ES module, imported by main.js when the
 * panel first opens where the browser has service workers and push.
 *
 *   button({ server, token, worker })  the header button and its status line; token() gives
 *                                      the widget's current token
 *   enable(options)                    what "Remind me here" does; resolves to the words to show
 *   disable(options)                   what "Stop reminding me here" does; the same
 *   workerUrl({ server, worker })      the service worker to register, or '' when this page
 *                                      cannot have one
 *   keyBytes(base64url)                the server key as PushManager takes it
 *
 * Nothing is asked of the browser before the click: the permission prompt comes first in the
 * click's own handler, then the service worker (sw.js, which shows the notification and opens
 * this page on a click), the server's key (GET /v1/push/key), the subscription, and
 * POST /v1/me/push with the widget's token. The way back deletes this browser's subscription
 * on the server (DELETE /v1/me/push with its endpoint) and then in the browser
 * (PushSubscription.unsubscribe). A service worker must come from the page's own origin: on
 * the daemon's own pages that is /sw.js; a page elsewhere names its copy with the widget
 * tag's data-service-worker, or the button is not offered.
 */
export const WORDS = {
  offer: 'Remind me here',
  stop: 'Stop reminding me here',
  busy: 'Turning on reminders\u2026',
  stopping: 'Turning off reminders\u2026',
  done: 'Done: your daily check-in will show up as a notification on this device, even when this page is closed.',
  stopped: 'Reminders on this device are off. Your check-ins still wait for you in the chat.',
  denied: 'Notifications are blocked for this site. You can allow them in the browser\u2019s site settings.',
  noToken: 'Start a chat first, then try again.',
  failed: 'Reminders could not be turned on here. Your check-ins are still waiting in the chat.',
  stopFailed: 'Reminders could not be turned off just now. Please try again.',
};

export function workerUrl({ server, worker }) {
  if (worker) return new URL(worker, location.href).href;
  return new URL(server).origin === location.origin ? server + '/sw.js' : '';
}

export function keyBytes(text) {
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

// This browser's subscription where the worker is already registered; asks nothing.
async function currentSubscription(options) {
  const url = workerUrl(options);
  if (!url || Notification.permission !== 'granted') return null;
  const reg = await navigator.serviceWorker.getRegistration(url);
  return reg ? reg.pushManager.getSubscription() : null;
}

export async function enable({ server, token, worker }) {
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

// The server forgets this browser first (404: it already had), then the browser drops the
// subscription, so a failure on the way leaves it still on, never half off.
export async function disable(options) {
  try {
    const subscription = await currentSubscription(options);
    if (!subscription) return WORDS.stopped;
    if (options.token()) {
      const res = await fetch(options.server + '/v1/me/push', {
        method: 'DELETE',
        headers: { Authorization: 'Bearer ' + options.token(), 'Content-Type': 'application/json' },
        body: JSON.stringify({ endpoint: subscription.endpoint }),
      });
      if (!res.ok && res.status !== 404) return WORDS.stopFailed;
    }
    await subscription.unsubscribe();
    return WORDS.stopped;
  } catch (e) {
    return WORDS.stopFailed;
  }
}

export function button(options) {
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
  let on = false;
  const show = (subscribed) => { on = subscribed; btn.textContent = on ? WORDS.stop : WORDS.offer; };
  currentSubscription(options).then((s) => show(Boolean(s)), () => show(false));
  btn.addEventListener('click', () => {
    btn.disabled = true;
    status.className = 'push-status';
    status.textContent = on ? WORDS.stopping : WORDS.busy;
    (on ? disable(options) : enable(options)).then((words) => {
      status.textContent = words;
      if (words === WORDS.done) show(true);
      if (words === WORDS.stopped) show(false);
      btn.disabled = false;
    });
  });
  wrap.append(btn, status);
  return wrap;
}
