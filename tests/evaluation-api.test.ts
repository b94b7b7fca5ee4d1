// The evaluation routes and commands on the example dataset, as a user runs them.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadDemo } from '../src/cli/demo.js';
import { buildApp } from '../src/server/app.js';
import { errorBodySchema } from '../src/server/errors.js';
import { evaluationSchema, observationSchema, scorecardSchema } from '../src/server/evaluationSchemas.js';
import { tempDir } from './helpers/planFolder.js';
import { seededDatabase } from './helpers/store.js';
import { CLI_CWD } from './helpers/cli.js';

let app: FastifyInstance;
let close: () => Promise<void>;

beforeAll(async () => {
  const store = await seededDatabase();
  await loadDemo(store.db, store.plan);
  app = await buildApp({ db: store.db, webDir: '/nonexistent' });
  close = async () => {
    await app.close();
    await store.db.destroy();
  };
});
afterAll(() => close());

async function get<T extends z.ZodType>(url: string, schema: T, status = 200): Promise<z.infer<T>> {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(status);
  return schema.parse(res.json());
}

describe('GET /api/v1/plans/default/evaluation', () => {
  it('evaluates all 45 indicators for a year with a summary that adds up', async () => {
    const r = await get('/api/v1/plans/default/evaluation?year=2024', evaluationSchema.strict());
    expect(r).toMatchObject({ year: 2024, region: '440200', regionName: '韶关市', horizon: 'auto' });
    expect(r.indicators).toHaveLength(45);
    const c = r.summary.counts;
    expect(c.attained + c.not_attained + c.no_data + c.not_applicable).toBe(45);
    expect(c.red + c.yellow + c.grey).toBe(r.indicators.filter((e) => e.warning).length);
    // The demo sets PM2.5 off track: a red warning with its reason.
    const pm = r.indicators.find((e) => e.code === 8)!;
    expect(pm).toMatchObject({ status: 'not_attained', warning: { level: 'red' }, provisional: true });
    expect(pm.observations.some((o) => o.isDemo)).toBe(true);
  });

  it('evaluates a county where it reports and marks the rest not applicable', async () => {
    const r = await get('/api/v1/plans/default/evaluation?year=2024&region=440281', evaluationSchema);
    expect(r.regionName).toBe('乐昌市');
    expect(r.indicators.find((e) => e.code === 30)!.target.text).toBe('城市: ≥99 县城: ≥95');
    expect(r.indicators.find((e) => e.code === 1)!.status).toBe('not_applicable');
  });

  it('answers bad years and regions with bilingual errors', async () => {
    expect((await get('/api/v1/plans/default/evaluation?year=2036', errorBodySchema, 400)).code).toBe('YEAR_OUT_OF_RANGE');
    expect((await get('/api/v1/plans/default/evaluation', errorBodySchema, 400)).code).toBe('VALIDATION_FAILED');
    expect((await get('/api/v1/plans/default/evaluation?year=2024&region=440299', errorBodySchema, 404)).message).toBe('未找到行政区 440299');
  });
});

describe('scorecard, series and observations', () => {
  it('gives every indicator a cell per year', async () => {
    const r = await get('/api/v1/plans/default/scorecard?from=2020&to=2024', scorecardSchema.strict());
    expect(r.years).toEqual([2020, 2021, 2022, 2023, 2024]);
    expect(r.indicators).toHaveLength(45);
    const forest = r.indicators.find((i) => i.code === 13)!;
    expect(forest.cells.map((c) => c.valueText)).toEqual(['74.43', '74.95', expect.any(String), expect.any(String), expect.any(String)]);
    // 2021 is the official value, not demo data.
    expect(forest.cells[1]!).toMatchObject({ provisional: false, demo: false });
    expect(forest.cells[2]!).toMatchObject({ provisional: true, demo: true });
  });

  it('gives an indicator its observations and a verdict per year', async () => {
    const r = await get('/api/v1/plans/default/indicators/13/series', z.object({ code: z.number(), region: z.string(), observations: z.array(observationSchema), evaluations: z.array(z.object({ year: z.number(), status: z.string() }).passthrough()) }));
    expect(r.observations.map((o) => o.year)).toEqual([2021, 2022, 2023, 2024]);
    expect(r.observations[0]!.source).toContain('人民网');
    expect(r.evaluations[0]).toMatchObject({ year: 2020, status: 'not_attained' });
  });

  it('lists current observations with filters', async () => {
    const r = await get('/api/v1/plans/default/observations?year=2024&indicator=30', z.object({ observations: z.array(observationSchema) }));
    expect(r.observations).toHaveLength(11);
    expect(new Set(r.observations.map((o) => o.regionCode)).size).toBe(11);
  });
});

describe('POST /api/v1/calc/progress', () => {
  it('computes progress from JSON and names bad keys', async () => {
    const ok = await app.inject({ method: 'POST', url: '/api/v1/calc/progress', payload: { baseline: { year: 2020, value: 60 }, latest: { year: 2023, value: 66 }, target: { year: 2025, value: 75 }, direction: 'increase' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ level: 'moderate', method: 'ratio' });
    const bad = await app.inject({ method: 'POST', url: '/api/v1/calc/progress', payload: { baseline: { year: 2020, value: 'sixty' }, latest: { year: 2023, value: 66 }, target: null, direction: 'increase', extra: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('baseline.value');
    expect(bad.json().message).toContain('"sixty"');
    expect(bad.json().message).toContain('extra');
  });
});

const BIN = resolve(import.meta.dirname, '../bin/ecoplan.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: CLI_CWD, encoding: 'utf8', timeout: 60_000 });

describe('ecoplan evaluate, observations import, demo', () => {
  it('imports a sheet, evaluates it in the terminal and as JSON, and removes demo data only', () => {
    const dir = tempDir();
    const db = join(dir, 'e.db');
    const csv = join(dir, 'values.csv');
    writeFileSync(csv, '指标序号,行政区代码,年份,数值,状态,数据来源\n8,440200,2024,23,,监测数据\n18,440200,2024,,建立,市生态环境局\n13,440200,2024,74.7,,市林业局\n');
    expect(run('observations', 'import', csv, '--db', db).stdout).toContain('新增 3 条');
    const table = run('evaluate', '--year', '2024', '--db', db);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/8\s+PM2\.5年均浓度\s+23\s+25\s+达标/);
    expect(table.stdout).toContain('达标 3，未达标 0，无数据 42');
    const json = JSON.parse(run('evaluate', '--year', '2024', '--json', '--db', db).stdout);
    expect(json.indicators.find((e: { code: number }) => e.code === 13)).toMatchObject({ status: 'attained', value: { valueText: '74.7' } });
    expect(run('demo', 'load', '--db', db).status).toBe(0);
    // Real values win over demo values for the same indicator, region and year.
    const afterDemo = JSON.parse(run('evaluate', '--year', '2024', '--json', '--db', db).stdout);
    expect(afterDemo.indicators.find((e: { code: number }) => e.code === 8).value.valueText).toBe('23');
    expect(run('demo', 'remove', '--db', db).stdout).toContain('已删除示例数据');
    expect(JSON.parse(run('evaluate', '--year', '2024', '--json', '--db', db).stdout).summary.counts.attained).toBe(3);
  });

  it('refuses a sheet with problems, naming file, row, column and field, and writes nothing', () => {
    const dir = tempDir();
    const db = join(dir, 'e.db');
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, '指标序号,行政区代码,年份,数值,数据来源\n13,440200,2024,74.7,市林业局\n99,440200,2024,1,x\n8,440200,2024,abc,x\n');
    const r = run('observations', 'import', csv, '--db', db);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('bad.csv 第 3 行 A 列（指标序号）：未知的指标序号“99”');
    expect(r.stderr).toContain('bad.csv 第 4 行 D 列（数值）：数值“abc”不是数字');
    expect(r.stderr).toContain('未写入任何数据');
    expect(JSON.parse(run('evaluate', '--year', '2024', '--json', '--db', db).stdout).summary.counts.attained).toBe(0);
  });

  it('needs a reason to change an imported value, then keeps both versions', () => {
    const dir = tempDir();
    const db = join(dir, 'e.db');
    const a = join(dir, 'a.csv');
    writeFileSync(a, 'indicator,region,year,value,source\n13,440200,2024,74.7,市林业局\n');
    run('observations', 'import', a, '--db', db);
    writeFileSync(a, 'indicator,region,year,value,source\n13,440200,2024,74.5,省林业局\n');
    const refused = run('observations', 'import', a, '--db', db);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('现值 74.7（第 1 版，市林业局）→ 74.5');
    expect(run('observations', 'import', a, '--db', db, '--reason', '以省林业局发布数据为准').stdout).toContain('新版本 1 条');
    expect(JSON.parse(run('evaluate', '--year', '2024', '--json', '--db', db).stdout).indicators[12].status).toBe('not_attained');
  });

  it('writes the Excel reporting template', () => {
    const out = join(tempDir(), '模板.xlsx');
    expect(run('observations', 'template', '--out', out).status).toBe(0);
    const back = run('observations', 'import', out, '--db', join(tempDir(), 't.db'));
    // The template's example row is valid data; importing it shows the template is readable as-is.
    expect(back.stdout).toContain('新增 1 条');
  });
});
