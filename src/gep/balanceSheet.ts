// The natural-resource asset balance sheet (自然资源资产负债表), physical first, monetary where a price exists, in
// the SEEA Central Framework asset-account layout (SEEA-CF 2012 §5.2, Table 5.1 "basic form of asset account"):
// opening stock; additions by cause; reductions by cause; closing stock — with the identity
// opening + Σ additions − Σ reductions = closing checked exactly (decimals as scaled integers). Pure.
import { formatScaled } from '../plan/decimal.js';
import { toScaled } from './compensation.js';
import { GepError } from './errors.js';
import { convertAny } from './units.js';

export interface AssetClass {
  key: string;
  zh: string;
  en: string;
  unit: string;
}

/** Asset classes of the sheet: land by ecosystem type, forest area and stock volume, water resources. */
export const ASSET_CLASSES: AssetClass[] = [
  { key: 'land.forest', zh: '林地', en: 'forest land', unit: 'hm²' },
  { key: 'land.grassland', zh: '草地', en: 'grassland', unit: 'hm²' },
  { key: 'land.farmland', zh: '耕地', en: 'cultivated land', unit: 'hm²' },
  { key: 'land.garden', zh: '园地', en: 'garden land', unit: 'hm²' },
  { key: 'land.wetland', zh: '湿地', en: 'wetland', unit: 'hm²' },
  { key: 'land.water', zh: '水域', en: 'water area', unit: 'hm²' },
  { key: 'land.construction', zh: '建设用地', en: 'construction land', unit: 'hm²' },
  { key: 'land.unused', zh: '未利用地', en: 'unused land', unit: 'hm²' },
  { key: 'forest.area', zh: '森林面积', en: 'forest area', unit: 'hm²' },
  { key: 'forest.stock', zh: '森林蓄积量', en: 'forest stock volume', unit: 'm³' },
  { key: 'water.resources', zh: '水资源总量', en: 'total water resources', unit: 'm³' },
];

/** Standard causes (SEEA-CF Table 5.1 rows); other cause keys are accepted as entered. */
export const CAUSES: Record<string, { zh: string; en: string }> = {
  growth: { zh: '自然生长', en: 'natural growth' },
  afforestation: { zh: '造林', en: 'afforestation' },
  reclassification: { zh: '重新分类', en: 'reclassifications' },
  discovery: { zh: '新发现', en: 'discoveries' },
  revaluation: { zh: '重估', en: 'upward reappraisals' },
  precipitation: { zh: '降水补给', en: 'precipitation' },
  inflow: { zh: '入境水量', en: 'inflows' },
  extraction: { zh: '开采（采伐、取用）', en: 'extractions' },
  loss: { zh: '灾害损失', en: 'catastrophic losses' },
  conversion: { zh: '用途转换', en: 'conversion' },
  outflow: { zh: '出境水量', en: 'outflows' },
  evaporation: { zh: '蒸发', en: 'evaporation' },
  other: { zh: '其他', en: 'other changes' },
};

export interface AssetFlowEntry {
  asset: string;
  /** 'opening' | 'closing' | 'increase.<cause>' | 'decrease.<cause>' */
  flow: string;
  valueText: string;
  unit: string;
}

export interface AssetAccountRow {
  asset: string;
  zh: string;
  en: string;
  unit: string;
  opening: string;
  increases: { cause: string; zh: string; en: string; value: string }[];
  decreases: { cause: string; zh: string; en: string; value: string }[];
  closing: string;
  /** opening + increases − decreases − closing; "0" when the identity holds. */
  discrepancy: string;
  balanced: boolean;
  /** Monetary values (元) where a unit price exists: opening and closing. */
  monetary: { price: number; priceUnit: string; openingFen: bigint; closingFen: bigint } | null;
}

const SCALE = 6;

function toUnitScaled(text: string, unit: string, target: string, field: string): bigint {
  if (unit.trim() === target) return toScaled(text, field);
  // A different but convertible unit (亩 → hm², 亿m³ → m³): converted exactly enough for 6 decimals.
  const v = convertAny(Number(text.replace(/,/g, '')), unit, target, field);
  return toScaled(v.toFixed(SCALE), field);
}

/**
 * The asset account of one region and year. Each asset present needs an opening and a closing stock; flows may be
 * absent (zero). A negative flow value is refused (direction is in the flow key). Unbalanced rows are reported,
 * not hidden: `balanced` false with the discrepancy; `strict` turns them into an error.
 */
export function assetAccount(entries: AssetFlowEntry[], prices: Record<string, { value: number; unit: string }> = {}, opts: { strict?: boolean; label?: string } = {}): AssetAccountRow[] {
  const label = opts.label ? `${opts.label}：` : '';
  const byAsset = new Map<string, AssetFlowEntry[]>();
  for (const e of entries) {
    const list = byAsset.get(e.asset) ?? [];
    list.push(e);
    byAsset.set(e.asset, list);
  }
  const rows: AssetAccountRow[] = [];
  const unbalanced: string[] = [];
  for (const cls of ASSET_CLASSES.filter((c) => byAsset.has(c.key)).concat([...byAsset.keys()].filter((k) => !ASSET_CLASSES.some((c) => c.key === k)).map((k) => ({ key: k, zh: k, en: k, unit: byAsset.get(k)![0]!.unit })))) {
    const list = byAsset.get(cls.key)!;
    const seen = new Set<string>();
    let opening: bigint | null = null;
    let closing: bigint | null = null;
    const inc: AssetAccountRow['increases'] = [];
    const dec: AssetAccountRow['decreases'] = [];
    let sumInc = 0n;
    let sumDec = 0n;
    for (const e of list) {
      const field = `${label}${cls.zh} ${e.flow}`;
      if (seen.has(e.flow)) throw new GepError('ASSET_DUPLICATE', `${field} 重复`, `${label}${cls.en} ${e.flow} appears twice`);
      seen.add(e.flow);
      const v = toUnitScaled(e.valueText, e.unit, cls.unit, field);
      if (v < 0n) throw new GepError('NEGATIVE', `${field}：不能为负（增减方向由“增加/减少”表示）`, `${label}${cls.en} ${e.flow}: must not be negative (direction is given by increase/decrease)`);
      const m = /^(increase|decrease)\.(.+)$/.exec(e.flow);
      if (e.flow === 'opening') opening = v;
      else if (e.flow === 'closing') closing = v;
      else if (m) {
        const cause = m[2]!;
        const labels = CAUSES[cause] ?? { zh: cause, en: cause };
        const item = { cause, ...labels, value: formatScaled(v, SCALE) };
        if (m[1] === 'increase') {
          inc.push(item);
          sumInc += v;
        } else {
          dec.push(item);
          sumDec += v;
        }
      } else throw new GepError('ASSET_FLOW', `${field}：未知的流量“${e.flow}”（应为 opening、closing、increase.原因 或 decrease.原因）`, `${label}${cls.en}: unknown flow "${e.flow}" (opening, closing, increase.<cause>, decrease.<cause>)`);
    }
    if (opening === null || closing === null)
      throw new GepError('ASSET_STOCK', `${label}${cls.zh} 缺少${opening === null ? '期初' : '期末'}存量`, `${label}${cls.en} lacks its ${opening === null ? 'opening' : 'closing'} stock`);
    const discrepancy = opening + sumInc - sumDec - closing;
    if (discrepancy !== 0n) unbalanced.push(`${cls.zh}：期初 ${formatScaled(opening, SCALE)} + 增加 ${formatScaled(sumInc, SCALE)} − 减少 ${formatScaled(sumDec, SCALE)} ≠ 期末 ${formatScaled(closing, SCALE)}（差 ${formatScaled(discrepancy, SCALE)} ${cls.unit}）`);
    const price = prices[cls.key];
    const perUnit = price ? convertAny(price.value, price.unit, `元/${cls.unit}`, `${cls.zh} 单价`) : null;
    rows.push({
      asset: cls.key,
      zh: cls.zh,
      en: cls.en,
      unit: cls.unit,
      opening: formatScaled(opening, SCALE),
      increases: inc,
      decreases: dec,
      closing: formatScaled(closing, SCALE),
      discrepancy: formatScaled(discrepancy, SCALE),
      balanced: discrepancy === 0n,
      monetary:
        perUnit === null
          ? null
          : {
              price: perUnit,
              priceUnit: `元/${cls.unit}`,
              openingFen: BigInt(Math.round((Number(opening) / 1e6) * perUnit * 100)),
              closingFen: BigInt(Math.round((Number(closing) / 1e6) * perUnit * 100)),
            },
    });
  }
  if (opts.strict && unbalanced.length) throw new GepError('ASSET_IDENTITY', `${label}期初 + 增加 − 减少 ≠ 期末：${unbalanced.join('；')}`, `${label}opening + increases − decreases ≠ closing for: ${unbalanced.length} asset(s)`);
  return rows;
}

/** Checks that each asset's closing stock of year t equals its opening stock of year t+1; returns the breaks. */
export function continuityBreaks(sheets: { year: number; rows: AssetAccountRow[] }[]): { asset: string; year: number; closing: string; nextOpening: string }[] {
  const out: { asset: string; year: number; closing: string; nextOpening: string }[] = [];
  const sorted = [...sheets].sort((a, b) => a.year - b.year);
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!;
    const b = sorted[i + 1]!;
    if (b.year !== a.year + 1) continue;
    for (const r of a.rows) {
      const next = b.rows.find((x) => x.asset === r.asset);
      if (next && toScaled(next.opening, r.asset) !== toScaled(r.closing, r.asset)) out.push({ asset: r.asset, year: a.year, closing: r.closing, nextOpening: next.opening });
    }
  }
  return out;
}
