// The example dataset for 2021–2024, so that a new user sees a living dashboard. Pure and deterministic.
// Official values are used where shared/reference/shaoguan-public-data.csv has one tagged official or
// official-mirror for a full year; everything else is demonstration data (示例数据), plausible, and labelled.
import { horizonsOf, targetOf } from '../plan/horizons.js';
import type { Indicator, Plan } from '../plan/model.js';
import type { ObservationInput } from '../plan/observations.js';
import { acceptance } from '../plan/observations.js';
import type { StateCode, Target } from '../plan/targets.js';

export const DEMO_SOURCE = '示例数据（演示用，非真实统计）/ demo data, not official statistics';
export const DEMO_YEARS = [2021, 2022, 2023, 2024] as const;

/** Official values from shared/reference/shaoguan-public-data.csv (full year, official or official mirror). */
export const OFFICIAL_VALUES: ObservationInput[] = [
  {
    indicatorCode: 13,
    regionCode: '440200',
    year: 2021,
    kind: 'value',
    valueText: '74.95',
    state: null,
    checks: [],
    source: '人民网广东频道 2022-11-15（“截至2021年底”森林覆盖率），见 shared/reference/shaoguan-public-data.csv',
    note: '官方媒体转载值 / official media mirror',
    reason: null,
  },
];

/** Indicators also reported per county in the demo (those a county government reports in practice). */
const COUNTY_INDICATORS = new Set([7, 8, 9, 12, 13, 29, 30, 31, 32, 33, 34, 35]);

/** The demo's 2024 value as a multiple of the 2025 target (1 = at target; for PM2.5, above 1 is worse); `start` where table 1 has no baseline. */
const PATH: Record<number, { end: number; start?: number }> = {
  8: { end: 1.08 }, // PM2.5 drifts above 25: a red warning to look at
  13: { end: 0.999 },
  27: { end: 0.7 },
  31: { end: 0.93 },
  34: { end: 1.01 },
  35: { end: 0.97 },
  36: { end: 0.8 },
  39: { end: 0.9, start: 41 },
  40: { end: 0.97, start: 90 },
  16: { end: 1, start: 92 },
  22: { end: 1, start: 86 },
  41: { end: 1, start: 12.6 },
};

/** A small deterministic generator (mulberry32) seeded per indicator, region and year. */
function random(seed: string): number {
  let h = 1779033703;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  let t = (h ^ (h >>> 16)) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function numericTarget(t: Target): number | null {
  if (t.kind === 'threshold') return t.value;
  if (t.kind === 'split') return t.parts[0]!.target.value;
  return null;
}

function stateTarget(t: Target): StateCode | null {
  if (t.kind === 'state') return t.state;
  return null;
}

function format(value: number, ind: Indicator): string {
  const decimals = ind.baseline.decimals ?? (ind.unit === '%' ? 1 : 2);
  return value.toFixed(Math.max(decimals, ind.unit === '%' ? 1 : 0));
}

function clampShare(v: number, ind: Indicator): number {
  return ind.unit === '%' ? Math.min(v, 100) : v;
}

/** Demonstration observations for every indicator (city) and some (counties), 2021–2024. */
export function demoObservations(plan: Plan): ObservationInput[] {
  const out: ObservationInput[] = [];
  const counties = plan.regions.filter((r) => r.level === 'county');
  // The demo years (2021–2024) aim at the plan's first horizon.
  const nearHorizon = horizonsOf(plan)[0]!;
  for (const ind of plan.indicators) {
    const accepts = acceptance(ind);
    const regions = [plan.regions.find((r) => r.code === plan.meta.region)!, ...(COUNTY_INDICATORS.has(ind.code) ? counties : [])];
    for (const region of regions) {
      const offset = region.level === 'county' ? (random(`${ind.code}|${region.code}`) - 0.5) * 0.04 : 0;
      for (const year of DEMO_YEARS) {
        const row = (fields: Partial<ObservationInput>): ObservationInput => ({
          indicatorCode: ind.code,
          regionCode: region.code,
          year,
          kind: 'value',
          valueText: null,
          state: null,
          checks: [],
          source: DEMO_SOURCE,
          note: null,
          reason: null,
          ...fields,
        });
        const near = targetOf(ind, nearHorizon);
        const wantedState = stateTarget(near);
        if (!accepts.value || (wantedState && ind.baseline.state)) {
          // Qualitative: the targeted state from 2022 (indicator 1's plan was still being drafted in 2021).
          const state = ind.code === 1 && year === 2021 ? 'beingDrafted' : (wantedState ?? (ind.baseline.state as StateCode | null));
          if (state) out.push(row({ state }));
          continue;
        }
        const path = PATH[ind.code] ?? { end: 1 };
        if (ind.baseline.noData && year < 2022) continue; // statistics start in 2022 (表1 注4)
        const start = (ind.baseline.value ?? path.start ?? 0) * (1 + offset);
        const goal = numericTarget(near);
        const noise = (random(`${ind.code}|${region.code}|${year}`) - 0.5) * 0.01 * Math.abs(start || 1);
        let value: number;
        if (ind.code === 20 || ind.code === 21) value = ind.baseline.value!; // areas held, nature and function confirmed
        else if (goal === null) {
          // Relative and assigned targets: a gentle improvement in the indicator's direction.
          const step = ind.direction === 'decrease' ? -0.012 : 0.012;
          value = start * (1 + step * (year - 2020)) + noise;
        } else {
          const firstYear = ind.baseline.noData ? 2021 : ind.baseline.year;
          const share = (year - firstYear) / (2024 - firstYear);
          const meetsGoal = (v: number) => (ind.direction === 'decrease' ? v <= goal : v >= goal);
          // Already at target in the baseline year (37, 42, 44 …): stays around the baseline.
          const chosen = ind.code in PATH;
          const end = chosen ? goal * path.end : meetsGoal(start) ? start : goal;
          value = start + (end - start) * share + noise;
          // Indicators the demo does not set off track stay on the right side of their target once they reach it.
          if (!chosen && (meetsGoal(start) || share === 1) && !meetsGoal(value)) value = goal;
        }
        value = clampShare(value, ind);
        out.push(
          row({
            valueText: format(value, ind),
            checks: accepts.checks.length ? accepts.checks : [],
          }),
        );
        if (accepts.assigned && region.code === plan.meta.region) {
          // The figure the higher authority assigns: slightly below (or above, when lower is better) the value.
          const assigned = ind.direction === 'decrease' ? value * 1.02 : value * 0.98;
          out.push(row({ kind: 'assigned', valueText: format(assigned, ind) }));
        }
      }
    }
  }
  const official = new Set(OFFICIAL_VALUES.map((o) => `${o.indicatorCode}|${o.regionCode}|${o.year}|${o.kind}`));
  return out.filter((o) => !official.has(`${o.indicatorCode}|${o.regionCode}|${o.year}|${o.kind}`));
}
