// GB/T 8170-2008 进舍规则 on exact decimals; expected values worked by hand from the rule.
import { describe, expect, it } from 'vitest';
import { ceil, compare, exact, floor, mean, roundGB } from '../../src/standards/rounding.js';

describe('exact decimals', () => {
  it('takes a double as the decimal it is written as', () => {
    expect(exact(0.7)).toEqual({ num: 7n, den: 10n });
    expect(exact(75)).toEqual({ num: 75n, den: 1n });
    expect(exact(0.00005)).toEqual({ num: 1n, den: 20000n });
    expect(exact(1.5e-7)).toEqual({ num: 3n, den: 20000000n });
    expect(exact(1e21)).toEqual({ num: 10n ** 21n, den: 1n });
    expect(exact(-2.5)).toEqual({ num: -5n, den: 2n });
    expect(() => exact(Number.NaN)).toThrow(RangeError);
  });

  it('compares, rounds up and down exactly', () => {
    expect(compare(exact(0.1 + 0.2), exact(0.3))).toBe(1); // 0.30000000000000004 is written so
    expect(compare(exact(0.3), exact(0.3))).toBe(0);
    expect(ceil(exact(17.5))).toBe(18n);
    expect(ceil(exact(3))).toBe(3n);
    expect(ceil(exact(-1.5))).toBe(-1n);
    expect(floor(exact(-1.5))).toBe(-2n);
    expect(mean([exact(0.1), exact(0.2)])).toEqual({ num: 3n, den: 20n });
  });
});

describe('GB/T 8170-2008 进舍规则', () => {
  it.each([
    [12.1498, 0, 12], // first dropped digit < 5: cut
    [12.1498, 1, 12.1],
    [12.16, 1, 12.2], // > 5: up
    [10.5002, 0, 11], // 5 followed by non-zero digits: up
    [1.05, 1, 1.0], // exactly 5, kept digit even (0): cut
    [0.35, 1, 0.4], // exactly 5, kept digit odd (3): up
    [0.45, 1, 0.4],
    [35.5, 0, 36],
    [36.5, 0, 36],
    [2.5, 0, 2],
    [-35.5, 0, -36], // negative: by the absolute value
    [-32.5, 0, -32],
    [0.04, 1, 0],
    [7, 2, 7],
  ])('%s to %s decimals is %s', (value, decimals, expected) => {
    expect(roundGB(exact(value), decimals)).toBe(expected);
  });

  it('rounds a non-terminating value by its exact size (1/3, 2/3, 1/16 of a percent)', () => {
    expect(roundGB({ num: 100n, den: 3n }, 1)).toBe(33.3);
    expect(roundGB({ num: 200n, den: 3n }, 1)).toBe(66.7);
    expect(roundGB({ num: 100n, den: 16n }, 1)).toBe(6.2); // 6.25 → even
  });
});
