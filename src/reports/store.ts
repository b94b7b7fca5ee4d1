// What a report reads from the store: for every indicator, region, year and kind, the latest *approved* version.
// A reporter's newer provisional value (awaiting review) does not hide the approved one before it.
import type { Kysely } from 'kysely';
import type { Observation } from '../plan/observations.js';
import { toObservation } from '../store/observations.js';
import type { Database } from '../store/schema.js';
import type { Plan } from '../plan/model.js';
import { libraryProjects, type LibraryEntry, type ProgressFact } from '../projects/library.js';
import { loadLibraryFacts } from '../store/projects.js';

export async function approvedObservations(db: Kysely<Database>, planId: string): Promise<Observation[]> {
  const rows = await db.selectFrom('observations').selectAll().where('plan_id', '=', planId).where('status', '=', 'approved').orderBy('version', 'asc').execute();
  const latest = new Map<string, Observation>();
  for (const r of rows) {
    const o = toObservation(r);
    latest.set(`${o.indicatorCode}|${o.regionCode}|${o.year}|${o.kind}`, o);
  }
  return [...latest.values()];
}

/** The key project library as a report reads it: current project versions and every progress fact. */
export async function reportProjects(db: Kysely<Database>, plan: Plan): Promise<{ library: LibraryEntry[]; progress: ProgressFact[] }> {
  const facts = await loadLibraryFacts(db, plan.meta.id);
  return { library: libraryProjects(plan, facts.versions), progress: facts.progress };
}
