// The keys that sign checkpoints of the audit chain. They live outside the database — in the
// environment (ECOPLAN_AUDIT_KEYS) or in a file beside it (<db>.audit-keys.json, created on first start, readable
// only by its owner) — so that someone who can rewrite the database cannot sign a checkpoint for what they wrote.
// Rotation adds a key and makes it current; old keys are kept, because old checkpoints were signed with them.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AuditKey {
  id: string;
  /** base64 of 32 random bytes */
  secret: string;
  createdAt: string;
}

export interface AuditKeyRing {
  /** Where the keys came from: the file's path, or "ECOPLAN_AUDIT_KEYS". */
  source: string;
  /** The key new checkpoints are signed with. */
  current: AuditKey;
  keys: AuditKey[];
}

export class AuditKeyError extends Error {
  constructor(
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

/**
 * The key file beside a SQLite file; for a PostgreSQL URL (no file to sit beside) ./data/<host>-<port>-<db>.audit-keys.json
 * — several instances share one database, so they should share ECOPLAN_AUDIT_KEYS instead (docs/security.md).
 */
export const keyFileOf = (dbPath: string) => {
  if (!/^postgres(ql)?:\/\//i.test(dbPath)) return `${dbPath}.audit-keys.json`;
  const u = new URL(dbPath);
  const name = `${u.hostname}-${u.port || '5432'}-${u.pathname.slice(1)}`.replace(/[^\w.-]/g, '_');
  mkdirSync('data', { recursive: true });
  return join('data', `${name}.audit-keys.json`);
};

const newKey = (): AuditKey => ({ id: `k${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`, secret: randomBytes(32).toString('base64'), createdAt: new Date().toISOString() });

/** ECOPLAN_AUDIT_KEYS="id1:base64secret,id2:base64secret": the last is current. */
function fromEnv(text: string): AuditKeyRing {
  const keys = text.split(',').map((part) => {
    const [id, secret] = part.trim().split(':');
    if (!id || !secret || Buffer.from(secret, 'base64').length < 16)
      throw new AuditKeyError('环境变量 ECOPLAN_AUDIT_KEYS 格式应为“编号:base64密钥”（密钥至少 16 字节），多个以逗号分隔', 'ECOPLAN_AUDIT_KEYS must be "id:base64secret" (at least 16 bytes), comma-separated');
    return { id, secret, createdAt: '' };
  });
  return { source: 'ECOPLAN_AUDIT_KEYS', current: keys[keys.length - 1]!, keys };
}

function readFile(path: string): AuditKeyRing {
  let parsed: { current?: string; keys?: AuditKey[] };
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as typeof parsed;
  } catch (e) {
    throw new AuditKeyError(`审计密钥文件 ${path} 无法读取：${(e as Error).message}`, `cannot read the audit key file ${path}: ${(e as Error).message}`);
  }
  const keys = parsed.keys ?? [];
  const current = keys.find((k) => k.id === parsed.current);
  if (!current) throw new AuditKeyError(`审计密钥文件 ${path} 中没有当前密钥`, `the audit key file ${path} names no current key`);
  return { source: path, current, keys };
}

function writeRing(path: string, keys: AuditKey[], current: string) {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify({ current, keys }, null, 2) + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

/**
 * The key ring for a database: from ECOPLAN_AUDIT_KEYS, else from the file beside the database. With `create`, a
 * missing file is created with a new key (first start); without, a missing key is null (verification says so).
 */
export function loadAuditKeys(dbPath: string, opts: { create?: boolean } = {}): AuditKeyRing | null {
  const env = process.env.ECOPLAN_AUDIT_KEYS;
  if (env) return fromEnv(env);
  if (dbPath === ':memory:') return null;
  const path = keyFileOf(dbPath);
  if (existsSync(path)) return readFile(path);
  if (!opts.create) return null;
  const key = newKey();
  writeRing(path, [key], key.id);
  return { source: path, current: key, keys: [key] };
}

/** Adds a new key to the file and makes it current; the old keys stay to verify old checkpoints. */
export function rotateAuditKey(dbPath: string): AuditKeyRing {
  if (process.env.ECOPLAN_AUDIT_KEYS)
    throw new AuditKeyError('密钥来自环境变量 ECOPLAN_AUDIT_KEYS：请在其末尾追加新密钥（编号:base64密钥）以轮换', 'the keys come from ECOPLAN_AUDIT_KEYS: append a new "id:base64secret" to it to rotate');
  const ring = loadAuditKeys(dbPath, { create: true })!;
  const key = newKey();
  const keys = [...ring.keys, key];
  writeRing(keyFileOf(dbPath), keys, key.id);
  return { source: ring.source, current: key, keys };
}
