// The plan as data: metadata, domains, task areas, departments, regions, indicators with their targets,
// key projects and the notes of table 1. Portable types only (text, integer) so PostgreSQL runs it too.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('issued', 'text', (c) => c.notNull())
    .addColumn('base_year', 'integer', (c) => c.notNull())
    .addColumn('period_start', 'integer', (c) => c.notNull())
    .addColumn('period_end', 'integer', (c) => c.notNull())
    .addColumn('area_text', 'text', (c) => c.notNull())
    .addColumn('area_unit', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('seeded_at', 'text', (c) => c.notNull())
    .execute();

  const planChild = (name: string) =>
    db.schema.createTable(name).addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'));

  await planChild('plan_horizons')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_horizons_pk', ['plan_id', 'year'])
    .execute();

  await planChild('regions')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('regions_pk', ['plan_id', 'code'])
    .execute();

  await planChild('domains')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('domains_pk', ['plan_id', 'id'])
    .execute();

  await planChild('task_areas')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('domain_id', 'text', (c) => c.notNull())
    .addColumn('numeral', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_areas_pk', ['plan_id', 'id'])
    .addForeignKeyConstraint('task_areas_domain_fk', ['plan_id', 'domain_id'], 'domains', ['plan_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();

  await planChild('departments')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('departments_pk', ['plan_id', 'id'])
    .execute();

  await planChild('indicators')
    .addColumn('code', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('group_name', 'text')
    .addColumn('group_name_en', 'text')
    .addColumn('task_area_id', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('binding', 'integer', (c) => c.notNull())
    .addColumn('local', 'integer', (c) => c.notNull())
    .addColumn('direction', 'text')
    .addColumn('baseline_text', 'text', (c) => c.notNull())
    .addColumn('baseline_year', 'integer')
    .addColumn('baseline_note', 'text')
    .addPrimaryKeyConstraint('indicators_pk', ['plan_id', 'code'])
    .addForeignKeyConstraint('indicators_task_area_fk', ['plan_id', 'task_area_id'], 'task_areas', ['plan_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();

  await planChild('indicator_targets')
    .addColumn('indicator_code', 'integer', (c) => c.notNull())
    .addColumn('horizon_year', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_targets_pk', ['plan_id', 'indicator_code', 'horizon_year'])
    .addForeignKeyConstraint('indicator_targets_indicator_fk', ['plan_id', 'indicator_code'], 'indicators', ['plan_id', 'code'], (c) => c.onDelete('cascade'))
    .execute();

  await planChild('indicator_departments')
    .addColumn('indicator_code', 'integer', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_departments_pk', ['plan_id', 'indicator_code', 'department_id'])
    .addForeignKeyConstraint('indicator_departments_indicator_fk', ['plan_id', 'indicator_code'], 'indicators', ['plan_id', 'code'], (c) => c.onDelete('cascade'))
    .addForeignKeyConstraint('indicator_departments_department_fk', ['plan_id', 'department_id'], 'departments', ['plan_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('indicator_departments_by_department').on('indicator_departments').columns(['plan_id', 'department_id']).execute();

  await planChild('project_categories')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('appendix_name', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_categories_pk', ['plan_id', 'id'])
    .execute();

  await planChild('projects')
    .addColumn('no', 'integer', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull())
    .addColumn('subcategory', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('investment_wan', 'bigint', (c) => c.notNull())
    .addColumn('start_year', 'integer', (c) => c.notNull())
    .addColumn('end_year', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('projects_pk', ['plan_id', 'no'])
    .addForeignKeyConstraint('projects_category_fk', ['plan_id', 'category_id'], 'project_categories', ['plan_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();

  await planChild('project_leads')
    .addColumn('project_no', 'integer', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_leads_pk', ['plan_id', 'project_no', 'department_id'])
    .addForeignKeyConstraint('project_leads_project_fk', ['plan_id', 'project_no'], 'projects', ['plan_id', 'no'], (c) => c.onDelete('cascade'))
    .addForeignKeyConstraint('project_leads_department_fk', ['plan_id', 'department_id'], 'departments', ['plan_id', 'id'], (c) => c.onDelete('cascade'))
    .execute();

  await planChild('project_regions')
    .addColumn('project_no', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_regions_pk', ['plan_id', 'project_no', 'region_code'])
    .addForeignKeyConstraint('project_regions_project_fk', ['plan_id', 'project_no'], 'projects', ['plan_id', 'no'], (c) => c.onDelete('cascade'))
    .execute();

  await planChild('project_sub_items')
    .addColumn('project_no', 'integer', (c) => c.notNull())
    .addColumn('no', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addPrimaryKeyConstraint('project_sub_items_pk', ['plan_id', 'project_no', 'no'])
    .addForeignKeyConstraint('project_sub_items_project_fk', ['plan_id', 'project_no'], 'projects', ['plan_id', 'no'], (c) => c.onDelete('cascade'))
    .execute();

  await planChild('plan_notes')
    .addColumn('no', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_notes_pk', ['plan_id', 'no'])
    .execute();

  await planChild('plan_note_indicators')
    .addColumn('note_no', 'integer', (c) => c.notNull())
    .addColumn('indicator_code', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_note_indicators_pk', ['plan_id', 'note_no', 'indicator_code'])
    .addForeignKeyConstraint('plan_note_indicators_note_fk', ['plan_id', 'note_no'], 'plan_notes', ['plan_id', 'no'], (c) => c.onDelete('cascade'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'plan_note_indicators', 'plan_notes', 'project_sub_items', 'project_regions', 'project_leads', 'projects',
    'project_categories', 'indicator_departments', 'indicator_targets', 'indicators', 'departments', 'task_areas',
    'domains', 'regions', 'plan_horizons', 'plans',
  ])
    await db.schema.dropTable(t).execute();
}
