// GEP: a full account — every item, 11 regions, 15 years (165 region-years) — read from the database and
// computed, at current and at constant prices; target under 1 s.
// Rerun: npm run build:server && node bench/gep.js
import { demoGepFacts, demoGepPrices } from '../dist/demo/gep.js';
import { openDatabase } from '../dist/store/db.js';
import { recordFacts, recordPrices } from '../dist/store/gep.js';
import { accountOf, loadGep } from '../dist/store/gepQueries.js';
import { loadPlan, seedPlan } from '../dist/store/plans.js';
import { DEFAULT_PLAN_DIR, readPlanFolder } from '../dist/planfolder/read.js';
import { freshDbPath, median, record } from './lib.js';

const years = Array.from({ length: 15 }, (_, i) => 2010 + i);
const { db } = await openDatabase(freshDbPath());
const folder = readPlanFolder(DEFAULT_PLAN_DIR);
await seedPlan(db, folder.result.plan, folder.contentHash, { isDefault: true });
const plan = await loadPlan(db, folder.result.plan.meta.id);
const facts = demoGepFacts(plan, years);
await recordFacts(db, plan.meta.id, facts, { recordedBy: 'bench', isDemo: true });
await recordPrices(db, plan.meta.id, demoGepPrices(years), { recordedBy: 'bench', isDemo: true });

const runs = [];
let accounts = 0;
let total = 0n;
for (let k = 0; k < 5; k++) {
  const t0 = performance.now();
  const data = await loadGep(db, plan);
  total = 0n;
  accounts = 0;
  for (const r of plan.regions)
    for (const y of years) {
      total += accountOf(plan, data, r.code, y).account.totalFen;
      total += accountOf(plan, data, r.code, y, { constantYear: 2010 }).account.totalFen;
      accounts += 2;
    }
  runs.push(performance.now() - t0);
}
await db.destroy();
const ms = median(runs);
console.log(`GEP full account: ${plan.regions.length} regions × ${years.length} years, ${facts.length} facts, ${accounts} accounts (current + constant prices)`);
console.log(`  load + compute: median ${ms.toFixed(0)} ms over ${runs.length} runs (min ${Math.min(...runs).toFixed(0)}, max ${Math.max(...runs).toFixed(0)}); target < 1000 ms: ${ms < 1000 ? 'met' : 'NOT met'}`);
console.log(`  check sum ${total}`);
record({ id: 'gep', issue: 8, target: 'full GEP account, 11 regions × 15 years < 1 s', command: 'node bench/gep.js', figure: `median ${ms.toFixed(0)} ms (load + ${accounts} accounts, ${facts.length} facts)`, value: ms, limit: 1000, unit: 'ms' });
console.log('  rerun: npm run build:server && node bench/gep.js');
