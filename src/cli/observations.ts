// `ecoplan observations import FILE` and `ecoplan observations template`: reported values from Excel/CSV,
// validated as a whole; a file with any problem writes nothing.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { OBSERVATION_COLUMNS, validateObservationRows } from '../plan/observations.js';
import { STATES } from '../plan/targets.js';
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

/** Writes the Excel template for reporting: the columns, one example row, and the rules on a second sheet. */
export async function writeTemplate(out: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('指标值');
  ws.columns = OBSERVATION_COLUMNS.map((c) => ({ header: c.zh, key: c.field, width: c.field === 'source' || c.field === 'note' ? 28 : 14 }));
  ws.getRow(1).font = { bold: true };
  ws.addRow({ indicator: 13, region: '440200', year: 2024, value: '74.60', source: '市林业局 林业统计', note: '示例行，导入前请删除' });
  ws.getColumn('year').numFmt = '0';
  ws.getColumn('value').numFmt = '@';
  const help = wb.addWorksheet('填报说明');
  help.columns = [{ width: 16 }, { width: 90 }];
  const rows: [string, string][] = [
    ['指标序号', '表1 中的序号 1–45'],
    ['行政区代码', '440200 韶关市；或所辖县（市、区）代码，如 440203 武江区；也可填行政区名称'],
    ['年份', '数据所属年份，如 2024'],
    ['数值', '数值型指标填数字（按文本保存可保留小数位，如 74.60）；单位见表1'],
    ['状态', `定性指标填状态：${STATES.map((s) => s.zh).join('、')}`],
    ['数据来源', '必填：统计年鉴、监测数据、部门统计等'],
    ['类型', '默认“指标值”；上级下达的年度目标填“上级下达目标值”（指标 7、22、23、24、25、26）'],
    ['确认事项', '指标 20、21 填“性质不改变、功能不降低”中已确认的项'],
    ['修改原因', '修改已导入的数值时必填；数值不会被覆盖，而是保存为新版本'],
  ];
  for (const r of rows) help.addRow(r);
  await wb.xlsx.writeFile(out);
  console.log(`✔ 已生成填报模板 / template written: ${out}`);
  return 0;
}
