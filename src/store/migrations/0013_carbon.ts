// Carbon accounts: activity data per region and year (including GDP, population and energy totals),
// a plan's local factor overrides, and saved peak-pathway scenarios. Every change is a new version with a reason;
// inventories, intensities and scenario results are computed, never stored.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('carbon_activity')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('subsector', 'text', (c) => c.notNull()) // '' when the category has none
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('value_text', 'text') // null: the row was withdrawn in this version
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('reason', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('carbon_activity_version', ['plan_id', 'region_code', 'year', 'category', 'subsector', 'item', 'version'])
    .execute();
  await db.schema.createIndex('carbon_activity_by_year').on('carbon_activity').columns(['plan_id', 'year']).execute();

  await db.schema
    .createTable('carbon_factor_overrides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('factor_key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('value_text', 'text') // null: back to the shipped value
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('carbon_factor_version', ['plan_id', 'factor_key', 'version'])
    .execute();

  await db.schema
    .createTable('carbon_scenarios')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull()) // JSON, validated by scenarioSchema
    .addColumn('reason', 'text')
    .addColumn('saved_by', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('carbon_scenario_version', ['plan_id', 'name', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('carbon_scenarios').execute();
  await db.schema.dropTable('carbon_factor_overrides').execute();
  await db.schema.dropTable('carbon_activity').execute();
}
