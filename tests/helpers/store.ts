import { join } from 'node:path';
import { readPlanFolder } from '../../src/planfolder/read.js';
import { openDatabase } from '../../src/store/db.js';
import { seedPlan } from '../../src/store/plans.js';
import { SHAOGUAN_DIR, tempDir } from './planFolder.js';

/** A fresh database file in a temp dir with the Shaoguan plan seeded as the default plan. */
export async function seededDatabase() {
  const path = join(tempDir(), 'ecoplan.db');
  const opened = await openDatabase(path);
  const folder = readPlanFolder(SHAOGUAN_DIR);
  if (!folder.result.ok) throw new Error('plan folder invalid');
  await seedPlan(opened.db, folder.result.plan, folder.contentHash, { isDefault: true, schemes: folder.schemes });
  return { ...opened, plan: folder.result.plan, hash: folder.contentHash };
}
