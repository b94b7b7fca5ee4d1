// The equivalent-factor method (当量因子法) as a SCREENING account from extents alone — not the specification's GEP.
// 谢高地, 张彩霞, 张雷明, 陈文辉, 李士美. 基于单位面积价值当量因子的生态系统服务价值化方法改进.
// 自然资源学报, 2015, 30(8): 1243-1254 — the national static table of value equivalents per hm² (表 of 14 types ×
// 11 services). ESV = Σ_type A_type × Σ_service E_type,service × D, with D the value of one standard equivalent
// (元/hm², the net profit of grain per hm² of farmland for the year, entered as data). Pure.
import { formatScaled } from '../plan/decimal.js';
import { GepError } from './errors.js';
import { ECO_TYPE_IDS, type EcoType } from './spec.js';

export const SERVICES = [
  { key: 'food_production', zh: '食物生产', en: 'food production', group: 'provisioning' },
  { key: 'raw_material', zh: '原料生产', en: 'raw materials', group: 'provisioning' },
  { key: 'water_supply', zh: '水资源供给', en: 'water supply', group: 'provisioning' },
  { key: 'gas_regulation', zh: '气体调节', en: 'gas regulation', group: 'regulating' },
  { key: 'climate_regulation', zh: '气候调节', en: 'climate regulation', group: 'regulating' },
  { key: 'environmental_purification', zh: '净化环境', en: 'environmental purification', group: 'regulating' },
  { key: 'hydrological_regulation', zh: '水文调节', en: 'hydrological regulation', group: 'regulating' },
  { key: 'soil_conservation', zh: '土壤保持', en: 'soil conservation', group: 'supporting' },
  { key: 'nutrient_cycling', zh: '维持养分循环', en: 'nutrient cycling', group: 'supporting' },
  { key: 'biodiversity', zh: '生物多样性', en: 'biodiversity', group: 'supporting' },
  { key: 'aesthetic_landscape', zh: '美学景观', en: 'aesthetic landscape', group: 'cultural' },
] as const;
export type ServiceKey = (typeof SERVICES)[number]['key'];

export interface EquivalentRow {
  type: string;
  zh: string;
  /** Equivalents in SERVICES order. */
  values: readonly number[];
  /** What the row was checked against; "unverified" rows await a check against the paper itself. */
  verification: 'secondary' | 'partial' | 'unverified';
  verificationNote: string;
}

const UNVERIFIED = '未能对照原文核实（取自 shared/reference 笔记）/ not checked against the paper; from the reference notes';
const ZHAO = '赵鸿雁 等《土地整治的生态系统服务价值评估》(ChinaXiv 202004.00060) 表2 引用谢高地等的当量，11 项与本行一致；尚未对照原文 / matches the 11 values reproduced by Zhao et al.; not yet checked against the paper';

/** 谢高地 et al. 2015 table, static national equivalents per hm² (one row per second-level type). */
export const XIE_2015: readonly EquivalentRow[] = [
  { type: 'dry_land', zh: '旱地', values: [0.85, 0.4, 0.02, 0.67, 0.36, 0.1, 0.27, 1.03, 0.12, 0.13, 0.06], verification: 'partial', verificationNote: '赵鸿雁 等 表1“旱地”列：8 项一致；净化环境与水文调节两值互换（0.27/0.10），生物多样性为 0.12 而非 0.13 / 8 of 11 match Zhao et al. Table 1; purification and hydrological regulation swapped there; biodiversity 0.12 there' },
  { type: 'paddy', zh: '水田', values: [1.36, 0.09, -2.63, 1.11, 0.57, 0.17, 2.72, 0.01, 0.19, 0.21, 0.09], verification: 'unverified', verificationNote: UNVERIFIED },
  { type: 'coniferous', zh: '针叶', values: [0.22, 0.52, 0.27, 1.7, 5.07, 1.49, 3.34, 2.06, 0.16, 1.88, 0.82], verification: 'unverified', verificationNote: UNVERIFIED },
  { type: 'mixed_conifer_broadleaf', zh: '针阔混交', values: [0.31, 0.71, 0.37, 2.35, 7.03, 1.99, 3.51, 2.86, 0.22, 2.6, 1.14], verification: 'secondary', verificationNote: ZHAO.replace('表2', '表2“有林地”') },
  { type: 'broadleaf', zh: '阔叶', values: [0.29, 0.66, 0.34, 2.17, 6.5, 1.93, 4.74, 2.65, 0.2, 2.41, 1.06], verification: 'unverified', verificationNote: UNVERIFIED },
  { type: 'shrub', zh: '灌木', values: [0.19, 0.43, 0.22, 1.41, 4.23, 1.28, 3.35, 1.72, 0.13, 1.57, 0.69], verification: 'secondary', verificationNote: ZHAO.replace('表2', '表2“灌木林地”') },
  { type: 'steppe', zh: '草原', values: [0.1, 0.14, 0.08, 0.51, 1.34, 0.44, 0.98, 0.62, 0.05, 0.56, 0.25], verification: 'unverified', verificationNote: UNVERIFIED },
  { type: 'shrub_grass', zh: '灌草丛', values: [0.38, 0.56, 0.31, 1.97, 5.21, 1.72, 3.82, 2.4, 0.18, 2.18, 0.96], verification: 'unverified', verificationNote: UNVERIFIED },
  { type: 'meadow', zh: '草甸', values: [0.22, 0.33, 0.18, 1.14, 3.02, 1.0, 2.21, 1.39, 0.11, 1.27, 0.56], verification: 'unverified', verificationNote: UNVERIFIED },
  { type: 'wetland', zh: '湿地', values: [0.51, 0.5, 2.59, 1.9, 3.6, 3.6, 24.23, 2.31, 0.18, 7.87, 4.73], verification: 'unverified', verificationNote: UNVERIFIED },
  { type: 'desert', zh: '荒漠', values: [0.01, 0.03, 0.02, 0.11, 0.1, 0.31, 0.21, 0.13, 0.01, 0.12, 0.05], verification: 'unverified', verificationNote: UNVERIFIED },
  { type: 'bare_land', zh: '裸地', values: [0, 0, 0, 0.02, 0, 0.1, 0.03, 0.02, 0, 0.02, 0.01], verification: 'unverified', verificationNote: UNVERIFIED },
  { type: 'water_system', zh: '水系', values: [0.8, 0.23, 8.29, 0.77, 2.29, 5.55, 102.24, 0.93, 0.07, 2.55, 1.89], verification: 'unverified', verificationNote: UNVERIFIED },
  { type: 'glacier_snow', zh: '冰川积雪', values: [0, 0, 2.16, 0.18, 0.54, 0.16, 7.13, 0, 0, 0.01, 0.09], verification: 'unverified', verificationNote: UNVERIFIED },
];

/** Which table row(s) an ecosystem type of the extent account uses, with shares summing to 1; [] = no value. */
export type TypeMapping = Record<EcoType, { row: string; share: number }[]>;

/**
 * Default mapping for a southern humid (subtropical) region (documented in docs/methods/gep.md): forest as
 * 针阔混交, grassland as 灌草丛, farmland as 水田 (paddy dominates), unused land as 裸地; urban green space and
 * settlements have no row in the table and get no value.
 */
export const DEFAULT_MAPPING: TypeMapping = {
  forest: [{ row: 'mixed_conifer_broadleaf', share: 1 }],
  shrub: [{ row: 'shrub', share: 1 }],
  grassland: [{ row: 'shrub_grass', share: 1 }],
  wetland: [{ row: 'wetland', share: 1 }],
  water: [{ row: 'water_system', share: 1 }],
  farmland: [{ row: 'paddy', share: 1 }],
  urban_green: [],
  settlement: [],
  unused: [{ row: 'bare_land', share: 1 }],
};

export interface EquivalentAccount {
  method: 'equivalent-factor';
  label: { zh: string; en: string };
  standardEquivalentYuanPerHm2: number;
  byType: { type: EcoType; areaHm2: number; valueFen: bigint; rows: string[] }[];
  byService: { key: ServiceKey; zh: string; en: string; valueFen: bigint }[];
  totalFen: bigint;
  unverifiedRowsUsed: string[];
}

export const EQUIVALENT_LABEL = {
  zh: '当量因子法筛查估算（谢高地等 2015），非《生态产品总值核算规范》核算结果，不得与规范 GEP 相加或替代',
  en: 'Equivalent-factor screening estimate (Xie et al. 2015); not the specification’s GEP, never to be added to or replace it',
};

/**
 * ESV of a region from its extent (hm² by type) and the value D of one standard equivalent (元/hm²):
 * ESV = Σ_t A_t × Σ_s (Σ_r share_r × E_r,s) × D. Values are rounded to the fen per type and service, and the
 * total is their exact sum.
 */
export function equivalentAccount(extentHm2: Partial<Record<EcoType, number>>, standardEquivalent: number, mapping: TypeMapping = DEFAULT_MAPPING, table: readonly EquivalentRow[] = XIE_2015): EquivalentAccount {
  if (!(standardEquivalent > 0)) throw new GepError('EQUIVALENT_D', `标准当量价值 D 须为正数（元/公顷），给出的是 ${standardEquivalent}`, `the standard equivalent value D must be positive (yuan/ha); got ${standardEquivalent}`);
  const rows = new Map(table.map((r) => [r.type, r]));
  const serviceFen = SERVICES.map(() => 0n);
  const byType: EquivalentAccount['byType'] = [];
  const unverified = new Set<string>();
  for (const t of ECO_TYPE_IDS) {
    const area = extentHm2[t] ?? 0;
    const map = mapping[t];
    const shareSum = map.reduce((s, m) => s + m.share, 0);
    if (map.length && Math.abs(shareSum - 1) > 1e-9) throw new GepError('EQUIVALENT_MAPPING', `类型 ${t} 的当量行份额之和应为 1，实为 ${shareSum}`, `shares of type ${t} must sum to 1, got ${shareSum}`);
    let typeFen = 0n;
    SERVICES.forEach((_, s) => {
      let e = 0;
      for (const m of map) {
        const row = rows.get(m.row);
        if (!row) throw new GepError('EQUIVALENT_ROW', `当量表中没有“${m.row}”`, `no row "${m.row}" in the equivalent table`);
        if (row.verification === 'unverified' && area > 0) unverified.add(row.zh);
        e += m.share * row.values[s]!;
      }
      const v = BigInt(Math.round(area * e * standardEquivalent * 100));
      serviceFen[s]! += v;
      typeFen += v;
    });
    if (area > 0 || map.length) byType.push({ type: t, areaHm2: area, valueFen: typeFen, rows: map.map((m) => m.row) });
  }
  return {
    method: 'equivalent-factor',
    label: EQUIVALENT_LABEL,
    standardEquivalentYuanPerHm2: standardEquivalent,
    byType,
    byService: SERVICES.map((s, i) => ({ key: s.key, zh: s.zh, en: s.en, valueFen: serviceFen[i]! })),
    totalFen: serviceFen.reduce((a, b) => a + b, 0n),
    unverifiedRowsUsed: [...unverified],
  };
}

export const fenText = (f: bigint) => formatScaled(f, 2);
