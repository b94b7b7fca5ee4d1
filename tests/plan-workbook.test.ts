// The plan workbook: Shaoguan's plan out to Excel and back gives the same plan, the workbook reads as the plan's
// own tables, and every kind of bad workbook is refused with the cell named and nothing written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPlanFolder } from '../src/planfolder/read.js';
import { readPlanWorkbook, type WorkbookProblem } from '../src/planfolder/workbookImport.js';
import { BIN, CLI_CWD } from './helpers/cli.js';
import { EXAMPLE_COUNTY_DIR, SHAOGUAN_DIR, tempDir } from './helpers/planFolder.js';
import { writeXlsxBomb } from './helpers/zipBomb.js';

const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: CLI_CWD, encoding: 'utf8', timeout: 120_000 });
// Each command is a fresh Node process opening a database: a few seconds each on a busy 2-core machine, so a test
// running several gets a generous ceiling (a ceiling, not a speed target).
const SLOW = { timeout: 300_000 };

let exported: Buffer;
beforeAll(() => {
  const out = join(tempDir(), '规划.xlsx');
  const r = run('plan', 'export-workbook', '--from', SHAOGUAN_DIR, '--out', out);
  expect(r.status, r.stderr).toBe(0);
  exported = readFileSync(out);
}, 120_000);

async function load(bytes: Buffer = exported): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const text = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : typeof v === 'object' && 'result' in v ? String(v.result ?? '') : String(v));

/** The 1-based column of a header, found as a user would: by reading the header row. */
function columnOf(ws: ExcelJS.Worksheet, header: string): number {
  const row = ws.getRow(1);
  for (let c = 1; c <= row.cellCount; c++) if (text(row.getCell(c).value) === header) return c;
  throw new Error(`no column ${header} in ${ws.name}`);
}
const letter = (n: number) => String.fromCharCode(64 + n);

/** The sheet row holding an indicator (by 序号) or a project (by 序号). */
function rowOf(ws: ExcelJS.Worksheet, no: number): number {
  for (let r = 2; r <= ws.rowCount; r++) if (text(ws.getCell(r, 1).value) === String(no)) return r;
  throw new Error(`no row ${no} in ${ws.name}`);
}

async function edited(edit: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = await load();
  edit(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function problemsOf(edit: (wb: ExcelJS.Workbook) => void): Promise<WorkbookProblem[]> {
  const result = await readPlanWorkbook(await edited(edit), '规划.xlsx');
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

describe('plan export-workbook', SLOW, () => {
  it('writes 表1 with the plan’s own columns, values and responsible units', async () => {
    const ws = (await load()).getWorksheet('指标体系')!;
    const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(text);
    expect(header.slice(0, 12)).toEqual(['序号', '领域', '任务', '指标分组', '指标', '单位', '属性', '现状值', '2025年目标值', '2035年目标值', '责任单位', '备注']);
    expect(ws.rowCount).toBe(46);
    // Indicator 3 as the plan prints it: 21.5 now, ≥21.5 in both target years, two units.
    const r = rowOf(ws, 3);
    const at = (h: string) => text(ws.getCell(r, columnOf(ws, h)).value);
    expect([at('指标'), at('单位'), at('属性'), at('现状值'), at('2025年目标值'), at('2035年目标值'), at('责任单位')]).toEqual([
      '生态文明建设工作占党政实绩考核的比例', '%', '约束性', '21.5', '≥21.5', '≥21.5', '市委组织部、市直机关工委',
    ]);
    const binding = [...Array(45).keys()].filter((i) => text(ws.getCell(i + 2, columnOf(ws, '属性')).value) === '约束性');
    expect(binding).toHaveLength(24);
    // 领域 is merged down over its indicators, as in the printed table: 生态制度 covers indicators 1–6.
    const merges = (ws.model as { merges: string[] }).merges;
    expect(merges).toContain(`B${rowOf(ws, 1)}:B${rowOf(ws, 6)}`);
  });

  it('writes the appendix of key projects whose investments add up to the plan’s 603.58 亿元', async () => {
    const ws = (await load()).getWorksheet('重点工程')!;
    const col = columnOf(ws, '总投资（亿元）');
    let cents = 0;
    for (let no = 1; no <= 24; no++) cents += Math.round(Number(ws.getCell(rowOf(ws, no), col).value) * 100);
    expect(cents).toBe(60358);
    expect(text(ws.getCell(rowOf(ws, 1), columnOf(ws, '项目名称')).value)).toBe('南岭国家公园建设项目');
    expect(text(ws.getCell(rowOf(ws, 1), columnOf(ws, '建设年限')).value)).toBe('2020-2035');
  });

  it('round-trips: Shaoguan exported from a database and imported again shows the same plan', () => {
    const dir = tempDir();
    const db = join(dir, 'x.db');
    const out = join(dir, 'db.xlsx');
    const exportRun = run('plan', 'export-workbook', '--db', db, '--out', out);
    expect(exportRun.status, exportRun.stderr).toBe(0);
    const imported = join(dir, 'plans', 'copy');
    const importRun = run('plan', 'import-workbook', out, '--out', imported);
    expect(importRun.status, importRun.stderr).toBe(0);
    expect(importRun.stdout).toContain('45 项指标（约束性 24，参考性 21），24 个重点工程项目');
    const original = run('plan', 'show', '--json', '--db', db);
    const copy = run('plan', 'show', imported, '--json');
    expect(copy.status, copy.stderr).toBe(0);
    expect(JSON.parse(copy.stdout)).toEqual(JSON.parse(original.stdout));
    // The folder it wrote is a valid plan folder in its own right.
    expect(run('plan', 'validate', imported).status).toBe(0);
  });

  it('round-trips the county-level example: towns with 9-digit codes, targets of every kind', async () => {
    const dir = tempDir();
    const out = join(dir, '示例县.xlsx');
    const exportRun = run('plan', 'export-workbook', '--from', EXAMPLE_COUNTY_DIR, '--out', out);
    expect(exportRun.status, exportRun.stderr).toBe(0);
    // The regions sheet says what staff would write: 乡级 and 镇/乡/街道, the codes as text (no lost digits).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const regions = wb.getWorksheet('行政区')!;
    const row = rowOf(regions, 990121201);
    expect(text(regions.getCell(row, columnOf(regions, '名称')).value)).toBe('云岭乡');
    expect(text(regions.getCell(row, columnOf(regions, '级别')).value)).toBe('乡级');
    expect(text(regions.getCell(row, columnOf(regions, '类型')).value)).toBe('乡');
    expect(text(regions.getCell(rowOf(regions, 990121001), columnOf(regions, '类型')).value)).toBe('街道');
    // A town government's kind is a word of the 类别 list; the plan sheet says whose indicators countyIndicators are.
    const departments = wb.getWorksheet('部门')!;
    const qingshan = departments.getColumn(2).values.findIndex((v) => v === '青山镇人民政府');
    const kind = departments.getCell(qingshan, columnOf(departments, '类别'));
    expect(text(kind.value)).toBe('乡镇人民政府');
    expect(kind.dataValidation.formulae![0]).toContain('乡镇人民政府');
    const planSheet = wb.getWorksheet('规划')!;
    const countyRow = planSheet.getColumn(1).values.findIndex((v) => v === '县区、乡镇政府填报指标序号');
    expect(text(planSheet.getCell(countyRow, 2).value)).toBe('9、17、20');
    const imported = join(dir, 'plans', 'copy');
    const importRun = run('plan', 'import-workbook', out, '--out', imported);
    expect(importRun.status, importRun.stderr).toBe(0);
    expect(importRun.stdout).toContain('21 项指标（约束性 13，参考性 8），4 个重点工程项目');
    const original = run('plan', 'show', EXAMPLE_COUNTY_DIR, '--json');
    const copy = run('plan', 'show', imported, '--json');
    expect(copy.status, copy.stderr).toBe(0);
    expect(JSON.parse(copy.stdout)).toEqual(JSON.parse(original.stdout));
    expect(run('plan', 'validate', imported).status).toBe(0);
    // plan show prints indicators and projects; the rest of the plan (its towns above all) must come back too.
    const [a, b] = [readPlanFolder(EXAMPLE_COUNTY_DIR).result, readPlanFolder(imported).result];
    if (!a.ok || !b.ok) throw new Error('folders invalid');
    expect(b.plan.regions).toEqual(a.plan.regions);
    expect(b.plan.regions.filter((r) => r.level === 'town')).toHaveLength(7);
    expect(b.plan).toEqual(a.plan);
  });

  it('reads a workbook of before town governments: the former label of countyIndicators; a kind word not in the list is refused', async () => {
    const relabelled = await readPlanWorkbook(await edited((wb) => {
      const ws = wb.getWorksheet('规划')!;
      ws.getCell(ws.getColumn(1).values.findIndex((v) => v === '县区、乡镇政府填报指标序号'), 1).value = '县区填报指标序号';
    }), '规划.xlsx');
    if (!relabelled.ok) throw new Error(JSON.stringify(relabelled.problems));
    expect(relabelled.plan.meta.countyIndicators).toEqual([7, 8, 9, 12, 13, 29, 30, 31, 32, 33, 34, 35]);
    const problems = await problemsOf((wb) => {
      const ws = wb.getWorksheet('部门')!;
      ws.getCell(2, columnOf(ws, '类别')).value = '村委会';
    });
    expect(problems).toContainEqual(expect.objectContaining({ sheet: '部门', row: 2, column: 'D', message: expect.stringContaining('县级人民政府、乡镇人民政府、省属单位') }));
  });

  it('refuses an unknown plan id, naming the plans the database holds', () => {
    const dir = tempDir();
    const r = run('plan', 'export-workbook', '--db', join(dir, 'x.db'), '--plan', 'nowhere', '--out', join(dir, 'x.xlsx'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('没有规划“nowhere”');
    expect(r.stderr).toContain('shaoguan-2021-2035');
    expect(existsSync(join(dir, 'x.xlsx'))).toBe(false);
  });
});

describe('plan import-workbook refuses bad workbooks, naming the cell', SLOW, () => {
  it('a missing sheet', async () => {
    const problems = await problemsOf((wb) => wb.removeWorksheet(wb.getWorksheet('部门')!.id));
    expect(problems).toEqual([expect.objectContaining({ sheet: '部门', message: '缺少工作表“部门”' })]);
  });

  it('a missing column', async () => {
    const problems = await problemsOf((wb) => {
      const ws = wb.getWorksheet('指标体系')!;
      ws.getCell(1, columnOf(ws, '单位')).value = '计量单位';
    });
    expect(problems).toContainEqual(expect.objectContaining({ sheet: '指标体系', row: 1, field: '单位', message: '缺少列“单位”' }));
  });

  it('merged cells in an odd place', async () => {
    const problems = await problemsOf((wb) => {
      const ws = wb.getWorksheet('指标体系')!;
      const c = columnOf(ws, '指标');
      ws.mergeCells(rowOf(ws, 8), c, rowOf(ws, 9), c);
    });
    const ws = (await load()).getWorksheet('指标体系')!;
    const range = `${letter(columnOf(ws, '指标'))}${rowOf(ws, 8)}:${letter(columnOf(ws, '指标'))}${rowOf(ws, 9)}`;
    expect(problems).toContainEqual(expect.objectContaining({ sheet: '指标体系', row: rowOf(ws, 8), message: expect.stringContaining(`合并单元格 ${range}`) }));
  });

  it('an unknown department, at its cell', async () => {
    let r = 0;
    let c = 0;
    const problems = await problemsOf((wb) => {
      const ws = wb.getWorksheet('指标体系')!;
      r = rowOf(ws, 13);
      c = columnOf(ws, '责任单位');
      ws.getCell(r, c).value = '市林业厅';
    });
    expect(problems).toEqual([expect.objectContaining({ sheet: '指标体系', row: r, column: letter(c), field: '责任单位', message: expect.stringContaining('未知的责任单位“市林业厅”') })]);
  });

  it('an unknown county in a project', async () => {
    const problems = await problemsOf((wb) => {
      const ws = wb.getWorksheet('重点工程')!;
      ws.getCell(rowOf(ws, 2), columnOf(ws, '涉及区县')).value = '武江区、韶州区';
    });
    expect(problems).toEqual([expect.objectContaining({ sheet: '重点工程', row: 3, field: '涉及区县', message: expect.stringContaining('未知的行政区“韶州区”') })]);
  });

  it('a target the target language cannot read', async () => {
    let r = 0;
    const problems = await problemsOf((wb) => {
      const ws = wb.getWorksheet('指标体系')!;
      r = rowOf(ws, 7);
      ws.getCell(r, columnOf(ws, '2035年目标值')).value = '尽量更好';
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ sheet: '指标体系', row: r, field: '2035年目标值' });
  });

  it('duplicate indicator numbers', async () => {
    let r = 0;
    const problems = await problemsOf((wb) => {
      const ws = wb.getWorksheet('指标体系')!;
      r = rowOf(ws, 11);
      ws.getCell(r, 1).value = 10;
    });
    expect(problems).toContainEqual(expect.objectContaining({ sheet: '指标体系', row: r, column: 'A', message: expect.stringContaining('重复') }));
  });

  it('text in numeric cells', async () => {
    const problems = await problemsOf((wb) => {
      const ws = wb.getWorksheet('指标体系')!;
      ws.getCell(rowOf(ws, 5), 1).value = '五';
      const p = wb.getWorksheet('重点工程')!;
      p.getCell(rowOf(p, 4), columnOf(p, '总投资（亿元）')).value = '约5亿';
    });
    expect(problems).toContainEqual(expect.objectContaining({ sheet: '指标体系', column: 'A', field: '序号', message: '应为整数，而不是“五”', messageEn: 'should be a whole number, not "五"' }));
    expect(problems).toContainEqual(expect.objectContaining({ sheet: '重点工程', field: '总投资（亿元）', message: expect.stringContaining('而不是“约5亿”') }));
  });

  it('an inconsistent period on the plan sheet points at its row', async () => {
    const problems = await problemsOf((wb) => {
      const ws = wb.getWorksheet('规划')!;
      for (let r = 2; r <= ws.rowCount; r++) if (text(ws.getCell(r, 1).value) === '规划期结束年') ws.getCell(r, 2).value = 2019;
    });
    expect(problems.some((p) => p.sheet === '规划' && p.row !== null && p.message.includes('规划期起始年晚于结束年'))).toBe(true);
  });

  it('a file that is not a workbook, and a zip bomb', async () => {
    const notXlsx = await readPlanWorkbook(Buffer.from('序号,指标\n1,x\n'), '规划.xlsx');
    expect(notXlsx).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('规划.xlsx') }] });
    const dir = tempDir();
    const bomb = join(dir, 'bomb.xlsx');
    writeXlsxBomb(bomb, 64);
    const r = run('plan', 'import-workbook', bomb, '--out', join(dir, 'out'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/解压|inflate/i);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('writes nothing when anything is wrong, and never into a folder that holds files', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.xlsx');
    writeFileSync(
      bad,
      await edited((wb) => {
        const ws = wb.getWorksheet('指标体系')!;
        ws.getCell(rowOf(ws, 20), columnOf(ws, '责任单位')).value = '不存在的局';
      }),
    );
    const r = run('plan', 'import-workbook', bad, '--out', join(dir, 'out'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('未写入任何文件');
    expect(r.stderr).toContain('工作表“指标体系”');
    expect(readdirSync(dir).sort()).toEqual(['bad.xlsx']);

    const good = join(dir, 'good.xlsx');
    writeFileSync(good, exported);
    mkdirSync(join(dir, 'taken'));
    writeFileSync(join(dir, 'taken', 'keep.txt'), 'mine');
    const taken = run('plan', 'import-workbook', good, '--out', join(dir, 'taken'));
    expect(taken.status).toBe(1);
    expect(readdirSync(join(dir, 'taken'))).toEqual(['keep.txt']);
  });
});

describe('plan load and plan list', SLOW, () => {
  it('loads a second plan beside Shaoguan’s, leaves it alone when unchanged, and refuses other content under its id', async () => {
    const dir = tempDir();
    const db = join(dir, 'x.db');
    const workbook = join(dir, 'other.xlsx');
    const setPlanField = (label: string, value: string) => (wb: ExcelJS.Workbook) => {
      const ws = wb.getWorksheet('规划')!;
      for (let r = 2; r <= ws.rowCount; r++) if (text(ws.getCell(r, 1).value) === label) ws.getCell(r, 2).value = value;
    };
    writeFileSync(workbook, await edited((wb) => {
      setPlanField('规划编号', 'other-2021-2035')(wb);
      setPlanField('规划名称', '另一个规划')(wb);
    }));
    const folder = join(dir, 'other');
    expect(run('plan', 'import-workbook', workbook, '--out', folder).status).toBe(0);
    const load1 = run('plan', 'load', folder, '--db', db);
    expect(load1.status, load1.stderr).toBe(0);
    const list = run('plan', 'list', '--json', '--db', db);
    expect(JSON.parse(list.stdout).plans).toEqual([
      expect.objectContaining({ id: 'other-2021-2035', name: '另一个规划', default: false }),
      expect.objectContaining({ id: 'shaoguan-2021-2035', default: true }),
    ]);
    expect(run('plan', 'load', folder, '--db', db).stdout).toContain('内容未变');
    // The same id with other content is not a silent replacement.
    const changed = join(dir, 'other-changed');
    writeFileSync(join(dir, 'changed.xlsx'), await edited((wb) => {
      setPlanField('规划编号', 'other-2021-2035')(wb);
      setPlanField('规划名称', '另一个规划（修改）')(wb);
    }));
    expect(run('plan', 'import-workbook', join(dir, 'changed.xlsx'), '--out', changed).status).toBe(0);
    const refused = run('plan', 'load', changed, '--db', db);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('只能以修订方式变更');
    expect(JSON.parse(run('plan', 'list', '--json', '--db', db).stdout).plans[0].name).toBe('另一个规划');
  });
});
