import { describe, expect, it } from 'vitest';
import { formatScaled, parseScaled, percentScaled } from '../src/plan/decimal.js';

describe('exact decimals', () => {
  it('parses decimal text into scaled integers without rounding', () => {
    expect(parseScaled('136.64', 2)).toBe(13664n);
    expect(parseScaled('0.1', 2)).toBe(10n);
    expect(parseScaled('200', 2)).toBe(20000n);
    expect(() => parseScaled('1.234', 2)).toThrow(RangeError);
    expect(() => parseScaled('1e3', 2)).toThrow(RangeError);
    expect(() => parseScaled('-1', 2)).toThrow(RangeError);
  });

  it('formats scaled integers with exactly the scale', () => {
    expect(formatScaled(60358n, 2)).toBe('603.58');
    expect(formatScaled(5n, 2)).toBe('0.05');
    expect(formatScaled(0n, 2)).toBe('0.00');
    expect(formatScaled(-150n, 2)).toBe('-1.50');
    expect(formatScaled(7n, 0)).toBe('7');
  });

  it('sums where binary floating point would not', () => {
    // 0.1 + 0.2 in floating point is 0.30000000000000004.
    expect(formatScaled(parseScaled('0.1', 2) + parseScaled('0.2', 2), 2)).toBe('0.30');
  });

  it('rounds percentages half up', () => {
    expect(percentScaled(17144n, 60358n, 1)).toBe(284n); // 28.404… → 28.4
    expect(percentScaled(5297n, 60358n, 1)).toBe(88n); // 8.7759… → 8.8
    expect(percentScaled(1n, 8n, 1)).toBe(125n); // 12.5 exactly
    expect(percentScaled(1n, 16n, 1)).toBe(63n); // 6.25 → 6.3 (half up)
    expect(percentScaled(1n, 3n, 0)).toBe(33n);
    expect(percentScaled(2n, 3n, 0)).toBe(67n);
    expect(() => percentScaled(1n, 0n, 1)).toThrow(RangeError);
  });
});
