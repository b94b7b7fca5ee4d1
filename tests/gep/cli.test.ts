// `ecoplan gep …` as a user runs it (built bin), on a temp database with the demo loaded.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/planFolder.js';
import { CLI_CWD } from '../helpers/cli.js';

const BIN = resolve(import.meta.dirname, '../../bin/ecoplan.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: CLI_CWD, encoding: 'utf8', timeout: 60_000 });
let db: string;

beforeAll(() => {
  db = join(tempDir(), 'gep.db');
  expect(run('demo', 'load', '--db', db).status).toBe(0);
});

describe('ecoplan gep', () => {
  it('prints an account, its JSON, and the equivalent-factor screening', () => {
    const t = run('gep', 'account', '--region', '440200', '--year', '2023', '--db', db);
    expect(t.status, t.stderr).toBe(0);
    expect(t.stdout).toContain('韶关市（440200）2023 年 GEP：');
    expect(t.stdout).toContain('水源涵养');
    // The demo account must say it is demo data, in the text and in the JSON.
    expect(t.stdout).toContain('【示例数据 / demo data】');
    const j = run('gep', 'account', '--region', '440200', '--year', '2023', '--json', '--db', db);
    const a = JSON.parse(j.stdout);
    expect(a.method).toBe('spec');
    expect(a.usesDemo).toBe(true);
    expect(a.items.length).toBeGreaterThan(15);
    const e = run('gep', 'account', '--region', '440200', '--year', '2023', '--method', 'equivalent', '--db', db);
    expect(e.stdout).toContain('当量因子法筛查估算');
  });
  it('compares two years and allocates the compensation fund', () => {
    const c = run('gep', 'compare', '--region', '440200', '--from', '2021', '--to', '2024', '--json', '--db', db);
    const r = JSON.parse(c.stdout);
    expect(BigInt(r.quantityEffect.yuan.replace('.', '')) + BigInt(r.priceEffect.yuan.replace('.', ''))).toBe(BigInt(r.change.yuan.replace('.', '')));
    const k = run('gep', 'compensate', '--year', '2023', '--fund', '5000000.01', '--db', db);
    expect(k.status, k.stderr).toBe(0);
    expect(k.stdout).toContain('分配合计 5000000.01 元');
  });
  it('answers bad input with a precise message and a non-zero exit', () => {
    const r = run('gep', 'account', '--region', '440204', '--year', '2010', '--db', db);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('浈江区（440204）2010 年没有生态系统范围');
    expect(run('gep', 'compare', '--region', '440200', '--from', '2024', '--to', '2021', '--db', db).status).toBe(2);
  });
  it('prints the spec and round-trips the workbook', () => {
    expect(JSON.parse(run('gep', 'spec', '--json').stdout).items.some((i: { id: string }) => i.id === 'climate_regulation')).toBe(true);
    const file = join(tempDir(), 'gep.xlsx');
    expect(run('gep', 'export', file, '--db', db).status).toBe(0);
    const imp = run('gep', 'import', file, '--db', db);
    expect(imp.status, imp.stderr).toBe(0);
    expect(imp.stdout).toMatch(/新版本 0、未变 \d+/);
  });
});
