// Whether an indicator's progress (进展) is assessed: not for indicators that are themselves rates of change.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('indicators').addColumn('assess_progress', 'integer', (c) => c.notNull().defaultTo(1)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('indicators').dropColumn('assess_progress').execute();
}
