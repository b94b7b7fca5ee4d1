// Carbon accounts in the database: activity data, local factor overrides and scenarios, each change a new version
// with its reason and an audit entry; a batch is all or nothing. Current values are the latest versions.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { activityKey, type ActivityRecord, type Sector } from '../carbon/activity.js';
import { FactorSet, validateOverride, type FactorOverride } from '../carbon/factors.js';
import { ActivityIndex } from '../carbon/inventory.js';
import { scenarioSchema, type ScenarioParams } from '../carbon/scenarios.js';
import type { CarbonActivityTable, Database } from './schema.js';
import { audit } from './users.js';
import { unitEn } from '../plan/unitsEn.js';

export class CarbonStoreError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageEn: string,
    readonly details: { row: number | null; message: string; messageEn: string }[] = [],
  ) {
    super(message);
  }
}

export interface StoredActivity extends ActivityRecord {
  version: number;
  reason: string | null;
  recordedBy: string;
  recordedAt: string;
  isDemo: boolean;
}

const toRecord = (r: CarbonActivityTable): StoredActivity => ({
  regionCode: r.region_code,
  year: r.year,
  sector: r.sector as Sector,
  category: r.category,
  subsector: r.subsector || null,
  item: r.item,
  valueText: r.value_text!,
  unit: r.unit,
  source: r.source,
  note: r.note,
  version: r.version,
  reason: r.reason,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at,
  isDemo: r.is_demo === 1,
});

/** Latest version of every row (withdrawn rows left out), optionally for some years, a region, a sector. */
export async function currentActivity(db: Kysely<Database>, planId: string, filter: { years?: number[]; region?: string; sector?: string } = {}): Promise<StoredActivity[]> {
  let q = db.selectFrom('carbon_activity').selectAll().where('plan_id', '=', planId);
  if (filter.years?.length) q = q.where('year', 'in', filter.years);
  if (filter.region) q = q.where('region_code', '=', filter.region);
  if (filter.sector) q = q.where('sector', '=', filter.sector);
  const rows = await q.orderBy('version').execute();
  const latest = new Map<string, CarbonActivityTable>();
  for (const r of rows) latest.set(activityKey({ regionCode: r.region_code, year: r.year, category: r.category, subsector: r.subsector || null, item: r.item }), r);
  // In key order, not the order the engine happens to return rows of one version in (insertion order on SQLite,
  // any order on PostgreSQL, canonical order after a restore): the inventory lists its items, and adds its
  // floating-point totals, in this order, so the same facts must give the same answer digit for digit.
  const key = (r: CarbonActivityTable) => [r.region_code, String(r.year).padStart(6, '0'), r.category, r.subsector ?? '', r.item].join('\u0000');
  return [...latest.values()]
    .filter((r) => r.value_text !== null)
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .map(toRecord);
}

/** Every version of one row, oldest first. */
export async function activityHistory(db: Kysely<Database>, planId: string, key: Pick<ActivityRecord, 'regionCode' | 'year' | 'category' | 'subsector' | 'item'>) {
  return db
    .selectFrom('carbon_activity')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('region_code', '=', key.regionCode)
    .where('year', '=', key.year)
    .where('category', '=', key.category)
    .where('subsector', '=', key.subsector ?? '')
    .where('item', '=', key.item)
    .orderBy('version')
    .execute();
}

export interface ActivityChange {
  /** Row number in the file or request (for messages). */
  row: number | null;
  record: ActivityRecord;
  /** Required when the row changes an existing value. */
  reason: string | null;
}

/**
 * Saves rows as new versions, all or nothing. An unchanged row is skipped; a changed one needs a reason.
 * One audit entry for the batch.
 */
export async function saveActivity(
  db: Kysely<Database>,
  planId: string,
  changes: readonly ActivityChange[],
  by: { id: string | null; username: string },
  opts: { isDemo?: boolean; origin?: string } = {},
): Promise<{ inserted: number; versioned: number; unchanged: number }> {
  return db.transaction().execute(async (trx) => {
    const years = [...new Set(changes.map((c) => c.record.year))];
    const all = years.length ? await trx.selectFrom('carbon_activity').selectAll().where('plan_id', '=', planId).where('year', 'in', years).orderBy('version').execute() : [];
    const latest = new Map<string, CarbonActivityTable>();
    for (const r of all) latest.set(activityKey({ regionCode: r.region_code, year: r.year, category: r.category, subsector: r.subsector || null, item: r.item }), r);
    const problems: { row: number | null; message: string; messageEn: string }[] = [];
    const seen = new Map<string, number | null>();
    const inserts: CarbonActivityTable[] = [];
    let inserted = 0;
    let versioned = 0;
    let unchanged = 0;
    const now = new Date().toISOString();
    for (const c of changes) {
      const key = activityKey(c.record);
      if (seen.has(key)) {
        problems.push({ row: c.row, message: `与第 ${seen.get(key)} 行重复（同一行政区、年份、类别、部门、品种）`, messageEn: `duplicates row ${seen.get(key)} (same region, year, category, sub-sector, item)` });
        continue;
      }
      seen.set(key, c.row);
      const prev = latest.get(key);
      if (prev && prev.value_text === c.record.valueText && prev.unit === c.record.unit && prev.source === c.record.source && (prev.note ?? null) === c.record.note) {
        unchanged++;
        continue;
      }
      if (prev && prev.value_text !== null && !c.reason?.trim()) {
        problems.push({ row: c.row, message: `已有数值 ${prev.value_text} ${prev.unit}（第 ${prev.version} 版），修改须填写修改原因`, messageEn: `a value exists (${prev.value_text} ${unitEn(prev.unit)}, version ${prev.version}): a change needs a reason` });
        continue;
      }
      inserts.push({
        id: randomUUID(),
        plan_id: planId,
        region_code: c.record.regionCode,
        year: c.record.year,
        sector: c.record.sector,
        category: c.record.category,
        subsector: c.record.subsector ?? '',
        item: c.record.item,
        version: (prev?.version ?? 0) + 1,
        value_text: c.record.valueText,
        unit: c.record.unit,
        source: c.record.source,
        note: c.record.note,
        reason: c.reason?.trim() || null,
        recorded_by: by.username,
        recorded_at: now,
        is_demo: opts.isDemo ? 1 : 0,
      });
      if (prev) versioned++;
      else inserted++;
    }
    if (problems.length)
      throw new CarbonStoreError(
        409,
        'ACTIVITY_REJECTED',
        `未写入任何数据：${problems.slice(0, 20).map((p) => (p.row === null ? p.message : `第 ${p.row} 行：${p.message}`)).join('；')}${problems.length > 20 ? `；另有 ${problems.length - 20} 处` : ''}`,
        `nothing was written: ${problems.slice(0, 20).map((p) => (p.row === null ? p.messageEn : `row ${p.row}: ${p.messageEn}`)).join('; ')}${problems.length > 20 ? `; ${problems.length - 20} more` : ''}`,
        problems,
      );
    for (let i = 0; i < inserts.length; i += 200) await trx.insertInto('carbon_activity').values(inserts.slice(i, i + 200)).execute();
    if (inserts.length)
      await audit(trx, {
        userId: by.id,
        action: 'carbon.activity.save',
        entity: 'carbon_activity',
        entityId: planId,
        detail: { origin: opts.origin ?? 'api', inserted, versioned, unchanged, rows: inserts.slice(0, 50).map((r) => ({ key: `${r.region_code}|${r.year}|${r.category}|${r.subsector}|${r.item}`, version: r.version, value: r.value_text, unit: r.unit, reason: r.reason })) },
      });
    return { inserted, versioned, unchanged };
  });
}

/** The current local factors of a plan (withdrawn ones left out). */
export async function currentOverrides(db: Kysely<Database>, planId: string): Promise<(FactorOverride & { recordedBy: string; recordedAt: string })[]> {
  const rows = await db.selectFrom('carbon_factor_overrides').selectAll().where('plan_id', '=', planId).orderBy('version').execute();
  const latest = new Map(rows.map((r) => [r.factor_key, r]));
  return [...latest.values()].filter((r) => r.value_text !== null).map((r) => ({ key: r.factor_key, value: Number(r.value_text), unit: r.unit, reason: r.reason, version: r.version, recordedBy: r.recorded_by, recordedAt: r.recorded_at }));
}

export async function overrideHistory(db: Kysely<Database>, planId: string, key: string) {
  return db.selectFrom('carbon_factor_overrides').selectAll().where('plan_id', '=', planId).where('factor_key', '=', key).orderBy('version').execute();
}

/** Sets (value) or withdraws (null) a local factor as a new version with a reason. */
export async function saveOverride(
  db: Kysely<Database>,
  planId: string,
  o: { key: string; valueText: string | null; unit: string; reason: string },
  by: { id: string | null; username: string },
  opts: { isDemo?: boolean } = {},
): Promise<{ version: number }> {
  if (o.valueText !== null) validateOverride({ key: o.key, value: Number(o.valueText), unit: o.unit, reason: o.reason });
  else if (!o.reason.trim()) throw new CarbonStoreError(400, 'REASON_REQUIRED', '撤销本地因子须说明原因', 'withdrawing a local factor needs a reason');
  return db.transaction().execute(async (trx) => {
    const prev = await trx.selectFrom('carbon_factor_overrides').selectAll().where('plan_id', '=', planId).where('factor_key', '=', o.key).orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (o.valueText === null && (!prev || prev.value_text === null)) throw new CarbonStoreError(404, 'NOT_FOUND', `因子“${o.key}”没有本地值可撤销`, `factor "${o.key}" has no local value to withdraw`);
    const version = (prev?.version ?? 0) + 1;
    await trx
      .insertInto('carbon_factor_overrides')
      .values({ id: randomUUID(), plan_id: planId, factor_key: o.key, version, value_text: o.valueText, unit: o.unit, reason: o.reason.trim(), recorded_by: by.username, recorded_at: new Date().toISOString(), is_demo: opts.isDemo ? 1 : 0 })
      .execute();
    await audit(trx, { userId: by.id, action: o.valueText === null ? 'carbon.factor.withdraw' : 'carbon.factor.set', entity: 'carbon_factor', entityId: o.key, detail: { planId, version, before: prev?.value_text ?? null, after: o.valueText, unit: o.unit, reason: o.reason } });
    return { version };
  });
}

export interface StoredScenario {
  name: string;
  version: number;
  params: ScenarioParams;
  reason: string | null;
  savedBy: string;
  savedAt: string;
  isDemo: boolean;
}

/** The latest version of every saved scenario of a plan, by name. */
export async function listScenarios(db: Kysely<Database>, planId: string): Promise<StoredScenario[]> {
  const rows = await db.selectFrom('carbon_scenarios').selectAll().where('plan_id', '=', planId).orderBy('version').execute();
  const latest = new Map(rows.map((r) => [r.name, r]));
  return [...latest.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((r) => ({ name: r.name, version: r.version, params: scenarioSchema.parse(JSON.parse(r.params)), reason: r.reason, savedBy: r.saved_by, savedAt: r.saved_at, isDemo: r.is_demo === 1 }));
}

export async function findScenario(db: Kysely<Database>, planId: string, name: string): Promise<StoredScenario | null> {
  return (await listScenarios(db, planId)).find((s) => s.name === name) ?? null;
}

/** Saves a scenario's parameters as a new version; changing an existing one needs a reason. */
export async function saveScenario(db: Kysely<Database>, planId: string, params: ScenarioParams, reason: string | null, by: { id: string | null; username: string }, opts: { isDemo?: boolean } = {}): Promise<{ version: number }> {
  return db.transaction().execute(async (trx) => {
    const prev = await trx.selectFrom('carbon_scenarios').selectAll().where('plan_id', '=', planId).where('name', '=', params.name).orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (prev && !reason?.trim()) throw new CarbonStoreError(409, 'REASON_REQUIRED', `情景“${params.name}”已存在（第 ${prev.version} 版），修改须说明原因`, `scenario "${params.name}" exists (version ${prev.version}): a change needs a reason`);
    const version = (prev?.version ?? 0) + 1;
    await trx
      .insertInto('carbon_scenarios')
      .values({ id: randomUUID(), plan_id: planId, name: params.name, version, params: JSON.stringify(params), reason: reason?.trim() || null, saved_by: by.username, saved_at: new Date().toISOString(), is_demo: opts.isDemo ? 1 : 0 })
      .execute();
    await audit(trx, { userId: by.id, action: 'carbon.scenario.save', entity: 'carbon_scenario', entityId: params.name, detail: { planId, version, reason } });
    return { version };
  });
}

/** Removes the example (demo) carbon data of a plan; real rows are untouched. */
export async function removeDemoCarbon(db: Kysely<Database>, planId: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let n = 0;
    for (const table of ['carbon_activity', 'carbon_factor_overrides', 'carbon_scenarios'] as const) {
      const r = await trx.deleteFrom(table).where('plan_id', '=', planId).where('is_demo', '=', 1).executeTakeFirst();
      n += Number(r.numDeletedRows);
    }
    return n;
  });
}

/** Everything a calculation needs for a plan: current activity rows, indexed, and the factors with local overrides. */
/** Whether a year's inventory (of the region, or of every county for the plan's region) rests on demonstration data. */
export function carbonUsesDemo(records: readonly StoredActivity[], year: number, regionCode: string, planRegion: string): boolean {
  return records.some((r) => r.isDemo && r.year === year && (regionCode === planRegion || r.regionCode === regionCode));
}

export async function loadCarbonContext(db: Kysely<Database>, planId: string, filter: { years?: number[]; sector?: Sector } = {}) {
  const [records, overrides] = await Promise.all([currentActivity(db, planId, filter), currentOverrides(db, planId)]);
  const factors = new FactorSet(overrides);
  return { records, overrides, factors, index: new ActivityIndex(records) };
}
