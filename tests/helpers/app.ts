// API tests: a seeded database with accounts, the app over it, and a signed-in session per account.
import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../src/auth/passwords.js';
import { buildApp, type AppOptions } from '../../src/server/app.js';
import type { Role } from '../../src/store/schema.js';
import { createUser } from '../../src/store/users.js';
import { readPlanFolder } from '../../src/planfolder/read.js';
import { seedPlan } from '../../src/store/plans.js';
import { EXAMPLE_COUNTY_DIR } from './planFolder.js';
import { seededDatabase } from './store.js';

export const TEST_PASSWORD = 'correct horse battery';

export type Session = { cookie: string; csrf: string } | null;
export type Account = readonly [username: string, role: Role, departmentId: string | null];

/** The accounts most API tests use: one per role, reporters of three departments (林业局, 水务局, 乐昌市). */
export const STANDARD_ACCOUNTS: readonly Account[] = [
  ['admin', 'admin', null],
  ['reviewer', 'reviewer', 'sthjj'],
  ['forestry', 'reporter', 'lyj'],
  ['water', 'reporter', 'swj'],
  ['lechang', 'reporter', 'lcs'],
  ['leader', 'viewer', null],
];

export async function signInTo(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  const cookie = res.cookies.find((c) => c.name === 'ecoplan_session');
  if (!cookie) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  return { cookie: `ecoplan_session=${cookie.value}`, csrf: res.json().csrfToken as string };
}

/** A seeded database with the accounts, the app over it (no cache delay) and every account signed in; `anonymous` is null. */
export async function appWithAccounts(accounts: readonly Account[] = STANDARD_ACCOUNTS, options: Partial<AppOptions> = {}) {
  const store = await seededDatabase();
  const hash = await hashPassword(TEST_PASSWORD);
  for (const [username, role, departmentId] of accounts)
    await createUser(store.db, { username, displayName: username, role, planId: store.plan.meta.id, departmentId, passwordHash: hash });
  const app = await buildApp({ db: store.db, webDir: '/nonexistent', loginRateLimit: 1000, revisionTtlMs: 0, ...options });
  const sessions: Record<string, Session> = { anonymous: null };
  for (const [username] of accounts) sessions[username] = await signInTo(app, username);
  return {
    store,
    app,
    sessions,
    close: async () => {
      await app.close();
      await store.db.destroy();
    },
  };
}

/** An account of a named plan: username, role, plan id, department. */
export type PlanAccount = readonly [username: string, role: Role, planId: string, departmentId: string | null];

/**
 * Shaoguan's plan (the default) and the repository's synthetic county plan in one database, the accounts given
 * (each of one plan), the app over it and every account signed in.
 */
export async function appWithCountyPlan(accounts: readonly PlanAccount[], options: Partial<AppOptions> = {}) {
  const store = await seededDatabase();
  const folder = readPlanFolder(EXAMPLE_COUNTY_DIR);
  if (!folder.result.ok) throw new Error(JSON.stringify(folder.result.problems.slice(0, 3)));
  await seedPlan(store.db, folder.result.plan, folder.contentHash, { isDefault: false, schemes: folder.schemes, boundaries: folder.boundaries });
  const hash = await hashPassword(TEST_PASSWORD);
  for (const [username, role, planId, departmentId] of accounts) await createUser(store.db, { username, displayName: username, role, planId, departmentId, passwordHash: hash });
  const app = await buildApp({ db: store.db, webDir: '/nonexistent', loginRateLimit: 1000, revisionTtlMs: 0, ...options });
  const sessions: Record<string, Session> = {};
  for (const [username] of accounts) sessions[username] = await signInTo(app, username);
  return { store, app, sessions };
}
