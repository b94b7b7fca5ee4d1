// `ecoplan user add|list|passwd`: accounts created by an administrator on the server's machine.
import type { Kysely } from 'kysely';
import { generatePassword, hashPassword, passwordProblem } from '../auth/passwords.js';
import type { Plan } from '../plan/model.js';
import type { Database, Role } from '../store/schema.js';
import { AccountRefused, audit, countUsers, createUser, findUserRow, listUsers, setPassword, updateAccount } from '../store/users.js';
import { openStore } from './store.js';
import { DEMO_USERS } from '../demo/users.js';

const ROLES: Role[] = ['admin', 'reviewer', 'reporter', 'viewer'];

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function userAdd(opts: { username: string; role: string; department?: string; name?: string; passwordStdin?: boolean; db: string; planDir?: string }): Promise<number> {
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
    const department = opts.department ? store.plan.departments.find((d) => d.id === opts.department || d.name === opts.department) : undefined;
    if (opts.department && !department) {
      console.error(`✘ 未知的责任单位“${opts.department}”。可用：${store.plan.departments.map((d) => `${d.id} ${d.name}`).join('，')}`);
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
      planId: store.plan.meta.id,
      departmentId: department?.id ?? null,
      passwordHash: await hashPassword(password),
    });
    await audit(store.db, { userId: null, action: 'user.create', entity: 'user', entityId: user.id, detail: { username: user.username, role: user.role, departmentId: user.departmentId, via: 'cli' } });
    console.log(`✔ 已创建用户 ${user.username}（${opts.role}${department ? `，${department.name}` : ''}）/ user created`);
    if (generated) console.log(`  初始密码（仅显示这一次，请登录后修改）/ initial password (shown once): ${password}`);
    return 0;
  } finally {
    await store.close();
  }
}

export async function userList(opts: { db: string; planDir?: string }): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const users = await listUsers(store.db);
    if (!users.length) console.log('（尚无用户；用 ecoplan user add --role admin 创建管理员）/ no users yet');
    for (const u of users) {
      const dept = u.departmentId ? store.plan.departments.find((d) => d.id === u.departmentId)?.name : '';
      console.log(`${u.username.padEnd(20)} ${u.role.padEnd(9)} ${dept ?? ''}${u.isDemo ? '  (演示 demo)' : ''}${u.disabled ? '  (已停用 disabled)' : ''}`);
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
export async function userSet(opts: { username: string; role?: string; department?: string; name?: string; disabled?: boolean; reason?: string; db: string; planDir?: string }): Promise<number> {
  if (opts.role !== undefined && !ROLES.includes(opts.role as Role)) {
    console.error(`✘ 角色应为 ${ROLES.join('、')} / role must be one of ${ROLES.join(', ')}`);
    return 2;
  }
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const row = await findUserRow(store.db, opts.username);
    if (!row) {
      console.error(`✘ 没有用户“${opts.username}” / no such user`);
      return 1;
    }
    let departmentId: string | null | undefined;
    if (opts.department !== undefined) {
      const d = opts.department === 'none' ? null : store.plan.departments.find((x) => x.id === opts.department || x.name === opts.department);
      if (d === undefined) {
        console.error(`✘ 未知的责任单位“${opts.department}”。可用：${store.plan.departments.map((x) => `${x.id} ${x.name}`).join('，')}`);
        return 1;
      }
      departmentId = d?.id ?? null;
    }
    try {
      const { changed } = await updateAccount(store.db, row.id, { role: opts.role as Role | undefined, departmentId, displayName: opts.name, disabled: opts.disabled }, { id: null, via: 'cli', reason: opts.reason ?? null });
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
