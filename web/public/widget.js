/*
 * backcoach chat widget: plain modern JavaScript, no build step, no dependencies.
 *
 * Embed with one tag (the server is where backcoachd runs):
 *   <script src="https://coach.example/widget.js" data-server="https://coach.example" defer></script>
 * Optional attributes:
 *   data-emergency-number="999"   number on the urgent/emergency banner (default from the page
 *                                 locale: en-GB 999, en-US 911, otherwise 112)
 *   data-title="Back pain coach"  heading of the chat panel
 *   data-service-worker="/sw.js"  a page on another origin than the server: its own copy of
 *                                 sw.js, for "Remind me here" (docs/coaching.md)
 *
 * Isolation: everything lives in one shadow root; the only global is window.BackCoach
 * ({version, open(), close()}). Protocol v1 over WebSocket (docs/protocol.md).
 *
 * This file is the loader: an ordinary (classic) script, so the tag above keeps working as it
 * is, with no type="module". It reads its own tag and imports the widget's ES modules from
 * widget/ beside it on the same server (widget/main.js and what it imports; docs/architecture.md,
 * "The widget's modules"). A page on another origin loads them with CORS, which the daemon
 * answers for the origins it allows (--allow-origin), as for the chat itself.
 */
(() => {
  'use strict';
  if (window.BackCoach) return;

  const VERSION = '1.1.0';
  const script = document.currentScript;
  const tag = { dataset: { ...((script && script.dataset) || {}) }, src: (script && script.src) || '' };
  let widget = null;
  let openWhenReady = false;

  window.BackCoach = Object.freeze({
    version: VERSION,
    open: () => { if (widget) widget.open(); else openWhenReady = true; },
    close: () => { openWhenReady = false; if (widget) widget.close(); },
  });

  const main = new URL('widget/main.js', tag.src || location.href).href;
  import(main).then((module) => {
    const start = () => {
      widget = module.start(tag, VERSION);
      if (openWhenReady) widget.open();
    };
    if (document.body) start();
    else document.addEventListener('DOMContentLoaded', start, { once: true });
  }, (e) => console.error('backcoach: the widget could not be loaded', e));
})();
