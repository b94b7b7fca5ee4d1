// Plans uploaded in the console (a workbook or a zipped plan folder) wait as drafts until an administrator publishes
// them: the folder's files as checked (JSON path → text), so publishing loads exactly what was reviewed.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plan_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull()) // the id plan.yaml gives; not a reference: the plan does not exist yet
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source_name', 'text', (c) => c.notNull()) // the uploaded file's name
    .addColumn('kind', 'text', (c) => c.notNull()) // workbook | folder
    .addColumn('texts', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // draft | published | discarded
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('plan_drafts').execute();
}
