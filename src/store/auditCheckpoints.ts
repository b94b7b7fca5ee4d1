// Signed checkpoints of the audit chain's head. The hash chain alone shows an entry edited in
// place, but not the newest entries deleted, nor an edit followed by recomputing every later hash. A checkpoint
// records the head (sequence and hash) with an HMAC-SHA256 under a key kept outside the database: the chain must
// still hold that entry with that hash. Checkpoints are kept in the database and can be exported to a file an
// auditor keeps elsewhere, which also covers the checkpoints themselves being deleted.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditKeyRing } from '../auth/auditKeys.js';
import type { Database } from './schema.js';

export interface Checkpoint {
  at: string;
  seq: number;
  hash: string;
  keyId: string;
  mac: string;
}

export interface CheckpointProblem {
  message: string;
  messageEn: string;
}

const GENESIS = '0'.repeat(64);

function macOf(secret: string, c: Omit<Checkpoint, 'mac'>): string {
  return createHmac('sha256', Buffer.from(secret, 'base64')).update(JSON.stringify(['ecoplan-audit-checkpoint', c.seq, c.hash, c.at, c.keyId])).digest('hex');
}

/** The chain's head now: the newest entry's sequence and hash (0 and the genesis hash when empty). */
export async function chainHead(db: Kysely<Database>): Promise<{ seq: number; hash: string }> {
  const last = await db.selectFrom('audit_log').select(['seq', 'hash']).where('seq', 'is not', null).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS };
}

/** Signs the head with the current key; nothing is written when the newest checkpoint already names it. */
export async function writeCheckpoint(db: Kysely<Database>, ring: AuditKeyRing, opts: { force?: boolean } = {}): Promise<Checkpoint | null> {
  return db.transaction().execute(async (trx) => {
    const head = await chainHead(trx);
    const newest = await trx.selectFrom('audit_checkpoints').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (!opts.force && newest && newest.seq === head.seq && newest.hash === head.hash && newest.key_id === ring.current.id) return null;
    const c = { at: new Date().toISOString(), seq: head.seq, hash: head.hash, keyId: ring.current.id };
    const mac = macOf(ring.current.secret, c);
    await trx.insertInto('audit_checkpoints').values({ at: c.at, seq: c.seq, hash: c.hash, key_id: c.keyId, mac }).execute();
    return { ...c, mac };
  });
}

export async function listCheckpoints(db: Kysely<Database>): Promise<Checkpoint[]> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ at: r.at, seq: r.seq, hash: r.hash, keyId: r.key_id, mac: r.mac }));
}

/**
 * Checks checkpoints (the database's, or an exported file's) against the chain: each must be signed by a known key,
 * and the chain must still hold its entry with its hash. Returns the first problem, or null.
 */
export async function verifyCheckpoints(db: Kysely<Database>, checkpoints: readonly Checkpoint[], ring: AuditKeyRing | null, origin: { zh: string; en: string }): Promise<CheckpointProblem | null> {
  if (!checkpoints.length) return null;
  if (!ring) return { message: `找不到审计密钥（ECOPLAN_AUDIT_KEYS 或数据库旁的 .audit-keys.json），无法校验${origin.zh}的 ${checkpoints.length} 个检查点`, messageEn: `no audit key (ECOPLAN_AUDIT_KEYS or the .audit-keys.json beside the database): cannot verify the ${checkpoints.length} checkpoint(s) of ${origin.en}` };
  const head = await chainHead(db);
  for (const c of checkpoints) {
    const key = ring.keys.find((k) => k.id === c.keyId);
    const where = `${origin.zh}的检查点（${c.at}，第 ${c.seq} 条）`;
    const whereEn = `checkpoint of ${c.at} (entry ${c.seq}) in ${origin.en}`;
    if (!key) return { message: `${where}由未知密钥 ${c.keyId} 签名`, messageEn: `${whereEn} is signed by an unknown key ${c.keyId}` };
    const expected = Buffer.from(macOf(key.secret, c), 'hex');
    const given = Buffer.from(c.mac, 'hex');
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      return { message: `${where}签名无效：检查点被伪造或改动`, messageEn: `${whereEn} has an invalid signature: forged or altered` };
    if (c.seq > head.seq)
      return { message: `${where}记录链尾为第 ${c.seq} 条，而日志现只到第 ${head.seq} 条：最新的条目被删除`, messageEn: `${whereEn} records the chain up to entry ${c.seq}, but the log now ends at ${head.seq}: the newest entries were deleted` };
    if (c.seq === 0) continue;
    const row = await db.selectFrom('audit_log').select('hash').where('seq', '=', c.seq).executeTakeFirst();
    if (!row || row.hash !== c.hash)
      return { message: `${where}记录的哈希与第 ${c.seq} 条不符：该条或之前的条目被改写（后续哈希被重新计算）`, messageEn: `${whereEn} does not match entry ${c.seq}: it or an earlier entry was rewritten (and the later hashes recomputed)` };
  }
  return null;
}

/** The checkpoints as a file an auditor keeps elsewhere (JSON; verified with `ecoplan audit verify --checkpoints`). */
export function checkpointsFile(checkpoints: readonly Checkpoint[]): string {
  return JSON.stringify({ format: 'ecoplan-audit-checkpoints/1', exportedAt: new Date().toISOString(), checkpoints }, null, 2) + '\n';
}

export function parseCheckpointsFile(text: string): Checkpoint[] | null {
  try {
    const v = JSON.parse(text) as { format?: string; checkpoints?: Checkpoint[] };
    if (v.format !== 'ecoplan-audit-checkpoints/1' || !Array.isArray(v.checkpoints)) return null;
    const ok = v.checkpoints.every((c) => typeof c.at === 'string' && Number.isInteger(c.seq) && typeof c.hash === 'string' && typeof c.keyId === 'string' && typeof c.mac === 'string');
    return ok ? v.checkpoints : null;
  } catch {
    return null;
  }
}
