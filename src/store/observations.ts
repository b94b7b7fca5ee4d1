// Observation repository. Rows are never updated: a changed value is a new version that carries a reason,
// and a batch that would change a value without a reason is refused as a whole.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Observation, ObservationInput } from '../plan/observations.js';
import type { RelativeRule, StateCode } from '../plan/targets.js';
import type { Database, ObservationsTable } from './schema.js';

export interface RecordOptions {
  origin: 'import' | 'demo';
  fileName?: string;
  fileSha256?: string;
  recordedBy: string;
  /** Reason applied to rows that change an existing value and carry none of their own. */
  reason?: string;
  status?: 'approved' | 'provisional';
}

export interface Conflict {
  input: ObservationInput;
  current: Observation;
}

export type RecordOutcome =
  | { ok: true; batchId: string; inserted: number; versioned: number; unchanged: number }
  | { ok: false; conflicts: Conflict[] };

const keyOf = (o: { indicatorCode: number; regionCode: string; year: number; kind: string }) => `${o.indicatorCode}|${o.regionCode}|${o.year}|${o.kind}`;

export function toObservation(r: ObservationsTable): Observation {
  return {
    id: r.id,
    indicatorCode: r.indicator_code,
    regionCode: r.region_code,
    year: r.year,
    kind: r.kind,
    version: r.version,
    valueText: r.value_text,
    value: r.value_text === null ? null : Number(r.value_text),
    state: r.state as StateCode | null,
    checks: r.checks ? (r.checks.split(',') as RelativeRule[]) : [],
    source: r.source,
    note: r.note,
    reason: r.reason,
    status: r.status,
    isDemo: r.is_demo === 1,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
    batchId: r.batch_id,
  };
}

function sameFact(a: ObservationInput, b: Observation): boolean {
  const num = (t: string | null) => (t === null ? null : Number(t));
  return num(a.valueText) === num(b.valueText) && a.state === b.state && [...a.checks].sort().join() === [...b.checks].sort().join() && a.source === b.source;
}

/** The current (latest) version of every observation of a plan, optionally of one year or region. */
export async function currentObservations(db: Kysely<Database>, planId: string, filter: { year?: number; region?: string; includeDemo?: boolean } = {}): Promise<Observation[]> {
  let q = db.selectFrom('observations').selectAll().where('plan_id', '=', planId);
  if (filter.year !== undefined) q = q.where('year', '=', filter.year);
  if (filter.region !== undefined) q = q.where('region_code', '=', filter.region);
  if (filter.includeDemo === false) q = q.where('is_demo', '=', 0);
  return latestVersions(await q.orderBy('version', 'asc').execute());
}

/** The last row of each indicator, region, year and kind among rows ordered by version. */
function latestVersions(rows: readonly ObservationsTable[]): Observation[] {
  const latest = new Map<string, Observation>();
  for (const r of rows) {
    const o = toObservation(r);
    latest.set(keyOf(o), o);
  }
  return [...latest.values()];
}

/**
 * Both views of a plan's observations in one read: `current`, the latest version of each (a reporter's unreviewed
 * value included, for staff), and `approved`, the latest approved version of each (what counts as official and what
 * everyone else is shown).
 */
export async function observationViews(db: Kysely<Database>, planId: string): Promise<{ current: Observation[]; approved: Observation[] }> {
  const rows = await db.selectFrom('observations').selectAll().where('plan_id', '=', planId).orderBy('version', 'asc').execute();
  return { current: latestVersions(rows), approved: latestVersions(rows.filter((r) => r.status === 'approved')) };
}

/** The latest approved version of every observation of a plan, or of one year (what counts as official). */
export async function approvedObservations(db: Kysely<Database>, planId: string, year?: number): Promise<Observation[]> {
  let q = db.selectFrom('observations').selectAll().where('plan_id', '=', planId).where('status', '=', 'approved');
  if (year !== undefined) q = q.where('year', '=', year);
  return latestVersions(await q.orderBy('version', 'asc').execute());
}

/** Every version of one indicator's observations for a region (history, oldest first). */
export async function observationHistory(db: Kysely<Database>, planId: string, indicatorCode: number, region: string): Promise<Observation[]> {
  const rows = await db
    .selectFrom('observations')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('indicator_code', '=', indicatorCode)
    .where('region_code', '=', region)
    .orderBy('year')
    .orderBy('kind')
    .orderBy('version')
    .execute();
  return rows.map(toObservation);
}

/** Records a batch in one transaction: all rows or none. */
export async function recordObservations(db: Kysely<Database>, planId: string, inputs: readonly ObservationInput[], opts: RecordOptions): Promise<RecordOutcome> {
  // Inside a caller's transaction (an approval), run in it; otherwise open one.
  if (db.isTransaction) return record(db, planId, inputs, opts);
  return db.transaction().execute((trx) => record(trx, planId, inputs, opts));
}

async function record(trx: Kysely<Database>, planId: string, inputs: readonly ObservationInput[], opts: RecordOptions): Promise<RecordOutcome> {
  {
    const current = new Map((await currentObservations(trx, planId)).map((o) => [keyOf(o), o]));
    const conflicts: Conflict[] = [];
    const rows: ObservationsTable[] = [];
    let inserted = 0;
    let versioned = 0;
    let unchanged = 0;
    const batchId = randomUUID();
    const now = new Date().toISOString();
    for (const input of inputs) {
      const existing = current.get(keyOf(input));
      if (existing && sameFact(input, existing)) {
        unchanged++;
        continue;
      }
      const reason = input.reason ?? (existing ? (opts.reason ?? null) : null);
      if (existing && !reason) {
        conflicts.push({ input, current: existing });
        continue;
      }
      if (existing) versioned++;
      else inserted++;
      rows.push({
        id: randomUUID(),
        plan_id: planId,
        batch_id: batchId,
        indicator_code: input.indicatorCode,
        region_code: input.regionCode,
        year: input.year,
        kind: input.kind,
        version: existing ? existing.version + 1 : 1,
        value_text: input.valueText,
        state: input.state,
        checks: input.checks.length ? input.checks.join(',') : null,
        source: input.source,
        note: input.note,
        reason: existing ? reason : input.reason,
        status: opts.status ?? 'approved',
        is_demo: opts.origin === 'demo' ? 1 : 0,
        recorded_at: now,
        recorded_by: opts.recordedBy,
      });
    }
    if (conflicts.length) return { ok: false, conflicts };
    if (rows.length) {
      await trx
        .insertInto('observation_batches')
        .values({
          id: batchId,
          plan_id: planId,
          origin: opts.origin,
          file_name: opts.fileName ?? null,
          file_sha256: opts.fileSha256 ?? null,
          row_count: rows.length,
          recorded_by: opts.recordedBy,
          recorded_at: now,
        })
        .execute();
      // Chunks keep each statement under SQLite's bound-parameter limit.
      for (let i = 0; i < rows.length; i += 200) await trx.insertInto('observations').values(rows.slice(i, i + 200)).execute();
    }
    return { ok: true, batchId, inserted, versioned, unchanged };
  }
}

/** Removes the demonstration data (and only it). */
export async function removeDemoObservations(db: Kysely<Database>, planId: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const res = await trx.deleteFrom('observations').where('plan_id', '=', planId).where('is_demo', '=', 1).executeTakeFirst();
    await trx.deleteFrom('observation_batches').where('plan_id', '=', planId).where('origin', '=', 'demo').execute();
    return Number(res.numDeletedRows);
  });
}
