// The carbon example data: labelled, loaded without touching real rows, idempotent, and removed cleanly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARBON_DEMO_SOURCE, demoCarbonActivity, loadCarbonDemo } from '../../src/demo/carbon.js';
import { currentActivity, listScenarios, removeDemoCarbon, saveActivity } from '../../src/store/carbon.js';
import { seededDatabase } from '../helpers/store.js';

let store: Awaited<ReturnType<typeof seededDatabase>>;
beforeAll(async () => {
  store = await seededDatabase();
});
afterAll(() => store.db.destroy());

describe('carbon demo data', () => {
  it('labels every row 示例数据 and covers all ten counties', () => {
    const rows = demoCarbonActivity(store.plan);
    expect(rows.every((r) => r.source === CARBON_DEMO_SOURCE && r.source.startsWith('示例数据'))).toBe(true);
    expect(new Set(rows.filter((r) => r.sector !== 'macro').map((r) => r.regionCode)).size).toBe(10);
  });

  it('loads around real rows, is idempotent, and is removed without touching real data', async () => {
    const planId = store.plan.meta.id;
    const real = { regionCode: '440205', year: 2022, sector: 'ippu' as const, category: 'cementClinker', subsector: null, item: 'clinker', valueText: '123', unit: '万吨', source: '企业报表', note: null };
    await saveActivity(store.db, planId, [{ row: 1, record: real, reason: null }], { id: null, username: 'tester' });
    const first = await loadCarbonDemo(store.db, store.plan);
    expect(first.activity).toBe(demoCarbonActivity(store.plan).length - 1);
    expect(first.scenarios).toBe(3);
    expect(await loadCarbonDemo(store.db, store.plan)).toEqual({ activity: 0, scenarios: 0 });
    expect((await currentActivity(store.db, planId)).find((r) => r.category === 'cementClinker' && r.regionCode === '440205' && r.year === 2022)).toMatchObject({ valueText: '123', isDemo: false });
    await removeDemoCarbon(store.db, planId);
    expect(await currentActivity(store.db, planId)).toEqual([expect.objectContaining({ valueText: '123', recordedBy: 'tester' })]);
    expect(await listScenarios(store.db, planId)).toEqual([]);
  });
});
