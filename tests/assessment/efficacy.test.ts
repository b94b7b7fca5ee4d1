// The efficacy-coefficient index on a small table worked by hand (docs/methods/assessment-index.md): a positive
// and a negative indicator, a tie, a missing value and an indicator that does not apply; ranks with ties.
import { describe, expect, it } from 'vitest';
import { efficacyIndex, individualIndex } from '../../src/assessment/efficacy.js';
import { apportion, competitionRanks, gradeOf } from '../../src/assessment/rank.js';

// Weights: P1 (positive, category x) 50, N1 (negative, category x) 20, P2 (positive, category y) 30.
const indicators = [
  { code: 1, category: 'x', weight: 50, negative: false },
  { code: 2, category: 'x', weight: 20, negative: true },
  { code: 3, category: 'y', weight: 30, negative: false },
];
const categories = [{ id: 'x' }, { id: 'y' }];
// P1: A 80, B 90, C 70 → high 90, low 70.  N1: A 30, B 40, C 30 → high 40, low 30.  P2: A 5, B missing, C 7.
const table = [
  { code: 'A', values: new Map<number, number | null | 'na'>([[1, 80], [2, 30], [3, 5]]) },
  { code: 'B', values: new Map<number, number | null | 'na'>([[1, 90], [2, 40], [3, null]]) },
  { code: 'C', values: new Map<number, number | null | 'na'>([[1, 70], [2, 30], [3, 7]]) },
];

describe('efficacy-coefficient index (功效系数法)', () => {
  it('scales a positive indicator to 60–100 across the regions', () => {
    expect(individualIndex(80, 90, 70, false)).toBe(80); // (80 − 70) / 20 × 40 + 60
    expect(individualIndex(90, 90, 70, false)).toBe(100);
    expect(individualIndex(70, 90, 70, false)).toBe(60);
  });

  it('scales a negative indicator the other way: the lowest value gets 100', () => {
    expect(individualIndex(30, 40, 30, true)).toBe(100); // (40 − 30) / 10 × 40 + 60
    expect(individualIndex(40, 40, 30, true)).toBe(60);
  });

  it('gives every region 100 when all values are equal (the formula is undefined there)', () => {
    expect(individualIndex(5, 5, 5, false)).toBe(100);
  });

  it('computes the table by hand: A 78, B 80, C 80 (B and C tie), a missing value scores 60 at full weight', () => {
    const rows = efficacyIndex(indicators, categories, table);
    const [a, b, c] = rows;
    // A: (50×80 + 20×100 + 30×60) / 100 = 78.  B: (50×100 + 20×60 + 30×60) / 100 = 80 (P2 missing → 60).
    // C: (50×60 + 20×100 + 30×100) / 100 = 80.
    expect(a!.index).toBeCloseTo(78, 10);
    expect(b!.index).toBeCloseTo(80, 10);
    expect(c!.index).toBeCloseTo(80, 10);
    expect(b!.indicators.find((i) => i.code === 3)).toEqual({ code: 3, value: null, scaled: 60, basis: 'missing' });
    // Category x of A: (50×80 + 20×100) / 70 = 85.714…; category y: 60.
    expect(a!.categories[0]!.index).toBeCloseTo(6000 / 70, 10);
    expect(a!.categories[1]!.index).toBeCloseTo(60, 10);
    // The missing value of B does not move the scale of P2: A (5) is still the lowest, C (7) the highest.
    expect(c!.indicators.find((i) => i.code === 3)!.scaled).toBe(100);
    const ranks = competitionRanks(rows.map((r) => ({ code: r.code, value: Math.round(r.index! * 100) })));
    expect(ranks.map((r) => [r.code, r.rank])).toEqual([['B', 1], ['C', 1], ['A', 3]]);
  });

  it('leaves out an indicator that does not apply and spreads its weight over the others', () => {
    const withNa = [...table, { code: 'D', values: new Map<number, number | null | 'na'>([[1, 90], [2, 'na'], [3, 7]]) }];
    const d = efficacyIndex(indicators, categories, withNa).find((r) => r.code === 'D')!;
    // P1 90 → 100, P2 7 → 100; N1 left out: (50×100 + 30×100) / 80 = 100.
    expect(d.index).toBeCloseTo(100, 10);
    expect(d.indicators.find((i) => i.code === 2)!.basis).toBe('not_applicable');
    // Category x of D has P1 only.
    expect(d.categories[0]!.index).toBeCloseTo(100, 10);
  });
});

describe('ranks, grades and apportioned points', () => {
  it('ranks with ties: 90, 85, 85, 80 → 1, 2, 2, 4; ties listed by code; a vetoed group comes last', () => {
    const r = competitionRanks([
      { code: 'd', value: 8000 },
      { code: 'c', value: 8500 },
      { code: 'b', value: 8500 },
      { code: 'a', value: 9000 },
      { code: 'v', value: 9900, group: 1 },
    ]);
    expect(r.map((x) => [x.code, x.rank])).toEqual([['a', 1], ['b', 2], ['c', 2], ['d', 4], ['v', 5]]);
  });

  it('grades by the first band whose lower bound the score reaches', () => {
    const bands = [{ id: 'excellent', min: 90 }, { id: 'good', min: 80 }, { id: 'pass', min: 60 }, { id: 'fail', min: 0 }];
    expect([90, 89.99, 80, 60, 59.99, 0].map((s) => gradeOf(bands, s).id)).toEqual(['excellent', 'good', 'good', 'pass', 'fail', 'fail']);
  });

  it('apportions points so that the parts add up exactly (largest remainder)', () => {
    // 100.00 points over three equal weights: 33.34, 33.33, 33.33.
    expect(apportion([1, 1, 1], 10000)).toEqual([3334, 3333, 3333]);
    expect(apportion([3, 1], 8000)).toEqual([6000, 2000]);
    expect(apportion([0, 0], 100)).toEqual([0, 0]);
  });
});
