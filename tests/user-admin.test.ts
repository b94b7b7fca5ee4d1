// User administration beyond creation: an administrator disables and enables accounts, changes
// role and department, resets a password — every change audited, every rule checked on the server, so that a
// non-administrator (or a crafted request) can do none of it. The CLI does the same through the same function.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/passwords.js';
import { buildApp } from '../src/server/app.js';
import { createUser, verifyAuditChain } from '../src/store/users.js';
import { tempDir } from './helpers/planFolder.js';
import { seededDatabase } from './helpers/store.js';

let store: Awaited<ReturnType<typeof seededDatabase>>;
let app: FastifyInstance;
const PASSWORD = 'correct horse battery';
const ids: Record<string, string> = {};

beforeAll(async () => {
  store = await seededDatabase();
  const hash = await hashPassword(PASSWORD);
  for (const [username, role, departmentId] of [
    ['boss', 'admin', null],
    ['reviewer2', 'reviewer', 'sthjj'],
    ['forest2', 'reporter', 'lyj'],
    ['water2', 'reporter', 'swj'],
    ['viewer2', 'viewer', null],
  ] as const)
    ids[username] = (await createUser(store.db, { username, displayName: username, role, planId: store.plan.meta.id, departmentId, passwordHash: hash })).id;
  app = await buildApp({ db: store.db, webDir: '/nonexistent', loginRateLimit: 1000 });
});
afterAll(async () => {
  await app.close();
  await store.db.destroy();
});

type Session = { cookie: string; csrf: string };
async function login(username: string, password = PASSWORD) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  const c = res.cookies.find((x) => x.name === 'ecoplan_session');
  return { status: res.statusCode, s: { cookie: c ? `ecoplan_session=${c.value}` : '', csrf: res.statusCode === 200 ? (res.json().csrfToken as string) : '' } };
}
const send = (method: 'PATCH' | 'POST', url: string, payload: object, s: Session | null) =>
  app.inject({ method, url, payload, headers: s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {} });
const me = (s: Session) => app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s.cookie } });
const auditOf = (id: string) => store.db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).orderBy('seq').execute();

describe('only an administrator administers users', () => {
  it('refuses every change to a reviewer, a reporter, a viewer and a visitor — the server checks, not the console', async () => {
    const target = `/api/v1/users/${ids.water2}`;
    for (const who of ['reviewer2', 'forest2', 'viewer2']) {
      const { s } = await login(who);
      expect((await send('PATCH', target, { disabled: true }, s)).statusCode, who).toBe(403);
      expect((await send('PATCH', target, { role: 'admin' }, s)).statusCode, who).toBe(403);
      expect((await send('POST', `${target}/password-reset`, {}, s)).statusCode, who).toBe(403);
    }
    expect((await send('PATCH', target, { disabled: true }, null)).statusCode).toBe(401);
    // Nothing changed and nothing was audited for the target.
    expect((await login('water2')).status).toBe(200);
    expect((await auditOf(ids.water2!)).filter((e) => /^(user|password)\./.test(e.action))).toEqual([]);
  });

  it('needs the CSRF token even from an administrator', async () => {
    const { s } = await login('boss');
    const res = await app.inject({ method: 'PATCH', url: `/api/v1/users/${ids.water2}`, payload: { disabled: true }, headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(403);
  });
});

describe('an administrator', () => {
  it('disables an account: its session ends at once and it cannot sign in; enabling lets it back; both audited', async () => {
    const { s: admin } = await login('boss');
    const { s: victim } = await login('water2');
    expect((await me(victim)).statusCode).toBe(200);
    const off = await send('PATCH', `/api/v1/users/${ids.water2}`, { disabled: true, reason: '调离 / transferred' }, admin);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ user: { username: 'water2', disabled: true }, changed: ['disabled'] });
    expect((await me(victim)).statusCode).toBe(401);
    expect((await login('water2')).status).toBe(401);
    const on = await send('PATCH', `/api/v1/users/${ids.water2}`, { disabled: false }, admin);
    expect(on.json().user.disabled).toBe(false);
    expect((await login('water2')).status).toBe(200);
    const entries = await auditOf(ids.water2!);
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['user.disable', 'user.enable']));
    const disable = entries.find((e) => e.action === 'user.disable')!;
    expect(disable.user_id).toBe(ids.boss);
    expect(JSON.parse(disable.detail!)).toMatchObject({ username: 'water2', changes: { disabled: { from: false, to: true } }, via: 'console', reason: '调离 / transferred' });
  });

  it('changes role and department, with the reporter-needs-a-department and known-department checks', async () => {
    const { s: admin } = await login('boss');
    const url = `/api/v1/users/${ids.viewer2}`;
    expect((await send('PATCH', url, { role: 'reporter' }, admin)).json().code).toBe('DEPARTMENT_REQUIRED');
    expect((await send('PATCH', url, { role: 'reporter', departmentId: 'nope' }, admin)).json().code).toBe('UNKNOWN_DEPARTMENT');
    const res = await send('PATCH', url, { role: 'reporter', departmentId: 'lcs' }, admin);
    expect(res.json()).toMatchObject({ user: { role: 'reporter', departmentId: 'lcs' }, changed: ['role', 'departmentId'] });
    // The signed-in user's role is read from the account on each request: the change holds at once.
    const { s } = await login('viewer2');
    expect((await me(s)).json().user).toMatchObject({ role: 'reporter', departmentId: 'lcs' });
    const entry = (await auditOf(ids.viewer2!)).find((e) => e.action === 'user.update')!;
    expect(JSON.parse(entry.detail!).changes).toEqual({ role: { from: 'viewer', to: 'reporter' }, departmentId: { from: null, to: 'lcs' } });
    expect((await send('PATCH', url, { shoeSize: 42 }, admin)).statusCode).toBe(400);
  });

  it('cannot lock the platform out: not their own role, not disable themselves, not the last administrator', async () => {
    const { s: admin } = await login('boss');
    expect((await send('PATCH', `/api/v1/users/${ids.boss}`, { disabled: true }, admin)).json().code).toBe('OWN_ACCOUNT');
    expect((await send('PATCH', `/api/v1/users/${ids.boss}`, { role: 'viewer' }, admin)).json().code).toBe('OWN_ACCOUNT');
    // Another administrator may not demote the only other one either when it is the last enabled administrator.
    const second = await send('PATCH', `/api/v1/users/${ids.reviewer2}`, { role: 'admin' }, admin);
    expect(second.statusCode).toBe(200);
    const { s: other } = await login('reviewer2');
    expect((await send('PATCH', `/api/v1/users/${ids.boss}`, { disabled: true }, other)).statusCode).toBe(200);
    // Now reviewer2 is the last enabled administrator: the CLI (no session) may not disable it.
    const r = spawnSync(process.execPath, [resolve(import.meta.dirname, '../bin/ecoplan.js'), 'user', 'disable', '--username', 'reviewer2', '--db', store.location], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('最后一个启用的管理员');
    expect((await send('PATCH', `/api/v1/users/${ids.boss}`, { disabled: false }, other)).statusCode).toBe(200);
  });

  it('resets a password: a new one shown once, the old one and the sessions end, audited without the password', async () => {
    const { s: admin } = await login('boss');
    const { s: old } = await login('forest2');
    const res = await send('POST', `/api/v1/users/${ids.forest2}/password-reset`, {}, admin);
    expect(res.statusCode, res.body).toBe(200);
    const { password } = res.json() as { password: string };
    expect(password).toMatch(/^\S{16}$/);
    expect((await me(old)).statusCode).toBe(401);
    expect((await login('forest2')).status).toBe(401);
    expect((await login('forest2', password)).status).toBe(200);
    const entry = (await auditOf(ids.forest2!)).find((e) => e.action === 'password.reset')!;
    expect(entry.user_id).toBe(ids.boss);
    expect(entry.detail).not.toContain(password);
    // Their own password is changed with the current one, not reset.
    expect((await send('POST', `/api/v1/users/${ids.boss}/password-reset`, {}, admin)).json().code).toBe('OWN_ACCOUNT');
    expect(await verifyAuditChain(store.db)).toMatchObject({ problem: null });
  });
});

describe('ecoplan user set|disable|enable', () => {
  it('changes, disables and enables accounts with the same checks, and lists the disabled', () => {
    const db = join(tempDir(), 'u.db');
    const run = (...args: string[]) => spawnSync(process.execPath, [resolve(import.meta.dirname, '../bin/ecoplan.js'), ...args, '--db', db], { encoding: 'utf8', timeout: 60_000 });
    expect(run('user', 'add', '--username', 'chief', '--role', 'admin').status).toBe(0);
    expect(run('user', 'add', '--username', 'zhao', '--role', 'viewer').status).toBe(0);
    expect(run('user', 'set', '--username', 'zhao', '--role', 'reporter').stderr).toContain('填报员须指定责任单位');
    const set = run('user', 'set', '--username', 'zhao', '--role', 'reporter', '--department', '市林业局', '--reason', '岗位调整');
    expect(set.status, set.stderr).toBe(0);
    expect(run('user', 'list').stdout).toMatch(/zhao\s+reporter\s+市林业局/);
    expect(run('user', 'disable', '--username', 'zhao').stdout).toContain('已停用 zhao');
    expect(run('user', 'list').stdout).toMatch(/zhao.*已停用 disabled/);
    expect(run('user', 'enable', '--username', 'zhao').stdout).toContain('已启用 zhao');
    expect(run('user', 'disable', '--username', 'chief').stderr).toContain('最后一个启用的管理员');
    expect(run('user', 'disable', '--username', 'nobody').stderr).toContain('没有用户');
  });
});
