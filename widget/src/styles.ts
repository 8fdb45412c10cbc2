/**
 * The widget's whole stylesheet, adopted by its shadow root (mount.ts). Rules that share declarations
 * are grouped, because every byte here is downloaded by every visitor of every embedding site.
 *
 * Theming: a page restyles the widget by setting the `--feedloop-*` custom properties on the host,
 * e.g. `[data-feedloop] { --feedloop-accent: #0a7d4f; --feedloop-accent-text: #fff }`. Custom properties
 * survive `all: initial`, and the page's declarations on the host beat these `:host` defaults.
 * Everything else on the host is reset with `!important`, because for important declarations the
 * shadow tree wins over the page (CSS Cascade 4, "context"), so `div { display: none }` cannot hide it.
 *
 * Colours: text #1a1a1a on #fff is 17:1 and the accent #2b59c3 carries white text at 6.4:1 (WCAG AA
 * asks 4.5:1). The dark scheme swaps to a light accent with dark text for the same reason.
 */
export const css = `
:host{all:initial!important;
--feedloop-accent:#2b59c3;--feedloop-accent-text:#fff;--feedloop-bg:#fff;--feedloop-fg:#1a1a1a;
--feedloop-muted:#575763;--feedloop-border:#d0d0d8;--feedloop-error:#b3261e;--feedloop-radius:14px;
--feedloop-offset:20px;--feedloop-font:system-ui,sans-serif}
@media (prefers-color-scheme:dark){:host{
--feedloop-accent:#8fb0ff;--feedloop-accent-text:#0b1020;--feedloop-bg:#1f2026;--feedloop-fg:#f1f1f4;
--feedloop-muted:#a9a9b5;--feedloop-border:#3d3e48;--feedloop-error:#ffb4ab}}
*{box-sizing:border-box}
[hidden]{display:none!important}
.fl{position:fixed;z-index:2147483000;bottom:var(--feedloop-offset);right:var(--feedloop-offset);
color-scheme:light dark;font:14px/1.45 var(--feedloop-font);color:var(--feedloop-fg)}
:host([data-position=bottom-left]) .fl{right:auto;left:var(--feedloop-offset)}
button,input,select,textarea{font:inherit;color:inherit;margin:0}
button,.pt input{cursor:pointer}
:focus-visible,.pt input:focus-visible+label{outline:2px solid var(--feedloop-accent);outline-offset:2px}
.launch,.send,.pt input:checked+label,.chip[aria-pressed=true]{background:var(--feedloop-accent);
color:var(--feedloop-accent-text);border-color:var(--feedloop-accent);font-weight:600}
.panel,.pt label,select,textarea,.chip{border:1px solid var(--feedloop-border);border-radius:8px}
.launch,.chip{border-radius:99px}
.launch{display:flex;align-items:center;gap:8px;padding:10px 18px 10px 14px;border:0;
box-shadow:0 4px 14px rgb(0 0 0/.2)}
.panel{position:relative;width:min(360px,calc(100vw - 2*var(--feedloop-offset)));
max-height:calc(100vh - 2*var(--feedloop-offset));overflow:auto;padding:20px;background:var(--feedloop-bg);
border-radius:var(--feedloop-radius);box-shadow:0 16px 40px rgb(0 0 0/.2);animation:fl .2s ease-out}
@keyframes fl{from{opacity:0;transform:translateY(8px)}}
.x{position:absolute;top:10px;inset-inline-end:10px;display:grid;place-items:center;width:32px;height:32px;
border:0;border-radius:8px;background:none;color:var(--feedloop-muted)}
.x:hover{background:rgb(127 127 127/.15);color:inherit}
.q{margin:0 0 14px;padding-inline-end:32px;font-size:16px;line-height:1.35}
.scale,.ends{display:flex;gap:4px}
.pt{position:relative;flex:1}
.pt input{position:absolute;width:100%;height:100%;opacity:0}
.pt label{display:grid;place-items:center;height:38px;font-variant-numeric:tabular-nums;transition:background .15s}
.pt:hover label{border-color:var(--feedloop-accent)}
.ends{justify-content:space-between;margin-top:6px;font-size:12px}
.ends,.opt{color:var(--feedloop-muted);font-weight:400}
.field{margin-top:16px}
.label{display:block;margin-bottom:6px;font-size:13px;font-weight:600}
select,textarea{width:100%;padding:8px 10px;background:none}
textarea{display:block;min-height:76px;resize:vertical}
.chips{display:flex;flex-wrap:wrap;gap:6px}
.chip{padding:5px 12px;background:none;font-size:13px}
.msg{margin:10px 0 0;font-size:13px;color:var(--feedloop-error)}
.send{width:100%;height:40px;margin-top:16px;border:0;border-radius:8px}
.send:disabled{opacity:.5;cursor:not-allowed}
.thanks{margin:0;padding:24px 0 12px;text-align:center;font-size:15px;outline:0}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}
`;
