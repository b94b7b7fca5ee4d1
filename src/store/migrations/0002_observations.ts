// Observations (指标值): facts reported for an indicator, a region and a year — a value or a state, or the
// figure a higher authority assigned for that year. Never updated in place: a change is a new version with a
// reason. Each row belongs to the import batch (or later, the submission) that brought it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('observation_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('origin', 'text', (c) => c.notNull()) // import | demo
    .addColumn('file_name', 'text')
    .addColumn('file_sha256', 'text')
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('observations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull().references('observation_batches.id'))
    .addColumn('indicator_code', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // value | assigned
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('value_text', 'text') // exact decimal as reported
    .addColumn('state', 'text') // state code (targets.ts STATES)
    .addColumn('checks', 'text') // comma-separated relative rules confirmed (natureUnchanged, functionNotReduced)
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('reason', 'text') // why this version replaces the previous one
    .addColumn('status', 'text', (c) => c.notNull()) // approved | provisional
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('observations_version_unique', ['plan_id', 'indicator_code', 'region_code', 'year', 'kind', 'version'])
    .execute();
  await db.schema.createIndex('observations_by_year').on('observations').columns(['plan_id', 'year']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('observations').execute();
  await db.schema.dropTable('observation_batches').execute();
}
