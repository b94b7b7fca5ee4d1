// The public portal draws its choropleth from the plan's own boundaries (the plan folder's boundaries.yaml and
// GeoJSON, stored with the plan), and only from a reviewed map: without a 审图号 there is no map. The deployment's
// ECOPLAN_PORTAL_GEOJSON + ECOPLAN_PORTAL_MAP_APPROVAL still override it (docs/portal.md).
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Plan } from '../src/plan/model.js';
import { readPlanFolder } from '../src/planfolder/read.js';
import { PageContext } from '../src/portal/layout.js';
import { loadPortalInput, planGeo } from '../src/portal/load.js';
import { buildPortalModel } from '../src/portal/model.js';
import { countiesPage } from '../src/portal/pages.js';
import { recordObservations } from '../src/store/observations.js';
import { seedPlan } from '../src/store/plans.js';
import { EXAMPLE_COUNTY_DIR, tempDir } from './helpers/planFolder.js';
import { seededDatabase } from './helpers/store.js';

const REVIEWED = 'example-county-reviewed';
const APPROVAL = '测试S(2099)000号'; // not a real number: the map is synthetic

let store: Awaited<ReturnType<typeof seededDatabase>>;
let example: Plan;
let reviewed: Plan;
let reviewedDir: string;

async function seedFolder(dir: string): Promise<Plan> {
  const folder = readPlanFolder(dir);
  if (!folder.result.ok) throw new Error(JSON.stringify(folder.result.problems.slice(0, 3)));
  await seedPlan(store.db, folder.result.plan, folder.contentHash, { isDefault: false, boundaries: folder.boundaries });
  return folder.result.plan;
}

beforeAll(async () => {
  store = await seededDatabase();
  example = await seedFolder(EXAMPLE_COUNTY_DIR);
  // The same plan under another id, its boundaries.yaml giving a 审图号.
  reviewedDir = join(tempDir(), 'plan');
  cpSync(EXAMPLE_COUNTY_DIR, reviewedDir, { recursive: true });
  const edit = (file: string, from: string, to: string) => {
    const path = join(reviewedDir, file);
    const before = readFileSync(path, 'utf8');
    if (!before.includes(from)) throw new Error(`${file} has no ${from}`);
    writeFileSync(path, before.replace(from, to));
  };
  edit('plan.yaml', 'id: example-county-2024-2035', `id: ${REVIEWED}`);
  edit('boundaries.yaml', 'reviewNumber: null', `reviewNumber: "${APPROVAL}"`);
  reviewed = await seedFolder(reviewedDir);
  // Approved 2024 forest cover of two towns: 云岭乡 85.1 (best), 青山镇 80.5.
  const obs = (regionCode: string, valueText: string) => ({ indicatorCode: 9, regionCode, year: 2024, kind: 'value' as const, valueText, state: null, checks: [], source: '合成示例数据', note: null, reason: null });
  for (const planId of [REVIEWED, example.meta.id])
    await recordObservations(store.db, planId, [obs('990121201', '85.1'), obs('990121101', '80.5')], { origin: 'import', recordedBy: 'seed', status: 'approved' });
});
afterAll(() => store.db.destroy());
afterEach(() => vi.unstubAllEnvs());

const counties = async (plan: Plan) => countiesPage(buildPortalModel(await loadPortalInput(store.db, plan, 1, { currentYear: 2025 })), new PageContext({ lang: 'zh', large: false }, 'counties.html'));

describe("the portal's map comes from the plan folder", () => {
  it('draws every feature of the folder’s GeoJSON, shaded by the towns’ approved values, with the folder’s 审图号', async () => {
    vi.stubEnv('ECOPLAN_PORTAL_GEOJSON', '');
    const html = await counties(reviewed);
    const maps = html.match(/<svg class="chart map".*?<\/svg>/g) ?? [];
    expect(maps).toHaveLength(1); // only indicator 9 has town values
    // One path per feature of boundaries/towns.synthetic.geojson, read here from the folder itself.
    const features = (JSON.parse(readFileSync(join(reviewedDir, 'boundaries/towns.synthetic.geojson'), 'utf8')) as { features: unknown[] }).features;
    expect(maps[0]!.match(/<path /g)).toHaveLength(features.length);
    // Five shades from light to dark: the best value is darkest, the lowest lightest; towns without a value grey,
    // titled by their code (the folder names features; the portal found each name's code in regions.yaml).
    expect(maps[0]).toContain('fill="#08519c" stroke="#333" stroke-width="0.8"><title>云岭乡 85.1</title>');
    expect(maps[0]).toContain('fill="#deebf7" stroke="#333" stroke-width="0.8"><title>青山镇 80.5</title>');
    expect(maps[0]).toContain('fill="#f0f0f0" stroke="#333" stroke-width="0.8"><title>990121001</title>');
    expect(html).toContain(`审图号：${APPROVAL}`);
  });

  it('draws no map from a folder whose boundaries have no 审图号 (the repository’s example, like Shaoguan’s)', async () => {
    expect(await planGeo(store.db, example)).toBeNull();
    expect(await planGeo(store.db, store.plan)).toBeNull();
    const html = await counties(example);
    expect(html).not.toContain('class="chart map"');
    expect(html).toContain('未配置经审核批准的行政区划边界');
    expect(html).toContain('云岭乡'); // the ranked table is there
  });

  it("the deployment's GeoJSON and 审图号 override the folder's", async () => {
    const file = join(tempDir(), 'override.geojson');
    const square = [[[100.2, 30.2], [100.3, 30.2], [100.3, 30.3], [100.2, 30.3], [100.2, 30.2]]];
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '990121201' }, geometry: { type: 'Polygon', coordinates: square } }] }));
    vi.stubEnv('ECOPLAN_PORTAL_GEOJSON', file);
    vi.stubEnv('ECOPLAN_PORTAL_MAP_APPROVAL', '部署S(2099)001号');
    const html = await counties(reviewed);
    const map = html.match(/<svg class="chart map".*?<\/svg>/)![0];
    expect(map.match(/<path /g)).toHaveLength(1);
    expect(html).toContain('审图号：部署S(2099)001号');
    expect(html).not.toContain(APPROVAL);
  });
});
