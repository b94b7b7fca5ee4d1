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
import { createHash } from 'node:crypto';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { chartPng, type DrawChart } from './chartCache.js';
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

function bodyChildren(doc: ReportDocument, images: ReadonlyMap<Block, Buffer>): FileChild[] {
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

/** How a chart placeholder starts (followed by the sha-256 of its spec). */
const PLACEHOLDER = 'ecoplan chart placeholder ';

const sectionPage = { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, right: PAGE.right, bottom: PAGE.bottom, left: PAGE.left, header: PAGE.header, footer: PAGE.footer } };

/**
 * The chart images of a document, asked for at once and put in at the end: each chart goes into the document as a
 * placeholder (a short text naming its spec: its own bytes, so its own media file) while the real image is drawn —
 * by a ChartWorker on another core, or read from the chart folder — and the media entry holding the placeholder is
 * given the image when the package is rewritten (found by its content: docx names media files image1.png … in its
 * own order).
 */
function chartImages(doc: ReportDocument, charts: { dir?: string; draw?: DrawChart }) {
  const placeholders = new Map<Block, Buffer>();
  const drawn = new Map<string, Promise<Buffer>>();
  for (const b of doc.blocks) {
    if (b.type !== 'chart') continue;
    const placeholder = `${PLACEHOLDER}${createHash('sha256').update(JSON.stringify(b.spec)).digest('hex')}`;
    placeholders.set(b, Buffer.from(placeholder));
    if (!drawn.has(placeholder)) drawn.set(placeholder, chartPng(b.spec, 2, charts.dir, charts.draw));
  }
  const all = Promise.all([...drawn].map(async ([key, png]) => [key, await png] as const)).then((xs) => new Map(xs));
  all.catch(() => {}); // awaited below, after the package is written: a failure then is not an unhandled rejection
  return { placeholders, images: all };
}

/**
 * Renders the report document as .docx bytes. `charts.dir` keeps the chart images between runs (chartCache.ts);
 * `charts.draw` draws one that is not kept (default: in this thread).
 */
export async function renderDocx(input: ReportDocument, charts: { dir?: string; draw?: DrawChart } = {}): Promise<Buffer> {
  const doc = sanitizeDocument(input);
  const { placeholders, images } = chartImages(doc, charts);
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
        children: bodyChildren(doc, placeholders),
      },
    ],
  });
  const packed = await Packer.toBuffer(file);
  return reproducible(packed, doc.date, await images);
}

/**
 * Makes the package reproducible: the core properties' created/modified dates and the zip entries' times are set
 * to `date` (from the data) instead of the time of writing, and the bookmarks are renumbered.
 * The package is rewritten entry by entry: the two parts that change are inflated, edited and deflated with
 * node:zlib; every other part keeps the bytes docx compressed (re-inflating and re-deflating the whole package in
 * JavaScript was a quarter of the Word rendering time, see docs/performance.md).
 */
function reproducible(docx: Buffer, date: string, images: ReadonlyMap<string, Buffer>): Buffer {
  const when = new Date(date);
  const iso = `${when.toISOString().slice(0, 19)}Z`;
  const edits: Record<string, (xml: string) => string> = {
    'docProps/core.xml': (xml) =>
      xml
        .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${iso}$2`)
        .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${iso}$2`),
    'word/document.xml': renumberBookmarks,
  };
  // Zip times are local DOS times: shift so that the stored fields read as the UTC time whatever the time zone.
  return rewriteZip(docx, dosTime(new Date(when.getTime() + when.getTimezoneOffset() * 60_000)), edits, images);
}

/** A time as the two 16-bit MS-DOS fields of a zip header (2-second resolution; years 1980–2107). */
function dosTime(d: Date): { time: number; date: number } {
  const year = Math.min(Math.max(d.getFullYear(), 1980), 2107);
  return { time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1), date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate() };
}

/**
 * Writes a zip archive again (APPNOTE.TXT 6.3: local headers, then the central directory), entries in the same
 * order, every entry stamped with `stamp`; an entry named in `edits` is inflated, edited and deflated anew, the
 * others keep their compressed bytes. Takes what docx writes: no zip64, no encryption, no data descriptors.
 */
export function rewriteZip(zip: Buffer, stamp: { time: number; date: number }, edits: Record<string, (text: string) => string>, images: ReadonlyMap<string, Buffer> = new Map()): Buffer {
  const unused = new Set(images.keys());
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip archive: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (let k = 0; k < count; k++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('not a zip archive: bad central directory entry');
    const flags = zip.readUInt16LE(at + 8) & 0x0800; // keep only "names are UTF-8"
    let method = zip.readUInt16LE(at + 10);
    let crc = zip.readUInt32LE(at + 16);
    const compressed = zip.readUInt32LE(at + 20);
    let size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    let data = zip.subarray(start, start + compressed);
    const entryName = name.toString('utf8');
    const edit = edits[entryName];
    // A chart placeholder is a short media entry whose text is a key of `images`.
    const placeholder = images.size && size < 128 && entryName.startsWith('word/media/') ? (method === 8 ? inflateRawSync(data) : data).toString('latin1') : '';
    const replacement = images.get(placeholder);
    if (replacement) {
      unused.delete(placeholder);
      // Deflated again as docx did: the PNG's rows are stored unfiltered (charts.ts), and a second pass over its
      // stream still takes off about a fifth.
      data = deflateRawSync(replacement, { level: 6 });
      method = 8;
      crc = crc32(replacement);
      size = replacement.length;
    } else if (edit) {
      const text = Buffer.from(edit((method === 8 ? inflateRawSync(data) : data).toString('utf8')), 'utf8');
      data = deflateRawSync(text, { level: 6 });
      method = 8;
      crc = crc32(text);
      size = text.length;
    }
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    header.writeUInt16LE(flags, 6);
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(stamp.time, 10);
    header.writeUInt16LE(stamp.date, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
    header.copy(entry, 6, 4, 30); // version needed … name length, as in the local header
    entry.writeUInt32LE(offset, 42);
    parts.push(header, name, data);
    central.push(entry, name);
    offset += 30 + name.length + data.length;
  }
  // A placeholder left out would be a chart missing from the file: refuse rather than write it.
  if (unused.size) throw new Error(`chart images without their place in the package: ${[...unused].join(', ')}`);
  const directory = Buffer.concat(central);
  const tail = Buffer.alloc(22);
  tail.writeUInt32LE(0x06054b50, 0);
  tail.writeUInt16LE(count, 8);
  tail.writeUInt16LE(count, 10);
  tail.writeUInt32LE(directory.length, 12);
  tail.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, tail]);
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
