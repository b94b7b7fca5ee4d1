// `ecoplan monitoring import|stations|sections` and `ecoplan demo monitoring` as a user runs them (needs
// `npm run build:server`).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/planFolder.js';
import { CLI_CWD } from '../helpers/cli.js';

const BIN = resolve(import.meta.dirname, '../../bin/ecoplan.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: CLI_CWD, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ECOPLAN_PROGRESS: '1' } });

describe('ecoplan monitoring', () => {
  it('lists the seeded stations and sections with their sources', () => {
    const db = join(tempDir(), 'm.db');
    const st = run('monitoring', 'stations', '--db', db);
    expect(st.status, st.stderr).toBe(0);
    expect(st.stdout).toContain('1672A\t韶关学院\t440204 浈江区\tnational\t113.6735\t24.7791\t0');
    expect(st.stdout).toContain('3622A\t碧湖山庄（不确定 uncertain）');
    const se = run('monitoring', 'sections', '--db', db);
    expect(se.stdout).toContain('SGW06\t墨江出口\t北江水系(墨江)\t国考\tII\t否\t440200 韶关市\t0\t[official]');
  });

  it('imports all or nothing, with a progress bar, and --skip-invalid writes the report', () => {
    const dir = tempDir();
    const db = join(dir, 'm.db');
    const file = join(dir, 'hours.csv');
    writeFileSync(file, '站点编码,时间,PM2.5,O3\n1669A,2023-01-01 01:00,20,30\n1669A,2023-01-01 02:00,-4,30\n');
    const bad = run('monitoring', 'import', file, '--db', db);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('文件“hours.csv”第 3 行 C 列（PM2.5）：浓度为负数：-4');
    expect(bad.stderr).toContain('未导入任何数据');
    expect(bad.stderr).toMatch(/导入 import \[.*\] 100%/);
    const ok = run('monitoring', 'import', file, '--skip-invalid', '--db', db);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('数据行 2，导入 1，重复 0，跳过 1');
    const report = join(dir, 'hours.skipped.csv');
    expect(ok.stdout).toContain(report);
    expect(readFileSync(report, 'utf8')).toContain('3,C,PM2.5,negative');
    expect(run('monitoring', 'stations', '--db', db).stdout).toContain('1669A\t市八中\t440203 武江区\tnational\t113.5824\t24.7733\t1\t');
    expect(run('monitoring', 'import', file, '--kind', 'soil', '--db', db).status).toBe(2);
  });

  it('demo monitoring writes a deterministic CSV, or loads labelled demo data that demo remove removes', () => {
    const dir = tempDir();
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    expect(run('demo', 'monitoring', '--stations', '2', '--year', '2022', '--out', a).status).toBe(0);
    expect(run('demo', 'monitoring', '--stations', '2', '--year', '2022', '--out', b, '--format', 'long').status).toBe(0);
    const wide = readFileSync(a, 'utf8').split('\n');
    expect(wide[0]).toBe('station,time,so2,no2,pm10,pm25,co,o3');
    expect(wide[1]).toMatch(/^DEMO0001,2022-01-01T01,\d+,\d+,\d+,\d+,[\d.]+,\d+$/);
    expect(readFileSync(b, 'utf8').split('\n')[0]).toBe('station,time,pollutant,value');
    expect(run('demo', 'monitoring', '--stations', '2', '--year', '2022', '--out', join(dir, 'c.csv')).status).toBe(0);
    expect(readFileSync(join(dir, 'c.csv'), 'utf8')).toBe(readFileSync(a, 'utf8')); // seeded: the same every time
    const db = join(dir, 'd.db');
    const load = run('demo', 'monitoring', '--stations', '3', '--year', '2022', '--db', db);
    expect(load.status, load.stderr).toBe(0);
    expect(load.stdout).toMatch(/已载入示例监测数据（标注“示例数据”）：3 个站点 \d+ 个站时/);
    expect(run('monitoring', 'stations', '--db', db).stdout).toContain('DEMO0003\t示例站点0003（示例数据）');
    const rm = run('demo', 'remove', '--db', db);
    expect(rm.status, rm.stderr).toBe(0);
    expect(rm.stdout).toMatch(/已删除示例监测数据：3 个站点、\d+ 个站时、8 个断面、\d+ 个监测值/);
    const after = run('monitoring', 'stations', '--db', db).stdout;
    expect(after).not.toContain('DEMO');
    expect(after).toContain('1669A');
    expect(existsSync(db)).toBe(true);
  });
});
