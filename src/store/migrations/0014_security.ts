// sign-in throttling by account name and client address (instead of an account lock an attacker could
// renew forever), and signed checkpoints of the audit chain's head (an anchor the database alone cannot forge).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey()) // "acct:<ip>:<username>" or "ip:<ip>"
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('next_at', 'text', (c) => c.notNull()) // no attempt is checked before this instant (ISO)
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull()) // the chain's head when signed (0: empty chain)
    .addColumn('hash', 'text', (c) => c.notNull()) // that entry's hash
    .addColumn('key_id', 'text', (c) => c.notNull()) // which HMAC key signed it
    .addColumn('mac', 'text', (c) => c.notNull()) // HMAC-SHA256 over (seq, hash, at, key_id)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_checkpoints').execute();
  await db.schema.dropTable('login_throttle').execute();
}
