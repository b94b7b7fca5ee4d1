// `ecoplan user add|list|passwd`: accounts created by an administrator on the server's machine.
import type { Kysely } from 'kysely';
import { generatePassword, hashPassword, passwordProblem } from '../auth/passwords.js';
import type { Plan } from '../plan/model.js';
import type { Database, Role } from '../store/schema.js';
import { AccountRefused, audit, countUsers, createUser, findUserRow, grantRole, listAccounts, revokeRole, setPassword, updateAccount } from '../store/users.js';
import { loadPlan } from '../store/plans.js';
import type { OpenedStore } from './store.js';
import { openStore } from './store.js';
import { DEMO_USERS } from '../demo/users.js';

const ROLES: Role[] = ['admin', 'reviewer', 'reporter', 'viewer'];

/**
 * The account named, in the plan the command acts in: the store's plan, which openStore took from --plan (refusing an
 * unknown one) or the default plan. Null once a missing account is said.
 */
async function accountInPlan(store: OpenedStore, username: string) {
  const row = await findUserRow(store.db, username);
  if (!row) {
    console.error(`✘ 没有用户“${username}” / no such user`);
    return null;
  }
  return { row, plan: store.plan };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function userAdd(opts: { username: string; role: string; department?: string; name?: string; passwordStdin?: boolean; plan?: string; db: string; planDir?: string }): Promise<number> {
  if (!ROLES.includes(opts.role as Role)) {
    console.error(`✘ 角色应为 ${ROLES.join('、')} / role must be one of ${ROLES.join(', ')}`);
    return 2;
  }
  if (!/^[A-Za-z0-9_.-]{3,50}$/.test(opts.username)) {
    console.error('✘ 用户名为 3–50 个字母、数字或 _ . - / user name: 3–50 letters, digits, _ . -');
    return 2;
  }
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const plan = store.plan;
    const department = opts.department ? plan.departments.find((d) => d.id === opts.department || d.name === opts.department) : undefined;
    if (opts.department && !department) {
      console.error(`✘ 未知的责任单位“${opts.department}”。可用：${plan.departments.map((d) => `${d.id} ${d.name}`).join('，')}`);
      return 1;
    }
    if (opts.role === 'reporter' && !department) {
      console.error('✘ 填报员须用 --department 指定责任单位 / a reporter needs --department');
      return 1;
    }
    if (await findUserRow(store.db, opts.username)) {
      console.error(`✘ 用户名“${opts.username}”已存在 / user name taken`);
      return 1;
    }
    const generated = !opts.passwordStdin;
    const password = generated ? generatePassword() : await readStdin();
    const problem = passwordProblem(password, opts.username);
    if (problem) {
      console.error(`✘ ${problem.zh} / ${problem.en}`);
      return 1;
    }
    const user = await createUser(store.db, {
      username: opts.username,
      displayName: opts.name ?? opts.username,
      role: opts.role as Role,
      planId: plan.meta.id,
      departmentId: department?.id ?? null,
      passwordHash: await hashPassword(password),
    });
    await audit(store.db, { userId: null, action: 'user.create', entity: 'user', entityId: user.id, detail: { username: user.username, planId: plan.meta.id, role: user.role, departmentId: user.departmentId, via: 'cli' } });
    console.log(`✔ 已创建用户 ${user.username}（${plan.meta.id}：${opts.role}${department ? `，${department.name}` : ''}）/ user created`);
    if (generated) console.log(`  初始密码（仅显示这一次，请登录后修改）/ initial password (shown once): ${password}`);
    return 0;
  } finally {
    await store.close();
  }
}

export async function userList(opts: { plan?: string; db: string; planDir?: string }): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    // Without --plan: every account with every role it holds; with it, the accounts holding a role in that plan.
    const only = opts.plan ? store.plan : null;
    const accounts = await listAccounts(store.db, only?.meta.id);
    if (!accounts.length) console.log('（尚无用户；用 ecoplan user add --role admin 创建管理员）/ no users yet');
    // One line per role: user name, role, department, plan; an account without any role has one line saying so.
    const plans = new Map<string, Plan>();
    for (const u of accounts) {
      const flags = `${u.isDemo ? '  (演示 demo)' : ''}${u.disabled ? '  (已停用 disabled)' : ''}`;
      const roles = u.roles.filter((g) => !only || g.planId === only.meta.id);
      if (!roles.length) console.log(`${u.username.padEnd(20)} （无角色 no role）${flags}`);
      for (const g of roles) {
        if (!plans.has(g.planId)) plans.set(g.planId, await loadPlan(store.db, g.planId));
        const dept = g.departmentId ? (plans.get(g.planId)!.departments.find((d) => d.id === g.departmentId)?.name ?? g.departmentId) : '';
        console.log(`${u.username.padEnd(20)} ${g.role.padEnd(9)} ${dept.padEnd(12)} ${g.planId}${flags}`);
      }
    }
    return 0;
  } finally {
    await store.close();
  }
}

export async function userPasswd(opts: { username: string; db: string; planDir?: string }): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const row = await findUserRow(store.db, opts.username);
    if (!row) {
      console.error(`✘ 没有用户“${opts.username}” / no such user`);
      return 1;
    }
    const password = generatePassword();
    await setPassword(store.db, row.id, await hashPassword(password));
    await audit(store.db, { userId: null, action: 'password.reset', entity: 'user', entityId: row.id, detail: { via: 'cli' } });
    console.log(`✔ 已重置 ${opts.username} 的密码，原有登录已失效 / password reset, sessions ended`);
    console.log(`  新密码（仅显示这一次）/ new password (shown once): ${password}`);
    return 0;
  } finally {
    await store.close();
  }
}

export { DEMO_USERS } from '../demo/users.js';
export const DEMO_PASSWORD = 'ecoplan-demo-2024';

export async function ensureDemoUsers(db: Kysely<Database>, plan: Plan): Promise<string[]> {
  const created: string[] = [];
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    if (await findUserRow(db, u.username)) continue;
    await createUser(db, { username: u.username, displayName: u.name, role: u.role, planId: plan.meta.id, departmentId: u.department, passwordHash: hash, isDemo: true });
    created.push(u.username);
  }
  return created;
}

export { countUsers };

/** `ecoplan user set|disable|enable`: the same checks and audit entry as PATCH /api/v1/users/{id}. */
export async function userSet(opts: { username: string; role?: string; department?: string; name?: string; disabled?: boolean; reason?: string; plan?: string; db: string; planDir?: string }): Promise<number> {
  if (opts.role !== undefined && !ROLES.includes(opts.role as Role)) {
    console.error(`✘ 角色应为 ${ROLES.join('、')} / role must be one of ${ROLES.join(', ')}`);
    return 2;
  }
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const found = await accountInPlan(store, opts.username);
    if (!found) return 1;
    const { row, plan } = found;
    const departmentId = departmentArg(plan, opts.department);
    if (departmentId === false) return 1;
    try {
      const { changed } = await updateAccount(store.db, row.id, plan.meta.id, { role: opts.role as Role | undefined, departmentId, displayName: opts.name, disabled: opts.disabled }, { id: null, via: 'cli', reason: opts.reason ?? null });
      if (!changed.length) console.log(`用户 ${opts.username} 没有变化 / nothing changed`);
      else if (opts.disabled === true) console.log(`✔ 已停用 ${opts.username}，其登录已结束 / user disabled, sessions ended`);
      else if (opts.disabled === false) console.log(`✔ 已启用 ${opts.username} / user enabled`);
      else console.log(`✔ 已更改 ${opts.username}：${changed.join('、')} / user changed`);
      return 0;
    } catch (e) {
      if (!(e instanceof AccountRefused)) throw e;
      console.error(`✘ ${e.message} / ${e.messageEn}`);
      return 1;
    }
  } finally {
    await store.close();
  }
}

/** --department as an id of the plan (or its name), null for "none", undefined when not given; false (said) when unknown. */
function departmentArg(plan: Plan, text: string | undefined): string | null | undefined | false {
  if (text === undefined) return undefined;
  if (text === 'none') return null;
  const d = plan.departments.find((x) => x.id === text || x.name === text);
  if (!d) {
    console.error(`✘ 规划 ${plan.meta.id} 中没有责任单位“${text}”。可用：${plan.departments.map((x) => `${x.id} ${x.name}`).join('，')}`);
    return false;
  }
  return d.id;
}

/** `ecoplan user grant|revoke --plan ID`: the same checks and audit entries as PUT/DELETE /api/v1/plans/{planId}/roles/{username}. */
export async function userRole(action: 'grant' | 'revoke', opts: { username: string; plan?: string; role?: string; department?: string; reason?: string; db: string; planDir?: string }): Promise<number> {
  if (action === 'grant' && !ROLES.includes(opts.role as Role)) {
    console.error(`✘ 角色应为 ${ROLES.join('、')} / role must be one of ${ROLES.join(', ')}`);
    return 2;
  }
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const found = await accountInPlan(store, opts.username);
    if (!found) return 1;
    const { row, plan } = found;
    const by = { id: null, via: 'cli' as const, reason: opts.reason ?? null };
    try {
      if (action === 'revoke') {
        await revokeRole(store.db, row.id, plan.meta.id, by);
        console.log(`✔ 已撤销 ${opts.username} 在规划 ${plan.meta.id} 中的角色，立即生效 / role revoked`);
        return 0;
      }
      const departmentId = departmentArg(plan, opts.department);
      if (departmentId === false) return 1;
      const { created } = await grantRole(store.db, row.id, plan.meta.id, { role: opts.role as Role, departmentId: departmentId ?? null }, by);
      console.log(`✔ ${created ? '已授予' : '已更改'} ${opts.username} 在规划 ${plan.meta.id} 中的角色：${opts.role} / role ${created ? 'granted' : 'changed'}`);
      return 0;
    } catch (e) {
      if (!(e instanceof AccountRefused)) throw e;
      console.error(`✘ ${e.message} / ${e.messageEn}`);
      return 1;
    }
  } finally {
    await store.close();
  }
}
