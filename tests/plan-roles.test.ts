// Accounts hold roles per plan (issue 18): two plans in one database, accounts of each and one of both; every
// plan-scoped route checks the role in the plan it names, revoking a role ends access at once, an administrator of
// one plan cannot grant roles in another, and accounts made before roles were per plan keep working.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/passwords.js';
import { readPlanFolder } from '../src/planfolder/read.js';
import { buildApp } from '../src/server/app.js';
import { MIGRATIONS, openDatabase } from '../src/store/db.js';
import { seedPlan } from '../src/store/plans.js';
import type { Role } from '../src/store/schema.js';
import { createUser, grantRole } from '../src/store/users.js';
import { TEST_PASSWORD, signInTo, type Session } from './helpers/app.js';
import { BIN, CLI_CWD } from './helpers/cli.js';
import { brokenPlanFolder, SHAOGUAN_DIR, tempDir } from './helpers/planFolder.js';
import { seededDatabase } from './helpers/store.js';

const A = 'shaoguan-2021-2035';
const B = 'example-2021-2035';

/** A second plan: the same folder under another id, region code 990100 and name 示例市 (tests/plan-defaults.test.ts). */
function secondPlanFolder(): string {
  return brokenPlanFolder({
    'plan.yaml': (t) => t.replace(`id: ${A}`, `id: ${B}`).replace('region: "440200"', 'region: "990100"').replace(/^name: .*$/m, 'name: 示例市生态文明建设规划（2021-2035年）'),
    'regions.yaml': (t) => t.replaceAll('"440200"', '"990100"').replace('name: 韶关市, nameEn: Shaoguan', 'name: 示例市, nameEn: Example City'),
  });
}

async function seedSecondPlan(db: Awaited<ReturnType<typeof seededDatabase>>['db']) {
  const folder = readPlanFolder(secondPlanFolder());
  if (!folder.result.ok) throw new Error(JSON.stringify(folder.result.problems.slice(0, 3)));
  await seedPlan(db, folder.result.plan, folder.contentHash, { isDefault: false, schemes: folder.schemes });
}

// [username, [plan, role, department][]]
const ACCOUNTS: [string, [string, Role, string | null][]][] = [
  ['adminA', [[A, 'admin', null]]],
  ['adminB', [[B, 'admin', null]]],
  ['onlyA', [[A, 'reviewer', 'sthjj']]],
  ['onlyB', [[B, 'reviewer', 'sthjj']]],
  ['both', [[A, 'reviewer', 'sthjj'], [B, 'reporter', 'lyj']]],
];

let app: FastifyInstance;
let close: () => Promise<void>;
const s: Record<string, Session> = { anonymous: null };

beforeAll(async () => {
  const store = await seededDatabase();
  await seedSecondPlan(store.db);
  const hash = await hashPassword(TEST_PASSWORD);
  for (const [username, grants] of ACCOUNTS) {
    const [first, ...more] = grants;
    const u = await createUser(store.db, { username, displayName: username, role: first![1], planId: first![0], departmentId: first![2], passwordHash: hash });
    for (const [plan, role, departmentId] of more) await grantRole(store.db, u.id, plan, { role, departmentId }, { id: null, via: 'cli' });
  }
  app = await buildApp({ db: store.db, webDir: '/nonexistent', loginRateLimit: 1000, revisionTtlMs: 0 });
  for (const [username] of ACCOUNTS) s[username] = await signInTo(app, username);
  close = async () => {
    await app.close();
    await store.db.destroy();
  };
});
afterAll(() => close?.());

const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, who: Session, payload?: object) =>
  app.inject({ method, url, ...(payload ? { payload } : {}), headers: who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {} });
const observation = (region: string, v: string) => ({ indicator: 13, region, year: 2024, value: v, source: '部门统计' });

/** Every plan-scoped operation of the API (from its OpenAPI document), its path parameters filled with plausible values. */
async function planScopedOperations(planId: string) {
  await app.ready();
  const doc = (app as unknown as { swagger: () => { paths: Record<string, Record<string, unknown>> } }).swagger();
  const fill: Record<string, string> = { planId, year: '2024', code: '13', region: '990100', kind: 'value', no: '1', id: 'x', key: 'x', name: 'x', username: 'onlyB' };
  const ops: { method: string; url: string }[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/plans/{planId}/')) continue;
    const url = path.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(fill[p] ?? 'x'));
    for (const method of Object.keys(methods)) if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) ops.push({ method: method.toUpperCase(), url });
  }
  return ops;
}

describe('an account with roles in two plans', () => {
  it('is told both plans, with their names and its role in each', async () => {
    const res = await send('GET', '/api/v1/auth/session', s.both!);
    expect(res.json().user.roles).toEqual([
      { planId: B, planName: '示例市生态文明建设规划（2021-2035年）', planNameEn: expect.any(String), role: 'reporter', departmentId: 'lyj' },
      { planId: A, planName: '韶关市生态文明建设规划（2021-2035年）', planNameEn: expect.any(String), role: 'reviewer', departmentId: 'sthjj' },
    ]);
    // role/departmentId at the top are those of the default plan (A).
    expect(res.json().user).toMatchObject({ role: 'reviewer', planId: A, departmentId: 'sthjj' });
  });

  it('works in both, each with the role and department it holds there', async () => {
    // In A it reviews: any indicator, any region.
    expect((await send('POST', `/api/v1/plans/${A}/observations`, s.both!, observation('440200', '74.7'))).statusCode).toBe(200);
    expect((await send('GET', `/api/v1/plans/${A}/rounds`, s.both!)).statusCode).toBe(200);
    // In B it reports for 林业局 (indicator 13 is the forestry bureau's), under B's region code.
    const inB = await send('POST', `/api/v1/plans/${B}/observations`, s.both!, observation('990100', '74.8'));
    expect(inB.statusCode, inB.body).toBe(200);
    // As a reporter in B it may not open a round, which it could as a reviewer in A.
    expect((await send('POST', `/api/v1/plans/${B}/rounds`, s.both!, { year: 2031, deadline: '2031-03-31' })).json().code).toBe('FORBIDDEN');
  });
});

describe('an account of plan A in plan B', () => {
  it('is refused (403 or 404) every plan-scoped write of B, whatever it sends, even as A’s administrator', async () => {
    const writes = (await planScopedOperations(B)).filter((o) => o.method !== 'GET');
    expect(writes.length).toBeGreaterThan(40);
    for (const who of ['adminA', 'onlyA'] as const)
      for (const op of writes) {
        const res = await send(op.method as 'POST', op.url, s[who]!, {});
        expect([403, 404], `${who} ${op.method} ${op.url}: ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      }
    // The same writes by B's own administrator get past the role check (answers other than NO_ROLE_IN_PLAN).
    const sample = await send('POST', `/api/v1/plans/${B}/observations`, s.adminB!, observation('440203', '74.9'));
    expect(sample.statusCode, sample.body).toBe(200);
  });

  it('reads B as a visitor would: every plan-scoped read answers it as it answers someone signed out', async () => {
    const reads = (await planScopedOperations(B)).filter((o) => o.method === 'GET');
    for (const op of reads) {
      const [visitor, member] = [await send('GET', op.url, null), await send('GET', op.url, s.onlyA!)];
      // A visitor's 401 (sign in first) is the non-member's 403 (no role here); anything else is the same answer.
      const expected = visitor.statusCode === 401 ? 403 : visitor.statusCode;
      expect(member.statusCode, `GET ${op.url}: ${member.body.slice(0, 200)}`).toBe(expected);
    }
  });

  it('cannot see B’s unreviewed values, which B’s reviewer sees', async () => {
    const staff = `/api/v1/plans/${B}/evaluation?year=2024&view=staff`;
    expect((await send('GET', staff, s.onlyA!)).json().code).toBe('STAFF_VIEW_FORBIDDEN');
    expect((await send('GET', staff, s.onlyB!)).statusCode).toBe(200);
    expect((await send('GET', `/api/v1/plans/${B}/rounds`, s.onlyA!)).json().code).toBe('NO_ROLE_IN_PLAN');
    expect((await send('GET', `/api/v1/plans/${B}/rounds`, s.onlyB!)).statusCode).toBe(200);
  });
});

describe('user administration per plan', () => {
  it('lists the accounts holding a role in the plan, to its administrator only', async () => {
    const inB = await send('GET', `/api/v1/plans/${B}/users`, s.adminB!);
    expect(inB.json().users.map((u: { username: string; role: string }) => `${u.username}:${u.role}`)).toEqual(['adminB:admin', 'both:reporter', 'onlyB:reviewer']);
    expect((await send('GET', `/api/v1/plans/${B}/users`, s.adminA!)).statusCode).toBe(403);
    // /users is the default plan's.
    expect((await send('GET', '/api/v1/users', s.adminA!)).json().users.map((u: { username: string }) => u.username)).toEqual(['adminA', 'both', 'onlyA']);
    expect((await send('GET', '/api/v1/users', s.adminB!)).statusCode).toBe(403);
  });

  it('an administrator grants roles in its own plan, never in another', async () => {
    expect((await send('PUT', `/api/v1/plans/${A}/roles/onlyB`, s.adminB!, { role: 'viewer' })).json().code).toBe('NO_ROLE_IN_PLAN');
    const granted = await send('PUT', `/api/v1/plans/${B}/roles/onlyA`, s.adminB!, { role: 'viewer' });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json()).toMatchObject({ created: true, user: { username: 'onlyA', role: 'viewer', planId: B } });
    // The grant holds on onlyA's very next request in B, with the same session.
    expect((await send('GET', `/api/v1/plans/${B}/rounds`, s.onlyA!)).statusCode).toBe(200);
    expect((await send('PUT', `/api/v1/plans/${B}/roles/onlyA`, s.adminB!, { role: 'reporter' })).json().code).toBe('DEPARTMENT_REQUIRED');
    expect((await send('PUT', `/api/v1/plans/${B}/roles/onlyA`, s.adminB!, { role: 'reporter', departmentId: 'no-such' })).json().code).toBe('UNKNOWN_DEPARTMENT');
    expect((await send('DELETE', `/api/v1/plans/${B}/roles/onlyA`, s.adminB!)).statusCode).toBe(200);
  });

  it('revoking a role ends the account’s access to that plan at once, and only to that plan', async () => {
    expect((await send('GET', `/api/v1/plans/${B}/rounds`, s.both!)).statusCode).toBe(200);
    const revoked = await send('DELETE', `/api/v1/plans/${B}/roles/both?reason=${encodeURIComponent('调岗')}`, s.adminB!);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().user.roles.map((g: { planId: string }) => g.planId)).toEqual([A]);
    // Same session, next request.
    expect((await send('GET', `/api/v1/plans/${B}/rounds`, s.both!)).json().code).toBe('NO_ROLE_IN_PLAN');
    expect((await send('POST', `/api/v1/plans/${B}/observations`, s.both!, observation('990100', '75'))).json().code).toBe('NO_ROLE_IN_PLAN');
    expect((await send('GET', `/api/v1/plans/${A}/rounds`, s.both!)).statusCode).toBe(200);
    expect((await send('GET', '/api/v1/auth/me', s.both!)).json().user.roles.map((g: { planId: string }) => g.planId)).toEqual([A]);
    // Revoking B's last administrator, or one's own role, is refused.
    expect((await send('DELETE', `/api/v1/plans/${B}/roles/adminB`, s.adminB!)).json().code).toBe('OWN_ACCOUNT');
  });

  it('keeps a plan’s last administrator, and leaves account-wide changes to administrators of all its plans', async () => {
    const onlyBId = (await send('GET', `/api/v1/plans/${B}/users`, s.adminB!)).json().users.find((u: { username: string }) => u.username === 'onlyB').id as string;
    // Make onlyB hold a role in A too: adminB no longer administers all its plans, so may not disable it or reset its password.
    expect((await send('PUT', `/api/v1/plans/${A}/roles/onlyB`, s.adminA!, { role: 'viewer' })).statusCode).toBe(200);
    expect((await send('PATCH', `/api/v1/plans/${B}/users/${onlyBId}`, s.adminB!, { disabled: true })).json().code).toBe('OTHER_PLAN_ACCOUNT');
    expect((await send('POST', `/api/v1/plans/${B}/users/${onlyBId}/password-reset`, s.adminB!)).json().code).toBe('OTHER_PLAN_ACCOUNT');
    // Its role in B is B's to change.
    expect((await send('PATCH', `/api/v1/plans/${B}/users/${onlyBId}`, s.adminB!, { role: 'viewer' })).json()).toMatchObject({ user: { role: 'viewer', planId: B }, changed: ['role'] });
    expect((await send('DELETE', `/api/v1/plans/${A}/roles/onlyB`, s.adminA!)).statusCode).toBe(200);
  });
});

describe('the command line', () => {
  it('grants and revokes a role in a named plan, and lists each account’s roles', () => {
    const db = join(tempDir(), 'roles.db');
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args, '--db', db], { cwd: CLI_CWD, encoding: 'utf8', timeout: 60_000 });
    expect(run('plan', 'list').status).toBe(0); // creates the database with the default plan
    const load = run('plan', 'load', secondPlanFolder());
    expect(load.status, load.stderr).toBe(0);
    expect(run('user', 'add', '--username', 'zhao', '--role', 'viewer').status).toBe(0);
    const grant = run('user', 'grant', '--username', 'zhao', '--plan', B, '--role', 'reporter', '--department', 'lyj');
    expect(grant.status, grant.stderr).toBe(0);
    const list = run('user', 'list').stdout;
    expect(list).toMatch(new RegExp(`zhao\\s+reporter\\s+市林业局\\s+${B}\n`));
    expect(list).toMatch(new RegExp(`zhao\\s+viewer\\s+${A}\n`));
    expect(run('user', 'list', '--plan', B).stdout).toContain('zhao');
    const unknown = run('user', 'grant', '--username', 'zhao', '--plan', 'nope', '--role', 'viewer');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('没有规划“nope”');
    expect(run('user', 'revoke', '--username', 'zhao', '--plan', B).status).toBe(0);
    expect(run('user', 'list', '--plan', B).stdout).not.toContain('zhao');
  });
});

describe('accounts made before roles were per plan', () => {
  it('keep their role, department and password after migration 0022, and sign in as before', async () => {
    const path = join(tempDir(), 'old.db');
    // The database as the build before 0022 left it: users carry one role, department and plan.
    const raw = new Database(path);
    raw.pragma('foreign_keys = ON');
    const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
    const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0022'));
    const { error } = await new Migrator({ db: old, provider: { getMigrations: async () => before }, migrationTableName: 'kysely_migration' }).migrateToLatest();
    if (error) throw error;
    const folder = readPlanFolder(SHAOGUAN_DIR);
    if (!folder.result.ok) throw new Error('plan folder invalid');
    // Today's seed writes a column of a later migration (0025, indicators' measure): lent for the seed, then taken back.
    await sql`ALTER TABLE indicators ADD COLUMN measure text`.execute(old);
    await seedPlan(old as never, folder.result.plan, folder.contentHash, { isDefault: true });
    await sql`ALTER TABLE indicators DROP COLUMN measure`.execute(old);
    const hash = await hashPassword(TEST_PASSWORD);
    const at = '2026-01-01T00:00:00.000Z';
    for (const [id, username, role, planId, dept] of [
      ['u1', 'oldadmin', 'admin', A, null],
      ['u2', 'oldforest', 'reporter', A, 'lyj'],
      ['u3', 'noplan', 'viewer', null, null], // created before accounts named a plan: the default plan's
    ] as const)
      await sql`INSERT INTO users (id, username, display_name, password_hash, role, plan_id, department_id, created_at, password_changed_at) VALUES (${id}, ${username}, ${username}, ${hash}, ${role}, ${planId}, ${dept}, ${at}, ${at})`.execute(old);
    await old.destroy();

    const opened = await openDatabase(path);
    const migrated = buildApp({ db: opened.db, webDir: '/nonexistent', loginRateLimit: 1000, revisionTtlMs: 0 });
    const server = await migrated;
    try {
      const roles = await opened.db.selectFrom('user_plan_roles').select(['user_id', 'plan_id', 'role', 'department_id']).orderBy('user_id').execute();
      expect(roles).toEqual([
        { user_id: 'u1', plan_id: A, role: 'admin', department_id: null },
        { user_id: 'u2', plan_id: A, role: 'reporter', department_id: 'lyj' },
        { user_id: 'u3', plan_id: A, role: 'viewer', department_id: null },
      ]);
      const forest = await signInTo(server, 'oldforest');
      const me = await server.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: forest!.cookie } });
      expect(me.json().user).toMatchObject({ role: 'reporter', departmentId: 'lyj', planId: A });
      const write = (who: Session, region: string) =>
        server.inject({ method: 'POST', url: '/api/v1/plans/default/observations', payload: observation(region, '74.7'), headers: { cookie: who!.cookie, 'x-csrf-token': who!.csrf } });
      expect((await write(forest, '440200')).statusCode).toBe(200);
      const admin = await signInTo(server, 'oldadmin');
      expect((await server.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie: admin!.cookie } })).json().users).toHaveLength(3);
      const viewer = await signInTo(server, 'noplan');
      expect((await write(viewer, '440200')).json().code).toBe('FORBIDDEN');
    } finally {
      await server.close();
      await opened.db.destroy();
    }
  });
});
