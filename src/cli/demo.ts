// `ecoplan demo load` / `ecoplan demo remove`: the example dataset (示例数据) for 2021–2024.
import { sql, type Kysely } from 'kysely';
import { VISIBLE_HOURS } from '../store/visibleHours.js';
import { demoObservations, OFFICIAL_VALUES } from '../demo/shaoguan.js';
import type { Plan } from '../plan/model.js';
import { currentObservations, recordObservations, removeDemoObservations } from '../store/observations.js';
import type { Database } from '../store/schema.js';
import { openStore } from './store.js';

/** The year of the demo's monitoring data (the last year of the example dataset) and its number of stations. */
export const DEMO_MONITORING = { year: 2024, stations: 6 } as const;

/**
 * What `serve --demo` adds to the example dataset so that no page opens empty: a year of synthetic monitoring data
 * (DEMO_MONITORING) and an open reporting round for the year after the example data (2025), opened by the demo
 * administrator with a deadline 60 days ahead. Each part only when absent (a restart adds nothing).
 */
export async function loadDemoExtras(db: Kysely<Database>, plan: Plan): Promise<{ monitoring: string | null; round: number | null }> {
  let monitoring: string | null = null;
  const { year, stations } = DEMO_MONITORING;
  const hasHours = await db
    .selectFrom('air_days')
    .select('station_code')
    .where('station_code', 'like', 'DEMO%')
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .where(sql<boolean>`${sql.raw(VISIBLE_HOURS)}`)
    .limit(1)
    .executeTakeFirst();
  if (!hasHours) {
    const { loadDemoMonitoring } = await import('./monitoring.js');
    const r = await loadDemoMonitoring(db, { stations, year });
    monitoring = `${stations} 个示例站点 ${year} 年 ${r.air.stored} 个站时、${r.water.stored} 个水质监测值 / ${r.air.stored} station-hours, ${r.water.stored} water values`;
  }
  let round: number | null = null;
  const { listRounds, openRound } = await import('../store/rounds.js');
  if (!(await listRounds(db, plan.meta.id)).length) {
    const { findUserRow } = await import('../store/users.js');
    const admin = await findUserRow(db, 'admin');
    if (admin) {
      const deadline = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
      round = 2025;
      await openRound(db, plan.meta.id, round, deadline, { id: admin.id, username: admin.username });
    }
  }
  return { monitoring, round };
}

/** Loads the example dataset; keys that already hold real data are left alone. Idempotent. */
export async function loadDemo(db: Kysely<Database>, plan: Plan): Promise<{ demo: number; official: number }> {
  const real = new Set((await currentObservations(db, plan.meta.id)).filter((o) => !o.isDemo).map((o) => `${o.indicatorCode}|${o.regionCode}|${o.year}|${o.kind}`));
  const free = <T extends { indicatorCode: number; regionCode: string; year: number; kind: string }>(xs: T[]) => xs.filter((o) => !real.has(`${o.indicatorCode}|${o.regionCode}|${o.year}|${o.kind}`));
  const official = await recordObservations(db, plan.meta.id, free(OFFICIAL_VALUES), { origin: 'import', fileName: 'shaoguan-public-data.csv', recordedBy: 'ecoplan demo' });
  const demo = await recordObservations(db, plan.meta.id, free(demoObservations(plan)), { origin: 'demo', recordedBy: 'ecoplan demo' });
  if (!official.ok || !demo.ok) throw new Error('demo data conflicts with existing demo data');
  await (await import('../demo/projects.js')).loadProjectDemo(db, plan); // example yearly progress of the key projects
  await (await import('../demo/carbon.js')).loadCarbonDemo(db, plan); // example carbon activity data and scenarios
  await (await import('../demo/gep.js')).loadGepDemo(db, plan); // example GEP dataset (示例数据)
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
      await (await import('../store/carbon.js')).removeDemoCarbon(store.db, store.plan.meta.id);
      await (await import('../store/gep.js')).removeDemoGep(store.db, store.plan.meta.id);
      await (await import('../demo/projects.js')).removeProjectDemo(store.db, store.plan.meta.id);
      console.log(`✔ 已删除示例数据 ${n} 条；导入的真实数据未受影响 / ${n} demo observations removed, real data untouched`);
      const m = await (await import('../store/monitoring.js')).removeDemoMonitoring(store.db);
      if (m.hours + m.samples + m.stations + m.sections) console.log(`✔ 已删除示例监测数据：${m.stations} 个站点、${m.hours} 个站时、${m.sections} 个断面、${m.samples} 个监测值 / demo monitoring data removed`);
    }
    return 0;
  } finally {
    await store.close();
  }
}
