// What a plan's levels of government are called, from its regions: a city plan's 全市 / 市直部门 and its counties, a
// county plan's 全县 / 县直部门 and its towns. Texts that speak of the plan's whole area or its sub-regions use these
// instead of assuming a city.
import { describe, expect, it } from 'vitest';
import { evaluatePlan, ObservationIndex } from '../src/plan/evaluation.js';
import type { Plan } from '../src/plan/model.js';
import { planLevelTerm, subRegions, subRegionTerm } from '../src/plan/views.js';
import { readPlanFolder } from '../src/planfolder/read.js';
import { EXAMPLE_COUNTY_DIR, SHAOGUAN_DIR } from './helpers/planFolder.js';

const load = (dir: string): Plan => {
  const f = readPlanFolder(dir);
  if (!f.result.ok) throw new Error(`${dir} invalid`);
  return f.result.plan;
};
const city = load(SHAOGUAN_DIR);
const county = load(EXAMPLE_COUNTY_DIR);

describe('the plan’s own level', () => {
  const withType = (type: string) => ({ meta: { region: 'X' }, regions: [{ code: 'X', type }] });
  it('is named by the type of the plan’s region', () => {
    expect(planLevelTerm(city)).toEqual({ whole: '全市', departments: '市直部门', wholeEn: 'the city', departmentsEn: 'city departments' });
    expect(planLevelTerm(county)).toMatchObject({ whole: '全县', departments: '县直部门', wholeEn: 'the county' });
    expect(planLevelTerm(withType('county-level-city')).whole).toBe('全市');
    expect(planLevelTerm(withType('autonomous-county')).whole).toBe('全县');
    expect(planLevelTerm(withType('district'))).toMatchObject({ whole: '全区', departments: '区直部门' });
    expect(planLevelTerm(withType('town')).whole).toBe('全乡镇');
  });

  it('names the sub-regions by their level', () => {
    expect(subRegions(county).every((r) => r.level === 'town')).toBe(true);
    expect(subRegionTerm(county)).toMatchObject({ zh: '乡镇（街道）', short: '乡镇', governments: '乡镇人民政府（街道办事处）' });
    expect(subRegionTerm(city)).toMatchObject({ zh: '县（市、区）', short: '县区', governments: '县（市、区）人民政府' });
  });

  it('an indicator a town never reported is evaluated for the county, and says so', () => {
    const town = subRegions(county)[0]!;
    const e = evaluatePlan(county, new ObservationIndex([]), { year: 2025, region: town.code });
    const reasons = new Set(e.indicators.map((x) => x.reason?.zh).filter(Boolean));
    expect([...reasons]).toContain(`${town.name}无此指标数据，按全县评估`);
    expect([...reasons].join('')).not.toContain('全市');
    const cityTown = subRegions(city)[0]!;
    const c = evaluatePlan(city, new ObservationIndex([]), { year: 2025, region: cityTown.code });
    expect(c.indicators.map((x) => x.reason?.en)).toContain(`no data for ${cityTown.nameEn}; evaluated for the city`);
  });
});
