// Opens the database for a command: creates and migrates it, loads the plan folder and seeds it if needed.
import { existsSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Plan } from '../plan/model.js';
import { formatProblem } from '../plan/problems.js';
import { DEFAULT_PLAN_DIR, planFolderHash } from '../planfolder/hash.js';
import { DatabaseError, isPostgresUrl, openDatabase, type OpenedDatabase } from '../store/db.js';
import { fillMissingMeasures, listPlans, loadPlan, resolvePlan, seedPlan, type SeedOutcome } from '../store/plans.js';
import type { Database } from '../store/schema.js';
import { AssessmentError } from '../store/assessment.js';

export interface OpenedStore {
  db: Kysely<Database>;
  /** The database's path or URL, as given (a PostgreSQL URL with its password: never print it; see dbLabel). */
  dbPath: string;
  /** The path, or the URL without its password: for messages and logs. */
  dbLabel: string;
  plan: Plan;
  seed: SeedOutcome;
  migrations: string[];
  close(): Promise<void>;
}

/** Prints a precise message and returns null on failure, so commands exit non-zero without a stack trace. */
export async function openStore(opts: { db: string; planDir?: string; plan?: string }): Promise<OpenedStore | null> {
  const store = await openDefault(opts);
  if (!store || !opts.plan) return store;
  // --plan ID: a plan loaded beside the default one (ecoplan plan load); the default folder is still checked and seeded.
  const ref = await resolvePlan(store.db, opts.plan);
  if (!ref) {
    const ids = (await listPlans(store.db)).map((p) => p.id).join(', ');
    console.error(`✘ 数据库中没有规划“${opts.plan}”，已有：${ids} / no plan "${opts.plan}" in the database; it holds: ${ids}`);
    await store.close();
    return null;
  }
  return { ...store, plan: await loadPlan(store.db, ref.id) };
}

async function openDefault(opts: { db: string; planDir?: string }): Promise<OpenedStore | null> {
  const dir = opts.planDir ?? DEFAULT_PLAN_DIR;
  // The usual case: an existing database already holds the plan seeded from these very files. Reading and checking
  // the folder again (YAML, every cross-reference) would only confirm it, and was a tenth of a short command's time;
  // the plan is read from the store, through the same buildPlan, as after seeding.
  const hash = isPostgresUrl(opts.db) || (opts.db !== ':memory:' && existsSync(opts.db)) ? planFolderHash(dir) : null;
  let opened: OpenedDatabase | null = null;
  if (hash) {
    opened = await open(opts.db);
    if (!opened) return null;
    const seeded = await opened.db.selectFrom('plans').select('id').where('content_hash', '=', hash).executeTakeFirst();
    if (seeded) {
      const { db } = opened;
      const plan = await loadPlan(db, seeded.id);
      return { db, dbPath: opened.location, dbLabel: opened.path, plan, seed: 'unchanged', migrations: opened.applied, close: () => db.destroy() };
    }
  }
  // Loaded on use: YAML and the folder checks are needed only when the folder is new or changed.
  const { readPlanFolder } = await import('../planfolder/read.js');
  const folder = readPlanFolder(dir);
  if (!folder.result.ok) {
    await opened?.db.destroy();
    console.error(`✘ 规划文件夹无效 / invalid plan folder ${folder.dir}:`);
    for (const p of folder.result.problems) console.error(`  ${formatProblem(p)}`);
    return null;
  }
  opened ??= await open(opts.db);
  if (!opened) return null;
  const { db } = opened;
  let seed: SeedOutcome;
  try {
    seed = await seedPlan(db, folder.result.plan, folder.contentHash, { isDefault: true, schemes: folder.schemes, boundaries: folder.boundaries });
  } catch (e) {
    if (e instanceof AssessmentError) {
      console.error(`✘ ${e.zh}\n  ${e.en}`);
      await db.destroy();
      return null;
    }
    throw e;
  }
  // A plan revised before indicators named their measures keeps its revisions, but takes its measures from the folder.
  if (seed === 'revised') {
    const filled = await fillMissingMeasures(db, folder.result.plan);
    if (filled.length)
      console.warn(
        `提示：已按规划文件夹为已修订的规划“${folder.result.plan.meta.id}”补充 ${filled.length} 项指标的计算来源（指标 ${filled.join('、')}），记入审计日志 / measures of ${filled.length} indicators (${filled.join(', ')}) of the revised plan "${folder.result.plan.meta.id}" filled in from its folder; audited`,
      );
  }
  const plan = await loadPlan(db, folder.result.plan.meta.id);
  return { db, dbPath: opened.location, dbLabel: opened.path, plan, seed, migrations: opened.applied, close: () => db.destroy() };
}

async function open(path: string) {
  try {
    return await openDatabase(path);
  } catch (e) {
    if (e instanceof DatabaseError) {
      console.error(`✘ ${e.message}`);
      return null;
    }
    throw e;
  }
}
