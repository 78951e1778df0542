// The widget's style sheet (inside its shadow root, so the host page's styles neither reach in
// nor out) and the launcher's icon.

export const STYLE = `
:host { all: initial; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.root { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
color: #1b1f24; -webkit-text-size-adjust: 100%; }
.push-opt-in { display: contents; } header .push-status { order: 9; flex-basis: 100%; font-size: 13px; }
.journal { padding: 8px 12px; border-bottom: 1px solid #c9d3dc; } .journal svg { width: 100%; height: auto; }
.journal h3 { margin: 0 0 4px; font-size: 16px; } .journal .routine p { margin: 2px 0; font-size: 14px; }
.journal ul { margin: 4px 0 8px; padding-left: 20px; font-size: 14px; } .journal .routine { margin-bottom: 8px; }
.journal table { border-collapse: collapse; font-size: 14px; } .journal th, .journal td { padding: 2px 8px; text-align: left; }
.sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
button, textarea { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid #1a56c4; outline-offset: 2px; }
.launcher { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; display: flex; align-items: center;
gap: 8px; min-height: 52px; padding: 0 20px 0 16px; border: 0; border-radius: 26px; background: #0a5a85;
color: #fff; font-weight: 600; box-shadow: 0 4px 14px rgba(0,0,0,.28); }
.launcher:hover { background: #08476a; }
.launcher svg { width: 24px; height: 24px; flex: none; }
.launcher .alert-dot { width: 12px; height: 12px; border-radius: 50%; background: #fff; border: 3px solid #b00020; }
.panel { position: fixed; right: 16px; bottom: 84px; z-index: 2147483001; width: min(400px, calc(100vw - 32px));
height: min(640px, calc(100vh - 104px)); display: flex; flex-direction: column; overflow: hidden; overflow: clip;
background: #fff; border-radius: 14px; box-shadow: 0 10px 40px rgba(0,0,0,.3); border: 1px solid #c9d3dc; }
@media (max-width: 480px), (max-height: 560px) {
.panel { inset: 0; width: 100%; height: 100%; max-height: 100dvh; border-radius: 0; border: 0; }
.root.open .launcher { display: none; }
}
header { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 10px 10px 10px 14px; background: #0a5a85; color: #fff; }
header .titles { flex: 1 1 auto; min-width: 0; }
h2 { margin: 0; font-size: 17px; line-height: 1.2; }
.conn { margin: 2px 0 0; font-size: 13px; display: flex; align-items: center; gap: 6px; flex-wrap: wrap; }
.conn .dot { width: 8px; height: 8px; border-radius: 50%; background: #ffd166; flex: none; }
.conn.online .dot { background: #7ee2a8; }
.conn button { border: 1px solid #fff; background: transparent; color: #fff; border-radius: 4px; padding: 0 6px; font-size: 13px; }
header .hbtn { flex: none; min-width: 44px; min-height: 40px; border: 1px solid rgba(255,255,255,.75);
background: transparent; color: #fff; border-radius: 6px; padding: 0 8px; font-size: 14px; }
header .hbtn:hover { background: rgba(255,255,255,.15); }
header :focus-visible, .banner.emergency :focus-visible { outline-color: #fff; }
.banner { margin: 0; padding: 10px 14px; border-bottom: 1px solid #c9d3dc; font-size: 15px; }
.banner.urgent { background: #fff3cd; color: #3b2f00; border-left: 6px solid #9a6700; }
.banner.emergency { background: #a3001e; color: #fff; }
.banner strong { display: block; font-size: 16px; }
.banner p { margin: 2px 0 8px; }
.banner a { display: inline-block; padding: 8px 14px; border-radius: 6px; font-weight: 700; text-decoration: none;
background: #a3001e; color: #fff; }
.banner.emergency a { background: #fff; color: #a3001e; }
.log { flex: 1 1 auto; overflow-y: auto; overflow-x: hidden; padding: 12px; display: flex; flex-direction: column;
gap: 8px; background: #f7f9fb; overscroll-behavior: contain; }
.msg { max-width: 88%; padding: 8px 12px; border-radius: 14px; white-space: pre-wrap; overflow-wrap: anywhere; }
.msg.bot { align-self: flex-start; background: #fff; border: 1px solid #d5dde5; border-bottom-left-radius: 4px; }
.msg.user { align-self: flex-end; background: #0a5a85; color: #fff; border-bottom-right-radius: 4px; }
.msg .state { display: block; font-size: 12px; color: #e3eef6; margin-top: 2px; }
.msg.failed { background: #fdecee; color: #5c0011; border: 1px solid #a3001e; }
.msg.failed .state { color: #5c0011; }
.note { align-self: center; text-align: center; font-size: 14px; color: #3d4852; max-width: 95%; }
.note a { display: inline-block; margin-top: 4px; color: #0a5a85; font-weight: 600; }
.note button, .failed button { margin-top: 4px; border: 1px solid #0a5a85; background: #fff; color: #0a5a85;
border-radius: 6px; padding: 4px 10px; }
.typing { min-height: 0; padding: 0 14px; font-size: 13px; color: #3d4852; background: #f7f9fb; }
.typing:not(:empty) { padding: 2px 14px 6px; }
.replies { display: flex; flex-wrap: wrap; gap: 6px; padding: 8px 12px; border-top: 1px solid #d5dde5; background: #fff; }
.replies button { min-height: 40px; padding: 4px 14px; border: 1.5px solid #0a5a85; border-radius: 20px;
background: #fff; color: #0a5a85; font-weight: 600; }
.replies button:hover { background: #e6f0f6; }
.replies.scale { flex-wrap: nowrap; gap: 3px; }
.replies.scale button { flex: 1 1 0; min-width: 24px; padding: 0; border-radius: 6px; }
.scale-legend { display: flex; justify-content: space-between; padding: 0 12px 6px; font-size: 12px; color: #3d4852; background: #fff; }
form { display: flex; gap: 8px; padding: 8px 12px; border-top: 1px solid #d5dde5; background: #fff; align-items: flex-end; }
textarea { flex: 1 1 auto; min-width: 0; resize: none; min-height: 44px; max-height: 120px; padding: 10px;
border: 1.5px solid #66727e; border-radius: 8px; font-size: 16px; line-height: 1.3; background: #fff; }
form button { flex: none; min-height: 44px; padding: 0 16px; border: 0; border-radius: 8px; background: #0a5a85;
color: #fff; font-weight: 600; }
.fine { margin: 0; padding: 0 12px 8px; font-size: 12px; color: #3d4852; background: #fff; }
.fine a { color: #0a5a85; }
.card { align-self: stretch; background: #fff; border: 1px solid #c9d3dc; border-radius: 12px; padding: 12px; }
.card h3 { margin: 0 0 2px; font-size: 17px; }
.card .meta { margin: 0 0 8px; font-size: 14px; color: #3d4852; }
.card img { display: block; width: 100%; height: auto; aspect-ratio: 8 / 5; border-radius: 8px; background: #eef4f8; }
.card ol { margin: 10px 0; padding-left: 22px; }
.card li { margin: 3px 0; }
.card p { margin: 6px 0; font-size: 15px; }
.card .stop { color: #5c0011; }
.timer { display: flex; align-items: center; flex-wrap: wrap; gap: 8px 12px; margin-top: 8px; padding: 8px;
border-radius: 8px; background: #eef4f8; }
.timer .count { font-size: 28px; font-weight: 700; font-variant-numeric: tabular-nums; min-width: 3ch; color: #0a5a85; }
.timer .cue { flex: 1 1 120px; margin: 0; font-size: 15px; }
.timer button { min-height: 40px; padding: 0 12px; border: 1.5px solid #0a5a85; border-radius: 8px; background: #0a5a85; color: #fff; font-weight: 600; }
.timer button.secondary { background: #fff; color: #0a5a85; }
.timer button:disabled { opacity: .6; cursor: default; }
.confirm { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
padding: 16px; background: rgba(16,24,32,.55); }
.confirm > div { background: #fff; border-radius: 12px; padding: 16px; max-width: 340px; box-shadow: 0 6px 24px rgba(0,0,0,.3); }
.confirm h3 { margin: 0 0 6px; font-size: 18px; }
.confirm p { margin: 0 0 12px; }
.confirm .row { display: flex; gap: 8px; flex-wrap: wrap; justify-content: flex-end; }
.confirm button { min-height: 44px; padding: 0 14px; border-radius: 8px; border: 1.5px solid #0a5a85; background: #fff; color: #0a5a85; font-weight: 600; }
.confirm button.danger { background: #a3001e; border-color: #a3001e; color: #fff; }
.confirm .err { color: #a3001e; font-weight: 600; }
`;

export const ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z"/></svg>';
