import { describe, expect, it } from 'vitest';
import { GepError } from '../../src/gep/errors.js';
import { convert, convertAny, parseNumber } from '../../src/gep/units.js';

describe('GEP units', () => {
  it('converts area: 1 公顷 = 15 亩, 1 平方公里 = 100 公顷, 1 万亩 = 10000/15 公顷', () => {
    expect(convert(1, '公顷', '亩')).toBeCloseTo(15, 12);
    expect(convert(1, 'km²', 'hm²')).toBe(100);
    expect(convert(2, '平方公里', '公顷')).toBe(200);
    expect(convert(1, '万亩', 'hm²')).toBeCloseTo(666.6666667, 6);
  });
  it('converts money, volume, mass and energy prefixes', () => {
    expect(convert(1, '亿元', '万元')).toBe(10000);
    expect(convert(3, '万元', '元')).toBe(30000);
    expect(convert(1.5, '亿m³', 'm³')).toBe(150000000);
    expect(convert(2, '万t', 't')).toBe(20000);
    expect(convert(1, '亿kWh', 'kWh')).toBe(100000000);
    expect(convert(3600, 'kJ', 'kWh')).toBeCloseTo(1, 12);
  });
  it('converts carbon to CO2 by 44/12', () => {
    // 12 t C = 44 t CO2
    expect(convert(12, 'tC', 'tCO2')).toBeCloseTo(44, 12);
    expect(convert(1, '亿tCO2', 'tCO2')).toBe(1e8);
  });
  it('converts ratio units: 1 万元/hm² = 1 元/m², 380 元/tC = 103.64 元/tCO2', () => {
    expect(convertAny(1, '万元/hm²', '元/m²')).toBeCloseTo(1, 12);
    // 380 / (44/12) = 103.636…
    expect(convertAny(380, '元/tC', '元/tCO2')).toBeCloseTo(103.6364, 4);
    expect(convertAny(50, '%', '1')).toBe(0.5);
  });
  it('refuses a unit of another dimension with both units named', () => {
    expect(() => convert(1, '亩', '元', '农业产值')).toThrowError(GepError);
    try {
      convert(1, '亩', '元', '农业产值');
    } catch (e) {
      expect((e as GepError).code).toBe('UNIT_MISMATCH');
      expect((e as GepError).message).toContain('农业产值：单位不符：给出的是“亩”');
      expect((e as GepError).message).toContain('应为“元”');
      expect((e as GepError).messageEn).toContain('unit mismatch');
    }
    expect(() => convert(1, 'furlong', 'm')).toThrowError(/未知的单位“furlong”/);
    expect(() => convertAny(1, '元/亩', 'kJ/(m²·d)')).toThrowError(/单位不符/);
  });
  it('parses numbers and refuses negatives and text', () => {
    expect(parseNumber('1,234.5', 'x')).toBe(1234.5);
    expect(() => parseNumber('-1', '面积')).toThrowError('面积：不能为负数（-1）');
    expect(() => parseNumber('abc', '面积')).toThrowError('面积：“abc”不是数字');
  });
});
