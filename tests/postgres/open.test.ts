// Choosing PostgreSQL: --db postgres://… on a command, DATABASE_URL when --db is not given (--db wins),
// and every way of getting it wrong — an invalid URL, a server that does not answer, a wrong password, a database
// that does not exist, a database of a newer schema — answered in Chinese and English, exit code 1, nothing
// written, the password never printed. PostgreSQL project only (vitest.config.ts): it needs the test cluster.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { connectPostgres } from '../../src/store/postgres.js';
import { insertHours, storedHours } from '../helpers/airHours.js';
import { BIN } from '../helpers/cli.js';
import { tempDir } from '../helpers/planFolder.js';
import { createDatabase, PG_PASSWORD } from '../helpers/postgres.js';

const run = (args: string[], env: Record<string, string> = {}, cwd = tempDir('ecoplan-pg-cwd-')) => {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...base, ...env } });
  return { ...r, cwd };
};
const withUrl = (url: string, change: (u: URL) => void) => {
  const u = new URL(url);
  change(u);
  return u.toString();
};

/** Tables of the public schema and the migration rows: what "nothing written" compares. */
async function fingerprint(url: string): Promise<string> {
  const db = connectPostgres(url);
  try {
    const { rows } = await sql<{ t: string | null }>`select string_agg(table_name, ',' order by table_name) as t from information_schema.tables where table_schema = 'public'`.execute(db);
    const m = rows[0]!.t?.includes('kysely_migration') ? (await sql<{ m: string }>`select string_agg(name, ',' order by name) as m from kysely_migration`.execute(db)).rows[0]!.m : '';
    return `${rows[0]!.t ?? ''}|${m}`;
  } finally {
    await db.destroy();
  }
}

describe('choosing PostgreSQL', () => {
  it('runs a command on a PostgreSQL database given by --db, or by DATABASE_URL when --db is absent', async () => {
    const url = await createDatabase(inject('pgAdminUrl'));
    const viaOption = run(['user', 'list', '--db', url]);
    expect(viaOption.status, viaOption.stderr).toBe(0);
    expect(viaOption.stdout).toContain('尚无用户');
    expect(readdirSync(viaOption.cwd)).toEqual([]); // no SQLite file, no "postgres:" folder
    expect(await fingerprint(url)).toContain('kysely_migration');

    const viaEnv = run(['user', 'add', '--username', 'liming', '--role', 'viewer'], { DATABASE_URL: url });
    expect(viaEnv.status, viaEnv.stderr).toBe(0);
    expect(readdirSync(viaEnv.cwd)).toEqual([]);
    expect(run(['user', 'list', '--db', url]).stdout).toMatch(/liming\s+viewer/);

    // --db wins over DATABASE_URL: the file is used, the PostgreSQL database is not touched.
    const file = join(tempDir(), 'own.db');
    const both = run(['user', 'list', '--db', file], { DATABASE_URL: url });
    expect(both.status, both.stderr).toBe(0);
    expect(both.stdout).toContain('尚无用户');
    expect(existsSync(file)).toBe(true);
  });

  it('refuses an invalid URL without creating anything (no folder named "postgres:")', () => {
    const r = run(['user', 'list', '--db', 'postgres://']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('数据库地址无效');
    expect(r.stderr).toContain('invalid database URL');
    expect(readdirSync(r.cwd)).toEqual([]);
  });

  it('names an unreachable server, a wrong password and a missing database, in both languages, never printing the password', async () => {
    const admin = inject('pgAdminUrl');
    const url = await createDatabase(admin);
    // A port nothing listens on: the cluster's own port plus one is not ours, so ask the kernel for a free one.
    const { createServer } = await import('node:net');
    const port = await new Promise<number>((ok) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => ok(p));
      });
    });
    const down = run(['user', 'list', '--db', withUrl(url, (u) => (u.port = String(port)))]);
    expect(down.status).toBe(1);
    expect(down.stderr).toContain('无法连接 PostgreSQL 服务器');
    expect(down.stderr).toContain('cannot reach the PostgreSQL server');

    const wrong = run(['user', 'list', '--db', withUrl(url, (u) => (u.password = 'not-the-password-42'))]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('用户名或密码错误');
    expect(wrong.stderr).toContain('refused the user name or password');
    expect(wrong.stderr).not.toContain('not-the-password-42');
    expect(wrong.stderr).toContain('***');

    const missing = run(['user', 'list', '--db', withUrl(url, (u) => (u.pathname = '/no_such_database'))]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('没有这个数据库');
    expect(missing.stderr).toContain('does not exist');
    expect(missing.stderr).not.toContain(PG_PASSWORD);
    // Nothing was written to the database whose URL was mistyped.
    expect(await fingerprint(url)).toBe('|');
  });

  it('refuses a database of a newer schema and leaves it untouched', async () => {
    const url = await createDatabase(inject('pgAdminUrl'));
    const opened = await openDatabase(url);
    await sql`insert into kysely_migration (name, timestamp) values ('0099_future', '2030-01-01T00:00:00Z')`.execute(opened.db);
    await opened.db.destroy();
    const before = await fingerprint(url);
    const r = run(['user', 'add', '--username', 'wang', '--role', 'viewer', '--db', url]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('较新版本');
    expect(r.stderr).toContain('0099_future');
    expect(r.stderr).toContain('newer ecoplan');
    expect(await fingerprint(url)).toBe(before);
    const check = connectPostgres(url);
    expect(await check.selectFrom('users').selectAll().execute()).toEqual([]);
    await check.destroy();
  });

  it('keeps hourly air data in the partition of its year', async () => {
    const opened = await openDatabase(await createDatabase(inject('pgAdminUrl')));
    const db = opened.db;
    const now = new Date().toISOString();
    await db.insertInto('air_stations').values({ code: 'P1', name: '测试站', region_code: null, region_method: null, lon: null, lat: null, level: 'city', uncertain: 0, source: 'test', note: null, is_demo: 0, created_at: now }).execute();
    // Hours are labelled by their end: '2020-01-01T00' is the last hour of 2019-12-31, a day of 2019.
    await insertHours(db, ['2019-12-31T23', '2020-01-01T00', '2024-03-01T05', '2024-12-31T23', '1999-06-01T01'].map((hour) => ({ station_code: 'P1', hour, pm25: 12.5, import_id: 'x' })));
    const { rows } = await sql<{ part: string; n: number }>`select tableoid::regclass::text as part, count(*) as n from air_days group by 1 order by 1`.execute(db);
    expect(rows).toEqual([
      { part: 'air_days_2019', n: 1 },
      { part: 'air_days_2024', n: 2 },
      { part: 'air_days_other', n: 1 },
    ]);
    expect((await storedHours(db)).map((h) => h.hour)).toEqual(['1999-06-01T01', '2019-12-31T23', '2020-01-01T00', '2024-03-01T05', '2024-12-31T23']);
    await db.destroy();
  });
});
