// Issue 17: request rate limits shared by every server instance of a PostgreSQL deployment (store/rateLimits.ts).
// A SQLite deployment is one process and keeps its counters in memory; the table exists there too, unused, so that
// both engines have the same schema.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey()) // "<route>|<client address>"
    .addColumn('window_start', 'integer', (c) => c.notNull()) // ms since the epoch
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limits_by_window').on('rate_limits').column('window_start').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
}
