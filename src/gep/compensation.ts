// GEP-based eco-compensation (生态保护补偿). Pure, exact (integer fen and bigint rationals).
//
// (1) Vertical allocation of a fund among counties by weighted indicators (weights and indicators are data):
//       amount_c = F × Σ_k (w_k / Σw) × (x_kc / Σ_c x_kc)
//     computed as one exact fraction per county, floored to the fen; the fen left over (fewer than the number of
//     counties) go one each to the largest remainders (Hamilton / largest-remainder method; ties to the smaller
//     region code), so the allocation sums to the fund exactly.
// (2) Horizontal upstream/downstream compensation by the water-quality index of the boundary section, in the
//     form described for the 新安江 pilot (财政部、原环境保护部 2012 实施方案):
//       P = K₀ × Σ_i k_i × C_i / C_i0
//     with C_i the year's mean concentration of pollutant i at the section, C_i0 the agreed baseline, k_i weights
//     (Σ = 1) and K₀ the stability coefficient; P ≤ 1 → the downstream region pays the upstream the agreed
//     amount; P > 1 → the upstream pays the downstream. K₀, k_i, C_i0 and the amount come from the agreement
//     and are data here (the pilot's published values were not verified against the agreement text).
import { formatScaled } from '../plan/decimal.js';
import { GepError } from './errors.js';

const SCALE = 6;

/** An exact non-negative or signed decimal (text or number) as an integer count of 10^-6. Rounds half up beyond 6 decimals. */
export function toScaled(v: string | number, field: string): bigint {
  const text = typeof v === 'number' ? (Number.isFinite(v) ? v.toFixed(SCALE + 2) : 'x') : v.trim().replace(/,/g, '');
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new GepError('NOT_A_NUMBER', `${field}：“${String(v)}”不是数字`, `${field}: "${String(v)}" is not a number`);
  const frac = (m[3] ?? '').padEnd(SCALE + 1, '0');
  let n = BigInt(m[2]! + frac.slice(0, SCALE));
  if (Number(frac[SCALE]) >= 5) n += 1n;
  return m[1] === '-' ? -n : n;
}

export interface CompensationIndicator {
  key: string;
  zh: string;
  en: string;
  /** Weight as a decimal (weights are normalised by their sum). */
  weight: string;
  /** What a negative county value (e.g. a GEP decline) counts as: 0, or refuse the allocation. */
  negative?: 'zero' | 'refuse';
}

export interface CompensationScheme {
  name: string;
  /** The fund in 元 (up to 2 decimals). */
  fundYuan: string;
  indicators: CompensationIndicator[];
  /** Source of the scheme (document, decision). */
  source?: string;
}

export interface CountyIndicators {
  region: string;
  name: string;
  values: Record<string, string | number>;
}

export interface Allocation {
  region: string;
  name: string;
  amountFen: bigint;
  /** The county's share of the fund, exact fraction rendered to 8 decimals. */
  share: string;
  parts: { key: string; value: string; total: string; weight: string; shareOfIndicator: string }[];
  /** The exact amount before rounding, in 元 to 6 decimals (display). */
  exactYuan: string;
  roundedUp: boolean;
  explanation: { zh: string; en: string };
}

export interface AllocationResult {
  scheme: string;
  fundFen: bigint;
  allocations: Allocation[];
  formula: { zh: string; en: string };
  totalFen: bigint;
}

function ratioText(num: bigint, den: bigint, decimals: number): string {
  if (den === 0n) return '0';
  const scaled = (num * 10n ** BigInt(decimals) * 2n + den) / (2n * den);
  return formatScaled(scaled, decimals);
}

export const ALLOCATION_FORMULA = {
  zh: '各县分配额 = 资金总额 × Σ_k（权重_k ÷ 权重之和）×（该县指标_k ÷ 各县指标_k 之和）；按分取整，余数按最大余额法逐分分配',
  en: 'amount = fund × Σ_k (w_k / Σw) × (x_k,county / Σ_counties x_k); floored to the fen, the remaining fen to the largest remainders',
};

/** Allocates the fund among counties; the amounts sum to the fund exactly. */
export function allocateFund(scheme: CompensationScheme, counties: CountyIndicators[]): AllocationResult {
  if (!/^\d+(\.\d{1,2})?$/.test(scheme.fundYuan.trim()))
    throw new GepError('FUND', `资金总额“${scheme.fundYuan}”应为非负金额（元，最多两位小数）`, `the fund "${scheme.fundYuan}" must be a non-negative amount in yuan with at most 2 decimals`);
  const fundFen = toScaled(scheme.fundYuan, '资金总额') / 10n ** BigInt(SCALE - 2);
  if (!scheme.indicators.length) throw new GepError('NO_INDICATORS', '分配方案至少需要一个指标', 'the scheme needs at least one indicator');
  if (!counties.length) throw new GepError('NO_COUNTIES', '没有参与分配的县（区）', 'no counties to allocate to');
  const seen = new Set<string>();
  for (const c of counties) {
    if (seen.has(c.region)) throw new GepError('DUPLICATE_COUNTY', `县（区）${c.region} 重复`, `county ${c.region} appears twice`);
    seen.add(c.region);
  }
  const w = scheme.indicators.map((i) => {
    const v = toScaled(i.weight, `指标“${i.zh}”的权重`);
    if (v < 0n) throw new GepError('NEGATIVE', `指标“${i.zh}”的权重不能为负`, `the weight of "${i.en}" must not be negative`);
    return v;
  });
  const W = w.reduce((a, b) => a + b, 0n);
  if (W === 0n) throw new GepError('WEIGHTS_ZERO', '权重之和为 0', 'the weights sum to 0');
  // x[k][c], negatives handled per indicator.
  const x = scheme.indicators.map((ind) =>
    counties.map((c) => {
      const raw = c.values[ind.key];
      if (raw === undefined || raw === '') throw new GepError('VALUE_MISSING', `${c.name}（${c.region}）缺少指标“${ind.zh}”的值`, `${c.name} (${c.region}) has no value for "${ind.en}"`);
      const v = toScaled(raw, `${c.name} ${ind.zh}`);
      if (v < 0n) {
        if ((ind.negative ?? 'zero') === 'refuse') throw new GepError('NEGATIVE', `${c.name} 的指标“${ind.zh}”为负（${String(raw)}），本方案不允许`, `${c.name}: "${ind.en}" is negative (${String(raw)})`);
        return 0n;
      }
      return v;
    }),
  );
  const S = x.map((row) => row.reduce((a, b) => a + b, 0n));
  scheme.indicators.forEach((ind, k) => {
    if (w[k]! > 0n && S[k] === 0n) throw new GepError('INDICATOR_ZERO', `指标“${ind.zh}”各县合计为 0，无法按其分配（请调整权重为 0 或补充数据）`, `indicator "${ind.en}" sums to 0 over the counties; set its weight to 0 or complete the data`);
  });
  // One exact fraction per county: N_c / D with D = W × Π_k S_k (indicators of weight 0 are left out).
  const active = scheme.indicators.map((_, k) => k).filter((k) => w[k]! > 0n);
  const D = active.reduce((d, k) => d * S[k]!, W);
  const N = counties.map((_, c) => active.reduce((sum, k) => sum + fundFen * w[k]! * x[k]![c]! * active.filter((j) => j !== k).reduce((p, j) => p * S[j]!, 1n), 0n));
  const base = N.map((n) => n / D);
  const rem = N.map((n) => n % D);
  let left = fundFen - base.reduce((a, b) => a + b, 0n);
  const order = counties.map((c, i) => i).sort((a, b) => (rem[b]! > rem[a]! ? 1 : rem[b]! < rem[a]! ? -1 : counties[a]!.region.localeCompare(counties[b]!.region)));
  const plus = new Set<number>();
  for (const i of order) {
    if (left <= 0n) break;
    plus.add(i);
    left -= 1n;
  }
  const allocations: Allocation[] = counties.map((c, i) => {
    const amountFen = base[i]! + (plus.has(i) ? 1n : 0n);
    const parts = scheme.indicators.map((ind, k) => ({
      key: ind.key,
      value: formatScaled(x[k]![i]!, SCALE),
      total: formatScaled(S[k]!, SCALE),
      weight: ratioText(w[k]!, W, 6),
      shareOfIndicator: S[k] === 0n ? '0' : ratioText(x[k]![i]!, S[k]!, 8),
    }));
    const share = ratioText(N[i]!, D * fundFen || 1n, 8);
    const exactYuan = ratioText(N[i]!, D * 100n, 6);
    const terms = parts.map((p, k) => `${scheme.indicators[k]!.zh} ${p.value}/${p.total}×权重${p.weight}`).join(' + ');
    const termsEn = parts.map((p, k) => `${scheme.indicators[k]!.en} ${p.value}/${p.total}×weight ${p.weight}`).join(' + ');
    return {
      region: c.region,
      name: c.name,
      amountFen,
      share,
      parts,
      exactYuan,
      roundedUp: plus.has(i),
      explanation: {
        zh: `${c.name}：份额 = ${terms} = ${share}；应得 ${formatScaled(fundFen, 2)} × ${share} = ${exactYuan} 元，按分取整${plus.has(i) ? '后按最大余额法加 1 分' : '（舍去不足一分的部分）'}，分配 ${formatScaled(amountFen, 2)} 元`,
        en: `${c.name}: share = ${termsEn} = ${share}; ${formatScaled(fundFen, 2)} × ${share} = ${exactYuan} yuan, floored to the fen${plus.has(i) ? ' plus 1 fen (largest remainder)' : ''}: ${formatScaled(amountFen, 2)} yuan`,
      },
    };
  });
  return { scheme: scheme.name, fundFen, allocations, formula: ALLOCATION_FORMULA, totalFen: allocations.reduce((s, a) => s + a.amountFen, 0n) };
}

export interface HorizontalInput {
  upstream: string;
  downstream: string;
  /** Agreed amount in 元. */
  amountYuan: string;
  /** Stability coefficient K₀. */
  k0: string;
  pollutants: { key: string; zh: string; weight: string; concentration: string; baseline: string }[];
}

export interface HorizontalResult {
  p: string;
  payer: string;
  payee: string;
  amountFen: bigint;
  explanation: { zh: string; en: string };
  formula: { zh: string; en: string };
}

export const HORIZONTAL_FORMULA = {
  zh: 'P = K₀ × Σ kᵢ × Cᵢ / Cᵢ₀；P ≤ 1 时下游向上游支付约定金额，P > 1 时上游向下游支付（新安江流域水环境补偿试点的形式）',
  en: 'P = K₀ × Σ kᵢ × Cᵢ / Cᵢ₀; P ≤ 1: downstream pays upstream the agreed amount; P > 1: upstream pays downstream (form of the Xin’an River pilot)',
};

/** The horizontal compensation of one boundary section for a year (exact: P compared as a fraction). */
export function horizontalCompensation(input: HorizontalInput): HorizontalResult {
  if (!input.pollutants.length) throw new GepError('NO_POLLUTANTS', '至少需要一项水质指标', 'at least one pollutant is needed');
  const k0 = toScaled(input.k0, 'K₀');
  if (k0 <= 0n) throw new GepError('K0', 'K₀ 须为正数', 'K₀ must be positive');
  const weights = input.pollutants.map((p) => toScaled(p.weight, `${p.zh} 权重`));
  const wsum = weights.reduce((a, b) => a + b, 0n);
  if (wsum !== 10n ** BigInt(SCALE)) throw new GepError('WEIGHTS_SUM', `水质指标权重之和应为 1，实为 ${formatScaled(wsum, SCALE)}`, `pollutant weights must sum to 1, got ${formatScaled(wsum, SCALE)}`);
  // P = K0 × Σ k_i C_i / C_i0 as a fraction num/den over integers at scale 10^-6.
  let num = 0n;
  let den = 1n;
  input.pollutants.forEach((p, i) => {
    const c = toScaled(p.concentration, `${p.zh} 浓度`);
    const c0 = toScaled(p.baseline, `${p.zh} 基本限值`);
    if (c < 0n) throw new GepError('NEGATIVE', `${p.zh} 浓度不能为负`, `${p.zh} concentration must not be negative`);
    if (c0 <= 0n) throw new GepError('BASELINE', `${p.zh} 基本限值须为正数`, `${p.zh} baseline must be positive`);
    // num/den + k c / c0 = (num c0 + k c den) / (den c0)
    num = num * c0 + weights[i]! * c * den;
    den = den * c0;
  });
  const pNum = k0 * num;
  const pDen = den * 10n ** BigInt(SCALE * 2);
  const clean = pNum <= pDen;
  const amountFen = toScaled(input.amountYuan, '约定金额') / 10n ** BigInt(SCALE - 2);
  const p = ratioText(pNum, pDen, 4);
  const payer = clean ? input.downstream : input.upstream;
  const payee = clean ? input.upstream : input.downstream;
  return {
    p,
    payer,
    payee,
    amountFen,
    formula: HORIZONTAL_FORMULA,
    explanation: {
      zh: `P = ${input.k0} × (${input.pollutants.map((x) => `${x.weight}×${x.concentration}/${x.baseline}`).join(' + ')}) = ${p}，${clean ? '≤ 1，水质达到约定' : '> 1，水质未达约定'}：${payer} 向 ${payee} 支付 ${formatScaled(amountFen, 2)} 元`,
      en: `P = ${input.k0} × (${input.pollutants.map((x) => `${x.weight}×${x.concentration}/${x.baseline}`).join(' + ')}) = ${p}, ${clean ? '≤ 1 (agreed quality met)' : '> 1 (agreed quality missed)'}: ${payer} pays ${payee} ${formatScaled(amountFen, 2)} yuan`,
    },
  };
}
