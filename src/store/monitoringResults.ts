// Computed monitoring results kept in the database: each station-year's daily values and AQI, a year's
// HJ 663 annual statistics of stations and regions, regions' daily values, and the monitoring indicators. This is a
// cache of computations over the facts, never a fact: every row names the versions of the facts it was computed
// from (monitoring_versions, kept by triggers, plus the plan's revision and COMPUTE_REVISION), a row whose
// versions are not the current ones is never served, and the whole table can be deleted at any time — the next
// request computes again (docs/monitoring.md). The import fills it for the years it wrote; a request fills what is
// missing.
import type SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { annualOf, annualRow, reassessmentRow, regionDays, type StationDay } from '../monitoring/air.js';
import { decodeStationDays, encodeStationDays } from '../monitoring/dayCodec.js';
import { airIndicators, measureTargets, stationsOf, withinArea, waterIndicators, type IndicatorValue, type RegionRef, type SectionInput, type StationInput } from '../monitoring/indicators.js';
import { sectionYear, type SectionInfo } from '../monitoring/water.js';
import type { Plan } from '../plan/model.js';
import { planInForce } from '../plan/revisions.js';
import { isDatabaseBusy, rawSqlite } from './db.js';
import { isPostgres } from './dialect.js';
import { listSections, stationDaysOfYear, stationRegistry, waterSamplesOfYear } from './monitoring.js';
import type { Database } from './schema.js';

/** Raised whenever a computation under src/monitoring or src/standards changes what it gives: every stored result is then stale. */
export const COMPUTE_REVISION = 1;

export interface FactVersions {
  air: number;
  registry: number;
  water: number;
}

export async function factVersions(db: Kysely<Database>): Promise<FactVersions> {
  const rows = await db.selectFrom('monitoring_versions').select(['name', 'n']).execute();
  const v = Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
  return { air: v.air ?? 0, registry: v.registry ?? 0, water: v.water ?? 0 };
}

export const stationDaysVersion = (v: Pick<FactVersions, 'air'>) => `r${COMPUTE_REVISION}:air${v.air}`;
const annualVersion = (v: FactVersions, planRevision: number) => `${stationDaysVersion(v)}:registry${v.registry}:plan${planRevision}`;
const indicatorsVersion = (v: FactVersions, planRevision: number) => `${annualVersion(v, planRevision)}:water${v.water}`;

/** Writers of results per connection: a worker's connection is read-only, so it is given a second one for this. */
const WRITERS = new WeakMap<object, SQLite.Database>();
export function registerResultsWriter(db: Kysely<Database>, writer: SQLite.Database): void {
  WRITERS.set(db, writer);
}

async function getResult(db: Kysely<Database>, kind: string, key: string, version: string): Promise<Uint8Array | null> {
  const row = await db.selectFrom('monitoring_results').select(['version', 'body']).where('kind', '=', kind).where('key', '=', key).executeTakeFirst();
  return row && row.version === version ? (row.body as Uint8Array) : null;
}

const UPSERT = `insert into monitoring_results (kind, key, version, body, computed_at) values (?, ?, ?, ?, ?)
  on conflict (kind, key) do update set version = excluded.version, body = excluded.body, computed_at = excluded.computed_at`;

/** PostgreSQL: the same upsert through Kysely (any pooled connection may write; busy is skipped as on SQLite). */
async function putResultsPostgres(db: Kysely<Database>, rows: [kind: string, key: string, version: string, body: Uint8Array][]): Promise<void> {
  const now = new Date().toISOString();
  try {
    await db.transaction().execute(async (trx) => {
      for (const [kind, key, version, body] of rows) await upsertResult(trx, kind, key, version, body, now);
    });
  } catch (e) {
    if (!isDatabaseBusy(e)) throw e;
  }
}

const upsertResult = (db: Kysely<Database>, kind: string, key: string, version: string, body: Uint8Array, now: string) =>
  db
    .insertInto('monitoring_results')
    .values({ kind, key, version, body: Buffer.from(body.buffer, body.byteOffset, body.byteLength), computed_at: now })
    .onConflict((oc) => oc.columns(['kind', 'key']).doUpdateSet((eb) => ({ version: eb.ref('excluded.version'), body: eb.ref('excluded.body'), computed_at: eb.ref('excluded.computed_at') })))
    .execute();

/** Keeps results; a cache write that cannot be made now (the database is busy, or read-only) is skipped. */
async function putResults(db: Kysely<Database>, rows: [kind: string, key: string, version: string, body: Uint8Array][]): Promise<void> {
  if (!rows.length) return;
  if (isPostgres(db)) return putResultsPostgres(db, rows);
  const raw = WRITERS.get(db) ?? rawSqlite(db);
  const now = new Date().toISOString();
  try {
    const put = raw.prepare(UPSERT);
    raw.transaction(() => {
      for (const [kind, key, version, body] of rows) put.run(kind, key, version, body, now);
    }).immediate();
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (!isDatabaseBusy(e) && !code.startsWith('SQLITE_READONLY')) throw e;
  }
}

const text = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const json = <T>(b: Uint8Array): T => JSON.parse(new TextDecoder().decode(b)) as T;

/** In the import's final transaction (raw, synchronous): the station-years it wrote, and the others kept current. */
export function storeImportedStationDays(raw: SQLite.Database, previous: string, current: string, years: Map<number, Map<string, StationDay[]>>): void {
  const put = raw.prepare(UPSERT);
  const now = new Date().toISOString();
  const index = raw.prepare("select version, body from monitoring_results where kind = 'station-index' and key = ?");
  for (const [year, stations] of years) {
    // The year's index lists every station with data; the stations written now are added to a current one, else
    // the year is left to be computed on request (its other stations have not been computed).
    const old = index.get(String(year)) as { version: string; body: Uint8Array } | undefined;
    const known = old && old.version === previous ? (json<string[]>(old.body)) : old ? null : [];
    for (const [code, days] of stations) put.run('station-days', `${year}|${code}`, current, encodeStationDays(days), now);
    if (known) put.run('station-index', String(year), current, text([...new Set([...known, ...stations.keys()])].sort()), now);
  }
  raw.prepare("update monitoring_results set version = ? where kind in ('station-days', 'station-index') and version = ?").run(current, previous);
}

/** storeImportedStationDays through Kysely, in the import's final transaction `trx` (PostgreSQL). */
export async function storeImportedStationDaysIn(trx: Kysely<Database>, previous: string, current: string, years: Map<number, Map<string, StationDay[]>>): Promise<void> {
  const now = new Date().toISOString();
  for (const [year, stations] of years) {
    const old = await trx.selectFrom('monitoring_results').select(['version', 'body']).where('kind', '=', 'station-index').where('key', '=', String(year)).executeTakeFirst();
    const known = old && old.version === previous ? json<string[]>(old.body as Uint8Array) : old ? null : [];
    for (const [code, days] of stations) await upsertResult(trx, 'station-days', `${year}|${code}`, current, encodeStationDays(days), now);
    if (known) await upsertResult(trx, 'station-index', String(year), current, text([...new Set([...known, ...stations.keys()])].sort()), now);
  }
  await trx.updateTable('monitoring_results').set({ version: current }).where('kind', 'in', ['station-days', 'station-index']).where('version', '=', previous).execute();
}

/**
 * Daily values and AQI of every station with data in a year (or of the stations named), from the stored results
 * when they are current, else computed from the hours (and kept).
 */
export async function stationDaysOfYearStored(db: Kysely<Database>, year: number, stations?: readonly string[]): Promise<Map<string, StationDay[]>> {
  const version = stationDaysVersion(await factVersions(db));
  const index = await getResult(db, 'station-index', String(year), version);
  if (index) {
    const listed = json<string[]>(index);
    const wanted = stations ? listed.filter((c) => stations.includes(c)) : listed;
    const rows = wanted.length
      ? await db.selectFrom('monitoring_results').select(['key', 'version', 'body']).where('kind', '=', 'station-days').where('key', 'in', wanted.map((c) => `${year}|${c}`)).execute()
      : [];
    if (rows.length === wanted.length && rows.every((r) => r.version === version)) {
      const out = new Map<string, StationDay[]>();
      for (const r of rows.sort((a, b) => (a.key < b.key ? -1 : 1))) out.set(r.key.slice(String(year).length + 1), decodeStationDays(r.body as Uint8Array));
      return out;
    }
  }
  const all = await stationDaysOfYear(db, year);
  await putResults(db, [...[...all].map(([code, days]) => ['station-days', `${year}|${code}`, version, encodeStationDays(days)] as [string, string, string, Uint8Array]), ['station-index', String(year), version, text([...all.keys()].sort())]]);
  if (!stations) return all;
  return new Map([...all].filter(([code]) => stations.includes(code)));
}

// ── the computations served from the cache (GET /monitoring/air/annual, …/daily of a region, indicators) ──

/**
 * Whether a registered station or section is the plan's: located in the plan's area (its region code under the
 * plan's, GB/T 2260) or in one of its regions. The registry is one for the deployment (a station is a fact, shared by
 * a province's and a city's plans); each plan sees and computes from its own. An entry not yet placed in a region
 * is listed for every plan, so that someone can place it, and counts for none.
 */
export function inPlanArea(plan: Plan, regionCode: string | null): boolean {
  return regionCode === null || withinArea(plan.meta.region, regionCode) || plan.regions.some((r) => r.code === regionCode);
}

export function regionRefs(plan: Plan): RegionRef[] {
  return plan.regions.map((r) => ({ code: r.code, name: r.name, parent: r.parent ?? null }));
}
type StationRow = Awaited<ReturnType<typeof stationRegistry>>[number];
export const toStationInput = (s: StationRow, days: Map<string, StationDay[]>): StationInput => ({ code: s.code, regionCode: s.region_code, level: s.level, isDemo: s.is_demo === 1, days: days.get(s.code) ?? [] });
export const toSectionInfo = (s: Awaited<ReturnType<typeof listSections>>[number]): SectionInfo => ({
  code: s.code,
  name: s.name,
  river: s.river,
  waterbody: s.waterbody,
  assessment: s.assessment,
  targetClass: s.target_class,
  drinkingWater: s.drinking_water === 1,
  regionCode: s.region_code,
});

function computeAirAnnual(plan: Plan, year: number, stations: StationRow[], all: Map<string, StationDay[]>) {
  const inputs = stations.map((s) => toStationInput(s, all));
  const regionDaysOf = new Map<string, StationDay[]>();
  const regions = regionRefs(plan)
    .filter((g) => g.code === plan.meta.region || inputs.some((s) => s.regionCode === g.code))
    .map((g) => {
      const { used } = stationsOf(g, plan.meta.region, inputs);
      const days = regionDays(used.map((s) => s.days));
      regionDaysOf.set(g.code, days);
      return { region: g.code, regionName: g.name, stations: used.map((s) => s.code), ...annualRow(annualOf(days)), reassessment: reassessmentRow(days, year) };
    });
  const body = {
    year,
    stations: stations.filter((s) => all.has(s.code)).map((s) => ({ code: s.code, name: s.name, region: s.region_code, ...annualRow(annualOf(all.get(s.code)!)), reassessment: reassessmentRow(all.get(s.code)!, year) })),
    regions,
  };
  return { body, regionDaysOf };
}
export type AirAnnual = ReturnType<typeof computeAirAnnual>['body'];

/** HJ 663 annual statistics of every station and region of a year (GET /monitoring/air/annual), kept per version. */
export async function airAnnualStored(db: Kysely<Database>, plan: Plan, planRevision: number, year: number): Promise<AirAnnual> {
  const version = annualVersion(await factVersions(db), planRevision);
  // Per plan: each plan's statistics cover its own stations and regions.
  const key = `${plan.meta.id}|${year}`;
  const kept = await getResult(db, 'air-annual', key, version);
  if (kept) return json<AirAnnual>(kept);
  const stations = (await stationRegistry(db)).filter((s) => inPlanArea(plan, s.region_code));
  const all = await stationDaysOfYearStored(db, year);
  const { body, regionDaysOf } = computeAirAnnual(plan, year, stations, all);
  await putResults(db, [['air-annual', key, version, text(body)], ...[...regionDaysOf].map(([code, days]) => ['region-days', `${plan.meta.id}|${year}|${code}`, version, encodeStationDays(days)] as [string, string, string, Uint8Array])]);
  return body;
}

/** A region's daily values of a year (HJ 663: the mean of its stations' daily values, then the AQI), kept with the annual statistics. */
export async function regionDaysStored(db: Kysely<Database>, plan: Plan, planRevision: number, year: number, region: string): Promise<StationDay[]> {
  const key = `${plan.meta.id}|${year}|${region}`;
  const version = annualVersion(await factVersions(db), planRevision);
  const kept = await getResult(db, 'region-days', key, version);
  if (kept) return decodeStationDays(kept);
  const stations = (await stationRegistry(db)).filter((s) => inPlanArea(plan, s.region_code));
  const all = await stationDaysOfYearStored(db, year);
  const ref = regionRefs(plan).find((g) => g.code === region)!;
  const { used } = stationsOf(ref, plan.meta.region, stations.map((s) => toStationInput(s, all)));
  return regionDays(used.map((s) => s.days));
}

/** Every indicator value a year's monitoring data give (the plan's indicators of MONITORING_MEASURES), kept per version. */
export async function indicatorsStored(db: Kysely<Database>, plan: Plan, planRevision: number, year: number): Promise<IndicatorValue[]> {
  const version = indicatorsVersion(await factVersions(db), planRevision);
  const key = `${plan.meta.id}|${year}`;
  const kept = await getResult(db, 'indicators', key, version);
  if (kept) return json<IndicatorValue[]>(kept);
  const values = await computeIndicators(db, plan, year);
  await putResults(db, [['indicators', key, version, text(values)]]);
  return values;
}

/** Every computed indicator value of a year (pure functions over the stored data, the days from the cache). */
export async function computeIndicators(db: Kysely<Database>, plan: Plan, year: number): Promise<IndicatorValue[]> {
  const stations = (await stationRegistry(db)).filter((s) => inPlanArea(plan, s.region_code));
  const days = await stationDaysOfYearStored(db, year);
  const stationInputs = stations.map((s) => toStationInput(s, days));
  const sections = (await listSections(db)).filter((s) => inPlanArea(plan, s.region_code));
  const samples = await waterSamplesOfYear(db, year);
  const sectionInputs: SectionInput[] = sections.map((s) => {
    const info = toSectionInfo(s);
    return { info, isDemo: s.is_demo === 1, year: sectionYear(info, samples.filter((x) => x.section_code === s.code)) };
  });
  // The indicators of the version in force for the year: a revision may move a measure to another indicator.
  const targets = measureTargets(planInForce(plan, year));
  const city = plan.meta.region;
  const out: IndicatorValue[] = [];
  for (const region of regionRefs(plan)) {
    const isCity = region.code === city;
    if (isCity || stationInputs.some((s) => s.regionCode === region.code)) out.push(...airIndicators(region, city, stationInputs, targets));
    if (isCity || sectionInputs.some((s) => s.info.regionCode === region.code)) out.push(...waterIndicators(region, city, sectionInputs, targets));
  }
  return out.sort((a, b) => a.indicatorCode - b.indicatorCode || (a.region === city ? -1 : b.region === city ? 1 : a.region.localeCompare(b.region)));
}

/** How many results are kept, by kind (for `ecoplan monitoring results`). */
export async function resultCounts(db: Kysely<Database>) {
  return db.selectFrom('monitoring_results').select(['kind', sql<number>`count(*)`.as('n')]).groupBy('kind').execute();
}
