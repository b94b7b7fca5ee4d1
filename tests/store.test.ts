// Storage: created and migrated on first use, seeded once, idempotent, refuses newer schemas untouched.
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

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('store', () => {
  it('creates the folder and file, migrates in WAL mode and seeds the plan', async () => {
    const path = join(tempDir(), 'nested', 'dir', 'ecoplan.db');
    const { db, applied } = await openDatabase(path);
    expect(applied).toEqual(['0001_plan', '0002_observations', '0003_indicator_progress', '0004_users', '0005_audit_chain', '0006_rounds', '0007_round_revision', '0008_evidence', '0009_validation_rules', '0010_project_library', '0011_monitoring', '0012_gep', '0013_carbon', '0014_security', '0015_portal_documents', '0016_monitoring_results', '0017_survey', '0018_assessment', '0019_rate_limits']);
    const folder = readPlanFolder(SHAOGUAN_DIR);
    if (!folder.result.ok) throw new Error();
    expect(await seedPlan(db, folder.result.plan, folder.contentHash, { isDefault: true })).toBe('created');
    await db.destroy();
    const raw = new SQLite(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.prepare('select count(*) n from indicators').get()).toEqual({ n: 45 });
    expect(raw.prepare('select count(*) n from projects').get()).toEqual({ n: 24 });
    // Investment is kept in exact 万元: 603.58 亿元 = 6 035 800 万元.
    expect(raw.prepare('select sum(investment_wan) s from projects').get()).toEqual({ s: 6035800 });
    raw.close();
  });

  it('reads back exactly the plan it stored', async () => {
    const { db, plan } = await seededDatabase();
    expect(await loadPlan(db, plan.meta.id)).toEqual(plan);
    await db.destroy();
  });

  it('is idempotent on restart and re-seeds only a changed folder', async () => {
    const { db, path, plan, hash } = await seededDatabase();
    await db.destroy();
    const again = await openDatabase(path);
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

  it('refuses a database from a newer schema and leaves the file untouched', async () => {
    const { db, path } = await seededDatabase();
    await db.destroy();
    const raw = new SQLite(path);
    raw.prepare("insert into kysely_migration (name, timestamp) values ('0099_future', '2030-01-01T00:00:00Z')").run();
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = sha(path);
    const err = await openDatabase(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect((err as DatabaseError).code).toBe('DB_NEWER_SCHEMA');
    expect((err as DatabaseError).message).toContain('较新版本');
    expect((err as DatabaseError).message).toContain('0099_future');
    expect(sha(path)).toBe(before);
  });

  it('refuses a file that is not a database', async () => {
    const path = join(tempDir(), 'not-a.db');
    const fs = await import('node:fs');
    fs.writeFileSync(path, 'hello, this is not sqlite at all, just some text that is long enough');
    const err = await openDatabase(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect((err as DatabaseError).code).toBe('DB_OPEN_FAILED');
  });
});
