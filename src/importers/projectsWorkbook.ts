// The project library as an Excel workbook: the library in the appendix's layout (附表: 序号, 工程类别, 项目名称,
// 建设内容, 投资估算（亿元）, 牵头单位, 建设期限, then the columns the library adds) and a sheet of yearly progress.
// Reading back checks every cell and answers every problem with sheet, row, column and field; nothing is
// returned to write unless the whole file is valid.
import ExcelJS from 'exceljs';
import type { Plan } from '../plan/model.js';
import {
  fieldsOf,
  mayReportProgress,
  STATUSES,
  validateProgress,
  validateProject,
  type LibraryEntry,
  type ProgressFact,
  type ProgressValues,
  type ProjectFields,
  type ProjectInput,
} from '../projects/library.js';
import type { Kysely } from 'kysely';
import { addProject, ProjectError, recordProgress, reviseProject } from '../store/projects.js';
import type { Database } from '../store/schema.js';
import { audit } from '../store/users.js';
import { openWorkbook } from './upload.js';

export const LIBRARY_SHEET = '重点工程项目库';
export const PROGRESS_SHEET = '年度进展';

interface Column<F extends string> {
  field: F;
  title: string;
  width: number;
}

const LIBRARY_COLUMNS: Column<'no' | 'category' | 'name' | 'content' | 'investment' | 'leads' | 'period' | 'subcategory' | 'regions' | 'nameEn' | 'reason'>[] = [
  { field: 'no', title: '序号', width: 6 },
  { field: 'category', title: '工程类别', width: 18 },
  { field: 'name', title: '项目名称', width: 30 },
  { field: 'content', title: '建设内容', width: 60 },
  { field: 'investment', title: '投资估算（亿元）', width: 12 },
  { field: 'leads', title: '牵头单位', width: 24 },
  { field: 'period', title: '建设期限', width: 12 },
  { field: 'subcategory', title: '工程子类', width: 16 },
  { field: 'regions', title: '涉及行政区', width: 24 },
  { field: 'nameEn', title: '英文名称', width: 30 },
  { field: 'reason', title: '修改原因', width: 24 },
];

const PROGRESS_COLUMNS: Column<'no' | 'name' | 'year' | 'plannedInvestment' | 'completedInvestment' | 'cumulativeInvestment' | 'physicalProgress' | 'status' | 'reason' | 'explanation' | 'note'>[] = [
  { field: 'no', title: '序号', width: 6 },
  { field: 'name', title: '项目名称', width: 30 },
  { field: 'year', title: '年份', width: 8 },
  { field: 'plannedInvestment', title: '计划投资（亿元）', width: 12 },
  { field: 'completedInvestment', title: '完成投资（亿元）', width: 12 },
  { field: 'cumulativeInvestment', title: '累计完成投资（亿元）', width: 14 },
  { field: 'physicalProgress', title: '形象进度（%）', width: 10 },
  { field: 'status', title: '状态', width: 8 },
  { field: 'reason', title: '原因说明', width: 24 },
  { field: 'explanation', title: '超概算说明', width: 24 },
  { field: 'note', title: '备注', width: 24 },
];

const letter = (i: number) => String.fromCharCode(65 + i);

function header(ws: ExcelJS.Worksheet, title: string, columns: readonly Column<string>[]) {
  ws.addRow([title]);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.addRow(columns.map((c) => c.title));
  ws.getRow(2).font = { bold: true };
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  ws.views = [{ state: 'frozen', ySplit: 2 }];
}

/** The workbook: the active library in the appendix's layout, and every project's current yearly entries. */
export async function buildProjectsWorkbook(plan: Plan, library: readonly LibraryEntry[], progress: readonly ProgressFact[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ecoplan';
  const lib = wb.addWorksheet(LIBRARY_SHEET);
  header(lib, `附表 ${plan.meta.shortName}重点工程项目表（项目库导出，投资单位：亿元）`, LIBRARY_COLUMNS);
  const regionName = (code: string) => plan.regions.find((r) => r.code === code)?.name ?? code;
  for (const p of library.filter((x) => !x.retired)) {
    const cat = plan.categories.find((c) => c.id === p.categoryId);
    const row = lib.addRow([p.no, cat?.appendixName ?? p.category, p.name, p.content, Number(p.investmentText), p.leads.join('、'), `${p.startYear}-${p.endYear}`, p.subcategory ?? '', p.regions.map(regionName).join('、'), p.nameEn, '']);
    row.getCell(5).numFmt = '0.00';
    row.alignment = { vertical: 'top', wrapText: true };
  }
  const prog = wb.addWorksheet(PROGRESS_SHEET);
  header(prog, '重点工程项目年度进展（投资单位：亿元；状态：未开工、在建、已完工、延期、暂停、终止）', PROGRESS_COLUMNS);
  const names = new Map(library.map((p) => [p.no, p.name]));
  for (const e of progress) {
    const row = prog.addRow([
      e.no,
      names.get(e.no) ?? '',
      e.year,
      Number(e.plannedInvestment),
      Number(e.completedInvestment),
      e.cumulativeInvestment === null ? '' : Number(e.cumulativeInvestment),
      e.physicalProgress ?? '',
      STATUSES[e.status].zh,
      e.reason ?? '',
      e.explanation ?? '',
      e.note ?? '',
    ]);
    for (const c of [4, 5, 6]) row.getCell(c).numFmt = '0.00';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ImportError {
  sheet: string | null;
  row: number | null;
  column: string | null;
  field: string | null;
  message: string;
  messageEn: string;
}

export type LibraryChange = { kind: 'add'; fields: ProjectFields; reason: string; row: number } | { kind: 'revise'; no: number; fields: ProjectFields; reason: string; row: number };
export interface ProgressRow {
  no: number;
  year: number;
  values: ProgressValues;
  row: number;
}

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v.trim();
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return text(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('text' in v) return String(v.text).trim();
    if ('error' in v) return String(v.error);
  }
  return String(v).trim();
}

/** Finds the header row (the first of rows 1–5 whose first cell is 序号) and maps titles to fields. */
function readSheet<F extends string>(ws: ExcelJS.Worksheet, columns: readonly Column<F>[], required: readonly F[], errors: ImportError[]) {
  let headerRow = 0;
  for (let r = 1; r <= 5 && !headerRow; r++) if (text(ws.getRow(r).getCell(1).value) === '序号') headerRow = r;
  const at = new Map<F, number>();
  if (!headerRow) {
    errors.push({ sheet: ws.name, row: null, column: 'A', field: null, message: `工作表“${ws.name}”前 5 行中找不到表头（第一列应为“序号”）`, messageEn: `sheet "${ws.name}": no header row (first column "序号") in rows 1–5` });
    return { rows: [] as { row: number; cells: Partial<Record<F, string>> }[], at };
  }
  ws.getRow(headerRow).eachCell((cell, col) => {
    const t = text(cell.value);
    const c = columns.find((x) => x.title === t);
    if (c) at.set(c.field, col);
    else if (t) errors.push({ sheet: ws.name, row: headerRow, column: letter(col - 1), field: null, message: `未知的列“${t}”`, messageEn: `unknown column "${t}"` });
  });
  for (const f of required)
    if (!at.has(f)) {
      const c = columns.find((x) => x.field === f)!;
      errors.push({ sheet: ws.name, row: headerRow, column: null, field: f, message: `缺少必需的列“${c.title}”`, messageEn: `required column "${c.title}" is missing` });
    }
  const rows: { row: number; cells: Partial<Record<F, string>> }[] = [];
  ws.eachRow((row, n) => {
    if (n <= headerRow) return;
    const cells: Partial<Record<F, string>> = {};
    for (const [f, col] of at) {
      const t = text(row.getCell(col).value);
      if (t) cells[f] = t;
    }
    if (Object.keys(cells).length) rows.push({ row: n, cells });
  });
  return { rows, at };
}

export interface ReadOptions {
  plan: Plan;
  library: readonly LibraryEntry[];
  /** Current entries (one per project and year). */
  progress: readonly ProgressFact[];
  fileName: string;
  /** The importing user: reporters may import progress of their own projects only. */
  user: { role: string; departmentId: string | null };
}

async function open(bytes: Buffer, fileName: string, errors: ImportError[]): Promise<ExcelJS.Workbook | null> {
  const opened = await openWorkbook(bytes, fileName);
  if (!opened.wb) errors.push({ sheet: null, row: null, column: null, field: null, ...opened.problem });
  return opened.wb;
}

const sheetOf = (wb: ExcelJS.Workbook, name: string, fileName: string, errors: ImportError[]) => {
  const ws = wb.getWorksheet(name);
  if (!ws) errors.push({ sheet: name, row: null, column: null, field: null, message: `${fileName}：缺少工作表“${name}”（请使用平台导出的项目库文件）`, messageEn: `${fileName}: sheet "${name}" is missing (use the workbook exported by the platform)` });
  return ws;
};

/** Reads the library sheet: changed projects become new versions, rows without 序号 new projects. */
export async function readLibraryWorkbook(bytes: Buffer, o: ReadOptions): Promise<{ changes: LibraryChange[]; errors: ImportError[] }> {
  const errors: ImportError[] = [];
  const wb = await open(bytes, o.fileName, errors);
  const ws = wb && sheetOf(wb, LIBRARY_SHEET, o.fileName, errors);
  if (!ws) return { changes: [], errors };
  const { rows, at } = readSheet(ws, LIBRARY_COLUMNS, ['category', 'name', 'content', 'investment', 'leads', 'period'], errors);
  if (errors.length) return { changes: [], errors };
  const col = (f: (typeof LIBRARY_COLUMNS)[number]['field'] | string) => {
    const n = at.get(f as never) ?? at.get((f === 'startYear' || f === 'endYear' ? 'period' : f) as never);
    return n ? letter(n - 1) : null;
  };
  const changes: LibraryChange[] = [];
  const seen = new Set<number>();
  for (const { row, cells } of rows) {
    const err = (field: string, message: string, messageEn: string) => errors.push({ sheet: ws.name, row, column: col(field), field, message: `第 ${row} 行：${message}`, messageEn: `row ${row}: ${messageEn}` });
    let base: LibraryEntry | null = null;
    if (cells.no !== undefined) {
      const no = /^\d+$/.test(cells.no) ? Number(cells.no) : NaN;
      base = o.library.find((p) => p.no === no) ?? null;
      if (!base) {
        err('no', `序号“${cells.no}”不在项目库中；新增项目请留空序号`, `number "${cells.no}" is not in the library; leave it empty for a new project`);
        continue;
      }
      if (seen.has(no)) err('no', `序号 ${no} 重复`, `number ${no} appears twice`);
      seen.add(no);
      if (base.retired) {
        err('no', `项目 ${no} 已退出项目库，不能修改`, `project ${no} is retired`);
        continue;
      }
    }
    const period = /^(\d{4})\s*[-–—~至]\s*(\d{4})$/.exec(cells.period ?? '');
    const input: ProjectInput = {
      category: cells.category ?? '',
      name: cells.name ?? '',
      content: cells.content ?? '',
      investment: cells.investment ?? '',
      leads: cells.leads ?? '',
      subcategory: cells.subcategory ?? null,
      regions: cells.regions ?? '',
      ...(at.has('nameEn') ? { nameEn: cells.nameEn ?? '' } : {}),
    };
    if (!period) err('period', `建设期限“${cells.period ?? ''}”应为“开始年-结束年”，如 2021-2025`, `period "${cells.period ?? ''}" must be "start-end", e.g. 2021-2025`);
    else Object.assign(input, { startYear: period[1], endYear: period[2] });
    if (!at.has('regions')) delete input.regions;
    if (!at.has('subcategory')) delete input.subcategory;
    const baseFields = base ? fieldsOf(base) : null;
    const v = validateProject(o.plan, period ? input : { ...input, startYear: undefined, endYear: undefined }, baseFields);
    if ('issues' in v) {
      for (const i of v.issues) if (period || (i.field !== 'startYear' && i.field !== 'endYear')) err(i.field, i.message, i.messageEn);
      continue;
    }
    if (!period) continue;
    const reason = cells.reason ?? `从 Excel 导入：${o.fileName}`;
    if (!base) changes.push({ kind: 'add', fields: v.fields, reason, row });
    else if (JSON.stringify(v.fields) !== JSON.stringify(baseFields)) changes.push({ kind: 'revise', no: base.no, fields: v.fields, reason, row });
  }
  return errors.length ? { changes: [], errors } : { changes, errors };
}


/** Reads the progress sheet: rows identical to the current entry are skipped; a changed year needs 原因说明. */
export async function readProgressWorkbook(bytes: Buffer, o: ReadOptions): Promise<{ rows: ProgressRow[]; errors: ImportError[] }> {
  const errors: ImportError[] = [];
  const wb = await open(bytes, o.fileName, errors);
  const ws = wb && sheetOf(wb, PROGRESS_SHEET, o.fileName, errors);
  if (!ws) return { rows: [], errors };
  const { rows, at } = readSheet(ws, PROGRESS_COLUMNS, ['no', 'year', 'plannedInvestment', 'completedInvestment', 'status'], errors);
  if (errors.length) return { rows: [], errors };
  const col = (f: string) => {
    const n = at.get(f as never);
    return n ? letter(n - 1) : null;
  };
  const out: ProgressRow[] = [];
  const seen = new Set<string>();
  // Entries as they will be after the rows above (for cumulative sums across years in one file).
  const state = new Map<number, ProgressFact[]>();
  const entriesOf = (no: number) => state.get(no) ?? o.progress.filter((e) => e.no === no);
  for (const { row, cells } of rows) {
    const err = (field: string, message: string, messageEn: string) => errors.push({ sheet: ws.name, row, column: col(field.replace(/\[.*$/, '')), field, message: `第 ${row} 行：${message}`, messageEn: `row ${row}: ${messageEn}` });
    const no = /^\d+$/.test(cells.no ?? '') ? Number(cells.no) : NaN;
    const project = o.library.find((p) => p.no === no);
    if (!project) {
      err('no', `序号“${cells.no ?? ''}”不在项目库中`, `number "${cells.no ?? ''}" is not in the library`);
      continue;
    }
    if (project.retired) {
      err('no', `项目 ${no} 已退出项目库`, `project ${no} is retired`);
      continue;
    }
    if (!mayReportProgress(o.plan, o.user, project)) {
      err('no', `无权填报项目 ${no}（${project.name}）：不是本单位牵头的项目`, `not allowed to report project ${no}: not led by your department`);
      continue;
    }
    const year = /^\d{4}$/.test(cells.year ?? '') ? Number(cells.year) : NaN;
    if (Number.isNaN(year)) {
      err('year', `年份“${cells.year ?? ''}”应为四位数字`, `year "${cells.year ?? ''}" must have four digits`);
      continue;
    }
    if (seen.has(`${no}|${year}`)) {
      err('year', `项目 ${no} 的 ${year} 年出现了两次`, `project ${no}, ${year} appears twice`);
      continue;
    }
    seen.add(`${no}|${year}`);
    const v = validateProgress(
      project,
      year,
      {
        plannedInvestment: cells.plannedInvestment,
        completedInvestment: cells.completedInvestment,
        cumulativeInvestment: cells.cumulativeInvestment,
        physicalProgress: cells.physicalProgress,
        status: cells.status,
        reason: cells.reason,
        explanation: cells.explanation,
        note: cells.note,
      },
      entriesOf(no),
      o.plan.meta.period.end,
    );
    if ('issues' in v) {
      for (const i of v.issues) err(i.field, i.message, i.messageEn);
      continue;
    }
    const existing = o.progress.find((e) => e.no === no && e.year === year);
    // Milestones are edited in the console; a progress row keeps the ones already recorded.
    const values: ProgressValues = { ...v.values, milestones: existing?.milestones ?? [] };
    const same =
      existing &&
      existing.plannedInvestment === values.plannedInvestment &&
      existing.completedInvestment === values.completedInvestment &&
      existing.cumulativeInvestment === values.cumulativeInvestment &&
      existing.physicalProgress === values.physicalProgress &&
      existing.status === values.status &&
      existing.reason === values.reason &&
      existing.note === values.note &&
      existing.explanation === values.explanation;
    if (same) continue;
    if (existing && !values.reason) {
      err('reason', `项目 ${no} 的 ${year} 年进展已填报（第 ${existing.version} 版），修改须在“原因说明”中写明原因`, `progress of project ${no} for ${year} exists: a change needs a reason`);
      continue;
    }
    const fact: ProgressFact = { ...values, no, year, version: (existing?.version ?? 0) + 1, recordedAt: '', recordedBy: '', isDemo: false };
    state.set(no, [...entriesOf(no).filter((e) => e.year !== year), fact]);
    out.push({ no, year, values, row });
  }
  return errors.length ? { rows: [], errors } : { rows: out, errors };
}

/** Reads and applies a workbook in one transaction: all rows or none. Shared by the API and the CLI. */
export async function importWorkbook(
  db: Kysely<Database>,
  m: { plan: Plan; library: readonly LibraryEntry[]; current: readonly ProgressFact[] },
  kind: 'library' | 'progress',
  bytes: Buffer,
  fileName: string,
  user: { role: string; departmentId: string | null },
  by: { id: string | null; username: string },
): Promise<{ imported: number } | { errors: ImportError[] }> {
  const opts = { plan: m.plan, library: m.library, progress: m.current, fileName, user };
  try {
    if (kind === 'library') {
      const { changes, errors } = await readLibraryWorkbook(bytes, opts);
      if (errors.length) return { errors };
      await db.transaction().execute(async (trx) => {
        for (const c of changes) {
          if (c.kind === 'add') await addProject(trx, m.plan, c.fields, c.reason, by);
          else await reviseProject(trx, m.plan, c.no, { fields: c.fields }, c.reason, by);
        }
        await audit(trx, { userId: by.id, action: 'project.import', entity: 'project', entityId: m.plan.meta.id, detail: { by: by.username, kind, file: fileName, rows: changes.length } });
      });
      return { imported: changes.length };
    }
    const { rows, errors } = await readProgressWorkbook(bytes, opts);
    if (errors.length) return { errors };
    await db.transaction().execute(async (trx) => {
      for (const row of rows) await recordProgress(trx, m.plan.meta.id, row.no, row.year, row.values, by);
      await audit(trx, { userId: by.id, action: 'project.import', entity: 'project', entityId: m.plan.meta.id, detail: { by: by.username, kind, file: fileName, rows: rows.length } });
    });
    return { imported: rows.length };
  } catch (e) {
    if (e instanceof ProjectError) return { errors: [{ sheet: null, row: null, column: null, field: null, message: e.message, messageEn: e.messageEn }] };
    throw e;
  }
}
