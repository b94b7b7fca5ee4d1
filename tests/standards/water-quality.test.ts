// GB 3838-2002 表1 and 《地表水环境质量评价办法（试行）》(环办〔2011〕22号). Expected classes are read off 表1 by hand:
// each distinct limit L is tested at L and 1 % of L on either side (a value equal to a limit meets that class).
import { describe, expect, it } from 'vitest';
import { assessPeriod, assessSection, classShares, exceedanceMultiple, GB3838_TABLE1, itemClass, mainPollutants, periodMeans, type WaterClass, type WaterItem } from '../../src/standards/waterQuality.js';

type Row = [number, WaterClass];
const MAX_ITEMS: Record<string, Row[]> = {
  CODMn: [[1.98, 'I'], [2, 'I'], [2.02, 'II'], [3.96, 'II'], [4, 'II'], [4.04, 'III'], [5.94, 'III'], [6, 'III'], [6.06, 'IV'], [9.9, 'IV'], [10, 'IV'], [10.1, 'V'], [14.85, 'V'], [15, 'V'], [15.15, '劣V']],
  COD: [[14.85, 'I'], [15, 'I'], [15.15, 'III'], [19.8, 'III'], [20, 'III'], [20.2, 'IV'], [29.7, 'IV'], [30, 'IV'], [30.3, 'V'], [39.6, 'V'], [40, 'V'], [40.4, '劣V']],
  BOD5: [[2.97, 'I'], [3, 'I'], [3.03, 'III'], [3.96, 'III'], [4, 'III'], [4.04, 'IV'], [5.94, 'IV'], [6, 'IV'], [6.06, 'V'], [9.9, 'V'], [10, 'V'], [10.1, '劣V']],
  NH3N: [[0.1485, 'I'], [0.15, 'I'], [0.1515, 'II'], [0.495, 'II'], [0.5, 'II'], [0.505, 'III'], [0.99, 'III'], [1, 'III'], [1.01, 'IV'], [1.485, 'IV'], [1.5, 'IV'], [1.515, 'V'], [1.98, 'V'], [2, 'V'], [2.02, '劣V']],
  TN: [[0.198, 'I'], [0.2, 'I'], [0.202, 'II'], [0.495, 'II'], [0.5, 'II'], [0.505, 'III'], [0.99, 'III'], [1, 'III'], [1.01, 'IV'], [1.485, 'IV'], [1.5, 'IV'], [1.515, 'V'], [1.98, 'V'], [2, 'V'], [2.02, '劣V']],
  Cu: [[0.0099, 'I'], [0.01, 'I'], [0.0101, 'II'], [0.99, 'II'], [1, 'II'], [1.01, '劣V']],
  Zn: [[0.0495, 'I'], [0.05, 'I'], [0.0505, 'II'], [0.99, 'II'], [1, 'II'], [1.01, 'IV'], [1.98, 'IV'], [2, 'IV'], [2.02, '劣V']],
  F: [[0.99, 'I'], [1, 'I'], [1.01, 'IV'], [1.485, 'IV'], [1.5, 'IV'], [1.515, '劣V']],
  Se: [[0.0099, 'I'], [0.01, 'I'], [0.0101, 'IV'], [0.0198, 'IV'], [0.02, 'IV'], [0.0202, '劣V']],
  As: [[0.0495, 'I'], [0.05, 'I'], [0.0505, 'IV'], [0.099, 'IV'], [0.1, 'IV'], [0.101, '劣V']],
  Hg: [[0.0000495, 'I'], [0.00005, 'I'], [0.0000505, 'III'], [0.000099, 'III'], [0.0001, 'III'], [0.000101, 'IV'], [0.00099, 'IV'], [0.001, 'IV'], [0.00101, '劣V']],
  Cd: [[0.00099, 'I'], [0.001, 'I'], [0.00101, 'II'], [0.00495, 'II'], [0.005, 'II'], [0.00505, 'V'], [0.0099, 'V'], [0.01, 'V'], [0.0101, '劣V']],
  Cr6: [[0.0099, 'I'], [0.01, 'I'], [0.0101, 'II'], [0.0495, 'II'], [0.05, 'II'], [0.0505, 'V'], [0.099, 'V'], [0.1, 'V'], [0.101, '劣V']],
  Pb: [[0.0099, 'I'], [0.01, 'I'], [0.0101, 'III'], [0.0495, 'III'], [0.05, 'III'], [0.0505, 'V'], [0.099, 'V'], [0.1, 'V'], [0.101, '劣V']],
  CN: [[0.00495, 'I'], [0.005, 'I'], [0.00505, 'II'], [0.0495, 'II'], [0.05, 'II'], [0.0505, 'III'], [0.198, 'III'], [0.2, 'III'], [0.202, '劣V']],
  phenol: [[0.00198, 'I'], [0.002, 'I'], [0.00202, 'III'], [0.00495, 'III'], [0.005, 'III'], [0.00505, 'IV'], [0.0099, 'IV'], [0.01, 'IV'], [0.0101, 'V'], [0.099, 'V'], [0.1, 'V'], [0.101, '劣V']],
  petroleum: [[0.0495, 'I'], [0.05, 'I'], [0.0505, 'IV'], [0.495, 'IV'], [0.5, 'IV'], [0.505, 'V'], [0.99, 'V'], [1, 'V'], [1.01, '劣V']],
  LAS: [[0.198, 'I'], [0.2, 'I'], [0.202, 'IV'], [0.297, 'IV'], [0.3, 'IV'], [0.303, '劣V']],
  sulfide: [[0.0495, 'I'], [0.05, 'I'], [0.0505, 'II'], [0.099, 'II'], [0.1, 'II'], [0.101, 'III'], [0.198, 'III'], [0.2, 'III'], [0.202, 'IV'], [0.495, 'IV'], [0.5, 'IV'], [0.505, 'V'], [0.99, 'V'], [1, 'V'], [1.01, '劣V']],
  fecalColiform: [[198, 'I'], [200, 'I'], [202, 'II'], [1980, 'II'], [2000, 'II'], [2020, 'III'], [9900, 'III'], [10000, 'III'], [10100, 'IV'], [19800, 'IV'], [20000, 'IV'], [20200, 'V'], [39600, 'V'], [40000, 'V'], [40400, '劣V']],
};
const TP_RIVER: Row[] = [[0.0198, 'I'], [0.02, 'I'], [0.0202, 'II'], [0.099, 'II'], [0.1, 'II'], [0.101, 'III'], [0.198, 'III'], [0.2, 'III'], [0.202, 'IV'], [0.297, 'IV'], [0.3, 'IV'], [0.303, 'V'], [0.396, 'V'], [0.4, 'V'], [0.404, '劣V']];
const TP_LAKE: Row[] = [[0.0099, 'I'], [0.01, 'I'], [0.0101, 'II'], [0.02475, 'II'], [0.025, 'II'], [0.02525, 'III'], [0.0495, 'III'], [0.05, 'III'], [0.0505, 'IV'], [0.099, 'IV'], [0.1, 'IV'], [0.101, 'V'], [0.198, 'V'], [0.2, 'V'], [0.202, '劣V']];

describe('GB 3838-2002 表1 class of each item', () => {
  for (const [item, rows] of Object.entries(MAX_ITEMS)) {
    it.each(rows)(`${item} %s → %s`, (v, cls) => {
      expect(itemClass(item as WaterItem, v, 'river')).toBe(cls);
      if (item !== 'TP') expect(itemClass(item as WaterItem, v, 'lake')).toBe(cls);
    });
  }

  it.each(TP_RIVER)('TP in a river %s → %s', (v, cls) => expect(itemClass('TP', v, 'river')).toBe(cls));
  it.each(TP_LAKE)('TP in a lake or reservoir %s → %s', (v, cls) => expect(itemClass('TP', v, 'lake')).toBe(cls));

  it.each([
    [7.51, 'I'],
    [7.5, 'I'],
    [7.49, 'II'],
    [6, 'II'],
    [5.99, 'III'],
    [5, 'III'],
    [4.99, 'IV'],
    [3, 'IV'],
    [2.99, 'V'],
    [2, 'V'],
    [1.99, '劣V'],
    [0, '劣V'],
  ] as Row[])('DO (higher is better) %s → %s', (v, cls) => expect(itemClass('DO', v, 'river')).toBe(cls));

  it.each([
    [5.99, '劣V'],
    [6, 'I'],
    [7.4, 'I'],
    [9, 'I'],
    [9.01, '劣V'],
  ] as Row[])('pH (6–9 for every class) %s → %s', (v, cls) => expect(itemClass('pH', v, 'river')).toBe(cls));

  it('has the 23 items of 表1 rows 2–24', () => {
    expect(Object.values(GB3838_TABLE1).map((r) => r.no)).toEqual(Array.from({ length: 23 }, (_, i) => i + 2));
  });
});

describe('section class (单因子评价)', () => {
  it('is the worst evaluated item', () => {
    const r = assessSection({ pH: 7.2, DO: 6.5, CODMn: 3.5, NH3N: 0.6, TP: 0.12 }, 'river');
    expect(r).toMatchObject({ class: 'III', itemClasses: { pH: 'I', DO: 'II', CODMn: 'II', NH3N: 'III', TP: 'III' }, exceeding: [], mainPollutants: [], assessment: '良好', colour: '绿色' });
  });

  it('does not assess TN in a river and keeps it out of a lake class (reference item)', () => {
    const river = assessSection({ NH3N: 0.1, TN: 3 }, 'river');
    expect(river).toMatchObject({ class: 'I', notAssessed: ['TN'], referenceClasses: {} });
    expect(river.itemClasses).not.toHaveProperty('TN');
    const lake = assessSection({ NH3N: 0.1, TN: 3 }, 'lake');
    expect(lake).toMatchObject({ class: 'I', notAssessed: [], referenceClasses: { TN: '劣V' } });
  });

  it('keeps fecal coliform out of the class for both', () => {
    expect(assessSection({ CODMn: 1, fecalColiform: 50000 }, 'river')).toMatchObject({ class: 'I', referenceClasses: { fecalColiform: '劣V' }, exceeding: [] });
  });

  it('uses the lake TP limits for lakes and reservoirs', () => {
    // TP 0.06: river Ⅲ (≤ 0.2), lake Ⅳ (0.05 < 0.06 ≤ 0.1); multiple (0.06 − 0.05)/0.05 = 0.2.
    expect(assessSection({ TP: 0.06 }, 'river').class).toBe('II');
    expect(assessSection({ TP: 0.06 }, 'lake')).toMatchObject({ class: 'IV', exceeding: [{ item: 'TP', class: 'IV', multiple: 0.2 }] });
  });

  it('is 劣Ⅴ when any item is worse than Ⅴ, with 重度污染 in red', () => {
    expect(assessSection({ NH3N: 2.5, DO: 8 }, 'river')).toMatchObject({ class: '劣V', assessment: '重度污染', colour: '红色' });
    expect(assessSection({ pH: 9.5 }, 'river')).toMatchObject({ class: '劣V', exceeding: [{ item: 'pH', class: '劣V', multiple: null }] });
  });

  it('needs an evaluated item', () => {
    expect(() => assessSection({ TN: 1 }, 'lake')).toThrow(RangeError);
  });
});

describe('items exceeding class Ⅲ (超标倍数)', () => {
  it.each([
    ['NH3N', 2.5, 1.5], // (2.5 − 1.0)/1.0
    ['COD', 30, 0.5], // (30 − 20)/20
    ['CODMn', 6.1, 0.02], // 0.1/6 = 0.0166… → 0.02
    ['NH3N', 1.125, 0.12], // 0.125 → half to even (GB/T 8170)
    ['NH3N', 1.135, 0.14], // 0.135 → 0.14
    ['Hg', 0.0003, 2], // (0.0003 − 0.0001)/0.0001
    ['fecalColiform', 30000, 2], // (30000 − 10000)/10000
  ] as [WaterItem, number, number][])('%s %s exceeds by %s', (item, v, m) => {
    expect(exceedanceMultiple(item, v, 'river')).toBe(m);
  });

  it('gives DO and pH no multiple and items within Ⅲ none', () => {
    expect(exceedanceMultiple('DO', 4, 'river')).toBeNull();
    expect(exceedanceMultiple('pH', 10, 'river')).toBeNull();
    expect(exceedanceMultiple('COD', 20, 'river')).toBeNull();
    expect(assessSection({ DO: 4, COD: 25 }, 'river').exceeding).toEqual([
      { item: 'DO', class: 'IV', multiple: null },
      { item: 'COD', class: 'IV', multiple: 0.25 },
    ]);
  });
});

describe('main pollutants (主要污染指标)', () => {
  it('takes cyanide and heavy metals first, then the worst classes, then the larger multiple', () => {
    // NH3N 2.5 劣Ⅴ (1.5); CODMn 12 Ⅴ (1.0); BOD5 9 Ⅴ (1.25); COD 25 Ⅳ; Pb 0.06 Ⅴ (0.2, heavy metal).
    const r = assessSection({ NH3N: 2.5, CODMn: 12, BOD5: 9, COD: 25, Pb: 0.06 }, 'river');
    expect(r.class).toBe('劣V');
    expect(r.mainPollutants).toEqual(['Pb', 'NH3N', 'BOD5']);
    expect(assessSection({ NH3N: 2.5, CODMn: 12, BOD5: 9, COD: 25 }, 'river').mainPollutants).toEqual(['NH3N', 'BOD5', 'CODMn']);
  });

  it('puts an item without a multiple after those with one in the same class', () => {
    expect(mainPollutants([{ item: 'DO', class: 'V', multiple: null }, { item: 'COD', class: 'V', multiple: 0.8 }])).toEqual(['COD', 'DO']);
  });
});

describe('period class from period means', () => {
  it('averages each item over the samples that measured it', () => {
    expect(periodMeans([{ COD: 18, NH3N: 0.4 }, { COD: 22 }, { COD: 20, NH3N: 0.6 }])).toEqual({ COD: 20, NH3N: 0.5 });
    expect(assessPeriod([{ COD: 18 }, { COD: 22 }], 'river').class).toBe('III'); // mean 20
    expect(assessPeriod([{ COD: 18 }, { COD: 23 }], 'river').class).toBe('IV'); // mean 20.5
    expect(assessPeriod([{ TP: 0.1 }, { TP: 0.3 }], 'river').class).toBe('III'); // mean 0.2 exactly
  });
});

describe('shares of sections', () => {
  const of = (spec: Partial<Record<WaterClass, number>>) => Object.entries(spec).flatMap(([c, n]) => Array<WaterClass>(n).fill(c as WaterClass));
  it.each([
    [{ II: 5, III: 4, IV: 1 }, 90, 0, '优'],
    [{ III: 8, IV: 2 }, 80, 0, '良好'],
    [{ III: 7, IV: 2, 劣V: 1 }, 70, 10, '轻度污染'],
    [{ III: 7, V: 1, 劣V: 2 }, 70, 20, '中度污染'],
    [{ III: 5, V: 1, 劣V: 4 }, 50, 40, '重度污染'],
    [{ III: 6, 劣V: 4 }, 60, 40, null], // between the 办法's bands
  ] as [Partial<Record<WaterClass, number>>, number, number, string | null][])('%o → Ⅰ–Ⅲ %s %, 劣Ⅴ %s %, %s', (spec, good, bad, assessment) => {
    const r = classShares(of(spec));
    expect([r.goodShare, r.inferiorVShare, r.assessment]).toEqual([good, bad, assessment]);
  });

  it('rounds shares to 0.1 % and leaves fewer than 5 sections unassessed', () => {
    expect(classShares(['II', 'III', '劣V'])).toMatchObject({ sections: 3, goodShare: 66.7, inferiorVShare: 33.3, assessment: null, counts: { II: 1, III: 1, 劣V: 1, I: 0 } });
  });
});
