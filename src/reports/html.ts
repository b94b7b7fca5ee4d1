// The report as one self-contained, printable HTML page: the same document tree as the Word file, inline CSS
// (A4 pages, the same margins and fonts, a page break before each chapter, table headers repeated on each page)
// and the charts as inline SVG rendered on the server.
import { ICON_DATA_URL } from './icon.js';
import { renderChartSvg } from './charts.js';
import { figureCaption, headingText, sanitizeDocument, tableCaption, type Block, type ReportDocument } from './document.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Font stacks: the government-document fonts first, then what Windows, macOS and Linux (Noto CJK) have.
const FANGSONG = `'仿宋_GB2312', FangSong_GB2312, '仿宋', FangSong, STFangsong, 'Noto Serif CJK SC', 'Source Han Serif SC', serif`;
const HEITI = `'黑体', SimHei, STHeiti, 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif`;
const KAITI = `'楷体_GB2312', KaiTi_GB2312, '楷体', KaiTi, STKaiti, 'Noto Serif CJK SC', serif`;
const TITLE = `'方正小标宋简体', 'FZXiaoBiaoSong-B05S', '华文中宋', STZhongsong, 'Noto Serif CJK SC', serif`;

const CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; @bottom-center { content: "— " counter(page) " —"; font: 14pt 'Times New Roman', serif; } }
@page :first { @bottom-center { content: none; } }
* { box-sizing: border-box; }
html { background: #e9e9e9; }
body { margin: 0; font-family: ${FANGSONG}; font-size: 16pt; line-height: 28pt; color: #000; }
.page { background: #fff; width: 210mm; margin: 12px auto; padding: 37mm 26mm 35mm 28mm; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
.cover { min-height: 297mm; text-align: center; display: flex; flex-direction: column; }
.cover h1 { font-family: ${TITLE}; font-size: 22pt; line-height: 36pt; font-weight: normal; margin: 40mm 0 30mm; text-indent: 0; }
.cover .line { font-family: ${KAITI}; }
.cover .banner { margin: 14mm auto 0; padding: 4mm 6mm; border: 2px solid #c00000; color: #c00000; font-family: ${HEITI}; font-size: 14pt; line-height: 22pt; }
.cover .meta { margin-top: auto; font-size: 12pt; line-height: 20pt; }
.toc h2 { text-align: center; font-family: ${HEITI}; font-weight: normal; font-size: 16pt; margin: 0 0 14pt; }
.toc ol { list-style: none; margin: 0; padding: 0; }
.toc li { margin: 0; }
.toc li.l2 { padding-left: 2em; }
.toc a { color: #000; text-decoration: none; }
h1, h2, h3 { font-size: 16pt; line-height: 28pt; margin: 0; text-indent: 2em; font-weight: normal; break-after: avoid; page-break-after: avoid; }
h1 { font-family: ${HEITI}; margin-top: 14pt; }
h2 { font-family: ${KAITI}; }
h3 { font-family: ${FANGSONG}; font-weight: bold; }
p { margin: 0; text-indent: 2em; text-align: justify; overflow-wrap: anywhere; }
p.conclusion { font-weight: bold; }
p.warning { color: #9b1c1c; }
.caption { text-align: center; font-family: ${HEITI}; font-size: 14pt; line-height: 20pt; margin: 10pt 0 4pt; text-indent: 0; break-after: avoid; page-break-after: avoid; }
table { width: 100%; border-collapse: collapse; font-size: 10.5pt; line-height: 14pt; }
table.small { font-size: 9pt; line-height: 12pt; }
th, td { border: 1px solid #000; padding: 2pt 3pt; vertical-align: middle; }
th { font-family: ${HEITI}; font-weight: normal; background: #f2f2f2; }
td.left { text-align: left; } td.center { text-align: center; } td.right { text-align: right; }
tr.total td { font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.note { font-size: 12pt; line-height: 18pt; text-indent: 0; margin: 3pt 0 6pt; }
figure { margin: 8pt 0 0; text-align: center; break-inside: avoid; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
.demo-flag { color: #c00000; }
@media print {
  html { background: none; }
  .page { width: auto; margin: 0; padding: 0; box-shadow: none; }
  .cover { min-height: 220mm; }
  .chapter { break-before: page; page-break-before: always; }
}
`;

function headingTag(b: Extract<Block, { type: 'heading' }>): string {
  return `<h${b.level} id="${b.anchor ?? ''}">${esc(headingText(b))}</h${b.level}>`;
}

function tableHtml(b: Extract<Block, { type: 'table' }>): string {
  const total = b.columns.reduce((s, c) => s + c.width, 0);
  const cols = b.columns.map((c) => `<col style="width:${((c.width / total) * 100).toFixed(2)}%">`).join('');
  const head = `<tr>${b.columns.map((c) => `<th>${esc(c.title)}</th>`).join('')}</tr>`;
  const body = b.rows
    .map((r, k) => `<tr${b.totalRow && k === b.rows.length - 1 ? ' class="total"' : ''}>${r.map((t, i) => `<td class="${b.columns[i]?.align ?? 'center'}">${esc(t)}</td>`).join('')}</tr>`)
    .join('\n');
  return (
    `<div class="caption">${esc(tableCaption(b))}</div>\n` +
    `<table${b.columns.length > 8 ? ' class="small"' : ''}><colgroup>${cols}</colgroup><thead>${head}</thead><tbody>\n${body}\n</tbody></table>\n` +
    notesHtml(b.notes)
  );
}

const notesHtml = (notes: readonly string[]) => notes.map((n) => `<p class="note">${esc(n)}</p>\n`).join('');

/** Renders the report document as one HTML page. */
export function renderHtml(input: ReportDocument): string {
  const doc = sanitizeDocument(input);
  const c = doc.cover;
  // The contents list two levels, as the Word file's table of contents does.
  const headings = doc.blocks.filter((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading' && b.level <= 2);
  const toc = headings.map((b) => `<li class="l${b.level}"><a href="#${b.anchor ?? ''}">${esc(headingText(b))}</a></li>`).join('\n');
  const parts: string[] = [];
  let open = false;
  for (const b of doc.blocks) {
    if (b.type === 'heading' && b.level === 1) {
      if (open) parts.push('</section>');
      parts.push('<section class="chapter">');
      open = true;
    }
    switch (b.type) {
      case 'heading':
        parts.push(headingTag(b));
        break;
      case 'paragraph':
        parts.push(`<p class="${b.tone ?? 'normal'}">${esc(b.text)}</p>`);
        break;
      case 'table':
        parts.push(tableHtml(b));
        break;
      case 'chart':
        parts.push(`<figure>${renderChartSvg(b.spec, `fig${b.number ?? 0}`)}<figcaption class="caption">${esc(figureCaption(b))}</figcaption></figure>\n${notesHtml(b.notes)}`);
        break;
    }
  }
  if (open) parts.push('</section>');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ecoplan">
<meta name="ecoplan-data-version" content="${esc(doc.dataVersion)}">
<title>${esc(doc.title)}</title>
<link rel="icon" href="${esc(ICON_DATA_URL)}">
<style>${CSS}</style>
</head>
<body>
<div class="page cover">
<h1>${c.titleLines.map(esc).join('<br>')}</h1>
${c.lines.map((l) => `<div class="line">${esc(l)}</div>`).join('\n')}
${c.banner ? `<div class="banner" data-demo="true">${esc(c.banner)}</div>` : ''}
<div class="meta">${c.meta.map(esc).join('<br>')}</div>
</div>
<div class="page toc chapter">
<h2>目　　录</h2>
<ol>
${toc}
</ol>
</div>
<div class="page body">
${parts.join('\n')}
</div>
</body>
</html>
`;
}
