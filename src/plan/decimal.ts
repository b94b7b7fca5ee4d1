// Exact decimal arithmetic on scaled integers (bigint), for money and shares: never binary floating point sums.

/** Parses a non-negative decimal text to an integer count of 10^-scale units: parseScaled("136.64", 2) === 13664n. */
export function parseScaled(text: string, scale: number): bigint {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new RangeError(`not a decimal: ${text}`);
  const frac = m[2] ?? '';
  if (frac.length > scale) throw new RangeError(`${text} has more than ${scale} decimals`);
  return BigInt(m[1]! + frac.padEnd(scale, '0'));
}

/** Formats an integer count of 10^-scale units with exactly `scale` decimals: formatScaled(60358n, 2) === "603.58". */
export function formatScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${body}` : body;
}

/**
 * num/den as a percentage rounded half up to `decimals` places, returned in 10^-decimals percent units:
 * percentScaled(17144n, 60358n, 1) === 284n (28.4 %).
 */
export function percentScaled(num: bigint, den: bigint, decimals: number): bigint {
  if (den <= 0n) throw new RangeError('denominator must be positive');
  const scaled = num * 100n * 10n ** BigInt(decimals);
  return (scaled * 2n + den) / (2n * den);
}

const SHORT = /^-?\d{1,15}(\.\d{1,14})?$/;

/** Compares two decimal texts exactly (signs allowed): -1, 0 or 1. compareDecimalText("74.60", "74.6") === 0. */
export function compareDecimalText(a: string, b: string): -1 | 0 | 1 {
  // Fast path: decimals of at most 15 significant digits map to doubles that keep their order and equality
  // (IEEE 754 binary64 round-trips 15 digits), so comparing the numbers is exact.
  if (a.length <= 16 && b.length <= 16 && SHORT.test(a) && SHORT.test(b)) {
    const x = Number(a);
    const y = Number(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const split = (t: string) => {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(t);
    if (!m) throw new RangeError(`not a decimal: ${t}`);
    return { negative: m[1] === '-', int: m[2]!, frac: m[3] ?? '' };
  };
  const x = split(a);
  const y = split(b);
  const scale = Math.max(x.frac.length, y.frac.length);
  const toBig = (p: { negative: boolean; int: string; frac: string }) => {
    const n = BigInt(p.int + p.frac.padEnd(scale, '0'));
    return p.negative ? -n : n;
  };
  const d = toBig(x) - toBig(y);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
/** At most this many digits in a reported decimal: more than any measurement carries, and always a finite double. */
export const MAX_DECIMAL_DIGITS = 30;

/**
 * Checks a reported decimal text ("74.60", "-3.5"): 'notNumber' for anything else (exponents such as 1e309,
 * Infinity, NaN, thousands separators), 'tooLong' past MAX_DECIMAL_DIGITS digits, else its value as a finite number.
 */
export function readDecimalText(text: string): { value: number } | { problem: 'notNumber' | 'tooLong' } {
  if (!PLAIN_DECIMAL.test(text)) return { problem: 'notNumber' };
  if (text.replace(/[-.]/g, '').length > MAX_DECIMAL_DIGITS) return { problem: 'tooLong' };
  const value = Number(text);
  return Number.isFinite(value) ? { value } : { problem: 'tooLong' };
}

/** Whether a decimal text lies within [min, max], compared exactly (100.0000000000000000001 is above 100). */
export function decimalWithin(text: string, min: number, max: number): boolean {
  return compareDecimalText(text, String(min)) >= 0 && compareDecimalText(text, String(max)) <= 0;
}
