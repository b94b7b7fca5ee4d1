// What the chosen plan calls its own level and its sub-regions (src/plan/views.ts), for texts that speak of them:
// a city's 全市 / 市直部门 / 县（市、区）, a county's 全县 / 县直部门 / 乡镇（街道）. A city's words until the plan is loaded.
import { useMemo } from 'react';
import { api } from './api.js';
import { useApi } from './useApi.js';
import { CITY_LEVEL_TERM, COUNTY_TERM, planLevelTerm, subRegionTerm, type PlanLevelTerm, type SubRegionTerm } from '../../src/plan/views.js';

export interface PlanTerms {
  level: PlanLevelTerm;
  sub: SubRegionTerm;
}

export function usePlanTerms(): PlanTerms {
  const plan = useApi('plan', api.plan).data;
  return useMemo(() => (plan ? { level: planLevelTerm(plan), sub: subRegionTerm(plan) } : { level: CITY_LEVEL_TERM, sub: COUNTY_TERM }), [plan]);
}

/**
 * The chosen plan's indicator of a measure (where a computed value goes), by the plan's own numbering, null when it
 * has none; the lookup itself is null until the plan's indicators are loaded.
 */
export function useMeasureCodes(): ((measure: string) => number | null) | null {
  const list = useApi('indicators', api.indicators).data;
  return useMemo(() => (list ? (measure: string) => list.indicators.find((i) => i.measure === measure)?.code ?? null : null), [list]);
}
