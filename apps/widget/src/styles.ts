/**
 * The widget's stylesheet. Themable through these CSS custom properties, set on the element or
 * any ancestor (each has a light and a dark default, picked by `prefers-color-scheme`):
 *
 * | property | what |
 * |---|---|
 * | `--spkey-font` | font family |
 * | `--spkey-font-size` | base font size (default 15px) |
 * | `--spkey-bg` | widget background |
 * | `--spkey-fg` | text colour |
 * | `--spkey-muted` | secondary text |
 * | `--spkey-card-bg` | card background |
 * | `--spkey-border` | borders |
 * | `--spkey-accent` | buttons and links |
 * | `--spkey-accent-fg` | text on primary buttons |
 * | `--spkey-focus` | focus ring |
 * | `--spkey-ok`, `--spkey-warn`, `--spkey-bad`, `--spkey-info` | state colours |
 * | `--spkey-radius` | corner radius |
 * | `--spkey-gap` | spacing unit |
 *
 * Parts for `::part()`: `panel`, `header`, `title`, `status`, `card` (plus `card-user`,
 * `card-mapping`, `card-recovery`, `card-remote`), `badge` (plus `badge-ok`, `badge-warn`,
 * `badge-bad`, `badge-info`), `button` (plus `refresh-button`, `copy-link-button`,
 * `copy-button`, `submit-button`, `lookup-button`, `open-button`, `back-button`), `form` (plus
 * `lookup-form`), `label`, `input`, `matches`, `candidate`, `empty`, `found`, `findings`,
 * `finding`, `notice`, `error`, `probe-error`, `turnkey`, `item`, `raw`.
 *
 * Badge text is the tone mixed 80/20 with the text colour, on the tone at 12% over the
 * background: darker in the light scheme, lighter in the dark one, so the small (12 px) badge
 * text keeps WCAG AA's 4.5:1 over its own tint (default tones: at least 5.3:1 light, 5.9:1 dark;
 * the tone alone reached only 4.17:1 on warn).
 *
 * @module
 */

const LIGHT =
  `--_bg:var(--spkey-bg,#fff);--_fg:var(--spkey-fg,#1c2128);--_muted:var(--spkey-muted,#59636e);
--_card:var(--spkey-card-bg,#f6f8fa);--_border:var(--spkey-border,#d1d9e0);--_accent:var(--spkey-accent,#0b5cad);
--_accent-fg:var(--spkey-accent-fg,#fff);--_focus:var(--spkey-focus,#0b5cad);--_ok:var(--spkey-ok,#1a7f37);
--_warn:var(--spkey-warn,#9a6700);--_bad:var(--spkey-bad,#cf222e);--_info:var(--spkey-info,#59636e);`;

const DARK =
  `--_bg:var(--spkey-bg,#0d1117);--_fg:var(--spkey-fg,#e6edf3);--_muted:var(--spkey-muted,#9198a1);
--_card:var(--spkey-card-bg,#161b22);--_border:var(--spkey-border,#3d444d);--_accent:var(--spkey-accent,#4493f8);
--_accent-fg:var(--spkey-accent-fg,#0d1117);--_focus:var(--spkey-focus,#79c0ff);--_ok:var(--spkey-ok,#3fb950);
--_warn:var(--spkey-warn,#d29922);--_bad:var(--spkey-bad,#f85149);--_info:var(--spkey-info,#9198a1);`;

/** The stylesheet text for the shadow root. */
export const STYLES = `
:host{${LIGHT}display:block;color-scheme:light dark;font-family:var(--spkey-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);
font-size:var(--spkey-font-size,15px);line-height:1.45;--_r:var(--spkey-radius,8px);--_g:var(--spkey-gap,12px)}
@media (prefers-color-scheme:dark){:host{${DARK}}}
:host([hidden]){display:none}
*{box-sizing:border-box}
.panel{background:var(--_bg);color:var(--_fg);border:1px solid var(--_border);border-radius:var(--_r);padding:var(--_g);
min-width:0;overflow-wrap:anywhere;container:panel/inline-size}
.head{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:var(--_g)}
.actions{display:flex;flex-wrap:wrap;gap:.5em}
h2{font-size:1.25em;margin:0}h3{font-size:1.05em;margin:0 0 .5em}h4{font-size:.95em;margin:.75em 0 .4em}
.sub{margin:.15em 0 0;color:var(--_muted);font-size:.85em}
.status{margin:.5em 0;min-height:1.45em;color:var(--_muted);font-size:.9em}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
.muted{color:var(--_muted)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.btn{font:inherit;cursor:pointer;border:1px solid var(--_accent);color:var(--_accent);background:transparent;
border-radius:calc(var(--_r) - 2px);padding:.4em .9em;min-height:2.25em}
.btn:hover{background:color-mix(in srgb,var(--_accent) 10%,transparent)}
.btn.primary{background:var(--_accent);color:var(--_accent-fg)}
:focus-visible{outline:3px solid var(--_focus);outline-offset:2px}
[tabindex="-1"]:focus{outline:none}
.badge{display:inline-flex;align-items:center;gap:.35em;font-size:.8em;font-weight:600;padding:.1em .6em;
border-radius:999px;border:1px solid currentColor;white-space:nowrap;vertical-align:middle}
.badge .icon{font-weight:700}
.ok{--_tone:var(--_ok)}.warn{--_tone:var(--_warn)}.bad{--_tone:var(--_bad)}.info{--_tone:var(--_info)}
.badge.ok,.badge.warn,.badge.bad,.badge.info{color:color-mix(in srgb,var(--_tone) 80%,var(--_fg));
background:color-mix(in srgb,var(--_tone) 12%,var(--_bg))}
.findings ul,.items,.chips{list-style:none;margin:0;padding:0}
.finding{display:flex;flex-wrap:wrap;align-items:baseline;gap:.5em;padding:.5em .65em;margin-bottom:.4em;
border-left:4px solid var(--_tone);background:var(--_card);border-radius:calc(var(--_r) - 4px)}
.finding .msg{flex:1 1 14em}.finding .code{color:var(--_muted);font-size:.75em}
.cards{display:grid;gap:var(--_g);grid-template-columns:minmax(0,1fr);margin:var(--_g) 0}
@container panel (min-width:36rem){.cards{grid-template-columns:repeat(2,minmax(0,1fr))}}
@container panel (min-width:64rem){.cards{grid-template-columns:repeat(4,minmax(0,1fr))}}
.card,.turnkey,.failure,.form,.notice,.raw,.matches,.empty{background:var(--_card);border:1px solid var(--_border);border-radius:var(--_r);
padding:var(--_g);min-width:0}
.card{border-top:4px solid var(--_tone);container-type:inline-size}
.card h3,.failure h3{display:flex;flex-wrap:wrap;gap:.5em;align-items:center;justify-content:space-between}
.failure h3{justify-content:flex-start}
.failure{border-left:4px solid var(--_bad)}.failure p{margin:.4em 0}
dl{margin:0;display:grid;gap:.3em}dl div{display:grid;grid-template-columns:minmax(6em,11em) minmax(0,1fr);gap:.5em}
dt{color:var(--_muted)}dd{margin:0;min-width:0}
.chips{display:flex;flex-wrap:wrap;gap:.3em}.chips li{border:1px solid var(--_border);border-radius:.8em;padding:0 .55em;font-size:.85em}
.problem{color:var(--_bad);margin:.5em 0 0}
.matches p,.empty p{margin:.4em 0}.empty{border-left:4px solid var(--_info)}
.candidates{list-style:none;margin:var(--_g) 0 0;padding:0;display:grid;gap:.6em}
.candidate{display:flex;flex-wrap:wrap;align-items:center;gap:.4em var(--_g);padding:.6em;background:var(--_bg);
border:1px solid var(--_border);border-radius:calc(var(--_r) - 4px)}
.candidate .who{margin:0;flex:1 1 100%;display:flex;flex-wrap:wrap;align-items:center;gap:.5em}
.candidate dl{flex:1 1 20rem}
.found{display:flex;flex-wrap:wrap;align-items:center;gap:.5em;margin:0 0 var(--_g)}
.notice{display:flex;flex-wrap:wrap;gap:.5em;align-items:center;margin:0 0 var(--_g);border-left:4px solid var(--_warn)}
.turnkey{margin-bottom:var(--_g)}
.items{display:grid;gap:var(--_g);grid-template-columns:repeat(auto-fill,minmax(min(100%,19rem),1fr))}
.item{border:1px solid var(--_border);border-radius:calc(var(--_r) - 4px);padding:.6em;background:var(--_bg);container-type:inline-size}
.item>strong{display:inline-block;margin:0 .5em .3em 0}
.raw-bar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5em}.raw-bar h3{margin:0}
summary{cursor:pointer;margin:.5em 0;color:var(--_accent)}
pre{margin:0;max-height:24em;overflow:auto;background:var(--_bg);border:1px solid var(--_border);border-radius:calc(var(--_r) - 4px);
padding:.6em;font-size:.85em;overflow-wrap:normal}
.form{display:grid;gap:.75em;max-width:32rem}.form h3,.form p{margin:0}
.field{display:grid;gap:.25em}
.lookup{display:flex;flex-wrap:wrap;align-items:center;gap:.5em;margin:0 0 var(--_g)}.lookup input{flex:1 1 16em;width:auto}
.lookup .problem{flex-basis:100%;margin:0}.form .btn{justify-self:start}
input{font:inherit;color:var(--_fg);background:var(--_bg);border:1px solid var(--_border);border-radius:calc(var(--_r) - 4px);
padding:.45em .6em;width:100%;min-width:0}
.loading{display:flex;gap:.6em;align-items:center}
.spinner{width:1em;height:1em;border:2px solid var(--_border);border-top-color:var(--_accent);border-radius:50%;
animation:spin .8s linear infinite;flex:none}
@keyframes spin{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.spinner{animation:none}}
@container (max-width:22rem){dl div{grid-template-columns:minmax(0,1fr);gap:0}dd{margin-bottom:.2em}}
`;
