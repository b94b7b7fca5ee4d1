// `ecoplan demo load` / `ecoplan demo remove`: the example dataset (示例数据) for 2021–2024.
import type { Kysely } from 'kysely';
import { demoObservations, OFFICIAL_VALUES } from '../demo/shaoguan.js';
import type { Plan } from '../plan/model.js';
import { currentObservations, recordObservations, removeDemoObservations } from '../store/observations.js';
import type { Database } from '../store/schema.js';
import { openStore } from './store.js';

/** Loads the example dataset; keys that already hold real data are left alone. Idempotent. */
export async function loadDemo(db: Kysely<Database>, plan: Plan): Promise<{ demo: number; official: number }> {
  const real = new Set((await currentObservations(db, plan.meta.id)).filter((o) => !o.isDemo).map((o) => `${o.indicatorCode}|${o.regionCode}|${o.year}|${o.kind}`));
  const free = <T extends { indicatorCode: number; regionCode: string; year: number; kind: string }>(xs: T[]) => xs.filter((o) => !real.has(`${o.indicatorCode}|${o.regionCode}|${o.year}|${o.kind}`));
  const official = await recordObservations(db, plan.meta.id, free(OFFICIAL_VALUES), { origin: 'import', fileName: 'shaoguan-public-data.csv', recordedBy: 'ecoplan demo' });
  const demo = await recordObservations(db, plan.meta.id, free(demoObservations(plan)), { origin: 'demo', recordedBy: 'ecoplan demo' });
  if (!official.ok || !demo.ok) throw new Error('demo data conflicts with existing demo data');
  await (await import('../demo/projects.js')).loadProjectDemo(db, plan); // issue 6: example yearly progress of the key projects
  await (await import('../demo/carbon.js')).loadCarbonDemo(db, plan); // issue 9: example carbon activity data and scenarios
  await (await import('../demo/gep.js')).loadGepDemo(db, plan); // issue 8: example GEP dataset (示例数据)
  return { demo: demo.inserted + demo.versioned, official: official.inserted };
}

export async function demoCommand(action: 'load' | 'remove', opts: { db: string; planDir?: string }): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    if (action === 'load') {
      const n = await loadDemo(store.db, store.plan);
      console.log(`✔ 已载入示例数据 ${n.demo} 条（标注“示例数据”）及公开官方数据 ${n.official} 条；删除示例数据：ecoplan demo remove / demo data loaded`);
    } else {
      const n = await removeDemoObservations(store.db, store.plan.meta.id);
      await (await import('../store/carbon.js')).removeDemoCarbon(store.db, store.plan.meta.id); // issue 9
      await (await import('../store/gep.js')).removeDemoGep(store.db, store.plan.meta.id); // issue 8
      await (await import('../demo/projects.js')).removeProjectDemo(store.db, store.plan.meta.id); // issue 6
      console.log(`✔ 已删除示例数据 ${n} 条；导入的真实数据未受影响 / ${n} demo observations removed, real data untouched`);
      const m = await (await import('../store/monitoring.js')).removeDemoMonitoring(store.db); // issue 5
      if (m.hours + m.samples + m.stations + m.sections) console.log(`✔ 已删除示例监测数据：${m.stations} 个站点、${m.hours} 个站时、${m.sections} 个断面、${m.samples} 个监测值 / demo monitoring data removed`);
    }
    return 0;
  } finally {
    await store.close();
  }
}
