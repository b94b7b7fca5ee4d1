// The neutral document tree of a report: what the sections produce and what the Word and HTML renderers read.
// Headings carry their level only; numbering (一、（一）1.) and the numbers of tables and figures are assigned once,
// by numberBlocks, so both renderers print the same numbers.
import { stripForbidden } from '../plan/text.js';
import { zhNumeral } from './format.js';

export interface ChartSeries {
  name: string;
  values: (number | null)[];
  /** One colour for the series, or one per value. */
  color?: string;
  colors?: string[];
  /** Text shown at the end of each bar (already formatted, e.g. "98.50%"). */
  labels?: string[];
  stack?: string;
}

/** A chart as data; src/reports/charts.ts turns it into an ECharts option and renders it on the server. */
export interface ChartSpec {
  kind: 'bar' | 'hbar';
  width: number;
  height: number;
  categories: string[];
  series: ChartSeries[];
  /** Unit of the value axis. */
  axisName?: string;
  /** A reference line on the value axis (the target, 100 %). */
  markLine?: { value: number; label: string };
  legend?: boolean;
}

export type Align = 'left' | 'center' | 'right';

export interface Column {
  title: string;
  /** Relative width. */
  width: number;
  align?: Align;
}

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; title: string; numbered?: boolean; number?: string; anchor?: string }
  | { type: 'paragraph'; text: string; tone?: 'normal' | 'conclusion' | 'warning' }
  | { type: 'table'; title: string; number?: number; columns: Column[]; rows: string[][]; notes: string[]; totalRow?: boolean }
  | { type: 'chart'; title: string; number?: number; spec: ChartSpec; notes: string[] };

export interface Cover {
  title: string;
  /** The title broken where a cover breaks it: the plan's short name, then the report. */
  titleLines: string[];
  lines: string[];
  /** Shown prominently when the report uses demonstration data. */
  banner: string | null;
  /** Small print at the bottom: data version and the date of the data (never the time of generation). */
  meta: string[];
}

export interface ReportDocument {
  title: string;
  subject: string;
  dataVersion: string;
  /** ISO date the document properties carry (taken from the data, so the file is reproducible). */
  date: string;
  usesDemo: boolean;
  cover: Cover;
  blocks: Block[];
}

const CJK = '\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”';
const SPACE_AFTER_CJK = new RegExp(`(?<=[${CJK}])[ \u00a0]+(?=[0-9A-Za-z])`, 'g');
const SPACE_BEFORE_CJK = new RegExp(`(?<=[0-9A-Za-z%])[ \u00a0]+(?=[${CJK}])`, 'g');

/**
 * Chinese typesetting puts no space between Chinese and digits or Latin letters (Word adds the small gap itself,
 * 中西文自动间距): "2024 年" → "2024年". Applied to the report's own prose, not to table cells (reported text).
 */
export function tidy(text: string): string {
  return text.replace(SPACE_AFTER_CJK, '').replace(SPACE_BEFORE_CJK, '');
}

/** Numbers headings in the Chinese style (一、 / （一） / 1.) and tables and figures in order; returns new blocks. */
export function numberBlocks(blocks: readonly Block[]): Block[] {
  const counters = [0, 0, 0];
  let table = 0;
  let figure = 0;
  let anchor = 0;
  return blocks.map((raw) => {
    const b = tidyBlock(raw);
    if (b.type === 'heading') {
      const a = `h${++anchor}`;
      if (b.numbered === false) return { ...b, number: '', anchor: a };
      const i = b.level - 1;
      counters[i]!++;
      for (let j = i + 1; j < counters.length; j++) counters[j] = 0;
      const n = counters[i]!;
      const number = b.level === 1 ? `${zhNumeral(n)}、` : b.level === 2 ? `（${zhNumeral(n)}）` : `${n}. `;
      return { ...b, number, anchor: a };
    }
    if (b.type === 'table') return { ...b, number: ++table };
    if (b.type === 'chart') return { ...b, number: ++figure };
    return b;
  });
}

export const headingText = (b: Extract<Block, { type: 'heading' }>) => `${b.number ?? ''}${b.title}`;
export const tableCaption = (b: Extract<Block, { type: 'table' }>) => `表${b.number ?? ''}　${b.title}`;
export const figureCaption = (b: Extract<Block, { type: 'chart' }>) => `图${b.number ?? ''}　${b.title}`;

function tidyBlock(b: Block): Block {
  switch (b.type) {
    case 'heading':
      return { ...b, title: tidy(b.title) };
    case 'paragraph':
      return { ...b, text: tidy(b.text) };
    case 'table':
    case 'chart':
      return { ...b, title: tidy(b.title), notes: b.notes.map(tidy) };
  }
}

/**
 * The document with every text stripped of the characters XML 1.0 forbids (src/plan/text.ts). Input refuses them,
 * but a value stored before that check must not make document.xml invalid or put NUL/BEL into the HTML report.
 */
export function sanitizeDocument<T>(value: T): T {
  if (typeof value === 'string') return stripForbidden(value) as T;
  if (Array.isArray(value)) return value.map((v) => sanitizeDocument(v)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sanitizeDocument(v)])) as T;
  return value;
}

/** A chapter of the annual report: built from the report's model (model.ts), which knows nothing of the chapters. */
export interface ReportSection {
  id: string;
  /** What the section is about, for docs and listings. */
  title: string;
  build(model: import('./model.js').ReportModel): Block[] | null;
}
