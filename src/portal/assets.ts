// The portal's one stylesheet and icon. Colours are chosen for WCAG 2.1 AA contrast on white (text ≥ 4.5:1: body
// #1a1a1a 17:1, links #0b57a4 7.0:1, green #1b6e20 6.4:1, red #b3261e 6.5:1, grey #555 7.5:1); focus is a 3 px outline;
// the large-text mode (html.large) enlarges type and spacing; below 700 px wide the layout is one column and wide
// tables scroll inside their own box.
import { ICON_SVG } from '../reports/icon.js';

export const PORTAL_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:100%;-webkit-text-size-adjust:100%}
html.large{font-size:131.25%}
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;line-height:1.65;color:#1a1a1a;background:#fff}
html.large body{line-height:1.8}
.wrap{max-width:1120px;margin:0 auto;padding:0 16px}
a{color:#0b57a4;text-underline-offset:2px}
a:visited{color:#5b2a86}
a:focus-visible,[tabindex]:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px;box-shadow:0 0 0 6px #ffdd00}
.skip{position:absolute;left:8px;top:-60px;background:#ffdd00;color:#1a1a1a;padding:8px 12px;z-index:10;font-weight:bold}
.skip:focus{top:8px}
.site-header{background:#0d4f3c;color:#fff}
.site-header a{color:#fff}
.site-header a:visited{color:#fff}
.header-row{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:8px;padding-top:10px;padding-bottom:6px}
.site-name{font-size:1.25rem;font-weight:bold;text-decoration:none}
.switches{list-style:none;margin:0;padding:0;display:flex;gap:14px;flex-wrap:wrap}
.switches a{display:inline-block;padding:6px 4px;min-height:44px;line-height:32px}
.nav{list-style:none;margin:0;padding:0 0 4px;display:flex;flex-wrap:wrap;gap:2px 4px}
.nav a{display:inline-block;padding:8px 10px;min-height:44px;text-decoration:none;border-bottom:3px solid transparent}
.nav a:hover{border-bottom-color:#9fd3bf}
.nav a[aria-current="page"]{border-bottom-color:#fff;font-weight:bold}
.site-header a:focus-visible{outline-color:#fff;box-shadow:0 0 0 6px #1a1a1a}
main{padding-top:16px;padding-bottom:32px}
main:focus{outline:none}
h1{font-size:1.75rem;line-height:1.35;margin:.5rem 0 .75rem}
h2{font-size:1.35rem;margin:2rem 0 .5rem;border-bottom:2px solid #d9e6e1;padding-bottom:4px}
h3{font-size:1.1rem;margin:1.25rem 0 .4rem}
.lead{font-size:1.05rem;color:#333}
.notice{background:#f3f7f5;border-left:4px solid #0d4f3c;padding:8px 12px}
.demo-note,.demo{color:#8a1c12}
.demo{font-size:.85em;border:1px solid #8a1c12;border-radius:3px;padding:0 3px;white-space:nowrap}
.tiles{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:12px}
.tiles li{border:1px solid #c8d6d0;border-radius:6px;padding:12px}
.big{display:block;font-size:1.6rem;font-weight:bold;color:#0d4f3c}
.table-wrap{overflow-x:auto;margin:.5rem 0 1rem;border:1px solid #d0d0d0;border-radius:4px}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;padding:6px 8px;font-weight:bold;color:#333}
th,td{border-top:1px solid #e0e0e0;padding:6px 8px;text-align:left;vertical-align:top}
thead th{background:#f1f4f3;border-top:none;white-space:nowrap}
tbody th{font-weight:normal}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.year{color:#555;font-size:.9em}
.tag{font-size:.8em;color:#444;border:1px solid #888;border-radius:3px;padding:0 3px}
.status{white-space:nowrap;font-weight:bold}
.s-attained{color:#1b6e20}.s-not_attained{color:#b3261e}.s-no_data{color:#555}.s-not_applicable{color:#555}
dl.facts{display:grid;grid-template-columns:10em 1fr;gap:6px 16px;margin:.5rem 0}
dl.facts dt{font-weight:bold}
dl.facts dd{margin:0}
figure{margin:1rem 0}
figcaption{color:#333;font-size:.9rem}
svg.chart{width:100%;height:auto;max-width:760px;display:block;font-family:inherit}
html.large svg.chart{max-width:100%}
svg.chart text{fill:#1a1a1a}
svg.chart .grid{stroke:#dcdcdc;stroke-width:1}
svg.chart .series{fill:none;stroke:#0b57a4;stroke-width:2.5}
svg.chart .point{fill:#0b57a4}
svg.chart .base{fill:#fff;stroke:#0b57a4;stroke-width:2.5}
svg.chart .target{stroke:#b3261e;stroke-width:2;stroke-dasharray:none}
svg.chart .target-label{fill:#b3261e;font-weight:bold}
svg.chart .path{fill:none;stroke:#444;stroke-width:2;stroke-dasharray:6 5}
svg.chart .bar{fill:#2f7d5f}
svg.chart .bar.hi{fill:#0d4f3c}
svg.chart .value{font-weight:bold}
svg.chart .unit{fill:#333}
.crumbs{font-size:.9rem;margin-top:4px}
.pager{display:flex;justify-content:space-between;gap:12px;flex-wrap:wrap;margin-top:2rem}
.pager a{display:inline-block;padding:8px 0;min-height:44px}
ul.files li{margin:.35rem 0}
.site-footer{border-top:1px solid #ccc;background:#f6f6f6;font-size:.9rem;padding:12px 0 24px}
.survey{max-width:760px}
.survey .other{display:block;color:#555;font-size:.88em}
.survey fieldset{border:1px solid #c8d6d0;border-radius:6px;margin:0 0 14px;padding:12px 14px}
.survey legend{float:left;width:100%;font-weight:bold;padding:0;margin:0 0 6px}
.survey legend+*{clear:both}
.survey label.choice{display:flex;gap:10px;align-items:flex-start;padding:8px 4px;min-height:44px}
.survey input[type=radio],.survey input[type=checkbox]{width:22px;height:22px;margin-top:2px;flex:none}
.survey select,.survey textarea{width:100%;font:inherit;padding:8px;border:1px solid #767676;border-radius:4px;background:#fff}
.survey textarea{min-height:110px}
.survey .req{color:#b3261e}
.survey .hint{color:#555;font-size:.9em;margin:0 0 4px}
.survey button{font:inherit;font-weight:bold;background:#0d4f3c;color:#fff;border:0;border-radius:4px;padding:12px 22px;min-height:48px;cursor:pointer}
.survey button:disabled{background:#767676;cursor:not-allowed}
.survey button:focus-visible,.survey input:focus-visible,.survey select:focus-visible,.survey textarea:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px;box-shadow:0 0 0 6px #ffdd00}
.survey fieldset.invalid{border:2px solid #b3261e}
.survey .field-error{color:#b3261e;font-weight:bold;margin:0 0 6px}
.survey .errors{border:3px solid #b3261e;border-radius:4px;padding:10px 14px;margin:0 0 16px}
.survey .errors h2{border:0;margin:0 0 4px;font-size:1.15rem}
.survey .errors a{color:#b3261e;font-weight:bold}
.survey .errors:focus{outline:3px solid #1a1a1a}
.survey ul.list{list-style:none;padding:0}
.survey ul.list li{border:1px solid #c8d6d0;border-radius:6px;margin:0 0 10px;padding:12px 14px}
@media (max-width:700px){
  h1{font-size:1.4rem}
  dl.facts{grid-template-columns:1fr}
  dl.facts dt{margin-top:6px}
  .nav a{padding:8px 8px}
  table{font-size:.9rem}
}
@media print{.site-header nav,.switches,.skip{display:none}.site-header{background:none;color:#000}.site-header a{color:#000}}
`;

export const PORTAL_ICON = ICON_SVG;
