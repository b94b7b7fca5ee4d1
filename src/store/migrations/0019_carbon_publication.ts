// Issue 16 (the portal's carbon headline): carbon inventories have no approval step, so a reviewer publishes an
// inventory year. Each publish or withdraw is an event (never an overwrite); a publish event keeps the city's
// headline figures as they were published, so later changes to activity data do not reach the public unreviewed.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('carbon_publications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull()) // publish | withdraw
    .addColumn('figures', 'text') // publish: JSON of the headline as published
    .addColumn('reason', 'text') // withdraw: why
    .addColumn('by_user', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    // The order events were written in, per plan (the latest event of a year decides): numbered in the writing
    // transaction, as timestamps can tie and row ids are SQLite's alone.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addUniqueConstraint('carbon_publications_plan_seq', ['plan_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('carbon_publications').execute();
}
