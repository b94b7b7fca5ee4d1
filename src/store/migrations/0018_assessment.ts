// Assessment: the scheme versions a plan folder has declared (kept, so a published result can always
// name the exact scheme it used), vetoes entered by reviewers with their evidence, and the published (frozen)
// official result of a year. Scores themselves are computed from facts on every read; only the published result
// is stored, because publishing is itself the fact (what was officially announced, by whom, when).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('assessment_schemes')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull()) // sha-256 of the scheme's canonical JSON
    .addColumn('body', 'text', (c) => c.notNull()) // the validated scheme (JSON)
    .addColumn('current', 'integer', (c) => c.notNull()) // 1 while the plan folder declares it
    .addColumn('seeded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_schemes_pk', ['plan_id', 'id', 'version'])
    .execute();
  await db.schema
    .createTable('assessment_vetoes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull()) // region | department
    .addColumn('subject_code', 'text', (c) => c.notNull())
    .addColumn('veto', 'text', (c) => c.notNull()) // the scheme's veto item id
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assessment_vetoes_by_year').on('assessment_vetoes').columns(['plan_id', 'year']).execute();
  await db.schema
    .createTable('assessment_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('scheme_id', 'text', (c) => c.notNull())
    .addColumn('scheme_version', 'integer', (c) => c.notNull())
    .addColumn('scheme_hash', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull()) // the AssessmentResult as published (JSON)
    .addColumn('note', 'text')
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('assessment_results_year', ['plan_id', 'year', 'scheme_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('assessment_results').execute();
  await db.schema.dropTable('assessment_vetoes').execute();
  await db.schema.dropTable('assessment_schemes').execute();
}
