// Users, sessions and the audit log.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Role, UsersTable } from './schema.js';

export const SESSION_DAYS = 7;

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  planId: string | null;
  departmentId: string | null;
  isDemo: boolean;
  disabled: boolean;
}

export const toUser = (r: UsersTable): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  planId: r.plan_id,
  departmentId: r.department_id,
  isDemo: r.is_demo === 1,
  disabled: r.disabled === 1,
});

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function createUser(
  db: Kysely<Database>,
  u: { username: string; displayName: string; passwordHash: string; role: Role; planId: string | null; departmentId: string | null; isDemo?: boolean },
): Promise<User> {
  const now = new Date().toISOString();
  const row: UsersTable = {
    id: randomUUID(),
    username: u.username,
    display_name: u.displayName,
    password_hash: u.passwordHash,
    role: u.role,
    plan_id: u.planId,
    department_id: u.departmentId,
    is_demo: u.isDemo ? 1 : 0,
    disabled: 0,
    failed_logins: 0,
    locked_until: null,
    created_at: now,
    password_changed_at: now,
  };
  await db.insertInto('users').values(row).execute();
  return toUser(row);
}

export async function findUserRow(db: Kysely<Database>, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  return (await db.selectFrom('users').selectAll().orderBy('username').execute()).map(toUser);
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function recordSuccessfulLogin(db: Kysely<Database>, userId: string): Promise<void> {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}

export async function setPassword(db: Kysely<Database>, userId: string, passwordHash: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: new Date().toISOString(), failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
    // A changed password ends every session of the user.
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  });
}

export interface AccountChanges {
  role?: Role;
  departmentId?: string | null;
  displayName?: string;
  disabled?: boolean;
}

/** What an administrator may not do to accounts, checked on the server whatever the client sends. */
export class AccountRefused extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

/**
 * Changes an account (role, department, name, disabled) in one transaction with its audit entry naming every
 * field from → to. Refused: a reporter without a department; changing one's own role or disabling oneself; leaving
 * no enabled administrator. Disabling ends the account's sessions at once.
 */
export async function updateAccount(
  db: Kysely<Database>,
  id: string,
  changes: AccountChanges,
  by: { id: string | null; ip?: string | null; via: 'console' | 'cli'; reason?: string | null },
): Promise<{ user: User; changed: string[] }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AccountRefused(404, 'NOT_FOUND', '没有该用户', 'no such user');
    const next = {
      role: changes.role ?? row.role,
      department_id: changes.departmentId !== undefined ? changes.departmentId : row.department_id,
      display_name: changes.displayName ?? row.display_name,
      disabled: changes.disabled === undefined ? row.disabled : changes.disabled ? 1 : 0,
    };
    if (next.role === 'reporter' && !next.department_id) throw new AccountRefused(400, 'DEPARTMENT_REQUIRED', '填报员须指定责任单位', 'a reporter needs a department');
    if (by.id === id && (next.role !== row.role || next.disabled === 1))
      throw new AccountRefused(409, 'OWN_ACCOUNT', '不能更改自己的角色或停用自己的账户（请由另一位管理员操作）', 'you cannot change your own role or disable your own account (ask another administrator)');
    if (row.role === 'admin' && row.disabled === 0 && (next.role !== 'admin' || next.disabled === 1)) {
      const admins = await trx.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').where('disabled', '=', 0).executeTakeFirstOrThrow();
      if (Number(admins.n) <= 1) throw new AccountRefused(409, 'LAST_ADMIN', '这是最后一个启用的管理员账户，不能停用或改为其他角色', 'this is the last enabled administrator: it cannot be disabled or given another role');
    }
    const diff: Record<string, { from: unknown; to: unknown }> = {};
    if (next.role !== row.role) diff.role = { from: row.role, to: next.role };
    if (next.department_id !== row.department_id) diff.departmentId = { from: row.department_id, to: next.department_id };
    if (next.display_name !== row.display_name) diff.displayName = { from: row.display_name, to: next.display_name };
    if (next.disabled !== row.disabled) diff.disabled = { from: row.disabled === 1, to: next.disabled === 1 };
    const changed = Object.keys(diff);
    if (!changed.length) return { user: toUser(row), changed };
    await trx.updateTable('users').set(next).where('id', '=', id).execute();
    if (next.disabled === 1) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    const action = changed.length === 1 && diff.disabled ? (next.disabled ? 'user.disable' : 'user.enable') : 'user.update';
    await audit(trx, { userId: by.id, action, entity: 'user', entityId: id, detail: { username: row.username, changes: diff, via: by.via, ...(by.reason ? { reason: by.reason } : {}) }, ip: by.ip ?? null });
    return { user: toUser({ ...row, ...next }), changed };
  });
}

/** Creates a session; returns the cookie token (only its hash is stored) and the CSRF token. */
export async function createSession(db: Kysely<Database>, userId: string, meta: { ip?: string; userAgent?: string }) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = new Date();
  await db
    .insertInto('sessions')
    .values({
      token_hash: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
      ip: meta.ip ?? null,
      user_agent: meta.userAgent ?? null,
    })
    .execute();
  return { token, csrfToken };
}

export async function findSession(db: Kysely<Database>, token: string) {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.csrf_token', 'sessions.expires_at', 'sessions.token_hash'])
    .where('sessions.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.disabled === 1 || row.expires_at < new Date().toISOString()) return null;
  return { user: toUser(row), csrfToken: row.csrf_token, tokenHash: row.token_hash };
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
}

export const AUDIT_GENESIS = '0'.repeat(64);

/** The hash of an audit entry: sha-256 over its sequence, the previous hash and its content, in a fixed order. */
export function auditHash(e: { seq: number; prev_hash: string; at: string; user_id: string | null; action: string; entity: string; entity_id: string | null; detail: string | null; ip: string | null }): string {
  return createHash('sha256')
    .update(JSON.stringify([e.seq, e.prev_hash, e.at, e.user_id, e.action, e.entity, e.entity_id, e.detail, e.ip]))
    .digest('hex');
}

/** Appends to the hash-chained audit log. The read of the last entry and the insert share one transaction. */
export async function audit(
  db: Kysely<Database>,
  entry: { userId: string | null; action: string; entity: string; entityId?: string | null; detail?: unknown; ip?: string | null },
): Promise<void> {
  const append = async (trx: Kysely<Database>) => {
    const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).where('seq', 'is not', null).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const row = {
      id: randomUUID(),
      at: new Date().toISOString(),
      user_id: entry.userId,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId ?? null,
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
      ip: entry.ip ?? null,
      seq: (last?.seq ?? 0) + 1,
      prev_hash: last?.hash ?? AUDIT_GENESIS,
    };
    await trx.insertInto('audit_log').values({ ...row, hash: auditHash(row) }).execute();
  };
  // Inside an existing transaction (Transaction is a Kysely) this nests in it; otherwise it opens one.
  if (db.isTransaction) await append(db);
  else await db.transaction().execute(append);
}

export interface AuditProblem {
  seq: number | null;
  id: string | null;
  message: string;
  messageEn: string;
}

/** Walks the chain from the first entry; returns the first problem (edited, deleted or inserted entry) or null. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<{ entries: number; problem: AuditProblem | null }> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  let prev = AUDIT_GENESIS;
  let expected = 1;
  for (const r of rows) {
    if (r.seq === null || r.hash === null || r.prev_hash === null)
      return { entries: rows.length, problem: { seq: r.seq, id: r.id, message: `条目 ${r.id} 不在哈希链中（缺少序号或哈希）`, messageEn: `entry ${r.id} is outside the chain (no sequence or hash)` } };
    if (r.seq !== expected)
      return { entries: rows.length, problem: { seq: expected, id: null, message: `缺少第 ${expected} 条（下一条为第 ${r.seq} 条），条目被删除`, messageEn: `entry ${expected} is missing (next is ${r.seq}): deleted` } };
    if (r.prev_hash !== prev)
      return { entries: rows.length, problem: { seq: r.seq, id: r.id, message: `第 ${r.seq} 条的前序哈希不符：之前的条目被改动或删除`, messageEn: `entry ${r.seq} does not follow the one before it: an earlier entry was changed or removed` } };
    if (auditHash({ ...r, seq: r.seq, prev_hash: r.prev_hash }) !== r.hash)
      return { entries: rows.length, problem: { seq: r.seq, id: r.id, message: `第 ${r.seq} 条（${r.action}，${r.at}）的内容被改动`, messageEn: `entry ${r.seq} (${r.action}, ${r.at}) was altered` } };
    prev = r.hash;
    expected++;
  }
  return { entries: rows.length, problem: null };
}
