// A PostgreSQL database whose administrator set statement_timeout and idle_in_transaction_session_timeout (ALTER
// DATABASE … SET, as DBAs do to protect a shared server): requests are held to them and a request they cut off is
// answered in both languages with nothing written; maintenance sessions (migrations, backup snapshot, restore, the
// bulk load of hourly data) run without them, so a long backup or restore is not aborted half-way. PostgreSQL only.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashPassword } from '../../src/auth/passwords.js';
import { buildApp } from '../../src/server/app.js';
import { openDatabase, isDatabaseTimeout, type OpenedDatabase } from '../../src/store/db.js';
import { seedPlan } from '../../src/store/plans.js';
import { pinnedTransaction, withPgTransaction } from '../../src/store/postgres.js';
import { createUser } from '../../src/store/users.js';
import { readPlanFolder } from '../../src/planfolder/read.js';
import { signInTo, TEST_PASSWORD } from '../helpers/app.js';
import { BIN, CLI_CWD } from '../helpers/cli.js';
import { SHAOGUAN_DIR, tempDir } from '../helpers/planFolder.js';
import { createDatabase } from '../helpers/postgres.js';

// Short enough to keep the test quick, long enough that the seeded server's own statements never reach it.
const LIMIT_MS = 500;

/** A connection that ignores the database's timeouts (start-up options win over ALTER DATABASE … SET). */
async function freeClient(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url, options: '-c statement_timeout=0 -c idle_in_transaction_session_timeout=0' });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

/** A connection as any client gets it: with the database's timeouts. */
async function plainClient(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined); // the server ends an idle-in-transaction session: expected below
  await c.connect();
  return c;
}

let url: string;
let opened: OpenedDatabase;

beforeAll(async () => {
  url = await createDatabase(inject('pgAdminUrl'));
  // Seed first, without the timeouts, then set them for every later session of this database.
  const seeding = await openDatabase(url);
  const folder = readPlanFolder(SHAOGUAN_DIR);
  if (!folder.result.ok) throw new Error('plan folder invalid');
  await seedPlan(seeding.db, folder.result.plan, folder.contentHash, { isDefault: true, schemes: folder.schemes, boundaries: folder.boundaries });
  const hash = await hashPassword(TEST_PASSWORD);
  await createUser(seeding.db, { username: 'reviewer', displayName: 'reviewer', role: 'reviewer', planId: folder.result.plan.meta.id, departmentId: 'sthjj', passwordHash: hash });
  await seeding.db.destroy();
  const name = new URL(url).pathname.slice(1);
  const admin = await freeClient(url);
  await admin.query(`alter database ${name} set statement_timeout = ${LIMIT_MS}`);
  await admin.query(`alter database ${name} set idle_in_transaction_session_timeout = ${LIMIT_MS}`);
  await admin.end();
  opened = await openDatabase(url);
});

afterAll(async () => {
  await opened?.db.destroy();
});

describe('a database with statement and idle-in-transaction timeouts', () => {
  it('holds an ordinary session to them (the control: without this the tests below would prove nothing)', async () => {
    const c = await plainClient(url);
    expect((await c.query('show statement_timeout')).rows[0].statement_timeout).toBe(`${LIMIT_MS}ms`);
    const slow = await c.query('select pg_sleep(1)').catch((e: unknown) => e);
    expect(isDatabaseTimeout(slow)).toBe(true);
    await c.query('begin');
    await sleep(3 * LIMIT_MS);
    // The server ended the session while it sat idle in its transaction.
    await expect(c.query('select 1')).rejects.toThrow();
    await c.end().catch(() => undefined);
  });

  it('a backup snapshot outlives both: idle while the file is written, and a statement longer than the limit', async () => {
    const t = await pinnedTransaction(url, 'snapshot');
    try {
      await sleep(3 * LIMIT_MS);
      await sql`select pg_sleep(1)`.execute(t.db);
      const { rows } = await sql<{ n: string | number }>`select count(*) as n from indicators`.execute(t.db);
      expect(Number(rows[0]!.n)).toBe(45);
    } finally {
      await t.rollback();
    }
  });

  it('a restore transaction outlives both', async () => {
    const t = await pinnedTransaction(url, 'write');
    try {
      await sleep(3 * LIMIT_MS);
      await sql`select pg_sleep(1)`.execute(t.db);
    } finally {
      await t.rollback();
    }
  });

  it('a bulk load of hourly data (COPY in a transaction) is not cut off, while the same statement on a request handle is', async () => {
    await withPgTransaction(opened.db, async (client) => {
      await client.query('select pg_sleep(1)');
      await sleep(3 * LIMIT_MS);
      await client.query('select 1');
    });
    const cut = await sql`select pg_sleep(1)`.execute(opened.db).catch((e: unknown) => e);
    expect(isDatabaseTimeout(cut)).toBe(true);
  });

  it('a request the timeout cuts off is answered 503 DATABASE_TIMEOUT in both languages, and works again after', async () => {
    const app = await buildApp({ db: opened.db, webDir: '/nonexistent', loginRateLimit: 1000, revisionTtlMs: 0 });
    try {
      const s = await signInTo(app, 'reviewer');
      const locker = await freeClient(url);
      try {
        // Another session holds the rounds table: the request's read waits until statement_timeout ends it.
        await locker.query('begin');
        await locker.query('lock table rounds in access exclusive mode');
        const res = await app.inject({ method: 'GET', url: '/api/v1/plans/default/rounds', headers: { cookie: s!.cookie } });
        expect(res.statusCode, res.body).toBe(503);
        expect(res.json()).toMatchObject({ code: 'DATABASE_TIMEOUT' });
        expect(res.json().message).toContain('statement_timeout');
        expect(res.json().message).toContain('未保存');
        expect(res.json().messageEn).toContain('nothing was saved');
        expect(res.headers['retry-after']).toBeDefined();
      } finally {
        await locker.query('rollback');
        await locker.end();
      }
      const again = await app.inject({ method: 'GET', url: '/api/v1/plans/default/rounds', headers: { cookie: s!.cookie } });
      expect(again.statusCode, again.body).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('backup and restore at the command line run under these settings, and the restore holds every row', () => {
    const env = { ...process.env, ECOPLAN_AUDIT_KEYS: `k1:${randomBytes(32).toString('base64')}`, LOG_LEVEL: 'warn' };
    delete (env as Record<string, string | undefined>).DATABASE_URL;
    const out = join(tempDir(), 'b.ecoplan-backup');
    const backup = spawnSync(process.execPath, [BIN, 'backup', '--db', url, '--out', out], { cwd: CLI_CWD, env, encoding: 'utf8', timeout: 300_000 });
    expect(backup.status, backup.stderr + backup.stdout).toBe(0);
    const target = join(tempDir(), 'restored.db');
    const restore = spawnSync(process.execPath, [BIN, 'restore', out, '--db', target], { cwd: CLI_CWD, env, encoding: 'utf8', timeout: 300_000 });
    expect(restore.status, restore.stderr + restore.stdout).toBe(0);
    const list = spawnSync(process.execPath, [BIN, 'user', 'list', '--db', target], { cwd: CLI_CWD, env, encoding: 'utf8', timeout: 120_000 });
    expect(list.stdout).toMatch(/reviewer\s+reviewer/);
  });
});
