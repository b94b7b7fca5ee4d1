// Issue 14, finding 7: while another process writes (a long import from the command line), the server answers a
// write it cannot make with 503 DATABASE_BUSY, Retry-After and a message in both languages — never a 500 or a stack
// trace — and a command that cannot get the write lock says so clearly. The other writer is real: a second
// connection to the same database holding its write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction holding
// the advisory lock every ecoplan transaction takes). Runs on both engines (vitest.config.ts).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setBusyTimeout } from '../src/store/db.js';
import { WRITE_LOCK } from '../src/store/postgres.js';
import { appWithAccounts } from './helpers/app.js';
import { BACKEND } from './helpers/backend.js';
import { tempDir } from './helpers/planFolder.js';

const BIN = resolve(import.meta.dirname, '../bin/ecoplan.js');
let ctx: Awaited<ReturnType<typeof appWithAccounts>>;

/** Another connection to the database, holding the write lock until released. */
async function holdWriteLock(location: string): Promise<() => Promise<void>> {
  if (BACKEND === 'postgres') {
    const other = new pg.Client({ connectionString: location });
    await other.connect();
    await other.query('begin');
    await other.query(`select pg_advisory_xact_lock(${WRITE_LOCK})`);
    return async () => {
      await other.query('rollback');
      await other.end();
    };
  }
  const other = new SQLite(location);
  other.prepare('begin immediate').run();
  return async () => {
    other.prepare('rollback').run();
    other.close();
  };
}

beforeAll(async () => {
  ctx = await appWithAccounts();
  // As the server sets it (serve.ts), shortened: the test waits on the lock's state, not on time.
  await setBusyTimeout(ctx.store.db, 100);
});
afterAll(() => ctx?.close());

describe('a busy database', () => {
  it('answers a write 503 DATABASE_BUSY with Retry-After, in both languages, and takes it once the lock is gone', async () => {
    const s = ctx.sessions.admin!;
    const change = () =>
      ctx.app.inject({ method: 'PUT', url: '/api/v1/plans/default/projects/1', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { changes: { name: '韶关市生态保护修复工程（改）' }, reason: '并发测试 / concurrency test' } });
    const release = await holdWriteLock(ctx.store.location);
    let busy;
    try {
      busy = await change();
    } finally {
      await release();
    }
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('5');
    expect(busy.json()).toEqual({
      statusCode: 503,
      code: 'DATABASE_BUSY',
      message: '数据库正忙（可能有导入正在进行），本次操作未保存，请几秒后重试',
      messageEn: 'the database is busy (an import may be running); nothing was saved, please retry in a few seconds',
    });
    const after = await change();
    expect(after.statusCode, after.body).toBe(200);
    expect(after.json().project.name).toBe('韶关市生态保护修复工程（改）');
  });

  it('answers a sign-in 503 too, not 500, and reads go on', async () => {
    const release = await holdWriteLock(ctx.store.location);
    try {
      const login = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'reviewer', password: 'correct horse battery' } });
      expect(login.statusCode).toBe(503);
      expect(login.json().code).toBe('DATABASE_BUSY');
      expect((await ctx.app.inject({ url: '/api/v1/plans/default/indicators' })).statusCode).toBe(200);
    } finally {
      await release();
    }
  });

  it('makes a command that cannot get the write lock say so, without a stack trace, and write nothing', async () => {
    const csv = join(tempDir(), 'hours.csv');
    writeFileSync(csv, 'station,time,PM2.5\n1669A,2024-01-01 01:00,30\n');
    const release = await holdWriteLock(ctx.store.location);
    let res;
    try {
      res = spawnSync(process.execPath, [BIN, 'monitoring', 'import', csv, '--db', ctx.store.location], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ECOPLAN_BUSY_TIMEOUT_MS: '200' } });
    } finally {
      await release();
    }
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/正被另一个进程写入/);
    expect(res.stderr).toMatch(/another process/);
    expect(res.stderr).not.toMatch(/SqliteError|error: |\n\s+at /);
    expect(await ctx.store.db.selectFrom('air_days').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()).toEqual({ n: 0 });
  });
});
