// What the chosen plan calls its own level and its sub-regions (src/plan/views.ts), for texts that speak of them:
// a city's 全市 / 市直部门 / 县（市、区）, a county's 全县 / 县直部门 / 乡镇（街道）. A city's words until the plan is loaded.
import { useMemo } from 'react';
import { api } from './api.js';
import { useApi } from './useApi.js';
import { COUNTY_TERM, planLevelTerm, subRegionTerm, type PlanLevelTerm, type SubRegionTerm } from '../../src/plan/views.js';

export interface PlanTerms {
  level: PlanLevelTerm;
  sub: SubRegionTerm;
}

const CITY: PlanLevelTerm = { whole: '全市', departments: '市直部门', wholeEn: 'the city', departmentsEn: 'city departments' };

export function usePlanTerms(): PlanTerms {
  const plan = useApi('plan', api.plan).data;
  return useMemo(() => (plan ? { level: planLevelTerm(plan), sub: subRegionTerm(plan) } : { level: CITY, sub: COUNTY_TERM }), [plan]);
}
