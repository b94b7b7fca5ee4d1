// GB/T 8170-2008 数值修约规则 (rounding of reported values), on exact rationals. Pure: no I/O.
//
// Measured values arrive as binary doubles, but the standards compare and round decimals: 75 μg/m³ against a
// breakpoint, a mean of 0.45 rounded to one decimal. Doing that on doubles moves values across limits
// (0.7 × 50 is not 35 in binary), so every standard module converts a number to the decimal it was written as and
// calculates on bigint fractions from there.

/** An exact fraction num/den with den > 0. */
export interface Rational {
  num: bigint;
  den: bigint;
}

const TEN = 10n;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y) [x, y] = [y, x % y];
  return x;
}

function make(num: bigint, den: bigint): Rational {
  if (den === 0n) throw new RangeError('division by zero');
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

/**
 * The decimal a finite double was written as (its shortest round-trip text, as JSON and JavaScript print it):
 * exact(0.7) is 7/10, not the binary approximation. Throws RangeError on NaN and ±Infinity.
 */
export function exact(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(x));
  if (!m) throw new RangeError(`unexpected number text: ${String(x)}`);
  const frac = m[3] ?? '';
  let num = BigInt(m[2]! + frac);
  if (m[1] === '-') num = -num;
  const exp = Number(m[4] ?? 0) - frac.length;
  return exp >= 0 ? make(num * TEN ** BigInt(exp), 1n) : make(num, TEN ** BigInt(-exp));
}

/** An integer as a rational. */
export function int(n: number | bigint): Rational {
  return { num: BigInt(n), den: 1n };
}

/** a + b, exactly. */
export function add(a: Rational, b: Rational): Rational {
  return make(a.num * b.den + b.num * a.den, a.den * b.den);
}

/** a − b, exactly. */
export function sub(a: Rational, b: Rational): Rational {
  return make(a.num * b.den - b.num * a.den, a.den * b.den);
}

/** a × b, exactly. */
export function mul(a: Rational, b: Rational): Rational {
  return make(a.num * b.num, a.den * b.den);
}

/** a ÷ b, exactly; RangeError when b is 0. */
export function div(a: Rational, b: Rational): Rational {
  return make(a.num * b.den, a.den * b.num);
}

/** −1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** Smallest integer ≥ r (向上进位取整). */
export function ceil(r: Rational): bigint {
  const q = r.num / r.den;
  return r.num % r.den === 0n || r.num < 0n ? q : q + 1n;
}

/** Largest integer ≤ r. */
export function floor(r: Rational): bigint {
  const q = r.num / r.den;
  return r.num % r.den === 0n || r.num >= 0n ? q : q - 1n;
}

/** Arithmetic mean of non-empty values, exactly. */
export function mean(values: readonly Rational[]): Rational {
  if (values.length === 0) throw new RangeError('mean of no values');
  return div(values.reduce(add, int(0)), int(values.length));
}

/** The nearest double to r (for output only: never calculate further on it). */
export function toNumber(r: Rational): number {
  return Number(r.num) / Number(r.den);
}

/**
 * Rounds r to `decimals` places by the 进舍规则 of GB/T 8170-2008: a dropped part below half is cut, above half
 * (including a 5 followed by non-zero digits) rounds up, exactly half rounds to the even last kept digit (奇进偶舍);
 * negative values round by their absolute value. Applied once to the exact value, so there is no 连续修约.
 * Returns the rounded value as a double, e.g. roundGB(exact(0.45), 1) === 0.4, roundGB(exact(0.35), 1) === 0.4.
 */
export function roundGB(r: Rational, decimals: number): number {
  const scale = TEN ** BigInt(decimals);
  const negative = r.num < 0n;
  const n = (negative ? -r.num : r.num) * scale;
  let q = n / r.den;
  const rest = n % r.den;
  const twice = rest * 2n;
  if (twice > r.den || (twice === r.den && q % 2n === 1n)) q += 1n;
  const digits = q.toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  const value = Number(text);
  return negative && value !== 0 ? -value : value;
}
