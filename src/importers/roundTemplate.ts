// The Excel template of a department for a reporting round, and reading it back as drafts.
// The template's fixed cells are locked and the sheet protected (a guide, not security: protection passwords are
// easy to strip), so every fixed cell is also compared with what the template should hold when it comes back.
import ExcelJS from 'exceljs';
import type { Plan } from '../plan/model.js';
import { acceptance, validateObservationRows, type ObservationInput } from '../plan/observations.js';
import { RELATIVE_RULES, STATES } from '../plan/targets.js';
import { roundTasks, type Task } from '../plan/rounds.js';
import type { ObservationIndex } from '../plan/evaluation.js';
import { horizonFor, targetOf } from '../plan/horizons.js';
import { cellText, type LocatedProblem } from './cells.js';
import { openWorkbook, WORKBOOK_LIMITS } from './upload.js';

export const MAX_UPLOAD_BYTES = WORKBOOK_LIMITS.maxFileBytes;
const SHEET = '填报';
const META = '_meta';

export interface TemplateTask extends Task {
  lastYear: string | null;
  target: string;
}

interface Column {
  key: string;
  header: string;
  width: number;
  input: boolean;
}

const COLUMNS: Column[] = [
  { key: 'code', header: '指标序号', width: 9, input: false },
  { key: 'name', header: '指标名称', width: 36, input: false },
  { key: 'unit', header: '单位', width: 12, input: false },
  { key: 'region', header: '行政区代码', width: 11, input: false },
  { key: 'regionName', header: '行政区', width: 14, input: false },
  { key: 'kind', header: '类型', width: 14, input: false },
  { key: 'lastYear', header: '上年审定值', width: 12, input: false },
  { key: 'target', header: '目标值', width: 24, input: false },
  { key: 'value', header: '本年数值', width: 12, input: true },
  { key: 'state', header: '状态', width: 14, input: true },
  { key: 'checks', header: '确认事项', width: 22, input: true },
  { key: 'source', header: '数据来源', width: 22, input: true },
  { key: 'note', header: '备注', width: 30, input: true },
  { key: 'reason', header: '修改原因', width: 24, input: true },
];
const KIND_LABEL = { value: '指标值', assigned: '上级下达目标值' } as const;

/** A department's tasks with last year's approved value and the target that applies, for its template. */
export function templateTasks(plan: Plan, year: number, departmentId: string, index: ObservationIndex): TemplateTask[] {
  const horizon = horizonFor(plan, year);
  return roundTasks(plan)
    .filter((t) => t.departmentId === departmentId)
    .map((t) => {
      const prev = index.get(t.indicatorCode, t.regionCode, t.kind, year - 1);
      const ind = plan.indicators.find((x) => x.code === t.indicatorCode)!;
      const lastYear = prev && prev.status === 'approved' ? (prev.valueText ?? STATES.find((s) => s.code === prev.state)?.zh ?? '') : null;
      return { ...t, lastYear, target: targetOf(ind, horizon).text };
    });
}

function fixedCells(plan: Plan, t: TemplateTask): string[] {
  const ind = plan.indicators.find((x) => x.code === t.indicatorCode)!;
  const region = plan.regions.find((r) => r.code === t.regionCode)!;
  return [String(t.indicatorCode), ind.name, ind.unit, t.regionCode, region.name, KIND_LABEL[t.kind], t.lastYear ?? '', t.target];
}

/** Builds the department's template for a round: one row per task, input cells unlocked and validated. */
export async function buildTemplate(plan: Plan, round: { id: string; year: number }, departmentId: string, tasks: readonly TemplateTask[]): Promise<Buffer> {
  const department = plan.departments.find((d) => d.id === departmentId)!;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ecoplan';
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  ws.getCell(1, 1).value = `${plan.meta.shortName} ${round.year} 年度指标填报 · ${department.name}（灰色单元格不可修改；填写后上传到平台）`;
  ws.getCell(1, 1).font = { bold: true };
  const header = ws.getRow(2);
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.input ? 'FFE6F4EA' : 'FFEEEEEE' } };
  });
  const stateList = `"${STATES.filter((s) => s.code !== 'beingDrafted').map((s) => s.zh).join(',')}"`;
  tasks.forEach((t, k) => {
    const ind = plan.indicators.find((x) => x.code === t.indicatorCode)!;
    const accepts = acceptance(ind);
    const row = ws.getRow(3 + k);
    fixedCells(plan, t).forEach((v, i) => (row.getCell(i + 1).value = v));
    COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.protection = { locked: !c.input };
      if (!c.input) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF5F5F5' } };
    });
    const valueCell = row.getCell(9);
    valueCell.numFmt = '@'; // text: decimals stay as typed
    if (accepts.value || t.kind === 'assigned')
      valueCell.dataValidation = { type: 'custom', allowBlank: true, formulae: [`ISNUMBER(VALUE(I${3 + k}))`], showErrorMessage: true, errorTitle: '数值', error: '请填写数字，如 74.60' };
    if (accepts.state && t.kind === 'value') row.getCell(10).dataValidation = { type: 'list', allowBlank: true, formulae: [stateList], showErrorMessage: true, error: '请从列表中选择状态' };
    if (accepts.checks.length) row.getCell(11).note = `可填：${accepts.checks.map((c) => RELATIVE_RULES.find((r) => r.code === c)!.zh).join('、')}`;
  });
  // No password: protection only guides the hand (a password would be easy to strip and costs 100 000 SHA-512
  // rounds per template); what matters is the check of every fixed cell on upload.
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true });
  const meta = wb.addWorksheet(META, { state: 'veryHidden' });
  meta.addRow(['round', round.id]);
  meta.addRow(['year', round.year]);
  meta.addRow(['department', departmentId]);
  meta.addRow(['rows', tasks.length]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type TemplateProblem = LocatedProblem;


/** Reads a filled template back: every problem with sheet, row, column and field; inputs only when there is none. */
export async function readTemplate(
  bytes: Buffer,
  fileName: string,
  plan: Plan,
  round: { id: string; year: number },
  departmentId: string,
  tasks: readonly TemplateTask[],
): Promise<{ inputs: ObservationInput[]; problems: TemplateProblem[] }> {
  const opened = await openWorkbook(bytes, fileName);
  if (!opened.wb) return { inputs: [], problems: [{ sheet: null, row: null, column: null, field: null, ...opened.problem }] };
  const wb = opened.wb;
  const problems: TemplateProblem[] = [];
  const meta = wb.getWorksheet(META);
  const ws = wb.getWorksheet(SHEET);
  const metaValue = (key: string) => {
    let v = '';
    meta?.eachRow((row) => {
      if (cellText(row.getCell(1).value) === key) v = cellText(row.getCell(2).value);
    });
    return v;
  };
  if (!meta || !ws) return { inputs: [], problems: [{ sheet: null, row: null, column: null, field: null, message: `${fileName}：不是平台生成的填报模板（缺少工作表“${SHEET}”或模板信息）`, messageEn: `${fileName}: not a template generated by the platform` }] };
  if (metaValue('round') !== round.id)
    return { inputs: [], problems: [{ sheet: null, row: null, column: null, field: null, message: `${fileName}：这是其他年度调度（${metaValue('year') || '未知'} 年）的模板，请下载 ${round.year} 年的模板`, messageEn: `${fileName}: a template of another round (${metaValue('year')})` }] };
  if (metaValue('department') !== departmentId) {
    const other = plan.departments.find((d) => d.id === metaValue('department'))?.name ?? metaValue('department');
    return { inputs: [], problems: [{ sheet: null, row: null, column: null, field: null, message: `${fileName}：这是${other}的模板，不能以本单位身份上传`, messageEn: `${fileName}: the template of another department (${metaValue('department')})` }] };
  }
  for (const sheet of wb.worksheets)
    if (sheet.name !== SHEET && sheet.name !== META)
      problems.push({ sheet: sheet.name, row: null, column: null, field: null, message: `多余的工作表“${sheet.name}”，请只在“${SHEET}”中填写`, messageEn: `extra sheet "${sheet.name}"` });

  const rows = tasks.map((t, k) => ({ t, row: ws.getRow(3 + k) }));
  for (const { t, row } of rows) {
    const expected = fixedCells(plan, t);
    expected.forEach((want, i) => {
      // 上年审定值 is information that may have been approved since the download; everything else is fixed.
      if (COLUMNS[i]!.key === 'lastYear') return;
      const got = cellText(row.getCell(i + 1).value);
      if (got !== want)
        problems.push({ sheet: SHEET, row: row.number, column: String.fromCharCode(65 + i), field: COLUMNS[i]!.header, message: `锁定单元格被改动：应为“${want}”，实为“${got}”`, messageEn: `a locked cell was changed: expected "${want}", found "${got}"` });
    });
    COLUMNS.forEach((c, i) => {
      const v = row.getCell(i + 1).value;
      if (c.input && v !== null && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v))
        problems.push({ sheet: SHEET, row: row.number, column: String.fromCharCode(65 + i), field: c.header, message: '输入单元格中不能使用公式，请填写数值', messageEn: 'formulas are not accepted in input cells' });
    });
  }
  const extra = ws.getRow(3 + tasks.length);
  if (extra.cellCount && COLUMNS.some((_c, i) => cellText(extra.getCell(i + 1).value)))
    problems.push({ sheet: SHEET, row: extra.number, column: null, field: null, message: '模板之外新增了行；请勿增删行', messageEn: 'rows were added below the template' });

  const filled = rows.filter(({ row }) => [9, 10, 11, 12, 13, 14].some((i) => cellText(row.getCell(i).value).trim()));
  const { inputs, issues } = validateObservationRows(
    plan,
    filled.map(({ t, row }) => ({
      row: row.number,
      cells: {
        indicator: String(t.indicatorCode),
        region: t.regionCode,
        year: String(round.year),
        kind: t.kind,
        value: cellText(row.getCell(9).value),
        state: cellText(row.getCell(10).value),
        checks: cellText(row.getCell(11).value),
        source: cellText(row.getCell(12).value),
        note: cellText(row.getCell(13).value),
        reason: cellText(row.getCell(14).value),
      },
      columns: { value: 'I', state: 'J', checks: 'K', source: 'L', note: 'M', reason: 'N', indicator: 'A', region: 'D', kind: 'F' },
    })),
    { maxYear: round.year },
  );
  for (const i of issues) problems.push({ sheet: SHEET, row: i.row, column: i.column, field: i.field, message: i.message, messageEn: i.messageEn });
  return problems.length ? { inputs: [], problems } : { inputs, problems: [] };
}
