// The report as a Word document (.docx), in the customary layout of government documents (GB/T 9704-2012):
// A4, margins 37 / 26 / 35 / 28 mm (top, right, bottom, left), body 仿宋_GB2312 三号 (16 pt) at a fixed 28 pt line
// pitch, headings 黑体 (一、) / 楷体_GB2312 (（一）) / 仿宋_GB2312 bold (1.), title 方正小标宋简体 二号, page
// numbers "— 1 —" in the footer. The table of contents is a Word field that Word fills in on opening (the document
// asks to update its fields). The file is reproducible: its dates come from the data, not from the clock.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  NumberFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type FileChild,
  type IRunOptions,
} from 'docx';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { renderChartPng } from './charts.js';
import { figureCaption, headingText, sanitizeDocument, tableCaption, type Align, type Block, type ReportDocument } from './document.js';

const LATIN = 'Times New Roman';
export const DOCX_FONTS = { body: '仿宋_GB2312', heading1: '黑体', heading2: '楷体_GB2312', title: '方正小标宋简体', pageNumber: '宋体' } as const;
const font = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia });

// Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt, 小五 9 pt.
const SIZE = { erhao: 44, sanhao: 32, sihao: 28, xiaosi: 24, wuhao: 21, xiaowu: 18 } as const;
// Twips (1/20 pt; 1 mm ≈ 56.7 twips).
const mm = (x: number) => Math.round((x * 1440) / 25.4);
const PAGE = { width: 11906, height: 16838, top: mm(37), right: mm(26), bottom: mm(35), left: mm(28), header: mm(15), footer: mm(20) };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const LINE = { line: 560, lineRule: LineRuleType.EXACT, before: 0, after: 0 }; // 28 pt
const SINGLE = { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 };
const INDENT = { firstLine: 640 }; // two characters of 16 pt

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT };
const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

const styles = {
  default: {
    document: { run: { font: font(DOCX_FONTS.body), size: SIZE.sanhao, language: { value: 'en-US', eastAsia: 'zh-CN' } }, paragraph: { spacing: LINE } },
    heading1: { run: { font: font(DOCX_FONTS.heading1), size: SIZE.sanhao, bold: false, color: '000000' }, paragraph: { spacing: LINE, indent: INDENT, keepNext: true } },
    heading2: { run: { font: font(DOCX_FONTS.heading2), size: SIZE.sanhao, bold: false, italics: false, color: '000000' }, paragraph: { spacing: LINE, indent: INDENT, keepNext: true } },
    heading3: { run: { font: font(DOCX_FONTS.body), size: SIZE.sanhao, bold: true, color: '000000' }, paragraph: { spacing: LINE, indent: INDENT, keepNext: true } },
    title: { run: { font: font(DOCX_FONTS.title), size: SIZE.erhao, color: '000000' }, paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 720, lineRule: LineRuleType.EXACT } } },
  },
  paragraphStyles: [
    { id: 'BodyGB', name: 'Body GB', basedOn: 'Normal', paragraph: { indent: INDENT, alignment: AlignmentType.JUSTIFIED } },
    { id: 'CaptionGB', name: 'Caption GB', basedOn: 'Normal', run: { font: font(DOCX_FONTS.heading1), size: SIZE.sihao }, paragraph: { alignment: AlignmentType.CENTER, keepNext: true, spacing: { line: 400, lineRule: LineRuleType.EXACT, before: 160, after: 80 } } },
    { id: 'TableText', name: 'Table Text', basedOn: 'Normal', run: { size: SIZE.wuhao }, paragraph: { spacing: SINGLE } },
    { id: 'TableNote', name: 'Table Note', basedOn: 'Normal', run: { size: SIZE.xiaosi }, paragraph: { spacing: { line: 360, lineRule: LineRuleType.EXACT, before: 60, after: 120 } } },
    { id: 'Cover', name: 'Cover', basedOn: 'Normal', run: { font: font(DOCX_FONTS.heading2), size: SIZE.sanhao }, paragraph: { alignment: AlignmentType.CENTER } },
    ...[1, 2, 3].map((n) => ({ id: `TOC${n}`, name: `toc ${n}`, basedOn: 'Normal', run: { size: SIZE.sanhao }, paragraph: { spacing: LINE, indent: { left: (n - 1) * 640 } } })),
  ],
};

const run = (text: string, opts: Omit<IRunOptions, 'text'> = {}) => new TextRun({ text, ...opts });

/** "— 1 —", centred; the section sets the number format (roman for the contents, decimal for the body). */
function pageFooter(): Footer {
  const pn = { font: font(DOCX_FONTS.pageNumber), size: SIZE.sihao };
  return new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, spacing: SINGLE, children: [new TextRun({ ...pn, children: ['— ', PageNumber.CURRENT, ' —'] })] })],
  });
}

function cell(text: string, width: number, opts: { header?: boolean; align?: Align; size: number; bold?: boolean }): TableCell {
  const lines = text.split('\n');
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    children: lines.map(
      (line) =>
        new Paragraph({
          style: 'TableText',
          alignment: opts.header ? AlignmentType.CENTER : ALIGN[opts.align ?? 'center'],
          children: [run(line, { size: opts.size, bold: opts.header || opts.bold, font: opts.header ? font(DOCX_FONTS.heading1) : undefined })],
        }),
    ),
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function table(b: Extract<Block, { type: 'table' }>): FileChild[] {
  const total = b.columns.reduce((s, c) => s + c.width, 0);
  const widths = b.columns.map((c) => Math.floor((c.width / total) * TEXT_WIDTH));
  const size = b.columns.length > 8 ? SIZE.xiaowu : SIZE.wuhao;
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: b.columns.map((c, i) => cell(c.title, widths[i]!, { header: true, size })) });
  const rows = b.rows.map(
    (r, k) =>
      new TableRow({
        cantSplit: true,
        children: r.map((text, i) => cell(text, widths[i]!, { align: b.columns[i]?.align, size, bold: b.totalRow && k === b.rows.length - 1 })),
      }),
  );
  return [
    new Paragraph({ style: 'CaptionGB', children: [run(tableCaption(b))] }),
    new Table({
      width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
      rows: [header, ...rows],
    }),
    ...notes(b.notes),
  ];
}

function notes(texts: readonly string[]): Paragraph[] {
  return texts.map((t) => new Paragraph({ style: 'TableNote', children: [run(t)] }));
}

function coverChildren(doc: ReportDocument): FileChild[] {
  const c = doc.cover;
  const out: FileChild[] = [new Paragraph({ spacing: { ...SINGLE, before: 2400 }, children: [] })];
  for (const line of c.titleLines) out.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [run(line)] }));
  out.push(new Paragraph({ spacing: { before: 1200, line: 560, lineRule: LineRuleType.EXACT }, children: [] }));
  for (const line of c.lines) out.push(new Paragraph({ style: 'Cover', children: [run(line)] }));
  if (c.banner)
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 600, after: 0, line: 440, lineRule: LineRuleType.EXACT },
        border: { top: { ...BORDER, color: 'C00000', size: 12, space: 6 }, bottom: { ...BORDER, color: 'C00000', size: 12, space: 6 }, left: { ...BORDER, color: 'C00000', size: 12, space: 6 }, right: { ...BORDER, color: 'C00000', size: 12, space: 6 } },
        children: [run(c.banner, { font: font(DOCX_FONTS.heading1), size: SIZE.sihao, color: 'C00000' })],
      }),
    );
  out.push(new Paragraph({ spacing: { ...SINGLE, before: 1800 }, children: [] }));
  for (const line of c.meta) out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 400, lineRule: LineRuleType.EXACT }, children: [run(line, { size: SIZE.xiaosi })] }));
  return out;
}

async function bodyChildren(doc: ReportDocument): Promise<FileChild[]> {
  const charts = doc.blocks.filter((b): b is Extract<Block, { type: 'chart' }> => b.type === 'chart');
  // Rasterised in parallel (resvg renders on the libuv thread pool).
  const images = new Map(await Promise.all(charts.map(async (b) => [b, await renderChartPng(b.spec)] as const)));
  const out: FileChild[] = [];
  let firstHeading = true;
  for (const b of doc.blocks) {
    switch (b.type) {
      case 'heading':
        out.push(new Paragraph({ heading: HEADINGS[b.level], pageBreakBefore: b.level === 1 && !firstHeading, children: [run(headingText(b))] }));
        if (b.level === 1) firstHeading = false;
        break;
      case 'paragraph':
        out.push(new Paragraph({ style: 'BodyGB', children: [run(b.text, { bold: b.tone === 'conclusion' })] }));
        break;
      case 'table':
        out.push(...table(b));
        break;
      case 'chart': {
        const width = 580;
        const height = Math.round((b.spec.height * width) / b.spec.width);
        out.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            keepNext: true,
            spacing: { ...SINGLE, before: 120 },
            children: [new ImageRun({ type: 'png', data: images.get(b)!, transformation: { width, height }, altText: { id: String(b.number ?? 0), name: `chart-${b.number ?? 0}`, title: figureCaption(b), description: figureCaption(b) } })],
          }),
          new Paragraph({ style: 'CaptionGB', keepNext: false, children: [run(figureCaption(b))] }),
          ...notes(b.notes),
        );
        break;
      }
    }
  }
  return out;
}

const sectionPage = { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, right: PAGE.right, bottom: PAGE.bottom, left: PAGE.left, header: PAGE.header, footer: PAGE.footer } };

/** Renders the report document as .docx bytes. */
export async function renderDocx(input: ReportDocument): Promise<Buffer> {
  const doc = sanitizeDocument(input);
  const file = new Document({
    title: doc.title,
    subject: doc.subject,
    creator: 'ecoplan',
    lastModifiedBy: 'ecoplan',
    description: `数据版本 ${doc.dataVersion}`,
    keywords: `生态文明建设规划; 年度评估; ${doc.dataVersion}`,
    revision: 1,
    features: { updateFields: true },
    styles,
    sections: [
      { properties: { page: sectionPage }, children: coverChildren(doc) },
      {
        properties: { page: { ...sectionPage, pageNumbers: { start: 1, formatType: NumberFormat.UPPER_ROMAN } } },
        footers: { default: pageFooter() },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { ...LINE, after: 280 }, children: [run('目　　录', { font: font(DOCX_FONTS.heading1), size: SIZE.sanhao })] }),
          new TableOfContents('目录', { hyperlink: true, headingStyleRange: '1-2' }),
        ],
      },
      {
        properties: { page: { ...sectionPage, pageNumbers: { start: 1, formatType: NumberFormat.DECIMAL } } },
        footers: { default: pageFooter() },
        children: await bodyChildren(doc),
      },
    ],
  });
  return reproducible(await Packer.toBuffer(file), doc.date);
}

/**
 * Makes the package reproducible: the core properties' created/modified dates and the zip entries' times are set
 * to `date` (from the data) instead of the time of writing.
 */
function reproducible(docx: Buffer, date: string): Buffer {
  const when = new Date(date);
  const iso = `${when.toISOString().slice(0, 19)}Z`;
  const files = unzipSync(docx);
  const core = files['docProps/core.xml'];
  if (core) {
    const xml = Buffer.from(core)
      .toString('utf8')
      .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${iso}$2`)
      .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${iso}$2`);
    files['docProps/core.xml'] = new Uint8Array(Buffer.from(xml, 'utf8'));
  }
  const body = files['word/document.xml'];
  if (body) files['word/document.xml'] = new Uint8Array(Buffer.from(renumberBookmarks(Buffer.from(body).toString('utf8')), 'utf8'));
  // Zip times are local DOS times: shift so that the stored fields read as the UTC time whatever the time zone.
  const mtime = new Date(when.getTime() + when.getTimezoneOffset() * 60_000);
  const entries: Zippable = {};
  for (const [path, data] of Object.entries(files)) entries[path] = [data, { mtime }];
  return Buffer.from(zipSync(entries, { level: 6 }));
}

/**
 * docx numbers bookmarks (those of the headings the table of contents links to) with a process-wide counter, so a
 * second document written by the same process would differ: they are renumbered 1, 2, … in document order.
 */
export function renumberBookmarks(xml: string): string {
  const map = new Map<string, string>();
  for (const m of xml.matchAll(/<w:bookmarkStart\b[^>]*\bw:id="(\d+)"/g)) if (!map.has(m[1]!)) map.set(m[1]!, String(map.size + 1));
  return xml
    .replace(/(<w:bookmark(?:Start|End)\b[^>]*\bw:id=")(\d+)"/g, (_, pre: string, id: string) => `${pre}${map.get(id) ?? id}"`)
    .replace(/\b_Toc(\d+)\b/g, (name, id: string) => (map.has(id) ? `_Toc${map.get(id)}` : name));
}
