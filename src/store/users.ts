// Users, sessions and the audit log.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Role, UserPlanRolesTable, UsersTable } from './schema.js';

export const SESSION_DAYS = 7;

/** A role an account holds in one plan. */
export interface PlanRole {
  planId: string;
  role: Role;
  departmentId: string | null;
}

/** A signed-in account: who it is, and the roles it holds, one per plan. */
export interface Account {
  id: string;
  username: string;
  displayName: string;
  isDemo: boolean;
  disabled: boolean;
  /** The plan the account was created in. */
  homePlanId: string | null;
  roles: PlanRole[];
}

/**
 * An account acting in one plan: `role`, `planId` and `departmentId` are its grant there. Routes check these
 * (src/server/auth.ts sets them for the plan the route names), so nothing done in one plan leans on a role in another.
 */
export interface User extends Account {
  role: Role;
  planId: string;
  departmentId: string | null;
}

type AccountRow = Pick<UsersTable, 'id' | 'username' | 'display_name' | 'plan_id' | 'is_demo' | 'disabled'>;
type GrantRow = Pick<UserPlanRolesTable, 'plan_id' | 'role' | 'department_id'>;

export const toAccount = (r: AccountRow, grants: readonly GrantRow[]): Account => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  isDemo: r.is_demo === 1,
  disabled: r.disabled === 1,
  homePlanId: r.plan_id,
  roles: grants.map((g) => ({ planId: g.plan_id, role: g.role, departmentId: g.department_id })),
});

/** The account acting in `planId`, or null when it holds no role there. */
export function actingIn(account: Account, planId: string): User | null {
  const grant = account.roles.find((g) => g.planId === planId);
  return grant ? { ...account, role: grant.role, planId, departmentId: grant.departmentId } : null;
}

/** The roles of accounts, by account id, in plan order. */
export async function rolesOf(db: Kysely<Database>, userIds: readonly string[]): Promise<Map<string, GrantRow[]>> {
  const out = new Map<string, GrantRow[]>();
  if (!userIds.length) return out;
  const rows = await db.selectFrom('user_plan_roles').select(['user_id', 'plan_id', 'role', 'department_id']).where('user_id', 'in', userIds).orderBy('plan_id').execute();
  for (const r of rows) {
    const list = out.get(r.user_id) ?? [];
    list.push(r);
    out.set(r.user_id, list);
  }
  return out;
}

export async function loadAccount(db: Kysely<Database>, id: string): Promise<Account | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return toAccount(row, (await rolesOf(db, [id])).get(id) ?? []);
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Creates an account; with a plan, it holds `role` (and the department) there. */
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
    plan_id: u.planId,
    is_demo: u.isDemo ? 1 : 0,
    disabled: 0,
    failed_logins: 0,
    locked_until: null,
    created_at: now,
    password_changed_at: now,
  };
  const grant: UserPlanRolesTable | null = u.planId ? { user_id: row.id, plan_id: u.planId, role: u.role, department_id: u.departmentId, granted_at: now } : null;
  const write = async (trx: Kysely<Database>) => {
    await trx.insertInto('users').values(row).execute();
    if (grant) await trx.insertInto('user_plan_roles').values(grant).execute();
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
  const account = toAccount(row, grant ? [grant] : []);
  return { ...account, role: u.role, planId: u.planId ?? '', departmentId: u.departmentId };
}

export async function findUserRow(db: Kysely<Database>, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

/** Every account, or those holding a role in `planId`, with all their roles. */
export async function listAccounts(db: Kysely<Database>, planId?: string): Promise<Account[]> {
  let q = db.selectFrom('users').selectAll('users').orderBy('username');
  if (planId) q = q.where((eb) => eb.exists(eb.selectFrom('user_plan_roles as g').select('g.user_id').whereRef('g.user_id', '=', 'users.id').where('g.plan_id', '=', planId)));
  const rows = await q.execute();
  const roles = await rolesOf(db, rows.map((r) => r.id));
  return rows.map((r) => toAccount(r, roles.get(r.id) ?? []));
}

/** The accounts holding a role in `planId`, each acting in it. */
export async function listUsers(db: Kysely<Database>, planId: string): Promise<User[]> {
  return (await listAccounts(db, planId)).map((a) => actingIn(a, planId)!);
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

type Actor = { id: string | null; ip?: string | null; via: 'console' | 'cli'; reason?: string | null };

/** Refuses leaving `planId` without an enabled administrator when `userId` stops being one there. */
async function keepAnAdmin(trx: Kysely<Database>, planId: string, userId: string): Promise<void> {
  const others = await trx
    .selectFrom('user_plan_roles as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('g.plan_id', '=', planId)
    .where('g.role', '=', 'admin')
    .where('u.disabled', '=', 0)
    .where('g.user_id', '!=', userId)
    .executeTakeFirstOrThrow();
  if (Number(others.n) === 0)
    throw new AccountRefused(409, 'LAST_ADMIN', `这是规划“${planId}”最后一个启用的管理员账户，不能停用、撤销或改为其他角色`, `this is the last enabled administrator of plan "${planId}": it cannot be disabled, revoked or given another role`);
}

/**
 * Changes an account in one transaction with its audit entry naming every field from → to: its role and department
 * in `planId` (a grant it must hold), and its name and disabled state (the whole account). Refused: a reporter
 * without a department; changing one's own role or disabling oneself; leaving a plan without an enabled
 * administrator. Disabling ends the account's sessions at once.
 */
export async function updateAccount(
  db: Kysely<Database>,
  id: string,
  planId: string,
  changes: AccountChanges,
  by: Actor,
): Promise<{ account: Account; user: User | null; changed: string[] }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AccountRefused(404, 'NOT_FOUND', '没有该用户', 'no such user');
    const grants = (await rolesOf(trx, [id])).get(id) ?? [];
    const held = grants.find((g) => g.plan_id === planId);
    // Name and disabled belong to the account; role and department need a role held in the plan.
    if (!held && (changes.role !== undefined || changes.departmentId !== undefined))
      throw new AccountRefused(404, 'NOT_FOUND', `该用户在规划“${planId}”中没有角色（请先授予角色）`, `the user holds no role in plan "${planId}" (grant one first)`);
    const grant = held ?? { plan_id: planId, role: null, department_id: null };
    const next = {
      role: changes.role ?? grant.role,
      department_id: changes.departmentId !== undefined ? changes.departmentId : grant.department_id,
      display_name: changes.displayName ?? row.display_name,
      disabled: changes.disabled === undefined ? row.disabled : changes.disabled ? 1 : 0,
    };
    if (next.role === 'reporter' && !next.department_id) throw new AccountRefused(400, 'DEPARTMENT_REQUIRED', '填报员须指定责任单位', 'a reporter needs a department');
    if (by.id === id && (next.role !== grant.role || next.disabled === 1))
      throw new AccountRefused(409, 'OWN_ACCOUNT', '不能更改自己的角色或停用自己的账户（请由另一位管理员操作）', 'you cannot change your own role or disable your own account (ask another administrator)');
    if (row.disabled === 0 && next.disabled === 1) for (const g of grants) if (g.role === 'admin') await keepAnAdmin(trx, g.plan_id, id);
    if (grant.role === 'admin' && next.role !== 'admin') await keepAnAdmin(trx, planId, id);
    const diff: Record<string, { from: unknown; to: unknown }> = {};
    if (next.role !== grant.role) diff.role = { from: grant.role, to: next.role };
    if (next.department_id !== grant.department_id) diff.departmentId = { from: grant.department_id, to: next.department_id };
    if (next.display_name !== row.display_name) diff.displayName = { from: row.display_name, to: next.display_name };
    if (next.disabled !== row.disabled) diff.disabled = { from: row.disabled === 1, to: next.disabled === 1 };
    const changed = Object.keys(diff);
    const after = grants.map((g) => (g.plan_id === planId && next.role ? { ...g, role: next.role, department_id: next.department_id } : g));
    const answer = (r: UsersTable, gs: GrantRow[]) => {
      const account = toAccount(r, gs);
      return { account, user: actingIn(account, planId), changed };
    };
    if (!changed.length) return answer(row, grants);
    await trx.updateTable('users').set({ display_name: next.display_name, disabled: next.disabled }).where('id', '=', id).execute();
    if (held && next.role) await trx.updateTable('user_plan_roles').set({ role: next.role, department_id: next.department_id }).where('user_id', '=', id).where('plan_id', '=', planId).execute();
    if (next.disabled === 1) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    const action = changed.length === 1 && diff.disabled ? (next.disabled ? 'user.disable' : 'user.enable') : 'user.update';
    await audit(trx, { userId: by.id, action, entity: 'user', entityId: id, detail: { username: row.username, planId, changes: diff, via: by.via, ...(by.reason ? { reason: by.reason } : {}) }, ip: by.ip ?? null });
    return answer({ ...row, display_name: next.display_name, disabled: next.disabled }, after);
  });
}

/**
 * Grants an account a role in `planId`, or changes the one it holds there; audited. The same refusals as
 * updateAccount: a reporter needs a department, one's own role stays, a plan keeps an enabled administrator.
 */
export async function grantRole(
  db: Kysely<Database>,
  id: string,
  planId: string,
  grant: { role: Role; departmentId: string | null },
  by: Actor,
): Promise<{ user: User; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AccountRefused(404, 'NOT_FOUND', '没有该用户', 'no such user');
    if (grant.role === 'reporter' && !grant.departmentId) throw new AccountRefused(400, 'DEPARTMENT_REQUIRED', '填报员须指定责任单位', 'a reporter needs a department');
    const grants = (await rolesOf(trx, [id])).get(id) ?? [];
    const held = grants.find((g) => g.plan_id === planId);
    if (by.id === id && held && held.role !== grant.role)
      throw new AccountRefused(409, 'OWN_ACCOUNT', '不能更改自己的角色（请由另一位管理员操作）', 'you cannot change your own role (ask another administrator)');
    if (held?.role === 'admin' && grant.role !== 'admin') await keepAnAdmin(trx, planId, id);
    const values = { user_id: id, plan_id: planId, role: grant.role, department_id: grant.departmentId, granted_at: new Date().toISOString() };
    if (held) await trx.updateTable('user_plan_roles').set({ role: grant.role, department_id: grant.departmentId }).where('user_id', '=', id).where('plan_id', '=', planId).execute();
    else await trx.insertInto('user_plan_roles').values(values).execute();
    await audit(trx, {
      userId: by.id,
      action: 'role.grant',
      entity: 'user',
      entityId: id,
      detail: { username: row.username, planId, role: { from: held?.role ?? null, to: grant.role }, departmentId: { from: held?.department_id ?? null, to: grant.departmentId }, via: by.via, ...(by.reason ? { reason: by.reason } : {}) },
      ip: by.ip ?? null,
    });
    const after = held ? grants.map((g) => (g.plan_id === planId ? values : g)) : [...grants, values];
    return { user: actingIn(toAccount(row, after), planId)!, created: !held };
  });
}

/** Takes an account's role in `planId` away; its requests in that plan are refused from the next one on. Audited. */
export async function revokeRole(db: Kysely<Database>, id: string, planId: string, by: Actor): Promise<Account> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    const grants = (await rolesOf(trx, [id])).get(id) ?? [];
    const held = grants.find((g) => g.plan_id === planId);
    if (!row || !held) throw new AccountRefused(404, 'NOT_FOUND', '该规划中没有该用户', 'no such user in this plan');
    if (by.id === id) throw new AccountRefused(409, 'OWN_ACCOUNT', '不能撤销自己的角色（请由另一位管理员操作）', 'you cannot revoke your own role (ask another administrator)');
    if (held.role === 'admin') await keepAnAdmin(trx, planId, id);
    await trx.deleteFrom('user_plan_roles').where('user_id', '=', id).where('plan_id', '=', planId).execute();
    await audit(trx, { userId: by.id, action: 'role.revoke', entity: 'user', entityId: id, detail: { username: row.username, planId, role: held.role, departmentId: held.department_id, via: by.via, ...(by.reason ? { reason: by.reason } : {}) }, ip: by.ip ?? null });
    return toAccount(row, grants.filter((g) => g.plan_id !== planId));
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

/** The session's account with its roles, or null for an unknown, expired or disabled one. */
export async function findSession(db: Kysely<Database>, token: string) {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.csrf_token', 'sessions.expires_at', 'sessions.token_hash'])
    .where('sessions.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.disabled === 1 || row.expires_at < new Date().toISOString()) return null;
  // Read on every request, so a revoked role ends access at once. is_default names the plan behind the alias.
  const grants = await db
    .selectFrom('user_plan_roles as g')
    .innerJoin('plans as p', 'p.id', 'g.plan_id')
    .select(['g.plan_id', 'g.role', 'g.department_id', 'p.is_default'])
    .where('g.user_id', '=', row.id)
    .orderBy('g.plan_id')
    .execute();
  const defaultPlanId = grants.find((g) => g.is_default === 1)?.plan_id ?? null;
  return { account: toAccount(row, grants), defaultPlanId, csrfToken: row.csrf_token, tokenHash: row.token_hash };
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
