// Hash-chain the audit log: each entry carries a sequence number, the hash of the entry before it and its own
// hash over its content, so an edited, deleted or inserted row is detectable (ecoplan audit verify).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('seq', 'integer').execute();
  await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();
  await db.schema.createIndex('audit_log_seq').on('audit_log').column('seq').unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_log_seq').execute();
  for (const c of ['hash', 'prev_hash', 'seq']) await db.schema.alterTable('audit_log').dropColumn(c).execute();
}
