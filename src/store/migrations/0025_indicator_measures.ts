// What ecoplan computes an indicator from (plan/model.ts MEASURES), as the plan folder says: monitoring, carbon and
// survey values go to the plan's own indicator, whatever its number. Null: the indicator is only reported.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('indicators').addColumn('measure', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('indicators').dropColumn('measure').execute();
}
