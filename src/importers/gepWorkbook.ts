// The GEP workbook: sheet “数据 Facts” (extents, region areas, transitions, item inputs, asset flows, statistics)
// and sheet “价格 Prices” (prices, price indices, parameters). Import checks every cell against the item spec and
// writes all or nothing; a problem names the file, sheet, row, column and field in Chinese and English.
// Export writes the same two sheets from the current values, plus the accounts computed from them.
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { GepError } from '../gep/errors.js';
import { checkFact, checkPrice, type FactInput, type FactKind, type PriceInput } from '../gep/facts.js';
import type { Plan } from '../plan/model.js';
import { currentFactRows, currentPriceRows, recordFacts, recordPrices, type WriteOutcome } from '../store/gep.js';
import { accountOf, extentAreaFailures, loadGep } from '../store/gepQueries.js';
import { fenToYi, fenToYuan } from '../gep/account.js';
import type { Database } from '../store/schema.js';
import { columnLetter, cellText as rawCellText } from './cells.js';
import { openWorkbook } from './upload.js';

/** GEP cells are read trimmed. */
const cellText = (v: ExcelJS.CellValue): string => rawCellText(v).trim();

export const FACT_SHEET = '数据 Facts';
export const PRICE_SHEET = '价格 Prices';
export const RESULT_SHEET = '核算结果 Accounts';

const FACT_COLUMNS = [
  { field: 'kind', zh: '类别', en: 'kind', required: true },
  { field: 'region', zh: '行政区', en: 'region', required: true },
  { field: 'year', zh: '年份', en: 'year', required: true },
  { field: 'key', zh: '键', en: 'key', required: true },
  { field: 'sub', zh: '子项', en: 'sub', required: false },
  { field: 'value', zh: '数值', en: 'value', required: true },
  { field: 'unit', zh: '单位', en: 'unit', required: true },
  { field: 'source', zh: '来源', en: 'source', required: true },
  { field: 'note', zh: '备注', en: 'note', required: false },
  { field: 'reason', zh: '修改原因', en: 'reason', required: false },
] as const;

const PRICE_COLUMNS = [
  { field: 'key', zh: '键', en: 'key', required: true },
  { field: 'year', zh: '年份', en: 'year', required: true },
  { field: 'value', zh: '数值', en: 'value', required: true },
  { field: 'unit', zh: '单位', en: 'unit', required: true },
  { field: 'source', zh: '来源', en: 'source', required: true },
  { field: 'indexKey', zh: '价格指数', en: 'index key', required: false },
  { field: 'note', zh: '备注', en: 'note', required: false },
  { field: 'reason', zh: '修改原因', en: 'reason', required: false },
] as const;

export interface WorkbookProblem {
  file: string;
  sheet: string | null;
  row: number | null;
  column: string | null;
  field: string | null;
  message: string;
  messageEn: string;
}

export const formatWorkbookProblem = (p: WorkbookProblem) =>
  `${p.file}${p.sheet ? ` 工作表“${p.sheet}”` : ''}${p.row ? ` 第 ${p.row} 行` : ''}${p.column ? ` ${p.column} 列` : ''}${p.field ? `（${p.field}）` : ''}：${p.message} / ${p.messageEn}`;



type Columns = readonly { field: string; zh: string; en: string; required: boolean }[];

function readSheet(ws: ExcelJS.Worksheet, columns: Columns, file: string, problems: WorkbookProblem[]): { row: number; cells: Record<string, string>; cols: Record<string, string> }[] {
  const header = ws.getRow(1);
  const at = new Map<number, string>();
  header.eachCell((cell, col) => {
    const t = cellText(cell.value);
    const spec = columns.find((c) => t === c.zh || t.toLowerCase() === c.en || t === `${c.zh} ${c.en}`);
    if (spec) at.set(col, spec.field);
    else if (t) problems.push({ file, sheet: ws.name, row: 1, column: columnLetter(col), field: null, message: `未知的列“${t}”，可用：${columns.map((c) => c.zh).join('、')}`, messageEn: `unknown column "${t}"` });
  });
  for (const c of columns)
    if (c.required && ![...at.values()].includes(c.field)) problems.push({ file, sheet: ws.name, row: 1, column: null, field: c.field, message: `缺少必需的列“${c.zh}”`, messageEn: `required column "${c.en}" is missing` });
  const rows: { row: number; cells: Record<string, string>; cols: Record<string, string> }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const cells: Record<string, string> = {};
    const cols: Record<string, string> = {};
    for (const [col, field] of at) {
      cols[field] = columnLetter(col);
      const t = cellText(row.getCell(col).value);
      if (t) cells[field] = t;
    }
    if (Object.keys(cells).length) rows.push({ row: n, cells, cols });
  });
  return rows;
}

export interface ParsedWorkbook {
  facts: FactInput[];
  prices: PriceInput[];
  problems: WorkbookProblem[];
  /** Sheet row of each fact, for messages raised after parsing. */
  factRows: number[];
}

/** Reads and checks a GEP workbook (no database access). */
export async function parseGepWorkbook(bytes: Buffer | ArrayBuffer, file: string, plan: Plan): Promise<ParsedWorkbook> {
  const problems: WorkbookProblem[] = [];
  const opened = await openWorkbook(bytes, file);
  if (!opened.wb) return { facts: [], prices: [], factRows: [], problems: [{ file, sheet: null, row: null, column: null, field: null, ...opened.problem }] };
  const wb = opened.wb;
  const factWs = wb.getWorksheet(FACT_SHEET);
  const priceWs = wb.getWorksheet(PRICE_SHEET);
  if (!factWs && !priceWs)
    problems.push({ file, sheet: null, row: null, column: null, field: null, message: `工作簿中没有“${FACT_SHEET}”或“${PRICE_SHEET}”工作表`, messageEn: `the workbook has neither "${FACT_SHEET}" nor "${PRICE_SHEET}"` });
  const years = { min: 2000, max: new Date().getFullYear() };
  const regionCode = (t: string) => plan.regions.find((r) => r.code === t || r.name === t)?.code ?? t;
  const facts: FactInput[] = [];
  const factRows: number[] = [];
  if (factWs) {
    for (const r of readSheet(factWs, FACT_COLUMNS, file, problems)) {
      const c = r.cells;
      const f: FactInput = {
        kind: (c.kind ?? '') as FactKind,
        region: regionCode(c.region ?? ''),
        year: /^\d{4}$/.test(c.year ?? '') ? Number(c.year) : Number.NaN,
        key: c.key ?? '',
        sub: c.sub ?? '',
        value: c.value ?? '',
        unit: c.unit ?? '',
        source: c.source ?? '',
        note: c.note ?? null,
        reason: c.reason ?? null,
      };
      const issues = checkFact(f, plan.regions.map((x) => x.code), years);
      for (const i of issues) problems.push({ file, sheet: factWs.name, row: r.row, column: r.cols[i.field] ?? r.cols.value ?? null, field: i.field, message: i.message, messageEn: i.messageEn });
      if (!issues.length) {
        facts.push(f);
        factRows.push(r.row);
      }
    }
  }
  const prices: PriceInput[] = [];
  if (priceWs) {
    for (const r of readSheet(priceWs, PRICE_COLUMNS, file, problems)) {
      const c = r.cells;
      const p: PriceInput = { key: c.key ?? '', year: /^\d{4}$/.test(c.year ?? '') ? Number(c.year) : Number.NaN, value: c.value ?? '', unit: c.unit ?? '', source: c.source ?? '', indexKey: c.indexKey ?? null, note: c.note ?? null, reason: c.reason ?? null };
      const issues = checkPrice(p, years);
      for (const i of issues) problems.push({ file, sheet: priceWs.name, row: r.row, column: r.cols[i.field] ?? null, field: i.field, message: i.message, messageEn: i.messageEn });
      if (!issues.length) prices.push(p);
    }
  }
  return { facts, prices, problems, factRows };
}

export interface ImportResult {
  ok: boolean;
  problems: WorkbookProblem[];
  facts?: WriteOutcome;
  prices?: WriteOutcome;
}

/**
 * Imports a workbook all or nothing: cell problems, extents that do not sum to their region's area, and changes
 * without a reason all refuse the whole file.
 */
export async function importGepWorkbook(db: Kysely<Database>, plan: Plan, bytes: Buffer | ArrayBuffer, file: string, opts: { recordedBy: string; reason?: string | null; isDemo?: boolean }): Promise<ImportResult> {
  return importParsedGepWorkbook(db, plan, await parseGepWorkbook(bytes, file, plan), file, opts);
}

/** The second half of importGepWorkbook: a workbook read by parseGepWorkbook (the server reads it in its worker pool) checked against the store and written. */
export async function importParsedGepWorkbook(db: Kysely<Database>, plan: Plan, parsed: ParsedWorkbook, file: string, opts: { recordedBy: string; reason?: string | null; isDemo?: boolean }): Promise<ImportResult> {
  const problems = [...parsed.problems];
  if (!problems.length) {
    // Area check of every region and year the file gives an extent for, against the merged current state.
    for (const failure of await extentAreaFailures(db, plan, parsed.facts)) {
      const rows = failure.facts.map((f) => parsed.factRows[parsed.facts.indexOf(f)]!);
      const e = failure.error;
      problems.push({ file, sheet: FACT_SHEET, row: Math.min(...rows), column: null, field: 'value', message: `${e.message}（涉及第 ${rows.join('、')} 行）`, messageEn: `${e.messageEn} (rows ${rows.join(', ')})` });
    }
  }
  if (problems.length) return { ok: false, problems };
  // Facts and prices in one transaction: a conflict in either writes nothing.
  let factsOutcome: WriteOutcome | undefined;
  let pricesOutcome: WriteOutcome | undefined;
  const conflictProblems: WorkbookProblem[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      factsOutcome = await recordFacts(trx, plan.meta.id, parsed.facts, { recordedBy: opts.recordedBy, reason: opts.reason ?? null, isDemo: opts.isDemo });
      pricesOutcome = await recordPrices(trx, plan.meta.id, parsed.prices, { recordedBy: opts.recordedBy, reason: opts.reason ?? null, isDemo: opts.isDemo });
      for (const c of factsOutcome.conflicts)
        conflictProblems.push({ file, sheet: FACT_SHEET, row: parsed.factRows[c.index] ?? null, column: null, field: 'reason', message: `已有值 ${c.current}（第 ${c.currentVersion} 版），修改须填写“修改原因”`, messageEn: `a value exists (${c.current}, version ${c.currentVersion}); a change needs a reason` });
      for (const c of pricesOutcome.conflicts)
        conflictProblems.push({ file, sheet: PRICE_SHEET, row: null, column: null, field: 'reason', message: `价格 ${c.key} 已有值 ${c.current}（第 ${c.currentVersion} 版），修改须填写“修改原因”`, messageEn: `price ${c.key} exists (${c.current}); a change needs a reason` });
      if (conflictProblems.length) throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
    return { ok: false, problems: conflictProblems };
  }
  return { ok: true, problems: [], facts: factsOutcome, prices: pricesOutcome };
}

class Rollback extends Error {}

/** Writes the current facts and prices (re-importable) and the accounts they give. */
export async function exportGepWorkbook(db: Kysely<Database>, plan: Plan): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ecoplan';
  const fs = wb.addWorksheet(FACT_SHEET);
  fs.addRow(FACT_COLUMNS.map((c) => c.zh));
  const facts = (await currentFactRows(db, plan.meta.id)).sort((a, b) => a.kind.localeCompare(b.kind) || a.region_code.localeCompare(b.region_code) || a.year - b.year || a.key.localeCompare(b.key) || a.sub.localeCompare(b.sub));
  for (const f of facts) fs.addRow([f.kind, f.region_code, f.year, f.key, f.sub, f.value_text, f.unit, f.source, f.note ?? '', '']);
  const ps = wb.addWorksheet(PRICE_SHEET);
  ps.addRow(PRICE_COLUMNS.map((c) => c.zh));
  for (const p of (await currentPriceRows(db, plan.meta.id)).sort((a, b) => a.key.localeCompare(b.key) || a.year - b.year))
    ps.addRow([p.key, p.year, p.value_text, p.unit, p.source, p.index_key ?? '', p.note ?? '', '']);
  const rs = wb.addWorksheet(RESULT_SHEET);
  rs.addRow(['行政区 region', '年份 year', '物质产品（元）', '调节服务（元）', '文化服务（元）', 'GEP（元）', 'GEP（亿元）', '说明 note']);
  const data = await loadGep(db, plan);
  const pairs = [...new Set(facts.filter((f) => f.kind === 'extent').map((f) => `${f.region_code}|${f.year}`))].sort();
  for (const pair of pairs) {
    const [region, year] = pair.split('|') as [string, string];
    try {
      const { account } = accountOf(plan, data, region, Number(year));
      rs.addRow([region, Number(year), fenToYuan(account.byCategory.material), fenToYuan(account.byCategory.regulating), fenToYuan(account.byCategory.cultural), fenToYuan(account.totalFen), fenToYi(account.totalFen), '当年价 / current prices']);
    } catch (e) {
      if (!(e instanceof GepError)) throw e;
      rs.addRow([region, Number(year), '', '', '', '', '', e.message]);
    }
  }
  for (const ws of [fs, ps, rs]) {
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((c) => (c.width = 16));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
