// Reference case: the published GEP account of 甘孜藏族自治州 for 2010 (白玛卓嘎、肖燚、欧阳志云、王莉雁，
// 生态学报 2017, 37(19): 6302-6312, 表3), reproduced item by item from its published physical quantities and unit
// prices. Each published value must lie within the rounding of the publication: the half-unit of the last digit
// of every input quantity (propagated through × price) plus the half-unit of the published value (0.005 亿元).
import { describe, expect, it } from 'vitest';
import { computeAccount, PriceBook, type InputValue, type PriceEntry } from '../../src/gep/account.js';

const P = (key: string, value: number, unit: string): PriceEntry => ({ key, year: 2010, value, unit, source: '甘孜 2017 表3', indexKey: null });
const I = (key: string, value: number, unit: string): InputValue => ({ key, type: null, value, unit });

// Table 3 physical quantities as printed, with the half-unit of their last digit.
const inputs: [InputValue, number][] = [
  [I('agriculture.value', 12.2875, '亿元'), 0.00005],
  [I('forestry.value', 2.3777, '亿元'), 0.00005],
  [I('livestock.value', 22.076, '亿元'), 0.00005],
  [I('fishery.value', 0.0356, '亿元'), 0.00005],
  [I('water_supply.domestic', 1.36, '亿m³'), 0.005],
  [I('water_supply.industrial', 150.17, '亿m³'), 0.005],
  [I('water_supply.agricultural', 17.31, '亿m³'), 0.005],
  [I('eco_energy.hydropower', 95.3, '亿kWh'), 0.005],
  [I('water_conservation.q', 321.49, '亿m³'), 0.005],
  [I('soil_retention.sediment', 10.03, '亿m³'), 0.005],
  [I('soil_retention.nitrogen', 1437.94, '万t'), 0.005],
  [I('soil_retention.phosphorus', 419.72, '万t'), 0.005],
  [I('sand_fixed', 779.42, '万t'), 0.005],
  [I('flood_regulation.lake', 2.43, '亿m³'), 0.005],
  [I('flood_regulation.reservoir', 0.01, '亿m³'), 0.005],
  [I('flood_regulation.marsh', 6.0, '亿m³'), 0.005],
  [I('flood_regulation.vegetation', 0, 'm³'), 0],
  [I('air_purification.so2', 1137, 't'), 0.5],
  [I('air_purification.nox', 2772, 't'), 0.5],
  [I('air_purification.dust', 941, 't'), 0.5],
  [I('water_purification.cod', 5424, 't'), 0.5],
  [I('water_purification.nh3n', 625, 't'), 0.5],
  [I('water_purification.tp', 0, 't'), 0],
  [I('carbon_sequestration.co2', 0.31, '亿tCO2'), 0.005],
  [I('oxygen_release.o2', 2.51, '亿t'), 0.005],
  [I('climate_regulation.vegetation', 2799.1, '亿kWh'), 0.005],
  [I('climate_regulation.water', 1272.35, '亿kWh'), 0.005],
  [I('pest_control.forest', 158, '万hm²'), 0.5],
  [I('pest_control.grassland', 711.13, '万hm²'), 0.005],
];
// Unit prices of table 3 (2010) and the parameters stated in §3.2.3.
const book = new PriceBook([
  P('price.water_domestic', 2.6, '元/m³'), P('price.water_industrial', 3.6, '元/m³'), P('price.water_agricultural', 0.07, '元/m³'), P('price.hydropower', 0.53, '元/kWh'),
  P('price.reservoir_capacity', 7.06, '元/m³'), P('price.dredging', 15.58, '元/m³'), P('price.n_removal', 875, '元/t'), P('price.p_removal', 2800, '元/t'),
  P('param.sand_bulk_density', 1.28, 't/m³'), P('param.sand_thickness', 0.1, 'm'), P('price.sand_control', 3.75, '元/m²'),
  P('price.so2', 1200, '元/t'), P('price.nox', 630, '元/t'), P('price.dust', 150, '元/t'), P('price.cod', 700, '元/t'), P('price.nh3n', 875, '元/t'),
  P('price.carbon', 380, '元/tCO2'), P('price.oxygen', 727, '元/t'), P('price.electricity', 0.53, '元/kWh'), P('price.pest_forest', 375, '元/hm²'), P('price.pest_grassland', 112.5, '元/hm²'),
]);

// Published item values (亿元, table 3 column “价值量”, 2 decimals) and the lines that make each.
const published: [string, number, string[]][] = [
  ['water_supply', 545.36, ['water_supply.domestic', 'water_supply.industrial', 'water_supply.agricultural']],
  ['eco_energy', 50.51, ['eco_energy.hydropower']],
  ['water_conservation', 2269.71, ['water_conservation.q']],
  ['soil_retention', 399.6, ['soil_retention.sediment', 'soil_retention.nitrogen', 'soil_retention.phosphorus']],
  ['sand_fixation', 2.28, ['sand_fixed']],
  ['flood_regulation', 59.56, ['flood_regulation.lake', 'flood_regulation.reservoir', 'flood_regulation.marsh']],
  ['air_purification', 0.03, ['air_purification.so2', 'air_purification.nox', 'air_purification.dust']],
  ['water_purification', 0.04, ['water_purification.cod', 'water_purification.nh3n']],
  ['climate_regulation', 2157.86, ['climate_regulation.vegetation', 'climate_regulation.water']],
  ['pest_control', 13.93, ['pest_control.forest', 'pest_control.grassland']],
];

describe('reference case: 甘孜州 2010 GEP (生态学报 2017, 37(19), 表3)', () => {
  const acc = computeAccount({ region: 'garze', year: 2010, extent: { grassland: 1 }, inputs: inputs.map(([i]) => i) }, book, { include: ['water_supply', 'oxygen_release', 'pest_control'] });
  const yi = (id: string) => Number(acc.items.find((i) => i.id === id)!.valueFen) / 1e10;
  // Sensitivity of an item value (亿元) to the rounding of its inputs: Σ half-unit × (value per input unit).
  const tolerance = (keys: string[], id: string) => {
    const item = acc.items.find((i) => i.id === id)!;
    let t = 0.005;
    for (const k of keys) {
      const entry = inputs.find(([i]) => i.key === k)!;
      const v = entry[0].value;
      if (v === 0) continue;
      const share = item.lines.filter((l) => `${l.item}.${l.line}` === k || (k === 'sand_fixed' && l.item === 'sand_fixation')).reduce((s, l) => s + Number(l.valueFen) / 1e10, 0);
      t += (share / v) * entry[1];
    }
    return t;
  };
  for (const [id, value, keys] of published)
    it(`${id}: published ${value} 亿元`, () => {
      expect(Math.abs(yi(id) - value)).toBeLessThanOrEqual(tolerance(keys, id));
    });
  it('material products entered as values: 12.29 + 2.38 + 22.08 + 0.04 亿元', () => {
    expect([yi('agriculture'), yi('forestry'), yi('livestock'), yi('fishery')].map((v) => v.toFixed(2))).toEqual(['12.29', '2.38', '22.08', '0.04']);
  });
  it('carbon sequestration and oxygen release: published 1939.27 亿元 together', () => {
    // 0.31 亿t × 380 = 117.80; 2.51 亿t × 727 = 1824.77; tolerance 0.005 × 380 + 0.005 × 727 + 0.005 = 5.54
    expect(Math.abs(yi('carbon_sequestration') + yi('oxygen_release') - 1939.27)).toBeLessThanOrEqual(5.54);
  });
  it('regulating services: published 6842.28 亿元 (the sum of its items, within their tolerances)', () => {
    const ids = ['water_conservation', 'soil_retention', 'sand_fixation', 'flood_regulation', 'air_purification', 'water_purification', 'carbon_sequestration', 'oxygen_release', 'climate_regulation', 'pest_control'];
    const sum = ids.reduce((s, id) => s + yi(id), 0);
    const tol = published.filter(([id]) => ids.includes(id)).reduce((s, [id, , keys]) => s + tolerance(keys, id), 0) + 5.54;
    expect(Math.abs(sum - 6842.28)).toBeLessThanOrEqual(tol);
  });
});
