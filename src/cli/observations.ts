// `ecoplan observations import FILE` and `ecoplan observations template`: reported values from Excel/CSV,
// validated as a whole; a file with any problem writes nothing.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { OBSERVATION_COLUMNS, validateObservationRows } from '../plan/observations.js';
import { STATES } from '../plan/targets.js';
import { planRegion } from '../plan/views.js';
import { formatProblem } from '../plan/problems.js';
import { readTable } from '../importers/table.js';
import { recordObservations } from '../store/observations.js';
import { audit } from '../store/users.js';
import { openStore } from './store.js';

export async function importObservations(file: string, opts: { db: string; planDir?: string; reason?: string; by: string; provisional?: boolean }): Promise<number> {
  const table = await readTable(file, OBSERVATION_COLUMNS, ['指标值', 'observations']);
  const where = (row: number | null, column: string | null) => `${table.file}${table.sheet && table.sheet !== table.file ? ` 工作表“${table.sheet}”` : ''}${row ? ` 第 ${row} 行` : ''}${column ? ` ${column} 列` : ''}`;
  if (table.problems.length) {
    console.error(`✘ 无法导入，未写入任何数据 / nothing imported:`);
    for (const p of table.problems) console.error(`  ${where(p.row, p.column)}：${p.message} / ${p.messageEn}`);
    return 1;
  }
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const { inputs, issues } = validateObservationRows(store.plan, table.rows, { maxYear: new Date().getFullYear() });
    if (issues.length) {
      console.error(`✘ ${issues.length} 处问题，未写入任何数据 / ${issues.length} problem(s), nothing imported:`);
      for (const i of issues) console.error(`  ${where(i.row, i.column)}（${i.field}）：${i.message} / ${i.messageEn}`);
      return 1;
    }
    const outcome = await recordObservations(store.db, store.plan.meta.id, inputs, {
      origin: 'import',
      fileName: table.file,
      fileSha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
      recordedBy: opts.by,
      reason: opts.reason,
      status: opts.provisional ? 'provisional' : 'approved',
    });
    if (!outcome.ok) {
      console.error(`✘ ${outcome.conflicts.length} 个已有数值将被修改但未说明原因，未写入任何数据；请在“修改原因”列或 --reason 中说明 / changes without a reason, nothing imported:`);
      for (const c of outcome.conflicts)
        console.error(`  指标 ${c.input.indicatorCode} ${c.input.regionCode} ${c.input.year}：现值 ${c.current.valueText ?? c.current.state}（第 ${c.current.version} 版，${c.current.source}）→ ${c.input.valueText ?? c.input.state}`);
      return 1;
    }
    await audit(store.db, { userId: null, action: 'observations.import', entity: 'observation_batch', entityId: outcome.batchId, detail: { file: table.file, by: opts.by, inserted: outcome.inserted, versioned: outcome.versioned, unchanged: outcome.unchanged, reason: opts.reason ?? null } });
    console.log(`✔ ${table.file}：新增 ${outcome.inserted} 条，新版本 ${outcome.versioned} 条，未变 ${outcome.unchanged} 条 / added ${outcome.inserted}, new versions ${outcome.versioned}, unchanged ${outcome.unchanged}`);
    return 0;
  } finally {
    await store.close();
  }
}

/** Writes the Excel template for reporting: the columns, one example row, and the rules on a second sheet. The
 *  example and the help name the plan's own regions (read from the plan folder: no database needed). */
export async function writeTemplate(opts: { out: string; planDir?: string }): Promise<number> {
  const { readPlanFolder, DEFAULT_PLAN_DIR } = await import('../planfolder/read.js');
  const folder = readPlanFolder(opts.planDir ?? DEFAULT_PLAN_DIR);
  if (!folder.result.ok) {
    console.error(`✘ 规划文件夹无效 / invalid plan folder ${folder.dir}:`);
    for (const p of folder.result.problems) console.error(`  ${formatProblem(p)}`);
    return 1;
  }
  const plan = folder.result.plan;
  const out = opts.out;
  const city = planRegion(plan);
  const county = plan.regions.find((r) => r.code !== plan.meta.region);
  // The example: an indicator the counties report (else the first), the plan's region, the last base-period year.
  const example = plan.indicators.find((x) => plan.meta.countyIndicators.includes(x.code) && x.baseline.value !== null) ?? plan.indicators[0]!;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('指标值');
  ws.columns = OBSERVATION_COLUMNS.map((c) => ({ header: c.zh, key: c.field, width: c.field === 'source' || c.field === 'note' ? 28 : 14 }));
  ws.getRow(1).font = { bold: true };
  ws.addRow({
    indicator: example.code,
    region: plan.meta.region,
    year: plan.meta.baseYear + 1,
    value: example.baseline.value === null ? '' : example.baseline.text,
    source: `${example.departments[0] ?? ''} 统计数据`.trim(),
    note: '示例行，导入前请删除',
  });
  ws.getColumn('year').numFmt = '0';
  ws.getColumn('value').numFmt = '@';
  const help = wb.addWorksheet('填报说明');
  help.columns = [{ width: 16 }, { width: 90 }];
  const rows: [string, string][] = [
    ['指标序号', `指标体系中的序号 ${plan.indicators[0]!.code}–${plan.indicators[plan.indicators.length - 1]!.code}`],
    ['行政区代码', `${plan.meta.region} ${city?.name ?? ''}（规划范围）；或所辖行政区的代码${county ? `，如 ${county.code} ${county.name}` : ''}；也可填行政区名称`],
    ['年份', `数据所属年份，如 ${plan.meta.baseYear + 1}`],
    ['数值', '数值型指标填数字（按文本保存可保留小数位，如 74.60）；单位见表1'],
    ['状态', `定性指标填状态：${STATES.map((s) => s.zh).join('、')}`],
    ['数据来源', '必填：统计年鉴、监测数据、部门统计等'],
    ['类型', '默认“指标值”；由上级下达年度目标的指标，其目标填“上级下达目标值”'],
    ['确认事项', '目标为多项确认（如“性质不改变、功能不降低”）的指标，填已确认的项'],
    ['修改原因', '修改已导入的数值时必填；数值不会被覆盖，而是保存为新版本'],
  ];
  for (const r of rows) help.addRow(r);
  await wb.xlsx.writeFile(out);
  console.log(`✔ 已生成填报模板 / template written: ${out}`);
  return 0;
}
