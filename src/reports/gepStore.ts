// What the report's GEP chapter reads from the store: the same facts and prices the GEP API computes from
// (loadGep), and which regions and years hold demonstration data.
import type { Kysely } from 'kysely';
import type { Plan } from '../plan/model.js';
import { currentFactRows, toStoredFact } from '../store/gep.js';
import { loadGep } from '../store/gepQueries.js';
import type { Database } from '../store/schema.js';
import type { ReportGep } from './gepFacts.js';

export async function reportGep(db: Kysely<Database>, plan: Plan): Promise<ReportGep> {
  // The facts read once (5 885 rows in the demo, a tenth of a second to read): for the accounts and for the demo marks.
  const rows = await currentFactRows(db, plan.meta.id, { approvedOnly: true });
  const data = await loadGep(db, plan, rows.map(toStoredFact));
  return { data, demoRegionYears: new Set(rows.filter((r) => r.is_demo === 1 && (r.kind === 'extent' || r.kind === 'input' || r.kind === 'stat')).map((r) => `${r.region_code}|${r.year}`)) };
}
