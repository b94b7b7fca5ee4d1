import { readPlanFolder } from '../../src/planfolder/read.js';
import { openDatabase } from '../../src/store/db.js';
import { seedPlan } from '../../src/store/plans.js';
import { freshDatabase } from './backend.js';
import { SHAOGUAN_DIR } from './planFolder.js';

/** A fresh database (a file in a temp dir, or a new PostgreSQL database: helpers/backend.ts) with the Shaoguan plan seeded as the default plan. */
export async function seededDatabase() {
  const opened = await openDatabase(await freshDatabase());
  const folder = readPlanFolder(SHAOGUAN_DIR);
  if (!folder.result.ok) throw new Error('plan folder invalid');
  await seedPlan(opened.db, folder.result.plan, folder.contentHash, { isDefault: true, schemes: folder.schemes, boundaries: folder.boundaries });
  return { ...opened, plan: folder.result.plan, hash: folder.contentHash };
}
