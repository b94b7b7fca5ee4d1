// The shipped factor data of the carbon accounts: one versioned table, every value with its source and how sure
// it is. Pure data. A plan's local factors override a value by key with a reason (store/carbon.ts, versioned).
//
// verified:
//   seen      — the number was read in the official text or an official notice (or a faithful copy of it)
//   secondary — read in a secondary compilation or a public transcription that cites the official table (recomputed
//               where possible); the official text itself was not open in this work
// The check of 2026-05 is recorded per value in `source`: which table, and through which copy it was read.
//   recalled  — the standard default as commonly cited, NOT re-checked against the text: check before relying on it
// docs/methods/carbon.md lists every value; shared/reference/gep/carbon.md records how the seen ones were found.

export type Verification = 'seen' | 'secondary' | 'recalled';

export interface FactorDef {
  key: string;
  value: number;
  unit: string;
  zh: string;
  en: string;
  source: string;
  verified: Verification;
  note?: string;
}

/** Version of this table: results record it, so a changed default never silently changes an old figure. */
export const FACTOR_DATA_VERSION = '2026.2'; // 2026.2: manure N2O (中南) corrected, LPG/refinery-gas non-CO2 row

export const SOURCES = {
  gbt2589: 'GB/T 2589-2020《综合能耗计算通则》附录A 各种能源折标准煤参考系数',
  ncvTable: '平均低位发热量：GB/T 2589-2020 附录A 与《中国能源统计年鉴》，经《各种能源折标准煤及碳排放参考系数》表转引（shared/reference/gep/carbon.md §2，EF 已按 NCV×CC×OF×44/12 复算一致）',
  guideline: '《省级温室气体清单编制指南（试行）》（国家发展改革委办公厅 发改办气候〔2011〕1041号）',
  guidelineEnergy: '《省级温室气体清单编制指南（试行）》第一章 能源活动：单位热值含碳量、碳氧化率（经《各种能源折标准煤及碳排放参考系数》表转引）',
  ipcc2006v2: 'IPCC 2006 Guidelines, Vol. 2 Energy, Ch. 2 Stationary Combustion, Table 2.2 (energy industries, p. 2.16)',
  ipcc2006v3: 'IPCC 2006 Guidelines, Vol. 3 IPPU, Ch. 4 Metal Industry',
  ipcc2006v4: 'IPCC 2006 Guidelines, Vol. 4 AFOLU, Ch. 10 Livestock, Tables 10.10–10.11 (Asia, Tier 1)',
  ipcc2006v5: 'IPCC 2006 Guidelines, Vol. 5 Waste',
  grid2021: '生态环境部、国家统计局《关于发布2021年电力二氧化碳排放因子的公告》（公告2024年第12号，2024-04-12）',
  grid2022: '生态环境部、国家统计局《关于发布2022年电力二氧化碳排放因子的公告》（2024-12-20）',
  grid2023: '生态环境部、国家统计局 2023年电力二氧化碳排放因子（2025-12-31 发布；经二手来源转引，见 shared/reference/gep/carbon.md §3，另一公开转录亦为 0.5306）',
  gbt32151_22: 'GB/T 32151.22-2024《温室气体排放核算与报告要求 第22部分：畜禽养殖企业》附录C（与 NY/T 4243-2022 附录C 相同），经公开代码转录核对',
  forest: '《省级温室气体清单编制指南（试行）》第四章 土地利用变化和林业 及国家林业和草原局碳汇计量参数（常用引用值）',
} as const;

// Which IPCC Table 2.2 non-CO2 row applies: LPG and refinery gas have their own row (CH4 1, N2O 0.1 kg/TJ), not the
// liquid-oil row (3 / 0.6).
type FuelKind = 'coal' | 'oil' | 'petroleumGas' | 'gas';

/** The fuels of the energy accounts: physical unit, and which IPCC non-CO2 defaults apply. */
export interface FuelDef {
  code: string;
  zh: string;
  en: string;
  /** The physical unit the factors are per (吨 or 立方米). */
  unit: '吨' | '立方米';
  kind: FuelKind;
}

export const FUELS: FuelDef[] = [
  { code: 'rawCoal', zh: '原煤', en: 'raw coal', unit: '吨', kind: 'coal' },
  { code: 'coke', zh: '焦炭', en: 'coke', unit: '吨', kind: 'coal' },
  { code: 'crudeOil', zh: '原油', en: 'crude oil', unit: '吨', kind: 'oil' },
  { code: 'fuelOil', zh: '燃料油', en: 'fuel oil', unit: '吨', kind: 'oil' },
  { code: 'gasoline', zh: '汽油', en: 'gasoline', unit: '吨', kind: 'oil' },
  { code: 'kerosene', zh: '煤油', en: 'kerosene', unit: '吨', kind: 'oil' },
  { code: 'diesel', zh: '柴油', en: 'diesel', unit: '吨', kind: 'oil' },
  { code: 'lpg', zh: '液化石油气', en: 'LPG', unit: '吨', kind: 'petroleumGas' },
  { code: 'refineryGas', zh: '炼厂干气', en: 'refinery gas', unit: '吨', kind: 'petroleumGas' },
  { code: 'naturalGas', zh: '天然气', en: 'natural gas', unit: '立方米', kind: 'gas' },
];

// NCV (kJ/kg = GJ/t; gas kJ/m³ → GJ/m³), coal equivalent (kgce/kg = tce/t), carbon content (tC/TJ), oxidation.
const FUEL_TABLE: Record<string, [ncv: number, tce: number, cc: number, of: number]> = {
  rawCoal: [20.908, 0.7143, 26.37, 0.94],
  coke: [28.435, 0.9714, 29.5, 0.93],
  crudeOil: [41.816, 1.4286, 20.1, 0.98],
  fuelOil: [41.816, 1.4286, 21.1, 0.98],
  gasoline: [43.07, 1.4714, 18.9, 0.98],
  kerosene: [43.07, 1.4714, 19.5, 0.98],
  diesel: [42.652, 1.4571, 20.2, 0.98],
  lpg: [50.179, 1.7143, 17.2, 0.98],
  refineryGas: [46.055, 1.5714, 18.2, 0.98],
  naturalGas: [0.038931, 0.00133, 15.3, 0.99],
};

// Cross-check (2026-05) against GB/T 32151.22-2024 表C.1 常用化石燃料相关参数缺省值, read in a public transcription.
const SAME_IN_C1 = '；另经 GB/T 32151.22-2024 表C.1 核对，数值相同';
const FUEL_CHECK: Record<string, { ncv?: string; cc?: string; of?: string }> = {
  rawCoal: { ncv: '；GB/T 32151.22-2024 表C.1 无“原煤”一行（仅无烟煤、烟煤、褐煤等），未能另行核对' },
  coke: { ncv: SAME_IN_C1, cc: SAME_IN_C1, of: SAME_IN_C1 },
  crudeOil: { ncv: SAME_IN_C1, cc: SAME_IN_C1, of: SAME_IN_C1 },
  fuelOil: { ncv: SAME_IN_C1, cc: SAME_IN_C1, of: SAME_IN_C1 },
  gasoline: { ncv: SAME_IN_C1, cc: SAME_IN_C1, of: SAME_IN_C1 },
  kerosene: { ncv: SAME_IN_C1, cc: '；注意：GB/T 32151.22-2024 表C.1“一般煤油”为 19.6（同 IPCC 2006 other kerosene），省级指南系数表为 19.5，此处沿用指南值', of: SAME_IN_C1 },
  diesel: { ncv: SAME_IN_C1, cc: SAME_IN_C1, of: SAME_IN_C1 },
  lpg: { ncv: SAME_IN_C1, cc: SAME_IN_C1, of: SAME_IN_C1 },
  refineryGas: { ncv: '；注意：GB/T 32151.22-2024 表C.1 为 45.998 GJ/t，此处为能源统计年鉴值 46.055（= 1.5714 kgce/kg × 29.3076）', cc: SAME_IN_C1, of: '；注意：GB/T 32151.22-2024 表C.1 为 99%，省级指南系数表为 98%，此处沿用指南值' },
  naturalGas: { ncv: '；另经 GB/T 32151.22-2024 表C.1 核对：389.31 GJ/万Nm³ = 0.038931 GJ/m³', cc: SAME_IN_C1, of: SAME_IN_C1 },
};

const fuelFactors: FactorDef[] = FUELS.flatMap((f) => {
  const [ncv, tce, cc, of] = FUEL_TABLE[f.code]!;
  const check = FUEL_CHECK[f.code] ?? {};
  return [
    { key: `fuel.${f.code}.ncv`, value: ncv, unit: `GJ/${f.unit}`, zh: `${f.zh} 平均低位发热量`, en: `${f.en} net calorific value`, source: SOURCES.ncvTable + (check.ncv ?? ''), verified: 'secondary' as const },
    { key: `fuel.${f.code}.coalEquivalent`, value: tce, unit: `吨标准煤/${f.unit}`, zh: `${f.zh} 折标准煤系数`, en: `${f.en} coal-equivalent factor`, source: SOURCES.gbt2589, verified: 'secondary' as const, note: f.code === 'naturalGas' ? 'GB/T 2589 gives 1.1000–1.3300 kgce/m³; the upper value matches the NCV 38 931 kJ/m³ used here' : undefined },
    { key: `fuel.${f.code}.carbonContent`, value: cc, unit: 'tC/TJ', zh: `${f.zh} 单位热值含碳量`, en: `${f.en} carbon content per unit heat`, source: SOURCES.guidelineEnergy + (check.cc ?? ''), verified: 'secondary' as const },
    { key: `fuel.${f.code}.oxidation`, value: of, unit: '比例', zh: `${f.zh} 碳氧化率`, en: `${f.en} oxidation rate`, source: SOURCES.guidelineEnergy + (check.of ?? ''), verified: 'secondary' as const },
  ];
});

/** Forest types with the parameters of the stock-difference method. */
export const FOREST_TYPES: { code: string; zh: string; en: string; params: [density: number, bef: number, rootShoot: number, carbonFraction: number] }[] = [
  { code: 'chineseFir', zh: '杉木林', en: 'Chinese fir', params: [0.307, 1.634, 0.246, 0.52] },
  { code: 'massonPine', zh: '马尾松林', en: 'Masson pine', params: [0.38, 1.472, 0.187, 0.46] },
  { code: 'eucalyptus', zh: '桉树林', en: 'eucalyptus', params: [0.578, 1.263, 0.221, 0.525] },
  { code: 'broadleaf', zh: '阔叶混交林', en: 'mixed broadleaf', params: [0.482, 1.586, 0.262, 0.49] },
  { code: 'mixed', zh: '针阔混交林', en: 'mixed conifer-broadleaf', params: [0.486, 1.656, 0.248, 0.498] },
];

const R = 'recalled' as const;
const S = 'secondary' as const;

export const FACTORS: FactorDef[] = [
  ...fuelFactors,
  // Non-CO2 from combustion: IPCC Tier 1 defaults (the provincial guideline's own values are for power plants by technology).
  // Oil, LPG and natural gas rows of Table 2.2 were read in a public transcription that quotes the table with its
  // page; the coal row (1 / 1.5) was not found there and stays recalled.
  { key: 'combustion.coal.ch4', value: 1, unit: 'kg/TJ', zh: '煤炭燃烧 CH4 排放因子', en: 'coal combustion CH4', source: `${SOURCES.ipcc2006v2}, rows Other Bituminous Coal / Coke Oven Coke (not re-checked)`, verified: R },
  { key: 'combustion.coal.n2o', value: 1.5, unit: 'kg/TJ', zh: '煤炭燃烧 N2O 排放因子', en: 'coal combustion N2O', source: `${SOURCES.ipcc2006v2}, rows Other Bituminous Coal / Coke Oven Coke (not re-checked)`, verified: R },
  { key: 'combustion.oil.ch4', value: 3, unit: 'kg/TJ', zh: '油品燃烧 CH4 排放因子', en: 'oil combustion CH4', source: `${SOURCES.ipcc2006v2}, rows Motor Gasoline, Gas/Diesel Oil, Residual Fuel Oil: CH4 3 kg/TJ (read in a public transcription quoting the table)`, verified: S },
  { key: 'combustion.oil.n2o', value: 0.6, unit: 'kg/TJ', zh: '油品燃烧 N2O 排放因子', en: 'oil combustion N2O', source: `${SOURCES.ipcc2006v2}, rows Motor Gasoline, Gas/Diesel Oil, Residual Fuel Oil: N2O 0.6 kg/TJ (read in a public transcription quoting the table)`, verified: S },
  { key: 'combustion.petroleumGas.ch4', value: 1, unit: 'kg/TJ', zh: '液化石油气、炼厂干气燃烧 CH4 排放因子', en: 'LPG / refinery gas combustion CH4', source: `${SOURCES.ipcc2006v2}, row Liquefied Petroleum Gases: CH4 1 kg/TJ (read in a public transcription); the Refinery Gas row (also 1) not re-checked`, verified: S },
  { key: 'combustion.petroleumGas.n2o', value: 0.1, unit: 'kg/TJ', zh: '液化石油气、炼厂干气燃烧 N2O 排放因子', en: 'LPG / refinery gas combustion N2O', source: `${SOURCES.ipcc2006v2}, row Liquefied Petroleum Gases: N2O 0.1 kg/TJ (read in a public transcription); the Refinery Gas row (also 0.1) not re-checked`, verified: S },
  { key: 'combustion.gas.ch4', value: 1, unit: 'kg/TJ', zh: '天然气燃烧 CH4 排放因子', en: 'gas combustion CH4', source: `${SOURCES.ipcc2006v2}, row Natural Gas: CH4 1 kg/TJ (read in a public transcription quoting the table)`, verified: S },
  { key: 'combustion.gas.n2o', value: 0.1, unit: 'kg/TJ', zh: '天然气燃烧 N2O 排放因子', en: 'gas combustion N2O', source: `${SOURCES.ipcc2006v2}, row Natural Gas: N2O 0.1 kg/TJ (read in a public transcription quoting the table)`, verified: S },
  { key: 'electricity.coalEquivalent', value: 0.0001229, unit: '吨标准煤/千瓦时', zh: '电力折标准煤系数（当量值）', en: 'electricity coal equivalent (calorific)', source: SOURCES.gbt2589, verified: R, note: '0.1229 kgce/kWh' },

  // Grid: MEE + NBS electricity CO2 factors by publication year (kg CO2/kWh = t CO2/MWh).
  { key: 'grid.national.2021', value: 0.5568, unit: 'kgCO2/kWh', zh: '2021年全国电力平均二氧化碳排放因子', en: '2021 national average grid factor', source: SOURCES.grid2021, verified: 'secondary' },
  { key: 'grid.national.2022', value: 0.5366, unit: 'kgCO2/kWh', zh: '2022年全国电力平均二氧化碳排放因子', en: '2022 national average grid factor', source: SOURCES.grid2022, verified: 'seen' },
  { key: 'grid.national.2023', value: 0.5306, unit: 'kgCO2/kWh', zh: '2023年全国电力平均二氧化碳排放因子', en: '2023 national average grid factor', source: SOURCES.grid2023, verified: 'secondary' },
  { key: 'grid.south.2022', value: 0.3869, unit: 'kgCO2/kWh', zh: '2022年南方区域电力平均二氧化碳排放因子', en: '2022 South China grid average factor', source: SOURCES.grid2022, verified: 'seen' },

  // Industrial processes.
  { key: 'ippu.cementClinker', value: 0.538, unit: 'tCO2/t', zh: '水泥熟料生产过程排放因子', en: 'cement clinker process factor', source: `${SOURCES.guideline} 第二章 工业生产过程 水泥`, verified: R },
  { key: 'ippu.lime', value: 0.683, unit: 'tCO2/t', zh: '石灰生产过程排放因子', en: 'lime process factor', source: `${SOURCES.guideline} 第二章 工业生产过程 石灰`, verified: R },
  { key: 'ippu.steelLimestone', value: 0.43, unit: 'tCO2/t', zh: '钢铁生产 石灰石熔剂排放因子', en: 'steel: limestone flux factor', source: `${SOURCES.guideline} 第二章 工业生产过程 钢铁`, verified: R },
  { key: 'ippu.steelDolomite', value: 0.474, unit: 'tCO2/t', zh: '钢铁生产 白云石熔剂排放因子', en: 'steel: dolomite flux factor', source: `${SOURCES.guideline} 第二章 工业生产过程 钢铁`, verified: R },
  { key: 'ippu.zinc', value: 1.72, unit: 'tCO2/t', zh: '锌冶炼排放因子（缺省，工艺不明）', en: 'zinc production, Tier 1 default', source: `${SOURCES.ipcc2006v3} Table 4.24`, verified: R },
  { key: 'ippu.lead', value: 0.52, unit: 'tCO2/t', zh: '铅冶炼排放因子（缺省，工艺不明）', en: 'lead production, Tier 1 default', source: `${SOURCES.ipcc2006v3} Table 4.21`, verified: R },

  // Agriculture: Guangdong is in the guideline's 中南 region (rice, manure) and soil-N2O region V (粤桂琼闽).
  { key: 'agri.rice.early', value: 241.0, unit: 'kgCH4/ha', zh: '稻田甲烷排放因子 早稻（中南）', en: 'rice CH4, early rice (Central-South)', source: `${SOURCES.guideline} 第三章 农业 稻田甲烷`, verified: R },
  { key: 'agri.rice.late', value: 273.2, unit: 'kgCH4/ha', zh: '稻田甲烷排放因子 晚稻（中南）', en: 'rice CH4, late rice (Central-South)', source: `${SOURCES.guideline} 第三章 农业 稻田甲烷`, verified: R },
  { key: 'agri.rice.single', value: 236.7, unit: 'kgCH4/ha', zh: '稻田甲烷排放因子 中稻和一季晚稻（中南）', en: 'rice CH4, single rice (Central-South)', source: `${SOURCES.guideline} 第三章 农业 稻田甲烷`, verified: R },
  ...livestock(),
  { key: 'agri.soil.directEF', value: 0.0178, unit: 'kgN2O-N/kgN', zh: '农用地 N2O 直接排放因子（区域V：广东、广西、海南、福建）', en: 'soil direct N2O factor (region V)', source: `${SOURCES.guideline} 第三章 农业 农用地氧化亚氮`, verified: R },
  { key: 'agri.soil.volatilisedSynthetic', value: 0.1, unit: '比例', zh: '化肥氮挥发比例', en: 'fraction of synthetic N volatilised', source: `${SOURCES.guideline} 第三章（同 IPCC FracGASF）`, verified: R },
  { key: 'agri.soil.volatilisedManure', value: 0.2, unit: '比例', zh: '粪肥氮挥发比例', en: 'fraction of manure N volatilised', source: `${SOURCES.guideline} 第三章（同 IPCC FracGASM）`, verified: R },
  { key: 'agri.soil.depositionEF', value: 0.01, unit: 'kgN2O-N/kgN', zh: '大气氮沉降 N2O 排放因子', en: 'atmospheric deposition N2O factor', source: `${SOURCES.guideline} 第三章（同 IPCC EF4）`, verified: R },
  { key: 'agri.soil.leachedFraction', value: 0.2, unit: '比例', zh: '氮淋溶径流损失比例', en: 'fraction of N leached', source: `${SOURCES.guideline} 第三章`, verified: R },
  { key: 'agri.soil.leachingEF', value: 0.0075, unit: 'kgN2O-N/kgN', zh: '淋溶径流 N2O 排放因子', en: 'leaching N2O factor', source: `${SOURCES.guideline} 第三章（同 IPCC EF5）`, verified: R },

  // LULUCF: forest parameters by type for the stock-difference method (forestSink.ts).
  ...forestTypes(),

  // Waste.
  { key: 'waste.landfill.mcf.managed', value: 1.0, unit: '比例', zh: '填埋甲烷修正因子 管理型', en: 'landfill MCF, managed', source: `${SOURCES.ipcc2006v5} Ch. 3 Table 3.1 (row Managed – anaerobic 1.0; same value in the 2019 Refinement Table 3.1, read in a public transcription)`, verified: S },
  { key: 'waste.landfill.mcf.unmanagedDeep', value: 0.8, unit: '比例', zh: '填埋甲烷修正因子 非管理型（≥5 m）', en: 'landfill MCF, unmanaged deep', source: `${SOURCES.ipcc2006v5} Ch. 3 Table 3.1 (row Unmanaged – deep (≥5 m) 0.8; same value in the 2019 Refinement Table 3.1, read in a public transcription)`, verified: S },
  { key: 'waste.landfill.mcf.unmanagedShallow', value: 0.4, unit: '比例', zh: '填埋甲烷修正因子 非管理型（<5 m）', en: 'landfill MCF, unmanaged shallow', source: `${SOURCES.ipcc2006v5} Ch. 3 Table 3.1 (row Unmanaged – shallow (<5 m) 0.4; same value in the 2019 Refinement Table 3.1, read in a public transcription)`, verified: S },
  { key: 'waste.landfill.mcf.uncategorised', value: 0.6, unit: '比例', zh: '填埋甲烷修正因子 未分类', en: 'landfill MCF, uncategorised', source: `${SOURCES.ipcc2006v5} Ch. 3 Table 3.1 (row Uncategorised 0.6; same value in the 2019 Refinement Table 3.1, read in a public transcription)`, verified: S },
  { key: 'waste.landfill.doc', value: 0.15, unit: '比例', zh: '生活垃圾可降解有机碳比例 DOC（湿基）', en: 'degradable organic carbon (wet)', source: `${SOURCES.guideline} 第五章 废弃物处理（缺省值；宜按本地垃圾组分计算）`, verified: R },
  { key: 'waste.landfill.docf', value: 0.5, unit: '比例', zh: '可分解 DOC 比例 DOCF', en: 'fraction of DOC decomposed', source: `${SOURCES.ipcc2006v5} Ch. 3 §3.2.3`, verified: R },
  { key: 'waste.landfill.f', value: 0.5, unit: '比例', zh: '填埋气甲烷体积比例 F', en: 'CH4 fraction of landfill gas', source: `${SOURCES.ipcc2006v5} Ch. 3 §3.2.3`, verified: R },
  { key: 'waste.landfill.ox', value: 0.1, unit: '比例', zh: '氧化因子 OX（管理型覆盖）', en: 'oxidation factor (managed, covered)', source: `${SOURCES.ipcc2006v5} Ch. 3 Table 3.2`, verified: R },
  { key: 'waste.incineration.dryMatter', value: 0.5, unit: '比例', zh: '焚烧垃圾干物质比例', en: 'dry-matter fraction of incinerated waste', source: `${SOURCES.guideline} 第五章 废弃物焚烧（缺省值；宜实测）`, verified: R, note: 'low confidence: enter a measured local value' },
  { key: 'waste.incineration.carbonFraction', value: 0.33, unit: '比例', zh: '干物质含碳比例', en: 'carbon fraction of dry matter', source: `${SOURCES.guideline} 第五章 废弃物焚烧（缺省值；宜实测）`, verified: R, note: 'low confidence: enter a measured local value' },
  { key: 'waste.incineration.fossilFraction', value: 0.39, unit: '比例', zh: '矿物碳比例', en: 'fossil fraction of carbon', source: `${SOURCES.guideline} 第五章 废弃物焚烧（缺省值；宜实测）`, verified: R, note: 'low confidence: enter a measured local value' },
  { key: 'waste.incineration.oxidation', value: 0.95, unit: '比例', zh: '焚烧炉燃烧效率', en: 'incinerator burn-out (oxidation) factor', source: `${SOURCES.guideline} 第五章 废弃物焚烧`, verified: R },
  { key: 'waste.wastewater.boDomestic', value: 0.6, unit: 'kgCH4/kgBOD', zh: '生活污水最大甲烷产生能力 Bo', en: 'domestic wastewater Bo', source: `${SOURCES.ipcc2006v5} Ch. 6 Table 6.2 (0.6 kg CH4/kg BOD; quoted with the table by several public implementations)`, verified: S },
  { key: 'waste.wastewater.mcfDomestic', value: 0.165, unit: '比例', zh: '生活污水甲烷修正因子 MCF（全国平均）', en: 'domestic wastewater MCF', source: `${SOURCES.guideline} 第五章 废水处理`, verified: R },
  { key: 'waste.wastewater.boIndustrial', value: 0.25, unit: 'kgCH4/kgCOD', zh: '工业废水最大甲烷产生能力 Bo', en: 'industrial wastewater Bo', source: `${SOURCES.ipcc2006v5} Ch. 6 §6.2.3.2 (0.25 kg CH4/kg COD; quoted by several public implementations)`, verified: S },
  { key: 'waste.wastewater.mcfIndustrial', value: 0.178, unit: '比例', zh: '工业废水甲烷修正因子 MCF', en: 'industrial wastewater MCF', source: `${SOURCES.guideline} 第五章 废水处理`, verified: R, note: 'low confidence: check against the guideline table' },
  { key: 'waste.wastewater.n2oEF', value: 0.005, unit: 'kgN2O-N/kgN', zh: '排入水体氮的 N2O 排放因子', en: 'N2O factor of effluent nitrogen', source: `${SOURCES.ipcc2006v5} Ch. 6 Table 6.11`, verified: R },
];

/** Livestock: enteric CH4 (IPCC Asia Tier 1), manure CH4 and N2O (guideline, 中南 region).
 *  Manure factors checked (2026-05) against GB/T 32151.22-2024 表C.7 / 表C.10, row 中南（河南、湖北、湖南、广东、广西、海南）,
 *  which carry the guideline's regional defaults; three N2O values were corrected: buffalo 0.864 → 0.860, sheep
 *  0.113 → 0.106 (0.113 is the 华东 row), swine 0.158 → 0.157. */
function livestock(): FactorDef[] {
  const rows: [code: string, zh: string, en: string, enteric: number | null, manureCH4: number, manureN2O: number][] = [
    ['dairyCattle', '奶牛', 'dairy cattle', 68, 8.45, 1.71],
    ['otherCattle', '非奶牛', 'other cattle', 47, 4.72, 0.805],
    ['buffalo', '水牛', 'buffalo', 55, 8.24, 0.86],
    ['sheep', '绵羊', 'sheep', 5, 0.34, 0.106],
    ['goats', '山羊', 'goats', 5, 0.31, 0.106],
    ['swine', '猪', 'swine', 1, 5.85, 0.157],
    ['poultry', '家禽', 'poultry', null, 0.02, 0.007],
  ];
  return rows.flatMap(([code, zh, en, enteric, mch4, mn2o]) => [
    ...(enteric === null ? [] : [{ key: `agri.enteric.${code}`, value: enteric, unit: 'kgCH4/头/年', zh: `${zh} 肠道发酵甲烷排放因子`, en: `${en} enteric CH4`, source: SOURCES.ipcc2006v4, verified: R }]),
    { key: `agri.manureCH4.${code}`, value: mch4, unit: 'kgCH4/头/年', zh: `${zh} 粪便管理甲烷排放因子（中南）`, en: `${en} manure CH4 (Central-South)`, source: `${SOURCES.guideline} 第三章 动物粪便管理（中南）；核对：${SOURCES.gbt32151_22} 表C.7 不同区域、不同动物粪便管理甲烷排放因子缺省值，中南行`, verified: S },
    { key: `agri.manureN2O.${code}`, value: mn2o, unit: 'kgN2O/头/年', zh: `${zh} 粪便管理氧化亚氮排放因子（中南）`, en: `${en} manure N2O (Central-South)`, source: `${SOURCES.guideline} 第三章 动物粪便管理（中南）；核对：${SOURCES.gbt32151_22} 表C.10 不同区域、不同动物粪便管理氧化亚氮直接排放因子缺省值，中南行`, verified: S },
  ]);
}

function forestTypes(): FactorDef[] {
  return FOREST_TYPES.flatMap((t) => {
    const [d, bef, r, cf] = t.params;
    const f = (k: string, value: number, unit: string, zh: string, en: string): FactorDef => ({ key: `forest.${t.code}.${k}`, value, unit, zh: `${t.zh} ${zh}`, en: `${t.en} ${en}`, source: SOURCES.forest, verified: R });
    return [
      f('density', d, 't/m³', '基本木材密度 SVD', 'basic wood density'),
      f('bef', bef, '比例', '生物量扩展因子 BEF', 'biomass expansion factor'),
      f('rootShoot', r, '比例', '根茎比 R', 'root-shoot ratio'),
      f('carbonFraction', cf, 'tC/t', '含碳率 CF', 'carbon fraction'),
    ];
  });
}

/** Global warming potentials (100-year). The 2011 guideline used SAR; current practice AR5 or AR6. The AR4/AR5/AR6
 *  pairs were checked (2026-05) against public implementations that cite these tables; not against the reports. */
export const GWP_SETS = {
  SAR: { CH4: 21, N2O: 310, source: 'IPCC Second Assessment Report (1995), as used by the 2011 provincial guideline' },
  AR4: { CH4: 25, N2O: 298, source: 'IPCC AR4 WG1 (2007) Ch. 2 Table 2.14 (100-yr)' },
  AR5: { CH4: 28, N2O: 265, source: 'IPCC AR5 WG1 (2013) Ch. 8 Table 8.7 (100-yr, without climate-carbon feedbacks)' },
  AR6: { CH4: 27.9, N2O: 273, source: 'IPCC AR6 WG1 (2021) Ch. 7: CH4 27.9 from Table 7.SM.7 (one value for CH4); Table 7.15 splits CH4 into fossil 29.8 and non-fossil 27.0; N2O 273 (Table 7.15)' },
} as const;
export type GwpSet = keyof typeof GWP_SETS;
export const DEFAULT_GWP: GwpSet = 'AR5';
