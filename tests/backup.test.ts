// `ecoplan backup` / `ecoplan restore` at the command line, with the built CLI on temp files: a
// database with rows in every table goes out and comes back identical (checked here by a checksum of our own, not
// the command's), a backup taken while the server writes restores with its audit chain whole, and every bad file or
// target is refused with both languages and nothing written.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import SQLite from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, CLI_CWD } from './helpers/cli.js';
import { damageDecimal, observationWriter, SEED_AIR_NO2, SEED_BLOB, SEED_DECIMAL, seedBackupSource, tableChecksums } from './helpers/backupData.js';
import { newDayBuffer } from '../src/monitoring/air.js';
import { decodeDayHoursInto } from '../src/monitoring/hourBlob.js';
import { tempDir } from './helpers/planFolder.js';

const run = (args: string[], input?: string) => spawnSync(process.execPath, [BIN, ...args], { cwd: CLI_CWD, encoding: 'utf8', input, timeout: 300_000 });
const runAsync = (args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((ok) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: CLI_CWD, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (status) => ok({ status, stdout, stderr }));
  });
const ok = (r: { status: number | null; stdout: string; stderr: string }) => {
  expect(r.status, r.stderr + r.stdout).toBe(0);
  return r;
};

const BLOB = SEED_BLOB;
const DECIMAL = SEED_DECIMAL;

let dir: string;
let source: string;
let backup: string;
let sourceSums: Map<string, { rows: number; sha256: string }>;

beforeAll(() => {
  dir = tempDir('ecoplan-backup-');
  source = join(dir, 'city.db');
  seedBackupSource(source, (args, input) => void ok(run(args, input)));
  sourceSums = tableChecksums(source);
  backup = join(dir, 'city.ndjson.gz');
}, 400_000);

describe('ecoplan backup and restore', () => {
  it('seeds rows in every table, and restores a wiped database to the same rows, table by table', () => {
    for (const [t, s] of sourceSums) expect(s.rows, `table ${t} has rows`).toBeGreaterThan(0);
    const b = ok(run(['backup', '--db', source, '--out', backup]));
    expect(b.stdout).toMatch(/备份完成：\d+ 个表/);
    expect(b.stdout).toContain('backup written');
    expect(b.stdout).toContain('audit key file is not in the backup');
    expect(ok(run(['restore', backup, '--check'])).stdout).toContain('backup file intact');

    // Wipe: the database files go; the audit key file beside them stays (it is kept apart from backups).
    for (const s of ['', '-wal', '-shm']) rmSync(source + s, { force: true });
    expect(existsSync(`${source}.audit-keys.json`)).toBe(true);
    const r = ok(run(['restore', backup, '--db', source]));
    expect(r.stdout).toContain('行数与校验和逐表一致');
    expect(r.stdout).toMatch(/1 个签名检查点已核对/);

    const restored = tableChecksums(source);
    expect([...restored.keys()].sort()).toEqual([...sourceSums.keys()].sort());
    for (const [t, s] of sourceSums) expect(restored.get(t), `table ${t}`).toEqual(s);

    const raw = new SQLite(source, { readonly: true });
    try {
      expect(raw.prepare('select count(*) n from observations where value_text = ?').get(DECIMAL)).toEqual({ n: 1 });
      expect(raw.prepare('select max(investment_wan) m from project_versions').safeIntegers(true).get()).toEqual({ m: 9007199254740991n });
      expect(Buffer.compare((raw.prepare('select body from portal_documents').get() as { body: Buffer }).body, BLOB)).toBe(0);
      const air = newDayBuffer();
      expect(decodeDayHoursInto((raw.prepare('select data from air_days order by station_code, day limit 1').get() as { data: Buffer }).data, air)).toBe(true);
      expect([air[0], air[24]]).toEqual([Infinity, SEED_AIR_NO2]);
    } finally {
      raw.close();
    }
    const v = ok(run(['audit', 'verify', '--db', source]));
    expect(v.stdout).toContain('audit log intact');
  }, 400_000);

  it('says that checkpoints could not be checked when the restored database has no audit key beside it', () => {
    const target = join(tempDir(), 'elsewhere.db');
    const r = ok(run(['restore', backup, '--db', target]));
    expect(r.stdout).toContain('signed checkpoint(s) not checked');
    // With the key file copied, the audit verification passes on the restored copy.
    copyFileSync(`${source}.audit-keys.json`, `${target}.audit-keys.json`);
    expect(ok(run(['audit', 'verify', '--db', target])).stdout).toContain('audit log intact');
  }, 400_000);

  it('writes the same file again from a restored database (apart from when it was made)', () => {
    // Into a database no other command has opened since (an open tidies away the in-flight import's batch row).
    const copy = join(tempDir(), 'copy.db');
    ok(run(['restore', backup, '--db', copy]));
    const again = join(dir, 'again.ndjson.gz');
    ok(run(['backup', '--db', copy, '--out', again]));
    const body = (f: string) => gunzipSync(readFileSync(f)).toString('utf8').replace(/"createdAt":"[^"]+"/g, '');
    expect(body(again)).toBe(body(backup));
  }, 400_000);

  describe('refusals: exit 1, both languages, nothing written', () => {
    const refuse = (file: string, zh: RegExp, en: RegExp) => {
      const target = join(tempDir(), 'target.db');
      const r = run(['restore', file, '--db', target]);
      expect(r.status, r.stdout).toBe(1);
      expect(r.stderr).toMatch(zh);
      expect(r.stderr).toMatch(en);
      expect(r.stderr).toContain('nothing was written');
      expect(existsSync(target), 'no database created').toBe(false);
    };
    const rewrite = (edit: (lines: string[]) => string[]) => {
      const f = join(tempDir(), 'edited.ndjson.gz');
      const lines = gunzipSync(readFileSync(backup)).toString('utf8').split('\n');
      writeFileSync(f, gzipSync(edit(lines).join('\n')));
      return f;
    };
    const withHeader = (change: (h: Record<string, unknown>) => void) =>
      rewrite((lines) =>
        lines.map((l) => {
          if (!l.startsWith('{"kind":"header"') && !l.startsWith('{"kind":"manifest"')) return l;
          const h = JSON.parse(l) as Record<string, unknown>;
          change(h);
          return JSON.stringify(h);
        }),
      );

    it('a truncated file', () => {
      const f = join(tempDir(), 'cut.ndjson.gz');
      const bytes = readFileSync(backup);
      writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length / 2)));
      refuse(f, /不完整（被截断/, /incomplete \(cut off/);
      // Cut at a line boundary, the gzip itself whole: the closing manifest is missing.
      refuse(rewrite((l) => l.slice(0, Math.floor(l.length / 2))), /不完整（被截断/, /incomplete/);
    }, 200_000);

    it('a corrupted file: a flipped byte, and a changed cell in a well-formed file', () => {
      const f = join(tempDir(), 'flipped.ndjson.gz');
      const bytes = Buffer.from(readFileSync(backup));
      bytes[Math.floor(bytes.length / 2)]! ^= 0x55;
      writeFileSync(f, bytes);
      refuse(f, /已损坏/, /damaged/);
      const edited = rewrite((lines) => damageDecimal(lines, 'observations'));
      refuse(edited, /表 observations 的行数或校验和不符/, /table observations fails its row count or checksum/);
    }, 200_000);

    it('a file from another product, a file that is not a backup at all, and a SQLite file', () => {
      refuse(withHeader((h) => (h.product = 'otherplan')), /不是 ecoplan 备份文件/, /not an ecoplan backup/);
      const text = join(tempDir(), 'notes.txt');
      writeFileSync(text, 'hello\n');
      refuse(text, /不是 ecoplan 备份文件/, /not an ecoplan backup/);
      refuse(source, /是 SQLite 数据库文件/, /is a SQLite database file/);
    }, 200_000);

    it('a backup of a newer schema or a newer format', () => {
      refuse(withHeader((h) => (h.schema = [...(h.schema as string[]), '0099_from_the_future'])), /来自较新版本的 ecoplan.*0099_from_the_future/, /comes from a newer ecoplan .*0099_from_the_future/);
      refuse(withHeader((h) => (h.format = 2)), /只认识格式 1/, /reads format 1: upgrade ecoplan/);
    }, 200_000);

    it('a target that is not empty, unless --force, which replaces its content in one transaction', () => {
      const target = join(tempDir(), 'busy.db');
      ok(run(['plan', 'show', '--db', target])); // seeds the plan: no longer empty
      const before = tableChecksums(target);
      const r = run(['restore', backup, '--db', target]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/目标数据库 .* 不是空的（.*plans \(1\)/);
      expect(r.stderr).toContain('is not empty');
      expect(r.stderr).toContain('--force');
      expect(tableChecksums(target)).toEqual(before);
      ok(run(['restore', backup, '--db', target, '--force']));
      expect(tableChecksums(target)).toEqual(sourceSums);
    }, 400_000);
  });

  it('takes a consistent backup while the server writes, which restores with its audit chain whole', async () => {
    const live = join(tempDir(), 'live.db');
    ok(run(['user', 'add', '--username', 'admin', '--role', 'admin', '--password-stdin', '--db', live], 'Backup-test-pw-2025!\n'));
    const port = await freePort();
    const server = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--db', live], { cwd: CLI_CWD, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
    const base = `http://127.0.0.1:${port}/api/v1`;
    try {
      await waitFor(async () => (await fetch(`${base}/health`).catch(() => null))?.ok === true);
      const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Backup-test-pw-2025!' }) });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const writer = observationWriter(base, cookie, csrfToken, '440200');
      await waitFor(async () => writer.written >= 10);
      const files = [join(tempDir(), 'live-1.ndjson.gz'), join(tempDir(), 'live-2.ndjson.gz')];
      const results = [];
      for (const f of files) results.push(await runAsync(['backup', '--db', live, '--out', f]));
      const atEnd = writer.written;
      await writer.stop();
      for (const r of results) ok(r);
      for (const f of files) {
        const target = join(tempDir(), 'from-live.db');
        const r = ok(run(['restore', f, '--db', target]));
        expect(r.stdout).toMatch(/审计日志 \d+ 条，哈希链完整/);
        const raw = new SQLite(target, { readonly: true });
        const versions = (raw.prepare("select count(*) n from observations where source = '备份测试 / backup test'").get() as { n: number }).n;
        const audited = (raw.prepare("select count(*) n from audit_log where action = 'observation.record'").get() as { n: number }).n;
        raw.close();
        // The snapshot holds the writes made before it began, none made after the writer stopped, and each write's
        // audit entry (its own transaction, right after the write) unless the snapshot fell between the two.
        expect(versions).toBeGreaterThanOrEqual(10);
        expect(versions).toBeLessThanOrEqual(atEnd + 1);
        expect(versions - audited).toBeGreaterThanOrEqual(0);
        expect(versions - audited).toBeLessThanOrEqual(1);
      }
    } finally {
      server.kill();
    }
  }, 400_000);
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function waitFor(cond: () => Promise<boolean>): Promise<void> {
  for (;;) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}
