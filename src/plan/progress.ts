// Progress (进展) of one numeric indicator towards its target: the CAGR-ratio method of the UN Statistics
// Division's SDG Progress Chart, with the edge cases of a city plan decided explicitly (docs/methods/progress.md).
// Pure: no I/O.
//
// Source: United Nations Statistics Division, "Sustainable Development Goals Progress Chart 2022 — Technical
// Note", §II "The Proposed Methodology by the Task Team on SDG Progress Chart": (a) indicators without an
// explicit numerical target, (b) indicators with an explicit numerical target.
// https://unstats.un.org/sdgs/report/2022/Progress_Chart_Technical_Note_2022.pdf
// The note's full text could not be retrieved here; its formulas and cut-offs are taken as UNDP's SDG Push /
// SDG-Accelerator code implements them (that code links this note as its methodology). See the docs page.

export type ProgressLevel = 'target_met' | 'on_track' | 'moderate' | 'marginal' | 'regression' | 'not_assessable';

export interface ProgressInput {
  baseline: { year: number; value: number };
  latest: { year: number; value: number };
  /** null: no numeric target → classes on the growth rate alone (§II.a). */
  target: { year: number; value: number } | null;
  direction: 'increase' | 'decrease';
  /**
   * Optional natural bound: a ceiling when higher is better (100 for a share), a floor when lower is better.
   * A value beyond it is a data error (not assessable). Only the StatCan scheme also scales its no-target
   * cut-offs by it.
   */
  limit?: number;
}

export interface ProgressResult {
  level: ProgressLevel;
  /** CAGR baseline → latest, as a fraction (0.0323 = 3.23 %/yr); null where undefined. */
  actualRate: number | null;
  /** CAGR baseline → target year that reaches the target; null without target or where undefined. */
  requiredRate: number | null;
  /** actual / required (direction-aware by construction, see below); null where the method does not use it. */
  ratio: number | null;
  method: 'ratio' | 'growth';
  reason: { zh: string; en: string };
}

/** 'unsd' (default): the Progress Chart cut-offs. 'statcan': Statistics Canada's, as Open SDG ships them. */
export type ProgressScheme = 'unsd' | 'statcan';

export interface ProgressOptions {
  scheme?: ProgressScheme;
}

type Label = { zh: string; en: string };

/** Chinese labels of the platform; English as the UNSD Progress Chart names its levels. */
export const PROGRESS_LEVELS: Record<ProgressLevel, Label> = {
  target_met: { zh: '已达标', en: 'Target met' },
  on_track: { zh: '进展顺利', en: 'Substantial progress / on track' },
  moderate: { zh: '进展中等', en: 'Fair progress, but acceleration needed' },
  marginal: { zh: '进展缓慢', en: 'Limited or no progress' },
  regression: { zh: '停滞或倒退', en: 'Deterioration' },
  not_assessable: { zh: '无法评估', en: 'Not assessable (insufficient data)' },
};

// Statistics Canada's English names of the same five levels (its progress-measurement methodology page).
const STATCAN_EN: Record<ProgressLevel, string> = {
  target_met: 'Target achieved',
  on_track: 'On track',
  moderate: 'Progress made but acceleration needed',
  marginal: 'Limited progress',
  regression: 'Deterioration',
  not_assessable: 'Unable to assess',
};

type TrendLevel = 'on_track' | 'moderate' | 'marginal' | 'regression';

/** Lower bounds, inclusive: value ≥ onTrack → on_track; ≥ moderate → moderate; ≥ marginal → marginal; else regression. */
interface CutOffs {
  onTrack: number;
  moderate: number;
  marginal: number;
}

const CUT_OFFS: Record<ProgressScheme, { ratio: CutOffs; growth: CutOffs }> = {
  // §II.b: Cr = CAGRa / CAGRr ≥ 0.95 on track; 0.5 ≤ Cr < 0.95 fair; −0.1 ≤ Cr < 0.5 limited or none; below,
  // deterioration. §II.a: CAGRa in the desired direction above 1 %/yr on track, 0.5–1 % fair, −1 %–0.5 % limited
  // or none, below −1 % deterioration.
  unsd: { ratio: { onTrack: 0.95, moderate: 0.5, marginal: -0.1 }, growth: { onTrack: 0.01, moderate: 0.005, marginal: -0.01 } },
  // Statistics Canada (Open SDG): R ≥ 95 % / 60 % / 0; no target: CAGR ≥ 1.5 % / 0.5 % / 0 (positive ones scaled by C).
  statcan: { ratio: { onTrack: 0.95, moderate: 0.6, marginal: 0 }, growth: { onTrack: 0.015, moderate: 0.005, marginal: 0 } },
};

// Rates and ratios come out of pow(): a ratio that is exactly a cut-off in decimal arithmetic can land a few
// ulps below it. Classifying on a value rounded to 1e-9 keeps those on the cut-off, where the method puts them.
const snap = (x: number) => Math.round(x * 1e9) / 1e9;

function classify(value: number, c: CutOffs): TrendLevel {
  const v = snap(value);
  if (v >= snap(c.onTrack)) return 'on_track';
  if (v >= snap(c.moderate)) return 'moderate';
  if (v >= snap(c.marginal)) return 'marginal';
  return 'regression';
}

/** Level of a ratio of actual to required growth (§II.b for 'unsd'). */
export function classifyRatio(ratio: number, scheme: ProgressScheme = 'unsd'): TrendLevel {
  return classify(ratio, CUT_OFFS[scheme].ratio);
}

/**
 * Level of a growth rate already signed so that positive means the desired direction (§II.a for 'unsd').
 * `scale` is StatCan's natural-limit factor C (1 = none); it scales only the positive cut-offs.
 */
export function classifyGrowth(growth: number, scheme: ProgressScheme = 'unsd', scale = 1): TrendLevel {
  const c = CUT_OFFS[scheme].growth;
  const scaled = (x: number) => (x > 0 ? x * scale : x);
  return classify(growth, { onTrack: scaled(c.onTrack), moderate: scaled(c.moderate), marginal: scaled(c.marginal) });
}

/**
 * Compound annual growth rate from `from` to `to` over `years`: (to / from)^(1 / years) − 1.
 * Undefined (null) for a span ≤ 0, a start of 0, or a sign change (no real root); reaching 0 is -100 %/yr.
 */
export function cagr(from: number, to: number, years: number): number | null {
  if (!(years > 0) || from === 0) return null;
  if (to === 0) return -1;
  if (Math.sign(from) !== Math.sign(to)) return null;
  return (to / from) ** (1 / years) - 1;
}

/**
 * Statistics Canada's natural-limit factor C (a = 4.44), for its no-target cut-offs: 1 far from the limit,
 * 0 at it, so that an indicator near 100 % is not asked to grow 1.5 %/yr.
 */
export function limitScale(baseline: number, limit: number): number {
  const b = Math.abs(baseline);
  const l = Math.abs(limit);
  if (b >= 2 * l) return 1;
  if (b <= l) return 1 - (b / l) ** 4.44;
  return 1 - ((2 * l - b) / l) ** 4.44;
}

/** A rate as a percentage: two decimals, or three significant digits below 1 % so that 0.0403 % stays visible. */
function pct(x: number): string {
  const v = x * 100;
  const a = Math.abs(v);
  // Only the last form can print as zero ("0.0000", "-0.0000"): it alone is parsed back to check.
  if (a >= 1) return `${v.toFixed(2)}%`;
  if (a >= 0.001) return `${v.toPrecision(3)}%`;
  const s = v.toFixed(4);
  return `${Number(s) === 0 ? '0.00' : s}%`;
}

function fixed2(x: number): string {
  const s = x.toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

export function assessProgress(input: ProgressInput, options: ProgressOptions = {}): ProgressResult {
  const scheme = options.scheme ?? 'unsd';
  const { baseline: b, latest: l, target: t, direction, limit } = input;
  const method = t ? 'ratio' : 'growth';
  const d = direction === 'increase' ? 1 : -1;
  const dirZh = d > 0 ? '越高越好' : '越低越好';
  const dirEn = d > 0 ? 'higher is better' : 'lower is better';

  /** x is at least as good as y in the desired direction. */
  const atLeast = (x: number, y: number) => d * (x - y) >= 0;

  let actualRate: number | null = null;
  let requiredRate: number | null = null;
  const done = (level: ProgressLevel, zh: string, en: string, ratio: number | null = null): ProgressResult => ({
    level,
    actualRate,
    requiredRate,
    ratio,
    method,
    reason: { zh: `${zh}，${PROGRESS_LEVELS[level].zh}`, en: `${en}: ${scheme === 'statcan' ? STATCAN_EN[level] : PROGRESS_LEVELS[level].en}` },
  });

  const finite =
    Number.isFinite(b.year) && Number.isFinite(b.value) && Number.isFinite(l.year) && Number.isFinite(l.value) &&
    (!t || (Number.isFinite(t.year) && Number.isFinite(t.value))) && (limit === undefined || Number.isFinite(limit));
  if (!finite) return done('not_assessable', '输入含非有限数值', 'the input holds a non-finite number');
  // The rate needs at least one year between the two observations.
  if (l.year <= b.year)
    return done('not_assessable', `最新年份 ${l.year} 须晚于基期年份 ${b.year}`, `the latest year ${l.year} must be after the baseline year ${b.year}`);
  if (limit !== undefined) {
    // Beyond a natural bound (a share above 100 %) is a data error, not progress.
    const checked: [string, string, number][] = [
      ['基期值', 'baseline', b.value],
      ['最新值', 'latest value', l.value],
    ];
    if (t) checked.push(['目标值', 'target', t.value]);
    const beyond = checked.find(([, , v]) => d * (v - limit) > 0);
    if (beyond)
      return done('not_assessable', `${beyond[0]} ${beyond[2]} 超出自然界限 ${limit}`, `the ${beyond[1]} ${beyond[2]} is beyond the natural limit ${limit}`);
  }

  actualRate = cagr(b.value, l.value, l.year - b.year);

  if (t) {
    requiredRate = cagr(b.value, t.value, t.year - b.year);
    // Our rule, not the note's: the required rate means "progress needed" only while the baseline had not met
    // the target; otherwise it is 0 or points the wrong way, and no ratio is reported.
    const baselineMet = atLeast(b.value, t.value);
    const ratio =
      !baselineMet && t.value !== 0 && actualRate !== null && requiredRate !== null && requiredRate !== 0 ? actualRate / requiredRate : null;

    // The latest value already meets the target: met, whatever the trend (the Progress Chart's "target met").
    if (atLeast(l.value, t.value))
      return done(
        'target_met',
        `最新值 ${l.value}（${l.year}年）已达到${t.year}年目标 ${t.value}（${dirZh}）`,
        `the latest value ${l.value} (${l.year}) already meets the ${t.year} target ${t.value} (${dirEn})`,
        ratio,
      );
    if (t.year <= b.year)
      return done(
        'not_assessable',
        `目标年份 ${t.year} 须晚于基期年份 ${b.year}，无法计算所需增长率`,
        `the target year ${t.year} must be after the baseline year ${b.year} for a required rate`,
      );
    // The baseline met the target (a required rate of 0 or in the wrong direction) and the latest value no
    // longer does: the indicator has slipped back below its target — deterioration, with no ratio to compute.
    if (baselineMet)
      return done(
        'regression',
        `基期值 ${b.value}（${b.year}年）已达到目标 ${t.value}（${dirZh}），最新值 ${l.value}（${l.year}年）未达标`,
        `the baseline ${b.value} (${b.year}) met the target ${t.value} (${dirEn}) but the latest value ${l.value} (${l.year}) no longer does`,
      );
    if (b.value === 0)
      return done(
        'not_assessable',
        `基期值为 0，复合年均增长率无定义`,
        'the baseline value is 0, so no compound annual growth rate is defined',
      );
    if (t.value === 0) {
      // A compound rate reaches 0 only at −100 %/yr; a ratio against that calls any steady decline "limited".
      requiredRate = null;
      return done(
        'not_assessable',
        `目标值为 0，复合增长率到达 0 须年均 -100%，比值无意义；请以接近 0 的门槛表述目标`,
        'the target is 0, which a compound rate reaches only at -100% a year, so the ratio means nothing; state the target as a small threshold instead',
      );
    }
    if (requiredRate === null)
      return done(
        'not_assessable',
        `基期值 ${b.value} 与目标值 ${t.value} 符号相反，复合增长率无定义`,
        `the baseline ${b.value} and the target ${t.value} have opposite signs, so no compound rate links them`,
      );
    if (actualRate === null)
      return done(
        'not_assessable',
        `基期值 ${b.value} 与最新值 ${l.value} 符号相反，复合增长率无定义`,
        `the baseline ${b.value} and the latest value ${l.value} have opposite signs, so no compound rate links them`,
      );
    // Here the target lies in the desired direction from the baseline, so the required rate's sign is the
    // direction of travel (for negative values too: moving towards 0 shrinks the magnitude on both rates).
    // actual / required is then positive exactly when the indicator moves towards its target.
    // §II.b.
    const cr = actualRate / requiredRate;
    return done(
      classifyRatio(cr, scheme),
      `实际年均增长率 ${pct(actualRate)}，达到目标所需 ${pct(requiredRate)}，比值 ${fixed2(cr)}`,
      `actual annual growth ${pct(actualRate)}, ${pct(requiredRate)} a year needed to reach the target, ratio ${fixed2(cr)}`,
      cr,
    );
  }

  // §II.a: no numeric target — the actual rate alone, signed so that positive is the desired direction.
  if (b.value === 0)
    return done('not_assessable', '无数值目标，基期值为 0，复合年均增长率无定义', 'no numeric target and a baseline of 0: no compound annual growth rate is defined');
  if (actualRate === null)
    return done(
      'not_assessable',
      `无数值目标，基期值 ${b.value} 与最新值 ${l.value} 符号相反，复合增长率无定义`,
      `no numeric target, and the baseline ${b.value} and the latest value ${l.value} have opposite signs`,
    );
  // For negative values a positive CAGR means a larger magnitude, i.e. a lower value: flip by the sign.
  const growth = Math.sign(b.value) * d * actualRate;
  const scale = scheme === 'statcan' && limit !== undefined ? limitScale(b.value, limit) : 1;
  const level = classifyGrowth(growth, scheme, scale);
  return done(
    level,
    `无数值目标：实际年均增长率 ${pct(actualRate)}（${dirZh}）`,
    `no numeric target: actual annual growth ${pct(actualRate)} (${dirEn})`,
  );
}
