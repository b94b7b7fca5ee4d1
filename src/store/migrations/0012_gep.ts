// GEP accounting: facts (extents, region areas, transitions, item inputs, asset flows, statistics),
// prices and parameters, and compensation schemes — each versioned with a reason, never overwritten; the
// current value of a key is its highest version.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('gep_facts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    // extent | region_area | transition | input | asset | stat
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    // ecosystem type of an input, flow of an asset, "fromYear:toType" of a transition; '' when none
    .addColumn('sub', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('value_text', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('approved'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('gep_facts_key').on('gep_facts').columns(['plan_id', 'kind', 'region_code', 'year', 'key', 'sub', 'version']).unique().execute();
  await db.schema.createIndex('gep_facts_year').on('gep_facts').columns(['plan_id', 'year']).execute();
  await db.schema
    .createTable('gep_prices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('value_text', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('index_key', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('gep_prices_key').on('gep_prices').columns(['plan_id', 'key', 'year', 'version']).unique().execute();
  await db.schema
    .createTable('gep_schemes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull()) // JSON CompensationScheme
    .addColumn('reason', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('gep_schemes_name').on('gep_schemes').columns(['plan_id', 'name', 'version']).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('gep_schemes').execute();
  await db.schema.dropTable('gep_prices').execute();
  await db.schema.dropTable('gep_facts').execute();
}
