// documents published on the public portal. A document is stored once as uploaded (or as generated from
// approved data); publishing and withdrawing are events, never an overwrite, so the record says what was public when.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('portal_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // plan | annual_report | other
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('body', 'blob', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull()) // upload | generated
    .addColumn('data_version', 'text') // a generated report's data version
    .addColumn('created_by', 'text', (c) => c.notNull()) // user id
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('portal_document_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('portal_documents.id'))
    .addColumn('action', 'text', (c) => c.notNull()) // publish | withdraw
    .addColumn('reason', 'text')
    .addColumn('by_user', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('portal_document_events_doc').on('portal_document_events').columns(['document_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('portal_document_events').execute();
  await db.schema.dropTable('portal_documents').execute();
}
