// Storage: created and migrated on first use, seeded once, idempotent, refuses newer schemas untouched. Runs on
// SQLite and PostgreSQL (vitest.config.ts); the tests about files and the WAL journal are SQLite's alone.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readPlanFolder } from '../src/planfolder/read.js';
import { DatabaseError, openDatabase } from '../src/store/db.js';
import { loadPlan, resolvePlan, seedPlan } from '../src/store/plans.js';
import { brokenPlanFolder, SHAOGUAN_DIR, tempDir } from './helpers/planFolder.js';
import { seededDatabase } from './helpers/store.js';
import { BACKEND, freshDatabase } from './helpers/backend.js';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/store/schema.js';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('store', () => {
  const ALL = ['0001_plan', '0002_observations', '0003_indicator_progress', '0004_users', '0005_audit_chain', '0006_rounds', '0007_round_revision', '0008_evidence', '0009_validation_rules', '0010_project_library', '0011_monitoring', '0012_gep', '0013_carbon', '0014_security', '0015_portal_documents', '0016_monitoring_results', '0017_survey', '0018_assessment', '0019_carbon_publication', '0020_rate_limits', '0021_plan_settings', '0022_user_plan_roles', '0023_plan_revisions', '0024_plan_drafts', '0025_indicator_measures', '0026_air_days'];

  it('migrates a new database and seeds the plan; counts and sums come back as exact numbers', async () => {
    const { db, applied } = await openDatabase(await freshDatabase(BACKEND, join('nested', 'dir', 'ecoplan.db')));
    expect(applied).toEqual(ALL);
    const folder = readPlanFolder(SHAOGUAN_DIR);
    if (!folder.result.ok) throw new Error();
    expect(await seedPlan(db, folder.result.plan, folder.contentHash, { isDefault: true })).toBe('created');
    expect(await db.selectFrom('indicators').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()).toEqual({ n: 45 });
    expect(await db.selectFrom('projects').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()).toEqual({ n: 24 });
    // Investment is kept in exact 万元: 603.58 亿元 = 6 035 800 万元 — a number, not PostgreSQL's numeric text.
    expect(await db.selectFrom('projects').select((eb) => eb.fn.sum('investment_wan').as('s')).executeTakeFirst()).toEqual({ s: 6035800 });
    await db.destroy();
  });

  // SQLite only: the journal mode is a property of the SQLite file.
  if (BACKEND === 'sqlite')
    it('creates the folder and file in WAL mode', async () => {
      const path = join(tempDir(), 'nested', 'dir', 'ecoplan.db');
      const { db } = await openDatabase(path);
      await db.destroy();
      const raw = new SQLite(path, { readonly: true });
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      raw.close();
    });

  it('reads back exactly the plan it stored', async () => {
    const { db, plan } = await seededDatabase();
    expect(await loadPlan(db, plan.meta.id)).toEqual(plan);
    await db.destroy();
  });

  it('is idempotent on restart and re-seeds only a changed folder', async () => {
    const { db, location, plan, hash } = await seededDatabase();
    await db.destroy();
    const again = await openDatabase(location);
    expect(again.applied).toEqual([]);
    expect(await seedPlan(again.db, plan, hash, { isDefault: true })).toBe('unchanged');
    expect(await resolvePlan(again.db, 'default')).toEqual({ id: 'shaoguan-2021-2035', revision: 1 });

    const changedDir = brokenPlanFolder({ 'plan.yaml': (t) => t.replace('nameEn: Shaoguan Ecological', 'nameEn: Shaoguan Eco') });
    const changed = readPlanFolder(changedDir);
    if (!changed.result.ok) throw new Error();
    expect(await seedPlan(again.db, changed.result.plan, changed.contentHash, { isDefault: true })).toBe('updated');
    expect(await resolvePlan(again.db, 'default')).toEqual({ id: 'shaoguan-2021-2035', revision: 2 });
    expect((await loadPlan(again.db, plan.meta.id)).meta.nameEn).toContain('Shaoguan Eco ');
    const counts = await again.db.selectFrom('indicators').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(counts.n)).toBe(45);
    await again.db.destroy();
  });

  /** What a refused open must leave as it was: the file's bytes, or PostgreSQL's tables and migration rows. */
  const fingerprint = async (location: string, db: Kysely<Database>) => {
    if (BACKEND === 'sqlite') return sha(location);
    const { rows } = await sql<{ t: string }>`select string_agg(table_name, ',' order by table_name) as t from information_schema.tables where table_schema = 'public'`.execute(db);
    const migrations = await db.selectFrom('kysely_migration' as never).select(sql<string>`string_agg(name, ',' order by name)`.as('m')).executeTakeFirst();
    return `${rows[0]!.t}|${JSON.stringify(migrations)}`;
  };

  it('refuses a database from a newer schema and leaves it untouched', async () => {
    const { db, location } = await seededDatabase();
    await sql`insert into kysely_migration (name, timestamp) values ('0099_future', '2030-01-01T00:00:00Z')`.execute(db);
    if (BACKEND === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    const before = BACKEND === 'postgres' ? await fingerprint(location, db) : null;
    await db.destroy();
    const beforeFile = BACKEND === 'sqlite' ? sha(location) : null;
    const err = await openDatabase(location).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect((err as DatabaseError).code).toBe('DB_NEWER_SCHEMA');
    expect((err as DatabaseError).message).toContain('较新版本');
    expect((err as DatabaseError).message).toContain('0099_future');
    expect((err as DatabaseError).message).toContain('newer ecoplan');
    if (BACKEND === 'sqlite') expect(sha(location)).toBe(beforeFile);
    else {
      const { connectPostgres } = await import('../src/store/postgres.js');
      const probe = connectPostgres(location);
      expect(await fingerprint(location, probe)).toBe(before);
      await probe.destroy();
    }
  });

  // SQLite only: a file that is not a database has no PostgreSQL counterpart (tests/postgres-open.test.ts covers
  // bad URLs, unreachable servers and wrong passwords).
  if (BACKEND === 'sqlite')
  it('refuses a file that is not a database', async () => {
    const path = join(tempDir(), 'not-a.db');
    const fs = await import('node:fs');
    fs.writeFileSync(path, 'hello, this is not sqlite at all, just some text that is long enough');
    const err = await openDatabase(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect((err as DatabaseError).code).toBe('DB_OPEN_FAILED');
  });
});
