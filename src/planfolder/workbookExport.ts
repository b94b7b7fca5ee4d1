// Writes a plan as the Excel workbook staff keep: the indicator table in the layout of the plan's 表1 (序号, 领域,
// 任务, 指标, 单位, 属性, 现状值, targets, 责任单位, 备注; 领域 and 任务 merged down as printed), the key projects as in
// 附表, and the plan's other parts one sheet each. `plan import-workbook` reads it back (workbookImport.ts).
import ExcelJS from 'exceljs';
import type { RawPlanFiles } from '../plan/schema.js';
import { indicatorColumns, LIST_SEPARATOR, PLAN_FIELDS, SHEETS, WORDS, type ColumnDef, type PlanFieldKey, type SheetDef } from './workbookLayout.js';

type Row = Record<string, string | number | null | undefined>;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0E0' } };

function addTable(wb: ExcelJS.Workbook, def: SheetDef, columns: readonly ColumnDef[], rows: readonly Row[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(def.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  const header = ws.getRow(1);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.zh;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    // The English name of each column as a cell note, so the header row stays the plan's own words.
    cell.note = `${c.en}${c.required ? '' : '（选填 / optional）'}`;
  });
  for (const r of rows) {
    const row = ws.addRow(columns.map((c) => r[c.key] ?? null));
    row.alignment = { vertical: 'top', wrapText: true };
  }
  return ws;
}

const joinList = (xs: readonly (string | number)[] | undefined) => (xs && xs.length ? xs.join(LIST_SEPARATOR) : null);

/** The workbook of a plan, as bytes. */
export async function planWorkbook(files: RawPlanFiles): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ecoplan';
  const p = files['plan.yaml'];
  const years = p.horizons.map((h) => h.year);

  const readme = wb.addWorksheet(SHEETS.readme.name);
  readme.columns = [{ width: 110 }];
  [
    `${p.name} — 规划工作簿 / plan workbook`,
    '本工作簿由 ecoplan 导出，可在 Excel 或 WPS 中修改后用 `ecoplan plan import-workbook` 生成规划文件夹。/ Exported by ecoplan; edit it, then build a plan folder with `ecoplan plan import-workbook`.',
    '“指标体系”即规划表1（目标值按规划原文填写，如“≥21.5”“下降 10%”），“重点工程”即规划附表；多个单位、区县或指标之间用顿号“、”分隔。',
    'Sheet 指标体系 is the plan’s table 1 (targets in the plan’s own words); 重点工程 is its appendix; separate several units, counties or numbers with 、.',
    '“领域”“任务”两列可按表1的样式上下合并单元格，其他位置请勿合并。/ Only the 领域 and 任务 columns may be merged downwards.',
    '编号列（领域编号、部门编号等）是数据间的引用，请勿随意更改。/ Id columns link the sheets: change them with care.',
  ].forEach((text, i) => {
    const cell = readme.getCell(i + 1, 1);
    cell.value = text;
    cell.alignment = { wrapText: true };
    if (i === 0) cell.font = { bold: true, size: 14 };
  });

  const planValues: Record<PlanFieldKey, string | number> = {
    id: p.id,
    name: p.name,
    nameEn: p.nameEn,
    shortName: p.shortName,
    issued: p.issued,
    baseYear: p.baseYear,
    periodStart: p.period.start,
    periodEnd: p.period.end,
    areaText: p.area.text,
    areaUnit: p.area.unit,
    region: p.region,
    owner: p.owner,
    countyIndicators: joinList(p.countyIndicators) ?? '',
    evidenceRequired: WORDS.evidence[p.evidenceRequired],
    percentMin: p.validation.percentRange.min,
    percentMax: p.validation.percentRange.max,
    plausibleChangePercent: p.validation.plausibleChangePercent,
    source: p.source,
  };
  const planSheet = addTable(wb, SHEETS.plan, SHEETS.plan.columns, PLAN_FIELDS.map((f) => ({ label: f.zh, value: planValues[f.key], labelEn: f.en })));
  // Codes and texts that look like numbers stay text, so Excel neither drops leading zeros nor rounds them.
  for (const key of ['region', 'areaText', 'issued'] as const) planSheet.getCell(PLAN_FIELDS.findIndex((f) => f.key === key) + 2, 2).numFmt = '@';

  addTable(wb, SHEETS.horizons, SHEETS.horizons.columns, p.horizons.map((h) => ({ year: h.year, label: h.label, labelEn: h.labelEn })));

  const codes = [...new Set([...Object.keys(p.validation.ranges), ...Object.keys(p.validation.plausibleChange)])].sort((a, b) => Number(a) - Number(b));
  addTable(
    wb,
    SHEETS.validation,
    SHEETS.validation.columns,
    codes.map((code) => ({ code: Number(code), min: p.validation.ranges[code]?.min, max: p.validation.ranges[code]?.max, change: p.validation.plausibleChange[code] })),
  );

  const regions = addTable(
    wb,
    SHEETS.regions,
    SHEETS.regions.columns,
    files['regions.yaml'].map((r) => ({ code: r.code, name: r.name, nameEn: r.nameEn, level: WORDS.level[r.level], type: WORDS.type[r.type], parent: r.parent })),
  );
  regions.getColumn(1).numFmt = '@';
  regions.getColumn(6).numFmt = '@';

  addTable(
    wb,
    SHEETS.domains,
    SHEETS.domains.columns,
    files['domains.yaml'].flatMap((d) => d.taskAreas.map((t) => ({ domainId: d.id, domain: d.name, domainEn: d.nameEn, taskId: t.id, numeral: t.numeral, task: t.name, taskEn: t.nameEn }))),
  );

  const departments = addTable(
    wb,
    SHEETS.departments,
    SHEETS.departments.columns,
    files['departments.yaml'].map((d) => ({
      id: d.id, name: d.name, nameEn: d.nameEn, kind: WORDS.kind[d.kind], region: d.region,
      carbonSectors: d.carbonSectors?.length ? joinList(d.carbonSectors.map((x) => WORDS.carbonSector[x])) : null,
    })),
  );
  departments.getColumn(5).numFmt = '@';
  // The kinds as words to pick from (a town government is 乡镇人民政府).
  for (let r = 2; r <= files['departments.yaml'].length + 1; r++)
    departments.getCell(r, col(SHEETS.departments.columns, 'kind')).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${Object.values(WORDS.kind).join(',')}"`], showErrorMessage: true, error: `请选择：${Object.values(WORDS.kind).join('、')}` };

  // 表1: 领域 and 任务 named, and merged down over their indicators, as the plan prints them.
  const taskOf = new Map(files['domains.yaml'].flatMap((d) => d.taskAreas.map((t) => [t.id, { domain: d.name, task: t.name }] as const)));
  const columns = indicatorColumns(years);
  const indicators = addTable(
    wb,
    SHEETS.indicators,
    columns,
    files['indicators.yaml'].map((x) => ({
      code: x.code,
      domain: taskOf.get(x.taskArea)?.domain,
      task: taskOf.get(x.taskArea)?.task ?? x.taskArea,
      group: x.group?.name,
      name: x.name,
      unit: x.unit,
      binding: x.binding ? WORDS.binding.true : WORDS.binding.false,
      baseline: x.baseline.text,
      ...Object.fromEntries(years.map((y) => [`target:${y}`, x.targets[String(y)] ?? null])),
      departments: joinList(x.departments),
      note: x.baseline.note,
      local: x.local ? WORDS.yes : null,
      direction: x.direction ? WORDS.direction[x.direction] : null,
      progress: x.progress === false ? WORDS.no : null,
      measure: x.measure ? WORDS.measure[x.measure] : null,
      baselineYear: x.baseline.year,
      nameEn: x.nameEn,
      groupEn: x.group?.nameEn,
    })),
  );
  // Text cells: a baseline of "21.5" or a target of "100" is the plan's wording, not a number to reformat.
  for (const key of ['baseline', ...years.map((y) => `target:${y}`)]) indicators.getColumn(col(columns, key)).numFmt = '@';
  for (const key of ['domain', 'task', 'group'] as const) mergeRuns(indicators, col(columns, key), files['indicators.yaml'].length);
  const n = files['indicators.yaml'].length;
  for (let r = 2; r <= n + 1; r++) {
    indicators.getCell(r, col(columns, 'binding')).dataValidation = { type: 'list', allowBlank: false, formulae: [`"${WORDS.binding.true},${WORDS.binding.false}"`], showErrorMessage: true, error: '请选择约束性或参考性' };
    indicators.getCell(r, col(columns, 'direction')).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${WORDS.direction.increase},${WORDS.direction.decrease}"`], showErrorMessage: true, error: '请选择正向或逆向，或留空' };
    indicators.getCell(r, col(columns, 'measure')).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${Object.values(WORDS.measure).join(',')}"`], showErrorMessage: true, error: '请选择计算来源，或留空（只由填报）' };
  }

  const pf = files['projects.yaml'];
  addTable(wb, SHEETS.categories, SHEETS.categories.columns, pf.categories.map((c) => ({ id: c.id, name: c.name, appendixName: c.appendixName, nameEn: c.nameEn })));
  const categoryName = new Map(pf.categories.map((c) => [c.id, c.appendixName]));
  const projects = addTable(
    wb,
    SHEETS.projects,
    SHEETS.projects.columns,
    pf.projects.map((x) => ({
      no: x.no,
      category: categoryName.get(x.category) ?? x.category,
      subcategory: x.subcategory,
      name: x.name,
      content: x.content,
      investment: Number(x.investment),
      leads: joinList(x.leads),
      period: `${x.period.start}-${x.period.end}`,
      regions: joinList(x.regions),
      nameEn: x.nameEn,
      linkIndicators: x.links ? joinList(x.links.indicators) : null,
      linkWhy: x.links?.why,
    })),
  );
  projects.getColumn(6).numFmt = '0.00';
  const total = projects.addRow({ no: null, category: '合计', investment: { formula: `SUM(F2:F${pf.projects.length + 1})`, result: undefined } });
  total.font = { bold: true };

  const subItems = addTable(
    wb,
    SHEETS.subItems,
    SHEETS.subItems.columns,
    pf.projects.flatMap((x) => (x.subItems ?? []).map((s) => ({ project: x.no, no: s.no, name: s.name, region: s.region }))),
  );
  subItems.getColumn(4).numFmt = '@';

  addTable(wb, SHEETS.notes, SHEETS.notes.columns, files['notes.yaml'].map((n) => ({ no: n.no, text: n.text, indicators: joinList(n.indicators) })));

  return Buffer.from(await wb.xlsx.writeBuffer());
}

const col = (columns: readonly ColumnDef[], key: string) => columns.findIndex((c) => c.key === key) + 1;

/** Merges runs of equal, non-empty cells down a column (rows 2 … n+1), as 表1 prints 领域 and 任务. */
function mergeRuns(ws: ExcelJS.Worksheet, column: number, n: number) {
  let start = 2;
  for (let r = 3; r <= n + 2; r++) {
    const prev = ws.getCell(start, column).value;
    const cur = r <= n + 1 ? ws.getCell(r, column).value : Symbol('end');
    if (cur === prev && prev !== null && prev !== undefined) continue;
    if (r - 1 > start && prev !== null && prev !== undefined) {
      ws.mergeCells(start, column, r - 1, column);
      ws.getCell(start, column).alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    }
    start = r;
  }
}
