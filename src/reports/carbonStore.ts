// What the report's carbon chapter reads from the store: the same current activity rows, local factors and saved
// scenarios the carbon API computes from (src/store/carbon.ts), with their demo marks.
import type { Kysely } from 'kysely';
import type { Plan } from '../plan/model.js';
import { listScenarios, loadCarbonContext } from '../store/carbon.js';
import type { Database } from '../store/schema.js';
import type { CarbonReportInput } from './carbonReport.js';

export async function reportCarbon(db: Kysely<Database>, plan: Plan): Promise<CarbonReportInput> {
  const [ctx, scenarios] = await Promise.all([loadCarbonContext(db, plan.meta.id), listScenarios(db, plan.meta.id)]);
  return { records: ctx.records, overrides: ctx.overrides, scenarios: scenarios.map((s) => ({ params: s.params, isDemo: s.isDemo })) };
}
