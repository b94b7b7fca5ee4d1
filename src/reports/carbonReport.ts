// The carbon figures a report is built from (the year's inventory, indicators 25 and 23, the saved scenarios run),
// computed by the same pure src/carbon functions the API uses. The report's model (model.ts) imports this, never
// the chapter (carbonSection.ts).
import type { ActivityRecord } from '../carbon/activity.js';
import { CarbonInputError, FactorSet, type FactorOverride } from '../carbon/factors.js';
import { computeIndicators, type IndicatorOutcome } from '../carbon/indicators.js';
import { ActivityIndex, computeInventory, type Inventory } from '../carbon/inventory.js';
import { runScenario, type ScenarioInput, type ScenarioResult } from '../carbon/scenarios.js';
import type { Plan } from '../plan/model.js';

/** What the caller reads from the store for the chapter (src/store/carbon.ts): current rows, overrides, scenarios. */
export interface CarbonReportInput {
  records: readonly (ActivityRecord & { isDemo?: boolean })[];
  overrides: readonly FactorOverride[];
  scenarios: readonly { params: ScenarioInput; isDemo?: boolean }[];
}

export interface CarbonReport {
  inventory: Inventory;
  previous: Inventory | null;
  indicators: IndicatorOutcome;
  scenarios: ScenarioResult[];
  /** Scenarios that could not be run, with the reason (the chapter says so rather than dropping them silently). */
  failed: { name: string; reason: string }[];
  usesDemo: boolean;
}

/** Computes the chapter's numbers for a region and year; an inventory error (unknown factor …) propagates. */
export function buildCarbonReport(plan: Plan, year: number, regionCode: string, input: CarbonReportInput): CarbonReport {
  const factors = new FactorSet(input.overrides);
  const index = new ActivityIndex(input.records);
  const opts = { year, regionCode, regions: plan.regions, factors };
  const inventory = computeInventory(index, opts);
  const prev = computeInventory(index, { ...opts, year: year - 1 });
  const indicators = computeIndicators(input.records, opts, index);
  const scenarios: ScenarioResult[] = [];
  const failed: CarbonReport['failed'] = [];
  for (const s of input.scenarios) {
    try {
      scenarios.push(runScenario(s.params, factors));
    } catch (e) {
      if (!(e instanceof CarbonInputError)) throw e;
      failed.push({ name: s.params.name, reason: e.message });
    }
  }
  const used = new Set([...inventory.regionsUsed, regionCode]);
  const usesDemo =
    input.records.some((r) => r.isDemo && r.year <= year && used.has(r.regionCode)) || input.scenarios.some((s) => s.isDemo);
  return { inventory, previous: prev.lines.length ? prev : null, indicators, scenarios, failed, usesDemo };
}
