// Streamed import of monitoring data: hourly air data and water samples from .csv (UTF-8 or GB18030) or
// .xlsx (exceljs streaming reader), in the long (station, time, pollutant, value) or wide (one column per pollutant)
// layout, detected from the header. Every bad row is reported with its row number and reason; a file with any bad
// row writes nothing unless skipInvalid, when the bad rows are skipped and listed in a report CSV.
// Layouts, aliases and rules: docs/monitoring.md.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse';
import { loadExcelJS } from './excelModule.js';
import type { Kysely } from 'kysely';
import { HOURLY_COLUMNS, COLUMN_LABEL } from '../monitoring/air.js';
import { dateOfDay, dayNumber, dayOfDate, daysInYear, hourLabel, readDate, readHour, type TimeProblem } from '../monitoring/time.js';
import type { WaterItem } from '../standards/waterQuality.js';
import { ensureRegistry, mergeStoredDay } from '../store/monitoring.js';
import type { Database } from '../store/schema.js';
import { audit } from '../store/users.js';
import { columnLetter as excelColumn } from './cells.js';
import { MONITORING_LIMITS, screenXlsxFile } from './upload.js';
import { GbLineCheck, type EncodingError } from './encoding.js';
import { dayValues, newDayBuffer, type StationDay } from '../monitoring/air.js';
import { encodeDayHours, slotMask } from '../monitoring/hourBlob.js';
import { openAirStaging, type AirStaging } from '../store/airStaging.js';
import { factVersions } from '../store/monitoringResults.js';
import { CsvShape, splitLine, textLines } from './csvLines.js';

/** Columns are counted from 0 here. */
const columnLetter = (n: number): string => excelColumn(n + 1);

export type ImportKind = 'air' | 'water';
export type Layout = 'long' | 'wide';
export type Reason =
  | 'unknownStation'
  | 'unknownSection'
  | 'missingField'
  | 'fieldCount'
  | 'badTime'
  | 'futureTime'
  | 'unknownPollutant'
  | 'notNumber'
  | 'negative'
  | 'outOfRange'
  | 'conflict'
  | 'conflictStored';

export interface ImportIssue {
  row: number;
  column: string | null;
  field: string | null;
  reason: Reason;
  message: string;
  messageEn: string;
}

export interface ImportResult {
  ok: boolean;
  importId: string | null;
  file: string;
  kind: ImportKind;
  layout: Layout;
  encoding: string | null;
  /** Data rows read (below the header). */
  rows: number;
  /** Rows whose values were stored (at least one new value). */
  imported: number;
  /** Rows all of whose values were already in the file above or in the database (identical): not stored again. */
  duplicates: number;
  /** Rows with a problem, skipped (skipInvalid), or that made the import fail. */
  skipped: number;
  /** Station-hours (air) or sample values (water) written. */
  stored: number;
  errors: ImportIssue[];
  counts: Partial<Record<Reason, number>>;
  reportFile: string | null;
  ignoredColumns: string[];
  /** Years of air data written (their daily values are kept computed; precomputeAirYears adds the annual statistics). */
  years: number[];
}

export class ImportFileError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

export interface ImportOptions {
  kind?: ImportKind;
  skipInvalid?: boolean;
  /** Where the skipped rows go: a path; undefined = next to the input (`<name>.skipped.csv`); null = kept only in the database. */
  reportPath?: string | null;
  /** Name shown in messages (the uploaded name); default the file's name. */
  fileName?: string;
  by: { id: string | null; username: string };
  isDemo?: boolean;
  onProgress?: (p: { bytes: number; total: number; rows: number }) => void;
  /** Times after this instant are refused (default now). */
  now?: Date;
  /** Told when another import is being written and this one waits for it (one at a time). */
  onWait?: (otherFile: string) => void;
}

export const MAX_LISTED_ERRORS = 200;

// ── header aliases ──
const norm = (s: string) =>
  s
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[₀-₉]/g, (c) => String(c.charCodeAt(0) - 0x2080))
    .toLowerCase()
    .replace(/[\s._\-·]/g, '');

const FIELD_ALIASES: Record<'station' | 'section' | 'time' | 'date' | 'pollutant' | 'value', string[]> = {
  station: ['station', 'stationcode', '站点编码', '站点代码', '监测点位编码', '点位编码', '站点', '监测站点', '站点名称'],
  section: ['section', 'sectioncode', '断面编码', '断面代码', '断面', '断面名称'],
  time: ['time', 'datetime', 'hour', '时间', '监测时间', '日期时间', '数据时间'],
  date: ['date', '日期', '采样日期', '监测日期', '采样时间'],
  pollutant: ['pollutant', 'item', '污染物', '监测项目', '项目', '指标'],
  value: ['value', '浓度', '数值', '监测值', '值', '浓度值'],
};
const AIR_ALIASES: Record<(typeof HOURLY_COLUMNS)[number], string[]> = {
  so2: ['so2', '二氧化硫'],
  no2: ['no2', '二氧化氮'],
  pm10: ['pm10', '可吸入颗粒物'],
  pm25: ['pm25', '细颗粒物'],
  co: ['co', '一氧化碳'],
  o3: ['o3', '臭氧'],
};
const WATER_ALIASES: Record<WaterItem, string[]> = {
  pH: ['ph', 'ph值'],
  DO: ['do', '溶解氧'],
  CODMn: ['codmn', '高锰酸盐指数'],
  COD: ['cod', 'codcr', '化学需氧量'],
  BOD5: ['bod5', '五日生化需氧量'],
  NH3N: ['nh3n', '氨氮'],
  TP: ['tp', '总磷'],
  TN: ['tn', '总氮'],
  Cu: ['cu', '铜'],
  Zn: ['zn', '锌'],
  F: ['f', '氟化物'],
  Se: ['se', '硒'],
  As: ['as', '砷'],
  Hg: ['hg', '汞'],
  Cd: ['cd', '镉'],
  Cr6: ['cr6', '六价铬', '铬六价', '铬'],
  Pb: ['pb', '铅'],
  CN: ['cn', '氰化物'],
  phenol: ['phenol', '挥发酚'],
  petroleum: ['petroleum', '石油类'],
  LAS: ['las', '阴离子表面活性剂'],
  sulfide: ['sulfide', '硫化物'],
  fecalColiform: ['fecalcoliform', '粪大肠菌群'],
};
const lookup = <K extends string>(table: Record<K, string[]>) => {
  const m = new Map<string, K>();
  for (const [k, names] of Object.entries(table) as [K, string[]][]) for (const n of names) m.set(norm(n), k);
  return m;
};
const FIELDS = lookup(FIELD_ALIASES);
const AIR = lookup(AIR_ALIASES);
const WATER = lookup(WATER_ALIASES);
const AIR_INDEX = new Map(HOURLY_COLUMNS.map((c, i) => [c, i]));


// ── row sources ──
interface SourceRow {
  row: number;
  cells: string[];
}

const pad2 = (n: number) => String(n).padStart(2, '0');
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  // exceljs reads a date cell as the wall-clock time in UTC fields: keep the wall clock (China Standard Time).
  if (v instanceof Date) return `${v.getUTCFullYear()}-${pad2(v.getUTCMonth() + 1)}-${pad2(v.getUTCDate())} ${pad2(v.getUTCHours())}:${pad2(v.getUTCMinutes())}:${pad2(v.getUTCSeconds())}`;
  if (typeof v === 'object') {
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown };
    if ('result' in o) return cellText(o.result);
    if (o.richText) return o.richText.map((t) => t.text).join('').trim();
    if ('text' in o) return String(o.text).trim();
  }
  return String(v).trim();
}

/**
 * Decodes UTF-8, or GB18030 when the first chunk is not valid UTF-8 (Excel's CSV on Chinese Windows). A file that
 * mixes the two is refused (encoding.ts): UTF-8 bytes later in a UTF-8 file must stay UTF-8, and no line of a
 * GB18030 file may be UTF-8 Chinese.
 */
async function* decodeChunks(chunks: AsyncIterable<Buffer>, encoding: { value: string | null }, file: string): AsyncGenerator<string> {
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  let gbCheck: GbLineCheck | null = null;
  for await (const chunk of chunks) {
    if (!decoder) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(chunk, { stream: true });
        decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
        encoding.value = 'utf-8';
      } catch {
        decoder = new TextDecoder('gb18030', { fatal: true });
        gbCheck = new GbLineCheck(file);
        encoding.value = 'gb18030';
      }
    }
    try {
      gbCheck?.push(chunk);
    } catch (e) {
      const x = e as EncodingError;
      throw new ImportFileError('MIXED_ENCODING', x.message, x.messageEn);
    }
    try {
      yield decoder.decode(chunk, { stream: true });
    } catch {
      throw encoding.value === 'utf-8'
        ? new ImportFileError('MIXED_ENCODING', `文件“${file}”开头是 UTF-8 文本，后面却有不是 UTF-8 的字节（混用了两种编码？）；请把整个文件另存为“CSV UTF-8”后导入`, `"${file}" starts as UTF-8 text but later holds bytes that are not UTF-8 (two encodings mixed?); save the whole file as "CSV UTF-8"`)
        : new ImportFileError('BAD_ENCODING', `文件“${file}”不是有效的 UTF-8 或 GB18030 文本`, `"${file}" is neither valid UTF-8 nor GB18030 text`);
    }
  }
  try {
    gbCheck?.end();
  } catch (e) {
    const x = e as EncodingError;
    throw new ImportFileError('MIXED_ENCODING', x.message, x.messageEn);
  }
  if (decoder) yield decoder.decode();
}

async function* csvRows(path: string, file: string, onBytes: (n: number) => void, encoding: { value: string | null }): AsyncGenerator<SourceRow> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  stream.on('data', (c) => onBytes(c.length));
  const parser = parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: true });
  const feed = (async () => {
    try {
      for await (const text of decodeChunks(stream as AsyncIterable<Buffer>, encoding, file)) if (!parser.write(text)) await new Promise((ok) => parser.once('drain', ok));
      parser.end();
    } catch (e) {
      parser.destroy(e as Error);
    }
  })();
  let row = 0;
  for await (const cells of parser as AsyncIterable<string[]>) {
    row++;
    yield { row, cells };
  }
  await feed;
}

async function* xlsxRows(path: string, fileName: string, onBytes: (n: number) => void): AsyncGenerator<SourceRow> {
  // Loaded before the stream flows (its 'data' listener starts it), so that the reader sees every byte.
  const ExcelJS = await loadExcelJS();
  const stream = createReadStream(path);
  stream.on('data', (c) => onBytes(c.length));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  // The archive was screened; what can still fail is its content (XML that is not a sheet): say so, not the
  // library's words.
  const rows: AsyncGenerator<SourceRow> = (async function* () {
    for await (const sheet of reader) {
      for await (const r of sheet) {
        const values = (r.values as unknown[]).slice(1);
        yield { row: r.number, cells: values.map(cellText) };
      }
      break; // the first sheet only
    }
  })();
  try {
    yield* rows;
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    throw new ImportFileError('UNREADABLE_XLSX', `文件“${fileName}”不是可读取的 Excel 工作簿（其中的表格内容不符合 .xlsx 格式），请用 Excel 或 WPS 重新保存为 .xlsx 或 .csv 后导入`, `"${fileName}" is not a readable Excel workbook (its sheets are not valid .xlsx); save it again as .xlsx or .csv`);
  } finally {
    stream.destroy();
  }
}

// ── the import ──
const NUMBER_RE = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const F_HAS = 1;
const F_BAD = 2;
const F_WRITTEN = 4;

const REASON_TEXT: Record<Reason, [string, string]> = {
  unknownStation: ['未知的站点', 'unknown station'],
  unknownSection: ['未知的断面', 'unknown section'],
  missingField: ['缺少必填项', 'a required cell is empty'],
  fieldCount: ['字段数与表头不同', 'the number of fields differs from the header'],
  badTime: ['时间无效', 'invalid time'],
  futureTime: ['时间在将来', 'time in the future'],
  unknownPollutant: ['未知的监测项目', 'unknown pollutant or item'],
  notNumber: ['不是数字', 'not a number'],
  negative: ['浓度为负数', 'negative concentration'],
  outOfRange: ['超出可能的范围', 'out of the possible range'],
  conflict: ['同一站点（断面）同一时间同一项目的重复数值不一致', 'a repeat with a different value'],
  conflictStored: ['与数据库中已有数值不一致（已有数据不被覆盖）', 'differs from the stored value (stored data are never overwritten)'],
};

interface Chunk {
  station: number;
  year: number;
  firstDay: number;
  values: Float64Array;
  rows: Int32Array;
  /** Stored values of the station-year (hour index · 6 + column, NaN = none), read before writing; absent when none. */
  stored?: Float64Array;
}

/** A row's context for the report of skipped rows (its cells joined), made only when a problem needs it. */
type Ctx = string | (() => string);
const ctxText = (c: Ctx) => (typeof c === 'function' ? c() : c);

/** Station-hours written per transaction: each holds the write lock briefly (ECOPLAN_IMPORT_CHUNK_HOURS to tune). */
export const chunkHours = () => {
  const n = Number(process.env.ECOPLAN_IMPORT_CHUNK_HOURS);
  return Number.isInteger(n) && n > 0 ? n : 40_000;
};

// Numbers as most files write them (digits, at most one point, no sign or exponent, at most 15 digits) are read
// here without making a string: m / 10^k with m < 2^53 and k ≤ 22 is one correctly rounded division of exact
// operands, the same double as Number(text). Anything else goes the general way.
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** Imports one file. Throws ImportFileError for a file that cannot be read as a table at all. */
export async function importMonitoringFile(db: Kysely<Database>, path: string, opts: ImportOptions): Promise<ImportResult> {
  await ensureRegistry(db);
  const file = opts.fileName ?? basename(path);
  const ext = extname(opts.fileName ?? path).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') throw new ImportFileError('UNSUPPORTED_FILE', `不支持的文件类型“${ext || '无扩展名'}”，请使用 .csv 或 .xlsx`, `unsupported file type "${ext}"; use .csv or .xlsx`);
  const total = statSync(path).size;
  const nowMs = (opts.now ?? new Date()).getTime();
  const encoding = { value: null as string | null };
  let bytes = 0;
  let rowsRead = 0;
  let lastReport = 0;
  const onBytes = (n: number) => {
    bytes += n;
    const t = performance.now();
    if (opts.onProgress && t - lastReport > 100) {
      lastReport = t;
      opts.onProgress({ bytes, total, rows: rowsRead });
    }
  };
  // An .xlsx is screened whole before the streaming reader sees it (it would otherwise inflate whatever it is given).
  if (ext === '.xlsx') await screenXlsxFile(path, file, MONITORING_LIMITS);
  // One pass over the bytes: the file's hash, and whether the fast CSV path reads it exactly (csvLines.ts).
  const hash = createHash('sha256');
  const shape = new CsvShape();
  await new Promise<void>((ok, fail) =>
    createReadStream(path, { highWaterMark: 1 << 20 })
      .on('data', (c) => {
        hash.update(c);
        if (ext === '.csv') shape.push(c as Buffer);
      })
      .on('end', ok)
      .on('error', fail),
  );

  const stations = await db.selectFrom('air_stations').select(['code', 'name']).execute();
  const sections = await db.selectFrom('water_sections').select(['code', 'name']).execute();
  const byKey = (list: { code: string; name: string }[]) => {
    const m = new Map<string, number>();
    const names = new Map<string, number[]>();
    list.forEach((s, i) => {
      m.set(s.code, i);
      names.set(s.name, [...(names.get(s.name) ?? []), i]);
    });
    for (const [name, idx] of names) if (idx.length === 1 && !m.has(name)) m.set(name, idx[0]!);
    return m;
  };
  const stationIdx = byKey(stations);
  const sectionIdx = byKey(sections);

  // Header: the first row with any cell.
  let header: string[] | null = null;
  const at: Partial<Record<keyof typeof FIELD_ALIASES, number>> = {};
  const airCols: [number, number][] = [];
  const waterCols: [number, WaterItem][] = [];
  const ignoredColumns: string[] = [];
  let kind: ImportKind | null = opts.kind ?? null;
  let idCol: number | undefined;
  let layout: Layout = 'wide';
  const setup = (cells: string[]) => {
    header = cells;
    cells.forEach((text, i) => {
      const k = norm(text);
      if (!k) return;
      const f = FIELDS.get(k);
      if (f && at[f] === undefined) at[f] = i;
      else if (AIR.has(k)) airCols.push([i, AIR_INDEX.get(AIR.get(k)!)!]);
      else if (WATER.has(k)) waterCols.push([i, WATER.get(k)!]);
      else ignoredColumns.push(text);
    });
    if (at.time === undefined && at.date !== undefined) at.time = at.date;
    if (at.date === undefined && at.time !== undefined) at.date = at.time;
    if (!kind) kind = at.station !== undefined ? 'air' : at.section !== undefined ? 'water' : airCols.length ? 'air' : waterCols.length ? 'water' : null;
    if (!kind) throw new ImportFileError('UNKNOWN_LAYOUT', `无法识别文件“${file}”的表头：需要站点编码（或断面）、时间，以及污染物列或“污染物、浓度”两列`, `cannot recognise the header of "${file}": it needs a station (or section) column, a time column and pollutant columns, or pollutant and value columns`);
    idCol = kind === 'air' ? (at.station ?? at.section) : (at.section ?? at.station);
    layout = at.pollutant !== undefined && at.value !== undefined ? 'long' : 'wide';
    const missing = [idCol === undefined && (kind === 'air' ? '站点编码 station' : '断面 section'), at.time === undefined && (kind === 'air' ? '时间 time' : '日期 date'), layout === 'wide' && (kind === 'air' ? !airCols.length : !waterCols.length) && (kind === 'air' ? '污染物列（如 PM2.5）或“污染物、浓度”两列' : '监测项目列（如 氨氮）或“项目、数值”两列')].filter(Boolean);
    if (missing.length) throw new ImportFileError('MISSING_COLUMNS', `文件“${file}”缺少列：${missing.join('；')}`, `the file "${file}" lacks columns: ${missing.join('; ')}`);
  };

  const errors: ImportIssue[] = [];
  const counts: Partial<Record<Reason, number>> = {};
  const reportLines: string[] = [];
  let flags = new Uint8Array(1 << 16);
  const flag = (row: number, f: number) => {
    if (row >= flags.length) {
      const bigger = new Uint8Array(Math.max(flags.length * 2, row + 1));
      bigger.set(flags);
      flags = bigger;
    }
    flags[row]! |= f;
  };
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const issue = (row: number, col: number | null, field: string | null, reason: Reason, detail: string, detailEn: string, context: Ctx) => {
    const [zh, en] = REASON_TEXT[reason];
    const where = `文件“${file}”第 ${row} 行${col !== null ? ` ${columnLetter(col)} 列` : ''}${field ? `（${field}）` : ''}`;
    const e: ImportIssue = { row, column: col === null ? null : columnLetter(col), field, reason, message: `${where}：${zh}${detail ? `：${detail}` : ''}`, messageEn: `"${file}" row ${row}${col !== null ? ` column ${columnLetter(col)}` : ''}${field ? ` (${field})` : ''}: ${en}${detailEn ? `: ${detailEn}` : ''}` };
    counts[reason] = (counts[reason] ?? 0) + 1;
    if (errors.length < MAX_LISTED_ERRORS) errors.push(e);
    if (opts.skipInvalid) reportLines.push([row, e.column ?? '', field ?? '', reason, e.message, e.messageEn, ctxText(context)].map((x) => q(String(x))).join(','));
    flag(row, F_BAD);
  };
  const timeIssue = (row: number, col: number, text: string, p: TimeProblem, context: Ctx) => {
    if (p === 'future') issue(row, col, '时间', 'futureTime', `“${text}”晚于当前时间`, `"${text}" is after now`, context);
    else
      issue(
        row,
        col,
        '时间',
        'badTime',
        p === 'format' ? `“${text}”，应为 YYYY-MM-DDTHH 或 YYYY-MM-DD HH:00（中国标准时间）` : p === 'notOnTheHour' ? `“${text}”不是整点` : `“${text}”不是真实的日期或时刻`,
        p === 'format' ? `"${text}", expected YYYY-MM-DDTHH or YYYY-MM-DD HH:00 (China Standard Time)` : p === 'notOnTheHour' ? `"${text}" is not on the hour` : `"${text}" is not a real date or hour`,
        context,
      );
  };
  const readValue = (row: number, col: number, field: string, text: string, context: Ctx): number | null | undefined => {
    if (text === '') return null;
    if (!NUMBER_RE.test(text)) {
      issue(row, col, field, 'notNumber', `“${text}”`, `"${text}"`, context);
      return undefined;
    }
    const v = Number(text);
    // "1e309" matches the pattern but is Infinity in binary floating point: never a measurement.
    if (!Number.isFinite(v)) {
      issue(row, col, field, 'outOfRange', `“${text}”超出可表示的数值范围（不是有限的数）`, `"${text}" is beyond any representable number (not finite)`, context);
      return undefined;
    }
    if (v < 0) {
      issue(row, col, field, 'negative', text, text, context);
      return undefined;
    }
    if (field === 'pH' && v > 14) {
      issue(row, col, field, 'outOfRange', `pH ${text} 超出 0–14`, `pH ${text} is outside 0–14`, context);
      return undefined;
    }
    return v;
  };

  // Air: values held per station-year in typed arrays until the end (the file is checked whole before writing).
  const chunks = new Map<number, Chunk>();
  let yearCache = { day: NaN, year: 0, first: 0 };
  const chunkOf = (station: number, day: number): Chunk => {
    if (day !== yearCache.day) {
      const year = new Date(day * 86_400_000).getUTCFullYear();
      yearCache = { day, year, first: dayNumber(year, 1, 1) };
    }
    const key = station * 10_000 + yearCache.year;
    let c = chunks.get(key);
    if (!c) {
      const n = daysInYear(yearCache.year) * 24 * 6;
      c = { station, year: yearCache.year, firstDay: yearCache.first, values: new Float64Array(n), rows: new Int32Array(n) };
      chunks.set(key, c);
    }
    return c;
  };
  const airCell = (row: number, station: number, day: number, slot: number, col: number, value: number, colIndex: number, context: Ctx) => {
    const c = chunkOf(station, day);
    const i = ((day - c.firstDay) * 24 + slot - 1) * 6 + col;
    const prev = c.rows[i]!;
    flag(row, F_HAS);
    if (prev === 0) {
      c.rows[i] = row;
      c.values[i] = value;
    } else if (prev > 0 && c.values[i] === value) {
      // an identical repeat: a duplicate, stored once
    } else {
      const first = Math.abs(prev);
      c.rows[i] = -first;
      const label = COLUMN_LABEL[HOURLY_COLUMNS[col]!];
      issue(row, colIndex, label, 'conflict', `与第 ${first} 行的 ${label}（${c.values[i]}）不一致：${value}`, `differs from row ${first} (${c.values[i]}): ${value}`, context);
      if (prev > 0 && !(flags[first]! & F_BAD)) issue(first, null, label, 'conflict', `第 ${row} 行重复了本行的站点和时间，但 ${label} 不同（${value}）`, `row ${row} repeats this station and hour with a different ${label} (${value})`, `${stations[station]!.code},${hourLabel(day, slot)}`);
    }
  };

  // Water: small; plain maps.
  const water = new Map<string, { row: number; value: number; conflicted: boolean }>();

  const handleRow = (row: number, cells: string[]) => {
    if (!cells.some((c) => c !== '')) return;
    rowsRead++;
    const head = header!;
    let joined: string | null = null;
    const context = () => (joined ??= cells.join(' | '));
    // A CSV row with more or fewer fields than the header (an unquoted "1,000") would shift every later value.
    if (ext === '.csv' && cells.length !== head.length) {
      issue(row, null, null, 'fieldCount', `有 ${cells.length} 个字段，表头有 ${head.length} 个（数值中未加引号的逗号，如 1,000？）；整行不导入`, `${cells.length} fields, the header has ${head.length} (an unquoted comma in a number, such as 1,000?); the row is not imported`, context);
      return;
    }
    const idText = cells[idCol!] ?? '';
    const timeText = cells[at.time!] ?? '';
    if (kind === 'air') {
      const station = stationIdx.get(idText);
      if (!idText) issue(row, idCol!, '站点编码', 'missingField', '站点编码为空', 'the station is empty', context);
      else if (station === undefined) issue(row, idCol!, '站点编码', 'unknownStation', `“${idText}”不在站点名录中（ecoplan monitoring stations）`, `"${idText}" is not in the station registry`, context);
      let when: ReturnType<typeof readHour> | null = null;
      if (!timeText) issue(row, at.time!, '时间', 'missingField', '时间为空', 'the time is empty', context);
      else {
        when = readHour(timeText, nowMs);
        if (typeof when === 'string') timeIssue(row, at.time!, timeText, when, context);
      }
      const vals: [number, number, number][] = []; // column index in file, pollutant index, value
      if (layout === 'wide') {
        for (const [ci, pi] of airCols) {
          const v = readValue(row, ci, COLUMN_LABEL[HOURLY_COLUMNS[pi]!], cells[ci] ?? '', context);
          if (typeof v === 'number') vals.push([ci, pi, v]);
        }
      } else {
        const pText = cells[at.pollutant!] ?? '';
        const pk = AIR.get(norm(pText));
        if (pk === undefined) issue(row, at.pollutant!, '污染物', 'unknownPollutant', `“${pText}”，应为 SO2、NO2、PM10、PM2.5、CO、O3`, `"${pText}", expected SO2, NO2, PM10, PM2.5, CO or O3`, context);
        else {
          const v = readValue(row, at.value!, COLUMN_LABEL[pk], cells[at.value!] ?? '', context);
          if (typeof v === 'number') vals.push([at.value!, AIR_INDEX.get(pk)!, v]);
        }
      }
      if (((flags[row] ?? 0) & F_BAD) === 0 && station !== undefined && when && typeof when !== 'string')
        for (const [ci, pi, v] of vals) airCell(row, station, when.day, when.slot, pi, v, ci, context);
    } else {
      const section = sectionIdx.get(idText);
      if (!idText) issue(row, idCol!, '断面', 'missingField', '断面为空', 'the section is empty', context);
      else if (section === undefined) issue(row, idCol!, '断面', 'unknownSection', `“${idText}”不在断面名录中（ecoplan monitoring sections）`, `"${idText}" is not in the section registry`, context);
      let date: string | null = null;
      if (!timeText) issue(row, at.date!, '日期', 'missingField', '采样日期为空', 'the sampling date is empty', context);
      else {
        const d = readDate(timeText, nowMs);
        if (d === 'format' || d === 'calendar' || d === 'future' || d === 'notOnTheHour') {
          if (d === 'future') issue(row, at.date!, '日期', 'futureTime', `“${timeText}”晚于今天`, `"${timeText}" is after today`, context);
          else issue(row, at.date!, '日期', 'badTime', `“${timeText}”不是 YYYY-MM-DD 格式的真实日期`, `"${timeText}" is not a real date YYYY-MM-DD`, context);
        } else date = d;
      }
      const vals: [number, WaterItem, number][] = [];
      if (layout === 'wide') {
        for (const [ci, item] of waterCols) {
          const v = readValue(row, ci, item, cells[ci] ?? '', context);
          if (typeof v === 'number') vals.push([ci, item, v]);
        }
      } else {
        const pText = cells[at.pollutant!] ?? '';
        const item = WATER.get(norm(pText));
        if (item === undefined) issue(row, at.pollutant!, '项目', 'unknownPollutant', `“${pText}”不是 GB 3838-2002 表1 的项目`, `"${pText}" is not an item of GB 3838-2002 table 1`, context);
        else {
          const v = readValue(row, at.value!, item, cells[at.value!] ?? '', context);
          if (typeof v === 'number') vals.push([at.value!, item, v]);
        }
      }
      if (((flags[row] ?? 0) & F_BAD) === 0 && section !== undefined && date)
        for (const [ci, item, v] of vals) {
          flag(row, F_HAS);
          const key = `${section}|${date}|${item}`;
          const prev = water.get(key);
          if (!prev) water.set(key, { row, value: v, conflicted: false });
          else if (!prev.conflicted && prev.value === v) continue;
          else {
            issue(row, ci, item, 'conflict', `与第 ${prev.row} 行的 ${item}（${prev.value}）不一致：${v}`, `differs from row ${prev.row} (${prev.value}): ${v}`, context);
            if (!prev.conflicted) issue(prev.row, null, item, 'conflict', `第 ${row} 行重复了本行的断面和日期，但 ${item} 不同（${v}）`, `row ${row} repeats this section and date with a different ${item} (${v})`, key);
            prev.conflicted = true;
          }
        }
    }
  };

  /**
   * The fast path for a wide air row of a plain CSV (csvLines.ts): a row whose every cell is as expected — a known
   * station, a valid hour, plain numbers or empty cells, as many fields as the header — is stored straight from
   * the line; anything else returns false and the row goes through handleRow, which finds and words its problems.
   */
  const fastWideAir = () => {
    const head = header!;
    const n = head.length;
    const role = new Int8Array(n).fill(-1); // -1 ignored, -2 station, -3 time, ≥ 0 the pollutant's place in airCols
    role[idCol!] = -2;
    role[at.time!] = -3;
    airCols.forEach(([ci], k) => (role[ci] = k));
    const vals = new Float64Array(airCols.length);
    let lastTime = '';
    let lastWhen: { day: number; slot: number } | null = null;
    const isEdgeSpace = (c: number) => c <= 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
    return (row: number, line: string): boolean => {
      let pos = 0;
      let station: number | undefined;
      let when: { day: number; slot: number } | null = null;
      for (let col = 0; col < n; col++) {
        let end = line.indexOf(',', pos);
        if (col === n - 1) {
          if (end >= 0) return false; // more fields than the header
          end = line.length;
        } else if (end < 0) return false; // fewer
        const r = role[col]!;
        if (r >= 0) {
          if (end === pos) vals[r] = NaN;
          else {
            if (end - pos > 16) return false;
            let m = 0;
            let digits = 0;
            let point = -1;
            for (let i = pos; i < end; i++) {
              const c = line.charCodeAt(i);
              if (c >= 48 && c <= 57) {
                m = m * 10 + (c - 48);
                digits++;
              } else if (c === 46 && point < 0) point = i;
              else return false;
            }
            if (!digits || digits > 15) return false;
            vals[r] = point < 0 ? m : m / POW10[end - point - 1]!;
          }
        } else if (r === -2) {
          if (end === pos || isEdgeSpace(line.charCodeAt(pos)) || isEdgeSpace(line.charCodeAt(end - 1))) return false;
          station = stationIdx.get(line.slice(pos, end));
          if (station === undefined) return false;
        } else if (r === -3) {
          if (end - pos === lastTime.length && line.startsWith(lastTime, pos)) when = lastWhen;
          else {
            if (end === pos || isEdgeSpace(line.charCodeAt(pos)) || isEdgeSpace(line.charCodeAt(end - 1))) return false;
            const text = line.slice(pos, end);
            const w = readHour(text, nowMs);
            if (typeof w === 'string') return false;
            lastTime = text;
            lastWhen = when = w;
          }
        }
        pos = end + 1;
      }
      rowsRead++;
      // The row's context, made only for a repeat (rare): no closure per row.
      let context: Ctx | null = null;
      // A value for a station-hour not seen before is written here directly (the station-year found once per row);
      // any other (a repeat, identical or not) takes airCell, which words conflicts. The same outcome as airCell for all.
      // (A row without any value makes no station-year, as before.)
      let c: Chunk | null = null;
      let base = 0;
      let any = false;
      for (let k = 0; k < airCols.length; k++) {
        const v = vals[k]!;
        if (v !== v) continue;
        if (!c) {
          c = chunkOf(station!, when!.day);
          base = ((when!.day - c.firstDay) * 24 + when!.slot - 1) * 6;
        }
        const i = base + airCols[k]![1];
        if (c.rows[i] === 0) {
          c.rows[i] = row;
          c.values[i] = v;
          any = true;
        } else airCell(row, station!, when!.day, when!.slot, airCols[k]![1], v, airCols[k]![0], (context ??= splitLine(line).join(' | ')));
      }
      if (any) flag(row, F_HAS);
      return true;
    };
  };

  if (ext === '.csv' && shape.lineEnding) {
    const stream = createReadStream(path, { highWaterMark: 1 << 20 });
    stream.on('data', (c) => onBytes(c.length));
    let row = 0;
    let fast: ((row: number, line: string) => boolean) | null = null;
    for await (const lines of textLines(decodeChunks(stream as AsyncIterable<Buffer>, encoding, file), shape.lineEnding === 'crlf')) {
      for (const line of lines) {
        row++;
        if (!header) {
          const cells = splitLine(line);
          if (cells.some((c) => c !== '')) {
            setup(cells);
            if (kind === 'air' && layout === 'wide') fast = fastWideAir();
          }
          continue;
        }
        if (fast?.(row, line)) continue;
        handleRow(row, splitLine(line));
      }
    }
  } else {
    const source = ext === '.csv' ? csvRows(path, file, onBytes, encoding) : xlsxRows(path, file, onBytes);
    for await (const { row, cells } of source) {
      if (!header) {
        if (cells.some((c) => c !== '')) setup(cells);
        continue;
      }
      handleRow(row, cells);
    }
  }
  if (!header) throw new ImportFileError('EMPTY_FILE', `文件“${file}”是空的`, `the file "${file}" is empty`);
  opts.onProgress?.({ bytes: total, total, rows: rowsRead });

  const hasBad = () => Object.keys(counts).length > 0;
  const id = randomUUID();
  let stored = 0;
  const Rollback = class extends Error {};
  const tally = () => {
    let imported = 0;
    let duplicates = 0;
    let skipped = 0;
    for (let r = 0; r < flags.length; r++) {
      const f = flags[r]!;
      if (f & F_BAD) skipped++;
      else if (f & F_WRITTEN) imported++;
      else if (f & F_HAS) duplicates++;
    }
    return { imported, duplicates, skipped };
  };
  const years: number[] = [];
  const result = (ok: boolean, reportFile: string | null): ImportResult => {
    const t = tally();
    return { ok, importId: ok ? id : null, file, kind: kind!, layout, encoding: encoding.value, rows: rowsRead, imported: ok ? t.imported : 0, duplicates: t.duplicates, skipped: t.skipped, stored: ok ? stored : 0, errors, counts, reportFile, ignoredColumns, years: ok ? years : [] };
  };
  if (hasBad() && !opts.skipInvalid) return result(false, null);
  const reportCsv = () => (reportLines.length ? '\uFEFF' + ['行号 row,列 column,字段 field,原因 reason,说明,message,原始数据 raw', ...reportLines].join('\n') + '\n' : null);
  const logImport = async (trx: Kysely<Database>) => {
    const t = tally();
    await trx
      .insertInto('monitoring_imports')
      .values({ id, kind: kind!, file_name: file, file_sha256: hash.digest('hex'), layout, rows: rowsRead, imported: t.imported, duplicates: t.duplicates, skipped: t.skipped, counts: JSON.stringify(counts), report_csv: reportCsv(), is_demo: opts.isDemo ? 1 : 0, imported_by: opts.by.username, imported_at: new Date().toISOString() })
      .execute();
    await audit(trx, { userId: opts.by.id, action: 'monitoring.import', entity: 'monitoring_import', entityId: id, detail: { file, kind, layout, rows: rowsRead, ...t, stored, counts } });
  };

  if (kind === 'water') {
    try {
      await db.transaction().execute(async (trx) => {
        stored = await writeWater(trx, water, sections, flags, id, issue, flag);
        if (hasBad() && !opts.skipInvalid) throw new Rollback();
        await logImport(trx);
      });
    } catch (e) {
      if (e instanceof Rollback) return result(false, null);
      throw e;
    }
  } else {
    // Air: written in bounded transactions under a batch that becomes visible in one small final transaction.
    const staging = await openAirStaging(db, id, file, opts.onWait);
    try {
      const before = await factVersions(db);
      const list = [...chunks.values()].sort((a, b) => a.station - b.station || a.year - b.year);
      // Pass 1, reading only: the stored hours of each station-year; identical values are duplicates, different
      // ones conflicts (stored data are never overwritten).
      await readStored(staging, list, stations, issue);
      if (hasBad() && !opts.skipInvalid) {
        await staging.discard();
        return result(false, null);
      }
      // Pass 2: the values of good rows, a bounded chunk per transaction; each station-year's days computed
      // between chunks, while the lock is free.
      const days = new Map<number, Map<string, StationDay[]>>();
      const limit = chunkHours();
      // While staging (rows nobody sees yet) the engine may relax durability per chunk (SQLite: no sync, no
      // checkpoint midway); the final transaction is durable again and makes every staged row durable with it.
      await staging.tune(true);
      for (let k = 0; k < list.length; ) {
        const group: Chunk[] = [];
        let hours = 0;
        while (k < list.length && (hours === 0 || hours + list[k]!.rows.length / 6 <= limit)) {
          hours += list[k]!.rows.length / 6;
          group.push(list[k++]!);
        }
        const ranges = group.map((c) => [stations[c.station]!.code, dateOfDay(c.firstDay), dateOfDay(c.firstDay + daysInYear(c.year) - 1)] as [string, string, string]);
        const rows: (string | number | Uint8Array)[] = [];
        const computed: StationDay[][] = [];
        for (const c of group) {
          const d: StationDay[] = [];
          stored += stageChunk(c, stations[c.station]!.code, flags, id, flag, rows, d);
          computed.push(d);
          c.stored = undefined;
        }
        await staging.stage(ranges, rows);
        group.forEach((c, i) => {
          let byStation = days.get(c.year);
          if (!byStation) days.set(c.year, (byStation = new Map()));
          if (computed[i]!.length) byStation.set(stations[c.station]!.code, computed[i]!);
        });
        await new Promise((ok) => setImmediate(ok));
      }
      years.push(...[...days.keys()].sort());
      await staging.tune(false);
      await staging.publish(before.air, days, logImport);
    } catch (e) {
      await staging.discard().catch(() => undefined);
      throw e;
    }
  }
  let reportFile: string | null = null;
  if (reportLines.length) {
    if (opts.reportPath === null) reportFile = `/api/v1/monitoring/imports/${id}/report.csv`;
    else {
      reportFile = opts.reportPath ?? path.replace(/\.(csv|xlsx)$/i, '') + '.skipped.csv';
      writeFileSync(reportFile, reportCsv()!);
    }
  }
  return result(true, reportFile);
}

type IssueFn = (row: number, col: number | null, field: string | null, reason: Reason, detail: string, detailEn: string, context: Ctx) => void;

/** Reads the stored hours of each station-year and compares them with the file's values (pass 1). */
async function readStored(staging: AirStaging, list: Chunk[], stations: { code: string }[], issue: IssueFn): Promise<void> {
  const buf = newDayBuffer();
  for (const c of list) {
    const code = stations[c.station]!.code;
    const storedDays = await staging.readStored(code, dateOfDay(c.firstDay), dateOfDay(c.firstDay + daysInYear(c.year) - 1));
    if (!storedDays.length) continue;
    // The rows of a day (several imports) merged, in the chunk's order: hour index · 6 + column.
    const stored = new Float64Array(c.rows.length).fill(NaN);
    for (const d of storedDays) {
      buf.fill(NaN);
      mergeStoredDay(code, d.day, d.data, buf);
      const base = (dayOfDate(d.day) - c.firstDay) * 24;
      for (let p = 0; p < 6; p++)
        for (let s = 0; s < 24; s++) {
          const v = buf[p * 24 + s]!;
          if (v === v) stored[(base + s) * 6 + p] = v;
        }
    }
    c.stored = stored;
    for (let i = 0; i < stored.length; i++) {
      const old = stored[i]!;
      const r = c.rows[i]!;
      if (r <= 0 || old !== old) continue;
      if (old === c.values[i]) c.rows[i] = 0;
      else {
        const h = Math.floor(i / 6);
        const hour = hourLabel(c.firstDay + Math.floor(h / 24), (h % 24) + 1);
        const label = COLUMN_LABEL[HOURLY_COLUMNS[i % 6]!];
        issue(r, null, label, 'conflictStored', `${code} ${hour} 的 ${label} 已有 ${old}，本文件为 ${c.values[i]}`, `${code} ${hour} ${label} is stored as ${old}, the file has ${c.values[i]}`, `${code},${hour}`);
      }
    }
  }
}

/**
 * The values of a station-year's good rows (pass 2) as its station-days (AIR_DAY_COLUMNS, appended to `out`): a day
 * with any value written gets one row of this import, holding only what this import adds (values of hours already
 * stored by other imports stay in their rows; readers merge). Also the station-year's days as they are once the
 * import is visible (`days`): the stored hours with the values written over them. Returns the station-hours written.
 */
function stageChunk(c: Chunk, code: string, flags: Uint8Array, importId: string, flag: (row: number, f: number) => void, out: (string | number | Uint8Array)[], days: StationDay[]): number {
  let written = 0;
  const count = c.rows.length / 144;
  const buf = newDayBuffer();
  const merged = newDayBuffer();
  for (let d = 0; d < count; d++) {
    let dayAny = false;
    for (let s = 0; s < 24; s++) {
      const h = d * 24 + s;
      let any = false;
      for (let p = 0; p < 6; p++) {
        const r = c.rows[h * 6 + p]!;
        if (r <= 0 || flags[r]! & F_BAD) {
          buf[p * 24 + s] = NaN;
          continue;
        }
        buf[p * 24 + s] = c.values[h * 6 + p]!;
        flag(r, F_WRITTEN);
        any = true;
      }
      if (any) written++;
      dayAny ||= any;
    }
    if (dayAny) out.push(code, dateOfDay(c.firstDay + d), importId, slotMask(buf), encodeDayHours(buf));
    // The day once visible: what is written, else the stored value. Stored values that are not finite are read as
    // missing, as every read of the hours does (store/monitoring.ts).
    let day = buf;
    let any = dayAny;
    if (c.stored) {
      day = merged;
      for (let p = 0; p < 6; p++)
        for (let s = 0; s < 24; s++) {
          const v = buf[p * 24 + s]!;
          const old = c.stored[(d * 24 + s) * 6 + p]!;
          merged[p * 24 + s] = v === v ? v : Number.isFinite(old) ? old : NaN;
          if (merged[p * 24 + s] === merged[p * 24 + s]) any = true;
        }
    }
    if (any) days.push(dayValues(dateOfDay(c.firstDay + d), day));
  }
  return written;
}

async function writeWater(trx: Kysely<Database>, water: Map<string, { row: number; value: number; conflicted: boolean }>, sections: { code: string }[], flags: Uint8Array, importId: string, issue: IssueFn, flag: (row: number, f: number) => void): Promise<number> {
  const keys = [...water.keys()].map((k) => k.split('|') as [string, string, string]);
  if (!keys.length) return 0;
  const dates = keys.map((k) => k[1]).sort();
  const codes = [...new Set(keys.map((k) => sections[Number(k[0])]!.code))];
  const storedRows = await trx.selectFrom('water_samples').selectAll().where('section_code', 'in', codes).where('date', '>=', dates[0]!).where('date', '<=', dates[dates.length - 1]!).execute();
  const stored = new Map(storedRows.map((s) => [`${s.section_code}|${s.date}|${s.item}`, s.value]));
  const rows: Database['water_samples'][] = [];
  const cands: { key: string; code: string; date: string; item: string; v: { row: number; value: number; conflicted: boolean } }[] = [];
  for (const [key, v] of water) {
    if (v.conflicted) continue;
    const [si, date, item] = key.split('|') as [string, string, string];
    const code = sections[Number(si)]!.code;
    const old = stored.get(`${code}|${date}|${item}`);
    if (old === undefined) cands.push({ key, code, date, item, v });
    else if (old !== v.value) issue(v.row, null, item, 'conflictStored', `${code} ${date} 的 ${item} 已有 ${old}，本文件为 ${v.value}`, `${code} ${date} ${item} is stored as ${old}, the file has ${v.value}`, `${code},${date}`);
  }
  for (const c of cands) {
    if (flags[c.v.row]! & F_BAD) continue;
    rows.push({ section_code: c.code, date: c.date, item: c.item, value: c.v.value, import_id: importId });
    flag(c.v.row, F_WRITTEN);
  }
  for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('water_samples').values(rows.slice(i, i + 1000)).execute();
  return rows.length;
}
