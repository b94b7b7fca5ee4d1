// Security: hashed passwords, database sessions shared by instances, CSRF on writes, lockout, rate limit,
// and department scoping checked on the server.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { freshDatabase } from './helpers/backend.js';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '../src/auth/passwords.js';
import { buildApp } from '../src/server/app.js';
import { currentObservations } from '../src/store/observations.js';
import { createUser } from '../src/store/users.js';
import { tempDir } from './helpers/planFolder.js';
import { seededDatabase } from './helpers/store.js';
import { CLI_CWD } from './helpers/cli.js';

let store: Awaited<ReturnType<typeof seededDatabase>>;
let app: FastifyInstance;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  store = await seededDatabase();
  const hash = await hashPassword(PASSWORD);
  const planId = store.plan.meta.id;
  for (const [username, role, departmentId] of [
    ['admin1', 'admin', null],
    ['forestry1', 'reporter', 'lyj'],
    ['lechang1', 'reporter', 'lcs'],
    ['leader1', 'viewer', null],
    ['reviewer1', 'reviewer', 'sthjj'],
    ['victim1', 'reporter', 'swj'],
  ] as const)
    await createUser(store.db, { username, displayName: username, role, planId, departmentId, passwordHash: hash });
  // This instance signs in often from one address; the limit itself is tested on its own instance below.
  app = await buildApp({ db: store.db, webDir: '/nonexistent', loginRateLimit: 1000 });
});
afterAll(async () => {
  await app.close();
  await store.db.destroy();
});

async function login(username: string, password = PASSWORD, target = app, remoteAddress = '127.0.0.1') {
  const res = await target.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });
  const cookie = res.cookies.find((c) => c.name === 'ecoplan_session');
  return { res, cookie: cookie ? `ecoplan_session=${cookie.value}` : '', csrf: res.statusCode === 200 ? (res.json().csrfToken as string) : '' };
}

const post = (url: string, payload: object, s: { cookie: string; csrf: string } | null, target = app): Promise<LightMyRequestResponse> =>
  target.inject({ method: 'POST', url, payload, headers: s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {} });

const value = (indicator: number, region: string, v: string, extra: object = {}) => ({ indicator, region, year: 2024, value: v, source: '部门统计', ...extra });

describe('passwords', () => {
  it('are stored as salted scrypt hashes, never in clear', async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(PASSWORD + '!', a)).toBe(false);
    const rows = await store.db.selectFrom('users').select('password_hash').execute();
    expect(rows.every((r) => r.password_hash.startsWith('scrypt$') && !r.password_hash.includes(PASSWORD))).toBe(true);
  });

  it('must be long enough and not contain the user name', () => {
    expect(passwordProblem('short', 'x')?.zh).toBe('密码至少 10 个字符');
    expect(passwordProblem('zhangsan-2024!', 'zhangsan')?.en).toContain('user name');
    expect(passwordProblem('a sensible passphrase', 'zhangsan')).toBeNull();
  });
});

describe('sessions', () => {
  it('signs in with an HttpOnly cookie, answers /me, and signs out', async () => {
    const s = await login('forestry1');
    expect(s.res.statusCode).toBe(200);
    const set = s.res.cookies.find((c) => c.name === 'ecoplan_session')!;
    expect(set).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s.cookie } });
    expect(me.json().user).toMatchObject({ username: 'forestry1', role: 'reporter', departmentId: 'lyj' });
    expect((await post('/api/v1/auth/logout', {}, s)).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it('refuses a wrong password with one message for both unknown users and wrong passwords', async () => {
    const a = await login('forestry1', 'wrong password!');
    const b = await login('nobody-here', 'wrong password!');
    expect(a.res.statusCode).toBe(401);
    expect(b.res.json()).toEqual(a.res.json());
    expect(a.res.json().message).toBe('用户名或密码错误');
  });

  it('are kept in the database, so a second server instance accepts them', async () => {
    const s = await login('reviewer1');
    const other = await buildApp({ db: store.db, webDir: '/nonexistent' });
    try {
      const me = await other.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s.cookie } });
      expect(me.json().user.username).toBe('reviewer1');
      const stored = await store.db.selectFrom('sessions').selectAll().execute();
      // The table holds hashes of the tokens, not the tokens.
      expect(stored.some((r) => s.cookie.endsWith(r.token_hash))).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('slows down the address that guesses, with growing waits, and never locks the account out for its owner', async () => {
    const attacker = '203.0.113.7';
    const owner = '198.51.100.20';
    // Three free failures of one name from one address, then a wait before the next attempt is even checked.
    for (let i = 0; i < 3; i++) expect((await login('victim1', 'not the password', app, attacker)).res.statusCode).toBe(401);
    const held = await login('victim1', PASSWORD, app, attacker);
    expect(held.res.statusCode).toBe(429);
    expect(held.res.json()).toMatchObject({ code: 'LOGIN_THROTTLED', message: '登录失败次数过多，请 2 秒后再试', messageEn: 'too many failed sign-ins; try again in 2 s' });
    expect(held.res.headers['retry-after']).toBe('2');
    // The owner, from elsewhere, signs in at once: there is no lock an attacker controls.
    expect((await login('victim1', PASSWORD, app, owner)).res.statusCode).toBe(200);
    // Each further failure doubles the wait (the waits are made to have passed by moving them into the past).
    const elapse = () => store.db.updateTable('login_throttle').set({ next_at: new Date(0).toISOString() }).execute();
    const waits: string[] = [];
    for (let i = 0; i < 3; i++) {
      await elapse();
      expect((await login('victim1', 'not the password', app, attacker)).res.statusCode).toBe(401);
      waits.push(String((await login('victim1', 'not the password', app, attacker)).res.headers['retry-after']));
    }
    expect(waits).toEqual(['4', '8', '16']);
    const log = await store.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'login.failed').where('ip', '=', attacker).execute();
    expect(log).toHaveLength(6);
    // A successful sign-in from the attacker's address (it was the owner after all) clears that name's count there.
    await elapse();
    expect((await login('victim1', PASSWORD, app, attacker)).res.statusCode).toBe(200);
    expect((await login('victim1', 'not the password', app, attacker)).res.statusCode).toBe(401);
  });

  it('answers an unknown name exactly as a wrong password, throttled or not', async () => {
    const a = '192.0.2.10';
    const b = '192.0.2.11';
    const known: LightMyRequestResponse[] = [];
    const unknown: LightMyRequestResponse[] = [];
    for (let i = 0; i < 5; i++) {
      known.push((await login('forestry1', 'not the password', app, a)).res);
      unknown.push((await login('no-such-user', 'not the password', app, b)).res);
    }
    expect(known.map((r) => r.statusCode)).toEqual([401, 401, 401, 429, 429]);
    expect(unknown.map((r) => r.statusCode)).toEqual(known.map((r) => r.statusCode));
    expect(unknown.map((r) => r.body)).toEqual(known.map((r) => r.body));
    expect(unknown.map((r) => r.headers['retry-after'])).toEqual(known.map((r) => r.headers['retry-after']));
    // A disabled account too.
    await store.db.updateTable('users').set({ disabled: 1 }).where('username', '=', 'leader1').execute();
    const disabled = await login('leader1', PASSWORD, app, '192.0.2.12');
    await store.db.updateTable('users').set({ disabled: 0 }).where('username', '=', 'leader1').execute();
    expect(disabled.res.statusCode).toBe(401);
    expect(disabled.res.body).toBe(known[0]!.body);
  });

  it('takes about as long for an unknown name as for a wrong password (both check a scrypt hash)', async () => {
    // Interleaved pairs from fresh addresses (no throttle); medians, and a wide bound for a busy machine: the fault
    // this guards against was 4 ms against 130 ms.
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 7; i++) {
      for (const [name, into] of [['forestry1', times.known], ['no-such-user', times.unknown]] as const) {
        const t0 = performance.now();
        expect((await login(name, 'not the password', app, `192.0.2.${100 + i * 2 + (name === 'forestry1' ? 0 : 1)}`)).res.statusCode).toBe(401);
        into.push(performance.now() - t0);
      }
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const ratio = median(times.unknown) / median(times.known);
    expect(ratio).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);
  });

  it('rate-limits sign-in attempts from one address', async () => {
    const limited = await buildApp({ db: store.db, webDir: '/nonexistent' });
    try {
      const codes: number[] = [];
      // Different names from an address of its own: the per-address limit, not the sign-in throttle, answers.
      for (let i = 0; i < 12; i++) codes.push((await login(`nobody-${i}`, 'whatever pass', limited, '192.0.2.200')).res.statusCode);
      expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
      expect(codes.slice(10)).toEqual([429, 429]);
      const limitedBody = (await login('nobody', 'whatever pass', limited, '192.0.2.200')).res.json();
      expect(limitedBody).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试（每分钟最多 10 次）' });
    } finally {
      await limited.close();
    }
  });

  it('refuses a cross-site sign-in (login CSRF)', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin1', password: PASSWORD }, headers: { origin: 'https://evil.example', host: 'localhost:80' } });
    expect(res.statusCode).toBe(403);
  });
});

describe('writes', () => {
  it('need a session and the CSRF token', async () => {
    expect((await post('/api/v1/plans/default/observations', value(13, '440200', '74.7'), null)).statusCode).toBe(401);
    const s = await login('forestry1');
    const noToken = await app.inject({ method: 'POST', url: '/api/v1/plans/default/observations', payload: value(13, '440200', '74.7'), headers: { cookie: s.cookie } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('CSRF_FAILED');
    const wrong = await post('/api/v1/plans/default/observations', value(13, '440200', '74.7'), { cookie: s.cookie, csrf: s.csrf.slice(1) + 'x' });
    expect(wrong.statusCode).toBe(403);
  });

  it('are scoped to the reporter’s department: a user cannot touch another department’s indicators', async () => {
    const forestry = await login('forestry1');
    const ok = await post('/api/v1/plans/default/observations', value(13, '440200', '74.7'), forestry);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'provisional', inserted: 1 });
    // 8 PM2.5 belongs to 市生态环境局, not 市林业局.
    const other = await post('/api/v1/plans/default/observations', value(8, '440200', '23'), forestry);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'OUT_OF_SCOPE', message: '无权填报指标 8（行政区 440200）：不属于本单位的填报范围' });
    // A county government reports for its own county only.
    const lechang = await login('lechang1');
    expect((await post('/api/v1/plans/default/observations', value(30, '440281', '96'), lechang)).statusCode).toBe(200);
    expect((await post('/api/v1/plans/default/observations', value(30, '440282', '96'), lechang)).statusCode).toBe(403);
    // A viewer writes nothing.
    const leader = await login('leader1');
    expect((await post('/api/v1/plans/default/observations', value(13, '440200', '74.8'), leader)).json().code).toBe('FORBIDDEN');
    const stored = await currentObservations(store.db, store.plan.meta.id);
    expect(stored.map((o) => `${o.indicatorCode}|${o.regionCode}|${o.status}|${o.recordedBy}`).sort()).toEqual(['13|440200|provisional|forestry1', '30|440281|provisional|lechang1']);
  });

  it('validate the value and need a reason to change one', async () => {
    const reviewer = await login('reviewer1');
    const bad = await post('/api/v1/plans/default/observations', value(8, '440200', 'abc'), reviewer);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('数值：数值“abc”不是数字');
    expect((await post('/api/v1/plans/default/observations', value(8, '440200', '23'), reviewer)).json()).toMatchObject({ status: 'approved', inserted: 1 });
    const change = await post('/api/v1/plans/default/observations', value(8, '440200', '24'), reviewer);
    expect(change.statusCode).toBe(409);
    expect(change.json().code).toBe('REASON_REQUIRED');
    expect((await post('/api/v1/plans/default/observations', value(8, '440200', '24', { reason: '监测站数据复核' }), reviewer)).json()).toMatchObject({ versioned: 1 });
    const evaluation = await app.inject({ method: 'GET', url: '/api/v1/plans/default/evaluation?year=2024' });
    expect(evaluation.json().indicators.find((e: { code: number }) => e.code === 8).value.valueText).toBe('24');
  });
});

describe('user administration', () => {
  it('lets only an administrator create users, with checked passwords and departments', async () => {
    const admin = await login('admin1');
    const reviewer = await login('reviewer1');
    const body = { username: 'newreporter', displayName: '新填报员', role: 'reporter', departmentId: 'swj', password: 'a good long passphrase' };
    expect((await post('/api/v1/users', body, reviewer)).statusCode).toBe(403);
    expect((await post('/api/v1/users', { ...body, password: 'short' }, admin)).json().code).toBe('WEAK_PASSWORD');
    expect((await post('/api/v1/users', { ...body, departmentId: 'nope' }, admin)).json().code).toBe('UNKNOWN_DEPARTMENT');
    expect((await post('/api/v1/users', body, admin)).json().user).toMatchObject({ username: 'newreporter', role: 'reporter', departmentId: 'swj' });
    expect((await post('/api/v1/users', body, admin)).statusCode).toBe(409);
    expect((await login('newreporter', 'a good long passphrase')).res.statusCode).toBe(200);
  });

  it('changes a password and ends the old sessions', async () => {
    const s = await login('leader1');
    const res = await post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'another long passphrase' }, s);
    expect(res.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
    expect((await login('leader1')).res.statusCode).toBe(401);
    expect((await login('leader1', 'another long passphrase')).res.statusCode).toBe(200);
  });
});

const BIN = resolve(import.meta.dirname, '../bin/ecoplan.js');
describe('ecoplan user', () => {
  it('creates users from the command line with a one-time password, and there are none by default', () => {
    const db = join(tempDir(), 'u.db');
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: CLI_CWD, encoding: 'utf8', timeout: 60_000 });
    expect(run('user', 'list', '--db', db).stdout).toContain('尚无用户');
    const added = run('user', 'add', '--username', 'zhang', '--role', 'reporter', '--department', '市林业局', '--db', db);
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/初始密码.*: \S{16}/);
    expect(run('user', 'add', '--username', 'lisi', '--role', 'reporter', '--db', db).stderr).toContain('填报员须用 --department');
    expect(run('user', 'list', '--db', db).stdout).toMatch(/zhang\s+reporter\s+市林业局/);
  });
});

describe('audit log', () => {
  it('is hash-chained, and ecoplan audit verify names an edited or deleted entry', async () => {
    const { openDatabase } = await import('../src/store/db.js');
    const { audit, verifyAuditChain } = await import('../src/store/users.js');
    // Either engine (helpers/backend.ts): the chain is written through the store and tampered with by plain SQL.
    const db = await freshDatabase();
    const opened = await openDatabase(db);
    for (const action of ['login', 'observation.record', 'user.create', 'login']) await audit(opened.db, { userId: 'u1', action, entity: 'user', entityId: 'x' });
    expect(await verifyAuditChain(opened.db)).toEqual({ entries: 4, problem: null });
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: CLI_CWD, encoding: 'utf8', timeout: 60_000 });
    expect(run('audit', 'verify', '--db', db).stdout).toContain('审计日志完整：4 条');
    await opened.db.updateTable('audit_log').set({ action: 'login.failed' }).where('seq', '=', 2).execute();
    const edited = run('audit', 'verify', '--db', db);
    expect(edited.status).toBe(1);
    expect(edited.stderr).toContain('第 2 条（login.failed');
    expect(edited.stderr).toContain('被改动');
    await opened.db.updateTable('audit_log').set({ action: 'observation.record' }).where('seq', '=', 2).execute();
    await opened.db.deleteFrom('audit_log').where('seq', '=', 3).execute();
    await opened.db.destroy();
    expect(run('audit', 'verify', '--db', db).stderr).toContain('缺少第 3 条');
  });
});
