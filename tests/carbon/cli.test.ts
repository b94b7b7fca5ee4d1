// `ecoplan carbon …` as a user runs it (needs `npm run build:server`; `npm test` builds first): the demo inventory,
// scenarios, the workbook round trip, and refusals with non-zero exits.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/planFolder.js';
import { CLI_CWD } from '../helpers/cli.js';

const BIN = resolve(import.meta.dirname, '../../bin/ecoplan.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: CLI_CWD, encoding: 'utf8', timeout: 60_000 });
const dir = tempDir();
const db = join(dir, 'carbon.db');

beforeAll(() => {
  const r = run('demo', 'load', '--db', db);
  expect(r.status, r.stderr).toBe(0);
}, 60_000);

describe('ecoplan carbon', () => {
  it('prints help for its commands', () => {
    const r = run('carbon', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('inventory');
    expect(r.stdout).toContain('scenario');
    expect(run('carbon', 'inventory', '--help').stdout).toContain('--gwp <set>');
  });

  it('prints the city inventory of the demo data (sum of counties) and its JSON', () => {
    const r = run('carbon', 'inventory', '--year', '2022', '--db', db);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('韶关市（440200）2022 年温室气体清单');
    expect(r.stdout).toContain('各县（市、区）合计');
    expect(r.stdout).toContain('【示例数据 / demo data】');
    expect(r.stdout).toMatch(/指标 25：\d\.\d{3} 吨\/万元/);
    const json = JSON.parse(run('carbon', 'inventory', '--year', '2022', '--region', '440205', '--json', '--gwp', 'AR6', '--db', db).stdout);
    expect(json.inventory).toMatchObject({ regionCode: '440205', year: 2022, gwpSet: 'AR6', rolledUp: false });
    expect(json.usesDemo).toBe(true);
    // totals are the sums of the lines
    const gross = json.inventory.lines.filter((l: { scope: number | null; sector: string }) => l.scope === 1 && l.sector !== 'lulucf').reduce((a: number, l: { co2e: number }) => a + l.co2e, 0);
    expect(json.inventory.totals.gross).toBeCloseTo(gross, 6);
  });

  it('lists and runs the demo scenarios', () => {
    const list = run('carbon', 'scenario', 'list', '--db', db);
    expect(list.stdout).toMatch(/baseline\s+基准情景（示例）/);
    const r = run('carbon', 'scenario', 'run', 'policy', '--json', '--db', db);
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.years).toHaveLength(16);
    expect(result.peak.deadline).toBe(2030);
    const missing = run('carbon', 'scenario', 'run', 'nope', '--db', db);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('没有名为“nope”的情景，已有：baseline、enhanced、policy');
  });

  it('exports a workbook that imports back unchanged, and refuses a broken one writing nothing', async () => {
    const file = join(dir, 'carbon.xlsx');
    expect(run('carbon', 'export', file, '--year', '2022', '--db', db).status).toBe(0);
    const again = run('carbon', 'import', file, '--db', db);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/新增 0 行，修改 0 行（新版本），未变 \d+ 行/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.getWorksheet('活动数据')!.getRow(3).getCell(7).value = '桶';
    const broken = join(dir, 'broken.xlsx');
    writeFileSync(broken, Buffer.from(await wb.xlsx.writeBuffer()));
    const r = run('carbon', 'import', broken, '--db', db);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('broken.xlsx：1 个问题，未写入任何数据');
    expect(r.stderr).toContain('broken.xlsx，工作表“活动数据”，第 3 行 G 列（单位）：未知单位“桶”');
  });

  it('refuses an unknown region and GWP set with exit 2', () => {
    const r = run('carbon', 'inventory', '--year', '2022', '--region', '999999', '--db', db);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('未知的行政区“999999”');
    expect(run('carbon', 'inventory', '--year', '2022', '--gwp', 'AR9', '--db', db).status).toBe(2);
  });
});
