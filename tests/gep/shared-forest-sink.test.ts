// The forest carbon sink is computed once (the carbon inventory's stock-difference method) and the GEP
// carbon-sequestration item takes that figure for forests when no forest quantity or NEP was entered.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeInventory } from '../../src/carbon/inventory.js';
import { recordFacts, recordPrices } from '../../src/store/gep.js';
import { accountResponse, loadGep } from '../../src/store/gepQueries.js';
import { loadCarbonContext, saveActivity } from '../../src/store/carbon.js';
import { seededDatabase } from '../helpers/store.js';

type Store = Awaited<ReturnType<typeof seededDatabase>>;
let store: Store;
beforeEach(async () => {
  store = await seededDatabase();
  const planId = store.plan.meta.id;
  await recordFacts(store.db, planId, [{ kind: 'extent', region: '440204', year: 2023, key: 'forest', value: '1000', unit: 'hm²', source: 'test' }], { recordedBy: 'test' });
  await recordPrices(store.db, planId, [{ key: 'price.carbon', year: 2023, value: '50', unit: '元/tCO2', source: 'test' }], { recordedBy: 'test' });
  // 杉木林 growing stock 100 → 101 万立方米 between the 2022 and 2023 inventories.
  const stock = (year: number, value: string) => ({
    row: null,
    reason: null,
    record: { regionCode: '440204', year, sector: 'lulucf' as const, category: 'forestStock', subsector: null, item: 'chineseFir', valueText: value, unit: '万立方米', source: 'test', note: null },
  });
  await saveActivity(store.db, planId, [stock(2022, '100'), stock(2023, '101')], { id: null, username: 'test' });
});
afterEach(() => store.db.destroy());

const forestCo2 = (a: ReturnType<typeof accountResponse>) => {
  const item = (a as { items: { id: string; lines: { type: string; quantity: number; unit: string }[] }[] }).items.find((i) => i.id === 'carbon_sequestration')!;
  return item.lines.find((l) => l.type === 'forest');
};

describe('one forest sink for the carbon inventory and the GEP account', () => {
  it('takes the inventory’s forest sink as the GEP forest quantity when none was entered', async () => {
    const a = accountResponse(store.plan, await loadGep(store.db, store.plan), { region: '440204', year: 2023 });
    // ΔV = 1 万 m³ = 10 000 m³ in one year; 杉木 SVD 0.307, BEF 1.634, R 0.246, CF 0.52 (shipped factor table):
    // 10 000 × 0.307 × 1.634 × 1.246 × 0.52 = 3 250.2129 t C; × 44/12 = 11 917.447 t CO2
    expect(forestCo2(a)!.quantity).toBeCloseTo(11917.447, 2);
    // valued at 50 元/t CO2: 11 917.447 × 50 = 595 872.37 元
    expect((a as { items: { id: string; yuan: string }[] }).items.find((i) => i.id === 'carbon_sequestration')!.yuan).toBe('595872.37');
    expect((a as { sharedForestSink: { source: string } }).sharedForestSink.source).toContain('蓄积量变化法');
    // … and it is the very figure of the inventory's LULUCF line (a removal, negative there).
    const ctx = await loadCarbonContext(store.db, store.plan.meta.id);
    const inv = computeInventory(ctx.index, { year: 2023, regionCode: '440204', regions: store.plan.regions, factors: ctx.factors });
    expect(inv.totals.lulucf).toBeCloseTo(-forestCo2(a)!.quantity, 3);
  });

  it('keeps an entered NEP (the model input) instead of the inventory figure', async () => {
    await recordFacts(store.db, store.plan.meta.id, [{ kind: 'input', region: '440204', year: 2023, key: 'nep', sub: 'forest', value: '2', unit: 'tC/(hm²·a)', source: 'test' }], { recordedBy: 'test' });
    const a = accountResponse(store.plan, await loadGep(store.db, store.plan), { region: '440204', year: 2023 });
    // 44/12 × 2 t C/hm² × 1000 hm² = 7 333.333 t CO2
    expect(forestCo2(a)!.quantity).toBeCloseTo(7333.333, 2);
    expect((a as { sharedForestSink: unknown }).sharedForestSink).toBeNull();
  });
});
