// A long air import writes in bounded transactions, yet all or nothing — killed
// with SIGKILL while it writes, it leaves nothing visible and the next open removes what it had staged; a second
// import started meanwhile waits and then succeeds; a draft saved over HTTP meanwhile is saved (or answered a clear
// 503 with Retry-After, never a 500). The imports are the built command (`npm run build:server`), as a user runs
// it; every wait is on a state of the database file, never on time.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStations, syntheticAirCsv } from '../../src/monitoring/synthetic.js';
import { appWithAccounts } from '../helpers/app.js';
import { BIN, CLI_CWD } from '../helpers/cli.js';
import { tempDir } from '../helpers/planFolder.js';
import { rawStoredHours } from '../helpers/airHours.js';

const STATIONS = demoStations(12);
// Each test runs up to four whole imports of a station-year file as separate processes: on a busy 2-core machine
// that takes minutes. The waits inside are on states of the file; this is only the ceiling.
const LONG = 400_000;
// One station-year per transaction, so the import commits many times while it writes.
const ENV = { ...process.env, ECOPLAN_IMPORT_CHUNK_HOURS: '1' };
let ctx: Awaited<ReturnType<typeof appWithAccounts>>;
const dir = tempDir();
const fileOf = (year: number) => {
  const path = join(dir, `air-${year}.csv`);
  writeFileSync(path, [...syntheticAirCsv(STATIONS.map((s) => s.code), year, 'wide')].join(''));
  return path;
};
let file2021: string;
let file2022: string;
let file2023: string;

const startImport = (file: string, db: string) => {
  const child = spawn(process.execPath, [BIN, 'monitoring', 'import', file, '--skip-invalid', '--db', db], { cwd: CLI_CWD, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const done = new Promise<{ code: number | null; signal: string | null; out: string }>((ok) => child.on('exit', (code, signal) => ok({ code, signal, out })));
  return { child, done, output: () => out };
};

/** Polls the file (a connection of the test's own) until `ready` holds or the child has ended. */
async function until(path: string, child: ChildProcess, ready: (raw: SQLite.Database) => boolean): Promise<boolean> {
  const raw = new SQLite(path, { readonly: true });
  try {
    for (;;) {
      if (ready(raw)) return true;
      if (child.exitCode !== null || child.signalCode !== null) return false;
      await new Promise((ok) => setTimeout(ok, 5));
    }
  } finally {
    raw.close();
  }
}
const one = (raw: SQLite.Database, q: string) => Number((raw.prepare(q).get() as { n: number }).n);
const staging = (raw: SQLite.Database) => one(raw, 'select count(*) as n from monitoring_batches') > 0 && one(raw, 'select count(*) as n from air_days where import_id in (select id from monitoring_batches)') > 0;
const visibleHours = (raw: SQLite.Database) => rawStoredHours(raw, 'import_id not in (select id from monitoring_batches)').length;
const stationsOfYear = (raw: SQLite.Database, y: number) => one(raw, `select count(distinct station_code) as n from air_days where day >= '${y}-01-01' and day <= '${y}-12-31'`);

function freshDb(): string {
  const path = join(tempDir(), 'ecoplan.db');
  const r = spawnSync(process.execPath, [BIN, 'monitoring', 'stations', '--db', path], { cwd: CLI_CWD, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const raw = new SQLite(path);
  const insert = raw.prepare("insert into air_stations (code, name, region_code, region_method, lon, lat, level, uncertain, source, note, is_demo, created_at) values (?, ?, ?, 'test', ?, ?, ?, 0, 'test', null, 1, ?)");
  for (const s of STATIONS) insert.run(s.code, s.name, s.regionCode, s.lon, s.lat, s.level, new Date().toISOString());
  raw.close();
  return path;
}

beforeAll(async () => {
  file2021 = fileOf(2021);
  file2022 = fileOf(2022);
  file2023 = fileOf(2023);
  ctx = await appWithAccounts();
  // As the server sets it (serve.ts: 1 s).
  await sql`pragma busy_timeout = 1000`.execute(ctx.store.db);
  const raw = new SQLite(ctx.store.path);
  const insert = raw.prepare("insert into air_stations (code, name, region_code, region_method, lon, lat, level, uncertain, source, note, is_demo, created_at) values (?, ?, ?, 'test', ?, ?, ?, 0, 'test', null, 1, ?)");
  for (const s of STATIONS) insert.run(s.code, s.name, s.regionCode, s.lon, s.lat, s.level, new Date().toISOString());
  raw.close();
}, 120_000);
afterAll(() => ctx?.close());

describe('a long air import, all or nothing in bounded transactions', () => {
  it('killed (SIGKILL) while it writes leaves nothing visible; the next open removes what it staged; the import then succeeds', async () => {
    const db = freshDb();
    const run = startImport(file2023, db);
    expect(await until(db, run.child, staging), run.output()).toBe(true);
    run.child.kill('SIGKILL');
    const { signal } = await run.done;
    expect(signal).toBe('SIGKILL');
    const raw = new SQLite(db, { readonly: true });
    const logged = raw.prepare('select imported from monitoring_imports').all() as { imported: number }[];
    const visible = visibleHours(raw);
    raw.close();
    // All or nothing: killed before its final transaction nothing is visible; after it (the kill may land there),
    // every station-hour it imported is.
    if (logged.length === 0) expect(visible).toBe(0);
    else expect(visible).toBe(logged[0]!.imported);
    // The next command that opens the file removes the dead batch and its rows.
    const list = spawnSync(process.execPath, [BIN, 'monitoring', 'stations', '--db', db], { cwd: CLI_CWD, encoding: 'utf8' });
    expect(list.status, list.stderr).toBe(0);
    const after = new SQLite(db, { readonly: true });
    expect(one(after, 'select count(*) as n from monitoring_batches')).toBe(0);
    expect(rawStoredHours(after).length).toBe(visible);
    after.close();
    const again = startImport(file2023, db);
    const res = await again.done;
    expect(res.code, res.out).toBe(0);
    const final = new SQLite(db, { readonly: true });
    const hours = rawStoredHours(final).length;
    expect(stationsOfYear(final, 2023)).toBe(STATIONS.length);
    final.close();
    // Every station-hour of the file is stored once: the rows with a value and no invalid cell (the demo file has
    // gaps and a few invalid values, skipped whole), counted here with a plain split.
    const rows = readFileSync(file2023, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').slice(2));
    const good = rows.filter((cells) => cells.every((c) => c === '' || /^\d+(\.\d+)?$/.test(c)) && cells.some((c) => c !== ''));
    expect(hours).toBe(good.length);
  }, LONG);

  it('a second import waits while another is being written, says so, and then succeeds', async () => {
    const db = freshDb();
    // Another live import: a batch of this (running) process.
    const raw = new SQLite(db);
    const now = new Date().toISOString();
    raw.prepare("insert into monitoring_batches (id, file_name, host, pid, started_at, heartbeat_at, staged) values ('other', 'other.csv', ?, ?, ?, ?, '[]')").run(hostname(), process.pid, now, now);
    const run = startImport(file2022, db);
    // It waits: it said so, and wrote nothing.
    await expect.poll(run.output, { timeout: 120_000, interval: 20 }).toMatch(/另一个导入（other\.csv）正在写入.*another import \(other\.csv\) is being written/);
    expect(visibleHours(raw)).toBe(0);
    raw.prepare("delete from monitoring_batches where id = 'other'").run();
    raw.close();
    const res = await run.done;
    expect(res.code, res.out).toBe(0);
    // Two real imports at once: both succeed, each year whole.
    const a = startImport(file2023, db);
    const b = startImport(file2021, db);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect(ra.code, ra.out).toBe(0);
    expect(rb.code, rb.out).toBe(0);
    const check = new SQLite(db, { readonly: true });
    for (const y of [2021, 2022, 2023]) expect(stationsOfYear(check, y)).toBe(STATIONS.length);
    expect(one(check, 'select count(*) as n from monitoring_batches')).toBe(0);
    check.close();
  }, LONG);

  it('while an import writes, a draft saved over HTTP is saved, or answered 503 with Retry-After — never a 500', async () => {
    const s = ctx.sessions;
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/plans/default/rounds', headers: { cookie: s.admin!.cookie, 'x-csrf-token': s.admin!.csrf }, payload: { year: 2024, deadline: '2025-03-31' } })).statusCode).toBe(200);
    const run = startImport(file2023, ctx.store.path);
    expect(await until(ctx.store.path, run.child, staging), run.output()).toBe(true);
    // A user saving a draft while the import runs: busy answers are retried (as the console does after Retry-After,
    // here sooner) until one is saved or the import ends. The import commits in bounded transactions, so a save gets
    // in between two of them; five tries in a row could all fall inside long ones on a loaded machine.
    let importing = true;
    const ended = () => (importing = false);
    void run.done.then(ended, ended);
    const answers: number[] = [];
    for (let k = 0; importing && !answers.includes(200); k++) {
      if (k > 0) await new Promise((r) => setTimeout(r, 100));
      const r = await ctx.app.inject({ method: 'PUT', url: '/api/v1/plans/default/rounds/2024/tasks/13/440200/value', headers: { cookie: s.forestry!.cookie, 'x-csrf-token': s.forestry!.csrf }, payload: { value: `74.${k % 10}`, source: '林业统计' } });
      answers.push(r.statusCode);
      if (r.statusCode === 503) {
        expect(r.headers['retry-after']).toBe('5');
        expect(r.json()).toMatchObject({ code: 'DATABASE_BUSY', message: expect.stringContaining('请几秒后重试') });
      } else expect(r.json(), r.body).toMatchObject({ status: 'draft' });
    }
    expect(answers.every((c) => c === 200 || c === 503)).toBe(true);
    expect(answers, 'a draft saved while the import was still writing').toContain(200);
    const res = await run.done;
    expect(res.code, res.out).toBe(0);
  }, LONG);
});
