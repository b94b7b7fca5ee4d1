// Ranks, grade bands and exact apportioning of points. Pure.

/**
 * Standard competition ranking ("1224"): entries are ordered by `group` ascending (0 first; a vetoed subject is
 * group 1, so it ranks after every other one), then by `value` descending; entries equal in both share a rank
 * and the next rank skips as many places as shared it. Ties are listed by `code`. `value` must already be
 * rounded to what is shown (hundredths of a point), so equal-looking scores are ties.
 */
export function competitionRanks<T extends { code: string; value: number; group?: number }>(entries: readonly T[]): (T & { rank: number })[] {
  const sorted = [...entries].sort((a, b) => (a.group ?? 0) - (b.group ?? 0) || b.value - a.value || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const out: (T & { rank: number })[] = [];
  sorted.forEach((e, i) => {
    const prev = out[i - 1];
    const tied = prev && prev.value === e.value && (prev.group ?? 0) === (e.group ?? 0);
    out.push({ ...e, rank: tied ? prev.rank : i + 1 });
  });
  return out;
}

/** The first band (highest lower bound first) whose lower bound the score reaches. */
export function gradeOf<G extends { min: number }>(grades: readonly G[], score: number): G {
  for (const g of grades) if (score >= g.min) return g;
  return grades.at(-1)!;
}

/**
 * Splits `total` integer units in proportion to `weights` so that the parts add up to exactly `total`
 * (largest-remainder method; equal remainders go to the earlier entry). All-zero weights give all zeros.
 */
export function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w * total) / sum);
  const parts = exact.map((x) => Math.floor(x + 1e-9));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - parts[i]! })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]!++;
    left--;
  }
  return parts;
}
