// Crash test on PostgreSQL, as tests/monitoring/import-batches.test.ts does on SQLite: an air
// import killed with SIGKILL while it writes leaves nothing visible, the next open (any command) removes what it
// had staged, a full import afterwards is all there, and the audit chain verifies. Every wait is on a state of the
// database, never on time. PostgreSQL project only: it needs the test cluster.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { demoStations, syntheticAirCsv } from '../../src/monitoring/synthetic.js';
import { connectPostgres } from '../../src/store/postgres.js';
import type { Database } from '../../src/store/schema.js';
import { BIN, CLI_CWD } from '../helpers/cli.js';
import { tempDir } from '../helpers/planFolder.js';
import { storedHours } from '../helpers/airHours.js';
import { createDatabase } from '../helpers/postgres.js';

const STATIONS = demoStations(8);
// One station-year per transaction, so the import commits many times while it writes.
const ENV = { ...process.env, ECOPLAN_IMPORT_CHUNK_HOURS: '1' };
delete (ENV as Record<string, string | undefined>).DATABASE_URL;

/** Stored station-days (rows of air_days). */
const count = async (db: Kysely<Database>, where: string) => Number((await sql<{ n: number }>`select count(*) as n from air_days where ${sql.raw(where)}`.execute(db)).rows[0]!.n);
const STAGED = 'import_id in (select id from monitoring_batches)';
const VISIBLE = 'import_id not in (select id from monitoring_batches)';

describe('an air import killed on PostgreSQL', () => {
  it('leaves nothing visible, is cleaned up by the next open, and a full import then is all there', async () => {
    const url = await createDatabase(inject('pgAdminUrl'));
    const file = join(tempDir(), 'air-2022.csv');
    writeFileSync(file, [...syntheticAirCsv(STATIONS.map((s) => s.code), 2022, 'wide')].join(''));
    // The schema and registries first, so that the import below spends its time writing.
    expect(spawnSync(process.execPath, [BIN, 'monitoring', 'stations', '--db', url], { cwd: CLI_CWD, env: ENV, encoding: 'utf8' }).status).toBe(0);

    const setup = connectPostgres(url);
    const now = new Date().toISOString();
    for (const s of STATIONS)
      await setup.insertInto('air_stations').values({ code: s.code, name: s.name, region_code: s.regionCode, region_method: 'test', lon: s.lon, lat: s.lat, level: s.level, uncertain: 0, source: 'test', note: null, is_demo: 1, created_at: now }).execute();
    await setup.destroy();

    const child = spawn(process.execPath, [BIN, 'monitoring', 'import', file, '--skip-invalid', '--db', url], { cwd: CLI_CWD, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<{ code: number | null; signal: string | null }>((ok) => child.on('exit', (code, signal) => ok({ code, signal })));
    const db = connectPostgres(url);
    // Wait until the import has committed staged rows (some chunks written, the batch not yet published).
    for (;;) {
      if ((await count(db, STAGED)) > 0) break;
      if (child.exitCode !== null) throw new Error(`the import ended (${child.exitCode}) before it was seen staging: ${out}`);
      await new Promise((ok) => setTimeout(ok, 5));
    }
    child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');
    expect(await count(db, STAGED)).toBeGreaterThan(0);
    expect(await count(db, VISIBLE)).toBe(0);

    // Any command's open removes what the dead import staged.
    expect(spawnSync(process.execPath, [BIN, 'user', 'list', '--db', url], { cwd: CLI_CWD, env: ENV, encoding: 'utf8' }).status).toBe(0);
    expect(await count(db, 'true')).toBe(0);
    expect(Number((await sql<{ n: number }>`select count(*) as n from monitoring_batches`.execute(db)).rows[0]!.n)).toBe(0);

    // The whole file, imported again, is all there: as many station-hours as the same file gives on SQLite.
    const again = spawnSync(process.execPath, [BIN, 'monitoring', 'import', file, '--skip-invalid', '--db', url], { cwd: CLI_CWD, env: ENV, encoding: 'utf8', timeout: 300_000 });
    expect(again.status, again.stderr).toBe(0);
    const sqliteFile = join(tempDir(), 'same.db');
    const { openDatabase } = await import('../../src/store/db.js');
    const lite = await openDatabase(sqliteFile);
    for (const s of STATIONS)
      await lite.db.insertInto('air_stations').values({ code: s.code, name: s.name, region_code: s.regionCode, region_method: 'test', lon: s.lon, lat: s.lat, level: s.level, uncertain: 0, source: 'test', note: null, is_demo: 1, created_at: now }).execute();
    await lite.db.destroy();
    expect(spawnSync(process.execPath, [BIN, 'monitoring', 'import', file, '--skip-invalid', '--db', sqliteFile], { cwd: CLI_CWD, env: ENV, encoding: 'utf8', timeout: 300_000 }).status).toBe(0);
    const reopened = await openDatabase(sqliteFile);
    const onSqlite = (await storedHours(reopened.db)).length;
    await reopened.db.destroy();
    expect(onSqlite).toBeGreaterThan(STATIONS.length * 8000);
    expect((await storedHours(db, { visible: true })).length).toBe(onSqlite);
    await db.destroy();
    const verify = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--db', url], { cwd: CLI_CWD, env: ENV, encoding: 'utf8' });
    expect(verify.status, verify.stderr).toBe(0);
  });
});
