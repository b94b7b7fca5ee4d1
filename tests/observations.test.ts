// Reported observations: row validation against the plan, versioned recording, and files.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { compareDecimalText } from '../src/plan/decimal.js';
import { OBSERVATION_COLUMNS, validateObservationRows, type RawRow } from '../src/plan/observations.js';
import { readTable } from '../src/importers/table.js';
import { readPlanFolder } from '../src/planfolder/read.js';
import { currentObservations, observationHistory, recordObservations, removeDemoObservations } from '../src/store/observations.js';
import { seedPlan } from '../src/store/plans.js';
import { brokenPlanFolder, SHAOGUAN_DIR, tempDir } from './helpers/planFolder.js';
import { seededDatabase } from './helpers/store.js';

const folder = readPlanFolder(SHAOGUAN_DIR);
if (!folder.result.ok) throw new Error('plan invalid');
const plan = folder.result.plan;
let rowNo = 1;
const row = (cells: RawRow['cells']): RawRow => ({ row: ++rowNo, cells, columns: { indicator: 'A', region: 'B', year: 'C', value: 'D', state: 'E', source: 'F', kind: 'G', checks: 'H' } });
const validate = (...rows: RawRow[]) => validateObservationRows(plan, rows, { maxYear: 2026 });

describe('exact decimal comparison', () => {
  it('compares decimal texts of any scale and sign', () => {
    expect(compareDecimalText('74.60', '74.6')).toBe(0);
    expect(compareDecimalText('74.59', '74.6')).toBe(-1);
    expect(compareDecimalText('-1.5', '-1.49')).toBe(-1);
    expect(compareDecimalText('100', '99.999')).toBe(1);
    // Beyond 15 significant digits the exact (bigint) path decides; binary floating point would say equal.
    expect(compareDecimalText('0.30000000000000001', '0.3')).toBe(1);
    expect(0.30000000000000001 === 0.3).toBe(true);
    expect(compareDecimalText('1234567890123456.7', '1234567890123456.8')).toBe(-1);
  });
});

describe('validating reported rows', () => {
  it('accepts numbers, states, assigned targets and checks where the indicator takes them', () => {
    const { inputs, issues } = validate(
      row({ indicator: '13', region: '440200', year: '2023', value: '74.52', source: '市林业局' }),
      row({ indicator: '18', region: '韶关市', year: '2023', state: '建立', source: '市生态环境局' }),
      row({ indicator: '25', region: '440200', year: '2023', value: '1.95', kind: '上级下达目标值', source: '省下达' }),
      row({ indicator: '20', region: '440200', year: '2023', value: '5865.26', checks: '性质不改变、功能不降低', source: '市自然资源局' }),
    );
    expect(issues).toEqual([]);
    expect(inputs.map((i) => [i.indicatorCode, i.regionCode, i.kind, i.valueText, i.state, i.checks])).toEqual([
      [13, '440200', 'value', '74.52', null, []],
      [18, '440200', 'value', null, 'established', []],
      [25, '440200', 'assigned', '1.95', null, []],
      [20, '440200', 'value', '5865.26', null, ['natureUnchanged', 'functionNotReduced']],
    ]);
  });

  it('names row, column, field and reason for every problem', () => {
    const { inputs, issues } = validate(
      row({ indicator: '46', region: '440200', year: '2023', value: '1', source: 's' }),
      row({ indicator: '13', region: '440299', year: '2023', value: '1', source: 's' }),
      row({ indicator: '13', region: '440200', year: '2031', value: '1', source: 's' }),
      row({ indicator: '13', region: '440200', year: '2023', value: '七十', source: 's' }),
      row({ indicator: '18', region: '440200', year: '2023', value: '1', source: 's' }),
      row({ indicator: '13', region: '440200', year: '2023', value: '120', source: 's' }),
      row({ indicator: '13', region: '440200', year: '2023', value: '74' }),
      row({ indicator: '13', region: '440200', year: '2023', kind: '上级下达目标值', value: '75', source: 's' }),
      row({ indicator: '13', region: '440200', year: '2022', source: 's' }),
      row({ indicator: '19', region: '440200', year: '2022', state: '很好', source: 's' }),
    );
    expect(inputs).toEqual([]);
    expect(issues.map((i) => [i.row, i.column, i.field])).toEqual([
      [rowNo - 9, 'A', '指标序号'],
      [rowNo - 8, 'B', '行政区代码'],
      [rowNo - 7, 'C', '年份'],
      [rowNo - 6, 'D', '数值'],
      [rowNo - 5, 'D', '数值'],
      [rowNo - 4, 'D', '数值'],
      [rowNo - 3, 'F', '数据来源'],
      [rowNo - 2, 'G', '类型'],
      [rowNo - 1, 'D', '数值'],
      [rowNo, 'E', '状态'],
    ]);
    expect(issues[3]!.message).toBe('数值“七十”不是数字');
    expect(issues[4]!.message).toContain('定性指标');
    expect(issues[9]!.messageEn).toBe('unknown state "很好"');
  });

  it('applies the plan’s ranges: % values within 0–100, rates of decline (23, 27) may be negative', () => {
    const { inputs, issues } = validate(
      row({ indicator: '13', region: '440200', year: '2023', value: '-1', source: 's' }),
      row({ indicator: '23', region: '440200', year: '2023', value: '-3.2', source: 's' }),
      row({ indicator: '27', region: '440200', year: '2023', value: '101', source: 's' }),
    );
    expect(inputs.map((i) => i.indicatorCode)).toEqual([23]);
    expect(issues.map((i) => i.message)).toEqual(['数值 -1 超出取值范围 0–100', '数值 101 超出取值范围 -100–100']);
  });

  it('rejects a repeated indicator, region and year in one file', () => {
    const { issues } = validate(
      row({ indicator: '13', region: '440200', year: '2023', value: '74.5', source: 's' }),
      row({ indicator: '13', region: '440200', year: '2023', value: '74.6', source: 's' }),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/^与第 \d+ 行重复/);
  });
});

describe('recording observations', () => {
  const input = (value: string, extra: object = {}) => ({ indicatorCode: 13, regionCode: '440200', year: 2023, kind: 'value' as const, valueText: value, state: null, checks: [], source: '市林业局', note: null, reason: null, ...extra });

  it('never overwrites: a changed value needs a reason and becomes a new version', async () => {
    const { db } = await seededDatabase();
    const opts = { origin: 'import' as const, recordedBy: 'test' };
    expect(await recordObservations(db, plan.meta.id, [input('74.52')], opts)).toMatchObject({ ok: true, inserted: 1 });
    expect(await recordObservations(db, plan.meta.id, [input('74.52')], opts)).toMatchObject({ ok: true, inserted: 0, unchanged: 1 });
    const refused = await recordObservations(db, plan.meta.id, [input('74.60'), { ...input('1'), indicatorCode: 31 }], opts);
    expect(refused).toMatchObject({ ok: false, conflicts: [{ current: { valueText: '74.52', version: 1 } }] });
    // Nothing of the refused batch was written, not even its new row for indicator 31.
    expect((await currentObservations(db, plan.meta.id)).map((o) => o.indicatorCode)).toEqual([13]);
    expect(await recordObservations(db, plan.meta.id, [input('74.60', { reason: '省林业局更正数据' })], opts)).toMatchObject({ ok: true, versioned: 1 });
    const history = await observationHistory(db, plan.meta.id, 13, '440200');
    expect(history.map((h) => [h.version, h.valueText, h.reason])).toEqual([
      [1, '74.52', null],
      [2, '74.60', '省林业局更正数据'],
    ]);
    expect((await currentObservations(db, plan.meta.id))[0]!.valueText).toBe('74.60');
    await db.destroy();
  });

  it('keeps observations when the plan folder is re-seeded, and removes only demo data', async () => {
    const { db } = await seededDatabase();
    await recordObservations(db, plan.meta.id, [input('74.52')], { origin: 'import', recordedBy: 'test' });
    await recordObservations(db, plan.meta.id, [{ ...input('60'), indicatorCode: 31 }], { origin: 'demo', recordedBy: 'demo' });
    const changed = readPlanFolder(brokenPlanFolder({ 'plan.yaml': (t) => t.replace('shortName: 韶关市生态文明建设规划', 'shortName: 韶关规划') }));
    if (!changed.result.ok) throw new Error();
    expect(await seedPlan(db, changed.result.plan, changed.contentHash, { isDefault: true })).toBe('updated');
    expect((await currentObservations(db, plan.meta.id)).map((o) => o.indicatorCode).sort()).toEqual([13, 31]);
    expect(await removeDemoObservations(db, plan.meta.id)).toBe(1);
    expect((await currentObservations(db, plan.meta.id)).map((o) => o.indicatorCode)).toEqual([13]);
    await db.destroy();
  });
});

describe('reading sheets', () => {
  it('reads a UTF-8 CSV with Chinese headers, keeping decimals as written', async () => {
    const path = join(tempDir(), 'obs.csv');
    writeFileSync(path, '\uFEFF指标序号,行政区代码,年份,数值,数据来源\n13,440200,2023,74.50,市林业局\n\n8,440200,2023,23,监测数据\n');
    const t = await readTable(path, OBSERVATION_COLUMNS);
    expect(t.problems).toEqual([]);
    expect(t.rows.map((r) => [r.row, r.cells.indicator, r.cells.value])).toEqual([
      [2, '13', '74.50'],
      [4, '8', '23'],
    ]);
  });

  it('reads a CSV saved by Excel on Chinese Windows (GB18030)', async () => {
    const path = join(tempDir(), 'gbk.csv');
    // "指标序号,行政区代码,年份,状态,数据来源\n18,440200,2023,建立,市生态环境局\n" encoded as GB18030 by Python's codec.
    const bytes = Buffer.from(
      'd6b8b1ead0f2bac52cd0d0d5fec7f8b4fac2eb2cc4eab7dd2cd7b4ccac2ccafdbeddc0b4d4b40a31382c3434303230302c323032332cbda8c1a22ccad0c9faccacbbb7beb3bed60a',
      'hex',
    );
    writeFileSync(path, bytes);
    const t = await readTable(path, OBSERVATION_COLUMNS);
    expect(t.problems).toEqual([]);
    expect(t.rows[0]!.cells).toEqual({ indicator: '18', region: '440200', year: '2023', state: '建立', source: '市生态环境局' });
  });

  it('reads an .xlsx sheet and reports unknown and missing columns', async () => {
    const path = join(tempDir(), 'obs.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('指标值');
    ws.addRow(['indicator', 'region', 'year', 'value', '单位']);
    ws.addRow([13, '440200', 2023, 74.43]);
    await wb.xlsx.writeFile(path);
    const t = await readTable(path, OBSERVATION_COLUMNS, ['指标值']);
    expect(t.sheet).toBe('指标值');
    expect(t.rows[0]!.cells).toEqual({ indicator: '13', region: '440200', year: '2023', value: '74.43' });
    expect(t.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [1, 'E', expect.stringContaining('未知的列“单位”')],
      [1, null, '缺少必需的列“数据来源”（或 source）'],
    ]);
  });

  it('refuses other file types', async () => {
    const path = join(tempDir(), 'obs.txt');
    writeFileSync(path, 'x');
    expect((await readTable(path, OBSERVATION_COLUMNS)).problems[0]!.message).toContain('不支持的文件类型');
  });
});
