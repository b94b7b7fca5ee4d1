// Opens the database for a command: creates and migrates it, loads the plan folder and seeds it if needed.
import type { Kysely } from 'kysely';
import type { Plan } from '../plan/model.js';
import { formatProblem } from '../plan/problems.js';
import { DEFAULT_PLAN_DIR, readPlanFolder } from '../planfolder/read.js';
import { DatabaseError, openDatabase } from '../store/db.js';
import { loadPlan, seedPlan, type SeedOutcome } from '../store/plans.js';
import type { Database } from '../store/schema.js';
import { AssessmentError } from '../store/assessment.js';

export interface OpenedStore {
  db: Kysely<Database>;
  dbPath: string;
  plan: Plan;
  seed: SeedOutcome;
  migrations: string[];
  close(): Promise<void>;
}

/** Prints a precise message and returns null on failure, so commands exit non-zero without a stack trace. */
export async function openStore(opts: { db: string; planDir?: string }): Promise<OpenedStore | null> {
  const folder = readPlanFolder(opts.planDir ?? DEFAULT_PLAN_DIR);
  if (!folder.result.ok) {
    console.error(`✘ 规划文件夹无效 / invalid plan folder ${folder.dir}:`);
    for (const p of folder.result.problems) console.error(`  ${formatProblem(p)}`);
    return null;
  }
  let opened;
  try {
    opened = await openDatabase(opts.db);
  } catch (e) {
    if (e instanceof DatabaseError) {
      console.error(`✘ ${e.message}`);
      return null;
    }
    throw e;
  }
  const { db } = opened;
  let seed: SeedOutcome;
  try {
    seed = await seedPlan(db, folder.result.plan, folder.contentHash, { isDefault: true, schemes: folder.schemes });
  } catch (e) {
    if (e instanceof AssessmentError) {
      console.error(`✘ ${e.zh}\n  ${e.en}`);
      await db.destroy();
      return null;
    }
    throw e;
  }
  const plan = await loadPlan(db, folder.result.plan.meta.id);
  return { db, dbPath: opened.path, plan, seed, migrations: opened.applied, close: () => db.destroy() };
}
