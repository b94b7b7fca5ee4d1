// Which year the dashboards open on: after one value of a new year is approved, the console
// kept jumping to that year ("2025: attained 1, no data 44") and readiness listed the 44 as not attained. The
// default is the latest complete year; a partial year says how far it has got; no data is never "not attained".
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadDemo } from '../src/cli/demo.js';
import { defaultEvaluationYear, type YearCoverage } from '../src/plan/evaluation.js';
import { buildApp } from '../src/server/app.js';
import { evaluationSchema, yearCoverageSchema } from '../src/server/evaluationSchemas.js';
import { recordObservations } from '../src/store/observations.js';
import { seededDatabase } from './helpers/store.js';

const yearsSchema = z.object({ region: z.string(), years: z.array(yearCoverageSchema), defaultYear: z.number(), basis: z.string() }).strict();

describe('defaultEvaluationYear', () => {
  const cov = (year: number, state: YearCoverage['state'], approved: number, applicable = 45): YearCoverage => ({ year, applicable, decided: approved, approved, state });

  it('takes the latest complete year over a newer partial one', () => {
    expect(defaultEvaluationYear([cov(2023, 'complete', 45), cov(2024, 'complete', 45), cov(2025, 'partial', 1), cov(2026, 'empty', 0)])).toEqual({ year: 2024, basis: 'complete' });
    // An older complete year still beats a newer, fuller but incomplete one.
    expect(defaultEvaluationYear([cov(2022, 'complete', 40, 40), cov(2023, 'partial', 44)])).toEqual({ year: 2022, basis: 'complete' });
  });

  it('without a complete year takes the most covered (the later on a tie), and with no data the first year', () => {
    expect(defaultEvaluationYear([cov(2020, 'partial', 31), cov(2021, 'partial', 40), cov(2022, 'partial', 40), cov(2023, 'partial', 3)])).toEqual({ year: 2022, basis: 'most_covered' });
    expect(defaultEvaluationYear([cov(2020, 'empty', 0), cov(2021, 'empty', 0)])).toEqual({ year: 2020, basis: 'no_data' });
    expect(defaultEvaluationYear([])).toBeNull();
  });
});

describe('the example dataset with one approved 2025 value', () => {
  let app: FastifyInstance;
  let dbPath: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const store = await seededDatabase();
    dbPath = store.path;
    await loadDemo(store.db, store.plan);
    const outcome = await recordObservations(
      store.db,
      store.plan.meta.id,
      [{ indicatorCode: 13, regionCode: '440200', year: 2025, kind: 'value', valueText: '75.0', state: null, checks: [], source: '市林业局', note: null, reason: null }],
      { origin: 'import', recordedBy: 'test', status: 'approved' },
    );
    expect(outcome.ok).toBe(true);
    app = await buildApp({ db: store.db, webDir: '/nonexistent' });
    close = async () => {
      await app.close();
      await store.db.destroy();
    };
  });
  afterAll(() => close());

  const get = async <T extends z.ZodType>(url: string, schema: T) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return schema.parse(res.json());
  };

  it('opens on 2024, the latest complete year, and shows 2025 as in progress with 1 of 45 judged', async () => {
    const r = await get('/api/v1/plans/default/evaluation/years', yearsSchema);
    expect(r).toMatchObject({ region: '440200', defaultYear: 2024, basis: 'complete' });
    const of = (y: number) => r.years.find((c) => c.year === y)!;
    // The demo fills every indicator for 2023 and 2024 (docs/methods/evaluation.md, "Example data").
    expect(of(2024)).toEqual({ year: 2024, applicable: 45, decided: 45, approved: 45, state: 'complete' });
    expect(of(2025)).toEqual({ year: 2025, applicable: 45, decided: 1, approved: 1, state: 'partial' });
    // The years run from the base year to this year (or the plan's end).
    expect(r.years[0]!.year).toBe(2020);
    expect(r.years.at(-1)!.year).toBe(Math.min(new Date().getFullYear(), 2035));
  });

  it('never counts 2025’s missing values as not attained, in the counts or in readiness', async () => {
    const ev = await get('/api/v1/plans/default/evaluation?year=2025', evaluationSchema.strict());
    expect(ev.summary.counts).toMatchObject({ attained: 1, not_attained: 0, no_data: 44 });
    expect(ev.coverage).toEqual({ year: 2025, applicable: 45, decided: 1, approved: 1, state: 'partial' });
    const r = ev.summary.readiness;
    // 24 binding indicators: 13 attained (75.0 ≥ 74.6); the other 23 have no 2025 figure.
    expect(r).toMatchObject({ ready: false, bindingTotal: 24, bindingAttained: 1, notAttained: [] });
    expect(r.noData).toHaveLength(23);
    expect(r.noData.every((n) => n.status === 'no_data')).toBe(true);
    expect(r.noData.map((n) => n.code)).not.toContain(13);
  });

  it('`ecoplan evaluate` without --year evaluates 2024 and says why', () => {
    const bin = resolve(import.meta.dirname, '../bin/ecoplan.js');
    const run = spawnSync(process.execPath, [bin, 'evaluate', '--json', '--db', dbPath], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).year).toBe(2024);
    expect(run.stderr).toContain('评估 2024 年，最近一个评估完整的年份');
    expect(run.stderr).toContain('2025 年进行中（1/45 项已判断）');
    const partial = spawnSync(process.execPath, [bin, 'evaluate', '--year', '2025', '--db', dbPath], { encoding: 'utf8', timeout: 60_000 });
    expect(partial.stdout).toContain('2025 年评估尚不完整：45 项适用指标中已判断 1 项');
    expect(partial.stdout).not.toContain('未达标：');
    expect(partial.stdout).toMatch(/约束性指标达标 1\/24；无数据、不能判断：/);
  });
});
