// Published carbon inventory years: the portal's carbon headline shows only an inventory a reviewer
// published. Publishing keeps the figures as published (the record of what was made public, like a published
// document); withdrawing needs a reason; both are events, audited, and the latest event of a year (in the order written) decides.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';
import { audit } from './users.js';

/** The headline of a published inventory: the city's totals in t CO2e (docs/carbon.md for their meaning). */
export interface CarbonHeadline {
  year: number;
  regionCode: string;
  /** Scope-1 emissions except LULUCF. */
  gross: number;
  /** LULUCF net flux (negative: a sink). */
  lulucf: number;
  /** gross + lulucf. */
  net: number;
  gwpSet: string;
  factorVersion: string;
  demo: boolean;
}

export interface CarbonPublication {
  year: number;
  action: 'publish' | 'withdraw';
  figures: CarbonHeadline | null;
  reason: string | null;
  by: string;
  at: string;
}

export async function publicationEvents(db: Kysely<Database>, planId: string): Promise<CarbonPublication[]> {
  const rows = await db.selectFrom('carbon_publications').selectAll().where('plan_id', '=', planId).orderBy('seq').execute();
  return rows.map((r) => ({ year: r.year, action: r.action, figures: r.figures ? (JSON.parse(r.figures) as CarbonHeadline) : null, reason: r.reason, by: r.by_user, at: r.at }));
}

/** The years whose latest event is a publish, with the figures published, oldest first. */
export async function publishedInventories(db: Kysely<Database>, planId: string): Promise<CarbonHeadline[]> {
  const latest = new Map<number, CarbonPublication>();
  for (const e of await publicationEvents(db, planId)) latest.set(e.year, e);
  return [...latest.values()].filter((e) => e.action === 'publish' && e.figures).map((e) => e.figures!).sort((a, b) => a.year - b.year);
}

/** The next event number of a plan, read inside the writing transaction (one writer at a time on both engines). */
async function nextSeq(trx: Transaction<Database>, planId: string): Promise<number> {
  const r = await trx.selectFrom('carbon_publications').select((eb) => eb.fn.max('seq').as('seq')).where('plan_id', '=', planId).executeTakeFirst();
  return Number(r?.seq ?? 0) + 1;
}

export async function publishInventory(db: Kysely<Database>, planId: string, figures: CarbonHeadline, by: { id: string; username: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const at = new Date().toISOString();
    await trx.insertInto('carbon_publications').values({ id: randomUUID(), plan_id: planId, year: figures.year, region_code: figures.regionCode, action: 'publish', figures: JSON.stringify(figures), reason: null, by_user: by.username, at, seq: await nextSeq(trx, planId) }).execute();
    await audit(trx, { userId: by.id, action: 'carbon.publish', entity: 'carbon_inventory', entityId: `${planId}/${figures.year}`, detail: figures });
  });
}

export async function withdrawInventory(db: Kysely<Database>, planId: string, year: number, regionCode: string, reason: string, by: { id: string; username: string }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom('carbon_publications').select(['action']).where('plan_id', '=', planId).where('year', '=', year).orderBy('seq', 'desc').executeTakeFirst();
    if (last?.action !== 'publish') return false;
    await trx.insertInto('carbon_publications').values({ id: randomUUID(), plan_id: planId, year, region_code: regionCode, action: 'withdraw', figures: null, reason, by_user: by.username, at: new Date().toISOString(), seq: await nextSeq(trx, planId) }).execute();
    await audit(trx, { userId: by.id, action: 'carbon.withdraw', entity: 'carbon_inventory', entityId: `${planId}/${year}`, detail: { year, reason } });
    return true;
  });
}

/** Changes whenever a year is published or withdrawn (part of the portal's data version). */
export async function publicationsRevision(db: Kysely<Database>, planId: string): Promise<string> {
  const r = await db.selectFrom('carbon_publications').select((eb) => eb.fn.max('seq').as('seq')).where('plan_id', '=', planId).executeTakeFirst();
  return String(r?.seq ?? 0);
}
