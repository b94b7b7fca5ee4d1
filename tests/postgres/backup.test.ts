// `ecoplan backup` / `ecoplan restore` with PostgreSQL, at the command line (the built CLI): a SQLite deployment
// with a row in every table goes into PostgreSQL and back out into SQLite with every table the same (checked by
// checksums computed here, not by the command's), the restored databases answer evaluate / projects / carbon with
// the same JSON as the source, new writes work after a restore (identity sequences), a backup taken while a server
// writes to PostgreSQL holds each write wholly or not at all, and bad files or targets are refused in both
// languages with nothing written. PostgreSQL project only: it needs the test cluster.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import SQLite from 'better-sqlite3';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { damageDecimal, observationWriter, pgTableChecksums, SEED_BLOB, SEED_DECIMAL, seedBackupSource, tableChecksums } from '../helpers/backupData.js';
import { BIN, CLI_CWD, serveUntilReady } from '../helpers/cli.js';
import { tempDir } from '../helpers/planFolder.js';
import { createDatabase, PG_PASSWORD } from '../helpers/postgres.js';

// The audit keys from the environment, for every command: checkpoints verify whichever engine holds them.
const ENV = { ...process.env, ECOPLAN_AUDIT_KEYS: `k1:${randomBytes(32).toString('base64')}`, LOG_LEVEL: 'warn' };
delete (ENV as Record<string, string | undefined>).DATABASE_URL;

type Result = { status: number | null; stdout: string; stderr: string };
const run = (args: string[], input?: string): Result => spawnSync(process.execPath, [BIN, ...args], { cwd: CLI_CWD, env: ENV, encoding: 'utf8', input, timeout: 300_000, maxBuffer: 64 << 20 });
const runAsync = (args: string[]) =>
  new Promise<Result>((ok) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: CLI_CWD, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (status) => ok({ status, stdout, stderr }));
  });
const ok = (r: Result) => {
  expect(r.status, r.stderr + r.stdout).toBe(0);
  return r;
};

async function query<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, values)).rows as T[];
  } finally {
    await c.end();
  }
}
/** Tables of the database's own schema (public): none in a database no ecoplan command has touched. */
const pgTables = async (url: string) => (await query<{ n: string }>(url, "select count(*) n from pg_tables where schemaname = 'public'")).map((r) => Number(r.n))[0];

const BLOB = SEED_BLOB;
const DECIMAL = SEED_DECIMAL;
const SORTING = ['Zebra', 'apple', 'Äpfel', '河源', '韶关', 'a b', 'a'];

let dir: string;
let source: string;
let backup: string;
let sums: Map<string, { rows: number; sha256: string }>;

beforeAll(() => {
  dir = tempDir('ecoplan-pg-backup-');
  source = join(dir, 'city.db');
  seedBackupSource(source, (args, input) => void ok(run(args, input)));
  const raw = new SQLite(source);
  // Keys whose byte order differs from a locale's (upper before lower case, accents and CJK after ASCII).
  for (const key of SORTING) raw.prepare('insert into login_throttle (key, failures, next_at, updated_at) values (?, 1, ?, ?)').run(key, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z');
  raw.close();
  sums = tableChecksums(source);
  backup = join(dir, 'city.ndjson.gz');
  ok(run(['backup', '--db', source, '--out', backup]));
}, 400_000);

/** The backup file's lines, apart from when and on which engine it was made. */
const body = (f: string) =>
  gunzipSync(readFileSync(f))
    .toString('utf8')
    .replace(/"createdAt":"[^"]+"/g, '')
    .replace(/"backend":"[a-z]+"/g, '');

describe('backup and restore across SQLite and PostgreSQL', () => {
  let pgUrl: string;

  it('restores a SQLite backup into PostgreSQL with every table the same, and backs it up to the same file', async () => {
    for (const [t, s] of sums) expect(s.rows, `table ${t} has rows`).toBeGreaterThan(0);
    // A database whose own text order is a language's (ICU en-US: Äpfel < apple < Zebra), not the bytes' order the
    // test cluster defaults to: the backup must still list rows in the same order as from SQLite.
    pgUrl = await createDatabase(inject('pgAdminUrl'));
    const name = new URL(pgUrl).pathname.slice(1);
    await query(inject('pgAdminUrl'), `drop database ${name}`);
    await query(inject('pgAdminUrl'), `create database ${name} template template0 locale_provider icu icu_locale 'en-US'`);
    const [order] = await query<{ o: string[] }>(pgUrl, "select array_agg(k order by k) o from unnest(array['Zebra', 'apple', 'Äpfel']) k");
    expect(order!.o).toEqual(['Äpfel', 'apple', 'Zebra']); // bytes' order: Zebra, apple, Äpfel
    const r = ok(run(['restore', backup, '--db', pgUrl]));
    expect(r.stdout).toContain('行数与校验和逐表一致');
    expect(r.stdout).toMatch(/1 个签名检查点已核对/);
    expect(r.stdout).not.toContain(PG_PASSWORD); // the password is never shown
    const restored = await pgTableChecksums(pgUrl, sums.keys());
    for (const [t, s] of sums) expect(restored.get(t), `table ${t}`).toEqual(s);
    const [blob] = await query<{ body: Buffer }>(pgUrl, 'select body from portal_documents');
    expect(Buffer.compare(blob!.body, BLOB)).toBe(0);
    expect(await query(pgUrl, 'select value_text from observations where value_text = $1', [DECIMAL])).toHaveLength(1);

    const again = join(dir, 'from-pg.ndjson.gz');
    const b = ok(run(['backup', '--db', pgUrl, '--out', again]));
    expect(b.stdout).toContain('backup written');
    expect(gunzipSync(readFileSync(again)).toString('utf8')).toContain('"backend":"postgres"');
    expect(body(again)).toBe(body(backup));
    ok(run(['audit', 'verify', '--db', pgUrl]));
  }, 400_000);

  it('restores the PostgreSQL backup into SQLite with every table the same', () => {
    const target = join(tempDir(), 'back.db');
    ok(run(['restore', join(dir, 'from-pg.ndjson.gz'), '--db', target]));
    expect(tableChecksums(target)).toEqual(sums);
  }, 400_000);

  it('answers evaluate, projects summary and carbon inventory on the restored databases as on the source', async () => {
    // The example dataset as it is (the rows added above to fill every table are not data the commands could read).
    const city = join(tempDir(), 'example.db');
    ok(run(['demo', 'load', '--db', city]));
    const first = join(tempDir(), 'example.ndjson.gz');
    ok(run(['backup', '--db', city, '--out', first]));
    const onPg = await createDatabase(inject('pgAdminUrl'));
    ok(run(['restore', first, '--db', onPg]));
    const second = join(tempDir(), 'example-pg.ndjson.gz');
    ok(run(['backup', '--db', onPg, '--out', second]));
    const back = join(tempDir(), 'example-back.db');
    ok(run(['restore', second, '--db', back]));
    for (const args of [
      ['evaluate', '--json', '--year', '2023'],
      ['evaluate', '--json', '--year', '2024', '--region', '440281'],
      ['projects', 'summary', '--json'],
      ['carbon', 'inventory', '--json', '--year', '2023'],
    ]) {
      const want = ok(run([...args, '--db', city])).stdout;
      expect(want.length, args.join(' ')).toBeGreaterThan(500);
      expect(JSON.parse(ok(run([...args, '--db', onPg])).stdout), `${args.join(' ')} on PostgreSQL`).toEqual(JSON.parse(want));
      expect(JSON.parse(ok(run([...args, '--db', back])).stdout), `${args.join(' ')} on SQLite`).toEqual(JSON.parse(want));
    }
  }, 600_000);

  it('takes new writes after a restore into PostgreSQL (identity columns continue after the restored ids)', async () => {
    const before = await query<{ id: string }>(pgUrl, 'select id from audit_checkpoints order by id');
    expect(before.length).toBeGreaterThan(0);
    // A new audit entry (a user added), then a checkpoint over it: a new row of audit_checkpoints (an identity key).
    ok(run(['user', 'add', '--username', 'auditor2', '--role', 'viewer', '--password-stdin', '--db', pgUrl], 'Second-viewer-pw-2025!\n'));
    expect(ok(run(['audit', 'checkpoint', '--db', pgUrl])).stdout).toContain('checkpoint signed');
    const after = await query<{ id: string }>(pgUrl, 'select id from audit_checkpoints order by id');
    expect(after.length).toBe(before.length + 1);
    expect(Number(after.at(-1)!.id)).toBeGreaterThan(Math.max(...before.map((r) => Number(r.id))));
    ok(run(['audit', 'verify', '--db', pgUrl]));
  }, 400_000);
});

describe('restore targets on PostgreSQL: refusals (exit 1, both languages, nothing written) and an empty schema accepted', () => {
  const rewrite = (edit: (lines: string[]) => string[]) => {
    const f = join(tempDir(), 'edited.ndjson.gz');
    writeFileSync(f, gzipSync(edit(gunzipSync(readFileSync(backup)).toString('utf8').split('\n')).join('\n')));
    return f;
  };
  const refuse = async (file: string, zh: RegExp, en: RegExp) => {
    const url = await createDatabase(inject('pgAdminUrl'));
    const r = run(['restore', file, '--db', url]);
    expect(r.status, r.stdout).toBe(1);
    expect(r.stderr).toMatch(zh);
    expect(r.stderr).toMatch(en);
    expect(r.stderr).toContain('nothing was written');
    expect(await pgTables(url), 'no table created').toBe(0);
  };

  it('a truncated file, and one cut at a line boundary', async () => {
    const f = join(tempDir(), 'cut.ndjson.gz');
    const bytes = readFileSync(backup);
    writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await refuse(f, /不完整（被截断/, /incomplete \(cut off/);
    await refuse(
      rewrite((l) => l.slice(0, Math.floor(l.length / 2))),
      /不完整（被截断/,
      /incomplete/,
    );
  }, 200_000);

  it('a corrupted file: a flipped byte, and a changed cell', async () => {
    const f = join(tempDir(), 'flipped.ndjson.gz');
    const bytes = Buffer.from(readFileSync(backup));
    bytes[Math.floor(bytes.length / 2)]! ^= 0x55;
    writeFileSync(f, bytes);
    await refuse(f, /已损坏/, /damaged/);
    const edited = rewrite((lines) => damageDecimal(lines, 'observations'));
    await refuse(edited, /表 observations 的行数或校验和不符/, /table observations fails its row count or checksum/);
  }, 200_000);

  it('an audit log changed with its checksums redone: refused after loading, and the migrations rolled back too', async () => {
    // A file whose every checksum is right but whose audit chain is broken: only the restore's check after loading
    // sees it, when the schema has been made and the rows loaded in the same transaction.
    const edited = rewrite((lines) => {
      const start = lines.findIndex((l) => l.startsWith('{"kind":"table","name":"audit_log"'));
      const cols = (JSON.parse(lines[start]!) as { columns: string[] }).columns;
      const detail = cols.findIndex((c) => /detail|summary|target|entity/.test(c));
      const row = JSON.parse(lines[start + 1]!) as unknown[];
      row[detail] = `${String(row[detail])}（改）`;
      lines[start + 1] = JSON.stringify(row);
      let end = start + 1;
      while (!lines[end]!.startsWith('{"kind":"end"')) end++;
      const hash = createHash('sha256');
      for (let i = start + 1; i < end; i++) hash.update(lines[i]! + '\n');
      const e = JSON.parse(lines[end]!) as { sha256: string };
      const old = e.sha256;
      e.sha256 = hash.digest('hex');
      lines[end] = JSON.stringify(e);
      const m = lines.findIndex((l) => l.startsWith('{"kind":"manifest"'));
      lines[m] = lines[m]!.replace(old, e.sha256);
      return lines;
    });
    ok(run(['restore', edited, '--check']));
    await refuse(edited, /审计日志校验失败.*已回滚/, /audit log fails verification after loading/);
  }, 200_000);

  it('a wrong password, a missing database: named in both languages, the password never shown, no file written', async () => {
    const url = new URL(await createDatabase(inject('pgAdminUrl')));
    const wrong = new URL(url);
    wrong.password = 'not-the-password';
    const out = join(tempDir(), 'never.ndjson.gz');
    const b = run(['backup', '--db', wrong.toString(), '--out', out]);
    expect(b.status).toBe(1);
    expect(b.stderr).toMatch(/用户名或密码错误/);
    expect(b.stderr).toMatch(/refused the user name or password/);
    expect(b.stderr).not.toContain('not-the-password');
    expect(existsSync(out)).toBe(false);
    const missing = new URL(url);
    missing.pathname = '/no_such_database';
    const r = run(['restore', backup, '--db', missing.toString()]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/没有这个数据库/);
    expect(r.stderr).toMatch(/the database does not exist/);
    expect(r.stderr).not.toContain(PG_PASSWORD);
    expect(await pgTables(url.toString())).toBe(0);
  }, 200_000);

  it('accepts a database that holds the schema but no data (migrated, nothing seeded)', async () => {
    const url = await createDatabase(inject('pgAdminUrl'));
    // Opened as a server's first start does before seeding the plan: the migrations and their own rows only.
    await (await openDatabase(url)).db.destroy();
    expect(await pgTables(url)).toBeGreaterThan(0);
    ok(run(['restore', backup, '--db', url]));
    expect(await pgTableChecksums(url, sums.keys())).toEqual(sums);
  }, 200_000);

  it('a target that is not empty, unless --force', async () => {
    const url = await createDatabase(inject('pgAdminUrl'));
    ok(run(['plan', 'show', '--db', url])); // seeds the plan: no longer empty
    const names = [...sums.keys()];
    const before = await pgTableChecksums(url, names);
    const r = run(['restore', backup, '--db', url]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/目标数据库 .* 不是空的（.*plans \(1\)/);
    expect(r.stderr).toContain('is not empty');
    expect(r.stderr).not.toContain(PG_PASSWORD);
    expect(await pgTableChecksums(url, names)).toEqual(before);
    ok(run(['restore', backup, '--db', url, '--force']));
    expect(await pgTableChecksums(url, names)).toEqual(sums);
  }, 400_000);
});

describe('a backup of PostgreSQL taken while a server writes', () => {
  it('holds every write wholly or not at all, restores into SQLite and PostgreSQL with the audit chain whole', async () => {
    const url = await createDatabase(inject('pgAdminUrl'));
    ok(run(['user', 'add', '--username', 'admin', '--role', 'admin', '--password-stdin', '--db', url], 'Backup-test-pw-2025!\n'));
    const server = await serve(url);
    const base = `${server.base}/api/v1`;
    try {
      const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Backup-test-pw-2025!' }) });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      // Each write: a new version of one observation and, in its own transaction right after, its audit entry.
      const writer = observationWriter(base, cookie, csrfToken, '440200');
      await waitFor(async () => writer.written >= 10);
      const files = [join(tempDir(), 'live-1.ndjson.gz'), join(tempDir(), 'live-2.ndjson.gz')];
      const results = [];
      for (const f of files) results.push(await runAsync(['backup', '--db', url, '--out', f]));
      // The server wrote on while the backups ran (a backup holding the write lock would have stopped it).
      const atEnd = writer.written;
      await waitFor(async () => writer.written >= atEnd + 5);
      await writer.stop();
      for (const r of results) ok(r);
      for (const f of files) {
        const lite = join(tempDir(), 'from-live.db');
        ok(run(['restore', f, '--db', lite]));
        const target = await createDatabase(inject('pgAdminUrl'));
        const r = ok(run(['restore', f, '--db', target]));
        expect(r.stdout).toMatch(/审计日志 \d+ 条，哈希链完整/);
        const raw = new SQLite(lite, { readonly: true });
        const values = (raw.prepare("select value_text v, version from observations where source = '备份测试 / backup test' order by version").all() as { v: string; version: number }[]);
        const audited = (raw.prepare("select count(*) n from audit_log where action = 'observation.record'").get() as { n: number }).n;
        raw.close();
        // The versions a snapshot holds are the first n writes, each with its value (none half there, no gap).
        expect(values.length).toBeGreaterThanOrEqual(10);
        expect(values.length).toBeLessThanOrEqual(writer.written);
        expect(values.map((x) => x.v)).toEqual(values.map((_x, i) => `74.${String(i).padStart(4, '0')}`));
        // Each write's audit entry is there, unless the snapshot fell between the write and its entry.
        expect(values.length - audited).toBeGreaterThanOrEqual(0);
        expect(values.length - audited).toBeLessThanOrEqual(1);
        expect(await pgTableChecksums(target, ['observations', 'audit_log'])).toEqual(
          new Map([...tableChecksums(lite)].filter(([t]) => t === 'observations' || t === 'audit_log')),
        );
        rmSync(lite, { force: true });
      }
    } finally {
      await stop(server.child);
    }
  }, 400_000);
});

const serve = (url: string) => serveUntilReady(url, ENV);

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

async function waitFor(cond: () => Promise<boolean>): Promise<void> {
  for (;;) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the restore drill (scripts/restore-drill.sh) with a PostgreSQL target', () => {
  it('passes both ways: SQLite → PostgreSQL → SQLite, every table compared, the audit logs verified', async () => {
    const target = await createDatabase(inject('pgAdminUrl'));
    const env: Record<string, string | undefined> = { ...process.env, DRILL_DIR: tempDir('ecoplan-drill-'), DRILL_TARGET: target, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    delete env.ECOPLAN_AUDIT_KEYS; // the drill hands the throwaway source's key file over itself
    const r = spawnSync('bash', [join(import.meta.dirname, '../../scripts/restore-drill.sh')], { env, encoding: 'utf8', timeout: 600_000 });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toContain('两次备份逐表一致');
    expect(r.stdout).toContain('every table the same both ways');
    expect(r.stdout).toMatch(/签名检查点已核对/);
    expect(r.stdout).toContain('restore drill passed');
    expect(r.stdout).not.toContain(PG_PASSWORD);
  }, 600_000);
});
