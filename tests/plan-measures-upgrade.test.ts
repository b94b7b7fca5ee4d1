// Plans stored before indicators named their measures (which indicator takes the value ecoplan computes from
// monitoring, carbon or survey data). A plan revised since then keeps its revisions but takes its measures from its
// folder, in every stored version, once and audited; a plan loaded with `plan load` takes them when loaded again.
// Without this, their computed values have no indicator and are refused.
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { planLoad } from '../src/cli/plan.js';
import { openStore, type OpenedStore } from '../src/cli/store.js';
import { indicatorOfMeasure, type Plan } from '../src/plan/model.js';
import { planInForce } from '../src/plan/revisions.js';
import { loadRawFolder, readPlanFolder } from '../src/planfolder/read.js';
import { decideRevision, proposeRevision } from '../src/store/planRevisions.js';
import { loadPlan } from '../src/store/plans.js';
import type { Database } from '../src/store/schema.js';
import { createUser } from '../src/store/users.js';
import { brokenPlanFolder, EXAMPLE_COUNTY_DIR, SHAOGUAN_DIR, tempDir } from './helpers/planFolder.js';

/** The folder as it was before measures: every `measure:` line taken out (all of them, or all but the first). */
const withoutMeasures = (from: string, keepFirst = false) =>
  brokenPlanFolder({ 'indicators.yaml': (t) => { let seen = false; return t.replace(/^\s*measure: .*\n/gm, (line) => (keepFirst && !seen ? ((seen = true), line) : '')); } }, from);

const folderPlan = (dir: string): Plan => {
  const f = readPlanFolder(dir);
  if (!f.result.ok) throw new Error(`${dir} invalid`);
  return f.result.plan;
};
const measures = (p: Pick<Plan, 'indicators'>) => Object.fromEntries(p.indicators.filter((x) => x.measure).map((x) => [x.code, x.measure]));
const fills = async (db: Kysely<Database>) => db.selectFrom('audit_log').selectAll().where('action', '=', 'plan.measures.fill').execute();

/** Proposes (one administrator) and approves (another) a revision changing one target, from a folder's files. */
async function revise(db: Kysely<Database>, dir: string, planId: string, code: number, horizon: string, text: string, effectiveYear: number) {
  const users = await Promise.all(
    (['admin', 'reviewer'] as const).map((role) => createUser(db, { username: `${planId}-${role}`, displayName: role, passwordHash: 'x', role, planId: null, departmentId: null })),
  );
  const raw = loadRawFolder(dir);
  if (!raw.ok) throw new Error('folder invalid');
  raw.files['indicators.yaml'].find((x) => x.code === code)!.targets[horizon] = text;
  const { no } = await proposeRevision(db, planId, raw.files, { effectiveYear, reason: '中期评估', document: '测试批复' }, { userId: users[0]!.id, username: users[0]!.username });
  await decideRevision(db, planId, no, 'approve', { userId: users[1]!.id, username: users[1]!.username }, null);
}

let stores: OpenedStore[] = [];
const open = async (db: string, planDir: string) => {
  const s = await openStore({ db, planDir });
  if (!s) throw new Error('store did not open');
  stores.push(s);
  return s;
};
beforeEach(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(async () => {
  await Promise.all(stores.map((s) => s.close()));
  stores = [];
  vi.restoreAllMocks();
});

describe('the default plan, revised before measures', () => {
  it('keeps its revision and takes the folder’s measures in every version, once, audited', async () => {
    const db = join(tempDir(), 'upgrade.db');
    const old = await open(db, withoutMeasures(SHAOGUAN_DIR));
    const planId = old.plan.meta.id;
    expect(measures(old.plan)).toEqual({});
    await revise(old.db, withoutMeasures(SHAOGUAN_DIR), planId, 13, '2035', '≥75.5', 2026);
    await old.close();
    stores = [];

    const expected = measures(folderPlan(SHAOGUAN_DIR));
    expect(Object.keys(expected)).toHaveLength(9);
    const now = await open(db, SHAOGUAN_DIR);
    expect(now.seed).toBe('revised');
    expect(measures(now.plan)).toEqual(expected);
    // The revision stands: its target, and the version before it, which has the measures too.
    expect(now.plan.indicators.find((x) => x.code === 13)!.targets['2035']!.text).toBe('≥75.5');
    expect(now.plan.earlier).toHaveLength(1);
    expect(measures(now.plan.earlier![0]!)).toEqual(expected);
    // A computed value of 2025 (the first version) and of 2026 (the revision) has its indicator again.
    for (const year of [2025, 2026]) expect(indicatorOfMeasure(planInForce(now.plan, year), 'air.goodDayRatio')?.code).toBe(Number(Object.entries(expected).find(([, m]) => m === 'air.goodDayRatio')![0]));
    const audit = await fills(now.db);
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail!)).toMatchObject({ versions: [0, 1] });
    expect(JSON.parse(audit[0]!.detail!).indicators).toHaveLength(9);

    // Once: opening again changes nothing and audits nothing more.
    await now.close();
    stores = [];
    const again = await open(db, SHAOGUAN_DIR);
    expect(measures(again.plan)).toEqual(expected);
    expect(await fills(again.db)).toHaveLength(1);
  });

  it('leaves a plan alone that names a measure anywhere: its measures are its own choice', async () => {
    const db = join(tempDir(), 'chosen.db');
    const one = withoutMeasures(SHAOGUAN_DIR, true);
    const old = await open(db, one);
    const chosen = measures(old.plan);
    expect(Object.keys(chosen)).toHaveLength(1);
    await revise(old.db, one, old.plan.meta.id, 13, '2035', '≥75.5', 2026);
    await old.close();
    stores = [];
    const now = await open(db, SHAOGUAN_DIR);
    expect(now.seed).toBe('revised');
    expect(measures(now.plan)).toEqual(chosen);
    expect(await fills(now.db)).toHaveLength(0);
  });

  it('fills only indicators whose number, name and unit are the folder’s', async () => {
    const db = join(tempDir(), 'renamed.db');
    const expected = measures(folderPlan(SHAOGUAN_DIR));
    const [renamed] = Object.keys(expected).map(Number);
    const dir = withoutMeasures(SHAOGUAN_DIR);
    const old = await open(db, dir);
    const raw = loadRawFolder(dir);
    if (!raw.ok) throw new Error('folder invalid');
    // The stored plan calls that indicator something else: it may not be what the folder measures.
    await revise(old.db, dir, old.plan.meta.id, 13, '2035', '≥75.5', 2026);
    await old.db.updateTable('indicators').set({ unit: '个' }).where('plan_id', '=', old.plan.meta.id).where('code', '=', renamed!).execute();
    await old.close();
    stores = [];
    const now = await open(db, SHAOGUAN_DIR);
    const got = measures(now.plan);
    expect(got[renamed!]).toBeUndefined();
    expect(Object.keys(got)).toHaveLength(8);
  });
});

describe('a plan loaded with `plan load` before measures', () => {
  it('takes its measures when the folder is loaded again, and then is the folder’s', async () => {
    const db = join(tempDir(), 'load.db');
    await open(db, SHAOGUAN_DIR);
    const stripped = withoutMeasures(EXAMPLE_COUNTY_DIR);
    expect(await planLoad(stripped, { db })).toBe(0);
    const county = folderPlan(EXAMPLE_COUNTY_DIR);
    const s = stores[0]!;
    expect(measures(await loadPlan(s.db, county.meta.id))).toEqual({});

    expect(await planLoad(EXAMPLE_COUNTY_DIR, { db })).toBe(0);
    expect(measures(await loadPlan(s.db, county.meta.id))).toEqual(measures(county));
    expect(Object.keys(measures(county)).length).toBeGreaterThan(0);
    expect(await fills(s.db)).toHaveLength(1);
    // Loaded again: unchanged, nothing more written.
    const log = vi.mocked(console.log);
    log.mockClear();
    expect(await planLoad(EXAMPLE_COUNTY_DIR, { db })).toBe(0);
    expect(log.mock.calls.flat().join('\n')).toContain('内容未变');
    expect(await fills(s.db)).toHaveLength(1);
  });

  it('still refuses a folder that differs in more than its measures, after filling them', async () => {
    const db = join(tempDir(), 'load-other.db');
    await open(db, SHAOGUAN_DIR);
    expect(await planLoad(withoutMeasures(EXAMPLE_COUNTY_DIR), { db })).toBe(0);
    const county = folderPlan(EXAMPLE_COUNTY_DIR);
    // Indicator 2's 2035 target raised, as in tests/cli-plan-revisions.
    const target = county.indicators.find((x) => x.code === 2)!;
    const changed = brokenPlanFolder({ 'indicators.yaml': (t) => t.replace('targets: {"2027": "≥20.0", "2035": "≥22.0"}', 'targets: {"2027": "≥20.0", "2035": "≥25.0"}') }, EXAMPLE_COUNTY_DIR);
    const err = vi.mocked(console.error);
    expect(await planLoad(changed, { db })).toBe(1);
    expect(err.mock.calls.flat().join('\n')).toContain('只能以修订方式变更');
    const stored = await loadPlan(stores[0]!.db, county.meta.id);
    expect(measures(stored)).toEqual(measures(county));
    expect(stored.indicators.find((x) => x.code === target.code)!.targets['2035']!.text).toBe(target.targets['2035']!.text);
  });
});
