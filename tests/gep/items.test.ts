// Each item's formula on a small hand-computed case (arithmetic in the comments).
import { describe, expect, it } from 'vitest';
import { compareAccounts, computeAccount, fenToYuan, PriceBook, type AccountData, type InputValue, type PriceEntry } from '../../src/gep/account.js';
import { GepError } from '../../src/gep/errors.js';
import type { EcoType } from '../../src/gep/spec.js';

const P = (key: string, value: number, unit: string, year = 2022, indexKey: string | null = null): PriceEntry => ({ key, year, value, unit, source: 'test', indexKey });
const I = (key: string, value: number, unit: string, type: EcoType | null = null): InputValue => ({ key, type, value, unit });
const data = (inputs: InputValue[], extent: AccountData['extent'] = { forest: 100 }, year = 2022): AccountData => ({ region: '440200', year, extent, inputs });
const item = (acc: ReturnType<typeof computeAccount>, id: string) => acc.items.find((i) => i.id === id)!;
const yuan = (acc: ReturnType<typeof computeAccount>, id: string) => fenToYuan(item(acc, id).valueFen);

describe('GEP items (hand-computed)', () => {
  it('water conservation: A × (P − P·α − ET)', () => {
    // 100 hm² = 1e6 m²; R = 1600 × 2.5 % = 40 mm; 1600 − 40 − 900 = 660 mm = 0.66 m → 660000 m³ × 7 元 = 4620000 元
    const a = computeAccount(data([I('precipitation', 1600, 'mm'), I('runoff_coefficient', 2.5, '%', 'forest'), I('evapotranspiration', 900, 'mm', 'forest')]), new PriceBook([P('price.reservoir_capacity', 7, '元/m³')]));
    expect(item(a, 'water_conservation').lines[0]!.quantity).toBeCloseTo(660000, 6);
    expect(yuan(a, 'water_conservation')).toBe('4620000.00');
  });
  it('soil retention: RUSLE, then sediment, N and P', () => {
    // A_c = 9000 × 0.02 × 1.5 × (1 − 0.1 × 1) = 243 t/hm² × 10 hm² = 2430 t
    // sediment 0.24 × 2430 / 1.2 = 486 m³ × 20 = 9720; N 2430 × 0.4 % = 9.72 t × 1000 = 9720; P 2430 × 0.1 % = 2.43 t × 3000 = 7290 → 26730 元
    const a = computeAccount(
      data([I('rusle_r', 9000, 'MJ·mm/(hm²·h·a)'), I('rusle_k', 0.02, 't·hm²·h/(hm²·MJ·mm)'), I('rusle_ls', 1.5, '1'), I('rusle_c', 0.1, '1', 'forest'), I('rusle_p', 1, '1')], { forest: 10 }),
      new PriceBook([P('param.sediment_ratio', 0.24, '1'), P('param.soil_bulk_density', 1.2, 't/m³'), P('param.soil_n', 0.4, '%'), P('param.soil_p', 0.1, '%'), P('price.dredging', 20, '元/m³'), P('price.n_removal', 1000, '元/t'), P('price.p_removal', 3000, '元/t')]),
    );
    expect(item(a, 'soil_retention').lines.map((l) => fenToYuan(l.valueFen))).toEqual(['9720.00', '9720.00', '7290.00']);
    expect(yuan(a, 'soil_retention')).toBe('26730.00');
  });
  it('flood regulation: vegetation + reservoir share + marsh depth (+ lake model, 0 for no lake)', () => {
    // veg (100 − 20) mm × 1e6 m² = 80000 m³; reservoir 1e6 × 0.35 = 350000; marsh 2 km² × 1e6 × 0.3 = 600000 → 1030000 m³ × 7 = 7210000 元
    const a = computeAccount(
      data([I('storm_precipitation', 100, 'mm'), I('storm_runoff', 20, 'mm', 'forest'), I('lake_area', 0, 'km²'), I('reservoir_capacity', 100, '万m³'), I('marsh_area', 2, 'km²')]),
      new PriceBook([P('param.lake_a', 6.636, '1'), P('param.lake_b', 0.678, '1'), P('param.lake_turnover', 1, '1'), P('param.reservoir_flood_share', 0.35, '1'), P('param.marsh_depth', 0.3, 'm'), P('price.reservoir_capacity', 7, '元/m³')]),
    );
    expect(yuan(a, 'flood_regulation')).toBe('7210000.00');
  });
  it('lake model C = e^a × A^b × T (万m³)', () => {
    // a = ln(2) → e^a = 2; A = 4 km², b = 0.5 → 2 × 2 × 1 = 4 万m³ = 40000 m³ × 7 = 280000 元
    const a = computeAccount(data([I('flood_regulation.vegetation', 0, 'm³'), I('flood_regulation.reservoir', 0, 'm³'), I('flood_regulation.marsh', 0, 'm³'), I('lake_area', 4, 'km²')]), new PriceBook([P('param.lake_a', Math.log(2), '1'), P('param.lake_b', 0.5, '1'), P('param.lake_turnover', 1, '1'), P('price.reservoir_capacity', 7, '元/m³')]));
    expect(yuan(a, 'flood_regulation')).toBe('280000.00');
  });
  it('air purification: capacity × area, capped by emission when the switch is 1', () => {
    // 100 hm² = 1 km²; 8000 kg/km² → 8 t; emission 5 t → capped 5 t × 1200 = 6000 元; uncapped 8 × 1200 = 9600 元
    const inputs = [I('so2_rate', 8000, 'kg/(km²·a)', 'forest'), I('so2_emission', 5, 't'), I('air_purification.nox', 0, 't'), I('air_purification.dust', 0, 't')];
    const prices = [P('price.so2', 1200, '元/t'), P('price.nox', 1, '元/t'), P('price.dust', 1, '元/t')];
    expect(yuan(computeAccount(data(inputs), new PriceBook([...prices, P('param.cap_by_emission', 1, '1')])), 'air_purification')).toBe('6000.00');
    expect(yuan(computeAccount(data(inputs), new PriceBook([...prices, P('param.cap_by_emission', 0, '1')])), 'air_purification')).toBe('9600.00');
  });
  it('water purification: 30 t/km² × 1 km² = 30 t COD (below the 100 t load) × 2800 = 84000 元', () => {
    const a = computeAccount(data([I('cod_rate', 30, 't/(km²·a)', 'water'), I('cod_load', 100, 't'), I('water_purification.nh3n', 0, 't'), I('water_purification.tp', 0, 't')], { water: 100 }), new PriceBook([P('param.cap_by_emission', 1, '1'), P('price.cod', 2800, '元/t'), P('price.nh3n', 1, '元/t'), P('price.tp', 1, '元/t')]));
    expect(yuan(a, 'water_purification')).toBe('84000.00');
  });
  it('carbon sequestration from NEP (44/12) and oxygen release (32/44) when included', () => {
    // 2 tC/hm² × 100 hm² = 200 tC × 44/12 = 733.33 tCO2 × 60 = 44000 元; O2 = 32/44 × 733.33 = 533.33 t × 1000 = 533333.33 元
    const a = computeAccount(data([I('nep', 2, 'tC/(hm²·a)', 'forest')]), new PriceBook([P('price.carbon', 60, '元/tCO2'), P('price.oxygen', 1000, '元/t')]), { include: ['oxygen_release'] });
    expect(yuan(a, 'carbon_sequestration')).toBe('44000.00');
    expect(yuan(a, 'oxygen_release')).toBe('533333.33');
    expect(item(a, 'oxygen_release').included).toBe(true);
    // Entered in t C, converted by 44/12: 12 tC = 44 tCO2 × 60 = 2640 元
    const b = computeAccount(data([I('carbon_sequestration.co2', 12, 'tC', 'forest')]), new PriceBook([P('price.carbon', 60, '元/tCO2')]));
    expect(yuan(b, 'carbon_sequestration')).toBe('2640.00');
    // Oxygen is off by default and not in the total.
    expect(item(b, 'oxygen_release').included).toBe(false);
  });
  it('climate regulation: transpiration and water evaporation as electricity', () => {
    // veg 3000 kJ/(m²·d) × 1e6 m² × 100 d / (3600 × 3) = 27777777.78 kWh × 0.6 = 16666666.67 元
    // water 1000 m³ × 1000 kg × 2450 kJ/kg / 10800 + 1000 × 125 = 226851.85 + 125000 = 351851.85 kWh × 0.6 = 211111.11 元
    const a = computeAccount(
      data([I('transpiration_heat', 3000, 'kJ/(m²·d)', 'forest'), I('cooling_days', 100, 'd'), I('water_evaporation', 1000, 'm³')]),
      new PriceBook([P('param.ac_efficiency', 3, '1'), P('param.latent_heat', 2450, 'kJ/kg'), P('param.humidifier', 125, 'kWh/m³'), P('price.electricity', 0.6, '元/kWh')]),
    );
    expect(item(a, 'climate_regulation').lines.map((l) => fenToYuan(l.valueFen))).toEqual(['16666666.67', '211111.11']);
  });
  it('sand fixation: fixed sand / (ρ × h) × cost', () => {
    // 1280 t / (1.28 t/m³ × 0.1 m) = 10000 m² × 3.75 元/m² = 37500 元
    const a = computeAccount(data([I('sand_fixed', 1280, 't')], { grassland: 5 }), new PriceBook([P('param.sand_bulk_density', 1.28, 't/m³'), P('param.sand_thickness', 0.1, 'm'), P('price.sand_control', 3.75, '元/m²')]));
    expect(yuan(a, 'sand_fixation')).toBe('37500.00');
  });
  it('material products, energy, water supply, pest control, coastal protection, recreation and landscape', () => {
    const a = computeAccount(
      data([
        I('agriculture.value', 1, '亿元'), // 1亿元 as entered
        I('eco_energy.hydropower', 1, '亿kWh'), // 1e8 × 0.45 = 45000000
        I('water_supply.domestic', 100, '万m³'), I('water_supply.industrial', 0, 'm³'), I('water_supply.agricultural', 0, 'm³'), // 1e6 × 2.6 = 2600000
        I('pest_control.forest', 100, 'hm²'), I('pest_control.grassland', 15, '亩'), // 37500 + 1 hm² × 112.5 = 37612.5
        I('coastal_protection.length', 0.1, 'km'), // 100 m × 5000 = 500000
        I('recreation.scenic', 10, '万人次'), I('recreation.park', 0, '人次'), // 1e5 × 500 = 50000000
        I('landscape.floor_area', 100000, 'm²'), // 1e5 × 8000 × 3 % = 24000000
      ]),
      new PriceBook([
        P('price.hydropower', 0.45, '元/kWh'), P('price.water_domestic', 2.6, '元/m³'), P('price.water_industrial', 3.6, '元/m³'), P('price.water_agricultural', 0.07, '元/m³'),
        P('price.pest_forest', 375, '元/hm²'), P('price.pest_grassland', 112.5, '元/hm²'), P('price.seawall', 5000, '元/m'), P('price.travel_scenic', 500, '元/人次'), P('price.travel_park', 10, '元/人次'),
        P('price.housing', 8000, '元/m²'), P('param.landscape_premium', 3, '%'),
      ]),
      { include: ['water_supply', 'pest_control'] },
    );
    expect([yuan(a, 'agriculture'), yuan(a, 'eco_energy'), yuan(a, 'water_supply'), yuan(a, 'pest_control'), yuan(a, 'coastal_protection'), yuan(a, 'recreation'), yuan(a, 'landscape')]).toEqual([
      '100000000.00', '45000000.00', '2600000.00', '37612.50', '500000.00', '50000000.00', '24000000.00',
    ]);
    // Totals add up exactly: material 1e8 + 4.5e7 + 2.6e6; regulating 37612.5 + 500000; cultural 5e7 + 2.4e7
    expect(fenToYuan(a.byCategory.material)).toBe('147600000.00');
    expect(fenToYuan(a.byCategory.regulating)).toBe('537612.50');
    expect(fenToYuan(a.byCategory.cultural)).toBe('74000000.00');
    expect(fenToYuan(a.totalFen)).toBe('222137612.50');
  });
  it('refuses a quantity without a price for the year, naming every key and the year', () => {
    const run = () => computeAccount(data([I('eco_energy.hydropower', 1, 'kWh'), I('recreation.scenic', 1, '人次'), I('recreation.park', 1, '人次')]), new PriceBook([P('price.hydropower', 0.5, '元/kWh', 2021)]));
    expect(run).toThrowError(GepError);
    expect(run).toThrowError(/price\.hydropower 2022（生态能源）.*price\.travel_scenic 2022/);
  });
  it('carries a price to another year by its index: 7.06 × 1.5 / 1.0 = 10.59', () => {
    const book = new PriceBook([P('price.reservoir_capacity', 7.06, '元/m³', 2010, 'index.cpi'), P('index.cpi', 1, '1', 2010), P('index.cpi', 1.5, '1', 2022)]);
    const p = book.price('price.reservoir_capacity', 2022, '元/m³')!;
    expect(p.value).toBeCloseTo(10.59, 10);
    expect(p.source).toContain('折算');
  });
  it('reports items without inputs as missing, listing what is needed', () => {
    const a = computeAccount(data([]), new PriceBook([]));
    expect(item(a, 'water_conservation').status).toBe('missing');
    expect(item(a, 'water_conservation').missingInputs).toEqual(['precipitation[forest]', 'runoff_coefficient[forest]', 'evapotranspiration[forest]']);
    expect(a.totalFen).toBe(0n);
  });
});

describe('constant prices and the quantity/price decomposition', () => {
  const book = new PriceBook([P('index.agriculture', 1, '1', 2020), P('index.agriculture', 1.1, '1', 2021), P('price.reservoir_capacity', 7, '元/m³', 2020), P('price.reservoir_capacity', 8, '元/m³', 2021)]);
  const y0 = data([I('agriculture.value', 100, '元'), I('water_conservation.q', 1000, 'm³', 'forest')], { forest: 1 }, 2020);
  const y1 = data([I('agriculture.value', 132, '元'), I('water_conservation.q', 1200, 'm³', 'forest')], { forest: 1 }, 2021);
  it('values a year at the constant prices of a base year', () => {
    // agriculture 132 / 1.1 × 1.0 = 120; water 1200 × 7 = 8400
    const a = computeAccount(y1, book, { constantYear: 2020 });
    expect(yuan(a, 'agriculture')).toBe('120.00');
    expect(yuan(a, 'water_conservation')).toBe('8400.00');
  });
  it('splits the change into quantity and price effects that sum exactly', () => {
    // agriculture Q̃ 100 → 120, P̃ 1 → 1.1: QE = 20 × 2.1 / 2 = 21, PE = 32 − 21 = 11 (= 0.1 × 220 / 2)
    // water Q 1000 → 1200, P 7 → 8: ΔV = 9600 − 7000 = 2600, QE = 200 × 7.5 = 1500, PE = 1100 (= 1 × 2200 / 2)
    const c = compareAccounts(computeAccount(y0, book), computeAccount(y1, book));
    const agri = c.byItem.find((i) => i.id === 'agriculture')!;
    const water = c.byItem.find((i) => i.id === 'water_conservation')!;
    expect([fenToYuan(agri.changeFen), fenToYuan(agri.quantityEffectFen), fenToYuan(agri.priceEffectFen)]).toEqual(['32.00', '21.00', '11.00']);
    expect([fenToYuan(water.changeFen), fenToYuan(water.quantityEffectFen), fenToYuan(water.priceEffectFen)]).toEqual(['2600.00', '1500.00', '1100.00']);
    expect(c.quantityEffectFen + c.priceEffectFen).toBe(c.changeFen);
    expect(fenToYuan(c.changeFen)).toBe('2632.00');
  });
});

describe('forest carbon from the stock-difference sink (src/carbon/forestSink.ts)', () => {
  it('enters the forest sink as the forest CO2 quantity; a net loss counts as 0', async () => {
    const { forestSinkAsGepInput } = await import('../../src/gep/forestSinkLink.js');
    // 1000 tCO2 × 60 元 = 60000 元
    const a = computeAccount(data([forestSinkAsGepInput({ tCO2PerYear: 1000 })]), new PriceBook([P('price.carbon', 60, '元/tCO2')]));
    expect(yuan(a, 'carbon_sequestration')).toBe('60000.00');
    expect(forestSinkAsGepInput({ tCO2PerYear: -5 }).value).toBe(0);
  });
});
