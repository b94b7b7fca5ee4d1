// Issue 18: plan-specific settings that lived in code move into the plan folder, so the tables that hold a seeded
// plan keep them too: which carbon sectors a department's reporters enter (departments.yaml carbonSectors) and
// ecoplan's initial project → indicator links (projects.yaml links), both JSON text, null when the folder has none;
// and the region boundaries the console's maps draw (boundaries.yaml and its GeoJSON), one row per plan that has them.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('departments').addColumn('carbon_sectors', 'text').execute();
  await db.schema.alterTable('projects').addColumn('initial_links', 'text').execute();
  await db.schema
    .createTable('plan_boundaries')
    .addColumn('plan_id', 'text', (c) => c.primaryKey().references('plans.id'))
    .addColumn('file', 'text', (c) => c.notNull()) // path inside the plan folder
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('licence', 'text', (c) => c.notNull())
    .addColumn('licence_text', 'text')
    .addColumn('review_number', 'text') // 审图号; null for a map that is not officially reviewed
    .addColumn('note', 'text')
    .addColumn('geojson', 'text', (c) => c.notNull()) // as checked (src/planfolder/boundaries.ts)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('plan_boundaries').execute();
  await db.schema.alterTable('projects').dropColumn('initial_links').execute();
  await db.schema.alterTable('departments').dropColumn('carbon_sectors').execute();
}
