// The server signs the audit chain's head on start, every ECOPLAN_AUDIT_CHECKPOINT_MINUTES minutes (default 10)
// when it has moved, and on shutdown; the key is created beside the database on first start (auth/auditKeys.ts).
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { loadAuditKeys } from '../auth/auditKeys.js';
import { writeCheckpoint } from '../store/auditCheckpoints.js';
import type { Database } from '../store/schema.js';

export async function startAuditCheckpoints(db: Kysely<Database>, dbPath: string, log: FastifyBaseLogger): Promise<{ stop(): Promise<void> }> {
  const ring = loadAuditKeys(dbPath, { create: true });
  if (!ring) {
    log.warn('no audit key (in-memory database without ECOPLAN_AUDIT_KEYS): the audit chain is not checkpointed');
    return { stop: async () => {} };
  }
  const sign = async () => {
    try {
      const c = await writeCheckpoint(db, ring);
      if (c) log.info({ seq: c.seq, keyId: c.keyId }, 'audit checkpoint signed');
    } catch (err) {
      // A busy database: the next tick signs.
      log.warn({ err }, 'audit checkpoint not signed');
    }
  };
  await sign();
  const minutes = Number(process.env.ECOPLAN_AUDIT_CHECKPOINT_MINUTES) || 10;
  const timer = setInterval(sign, minutes * 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await sign();
    },
  };
}
