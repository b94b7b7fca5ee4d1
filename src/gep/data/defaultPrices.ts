// Default prices and parameters shipped with ecoplan (data, not code). Every value is either checked against the
// named source's own text or a physical constant; all prices here are 参考值 (reference values) from a published
// account of another region and year — replace them with the region's own prices before an official account.
export interface DefaultPrice {
  key: string;
  year: number;
  value: string;
  unit: string;
  source: string;
  note: string;
}

const GARZE = '参考值：白玛卓嘎、肖燚、欧阳志云、王莉雁《甘孜藏族自治州生态系统生产总值核算研究》，生态学报 2017, 37(19): 6302-6312，表3（2010年价格）';
const GARZE_TEXT = '参考值：白玛卓嘎 等 2017，生态学报 37(19): 6302-6312，§3.2（正文所列参数）';

export const DEFAULT_PRICES: DefaultPrice[] = [
  { key: 'price.reservoir_capacity', year: 2010, value: '7.06', unit: '元/m³', source: GARZE, note: '水库单位库容工程造价 / reservoir cost per m³' },
  { key: 'price.dredging', year: 2010, value: '15.58', unit: '元/m³', source: GARZE, note: '水库清淤工程费用 / dredging cost' },
  { key: 'price.n_removal', year: 2010, value: '875', unit: '元/t', source: GARZE, note: '氮的环境工程降解成本 / N removal cost' },
  { key: 'price.p_removal', year: 2010, value: '2800', unit: '元/t', source: GARZE, note: '磷的环境工程降解成本 / P removal cost' },
  { key: 'price.sand_control', year: 2010, value: '3.75', unit: '元/m²', source: GARZE, note: '治沙工程平均成本 / sand-control cost' },
  { key: 'price.so2', year: 2010, value: '1200', unit: '元/t', source: GARZE, note: 'SO₂ 治理成本 / abatement cost' },
  { key: 'price.nox', year: 2010, value: '630', unit: '元/t', source: GARZE, note: 'NOx 治理成本 / abatement cost' },
  { key: 'price.dust', year: 2010, value: '150', unit: '元/t', source: GARZE, note: '粉尘治理成本 / abatement cost' },
  { key: 'price.cod', year: 2010, value: '700', unit: '元/t', source: GARZE, note: 'COD 治理成本 / treatment cost' },
  { key: 'price.nh3n', year: 2010, value: '875', unit: '元/t', source: GARZE, note: '氨氮治理成本 / treatment cost' },
  { key: 'price.carbon', year: 2010, value: '380', unit: '元/tCO2', source: GARZE, note: '造林成本法（甘孜按 CO₂ 计）/ afforestation cost per t CO₂' },
  { key: 'price.oxygen', year: 2010, value: '727', unit: '元/t', source: GARZE, note: '工业制氧价格 / industrial oxygen' },
  { key: 'price.electricity', year: 2010, value: '0.53', unit: '元/kWh', source: GARZE, note: '电价 / electricity tariff' },
  { key: 'price.hydropower', year: 2010, value: '0.53', unit: '元/kWh', source: GARZE, note: '水电价值所用电价 / tariff used for hydropower' },
  { key: 'price.pest_forest', year: 2010, value: '375', unit: '元/hm²', source: GARZE, note: '森林病虫害防治成本 / forest pest control cost' },
  { key: 'price.pest_grassland', year: 2010, value: '112.5', unit: '元/hm²', source: GARZE, note: '草地病虫害防治成本 / grassland pest control cost' },
  { key: 'price.water_domestic', year: 2010, value: '2.6', unit: '元/m³', source: GARZE, note: '生活用水价格 / domestic water tariff' },
  { key: 'price.water_industrial', year: 2010, value: '3.6', unit: '元/m³', source: GARZE, note: '工业用水价格 / industrial water tariff' },
  { key: 'price.water_agricultural', year: 2010, value: '0.07', unit: '元/m³', source: GARZE, note: '农业用水价格 / agricultural water tariff' },
  { key: 'param.sediment_ratio', year: 2010, value: '0.24', unit: '1', source: GARZE_TEXT, note: '泥沙淤积系数 λ' },
  { key: 'param.soil_bulk_density', year: 2010, value: '0.93', unit: 't/m³', source: GARZE_TEXT, note: '甘孜高原土壤容重；其他地区应以本地土壤普查值替换 / plateau soils: replace with local soil survey values' },
  { key: 'param.soil_n', year: 2010, value: '0.37', unit: '%', source: GARZE_TEXT, note: '土壤氮纯含量 / soil N content' },
  { key: 'param.soil_p', year: 2010, value: '0.108', unit: '%', source: GARZE_TEXT, note: '土壤磷纯含量 / soil P content' },
  { key: 'param.sand_bulk_density', year: 2010, value: '1.28', unit: 't/m³', source: GARZE_TEXT, note: '沙砾堆积密度' },
  { key: 'param.sand_thickness', year: 2010, value: '0.1', unit: 'm', source: GARZE_TEXT, note: '土壤沙化标准覆沙厚度' },
  { key: 'param.reservoir_flood_share', year: 2010, value: '0.35', unit: '1', source: '参考值：白玛卓嘎 等 2017 式 C_r = C_t × 0.35（引饶恩明 等 2014）', note: '水库防洪库容占总库容比例' },
  { key: 'param.lake_a', year: 2010, value: '6.636', unit: '1', source: '参考值：白玛卓嘎 等 2017 式 C_l = e^6.636 · A^0.678 · T（青藏高原湖泊区系数，饶恩明 等 2014）', note: '仅适用于青藏高原湖泊区；其他地区应取本区（如东部平原湖区）系数 / Qinghai-Tibet lake region only' },
  { key: 'param.lake_b', year: 2010, value: '0.678', unit: '1', source: '参考值：同上（青藏高原湖泊区）', note: '同上 / as above' },
  { key: 'param.lake_turnover', year: 2010, value: '1', unit: '1', source: '参考值：白玛卓嘎 等 2017（湖泊换水次数取 1）', note: '湖泊换水次数 T' },
  { key: 'param.marsh_depth', year: 2010, value: '0.3', unit: 'm', source: '参考值：白玛卓嘎 等 2017 式 C_m = 0.3 · S · 10⁶', note: '沼泽地表滞水深度' },
  { key: 'param.latent_heat', year: 2010, value: '2450', unit: 'kJ/kg', source: '物理常数：约 20 ℃ 时水的汽化潜热 2.45 MJ/kg（FAO-56, Allen et al. 1998）', note: '水的汽化潜热 q' },
  { key: 'param.cap_by_emission', year: 2010, value: '1', unit: '1', source: '方法选择：净化量不超过区域排放量（MEE 技术指南的做法）/ method choice', note: '1 = 以排放量为上限' },
];
