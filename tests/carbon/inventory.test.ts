// The inventory, sector by sector, against figures worked out by hand from the shipped factors (arithmetic in the
// comments), plus GWP choices, the grid factor choice, roll-up of counties, provenance and bad input.
import { describe, expect, it } from 'vitest';
import { validateActivity, type ActivityRecord } from '../../src/carbon/activity.js';
import { FactorSet } from '../../src/carbon/factors.js';
import { computeInventory, sharesOfTotal, type Inventory } from '../../src/carbon/inventory.js';

const REGIONS = [
  { code: '440200', parent: null },
  { code: '440203', parent: '440200' },
  { code: '440205', parent: '440200' },
];
const row = (category: string, item: string, valueText: string, unit: string, extra: Partial<ActivityRecord> = {}): ActivityRecord => ({
  regionCode: '440205',
  year: 2022,
  sector: 'energy',
  category,
  subsector: null,
  item,
  valueText,
  unit,
  source: 'test',
  note: null,
  ...extra,
});
const inv = (records: ActivityRecord[], o: Partial<Parameters<typeof computeInventory>[1]> = {}): Inventory => computeInventory(records, { year: 2022, regionCode: '440205', regions: REGIONS, ...o });
const mass = (i: Inventory, gas: string, category?: string) => i.lines.filter((l) => l.gas === gas && (!category || l.category === category)).reduce((a, l) => a + l.mass, 0);

describe('energy: fuel combustion (guideline ch. 1)', () => {
  // Raw coal, 0.01 万吨 = 100 t. EF = NCV 20.908 GJ/t × CC 26.37 tC/TJ × OF 0.94 × 44/12 ÷ 1000
  //   20.908 × 26.37 = 551.34396; × 0.94 = 518.2633224; × 44/12 = 1900.2988488; ÷ 1000 = 1.9002988488 t/t
  //   CO2 = 100 × 1.9002988488 = 190.02988488 t
  // Heat = 100 t × 20.908 GJ/t = 2090.8 GJ = 2.0908 TJ; CH4 = 2.0908 × 1 kg/TJ = 0.0020908 t; N2O = 2.0908 × 1.5 = 0.0031362 t
  const coal = [row('fuelCombustion', 'rawCoal', '0.01', '万吨', { subsector: 'energyIndustry' })];
  it('computes CO2, CH4 and N2O of raw coal with every input kept', () => {
    const i = inv(coal);
    expect(mass(i, 'CO2')).toBeCloseTo(190.02988488, 6);
    expect(mass(i, 'CH4')).toBeCloseTo(0.0020908, 9);
    expect(mass(i, 'N2O')).toBeCloseTo(0.0031362, 9);
    const co2 = i.lines.find((l) => l.gas === 'CO2')!;
    expect(co2.activity).toMatchObject({ valueText: '0.01', unit: '万吨', value: 100, unitUsed: '吨' });
    expect(co2.inputs.map((x) => [x.name, x.value])).toEqual([['NCV', 20.908], ['CC', 26.37], ['OF', 0.94]]);
    expect(co2.inputs[1]!.source).toContain('省级温室气体清单编制指南');
    expect(co2.gpc).toBe('I.4');
  });
  it('totals by gas with the chosen GWP set', () => {
    // AR5: 190.02988488 + 0.0020908 × 28 + 0.0031362 × 265 = 190.02988488 + 0.0585424 + 0.831093 = 190.91952028
    expect(inv(coal).totals.gross).toBeCloseTo(190.91952028, 6);
    // AR4: + 0.0020908 × 25 + 0.0031362 × 298 = 190.02988488 + 0.05227 + 0.9345876 = 191.01674248
    expect(inv(coal, { gwp: 'AR4' }).totals.gross).toBeCloseTo(191.01674248, 6);
    // AR6: + 0.0020908 × 27.9 + 0.0031362 × 273 = 190.02988488 + 0.05833332 + 0.8561826 = 190.9444008
    expect(inv(coal, { gwp: 'AR6' }).totals.gross).toBeCloseTo(190.9444008, 6);
    // SAR: + 0.0020908 × 21 + 0.0031362 × 310 = 190.02988488 + 0.0439068 + 0.972222 = 191.04601368
    expect(inv(coal, { gwp: 'SAR' }).totals.gross).toBeCloseTo(191.04601368, 6);
    expect(inv(coal, { gwp: 'AR6' }).gwpValues).toMatchObject({ CH4: 27.9, N2O: 273 });
  });
  it('uses the LPG row of IPCC Table 2.2 (CH4 1, N2O 0.1 kg/TJ) for LPG, not the liquid-oil row (3, 0.6)', () => {
    // 100 t LPG: heat = 100 × 50.179 GJ/t = 5017.9 GJ = 5.0179 TJ; CH4 = 5.0179 × 1 kg = 0.0050179 t; N2O = 5.0179 × 0.1 kg = 0.00050179 t
    // CO2 = 100 × 50.179 × 17.2 × 0.98 × 44/12 ÷ 1000: 50.179 × 17.2 = 863.0788; × 0.98 = 845.817224; × 44/12 = 3101.32982133; = 310.132982133 t
    const i = inv([row('fuelCombustion', 'lpg', '100', '吨', { subsector: 'residential' })]);
    expect(mass(i, 'CO2')).toBeCloseTo(310.132982133, 6);
    expect(mass(i, 'CH4')).toBeCloseTo(0.0050179, 10);
    expect(mass(i, 'N2O')).toBeCloseTo(0.00050179, 11);
    expect(i.lines.find((l) => l.gas === 'N2O')!.inputs[1]).toMatchObject({ key: 'combustion.petroleumGas.n2o', value: 0.1 });
  });
  it('converts natural gas stated in 吨标准煤 to m³ (13.3 tce ÷ 0.00133 = 10 000 m³ → 21.62 t CO2)', () => {
    // EF = 0.038931 GJ/m³ × 15.3 × 0.99 × 44/12 ÷ 1000 = 0.0021621888 t/m³; × 10 000 = 21.621888 t
    const i = inv([row('fuelCombustion', 'naturalGas', '13.3', '吨标准煤', { subsector: 'residential' })]);
    expect(mass(i, 'CO2')).toBeCloseTo(21.621888, 5);
    expect(i.lines[0]!.activity.value).toBeCloseTo(10000, 6);
    expect(i.totals.byFuel.naturalGas).toBeGreaterThan(21.62);
    expect(i.totals.fuelFlows).toEqual([{ fuel: 'naturalGas', subsector: 'residential', co2e: expect.closeTo(i.totals.byFuel.naturalGas!, 9) }]);
  });
  it('reports purchased electricity as scope 2, outside gross, with the year’s grid factor', () => {
    // 1 亿千瓦时 = 10^8 kWh × 0.5366 kg/kWh (2022 national) = 5.366 × 10^7 kg = 53 660 t
    const records = [row('purchasedElectricity', 'electricity', '1', '亿千瓦时')];
    const i = inv(records);
    expect(i.totals.scope2).toBeCloseTo(53660, 6);
    expect(i.totals.gross).toBe(0);
    expect(i.lines[0]!.scope).toBe(2);
    // South China grid 2022: 10^8 × 0.3869 / 1000 = 38 690 t
    expect(inv(records, { grid: 'south' }).totals.scope2).toBeCloseTo(38690, 6);
  });
  it('falls back to the nearest published year with a warning, and a local factor replaces it', () => {
    // 2020 has no published factor: the 2021 national 0.5568 → 10^8 × 0.5568 / 1000 = 55 680 t
    const r2020 = [row('purchasedElectricity', 'electricity', '1', '亿千瓦时', { year: 2020 })];
    const i = inv(r2020, { year: 2020 });
    expect(i.totals.scope2).toBeCloseTo(55680, 6);
    expect(i.warnings[0]!.zh).toBe('2020 年尚无已发布的电网排放因子，暂用 2021 年因子；可在“活动数据与因子”中录入 2020 年本地电网排放因子替换');
    // The reader is told what to do, not the factor's key.
    expect(i.warnings[0]!.zh + i.warnings[0]!.en).not.toContain('grid.local');
    const local = new FactorSet([{ key: 'grid.local.2020', value: 0.4, unit: 'kgCO2/kWh', reason: '广东省2020年电力排放因子（测试）', version: 1 }]);
    const j = inv(r2020, { year: 2020, factors: local });
    expect(j.totals.scope2).toBeCloseTo(40000, 6);
    expect(j.warnings).toEqual([]);
    expect(j.lines[0]!.inputs[0]).toMatchObject({ key: 'grid.local.2020', value: 0.4, local: true });
  });
  it('counts energy CO2 for the intensity as combustion CO2 + scope 2 − exported electricity', () => {
    // 190.02988488 + 53 660 − 0.5 亿kWh × 0.5366 (26 830) = 27 020.02988488
    const i = inv([...coal, row('purchasedElectricity', 'electricity', '1', '亿千瓦时'), row('electricityExport', 'electricity', '0.5', '亿千瓦时')]);
    expect(i.totals.energyCO2).toBeCloseTo(27020.02988488, 6);
    expect(i.totals.electricityExport).toBeCloseTo(26830, 6);
  });
});

describe('industrial processes (guideline ch. 2, IPCC 2006 Vol. 3)', () => {
  it('cement clinker, lime, steel fluxes, zinc and lead', () => {
    const ippu = (category: string, item: string, v: string) => row(category, item, v, '吨', { sector: 'ippu' });
    const i = inv([ippu('cementClinker', 'clinker', '1000'), ippu('lime', 'lime', '1000'), ippu('steelFlux', 'limestone', '1000'), ippu('steelFlux', 'dolomite', '1000'), ippu('nonFerrous', 'zinc', '100'), ippu('nonFerrous', 'lead', '100')]);
    // 1000 × 0.538 = 538; 1000 × 0.683 = 683; 1000 × 0.430 = 430; 1000 × 0.474 = 474; 100 × 1.72 = 172; 100 × 0.52 = 52
    expect(i.lines.map((l) => Number(l.mass.toFixed(6)))).toEqual([538, 683, 430, 474, 172, 52]);
    // 538 + 683 + 430 + 474 + 172 + 52 = 2349
    expect(i.totals.bySector.ippu).toBeCloseTo(2349, 9);
  });
});

describe('agriculture (guideline ch. 3)', () => {
  const ag = (category: string, item: string, v: string, unit: string) => row(category, item, v, unit, { sector: 'agriculture' });
  it('rice CH4 with each GWP: 1000 ha early rice × 241.0 kg/ha = 241 t CH4', () => {
    const r = [ag('rice', 'early', '1000', '公顷')];
    expect(mass(inv(r), 'CH4')).toBeCloseTo(241, 9);
    // 241 × 28 = 6748; × 25 = 6025; × 27.9 = 6723.9; × 21 = 5061
    expect(inv(r).totals.gross).toBeCloseTo(6748, 9);
    expect(inv(r, { gwp: 'AR4' }).totals.gross).toBeCloseTo(6025, 9);
    expect(inv(r, { gwp: 'AR6' }).totals.gross).toBeCloseTo(6723.9, 9);
    expect(inv(r, { gwp: 'SAR' }).totals.gross).toBeCloseTo(5061, 9);
  });
  it('1.5 万亩 of late rice = 1000 ha × 273.2 kg/ha = 273.2 t CH4', () => {
    expect(mass(inv([ag('rice', 'late', '1.5', '万亩')]), 'CH4')).toBeCloseTo(273.2, 9);
  });
  it('enteric fermentation and manure management', () => {
    const i = inv([ag('enteric', 'otherCattle', '1000', '头'), ag('manure', 'swine', '1', '万头')]);
    // enteric: 1000 × 47 kg = 47 t CH4; manure (中南, GB/T 32151.22-2024 表C.7/C.10): 10 000 × 5.85 kg = 58.5 t CH4
    // and 10 000 × 0.157 kg = 1.57 t N2O
    expect(mass(i, 'CH4', 'enteric')).toBeCloseTo(47, 9);
    expect(mass(i, 'CH4', 'manure')).toBeCloseTo(58.5, 9);
    expect(mass(i, 'N2O', 'manure')).toBeCloseTo(1.57, 9);
  });
  it('soil N2O, direct and indirect', () => {
    // synthetic 100 t N: N2O-N = 100 × (0.0178 + 0.1 × 0.01 + 0.2 × 0.0075) = 100 × 0.0203 = 2.03; × 44/28 = 3.19 t
    // manure 100 t N: 100 × (0.0178 + 0.2 × 0.01 + 0.2 × 0.0075) = 100 × 0.0213 = 2.13; × 44/28 = 3.347142857 t
    const i = inv([ag('soilNitrogen', 'synthetic', '100', '吨'), ag('soilNitrogen', 'manure', '100', '吨')]);
    expect(i.lines.map((l) => l.mass)).toEqual([expect.closeTo(3.19, 9), expect.closeTo(3.347142857, 8)]);
  });
});

describe('LULUCF: forest stock difference (guideline ch. 4)', () => {
  const stock = (year: number, v: string) => row('forestStock', 'chineseFir', v, '万立方米', { sector: 'lulucf', year });
  it('is a removal from the change since the latest earlier stock, net of gross', () => {
    // ΔV = (102 − 100) 万m³ / 1 yr = 20 000 m³; × 0.307 × 1.634 × (1 + 0.246) × 0.52 = 6500.4258592 t C; × 44/12 = 23 834.894817 t CO2
    const i = inv([stock(2021, '100'), stock(2022, '102'), row('cementClinker', 'clinker', '1000', '吨', { sector: 'ippu' })]);
    expect(i.totals.lulucf).toBeCloseTo(-23834.894817, 5);
    expect(i.totals.gross).toBeCloseTo(538, 9);
    expect(i.totals.net).toBeCloseTo(538 - 23834.894817, 5);
    expect(i.lines.find((l) => l.sector === 'lulucf')!.inputs.map((x) => x.name)).toEqual(['V_start', 'years', 'SVD', 'BEF', 'R', 'CF']);
  });
  it('keeps the sink out of the gases: shares by gas are of gross and add to 100 %', () => {
    // Clinker 1000 t → 538 t CO2 (ippu); raw coal 100 t → 190.02988488 t CO2 + 0.0020908 t CH4 × 28 + 0.0031362 t N2O × 265
    //   = CO2 728.02988488, CH4 0.0585424, N2O 0.831093 t CO2e; gross 728.91952028. The sink (−23 834.9 t) is apart.
    const i = inv([stock(2021, '100'), stock(2022, '102'), row('cementClinker', 'clinker', '1000', '吨', { sector: 'ippu' }), ...coalRow()]);
    const g = i.totals.byGas;
    expect(g.CO2.co2e).toBeCloseTo(728.02988488, 6);
    expect(g.CO2.co2e + g.CH4.co2e + g.N2O.co2e).toBeCloseTo(i.totals.gross, 9);
    // 728.02988488 / 728.91952028 = 99.8779 %; 0.0585424 → 0.0080 %; 0.831093 → 0.1140 % → 99.9 + 0.0 + 0.1 = 100.0
    expect([g.CO2.shareText, g.CH4.shareText, g.N2O.shareText]).toEqual(['99.9', '0.0', '0.1']);
  });
  it('spreads a multi-year change over the years between inventories, and warns without an earlier one', () => {
    // (110 − 100) 万m³ over 2017–2022 = 20 000 m³/yr: the same removal as above
    expect(inv([stock(2017, '100'), stock(2022, '110')]).totals.lulucf).toBeCloseTo(-23834.894817, 5);
    const alone = inv([stock(2022, '110')]);
    expect(alone.totals.lulucf).toBe(0);
    expect(alone.warnings[0]!.zh).toBe('440205 杉木林：没有 2022 年以前的蓄积量，无法计算碳汇');
  });
});

const coalRow = () => [row('fuelCombustion', 'rawCoal', '0.01', '万吨', { subsector: 'energyIndustry' })];

describe('sharesOfTotal', () => {
  it('rounds shares to one decimal so that they add to exactly 100.0 (largest remainder)', () => {
    // Thirds: 33.333… each → 33.3 × 3 = 99.9 by plain rounding; the largest remainder gives the first 0.1 back.
    expect(sharesOfTotal([1, 1, 1], 3)).toEqual(['33.4', '33.3', '33.3']);
    // 2/3 = 66.666… and 1/3 = 33.333…: plain rounding gives 66.7 + 33.3 = 100.0 already
    expect(sharesOfTotal([2, 1], 3)).toEqual(['66.7', '33.3']);
    expect(sharesOfTotal([1, 1], 0)).toBeNull();
    expect(sharesOfTotal([3, -1], 2)).toBeNull();
  });
});

describe('waste (guideline ch. 5, IPCC 2006 Vol. 5)', () => {
  const w = (category: string, item: string, v: string) => row(category, item, v, '吨', { sector: 'waste' });
  it('landfill, recovery, incineration and wastewater', () => {
    const i = inv([w('landfill', 'managed', '10000'), w('landfillRecovery', 'methane', '100'), w('incineration', 'msw', '10000'), w('wastewaterDomestic', 'bod', '1000'), w('wastewaterIndustrial', 'cod', '1000'), w('wastewaterNitrogen', 'nitrogen', '100')]);
    const [landfill, recovery, incin, dom, ind, n] = i.lines.map((l) => l.mass);
    // 10 000 × MCF 1.0 × DOC 0.15 × DOCF 0.5 × F 0.5 × 16/12 × (1 − 0.1) = 375 × 16/12 × 0.9 = 450 t CH4
    expect(landfill).toBeCloseTo(450, 9);
    // −100 × (1 − 0.1) = −90 t CH4
    expect(recovery).toBeCloseTo(-90, 9);
    // 10 000 × 0.5 × 0.33 × 0.39 × 0.95 × 44/12 = 611.325 × 44/12 = 2241.525 t CO2
    expect(incin).toBeCloseTo(2241.525, 6);
    // 1000 × 0.6 × 0.165 = 99; 1000 × 0.25 × 0.178 = 44.5 t CH4; 100 × 0.005 × 44/28 = 0.785714286 t N2O
    expect(dom).toBeCloseTo(99, 9);
    expect(ind).toBeCloseTo(44.5, 9);
    expect(n).toBeCloseTo(0.785714286, 8);
    // CH4 total 450 − 90 + 99 + 44.5 = 503.5
    expect(i.totals.byGas.CH4.mass).toBeCloseTo(503.5, 9);
  });
});

describe('regions', () => {
  it('sums the counties for a city without rows of its own, by region', () => {
    const a = row('cementClinker', 'clinker', '1000', '吨', { sector: 'ippu', regionCode: '440203' });
    const b = row('cementClinker', 'clinker', '500', '吨', { sector: 'ippu', regionCode: '440205' });
    const i = inv([a, b], { regionCode: '440200' });
    expect(i.rolledUp).toBe(true);
    expect(i.regionsUsed).toEqual(['440203', '440205']);
    // 1000 × 0.538 + 500 × 0.538 = 538 + 269 = 807
    expect(i.totals.gross).toBeCloseTo(807, 9);
    expect(i.totals.byRegion).toEqual({ '440203': expect.closeTo(538, 9), '440205': expect.closeTo(269, 9) });
  });
  it('uses the city’s own rows when it has them', () => {
    const city = row('cementClinker', 'clinker', '2000', '吨', { sector: 'ippu', regionCode: '440200' });
    const county = row('cementClinker', 'clinker', '1000', '吨', { sector: 'ippu', regionCode: '440203' });
    expect(inv([city, county], { regionCode: '440200' })).toMatchObject({ rolledUp: false, totals: { gross: expect.closeTo(1076, 9) } });
  });
  it('refuses an unknown region and a duplicate row', () => {
    expect(() => inv([], { regionCode: '110000' })).toThrowError('未知的行政区“110000”');
    const a = row('cementClinker', 'clinker', '1000', '吨', { sector: 'ippu' });
    expect(() => inv([a, { ...a, valueText: '2' }])).toThrowError(/^重复的活动数据/);
  });
});

describe('validation of an entered row', () => {
  const regions = [{ code: '440205', name: '曲江区' }];
  const ok = { region: '曲江区', year: '2022', category: '化石燃料燃烧', subsector: '工业和建筑业', item: '原煤', value: '12.5', unit: '万吨', source: '能源统计报表' };
  it('accepts Chinese names and codes', () => {
    expect(validateActivity(ok, regions)).toEqual({
      record: { regionCode: '440205', year: 2022, sector: 'energy', category: 'fuelCombustion', subsector: 'industry', item: 'rawCoal', valueText: '12.5', unit: '万吨', source: '能源统计报表', note: null },
      issues: [],
    });
  });
  it.each([
    [{ item: '褐煤' }, 'item', /^未知燃料“褐煤”（类别 化石燃料燃烧），可用：原煤（rawCoal）/],
    [{ value: '-3' }, 'value', /^数值 -3 为负：活动水平数据不能为负/],
    [{ value: '12,5' }, 'value', /^数值“12,5”不是数字$/],
    [{ unit: '万千瓦时' }, 'unit', /^单位不符：“化石燃料燃烧”应以质量（如 吨）或体积（如 立方米）或标准煤当量（如 吨标准煤）计，不能用“万千瓦时”（电量）$/],
    [{ unit: '立方米' }, 'unit', /^单位不符：原煤以质量（吨）或吨标准煤计，不能用“立方米”$/],
    [{ unit: '桶' }, 'unit', /^未知单位“桶”$/],
    [{ subsector: '' }, 'subsector', /须填写部门/],
    [{ region: '北京' }, 'region', /^未知的行政区“北京”/],
    [{ year: '1999' }, 'year', /^年份“1999”无效，应为 2005–2060$/],
    [{ category: 'coal' }, 'category', /^未知的类别“coal”/],
    [{ source: '' }, 'source', /^缺少数据来源/],
  ])('refuses %o on %s', (change, field, message) => {
    const { record, issues } = validateActivity({ ...ok, ...change }, regions);
    expect(record).toBeNull();
    expect(issues).toHaveLength(1);
    expect(issues[0]!.field).toBe(field);
    expect(issues[0]!.message).toMatch(message);
    expect(issues[0]!.messageEn.length).toBeGreaterThan(10);
  });
  it('allows a negative real growth rate (a rate, not activity data)', () => {
    expect(validateActivity({ region: '曲江区', year: '2020', category: 'gdpRealGrowth', item: 'comparable', value: '-1.2', unit: '%', source: '统计公报' }, regions).record?.valueText).toBe('-1.2');
  });
});
