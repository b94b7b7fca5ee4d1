// The plan's validation rules of reported values (ranges, plausibility bounds), declared in plan.yaml.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('plans').addColumn('validation', 'text', (c) => c.notNull().defaultTo('{"percentRange":{"min":0,"max":100},"ranges":{},"plausibleChangePercent":30,"plausibleChange":{}}')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('plans').dropColumn('validation').execute();
}
