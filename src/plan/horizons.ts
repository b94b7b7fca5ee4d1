// The plan's target years (plan.yaml `horizons`): a county plan adopted in 2024 may aim at 2027 and 2035, a city's at
// 2025 and 2035. Nothing outside plan folders names the years; everything asks the plan.
import type { Horizon } from './model.js';

/** What these need of a plan: its horizons (so the console can pass the API's plan as it is). */
type WithHorizons = { meta: { horizons: readonly { year: number }[] } };

/** The plan's horizons as the keys of Indicator.targets, in ascending order: e.g. ["2025", "2035"]. */
export function horizonsOf(plan: WithHorizons): Horizon[] {
  return plan.meta.horizons.map((h) => String(h.year));
}

/** Whether text names one of the plan's horizons ("2027" for a plan with a 2027 horizon, never "2027.0"). */
export function isHorizon(plan: WithHorizons, text: string): text is Horizon {
  return plan.meta.horizons.some((h) => String(h.year) === text);
}

/**
 * The horizon whose target applies in a year: the first horizon not before it, and the last one after the last
 * (docs/methods/evaluation.md). With 2025 and 2035: 2025's target through 2025, 2035's from 2026.
 */
export function horizonFor(plan: WithHorizons, year: number): Horizon {
  let last = 0;
  let first = Infinity;
  for (const h of plan.meta.horizons) {
    if (h.year > last) last = h.year;
    if (year <= h.year && h.year < first) first = h.year;
  }
  return String(first === Infinity ? last : first);
}

/** The years each horizon's target applies in, as horizonFor chooses: the first up to its year, each next from the year after the one before. */
export function horizonSpans(plan: WithHorizons): { horizon: number; from: number | null }[] {
  const years = plan.meta.horizons.map((h) => h.year).sort((a, b) => a - b);
  return years.map((horizon, i) => ({ horizon, from: i === 0 ? null : years[i - 1]! + 1 }));
}

/** An indicator's target for a horizon of its plan. The plan builder gives every indicator one per horizon. */
export function targetOf<T>(ind: { code: number; targets: Record<string, T> }, horizon: Horizon): T {
  const t = ind.targets[horizon];
  if (!t) throw new Error(`indicator ${ind.code} has no target for ${horizon}: not a horizon of its plan`);
  return t;
}
