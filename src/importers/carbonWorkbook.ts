// The carbon workbook (.xlsx): activity data in and out, with the inventory results and factors on export.
// Reading reports every problem with file, sheet, row, column and field; the caller writes nothing unless there is
// none (the repository then saves the whole file in one transaction).
import ExcelJS from 'exceljs';
import { ACTIVITY_FIELDS, CATEGORIES, ENERGY_SUBSECTORS, validateActivity, type ActivityField } from '../carbon/activity.js';
import type { Inventory } from '../carbon/inventory.js';
import type { FactorSet } from '../carbon/factors.js';
import type { ActivityChange, StoredActivity } from '../store/carbon.js';
import { openWorkbook } from './upload.js';
import { columnLetter, cellText } from './cells.js';

export const ACTIVITY_SHEET = '活动数据';
const RESULTS_SHEET = '清单结果';
const TOTALS_SHEET = '清单汇总';
const FACTORS_SHEET = '排放因子';
const README_SHEET = '说明';

export interface WorkbookProblem {
  file: string;
  sheet: string | null;
  row: number | null;
  column: string | null;
  field: string | null;
  message: string;
  messageEn: string;
}



/** Reads the 活动数据 sheet into validated changes; `problems` empty means the whole file is good. */
export async function readCarbonWorkbook(bytes: Buffer, fileName: string, regions: readonly { code: string; name: string }[]): Promise<{ changes: ActivityChange[]; problems: WorkbookProblem[] }> {
  const p = (x: Omit<WorkbookProblem, 'file'>): WorkbookProblem => ({ file: fileName, ...x });
  const opened = await openWorkbook(bytes, fileName);
  if (!opened.wb) return { changes: [], problems: [p({ sheet: null, row: null, column: null, field: null, ...opened.problem })] };
  const wb = opened.wb;
  const ws = wb.getWorksheet(ACTIVITY_SHEET);
  if (!ws) return { changes: [], problems: [p({ sheet: null, row: null, column: null, field: null, message: `${fileName}：缺少工作表“${ACTIVITY_SHEET}”`, messageEn: `${fileName}: the sheet "${ACTIVITY_SHEET}" is missing` })] };
  const problems: WorkbookProblem[] = [];
  let headerRow = 0;
  const fieldAt = new Map<number, ActivityField>();
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (headerRow) return;
    headerRow = n;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const text = cellText(cell.value).trim();
      if (!text) return;
      const spec = ACTIVITY_FIELDS.find((c) => c.zh === text || c.en.toLowerCase() === text.toLowerCase());
      if (!spec) problems.push(p({ sheet: ws.name, row: n, column: columnLetter(col), field: null, message: `未知的列“${text}”，可用的列：${ACTIVITY_FIELDS.map((c) => c.zh).join('、')}`, messageEn: `unknown column "${text}"; columns: ${ACTIVITY_FIELDS.map((c) => c.en).join(', ')}` }));
      else if ([...fieldAt.values()].includes(spec.field)) problems.push(p({ sheet: ws.name, row: n, column: columnLetter(col), field: spec.zh, message: `列“${text}”重复`, messageEn: `column "${text}" appears twice` }));
      else fieldAt.set(col, spec.field);
    });
  });
  if (!headerRow) return { changes: [], problems: [p({ sheet: ws.name, row: null, column: null, field: null, message: '工作表是空的', messageEn: 'the sheet is empty' })] };
  for (const c of ACTIVITY_FIELDS)
    if (c.required && ![...fieldAt.values()].includes(c.field)) problems.push(p({ sheet: ws.name, row: headerRow, column: null, field: c.zh, message: `缺少必需的列“${c.zh}”（或 ${c.en}）`, messageEn: `required column "${c.en}" (${c.zh}) is missing` }));
  if (problems.length) return { changes: [], problems };
  const colOf = new Map([...fieldAt].map(([col, f]) => [f, columnLetter(col)]));

  const changes: ActivityChange[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n <= headerRow) return;
    const cells: Partial<Record<ActivityField, string>> = {};
    for (const [col, field] of fieldAt) {
      const text = cellText(row.getCell(col).value).trim();
      if (text) cells[field] = text;
    }
    if (!Object.keys(cells).length) return;
    const { record, issues } = validateActivity(cells, regions);
    for (const i of issues) problems.push(p({ sheet: ws.name, row: n, column: colOf.get(i.field) ?? null, field: i.fieldZh, message: `${fileName}，工作表“${ws.name}”，第 ${n} 行 ${colOf.get(i.field) ?? ''} 列（${i.fieldZh}）：${i.message}`, messageEn: `${fileName}, sheet "${ws.name}", row ${n}, column ${colOf.get(i.field) ?? '?'} (${i.field}): ${i.messageEn}` }));
    if (record) changes.push({ row: n, record, reason: cells.reason ?? null });
  });
  if (!changes.length && !problems.length) problems.push(p({ sheet: ws.name, row: null, column: null, field: null, message: '表头之下没有数据行', messageEn: 'no data rows below the header' }));
  return { changes: problems.length ? [] : changes, problems };
}

const header = (ws: ExcelJS.Worksheet, cols: { header: string; width: number }[]) => {
  ws.columns = cols.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
};

/** The workbook: 说明, 活动数据 (importable as is), 清单结果 (every line with its formula), 清单汇总, 排放因子. */
export async function buildCarbonWorkbook(input: { planName: string; activity: readonly StoredActivity[]; inventories: readonly Inventory[]; factors: FactorSet; regionName: (code: string) => string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ecoplan';
  const demo = input.activity.some((a) => a.isDemo);
  const readme = wb.addWorksheet(README_SHEET);
  readme.columns = [{ width: 110 }];
  for (const line of [
    `${input.planName} 温室气体清单工作簿 / GHG inventory workbook`,
    demo ? '⚠ 含示例数据（演示用，非真实统计）/ contains demo data, not official statistics' : '',
    `“${ACTIVITY_SHEET}”可修改后重新导入（ecoplan carbon import 或 POST …/carbon/workbook）：整份文件无误才写入；修改已有数值须填“修改原因”。`,
    `The "${ACTIVITY_SHEET}" sheet can be edited and imported again; a file with any problem writes nothing; changing a value needs a reason.`,
    `类别 / categories: ${CATEGORIES.map((c) => `${c.zh}（${c.code}）`).join('、')}`,
    `部门 / sub-sectors (化石燃料燃烧): ${ENERGY_SUBSECTORS.map((s) => `${s.zh}（${s.code}）`).join('、')}`,
    `排放因子表版本 / factor table version ${input.factors.version}；方法见 docs/methods/carbon.md`,
  ].filter(Boolean))
    readme.addRow([line]);

  const act = wb.addWorksheet(ACTIVITY_SHEET);
  header(act, ACTIVITY_FIELDS.map((f) => ({ header: f.zh, width: f.field === 'source' || f.field === 'note' ? 30 : 14 })));
  for (const a of [...input.activity].sort((x, y) => x.year - y.year || x.regionCode.localeCompare(y.regionCode) || x.category.localeCompare(y.category)))
    act.addRow([a.regionCode, a.year, a.category, a.subsector ?? '', a.item, a.valueText, a.unit, a.source, a.note ?? '', '']);

  const res = wb.addWorksheet(RESULTS_SHEET);
  header(res, [
    { header: '年份', width: 8 },
    { header: '行政区', width: 12 },
    { header: '部门', width: 14 },
    { header: '类别', width: 18 },
    { header: '分部门', width: 16 },
    { header: '品种', width: 14 },
    { header: '气体', width: 7 },
    { header: '范围', width: 7 },
    { header: 'GPC', width: 12 },
    { header: '活动水平', width: 14 },
    { header: '单位', width: 10 },
    { header: '排放量（吨）', width: 16 },
    { header: '二氧化碳当量（吨）', width: 18 },
    { header: '公式', width: 40 },
    { header: '参数（值 · 来源）', width: 80 },
  ]);
  for (const inv of input.inventories)
    for (const l of inv.lines)
      res.addRow([
        inv.year,
        input.regionName(l.regionCode),
        l.sector,
        l.category,
        l.subsector ?? '',
        l.item,
        l.gas,
        l.scope ?? 'memo',
        l.gpc,
        l.activity.value,
        l.activity.unitUsed,
        Number(l.mass.toFixed(3)),
        Number(l.co2e.toFixed(3)),
        l.formula,
        l.inputs.map((i) => `${i.name}=${i.value}${i.unit ? ` ${i.unit}` : ''}`).join('；'),
      ]);

  const tot = wb.addWorksheet(TOTALS_SHEET);
  header(tot, [
    { header: '年份', width: 8 },
    { header: '行政区', width: 12 },
    { header: 'GWP', width: 6 },
    { header: '总排放（不含LULUCF，吨CO2e）', width: 22 },
    { header: 'LULUCF（吨CO2e）', width: 16 },
    { header: '净排放（吨CO2e）', width: 16 },
    { header: '调入电力（范围二，吨CO2）', width: 18 },
    { header: '能源活动CO2（吨，用于单位GDP二氧化碳排放）', width: 26 },
  ]);
  for (const inv of input.inventories)
    tot.addRow([inv.year, input.regionName(inv.regionCode), inv.gwpSet, ...[inv.totals.gross, inv.totals.lulucf, inv.totals.net, inv.totals.scope2, inv.totals.energyCO2].map((x) => Number(x.toFixed(1)))]);

  const fac = wb.addWorksheet(FACTORS_SHEET);
  header(fac, [
    { header: '键 key', width: 34 },
    { header: '名称', width: 36 },
    { header: '数值', width: 12 },
    { header: '单位', width: 16 },
    { header: '核实', width: 10 },
    { header: '来源', width: 90 },
  ]);
  for (const f of input.factors.list()) fac.addRow([f.key, f.zh, f.value, f.unit, f.verified, f.source]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
