// Several server instances on one PostgreSQL database: two `ecoplan serve` processes, as behind
// a reverse proxy. A user signed in on one continues on the other mid-session (sessions and CSRF tokens are in the
// database); a reviewer approves on one while the other serves the dashboard, which then shows the approved value
// (its caches follow the database, not this process's writes); rate-limit counters are shared (a client cannot
// get the limit twice by alternating instances); audited writes through both instances at once leave one intact
// audit chain. PostgreSQL project only: it needs the test cluster.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashPassword } from '../../src/auth/passwords.js';
import { readPlanFolder } from '../../src/planfolder/read.js';
import { openDatabase } from '../../src/store/db.js';
import { seedPlan } from '../../src/store/plans.js';
import { createUser } from '../../src/store/users.js';
import { BIN, serveUntilReady } from '../helpers/cli.js';
import { SHAOGUAN_DIR, tempDir } from '../helpers/planFolder.js';
import { createDatabase } from '../helpers/postgres.js';

const PASSWORD = 'correct horse battery';
const RATE_LIMIT = 6;
const env = { ...process.env, ECOPLAN_AUDIT_KEYS: `k1:${randomBytes(32).toString('base64')}`, ECOPLAN_COMPUTE_RATE_LIMIT: String(RATE_LIMIT), ECOPLAN_WORKERS: '1', LOG_LEVEL: 'warn' };
delete (env as Record<string, string | undefined>).DATABASE_URL;

interface Instance {
  base: string;
  child: ChildProcess;
}

const serve = (url: string): Promise<Instance> => serveUntilReady(url, env, 'ecoplan-instance-');

let url: string;
let a: Instance;
let b: Instance;

beforeAll(async () => {
  url = await createDatabase(inject('pgAdminUrl'));
  const { db } = await openDatabase(url);
  const folder = readPlanFolder(SHAOGUAN_DIR);
  if (!folder.result.ok) throw new Error('plan folder invalid');
  await seedPlan(db, folder.result.plan, folder.contentHash, { isDefault: true, schemes: folder.schemes, boundaries: folder.boundaries });
  const passwordHash = await hashPassword(PASSWORD);
  const planId = folder.result.plan.meta.id;
  for (const [username, role, departmentId] of [['admin', 'admin', null], ['reviewer', 'reviewer', 'sthjj'], ['forestry', 'reporter', 'lyj'], ['leader', 'viewer', null]] as const)
    await createUser(db, { username, displayName: username, role, planId, departmentId, passwordHash });
  await db.destroy();
  [a, b] = await Promise.all([serve(url), serve(url)]);
}, 240_000);

afterAll(async () => {
  for (const i of [a, b])
    if (i && i.child.exitCode === null) {
      const exited = new Promise((ok) => i.child.once('exit', ok));
      i.child.kill('SIGTERM');
      await exited;
    }
});

type Session = { cookie: string; csrf: string };
async function signIn(on: Instance, username: string): Promise<Session> {
  const res = await fetch(`${on.base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = /ecoplan_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}
const call = (on: Instance, s: Session | null, method: string, path: string, body?: unknown) =>
  fetch(`${on.base}${path}`, { method, headers: { ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });

const T = '/api/v1/plans/default/rounds/2024/tasks';

describe('two server instances on one PostgreSQL database', () => {
  it('moves a user between instances mid-session, and the dashboard of one shows an approval made on the other', async () => {
    const admin = await signIn(a, 'admin');
    expect((await call(b, admin, 'POST', '/api/v1/plans/default/rounds', { year: 2024, deadline: '2025-03-31' })).status).toBe(200);
    // Signed in on A; every later request of the reporter goes to B, with A's cookie and CSRF token.
    const forestry = await signIn(a, 'forestry');
    const me = await call(b, forestry, 'GET', '/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { username: 'forestry' } });
    const task = `${T}/13/440200/value`;
    expect(await (await call(b, forestry, 'PUT', task, { value: '74.72', source: '省林业局发布' })).json()).toMatchObject({ status: 'draft' });
    // 13 is binding: evidence first (a multipart upload to B).
    const form = new FormData();
    form.append('file', new Blob([Buffer.concat([Buffer.from('%PDF-1.7\n% 森林资源公报\n'), Buffer.alloc(200, 32)])]), '森林资源公报.pdf');
    const up = await fetch(`${b.base}${task}/evidence`, { method: 'POST', headers: { cookie: forestry.cookie, 'x-csrf-token': forestry.csrf }, body: form });
    expect(up.status, await up.clone().text()).toBe(200);
    expect(await (await call(b, forestry, 'POST', `${task}/submit`)).json()).toEqual({ status: 'submitted' });

    // The leader's dashboard is served by B (and kept in B's caches) before the approval.
    const leader = await signIn(b, 'leader');
    const indicator13 = async () => {
      const ev = (await (await call(b, leader, 'GET', '/api/v1/plans/default/evaluation?year=2024')).json()) as { indicators: { code: number; value: { valueText: string } | null; status: string }[] };
      return ev.indicators.find((i) => i.code === 13);
    };
    expect((await indicator13())?.value?.valueText).not.toBe('74.72');

    // Approved on A…
    const reviewer = await signIn(a, 'reviewer');
    expect(await (await call(a, reviewer, 'POST', `${task}/review`, { action: 'approve' })).json()).toEqual({ status: 'approved' });
    // …and B's dashboard shows it (B learns of it from the database, not from its own writes).
    await expect.poll(async () => (await indicator13())?.value?.valueText).toBe('74.72');
    expect(await indicator13()).toMatchObject({ status: 'attained' });

    // Signing out on B ends the session on A too.
    expect((await call(b, forestry, 'POST', '/api/v1/auth/logout')).status).toBeLessThan(300);
    expect((await call(a, forestry, 'GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('shares rate-limit counters: alternating instances does not double the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT + 1; i++) statuses.push((await fetch(`${(i % 2 ? b : a).base}/api/v1/monitoring/water/annual?year=2024`)).status);
    expect(statuses.slice(0, RATE_LIMIT).every((s) => s !== 429)).toBe(true);
    expect(statuses[RATE_LIMIT]).toBe(429);
  });

  it('keeps one intact audit chain when both instances write at once', async () => {
    // A round of its own (this test does not depend on the first one).
    const admin = await signIn(b, 'admin');
    expect((await call(b, admin, 'POST', '/api/v1/plans/default/rounds', { year: 2023, deadline: '2024-03-31' })).status).toBe(200);
    const [onA, onB] = await Promise.all([signIn(a, 'forestry'), signIn(b, 'forestry')]);
    // Five rounds of saves of three tasks through both instances at once: 30 audited writes racing for the chain's head.
    const saves = [1, 2, 3, 4, 5].flatMap((n) => [13, 14, 21].flatMap((code) => [a, b].map((on, k) => call(on, k ? onB : onA, 'PUT', `/api/v1/plans/default/rounds/2023/tasks/${code}/440200/value`, { value: `${60 + k}.${n}`, source: '林业统计' }))));
    const answers = await Promise.all(saves.map(async (r) => `${(await r).status} ${await (await r).text()}`));
    expect(answers.filter((x) => !x.startsWith('200 ')), answers.join('\n')).toEqual([]);
    const verify = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--db', url], { cwd: tempDir(), env, encoding: 'utf8', timeout: 120_000 });
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stdout).toContain('审计日志完整');
  });
});

describe('the audit chain under concurrent writers', () => {
  it('stays one chain when two connection pools (two instances) append at once', async () => {
    const { audit, verifyAuditChain } = await import('../../src/store/users.js');
    const target = await createDatabase(inject('pgAdminUrl'));
    const [one, two] = [await openDatabase(target), await openDatabase(target)];
    await Promise.all(Array.from({ length: 60 }, (_, i) => audit((i % 2 ? two : one).db, { userId: 'u', action: 'test.append', entity: 'test', entityId: String(i) })));
    expect(await verifyAuditChain(one.db)).toEqual({ entries: 60, problem: null });
    await Promise.all([one.db.destroy(), two.db.destroy()]);
  });
});
