// The key project library: stored versions of projects (the plan's appendix rows are version 1 and are not
// copied), yearly progress versions, indicator link sets, evidence files, and a revision per plan that read
// caches are keyed by. Keyed by (plan_id, project_no) without a foreign key to `projects`, because re-seeding a
// plan replaces its appendix rows while the library's facts stay.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const planChild = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('project_no', 'integer', (c) => c.notNull());

  await planChild('project_versions')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull())
    .addColumn('subcategory', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('investment_wan', 'bigint', (c) => c.notNull()) // exact integer 万元, like projects.investment_wan
    .addColumn('leads', 'text', (c) => c.notNull()) // JSON array of department ids
    .addColumn('regions', 'text', (c) => c.notNull()) // JSON array of region codes
    .addColumn('sub_items', 'text', (c) => c.notNull()) // JSON array {no, name, region}
    .addColumn('start_year', 'integer', (c) => c.notNull())
    .addColumn('end_year', 'integer', (c) => c.notNull())
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retired_reason', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('project_versions_key', ['plan_id', 'project_no', 'version'])
    .execute();

  await planChild('project_progress')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('planned_wan', 'bigint', (c) => c.notNull())
    .addColumn('completed_wan', 'bigint', (c) => c.notNull())
    .addColumn('cumulative_wan', 'bigint')
    .addColumn('physical_progress', 'real')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('milestones', 'text', (c) => c.notNull()) // JSON array {name, date, done}
    .addColumn('note', 'text')
    .addColumn('explanation', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('project_progress_key', ['plan_id', 'project_no', 'year', 'version'])
    .execute();

  await planChild('project_link_sets')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('indicators', 'text', (c) => c.notNull()) // JSON array of indicator codes: the whole set after the edit
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('project_link_sets_key', ['plan_id', 'project_no', 'version'])
    .execute();

  await planChild('project_evidence')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content_base64', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_evidence_by_project').on('project_evidence').columns(['plan_id', 'project_no']).execute();

  await db.schema
    .createTable('project_library_revisions')
    .addColumn('plan_id', 'text', (c) => c.primaryKey().references('plans.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['project_library_revisions', 'project_evidence', 'project_link_sets', 'project_progress', 'project_versions']) await db.schema.dropTable(t).execute();
}
