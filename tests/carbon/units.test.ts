// Units of the carbon accounts: prefixes within a dimension, fuel conversions through cited factors, and the
// precise messages for unknown units and mismatches.
import { describe, expect, it } from 'vitest';
import { FactorSet, fuelOf, fuelPhysical } from '../../src/carbon/factors.js';
import { convert, GJ_PER_TCE, tceToGJ, toBase, UnitError, unitOf } from '../../src/carbon/units.js';

describe('convert within a dimension', () => {
  it.each([
    ['万吨', '吨', 3, 30000],
    ['吨', '万吨', 25000, 2.5],
    ['亿千瓦时', '千瓦时', 1.5, 150_000_000],
    ['万千瓦时', '亿千瓦时', 20000, 2],
    ['兆瓦时', '千瓦时', 2, 2000],
    ['亿立方米', '万立方米', 3, 30000],
    ['万吨标准煤', '吨标准煤', 1.2, 12000],
    ['TJ', 'GJ', 2, 2000],
    ['亿元', '万元', 1353.49, 13_534_900],
    ['亩', '公顷', 15, 1], // 15 亩 = 1 公顷
    ['万千瓦', '兆瓦', 30, 300],
  ])('%s → %s: %d → %d', (from, to, value, expected) => {
    expect(convert(value, from, to).value).toBeCloseTo(expected, 9);
  });

  it('accepts the spellings people type (m3, m³, kWh, tce, full-width)', () => {
    expect(unitOf('m3').zh).toBe('立方米');
    expect(unitOf('m³').zh).toBe('立方米');
    expect(unitOf('ｔｃｅ').zh).toBe('吨标准煤');
    expect(toBase(3, '万千瓦时')).toMatchObject({ value: 30000, unit: '千瓦时' });
  });

  it('names the source of a prefix conversion, and none is needed for the same unit', () => {
    expect(convert(1, '万吨', '吨').conversion.source).toContain('GB 3100-1993');
    expect(convert(1, '吨', 't').conversion.factor).toBe(1);
  });

  it('refuses an unknown unit, listing the accepted ones', () => {
    expect(() => unitOf('桶')).toThrowError(UnitError);
    try {
      unitOf('桶');
    } catch (e) {
      expect((e as UnitError).code).toBe('UNKNOWN_UNIT');
      expect((e as UnitError).message).toMatch(/^未知单位“桶”，可用单位：吨、万吨/);
      expect((e as UnitError).messageEn).toContain('unknown unit "桶"');
    }
  });

  it('refuses a conversion across dimensions with both dimensions named', () => {
    try {
      convert(1, '万千瓦时', '吨');
      expect.unreachable();
    } catch (e) {
      expect((e as UnitError).code).toBe('UNIT_MISMATCH');
      expect((e as UnitError).message).toBe('单位不符：“万千瓦时”（电量）不能直接换算为“吨”（质量）');
      expect((e as UnitError).messageEn).toBe('unit mismatch: "10^4 kWh" (electricity) cannot be converted to "t" (mass)');
    }
  });
});

describe('fuel quantities through cited factors (GB/T 2589-2020)', () => {
  const factors = new FactorSet();
  it('converts 吨标准煤 of natural gas to m³: 13.3 tce ÷ 0.00133 tce/m³ = 10 000 m³', () => {
    const r = fuelPhysical(fuelOf('naturalGas'), 13.3, '吨标准煤', factors);
    expect(r.value).toBeCloseTo(10000, 6);
    expect(r.conversions.at(-1)!.source).toContain('GB/T 2589-2020');
  });
  it('converts 万吨标准煤 of raw coal: 0.7143 万tce = 7143 tce ÷ 0.7143 = 10 000 t', () => {
    expect(fuelPhysical(fuelOf('原煤'), 0.7143, '万吨标准煤', factors).value).toBeCloseTo(10000, 6);
  });
  it('refuses electricity units for a fuel', () => {
    expect(() => fuelPhysical(fuelOf('diesel'), 1, '千瓦时', factors)).toThrowError('单位不符：柴油以“吨”或吨标准煤计，不能使用“千瓦时”');
  });
  it('refuses an unknown fuel with the list of fuels', () => {
    expect(() => fuelOf('褐煤')).toThrowError(/^未知燃料“褐煤”，可用：原煤（rawCoal）/);
  });
  it('defines standard coal as 29.3076 GJ per tonne', () => {
    expect(GJ_PER_TCE).toBe(29.3076);
    expect(tceToGJ(10)).toBeCloseTo(293.076, 9);
  });
});
