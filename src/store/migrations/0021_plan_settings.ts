// Issue 18: plan-specific settings that lived in code move into the plan folder, so the tables that hold a seeded
// plan keep them too: which carbon sectors a department's reporters enter (departments.yaml carbonSectors) and
// ecoplan's initial project → indicator links (projects.yaml links). Both JSON text, null when the folder has none.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('departments').addColumn('carbon_sectors', 'text').execute();
  await db.schema.alterTable('projects').addColumn('initial_links', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('projects').dropColumn('initial_links').execute();
  await db.schema.alterTable('departments').dropColumn('carbon_sectors').execute();
}
