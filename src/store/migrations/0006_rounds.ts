// Annual reporting rounds (年度调度): a round per plan and year, and the submissions of its tasks. A task is an
// indicator × region (× kind) a department must report; it is derived from the plan, not stored. A submission
// moves draft → submitted → returned | approved; approval writes the official observation.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('plans').addColumn('owner_department_id', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('plans').addColumn('county_indicators', 'text', (c) => c.notNull().defaultTo('[]')).execute();

  await db.schema
    .createTable('rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull()) // YYYY-MM-DD, end of day China Standard Time
    .addColumn('status', 'text', (c) => c.notNull()) // open | closed
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addUniqueConstraint('rounds_plan_year', ['plan_id', 'year'])
    .execute();

  await db.schema
    .createTable('submissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
    .addColumn('indicator_code', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // draft | submitted | returned | approved
    .addColumn('value_text', 'text')
    .addColumn('state', 'text')
    .addColumn('checks', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('reason', 'text')
    .addColumn('review_comment', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('observation_id', 'text')
    .addUniqueConstraint('submissions_task', ['round_id', 'indicator_code', 'region_code', 'kind'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('submissions').execute();
  await db.schema.dropTable('rounds').execute();
  await db.schema.alterTable('plans').dropColumn('county_indicators').execute();
  await db.schema.alterTable('plans').dropColumn('owner_department_id').execute();
}
