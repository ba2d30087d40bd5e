#pragma once

namespace salvo::html {

// The report's one style sheet. Colours are custom properties with a dark set under
// prefers-color-scheme, so the page follows the reader's theme without a script. Series colours
// are the Okabe-Ito palette (told apart with the common colour-vision deficiencies), slot 6 a
// neutral grey for plans; slots are used as classes s0..s6 on lines, dots and legend swatches.
inline constexpr const char* kStyleSheet = R"css(
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#59636e;--grid:#e3e6ea;--frame:#9aa3ad;
--card:#f4f6f8;--link:#0550ae;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;
--c0:#0072b2;--c1:#d55e00;--c2:#009e73;--c3:#cc79a7;--c4:#e69f00;--c5:#56b4e9;--c6:#7d8590}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--grid:#262c36;
--frame:#5b636e;--card:#161b22;--link:#79c0ff;--ok:#3fb950;--warn:#d29922;--bad:#ff6b61;
--c0:#3d9be9;--c1:#ff7a2f;--c2:#2fcf9d;--c3:#e59acb;--c4:#f2b233;--c5:#7cc8f5;--c6:#8b949e}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif}
header,main,footer{max-width:1080px;margin:0 auto;padding:0 24px}
header{padding-top:20px}footer{color:var(--muted);padding-bottom:24px;font-size:.85em}
h1{font-size:1.6rem;margin:.2em 0;overflow-wrap:anywhere}
h2{font-size:1.3rem;margin:1.8em 0 .4em;padding-bottom:.2em;border-bottom:1px solid var(--grid);overflow-wrap:anywhere}
h3{font-size:1.05rem;margin:1.4em 0 .3em}
section.run>h1,section.run>h2{margin-top:1.2em}
.target{color:var(--muted);margin:0 0 12px;overflow-wrap:anywhere}
.banner{display:flex;gap:14px;align-items:baseline;background:var(--card);border-left:6px solid;border-radius:6px;padding:10px 14px}
.banner ul{margin:0;padding:0;list-style:none}
.banner.ok{border-color:var(--ok)}.banner.ok strong{color:var(--ok)}
.banner.warn{border-color:var(--warn)}.banner.warn strong{color:var(--warn)}
.banner.bad{border-color:var(--bad)}.banner.bad strong{color:var(--bad)}
dl{margin:14px 0}dd{margin:0}
dl.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:8px}
dl.figures div{background:var(--card);border-radius:6px;padding:8px 12px}
dt{color:var(--muted);font-size:.85em}
dl.figures dd{font-size:1.2em;font-variant-numeric:tabular-nums}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px}dl.meta div{display:contents}
dl.meta dd{overflow-wrap:anywhere}
table{border-collapse:collapse;margin:10px 0;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding-bottom:4px}
th,td{padding:4px 10px;border-bottom:1px solid var(--grid);text-align:left;vertical-align:top}
thead th{color:var(--muted);font-weight:600}
table.numbers td,td.n{text-align:right}
table.errors td:nth-child(2){overflow-wrap:anywhere;max-width:520px}
tr.bad th{color:var(--bad)}
.tables{display:flex;flex-wrap:wrap;gap:0 32px;align-items:flex-start}
a{color:var(--link)}
.wide{overflow-x:auto}
table.compare{width:100%;table-layout:fixed}table.compare thead th{overflow-wrap:anywhere}table.compare thead th:first-child{width:13em}table.compare td,table.compare thead th+th{text-align:right}
table.compare caption{font-weight:normal;color:var(--muted)}table.compare tbody th{white-space:nowrap}
.change{display:block;font-size:.85em;color:var(--muted)}.change span{white-space:nowrap}td.worse .change{color:var(--bad);font-weight:600}
figure.chart{margin:6px 0 18px}
figure.chart svg{display:block;width:100%;height:auto}
ul.legend{display:flex;flex-wrap:wrap;gap:4px 20px;list-style:none;margin:2px 0 0;padding:0 0 0 64px;font-size:.9em}
.sw{display:inline-block;width:24px;border-top:3px solid;vertical-align:middle;margin-right:6px}
.sw.dashed{border-top-style:dashed}
svg text{fill:var(--fg);font-size:12px;font-family:inherit}
svg .tick{fill:var(--muted)}svg .empty{fill:var(--muted);font-size:15px}
svg .grid{stroke:var(--grid);stroke-width:1}
svg .frame{fill:none;stroke:var(--frame)}
svg .line{fill:none;stroke-width:2.25;stroke-linejoin:round;stroke-linecap:round}
svg .line.dashed{stroke-dasharray:7 5;stroke-width:1.75}
svg .marker{fill:transparent;stroke:none}svg .marker:hover{stroke:currentColor;stroke-width:2}
.s0{stroke:var(--c0);border-color:var(--c0);fill:var(--c0);color:var(--c0)}
.s1{stroke:var(--c1);border-color:var(--c1);fill:var(--c1);color:var(--c1)}
.s2{stroke:var(--c2);border-color:var(--c2);fill:var(--c2);color:var(--c2)}
.s3{stroke:var(--c3);border-color:var(--c3);fill:var(--c3);color:var(--c3)}
.s4{stroke:var(--c4);border-color:var(--c4);fill:var(--c4);color:var(--c4)}
.s5{stroke:var(--c5);border-color:var(--c5);fill:var(--c5);color:var(--c5)}
.s6{stroke:var(--c6);border-color:var(--c6);fill:var(--c6);color:var(--c6)}
table.spec{margin:0}table.spec th{font-weight:600}ul.spec{margin:0;padding-left:1.2em}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.9em}
.none{color:var(--muted)}
nav ol{margin:6px 0;padding-left:1.4em}
)css";

}  // namespace salvo::html
