// Equivalent factor, extent, compensation and balance sheet on small hand-computed cases.
import { describe, expect, it } from 'vitest';
import { assetAccount, continuityBreaks } from '../../src/gep/balanceSheet.js';
import { allocateFund, horizontalCompensation } from '../../src/gep/compensation.js';
import { equivalentAccount, XIE_2015, type TypeMapping } from '../../src/gep/equivalentFactor.js';
import { assertAreaSum, checkAreaSum, extentChange, parseExtent } from '../../src/gep/extent.js';
import { formatScaled } from '../../src/plan/decimal.js';

describe('equivalent-factor screening account (谢高地 et al. 2015)', () => {
  it('values an extent: forest 100 hm² × 23.09 + water 10 hm² × 125.61, D = 1000 元/hm²', () => {
    // 100 × 23.09 × 1000 = 2309000; 10 × 125.61 × 1000 = 1256100; total 3565100 元
    const e = equivalentAccount({ forest: 100, water: 10 }, 1000);
    expect(formatScaled(e.totalFen, 2)).toBe('3565100.00');
    expect(e.byType.find((t) => t.type === 'forest')!.valueFen).toBe(230900000n);
    expect(e.label.zh).toContain('非《生态产品总值核算规范》核算结果');
    expect(e.unverifiedRowsUsed).toEqual(['水系']);
  });
  it('works on a custom small table and mapping', () => {
    const table = [{ type: 'x', zh: 'X', values: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2], verification: 'secondary' as const, verificationNote: '' }];
    const mapping = { forest: [{ row: 'x', share: 0.5 }], shrub: [], grassland: [], wetland: [], water: [], farmland: [], urban_green: [], settlement: [], unused: [] } as unknown as TypeMapping;
    expect(() => equivalentAccount({ forest: 10 }, 100, mapping, table)).toThrowError(/份额之和应为 1/);
    mapping.forest = [{ row: 'x', share: 1 }];
    // 10 hm² × (1 + 2) × 100 = 3000 元: food 1000, aesthetic 2000
    const e = equivalentAccount({ forest: 10 }, 100, mapping, table);
    expect(formatScaled(e.totalFen, 2)).toBe('3000.00');
    expect(formatScaled(e.byService.find((s) => s.key === 'aesthetic_landscape')!.valueFen, 2)).toBe('2000.00');
  });
  it('table rows add up to the row totals of the reference notes', () => {
    const totals: Record<string, number> = { dry_land: 4.01, paddy: 3.89, coniferous: 17.53, mixed_conifer_broadleaf: 23.09, broadleaf: 22.95, shrub: 15.22, steppe: 5.07, shrub_grass: 19.69, meadow: 11.43, wetland: 52.02, desert: 1.1, bare_land: 0.2, water_system: 125.61, glacier_snow: 10.27 };
    for (const r of XIE_2015) expect(r.values.reduce((a, b) => a + b, 0)).toBeCloseTo(totals[r.type]!, 6);
  });
  it('refuses a non-positive standard equivalent', () => {
    expect(() => equivalentAccount({ forest: 1 }, 0)).toThrowError(/标准当量价值 D 须为正数/);
  });
});

describe('extent account', () => {
  it('converts units and checks the sum against the region area', () => {
    const x = parseExtent([{ type: 'forest', areaText: '15', unit: '亩' }, { type: 'water', areaText: '0.02', unit: 'km²' }]);
    // 15 亩 = 1 hm²; 0.02 km² = 2 hm²
    expect(x.forest).toBeCloseTo(1, 12);
    expect(x.water).toBeCloseTo(2, 12);
    expect(checkAreaSum({ forest: 9990 }, 10000).ok).toBe(true); // 0.1 % ≤ 0.5 %
    expect(() => assertAreaSum({ forest: 9900 }, 10000, '测试区 2024 年')).toThrowError('测试区 2024 年：各类型面积之和 9900.00 公顷与行政区面积 10000.00 公顷相差 -100.00 公顷（-1.00%），超过允许误差 0.50%');
  });
  it('refuses unknown types, duplicates, negative areas and wrong units', () => {
    expect(() => parseExtent([{ type: 'desert', areaText: '1', unit: 'hm²' }])).toThrowError(/未知的生态系统类型“desert”/);
    expect(() => parseExtent([{ type: 'forest', areaText: '1', unit: 'hm²' }, { type: 'forest', areaText: '2', unit: 'hm²' }])).toThrowError(/重复/);
    expect(() => parseExtent([{ type: 'forest', areaText: '-1', unit: 'hm²' }])).toThrowError(/不能为负数/);
    expect(() => parseExtent([{ type: 'forest', areaText: '1', unit: '万元' }])).toThrowError(/单位不符/);
  });
  it('builds the change matrix, or the net change without transitions', () => {
    const open = { forest: 100, farmland: 50 };
    const close = { forest: 110, farmland: 40 };
    const m = extentChange(2020, open, 2021, close, [
      { from: 'forest', to: 'forest', areaHm2: 100 },
      { from: 'farmland', to: 'forest', areaHm2: 10 },
      { from: 'farmland', to: 'farmland', areaHm2: 40 },
    ]);
    expect(m.kind).toBe('matrix');
    expect(m.rows).toEqual([
      { type: 'forest', opening: 100, additions: 10, reductions: 0, closing: 110, net: 10 },
      { type: 'farmland', opening: 50, additions: 0, reductions: 10, closing: 40, net: -10 },
    ]);
    expect(extentChange(2020, open, 2021, close, null).rows[1]).toEqual({ type: 'farmland', opening: 50, additions: null, reductions: null, closing: 40, net: -10 });
    expect(() => extentChange(2020, open, 2021, close, [{ from: 'forest', to: 'forest', areaHm2: 100 }])).toThrowError(/转移矩阵与两年范围不符/);
  });
});

describe('eco-compensation allocation', () => {
  it('allocates by weighted shares exactly: A 0.5×1/4 + 0.5×1/2 = 0.375 of 10.00 元', () => {
    const r = allocateFund(
      { name: 't', fundYuan: '10.00', indicators: [{ key: 'a', zh: '甲', en: 'a', weight: '0.5' }, { key: 'b', zh: '乙', en: 'b', weight: '0.5' }] },
      [{ region: '440201', name: 'A', values: { a: '1', b: 1 } }, { region: '440202', name: 'B', values: { a: '3', b: 1 } }],
    );
    expect(r.allocations.map((a) => formatScaled(a.amountFen, 2))).toEqual(['3.75', '6.25']);
    expect(r.allocations[0]!.share).toBe('0.37500000');
    expect(r.allocations[0]!.explanation.zh).toContain('甲 1.000000/4.000000×权重0.500000');
  });
  it('sums to the fund to the fen by largest remainder: 1.00 元 over three equal counties = 0.34 + 0.33 + 0.33', () => {
    const r = allocateFund({ name: 't', fundYuan: '1.00', indicators: [{ key: 'a', zh: '甲', en: 'a', weight: '1' }] }, [
      { region: '440203', name: 'C', values: { a: 2 } },
      { region: '440201', name: 'A', values: { a: 2 } },
      { region: '440202', name: 'B', values: { a: 2 } },
    ]);
    // 100 fen / 3 = 33 rem 1 each; the one fen left goes to the smallest region code (equal remainders)
    expect(r.allocations.map((a) => [a.region, formatScaled(a.amountFen, 2), a.roundedUp])).toEqual([['440203', '0.33', false], ['440201', '0.34', true], ['440202', '0.33', false]]);
    expect(r.totalFen).toBe(r.fundFen);
  });
  it('gives the leftover fen to the largest remainders', () => {
    // 1.00 元 by 1:2:4 → 14.2857, 28.5714, 57.1428 fen → floors 14, 28, 57 (99), the 1 fen left to 28.57 (remainder .5714)
    const r = allocateFund({ name: 't', fundYuan: '1.00', indicators: [{ key: 'a', zh: '甲', en: 'a', weight: '1' }] }, [
      { region: '1', name: 'A', values: { a: 1 } },
      { region: '2', name: 'B', values: { a: 2 } },
      { region: '3', name: 'C', values: { a: 4 } },
    ]);
    expect(r.allocations.map((a) => formatScaled(a.amountFen, 2))).toEqual(['0.14', '0.29', '0.57']);
  });
  it('counts negative values as zero, or refuses them; refuses an indicator that sums to zero', () => {
    const counties = [{ region: '1', name: 'A', values: { g: '-5' } }, { region: '2', name: 'B', values: { g: '5' } }];
    const r = allocateFund({ name: 't', fundYuan: '2.00', indicators: [{ key: 'g', zh: 'GEP变化', en: 'GEP change', weight: '1' }] }, counties);
    expect(r.allocations.map((a) => formatScaled(a.amountFen, 2))).toEqual(['0.00', '2.00']);
    expect(() => allocateFund({ name: 't', fundYuan: '2.00', indicators: [{ key: 'g', zh: 'GEP变化', en: 'GEP change', weight: '1', negative: 'refuse' }] }, counties)).toThrowError(/A 的指标“GEP变化”为负/);
    expect(() => allocateFund({ name: 't', fundYuan: '2.00', indicators: [{ key: 'g', zh: 'GEP变化', en: 'x', weight: '1' }] }, [{ region: '1', name: 'A', values: { g: 0 } }])).toThrowError(/各县合计为 0/);
    expect(() => allocateFund({ name: 't', fundYuan: '2.001', indicators: [{ key: 'g', zh: 'x', en: 'x', weight: '1' }] }, counties)).toThrowError(/最多两位小数/);
    expect(() => allocateFund({ name: 't', fundYuan: '2', indicators: [{ key: 'g', zh: 'x', en: 'x', weight: '1' }] }, [{ region: '1', name: 'A', values: {} }])).toThrowError(/缺少指标“x”的值/);
  });
  it('horizontal: P = K₀ Σ kᵢ Cᵢ/Cᵢ₀ decides who pays', () => {
    const pol = (f: number) => ['codmn', 'nh3n', 'tp', 'tn'].map((k) => ({ key: k, zh: k, weight: '0.25', concentration: String(f * 2), baseline: '2' }));
    // all at baseline: P = 0.85 × 1 = 0.85 ≤ 1 → downstream pays upstream
    const a = horizontalCompensation({ upstream: '上游', downstream: '下游', amountYuan: '100000000', k0: '0.85', pollutants: pol(1) });
    expect([a.p, a.payer, a.payee, formatScaled(a.amountFen, 2)]).toEqual(['0.8500', '下游', '上游', '100000000.00']);
    // all 1.2 × baseline: P = 0.85 × 1.2 = 1.02 > 1 → upstream pays downstream
    const b = horizontalCompensation({ upstream: '上游', downstream: '下游', amountYuan: '100000000', k0: '0.85', pollutants: pol(1.2) });
    expect([b.p, b.payer]).toEqual(['1.0200', '上游']);
    expect(() => horizontalCompensation({ upstream: 'u', downstream: 'd', amountYuan: '1', k0: '0.85', pollutants: pol(1).slice(0, 3) })).toThrowError(/权重之和应为 1/);
  });
});

describe('natural-resource asset balance sheet', () => {
  const flows = (closing: string) => [
    { asset: 'forest.area', flow: 'opening', valueText: '100', unit: 'hm²' },
    { asset: 'forest.area', flow: 'increase.afforestation', valueText: '10', unit: 'hm²' },
    { asset: 'forest.area', flow: 'decrease.conversion', valueText: '75', unit: '亩' }, // 75 亩 = 5 hm²
    { asset: 'forest.area', flow: 'closing', valueText: closing, unit: 'hm²' },
  ];
  it('checks opening + increases − decreases = closing exactly', () => {
    const [row] = assetAccount(flows('105'));
    expect(row!.balanced).toBe(true);
    expect(row!.decreases).toEqual([{ cause: 'conversion', zh: '用途转换', en: 'conversion', value: '5.000000' }]);
    const [bad] = assetAccount(flows('106'));
    expect([bad!.balanced, bad!.discrepancy]).toEqual([false, '-1.000000']);
    expect(() => assetAccount(flows('106'), {}, { strict: true, label: '440200 2024' })).toThrowError(/440200 2024：期初 \+ 增加 − 减少 ≠ 期末：森林面积：期初 100.000000 \+ 增加 10.000000 − 减少 5.000000 ≠ 期末 106.000000/);
  });
  it('values stocks where a price exists: 105 hm² × 2 万元/hm² = 2100000 元', () => {
    const [row] = assetAccount(flows('105'), { 'forest.area': { value: 2, unit: '万元/hm²' } });
    expect(row!.monetary!.closingFen).toBe(210000000n);
  });
  it('refuses negative flows, unknown flows and a missing stock; finds continuity breaks', () => {
    expect(() => assetAccount([{ asset: 'forest.area', flow: 'opening', valueText: '-1', unit: 'hm²' }])).toThrowError(/不能为负/);
    expect(() => assetAccount([{ asset: 'forest.area', flow: 'growth', valueText: '1', unit: 'hm²' }])).toThrowError(/未知的流量“growth”/);
    expect(() => assetAccount([{ asset: 'forest.area', flow: 'opening', valueText: '1', unit: 'hm²' }])).toThrowError(/缺少期末存量/);
    const y1 = assetAccount(flows('105'));
    const y2 = assetAccount([...flows('105')].map((f) => (f.flow === 'opening' ? { ...f, valueText: '104' } : f)).map((f) => (f.flow === 'closing' ? { ...f, valueText: '104' } : f)).filter((f) => !f.flow.startsWith('in') && !f.flow.startsWith('de')));
    expect(continuityBreaks([{ year: 2021, rows: y1 }, { year: 2022, rows: y2 }])).toEqual([{ asset: 'forest.area', year: 2021, closing: '105.000000', nextOpening: '104.000000' }]);
  });
});
