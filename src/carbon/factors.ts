// Resolving factors: the shipped table (factorData.ts) with a plan's local overrides on top, each override with its
// reason and version. Also the fuel conversions that need a factor (physical quantity → 吨标准煤 / GJ). Pure.
import { FACTOR_DATA_VERSION, FACTORS, FUELS, GWP_SETS, type FactorDef, type FuelDef, type GwpSet } from './factorData.js';
import { toBase, UnitError, unitOf } from './units.js';

export interface FactorOverride {
  key: string;
  value: number;
  unit: string;
  reason: string;
  version: number;
}

/** A factor as used in a calculation: the value and where it came from. */
export interface ResolvedFactor {
  key: string;
  value: number;
  unit: string;
  source: string;
  verified: FactorDef['verified'] | 'local';
  /** Set when a local factor replaced the shipped value. */
  override?: { reason: string; version: number; shipped: number | null };
}

export class CarbonInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
    this.name = 'CarbonInputError';
  }
}

const BY_KEY = new Map(FACTORS.map((f) => [f.key, f]));

/** Keys a plan may add that the shipped table does not have: a local (e.g. provincial) grid factor per year. */
const LOCAL_KEY = /^grid\.local\.(\d{4})$/;

export function shippedFactor(key: string): FactorDef | undefined {
  return BY_KEY.get(key);
}

/** Checks an override before it is stored: a known key (or grid.local.YYYY), the same unit, a positive value, a reason. */
export function validateOverride(o: { key: string; value: number; unit: string; reason: string }): void {
  const shipped = BY_KEY.get(o.key);
  if (!shipped && !LOCAL_KEY.test(o.key))
    throw new CarbonInputError('UNKNOWN_FACTOR', `未知的因子“${o.key}”（可用键见 GET …/carbon/factors；本地电网因子用 grid.local.年份）`, `unknown factor "${o.key}" (see GET …/carbon/factors; a local grid factor is grid.local.YEAR)`);
  const unit = shipped?.unit ?? 'kgCO2/kWh';
  if (o.unit !== unit) throw new CarbonInputError('FACTOR_UNIT_MISMATCH', `因子“${o.key}”的单位应为 ${unit}，而不是 ${o.unit}`, `factor "${o.key}" is in ${unit}, not ${o.unit}`);
  if (!Number.isFinite(o.value) || o.value < 0) throw new CarbonInputError('BAD_FACTOR_VALUE', `因子“${o.key}”的数值应为非负数`, `factor "${o.key}" must be a non-negative number`);
  if (!o.reason.trim()) throw new CarbonInputError('REASON_REQUIRED', `替换因子“${o.key}”须说明原因（如 广东省2022年电力排放因子，附来源）`, `replacing factor "${o.key}" needs a reason (and its source)`);
}

/** The factors of one calculation: shipped values, a plan's current overrides on top. */
export class FactorSet {
  readonly version = FACTOR_DATA_VERSION;
  private readonly overrides: Map<string, FactorOverride>;

  constructor(overrides: readonly FactorOverride[] = []) {
    this.overrides = new Map(overrides.map((o) => [o.key, o]));
  }

  has(key: string): boolean {
    return this.overrides.has(key) || BY_KEY.has(key);
  }

  private readonly resolved = new Map<string, ResolvedFactor>();

  /** Resolved once per key: a FactorSet is immutable, and inventories ask for the same factors many times. */
  get(key: string): ResolvedFactor {
    let r = this.resolved.get(key);
    if (!r) this.resolved.set(key, (r = this.resolve(key)));
    return r;
  }

  private resolve(key: string): ResolvedFactor {
    const o = this.overrides.get(key);
    const shipped = BY_KEY.get(key);
    if (o) return { key, value: o.value, unit: o.unit, source: `本地因子 / local factor v${o.version}: ${o.reason}`, verified: 'local', override: { reason: o.reason, version: o.version, shipped: shipped?.value ?? null } };
    if (!shipped) throw new CarbonInputError('MISSING_FACTOR', `缺少因子“${key}”`, `missing factor "${key}"`);
    return { key, value: shipped.value, unit: shipped.unit, source: shipped.source, verified: shipped.verified };
  }

  /** The grid factor for a year: a local one (grid.local.Y) first, else the chosen published level, else the nearest published year of that level with a warning. */
  grid(year: number, level: 'national' | 'south'): { factor: ResolvedFactor; warning: { zh: string; en: string } | null } {
    if (this.has(`grid.local.${year}`)) return { factor: this.get(`grid.local.${year}`), warning: null };
    const exact = `grid.${level}.${year}`;
    if (this.has(exact)) return { factor: this.get(exact), warning: null };
    const years = FACTORS.filter((f) => f.key.startsWith(`grid.${level}.`)).map((f) => Number(f.key.split('.')[2]));
    if (!years.length) throw new CarbonInputError('MISSING_FACTOR', `没有 ${level} 电网排放因子`, `no ${level} grid factor`);
    const nearest = years.reduce((a, b) => (Math.abs(b - year) < Math.abs(a - year) || (Math.abs(b - year) === Math.abs(a - year) && b < a) ? b : a));
    return {
      factor: this.get(`grid.${level}.${nearest}`),
      // Worded for the reader of the inventory; the factor key (grid.local.YEAR) is for the API and the workbook.
      warning: { zh: `${year} 年尚无已发布的电网排放因子，暂用 ${nearest} 年因子；可在“活动数据与因子”中录入 ${year} 年本地电网排放因子替换`, en: `no grid factor published for ${year}: the ${nearest} factor is used; a local grid factor for ${year} can be entered under Activity data & factors to replace it` },
    };
  }

  /** Every factor as used: shipped with overrides applied, plus local-only keys. */
  list(): (ResolvedFactor & { zh: string; en: string })[] {
    const out = FACTORS.map((f) => ({ ...this.get(f.key), zh: f.zh, en: f.en }));
    for (const o of this.overrides.values()) if (!BY_KEY.has(o.key)) out.push({ ...this.get(o.key), zh: `本地电网排放因子 ${o.key.slice(11)}`, en: `local grid factor ${o.key.slice(11)}` });
    return out;
  }
}

export function gwp(set: GwpSet) {
  const g = GWP_SETS[set];
  if (!g) throw new CarbonInputError('UNKNOWN_GWP', `未知的 GWP 取值“${String(set)}”，可选 ${Object.keys(GWP_SETS).join('、')}`, `unknown GWP set "${String(set)}"; one of ${Object.keys(GWP_SETS).join(', ')}`);
  return g;
}

export function fuelOf(code: string): FuelDef {
  const f = FUELS.find((x) => x.code === code || x.zh === code);
  if (!f) throw new CarbonInputError('UNKNOWN_FUEL', `未知燃料“${code}”，可用：${FUELS.map((x) => `${x.zh}（${x.code}）`).join('、')}`, `unknown fuel "${code}"; one of ${FUELS.map((x) => x.code).join(', ')}`);
  return f;
}

/**
 * A fuel quantity in its physical unit (吨 or 立方米), converting a stated unit of the same dimension (万吨, 亿立方米)
 * or a coal equivalent (吨标准煤, 万吨标准煤) through the fuel's coal-equivalent factor (GB/T 2589-2020 附录A).
 */
export function fuelPhysical(fuel: FuelDef, value: number, unit: string, factors: FactorSet): { value: number; conversions: { factor: number; source: string; from: string; to: string }[] } {
  const u = unitOf(unit);
  const want = unitOf(fuel.unit);
  if (u.dimension === want.dimension) {
    const b = toBase(value, unit);
    return { value: b.value, conversions: b.conversion.factor === 1 ? [] : [b.conversion] };
  }
  if (u.dimension === 'standardCoal') {
    const tce = toBase(value, unit);
    const ce = factors.get(`fuel.${fuel.code}.coalEquivalent`);
    return {
      value: tce.value / ce.value,
      conversions: [...(tce.conversion.factor === 1 ? [] : [tce.conversion]), { from: '吨标准煤', to: fuel.unit, factor: 1 / ce.value, source: ce.source }],
    };
  }
  throw new UnitError(
    'UNIT_MISMATCH',
    `单位不符：${fuel.zh}以“${fuel.unit}”或吨标准煤计，不能使用“${u.zh}”`,
    `unit mismatch: ${fuel.en} is measured in ${unitOf(fuel.unit).en} or tce, not "${u.en}"`,
  );
}

/** CO2 emission factor of a fuel, t CO2 per physical unit: NCV × CC × OF × 44/12 (guideline ch. 1, eq. 1.1–1.2). */
export function fuelCO2Factor(fuel: FuelDef, factors: FactorSet) {
  const ncv = factors.get(`fuel.${fuel.code}.ncv`);
  const cc = factors.get(`fuel.${fuel.code}.carbonContent`);
  const of = factors.get(`fuel.${fuel.code}.oxidation`);
  // GJ/unit × tC/TJ / 1000 (GJ → TJ) × OF × 44/12 = t CO2 per unit
  return { value: (ncv.value * cc.value * of.value * 44) / 12 / 1000, ncv, cc, of };
}
