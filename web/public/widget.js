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
 * is, with no type="module". It reads its own tag and loads the widget's ES modules from
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

  // A module script rather than import(): the page's load event waits for it (and for every
  // module it imports), so the widget is there by the time the page has loaded, as it was
  // when it was one classic script. main.js finds this element by its address, reads the tag
  // from it and answers with the widget in a 'backcoach:ready' event.
  const main = document.createElement('script');
  main.type = 'module';
  main.src = new URL('widget/main.js', tag.src || location.href).href;
  main.dataset.tag = JSON.stringify(tag);
  main.dataset.version = VERSION;
  main.addEventListener('backcoach:ready', (e) => {
    widget = e.detail;
    if (openWhenReady) widget.open();
  }, { once: true });
  main.addEventListener('error', () => console.error('backcoach: the widget could not be loaded from ' + main.src));
  (document.head || document.documentElement).append(main);
})();
