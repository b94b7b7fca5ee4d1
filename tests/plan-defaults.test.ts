// Defaults and examples come from the plan, not from code: the same folder under another region code and name gives a
// reporting template and messages that name that region, and nothing of the embedded plan's city.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { validateObservationRows } from '../src/plan/observations.js';
import { readPlanFolder } from '../src/planfolder/read.js';
import { BIN, CLI_CWD } from './helpers/cli.js';
import { brokenPlanFolder, tempDir } from './helpers/planFolder.js';

// Another city: code 990100 (no such prefecture exists), named 示例市 / Example City.
const otherCity = brokenPlanFolder({
  'plan.yaml': (t) => t.replace('region: "440200"', 'region: "990100"'),
  'regions.yaml': (t) => t.replaceAll('"440200"', '"990100"').replace('name: 韶关市, nameEn: Shaoguan', 'name: 示例市, nameEn: Example City'),
});

describe('the observations template takes its example and help from the plan', () => {
  it("names the plan's own region code and name, and one of its counties", async () => {
    const out = join(tempDir(), 'template.xlsx');
    const r = spawnSync(process.execPath, [BIN, 'observations', 'template', '--out', out, '--plan-dir', otherCity], { cwd: CLI_CWD, encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const example = wb.getWorksheet('指标值')!.getRow(2);
    expect(example.getCell(2).value).toBe('990100');
    const help = wb.getWorksheet('填报说明')!;
    const regionHelp = help.getRow(2);
    expect(regionHelp.getCell(1).value).toBe('行政区代码');
    // regions.yaml's first county is 武江区 440203.
    expect(regionHelp.getCell(2).value).toBe('990100 示例市（规划范围）；或所辖行政区的代码，如 440203 武江区；也可填行政区名称');
    const all = help.getSheetValues().flat().join(' ') + wb.getWorksheet('指标值')!.getSheetValues().flat().join(' ');
    expect(all).not.toMatch(/韶关|440200/);
  });

  it('refuses the template for an invalid plan folder, naming the problem, and writes nothing', () => {
    const bad = brokenPlanFolder({ 'plan.yaml': (t) => t.replace('region: "440200"', 'region: "99"') });
    const out = join(tempDir(), 'template.xlsx');
    const r = spawnSync(process.execPath, [BIN, 'observations', 'template', '--out', out, '--plan-dir', bad], { cwd: CLI_CWD, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('plan.yaml');
    expect(existsSync(out)).toBe(false);
  });
});

describe("an unknown region is refused with the plan's own region in the message", () => {
  it('names 990100 (示例市) for the other city', () => {
    const folder = readPlanFolder(otherCity);
    if (!folder.result.ok) throw new Error(JSON.stringify(folder.result.problems.slice(0, 3)));
    const { issues } = validateObservationRows(folder.result.plan, [{ row: 2, columns: {}, cells: { indicator: '13', region: '440200', year: '2024', value: '74.6', source: '林业统计' } }], { maxYear: 2035 });
    expect(issues).toEqual([expect.objectContaining({ row: 2, field: '行政区代码', message: '未知的行政区“440200”，应为 990100（示例市）或所辖行政区的代码或名称' })]);
    expect(issues[0]!.messageEn).toContain('990100 (Example City)');
  });
});
