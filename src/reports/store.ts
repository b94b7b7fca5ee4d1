// What a report reads from the store: for every indicator, region, year and kind, the latest *approved* version.
// A reporter's newer provisional value (awaiting review) does not hide the approved one before it.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Plan } from '../plan/model.js';
import { libraryProjects, type LibraryEntry, type ProgressFact } from '../projects/library.js';
import { loadLibraryFacts } from '../store/projects.js';

// The report reads the store's official observations (latest approved version of each).
export { approvedObservations } from '../store/observations.js';

/** The key project library as a report reads it: current project versions and every progress fact. */
export async function reportProjects(db: Kysely<Database>, plan: Plan): Promise<{ library: LibraryEntry[]; progress: ProgressFact[] }> {
  const facts = await loadLibraryFacts(db, plan.meta.id);
  return { library: libraryProjects(plan, facts.versions), progress: facts.progress };
}

/**
 * A key that changes whenever the GEP or carbon facts a report reads change (their tables only ever gain rows,
 * except when demo data is removed): the row counts and the latest recording time of each. Keys the report cache.
 */
export async function accountsRevision(db: Kysely<Database>, planId: string): Promise<string> {
  const parts = await Promise.all(
    (['gep_facts', 'gep_prices', 'carbon_activity', 'carbon_factor_overrides', 'assessment_vetoes'] as const).map((t) =>
      db
        .selectFrom(t)
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('recorded_at').as('at')])
        .where('plan_id', '=', planId)
        .executeTakeFirst(),
    ),
  );
  const scenarios = await db
    .selectFrom('carbon_scenarios')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('saved_at').as('at')])
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return [...parts, scenarios].map((p) => `${p?.n ?? 0}@${p?.at ?? ''}`).join('|');
}
