// Monitoring data: registries of air stations and water sections, hourly air data (one row per
// station-hour, one nullable column per pollutant), water samples (one row per section, date and item) and the log
// of imports. Facts only: daily values, AQIs and classes are computed on read (src/monitoring/).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('air_stations')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text') // GB/T 2260 county code, or null when unknown
    .addColumn('region_method', 'text') // how the region was decided
    .addColumn('lon', 'real')
    .addColumn('lat', 'real')
    .addColumn('level', 'text', (c) => c.notNull()) // national | provincial | city
    .addColumn('uncertain', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('water_sections')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('river', 'text', (c) => c.notNull())
    .addColumn('waterbody', 'text', (c) => c.notNull()) // river | lake
    .addColumn('assessment', 'text', (c) => c.notNull()) // 国考 | 省考 | 市考
    .addColumn('target_class', 'text', (c) => c.notNull()) // I … V
    .addColumn('drinking_water', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('region_code', 'text')
    .addColumn('region_method', 'text')
    .addColumn('lon', 'real')
    .addColumn('lat', 'real')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('monitoring_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // air | water
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text')
    .addColumn('layout', 'text', (c) => c.notNull()) // long | wide
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('imported', 'integer', (c) => c.notNull())
    .addColumn('duplicates', 'integer', (c) => c.notNull())
    .addColumn('skipped', 'integer', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull()) // JSON {reason: n}
    .addColumn('report_csv', 'text') // skipped rows (skipInvalid), kept for download
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();

  // Hour 'YYYY-MM-DDTHH', China Standard Time, hour-ending (docs/monitoring.md). μg/m³, CO mg/m³.
  await db.schema
    .createTable('air_hours')
    .addColumn('station_code', 'text', (c) => c.notNull().references('air_stations.code'))
    .addColumn('hour', 'text', (c) => c.notNull())
    .addColumn('so2', 'real')
    .addColumn('no2', 'real')
    .addColumn('pm10', 'real')
    .addColumn('pm25', 'real')
    .addColumn('co', 'real')
    .addColumn('o3', 'real')
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('air_hours_pk', ['station_code', 'hour'])
    .execute();

  await db.schema
    .createTable('water_samples')
    .addColumn('section_code', 'text', (c) => c.notNull().references('water_sections.code'))
    .addColumn('date', 'text', (c) => c.notNull()) // YYYY-MM-DD, China Standard Time
    .addColumn('item', 'text', (c) => c.notNull()) // GB 3838-2002 item key (src/standards/waterQuality.ts)
    .addColumn('value', 'real', (c) => c.notNull()) // mg/L (pH dimensionless, fecal coliform 个/L)
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('water_samples_pk', ['section_code', 'date', 'item'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['water_samples', 'air_hours', 'monitoring_imports', 'water_sections', 'air_stations']) await db.schema.dropTable(t).execute();
}
