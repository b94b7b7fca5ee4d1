// Repository of GEP facts, prices and compensation schemes. Values are kept as entered (text and unit), never
// overwritten: a change is a new version with a reason; the current value of a key is its highest version.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DEFAULT_PRICES } from '../gep/data/defaultPrices.js';
import type { FactInput, PriceInput, StoredFact, StoredPrice } from '../gep/facts.js';
import type { CompensationScheme } from '../gep/compensation.js';
import type { Database, GepFactsTable, GepPricesTable } from './schema.js';

export interface WriteOptions {
  recordedBy: string;
  isDemo?: boolean;
  status?: 'approved' | 'provisional';
  /** Reason for changes that do not carry their own. */
  reason?: string | null;
}

export interface WriteOutcome {
  ok: boolean;
  inserted: number;
  versioned: number;
  unchanged: number;
  /** Changes of existing values without a reason: nothing was written. */
  conflicts: { index: number; key: string; current: string; currentVersion: number }[];
}

/** Runs in the caller's transaction when there is one (an import writes facts and prices together). */
const inTransaction = <T>(db: Kysely<Database>, f: (trx: Kysely<Database>) => Promise<T>): Promise<T> => (db.isTransaction ? f(db) : db.transaction().execute(f));

const factKey = (r: { kind: string; region_code: string; year: number; key: string; sub: string }) => `${r.kind}|${r.region_code}|${r.year}|${r.key}|${r.sub}`;

function latest<T extends { version: number }>(rows: T[], key: (r: T) => string): Map<string, T> {
  const out = new Map<string, T>();
  for (const r of rows) {
    const k = key(r);
    const seen = out.get(k);
    if (!seen || seen.version < r.version) out.set(k, r);
  }
  return out;
}

/**
 * Current facts (highest version per key), optionally of one region and/or year. With `approvedOnly` the current
 * *approved* version: what accounts and reports use, so a reporter's value awaiting review changes nothing yet.
 */
export async function currentFactRows(db: Kysely<Database>, planId: string, filter: { region?: string; year?: number; kind?: string; approvedOnly?: boolean } = {}): Promise<GepFactsTable[]> {
  let q = db.selectFrom('gep_facts').selectAll().where('plan_id', '=', planId);
  if (filter.approvedOnly) q = q.where('status', '=', 'approved');
  if (filter.region) q = q.where('region_code', '=', filter.region);
  if (filter.year !== undefined) q = q.where('year', '=', filter.year);
  if (filter.kind) q = q.where('kind', '=', filter.kind as GepFactsTable['kind']);
  return [...latest(await q.execute(), factKey).values()];
}

export const toStoredFact = (r: GepFactsTable): StoredFact => ({ kind: r.kind, region: r.region_code, year: r.year, key: r.key, sub: r.sub, value: r.value_text, unit: r.unit, isDemo: r.is_demo === 1 });

export async function currentFacts(db: Kysely<Database>, planId: string, filter: { region?: string; year?: number; kind?: string; approvedOnly?: boolean } = {}): Promise<StoredFact[]> {
  return (await currentFactRows(db, planId, filter)).map(toStoredFact);
}

/**
 * The versioned write facts and prices share, all or nothing: an entry equal to its key's current version is
 * unchanged; a changed value of an existing key needs a reason (its own or the write's), else it is a conflict and
 * nothing is written; every other entry becomes the next version of its key.
 */
function nextVersions<In, Row extends { version: number; value_text: string; unit: string; is_demo: number }>(
  existing: Map<string, Row>,
  entries: readonly In[],
  opts: WriteOptions,
  spec: {
    key: (entry: In) => string;
    same: (current: Row, entry: In) => boolean;
    reason: (entry: In) => string | null | undefined;
    /** A current version that may be replaced without a reason (a shipped default). */
    replaceable?: (current: Row) => boolean;
    row: (entry: In, version: number, reason: string | null) => Row;
  },
): { outcome: WriteOutcome; rows: Row[] } {
  const outcome: WriteOutcome = { ok: true, inserted: 0, versioned: 0, unchanged: 0, conflicts: [] };
  const rows: Row[] = [];
  entries.forEach((entry, index) => {
    const k = spec.key(entry);
    const cur = existing.get(k);
    if (cur && spec.same(cur, entry)) {
      outcome.unchanged++;
      return;
    }
    const reason = spec.reason(entry) ?? opts.reason ?? null;
    if (cur && !spec.replaceable?.(cur) && !reason && !(opts.isDemo && cur.is_demo === 1)) {
      outcome.conflicts.push({ index, key: k, current: `${cur.value_text} ${cur.unit}`, currentVersion: cur.version });
      return;
    }
    const row = spec.row(entry, (cur?.version ?? 0) + 1, cur ? reason : null);
    existing.set(k, row);
    rows.push(row);
    if (cur) outcome.versioned++;
    else outcome.inserted++;
  });
  return outcome.conflicts.length ? { outcome: { ...outcome, ok: false, inserted: 0, versioned: 0 }, rows: [] } : { outcome, rows };
}

/** Records facts all or nothing: an existing key whose value changes needs a reason, else nothing is written. */
export async function recordFacts(db: Kysely<Database>, planId: string, facts: FactInput[], opts: WriteOptions): Promise<WriteOutcome> {
  return inTransaction(db, async (trx) => {
    const existing = latest(await trx.selectFrom('gep_facts').selectAll().where('plan_id', '=', planId).execute(), factKey);
    const now = new Date().toISOString();
    const { outcome, rows } = nextVersions(existing, facts, opts, {
      key: (f) => factKey({ kind: f.kind, region_code: f.region, year: f.year, key: f.key, sub: f.sub ?? '' }),
      same: (cur, f) => cur.value_text === f.value && cur.unit === f.unit && cur.source === f.source,
      reason: (f) => f.reason,
      row: (f, version, reason): GepFactsTable => ({
        id: randomUUID(),
        plan_id: planId,
        kind: f.kind,
        region_code: f.region,
        year: f.year,
        key: f.key,
        sub: f.sub ?? '',
        value_text: f.value,
        unit: f.unit,
        source: f.source,
        note: f.note ?? null,
        version,
        reason,
        status: opts.status ?? 'approved',
        is_demo: opts.isDemo ? 1 : 0,
        recorded_by: opts.recordedBy,
        recorded_at: now,
      }),
    });
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('gep_facts').values(rows.slice(i, i + 500)).execute();
    return outcome;
  });
}

/**
 * A reviewer approves the facts of a region and year awaiting review: each becomes a new, approved version of itself
 * (nothing is overwritten; who approved and why is in the version). Returns how many were approved.
 */
export async function approveFacts(db: Kysely<Database>, planId: string, where: { region: string; year: number }, opts: { recordedBy: string; reason: string }): Promise<number> {
  return inTransaction(db, async (trx) => {
    const rows = await trx.selectFrom('gep_facts').selectAll().where('plan_id', '=', planId).where('region_code', '=', where.region).where('year', '=', where.year).execute();
    const pending = [...latest(rows, factKey).values()].filter((r) => r.status === 'provisional');
    const now = new Date().toISOString();
    const approved: GepFactsTable[] = pending.map((r) => ({ ...r, id: randomUUID(), version: r.version + 1, status: 'approved', reason: opts.reason, recorded_by: opts.recordedBy, recorded_at: now }));
    for (let i = 0; i < approved.length; i += 500) await trx.insertInto('gep_facts').values(approved.slice(i, i + 500)).execute();
    return approved.length;
  });
}

const priceKey = (r: { key: string; year: number }) => `${r.key}|${r.year}`;

/** The shipped default prices (参考值), inserted once per plan; entries the user already has are left alone. */
export async function ensureDefaultPrices(db: Kysely<Database>, planId: string): Promise<number> {
  const have = await db.selectFrom('gep_prices').select(['key', 'year']).where('plan_id', '=', planId).where('is_default', '=', 1).execute();
  const seen = new Set(have.map(priceKey));
  const now = new Date().toISOString();
  const rows: GepPricesTable[] = DEFAULT_PRICES.filter((p) => !seen.has(priceKey(p))).map((p) => ({
    id: randomUUID(),
    plan_id: planId,
    key: p.key,
    year: p.year,
    value_text: p.value,
    unit: p.unit,
    source: p.source,
    note: p.note,
    index_key: null,
    version: 0, // below any user version: a user's entry of the same key and year supersedes it
    reason: null,
    is_default: 1,
    is_demo: 0,
    recorded_by: 'ecoplan defaults',
    recorded_at: now,
  }));
  if (!rows.length) return 0;
  // A user row of the same key/year may already exist at version ≥ 1: version 0 never clashes with it.
  await db.insertInto('gep_prices').values(rows).onConflict((oc) => oc.doNothing()).execute();
  return rows.length;
}

export async function currentPriceRows(db: Kysely<Database>, planId: string): Promise<GepPricesTable[]> {
  return [...latest(await db.selectFrom('gep_prices').selectAll().where('plan_id', '=', planId).execute(), priceKey).values()];
}

export const toStoredPrice = (r: GepPricesTable): StoredPrice => ({ key: r.key, year: r.year, value: r.value_text, unit: r.unit, source: r.source, indexKey: r.index_key });

export async function recordPrices(db: Kysely<Database>, planId: string, prices: PriceInput[], opts: WriteOptions): Promise<WriteOutcome> {
  return inTransaction(db, async (trx) => {
    const existing = latest(await trx.selectFrom('gep_prices').selectAll().where('plan_id', '=', planId).execute(), priceKey);
    const now = new Date().toISOString();
    const { outcome, rows } = nextVersions(existing, prices, opts, {
      key: priceKey,
      same: (cur, p) => cur.value_text === p.value && cur.unit === p.unit && cur.source === p.source && (cur.index_key ?? null) === (p.indexKey ?? null),
      reason: (p) => p.reason,
      // Replacing a shipped default needs no reason (the default is a reference value, not entered data).
      replaceable: (cur) => cur.is_default === 1,
      row: (p, version, reason): GepPricesTable => ({
        id: randomUUID(),
        plan_id: planId,
        key: p.key,
        year: p.year,
        value_text: p.value,
        unit: p.unit,
        source: p.source,
        note: p.note ?? null,
        index_key: p.indexKey ?? null,
        version,
        reason,
        is_default: 0,
        is_demo: opts.isDemo ? 1 : 0,
        recorded_by: opts.recordedBy,
        recorded_at: now,
      }),
    });
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('gep_prices').values(rows.slice(i, i + 500)).execute();
    return outcome;
  });
}

export async function saveScheme(db: Kysely<Database>, planId: string, scheme: CompensationScheme, opts: WriteOptions): Promise<{ version: number }> {
  return db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom('gep_schemes').select('version').where('plan_id', '=', planId).where('name', '=', scheme.name).orderBy('version', 'desc').limit(1).executeTakeFirst();
    const version = (last?.version ?? 0) + 1;
    await trx
      .insertInto('gep_schemes')
      .values({ id: randomUUID(), plan_id: planId, name: scheme.name, version, body: JSON.stringify(scheme), reason: opts.reason ?? null, is_demo: opts.isDemo ? 1 : 0, recorded_by: opts.recordedBy, recorded_at: new Date().toISOString() })
      .execute();
    return { version };
  });
}

export async function listSchemes(db: Kysely<Database>, planId: string): Promise<{ name: string; version: number; scheme: CompensationScheme; recordedBy: string; recordedAt: string; reason: string | null }[]> {
  const rows = await db.selectFrom('gep_schemes').selectAll().where('plan_id', '=', planId).execute();
  return [...latest(rows, (r) => r.name).values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((r) => ({ name: r.name, version: r.version, scheme: JSON.parse(r.body) as CompensationScheme, recordedBy: r.recorded_by, recordedAt: r.recorded_at, reason: r.reason }));
}

/** Removes the example dataset (示例数据) of GEP; real entries are untouched. */
export async function removeDemoGep(db: Kysely<Database>, planId: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const a = await trx.deleteFrom('gep_facts').where('plan_id', '=', planId).where('is_demo', '=', 1).executeTakeFirst();
    const b = await trx.deleteFrom('gep_prices').where('plan_id', '=', planId).where('is_demo', '=', 1).executeTakeFirst();
    const c = await trx.deleteFrom('gep_schemes').where('plan_id', '=', planId).where('is_demo', '=', 1).executeTakeFirst();
    return Number(a.numDeletedRows) + Number(b.numDeletedRows) + Number(c.numDeletedRows);
  });
}
