// Golden evaluation of the Shaoguan plan for 2024 on a fixture dataset (tests/fixtures/shaoguan-2024.csv),
// through the same path a user takes: sheet → validation → storage → evaluation. Every expected verdict below
// was worked out by hand from table 1 and the rules in docs/methods/evaluation.md.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../src/importers/table.js';
import { evaluatePlan, ObservationIndex } from '../src/plan/evaluation.js';
import { OBSERVATION_COLUMNS, validateObservationRows } from '../src/plan/observations.js';
import { currentObservations, recordObservations } from '../src/store/observations.js';
import { seededDatabase } from './helpers/store.js';

describe('golden evaluation 2024', () => {
  it('gives the verdicts worked out by hand', async () => {
    const { db, plan } = await seededDatabase();
    const table = await readTable(join(import.meta.dirname, 'fixtures/shaoguan-2024.csv'), OBSERVATION_COLUMNS);
    expect(table.problems).toEqual([]);
    const { inputs, issues } = validateObservationRows(plan, table.rows, { maxYear: 2026 });
    expect(issues).toEqual([]);
    expect(await recordObservations(db, plan.meta.id, inputs, { origin: 'import', recordedBy: 'test' })).toMatchObject({ ok: true, inserted: 54 });
    const r = evaluatePlan(plan, new ObservationIndex(await currentObservations(db, plan.meta.id)), { year: 2024 });
    await db.destroy();

    const by = (pred: (e: (typeof r.indicators)[number]) => boolean) => r.indicators.filter(pred).map((e) => e.code);
    expect(by((e) => e.status === 'not_attained')).toEqual([12, 28, 35, 42, 45]);
    expect(by((e) => e.status === 'no_data')).toEqual([40]);
    expect(by((e) => e.status === 'not_applicable')).toEqual([]);
    expect(by((e) => e.warning?.level === 'red')).toEqual([12, 42]);
    // 7 is attained against its assigned 95, but its growth since 2020 (97.3 → 96.8) is marginal.
    expect(by((e) => e.warning?.level === 'yellow')).toEqual([7, 28, 35, 45]);
    expect(by((e) => e.warning?.level === 'grey')).toEqual([40]);
    expect(r.summary.counts).toMatchObject({ total: 45, attained: 39, not_attained: 5, no_data: 1, red: 2, yellow: 4, grey: 1 });
    expect(r.summary.readiness).toMatchObject({ ready: false, bindingTotal: 24, bindingAttained: 22 });
    expect(r.summary.readiness.notAttained.map((x) => x.code)).toEqual([12, 42]);
    expect(r.summary.byDomain.find((d) => d.id === 'security')).toMatchObject({ total: 13, attained: 12, not_attained: 1 });

    const e = (code: number) => r.indicators.find((x) => x.code === code)!;
    expect(e(12).progress?.level).toBe('regression'); // 84.9 → 84.6 against ≥85.0
    expect(e(24).progress).toMatchObject({ level: 'on_track', method: 'growth' }); // 136 → 125, lower is better
    expect(e(24).progress!.actualRate).toBeCloseTo((125 / 136) ** 0.25 - 1, 12);
    expect(e(16).progress?.level).toBe('marginal'); // 96 → 96 from its first reported year
    expect(e(22).progress).toBeNull(); // one reported year only
    expect(e(23).progress).toBeNull(); // a rate of change
    expect(e(37).projection).toMatchObject({ year: 2025, meetsTarget: true });
    expect(e(37).projection!.value).toBeCloseTo(71 * (71 / 72.36) ** (1 / 5), 9);
    expect(e(20).status).toBe('attained');
    expect(e(30).target.text).toBe('城市: ≥99 县城: ≥95');
  });
});
