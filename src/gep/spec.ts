// The item registry of GEP accounting: every item of 《生态产品总值核算规范（试行）》（发改基础〔2022〕481号）
// declared once — category, labels, inputs with units, the physical-quantity model (实物量), the pricing
// (价值量) and the clause — so that validation, input forms (GET /gep/spec), docs and reports share one source.
// Pure: no I/O. Formulas follow the specification's item list; where it leaves the model open, the form used by
// the MEE terrestrial GEP guide (2020) and the RCEES accounts (e.g. 白玛卓嘎 et al. 2017, 生态学报 37(19)) is named.

export const ECOSYSTEM_TYPES = [
  { id: 'forest', zh: '森林', en: 'forest' },
  { id: 'shrub', zh: '灌丛', en: 'shrubland' },
  { id: 'grassland', zh: '草地', en: 'grassland' },
  { id: 'wetland', zh: '湿地', en: 'wetland' },
  { id: 'water', zh: '河流湖库', en: 'rivers, lakes and reservoirs' },
  { id: 'farmland', zh: '农田', en: 'farmland' },
  { id: 'urban_green', zh: '城市绿地', en: 'urban green space' },
  { id: 'settlement', zh: '城镇建设用地', en: 'settlement (built-up land)' },
  { id: 'unused', zh: '未利用地', en: 'unused land' },
] as const;
export type EcoType = (typeof ECOSYSTEM_TYPES)[number]['id'];
export const ECO_TYPE_IDS = ECOSYSTEM_TYPES.map((t) => t.id) as EcoType[];
export const isEcoType = (s: string): s is EcoType => (ECO_TYPE_IDS as string[]).includes(s);

export type Category = 'material' | 'regulating' | 'cultural';
export const CATEGORIES: { id: Category; zh: string; en: string }[] = [
  { id: 'material', zh: '物质产品', en: 'material products' },
  { id: 'regulating', zh: '调节服务', en: 'regulating services' },
  { id: 'cultural', zh: '文化服务', en: 'cultural services' },
];

export interface InputSpec {
  /** Global key: the same key (e.g. precipitation) may serve several items. */
  key: string;
  zh: string;
  en: string;
  unit: string;
  /** Entered per ecosystem type (a region-wide value, entered without a type, applies to every type). */
  perType: boolean;
  allowNegative?: boolean;
}

export interface ParamSpec {
  key: string;
  zh: string;
  en: string;
  unit: string;
}

export interface LineSpec {
  key: string;
  zh: string;
  en: string;
  /** Unit of the physical quantity; for value-entered lines 元. */
  unit: string;
  perType: boolean;
  /** 'unit': value = quantity × unit price; 'index': the quantity is already a value at current prices, deflated by a price index. */
  pricing: 'unit' | 'index';
  priceKey: string;
  /** Unit of the price ('元/m³'); for index lines '1'. */
  priceUnit: string;
  /** Parameters that multiply the value (e.g. the landscape premium share η). */
  multipliers?: string[];
  /** Type the line is attributed to when it is not entered per type. */
  defaultType?: EcoType;
  /** The physical model; absent when the quantity can only be entered. */
  model?: (ctx: ModelContext) => TypedQuantity[];
}

export interface TypedQuantity {
  type: EcoType | null;
  q: number;
}

export interface ItemSpec {
  id: string;
  category: Category;
  zh: string;
  en: string;
  /** The clause implemented; `verified` says whether it was checked against the specification's own text. */
  clause: { zh: string; en: string; verified: boolean };
  /** Where the model's formula comes from, when the specification leaves it open. */
  methodSource: string;
  physicalFormula: string;
  valueFormula: string;
  pricingMethod: { zh: string; en: string };
  /** Ecosystem types the item's per-type models run over. */
  types: EcoType[];
  inputs: InputSpec[];
  params: ParamSpec[];
  lines: LineSpec[];
  /** Whether the item counts in the specification's GEP total by default. */
  defaultIncluded: boolean;
  note?: string;
}

/** What a model sees: inputs converted to their declared units, parameters for the year, the extent. */
export interface ModelContext {
  /** Types with a positive area in the extent account of the region and year. */
  types: EcoType[];
  area(type: EcoType, unit: 'm²' | 'hm²' | 'km²'): number;
  /** An input (per type, falling back to the region-wide value), undefined when absent. */
  input(key: string, type?: EcoType | null): number | undefined;
  /** Like input, but records the input as missing (and answers 0) when absent. */
  need(key: string, type?: EcoType | null): number;
  param(key: string): number;
  /** The quantities of a line of an item computed earlier in the same account. */
  line(itemId: string, lineKey: string): TypedQuantity[];
}

const SPEC = '《生态产品总值核算规范（试行）》（发改基础〔2022〕481号）';
const clause = (part: string, partEn: string) => ({ zh: `${SPEC} 核算指标体系：${part}`, en: `NDRC/NBS 2022 GEP accounting specification, indicator system: ${partEn}`, verified: false });
const MEE = 'MEE《陆地生态系统生产总值（GEP）核算技术指南》(2020) as reproduced in RCEES accounts; 白玛卓嘎 等 2017 生态学报 37(19):6302-6312 §2.4';

const inp = (key: string, zh: string, en: string, unit: string, perType = true): InputSpec => ({ key, zh, en, unit, perType });
const par = (key: string, zh: string, en: string, unit: string): ParamSpec => ({ key, zh, en, unit });

/** Runs `f` over the item's types present in the extent, one quantity per type. */
function perType(ctx: ModelContext, types: EcoType[], f: (t: EcoType) => number): TypedQuantity[] {
  return ctx.types.filter((t) => types.includes(t)).map((t) => ({ type: t, q: f(t) }));
}

/** Σ per-type capacity × area (km²), capped by the region's emission or load when the cap parameter is 1. */
function capped(ctx: ModelContext, types: EcoType[], rateKey: string, rateToT: number, capKey: string): TypedQuantity[] {
  const raw = perType(ctx, types, (t) => ctx.need(rateKey, t) * ctx.area(t, 'km²') * rateToT);
  if (!raw.length) return raw; // no type of the item in the extent
  const total = raw.reduce((s, r) => s + r.q, 0);
  if (ctx.param('param.cap_by_emission') !== 1) return raw;
  const cap = ctx.need(capKey);
  if (total <= cap || total === 0) return raw;
  // Capped: the emitted amount, attributed to types in proportion to their capacity.
  return raw.map((r) => ({ type: r.type, q: (r.q / total) * cap }));
}

/** Soil retained A_c (t/a) per type: entered, or RUSLE A_c = R·K·LS·(1 − C·P) × area (hm²). */
function soilRetained(ctx: ModelContext, types: EcoType[]): TypedQuantity[] {
  return perType(ctx, types, (t) => {
    const entered = ctx.input('soil_retained', t);
    if (entered !== undefined) return entered;
    const r = ctx.need('rusle_r', t);
    const k = ctx.need('rusle_k', t);
    const ls = ctx.need('rusle_ls', t);
    const c = ctx.need('rusle_c', t);
    const p = ctx.need('rusle_p', t);
    return r * k * ls * (1 - c * p) * ctx.area(t, 'hm²');
  });
}

const VEGETATED: EcoType[] = ['forest', 'shrub', 'grassland', 'wetland', 'farmland', 'urban_green', 'unused'];
const GREEN: EcoType[] = ['forest', 'shrub', 'grassland', 'wetland', 'farmland', 'urban_green'];

const valueLine = (priceKey: string, defaultType: EcoType): LineSpec => ({
  key: 'value',
  zh: '产值（当年价）',
  en: 'output value (current prices)',
  unit: '元',
  perType: false,
  pricing: 'index',
  priceKey,
  priceUnit: '1',
  defaultType,
});

const materialItem = (id: string, zh: string, en: string, type: EcoType, index: string): ItemSpec => ({
  id,
  category: 'material',
  zh,
  en,
  clause: clause(`物质产品—${zh}`, `material products — ${en}`),
  methodSource: 'statistical yearbook: 农林牧渔业总产值 by sector (gross output; RCEES accounts sometimes use 净产值 — enter what the region adopts and say so in the source)',
  physicalFormula: 'Q = 统计产量 / statistical output (entered as the sector output value)',
  valueFormula: 'V = Σ Q_i × P_i = 产值 (current prices); at constant prices of base year B: V_B = V_t × I_B / I_t',
  pricingMethod: { zh: '市场价值法', en: 'market value' },
  types: [type],
  inputs: [],
  params: [],
  lines: [valueLine(index, type)],
  defaultIncluded: true,
});

export const ITEMS: ItemSpec[] = [
  materialItem('agriculture', '农业产品', 'agricultural products', 'farmland', 'index.agriculture'),
  materialItem('forestry', '林业产品', 'forestry products', 'forest', 'index.forestry'),
  materialItem('livestock', '畜牧业产品', 'livestock products', 'grassland', 'index.livestock'),
  materialItem('fishery', '渔业产品', 'fishery products', 'water', 'index.fishery'),
  {
    id: 'eco_energy',
    category: 'material',
    zh: '生态能源',
    en: 'ecological energy',
    clause: clause('物质产品—生态能源', 'material products — ecological energy'),
    methodSource: '白玛卓嘎 等 2017 §2.3(3): hydropower generation × on-grid price',
    physicalFormula: 'Q = 水力发电量 E (kWh)',
    valueFormula: 'V = E × P_e',
    pricingMethod: { zh: '市场价值法（上网电价）', en: 'market value (on-grid tariff)' },
    types: ['water'],
    inputs: [],
    params: [],
    lines: [{ key: 'hydropower', zh: '水力发电量', en: 'hydropower generation', unit: 'kWh', perType: false, pricing: 'unit', priceKey: 'price.hydropower', priceUnit: '元/kWh', defaultType: 'water' }],
    defaultIncluded: true,
  },
  {
    id: 'water_supply',
    category: 'material',
    zh: '水资源',
    en: 'water supply',
    clause: { zh: '白玛卓嘎 等 2017 §2.3(2)（RCEES 核算口径；是否计入以所采用规范为准）', en: 'RCEES practice (Garzê 2017 §2.3(2)); not confirmed in the NDRC item list', verified: false },
    methodSource: '白玛卓嘎 等 2017 式(1): V_p = Σ Q_pi × P_pi',
    physicalFormula: 'Q_i = 生活、工业、农业用水量 (m³)',
    valueFormula: 'V = Σ Q_i × P_i',
    pricingMethod: { zh: '市场价值法（水价）', en: 'market value (water tariffs)' },
    types: ['water'],
    inputs: [],
    params: [],
    lines: [
      { key: 'domestic', zh: '生活用水量', en: 'domestic water use', unit: 'm³', perType: false, pricing: 'unit', priceKey: 'price.water_domestic', priceUnit: '元/m³', defaultType: 'water' },
      { key: 'industrial', zh: '工业用水量', en: 'industrial water use', unit: 'm³', perType: false, pricing: 'unit', priceKey: 'price.water_industrial', priceUnit: '元/m³', defaultType: 'water' },
      { key: 'agricultural', zh: '农业用水量', en: 'agricultural water use', unit: 'm³', perType: false, pricing: 'unit', priceKey: 'price.water_agricultural', priceUnit: '元/m³', defaultType: 'water' },
    ],
    defaultIncluded: false,
    note: '与水源涵养有重复计算风险，默认不计入 / overlaps water conservation; off by default',
  },
  {
    id: 'water_conservation',
    category: 'regulating',
    zh: '水源涵养',
    en: 'water conservation',
    clause: clause('调节服务—水源涵养', 'regulating services — water conservation'),
    methodSource: `${MEE}: water balance Q_w = Σ (P_i − R_i − ET_i) · A_i`,
    physicalFormula: 'Q_w = Σ_i A_i × (P_i − R_i − ET_i) × 10⁻³ (m³/a; A in m², P, R, ET in mm); R_i = P_i × α_i when only the runoff coefficient α is given',
    valueFormula: 'V = Q_w × C_we (水库单位库容工程造价 元/m³)',
    pricingMethod: { zh: '影子工程法（水库库容造价）', en: 'shadow project (reservoir construction cost per m³)' },
    types: VEGETATED,
    inputs: [
      inp('precipitation', '降水量', 'precipitation', 'mm'),
      inp('runoff', '地表（暴雨）径流量', 'storm runoff depth', 'mm'),
      inp('runoff_coefficient', '地表径流系数', 'surface runoff coefficient', '%'),
      inp('evapotranspiration', '蒸散发量', 'evapotranspiration', 'mm'),
    ],
    params: [],
    lines: [
      {
        key: 'q',
        zh: '水源涵养量',
        en: 'water retained',
        unit: 'm³',
        perType: true,
        pricing: 'unit',
        priceKey: 'price.reservoir_capacity',
        priceUnit: '元/m³',
        model: (ctx) =>
          perType(ctx, VEGETATED, (t) => {
            const p = ctx.need('precipitation', t);
            const runoff = ctx.input('runoff', t);
            const r = runoff !== undefined ? runoff : p * ctx.need('runoff_coefficient', t) * 0.01;
            const et = ctx.need('evapotranspiration', t);
            return ctx.area(t, 'm²') * (p - r - et) * 1e-3;
          }),
      },
    ],
    defaultIncluded: true,
  },
  {
    id: 'soil_retention',
    category: 'regulating',
    zh: '土壤保持',
    en: 'soil retention',
    clause: clause('调节服务—土壤保持（减少泥沙淤积、减少面源污染）', 'regulating services — soil retention (reduced sedimentation, reduced non-point pollution)'),
    methodSource: `${MEE}: RUSLE potential minus actual erosion; 白玛卓嘎 等 2017 式(4)(5)`,
    physicalFormula: 'A_c = R × K × LS × (1 − C × P) × A (t/a; A in hm²); sediment = λ × A_c / ρ (m³); N = A_c × c_N; P = A_c × c_P (t)',
    valueFormula: 'V = sediment × C_dredge + N × C_N + P × C_P',
    pricingMethod: { zh: '替代成本法（清淤费用、氮磷处理成本）', en: 'replacement cost (dredging; N and P removal)' },
    types: VEGETATED,
    inputs: [
      inp('soil_retained', '土壤保持量', 'soil retained', 't'),
      inp('rusle_r', '降雨侵蚀力因子 R', 'rainfall erosivity R', 'MJ·mm/(hm²·h·a)'),
      inp('rusle_k', '土壤可蚀性因子 K', 'soil erodibility K', 't·hm²·h/(hm²·MJ·mm)'),
      inp('rusle_ls', '坡长坡度因子 LS', 'slope length-steepness LS', '1'),
      inp('rusle_c', '植被覆盖与管理因子 C', 'cover-management C', '1'),
      inp('rusle_p', '水土保持措施因子 P', 'support practice P', '1'),
    ],
    params: [
      par('param.sediment_ratio', '泥沙淤积系数 λ', 'sedimentation ratio λ', '1'),
      par('param.soil_bulk_density', '土壤容重 ρ', 'soil bulk density ρ', 't/m³'),
      par('param.soil_n', '土壤氮含量 c_N', 'soil nitrogen content c_N', '%'),
      par('param.soil_p', '土壤磷含量 c_P', 'soil phosphorus content c_P', '%'),
    ],
    lines: [
      {
        key: 'sediment',
        zh: '减少泥沙淤积量',
        en: 'reduced sedimentation',
        unit: 'm³',
        perType: true,
        pricing: 'unit',
        priceKey: 'price.dredging',
        priceUnit: '元/m³',
        model: (ctx) => soilRetained(ctx, VEGETATED).map((x) => ({ type: x.type, q: (ctx.param('param.sediment_ratio') * x.q) / ctx.param('param.soil_bulk_density') })),
      },
      {
        key: 'nitrogen',
        zh: '减少氮面源污染量',
        en: 'reduced nitrogen non-point pollution',
        unit: 't',
        perType: true,
        pricing: 'unit',
        priceKey: 'price.n_removal',
        priceUnit: '元/t',
        model: (ctx) => soilRetained(ctx, VEGETATED).map((x) => ({ type: x.type, q: x.q * ctx.param('param.soil_n') * 0.01 })),
      },
      {
        key: 'phosphorus',
        zh: '减少磷面源污染量',
        en: 'reduced phosphorus non-point pollution',
        unit: 't',
        perType: true,
        pricing: 'unit',
        priceKey: 'price.p_removal',
        priceUnit: '元/t',
        model: (ctx) => soilRetained(ctx, VEGETATED).map((x) => ({ type: x.type, q: x.q * ctx.param('param.soil_p') * 0.01 })),
      },
    ],
    defaultIncluded: true,
  },
  {
    id: 'sand_fixation',
    category: 'regulating',
    zh: '防风固沙',
    en: 'windbreak and sand fixation',
    clause: clause('调节服务—防风固沙', 'regulating services — windbreak and sand fixation'),
    methodSource: `${MEE}: RWEQ potential minus actual wind erosion; 白玛卓嘎 等 2017 式(6)`,
    physicalFormula: 'Q_sf = S_L潜在 − S_L实际 (t/a); restored area = Q_sf / (ρ_sand × h) (m²)',
    valueFormula: 'V = Q_sf / (ρ_sand × h) × C_sand (元/m²)',
    pricingMethod: { zh: '替代成本法（治沙工程成本）', en: 'replacement cost (sand-control works)' },
    types: ['forest', 'shrub', 'grassland', 'farmland', 'unused'],
    inputs: [inp('sand_fixed', '固沙量', 'sand fixed', 't'), inp('wind_erosion_potential', '潜在风蚀量', 'potential wind erosion', 't'), inp('wind_erosion_actual', '实际风蚀量', 'actual wind erosion', 't')],
    params: [par('param.sand_bulk_density', '沙砾堆积密度 ρ', 'sand bulk density ρ', 't/m³'), par('param.sand_thickness', '土壤沙化覆沙厚度 h', 'standard sand-cover thickness h', 'm')],
    lines: [
      {
        key: 'area',
        zh: '固沙折算面积',
        en: 'equivalent restored area',
        unit: 'm²',
        perType: true,
        pricing: 'unit',
        priceKey: 'price.sand_control',
        priceUnit: '元/m²',
        model: (ctx) =>
          perType(ctx, ['forest', 'shrub', 'grassland', 'farmland', 'unused'], (t) => {
            const entered = ctx.input('sand_fixed', t);
            const q = entered !== undefined ? entered : ctx.need('wind_erosion_potential', t) - ctx.need('wind_erosion_actual', t);
            return q / (ctx.param('param.sand_bulk_density') * ctx.param('param.sand_thickness'));
          }),
      },
    ],
    defaultIncluded: true,
    note: '湿润地区一般不适用，可录入 0 / usually not applicable in humid regions; enter 0',
  },
  {
    id: 'coastal_protection',
    category: 'regulating',
    zh: '海岸带防护',
    en: 'coastal protection',
    clause: clause('调节服务—海岸带防护', 'regulating services — coastal protection'),
    methodSource: 'protected coastline length × seawall cost (entered quantity only)',
    physicalFormula: 'Q = 受保护海岸线长度 (m)',
    valueFormula: 'V = Q × C_seawall (元/m)',
    pricingMethod: { zh: '替代成本法（海堤工程造价）', en: 'replacement cost (seawall works)' },
    types: ['wetland'],
    inputs: [],
    params: [],
    lines: [{ key: 'length', zh: '防护海岸线长度', en: 'protected coastline', unit: 'm', perType: false, pricing: 'unit', priceKey: 'price.seawall', priceUnit: '元/m', defaultType: 'wetland' }],
    defaultIncluded: true,
    note: '内陆地区不适用，可录入 0 / not applicable inland; enter 0',
  },
  {
    id: 'flood_regulation',
    category: 'regulating',
    zh: '洪水调蓄',
    en: 'flood regulation',
    clause: clause('调节服务—洪水调蓄', 'regulating services — flood regulation'),
    methodSource: `${MEE}; lake model C_l = e^a × A^b × T (饶恩明 等 2014, 生态学报 34(21)); reservoir C_r = share × C_t; marsh C_m = S × depth; vegetation Σ (P_storm − R_storm) × A`,
    physicalFormula: 'C = C_veg + C_lake + C_reservoir + C_marsh (m³/a)',
    valueFormula: 'V = C × C_we (水库单位库容工程造价 元/m³)',
    pricingMethod: { zh: '影子工程法（水库库容造价）', en: 'shadow project (reservoir cost per m³)' },
    types: ['forest', 'shrub', 'grassland', 'urban_green'],
    inputs: [
      inp('storm_precipitation', '暴雨降水量', 'storm precipitation', 'mm'),
      inp('storm_runoff', '暴雨径流量', 'storm runoff', 'mm'),
      inp('lake_area', '湖泊面积', 'lake area', 'km²', false),
      inp('reservoir_capacity', '水库总库容', 'reservoir total capacity', 'm³', false),
      inp('marsh_area', '沼泽面积', 'marsh area', 'km²', false),
    ],
    params: [
      par('param.lake_a', '湖泊调蓄模型系数 a', 'lake model coefficient a', '1'),
      par('param.lake_b', '湖泊调蓄模型指数 b', 'lake model exponent b', '1'),
      par('param.lake_turnover', '湖泊换水次数 T', 'lake turnover T', '1'),
      par('param.reservoir_flood_share', '水库防洪库容比例', 'flood-control share of reservoir capacity', '1'),
      par('param.marsh_depth', '沼泽滞水深度', 'marsh storage depth', 'm'),
    ],
    lines: [
      {
        key: 'vegetation',
        zh: '植被调蓄量',
        en: 'vegetation storm retention',
        unit: 'm³',
        perType: true,
        pricing: 'unit',
        priceKey: 'price.reservoir_capacity',
        priceUnit: '元/m³',
        model: (ctx) => perType(ctx, ['forest', 'shrub', 'grassland', 'urban_green'], (t) => (ctx.need('storm_precipitation', t) - ctx.need('storm_runoff', t)) * 1e-3 * ctx.area(t, 'm²')),
      },
      {
        key: 'lake',
        zh: '湖泊调蓄量',
        en: 'lake flood storage',
        unit: 'm³',
        perType: false,
        pricing: 'unit',
        priceKey: 'price.reservoir_capacity',
        priceUnit: '元/m³',
        defaultType: 'water',
        // C_l (万m³/a) = e^a × A^b × T with A in km².
        model: (ctx) => {
          const a = ctx.need('lake_area');
          return [{ type: 'water', q: a === 0 ? 0 : Math.exp(ctx.param('param.lake_a')) * a ** ctx.param('param.lake_b') * ctx.param('param.lake_turnover') * 1e4 }];
        },
      },
      {
        key: 'reservoir',
        zh: '水库调蓄量',
        en: 'reservoir flood storage',
        unit: 'm³',
        perType: false,
        pricing: 'unit',
        priceKey: 'price.reservoir_capacity',
        priceUnit: '元/m³',
        defaultType: 'water',
        model: (ctx) => [{ type: 'water', q: ctx.need('reservoir_capacity') * ctx.param('param.reservoir_flood_share') }],
      },
      {
        key: 'marsh',
        zh: '沼泽调蓄量',
        en: 'marsh flood storage',
        unit: 'm³',
        perType: false,
        pricing: 'unit',
        priceKey: 'price.reservoir_capacity',
        priceUnit: '元/m³',
        defaultType: 'wetland',
        model: (ctx) => [{ type: 'wetland', q: ctx.need('marsh_area') * 1e6 * ctx.param('param.marsh_depth') }],
      },
    ],
    defaultIncluded: true,
  },
  {
    id: 'air_purification',
    category: 'regulating',
    zh: '空气净化',
    en: 'air purification',
    clause: clause('调节服务—空气净化', 'regulating services — air purification'),
    methodSource: `${MEE}: Q_j = min(Σ_i q_ij × A_i, emission_j) (cap switch param.cap_by_emission)`,
    physicalFormula: 'Q_j = Σ_i q_ij × A_i (t/a; q in kg/(km²·a), A in km²), capped by the region’s emission E_j when param.cap_by_emission = 1; j = SO₂, NOx, dust',
    valueFormula: 'V = Σ_j Q_j × C_j',
    pricingMethod: { zh: '防治费用法（污染物治理成本）', en: 'abatement cost' },
    types: GREEN,
    inputs: [
      inp('so2_rate', '单位面积 SO₂ 净化量', 'SO₂ uptake per area', 'kg/(km²·a)'),
      inp('nox_rate', '单位面积 NOx 净化量', 'NOx uptake per area', 'kg/(km²·a)'),
      inp('dust_rate', '单位面积滞尘量', 'dust retention per area', 'kg/(km²·a)'),
      inp('so2_emission', 'SO₂ 排放量', 'SO₂ emission', 't', false),
      inp('nox_emission', 'NOx 排放量', 'NOx emission', 't', false),
      inp('dust_emission', '烟（粉）尘排放量', 'dust emission', 't', false),
    ],
    params: [par('param.cap_by_emission', '以排放量为上限（1 是，0 否）', 'cap by emission (1 yes, 0 no)', '1')],
    lines: [
      { key: 'so2', zh: 'SO₂ 净化量', en: 'SO₂ removed', unit: 't', perType: true, pricing: 'unit', priceKey: 'price.so2', priceUnit: '元/t', model: (ctx) => capped(ctx, GREEN, 'so2_rate', 1e-3, 'so2_emission') },
      { key: 'nox', zh: 'NOx 净化量', en: 'NOx removed', unit: 't', perType: true, pricing: 'unit', priceKey: 'price.nox', priceUnit: '元/t', model: (ctx) => capped(ctx, GREEN, 'nox_rate', 1e-3, 'nox_emission') },
      { key: 'dust', zh: '粉尘净化量', en: 'dust removed', unit: 't', perType: true, pricing: 'unit', priceKey: 'price.dust', priceUnit: '元/t', model: (ctx) => capped(ctx, GREEN, 'dust_rate', 1e-3, 'dust_emission') },
    ],
    defaultIncluded: true,
  },
  {
    id: 'water_purification',
    category: 'regulating',
    zh: '水质净化',
    en: 'water purification',
    clause: clause('调节服务—水质净化', 'regulating services — water purification'),
    methodSource: `${MEE}: Q_j = min(Σ_i q_ij × A_i, load_j)`,
    physicalFormula: 'Q_j = Σ_i q_ij × A_i (t/a; q in t/(km²·a), A in km²), capped by the discharged load L_j when param.cap_by_emission = 1; j = COD, NH₃-N, TP',
    valueFormula: 'V = Σ_j Q_j × C_j',
    pricingMethod: { zh: '防治费用法（污染物治理成本）', en: 'abatement cost' },
    types: ['wetland', 'water'],
    inputs: [
      inp('cod_rate', '单位面积 COD 净化量', 'COD removal per area', 't/(km²·a)'),
      inp('nh3n_rate', '单位面积氨氮净化量', 'NH₃-N removal per area', 't/(km²·a)'),
      inp('tp_rate', '单位面积总磷净化量', 'TP removal per area', 't/(km²·a)'),
      inp('cod_load', 'COD 排放量', 'COD load', 't', false),
      inp('nh3n_load', '氨氮排放量', 'NH₃-N load', 't', false),
      inp('tp_load', '总磷排放量', 'TP load', 't', false),
    ],
    params: [par('param.cap_by_emission', '以排放量为上限（1 是，0 否）', 'cap by load (1 yes, 0 no)', '1')],
    lines: [
      { key: 'cod', zh: 'COD 净化量', en: 'COD removed', unit: 't', perType: true, pricing: 'unit', priceKey: 'price.cod', priceUnit: '元/t', model: (ctx) => capped(ctx, ['wetland', 'water'], 'cod_rate', 1, 'cod_load') },
      { key: 'nh3n', zh: '氨氮净化量', en: 'NH₃-N removed', unit: 't', perType: true, pricing: 'unit', priceKey: 'price.nh3n', priceUnit: '元/t', model: (ctx) => capped(ctx, ['wetland', 'water'], 'nh3n_rate', 1, 'nh3n_load') },
      { key: 'tp', zh: '总磷净化量', en: 'TP removed', unit: 't', perType: true, pricing: 'unit', priceKey: 'price.tp', priceUnit: '元/t', model: (ctx) => capped(ctx, ['wetland', 'water'], 'tp_rate', 1, 'tp_load') },
    ],
    defaultIncluded: true,
  },
  {
    id: 'carbon_sequestration',
    category: 'regulating',
    zh: '固碳',
    en: 'carbon sequestration',
    clause: clause('调节服务—固碳', 'regulating services — carbon sequestration'),
    methodSource: `${MEE}: Q_CO2 = (44/12) × NEP × A; a forest sink from the stock-difference method may be entered as the forest quantity`,
    physicalFormula: 'Q_CO₂ = 44/12 × Σ_i NEP_i × A_i (t CO₂/a; NEP in t C/(hm²·a), A in hm²); entered in t C it is converted by 44/12',
    valueFormula: 'V = Q_CO₂ × C_c (碳价 元/t CO₂)',
    pricingMethod: { zh: '市场价值法（碳交易价格）或造林成本法', en: 'carbon market price (or afforestation cost)' },
    types: GREEN,
    inputs: [inp('nep', '净生态系统生产力 NEP', 'net ecosystem productivity NEP', 'tC/(hm²·a)')],
    params: [],
    lines: [
      {
        key: 'co2',
        zh: '固碳量（CO₂）',
        en: 'CO₂ sequestered',
        unit: 'tCO2',
        perType: true,
        pricing: 'unit',
        priceKey: 'price.carbon',
        priceUnit: '元/tCO2',
        model: (ctx) => perType(ctx, GREEN, (t) => (44 / 12) * ctx.need('nep', t) * ctx.area(t, 'hm²')),
      },
    ],
    defaultIncluded: true,
  },
  {
    id: 'oxygen_release',
    category: 'regulating',
    zh: '释氧',
    en: 'oxygen release',
    clause: { zh: 'MEE 技术指南及 RCEES 核算中与固碳并列（481号规范是否保留未能对照原文核实，默认不计入）', en: 'MEE guide / RCEES practice; whether the NDRC 2022 list keeps it was not verified, so it is off by default', verified: false },
    methodSource: 'photosynthesis stoichiometry: 32 g O₂ released per 44 g CO₂ fixed',
    physicalFormula: 'Q_O₂ = 32/44 × Q_CO₂ (t/a), from the carbon item, or entered',
    valueFormula: 'V = Q_O₂ × C_o (工业制氧价格 元/t)',
    pricingMethod: { zh: '替代成本法（工业制氧）', en: 'replacement cost (industrial oxygen)' },
    types: GREEN,
    inputs: [],
    params: [],
    lines: [
      {
        key: 'o2',
        zh: '释氧量',
        en: 'O₂ released',
        unit: 't',
        perType: true,
        pricing: 'unit',
        priceKey: 'price.oxygen',
        priceUnit: '元/t',
        model: (ctx) => ctx.line('carbon_sequestration', 'co2').map((x) => ({ type: x.type, q: (32 / 44) * x.q })),
      },
    ],
    defaultIncluded: false,
  },
  {
    id: 'climate_regulation',
    category: 'regulating',
    zh: '气候调节',
    en: 'climate regulation',
    clause: clause('调节服务—气候调节', 'regulating services — climate regulation'),
    methodSource: `${MEE}: energy consumed by transpiration and evaporation, as air-conditioning and humidifier electricity`,
    physicalFormula: 'E_pt = Σ_i EPP_i × S_i × D / (3600 × r) (kWh; EPP kJ/(m²·d), S m², D days above 26 °C); E_we = E_w × ρ_w × q / (3600 × r) + E_w × y (kWh; E_w m³ evaporated, q kJ/kg, y kWh/m³)',
    valueFormula: 'V = (E_pt + E_we) × P_e (电价 元/kWh)',
    pricingMethod: { zh: '替代成本法（空调、加湿器耗电）', en: 'replacement cost (air conditioning and humidifier electricity)' },
    types: ['forest', 'shrub', 'grassland', 'urban_green'],
    inputs: [
      inp('transpiration_heat', '单位面积蒸腾消耗热量 EPP', 'heat consumed by transpiration per area EPP', 'kJ/(m²·d)'),
      inp('cooling_days', '空调开放天数（日均温＞26℃）', 'cooling days (mean temperature above 26 °C)', 'd', false),
      inp('water_evaporation', '水面蒸发量', 'water surface evaporation', 'm³', false),
    ],
    params: [
      par('param.ac_efficiency', '空调能效比 r', 'air-conditioner energy efficiency ratio r', '1'),
      par('param.latent_heat', '水的汽化潜热 q', 'latent heat of vaporisation q', 'kJ/kg'),
      par('param.humidifier', '加湿器每立方米水耗电 y', 'humidifier electricity per m³ water y', 'kWh/m³'),
    ],
    lines: [
      {
        key: 'vegetation',
        zh: '植被蒸腾降温增湿耗能',
        en: 'vegetation transpiration (energy equivalent)',
        unit: 'kWh',
        perType: true,
        pricing: 'unit',
        priceKey: 'price.electricity',
        priceUnit: '元/kWh',
        model: (ctx) =>
          perType(ctx, ['forest', 'shrub', 'grassland', 'urban_green'], (t) => (ctx.need('transpiration_heat', t) * ctx.area(t, 'm²') * ctx.need('cooling_days')) / (3600 * ctx.param('param.ac_efficiency'))),
      },
      {
        key: 'water',
        zh: '水面蒸发降温增湿耗能',
        en: 'water evaporation (energy equivalent)',
        unit: 'kWh',
        perType: false,
        pricing: 'unit',
        priceKey: 'price.electricity',
        priceUnit: '元/kWh',
        defaultType: 'water',
        model: (ctx) => {
          const e = ctx.need('water_evaporation');
          return [{ type: 'water', q: (e * 1000 * ctx.param('param.latent_heat')) / (3600 * ctx.param('param.ac_efficiency')) + e * ctx.param('param.humidifier') }];
        },
      },
    ],
    defaultIncluded: true,
  },
  {
    id: 'pest_control',
    category: 'regulating',
    zh: '病虫害控制',
    en: 'pest and disease control',
    clause: { zh: 'RCEES 早期核算（白玛卓嘎 等 2017 §2.4.9）；不在 481 号规范核心指标中，默认不计入', en: 'older RCEES accounts (Garzê 2017 §2.4.9); off by default', verified: false },
    methodSource: '白玛卓嘎 等 2017 §2.4.9: natural forest / grassland area × control cost',
    physicalFormula: 'Q = 天然林、天然草地面积 (hm²)',
    valueFormula: 'V = Σ Q_i × C_i (元/hm²)',
    pricingMethod: { zh: '防治费用法', en: 'prevention cost' },
    types: ['forest', 'grassland'],
    inputs: [],
    params: [],
    lines: [
      { key: 'forest', zh: '森林病虫害控制面积', en: 'forest pest-control area', unit: 'hm²', perType: false, pricing: 'unit', priceKey: 'price.pest_forest', priceUnit: '元/hm²', defaultType: 'forest' },
      { key: 'grassland', zh: '草地病虫害控制面积', en: 'grassland pest-control area', unit: 'hm²', perType: false, pricing: 'unit', priceKey: 'price.pest_grassland', priceUnit: '元/hm²', defaultType: 'grassland' },
    ],
    defaultIncluded: false,
  },
  {
    id: 'recreation',
    category: 'cultural',
    zh: '休闲旅游',
    en: 'recreation and tourism',
    clause: clause('文化服务—休闲旅游', 'cultural services — recreation and tourism'),
    methodSource: 'travel cost method: visits × travel cost per visit (transport, time, spending)',
    physicalFormula: 'N_j = 自然景区游客人次、免费公园绿道游憩人次',
    valueFormula: 'V = Σ_j N_j × TC_j (元/人次)',
    pricingMethod: { zh: '旅行费用法', en: 'travel cost method' },
    types: ['forest', 'wetland', 'water', 'urban_green'],
    inputs: [],
    params: [],
    lines: [
      { key: 'scenic', zh: '自然景区游客人次', en: 'visits to natural scenic sites', unit: '人次', perType: false, pricing: 'unit', priceKey: 'price.travel_scenic', priceUnit: '元/人次', defaultType: 'forest' },
      { key: 'park', zh: '公园绿道游憩人次', en: 'visits to free parks and greenways', unit: '人次', perType: false, pricing: 'unit', priceKey: 'price.travel_park', priceUnit: '元/人次', defaultType: 'urban_green' },
    ],
    defaultIncluded: true,
  },
  {
    id: 'landscape',
    category: 'cultural',
    zh: '景观价值',
    en: 'landscape value',
    clause: clause('文化服务—景观价值', 'cultural services — landscape value'),
    methodSource: 'hedonic pricing: floor area benefiting from natural landscape × house price × premium share',
    physicalFormula: 'A_h = 受益住宅建筑面积 (m²)',
    valueFormula: 'V = A_h × P_h × η (η 景观溢价率；若以存量溢价计，须另行年化，口径在来源中注明)',
    pricingMethod: { zh: '享乐价格法', en: 'hedonic pricing' },
    types: ['forest', 'water', 'urban_green', 'wetland'],
    inputs: [],
    params: [par('param.landscape_premium', '景观溢价率 η', 'landscape premium share η', '%')],
    lines: [{ key: 'floor_area', zh: '受益住宅面积', en: 'benefiting floor area', unit: 'm²', perType: false, pricing: 'unit', priceKey: 'price.housing', priceUnit: '元/m²', multipliers: ['param.landscape_premium'], defaultType: 'urban_green' }],
    defaultIncluded: true,
  },
];

export const ITEM_BY_ID = new Map(ITEMS.map((i) => [i.id, i]));

/** The key under which an entered physical quantity of a line is stored: `${item}.${line}`. */
export const quantityKey = (itemId: string, lineKey: string) => `${itemId}.${lineKey}`;

/** Every input key the spec knows (model inputs and entered quantities) with its declaration. */
export function inputCatalogue(): Map<string, InputSpec & { items: string[] }> {
  const out = new Map<string, InputSpec & { items: string[] }>();
  for (const item of ITEMS) {
    for (const i of item.inputs) {
      const seen = out.get(i.key);
      if (seen) seen.items.push(item.id);
      else out.set(i.key, { ...i, items: [item.id] });
    }
    for (const l of item.lines)
      out.set(quantityKey(item.id, l.key), { key: quantityKey(item.id, l.key), zh: `${item.zh}：${l.zh}`, en: `${item.en}: ${l.en}`, unit: l.unit, perType: l.perType, items: [item.id] });
  }
  return out;
}

/** Every price or parameter key the spec uses, with its unit. Index keys (price indices, base 1) have unit '1'. */
export function priceCatalogue(): Map<string, { key: string; unit: string; kind: 'price' | 'index' | 'param'; items: string[]; zh: string; en: string }> {
  const out = new Map<string, { key: string; unit: string; kind: 'price' | 'index' | 'param'; items: string[]; zh: string; en: string }>();
  const add = (key: string, unit: string, kind: 'price' | 'index' | 'param', item: string, zh: string, en: string) => {
    const seen = out.get(key);
    if (seen) {
      if (!seen.items.includes(item)) seen.items.push(item);
    } else out.set(key, { key, unit, kind, items: [item], zh, en });
  };
  for (const item of ITEMS) {
    for (const l of item.lines) {
      add(l.priceKey, l.priceUnit, l.pricing === 'index' ? 'index' : 'price', item.id, l.pricing === 'index' ? `${item.zh}价格指数` : `${l.zh}单价`, l.pricing === 'index' ? `${item.en} price index` : `unit price of ${l.en}`);
      for (const m of l.multipliers ?? []) {
        const p = item.params.find((x) => x.key === m)!;
        add(m, p.unit, 'param', item.id, p.zh, p.en);
      }
    }
    for (const p of item.params) add(p.key, p.unit, 'param', item.id, p.zh, p.en);
  }
  return out;
}

/** The spec as plain JSON (no functions), for GET /gep/spec, `ecoplan gep spec --json` and the docs. */
export function specJson() {
  return {
    specification: { zh: SPEC, en: 'Gross Ecosystem Product accounting specification (trial), NDRC and NBS, 2022' },
    clauseNote: {
      zh: '指标名称与分类依据规范的核算指标体系；未能取得规范原文逐条核对条款编号，各条款编号均标为“未核对”。',
      en: 'Item names and categories follow the specification’s indicator system; its text could not be read clause by clause, so every clause number is marked unverified.',
    },
    ecosystemTypes: ECOSYSTEM_TYPES,
    categories: CATEGORIES,
    items: ITEMS.map((i) => ({
      id: i.id,
      category: i.category,
      zh: i.zh,
      en: i.en,
      clause: i.clause,
      methodSource: i.methodSource,
      physicalFormula: i.physicalFormula,
      valueFormula: i.valueFormula,
      pricingMethod: i.pricingMethod,
      types: i.types,
      defaultIncluded: i.defaultIncluded,
      note: i.note ?? null,
      inputs: i.inputs,
      params: i.params,
      lines: i.lines.map((l) => ({
        key: l.key,
        inputKey: quantityKey(i.id, l.key),
        zh: l.zh,
        en: l.en,
        unit: l.unit,
        perType: l.perType,
        pricing: l.pricing,
        priceKey: l.priceKey,
        priceUnit: l.priceUnit,
        multipliers: l.multipliers ?? [],
        defaultType: l.defaultType ?? null,
        modelled: Boolean(l.model),
      })),
    })),
    prices: [...priceCatalogue().values()],
  };
}
