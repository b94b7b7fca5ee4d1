// Monitoring for each plan of a deployment (issue 18): the registry of stations and sections is one, each plan sees
// and computes from the entries in its own area, and values computed from monitoring, the carbon accounts or the
// survey go to the plan's own indicator of that measure (the county plan's good-day ratio is its indicator 5, not
// Shaoguan's 7).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMonitoringFile } from '../src/importers/monitoring.js';
import { syntheticAirCsv } from '../src/monitoring/synthetic.js';
import { appWithCountyPlan, type Session } from './helpers/app.js';
import { EXAMPLE_COUNTY_DIR, tempDir } from './helpers/planFolder.js';
import { loadRawFolder } from '../src/planfolder/read.js';
import { answer } from './survey/helpers.js';
import { starterDefinition } from '../src/survey/model.js';

const COUNTY = 'example-county-2024-2035';
const SHAOGUAN = 'shaoguan-2021-2035';
const C = `/api/v1/plans/${COUNTY}`;
const S = `/api/v1/plans/${SHAOGUAN}`;
const YEAR = 2024;
const BITS = 4;
const STATION = { name: '青山镇站（合成）', region: '990121101', level: 'national', lon: 113.1, lat: 24.9, source: '合成示例数据 / synthetic' };

let app: FastifyInstance;
let store: Awaited<ReturnType<typeof appWithCountyPlan>>['store'];
let sessions: Record<string, Session> = {};

beforeAll(async () => {
  ({ app, store, sessions } = await appWithCountyPlan(
    [
      ['c-admin', 'admin', COUNTY, null],
      ['c-reviewer', 'reviewer', COUNTY, 'sthjfj'],
      ['s-reviewer', 'reviewer', SHAOGUAN, 'sthjj'],
    ],
    { survey: { powBits: BITS, rateLimit: 1000 } },
  ));
}, 60_000);
afterAll(async () => {
  await app.close();
  await store.db.destroy();
});

const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: string | null, payload?: object) =>
  app.inject({ method, url, payload, headers: who ? { cookie: sessions[who]!.cookie, 'x-csrf-token': sessions[who]!.csrf } : {} });
const codes = async (url: string) => ((await call('GET', url, null)).json() as { stations?: { code: string }[]; sections?: { code: string }[] });

type Computed = { indicatorCode: number; measure: string; region: string; value: string | null; provenance: { used: string[] } };

describe('each plan its own stations and computed indicators', () => {
  it('the county plan lists none of the city’s stations and sections; the city’s still lists its own', async () => {
    const city = await codes(`${S}/monitoring/air/stations`);
    expect(city.stations!.length).toBeGreaterThan(0);
    expect((await codes(`${C}/monitoring/air/stations`)).stations).toEqual([]);
    expect((await codes(`${C}/monitoring/water/sections`)).sections).toEqual([]);
    // The paths without a plan are the default plan's, as before.
    expect((await codes('/api/v1/monitoring/air/stations')).stations).toEqual(city.stations);
  });

  it('a reviewer of the county registers a station in a town: it is the county’s, not the city’s', async () => {
    const put = await call('PUT', `${C}/monitoring/air/stations/XS01`, 'c-reviewer', STATION);
    expect(put.statusCode, put.body).toBe(200);
    expect((await codes(`${C}/monitoring/air/stations`)).stations!.map((s) => s.code)).toEqual(['XS01']);
    expect((await codes(`${S}/monitoring/air/stations`)).stations!.map((s) => s.code)).not.toContain('XS01');
    // A region outside the plan is refused by the plan's own list of regions.
    const outside = await call('PUT', `${C}/monitoring/air/stations/XS02`, 'c-reviewer', { ...STATION, region: '440203' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().message).toContain('region');
  });

  it('through one plan nobody changes another plan’s station, and a reviewer of one plan cannot use the other’s path', async () => {
    const cityStation = (await codes(`${S}/monitoring/air/stations`)).stations![0]!.code;
    const foreign = await call('PUT', `${C}/monitoring/air/stations/${cityStation}`, 'c-reviewer', { ...STATION, reason: '试图改到本县' });
    expect(foreign.statusCode).toBe(409);
    expect(foreign.json()).toMatchObject({ code: 'NOT_IN_PLAN' });
    expect((await codes(`${S}/monitoring/air/stations`)).stations!.map((s) => s.code)).toContain(cityStation); // unchanged, still the city's
    expect((await call('PUT', `${C}/monitoring/air/stations/XS01`, 's-reviewer', { ...STATION, reason: 'x' })).statusCode).toBe(403);
  });

  it('a year of the town station’s data gives the county’s indicators 5 and 6, proposed into the county’s round', async () => {
    const file = join(tempDir(), 'xs01.csv');
    writeFileSync(file, [...syntheticAirCsv(['XS01'], YEAR, 'wide')].join(''));
    const imported = await importMonitoringFile(store.db, file, { by: { id: null, username: 'test' }, skipInvalid: true });
    expect(imported.ok).toBe(true);

    const county = (await call('GET', `${C}/monitoring/indicators?year=${YEAR}`, null)).json() as { values: Computed[] };
    const air = county.values.filter((v) => v.measure.startsWith('air.') && v.region === '990121');
    // The county plan's numbering: 5 is its good-day ratio, 6 its PM2.5; its 7 and 8 are water, 9 is forest cover.
    expect(air.map((v) => [v.indicatorCode, v.measure])).toEqual([[5, 'air.goodDayRatio'], [6, 'air.pm25Mean']]);
    for (const v of air) expect(v.provenance.used).toEqual(['XS01']);
    expect(air.every((v) => v.value !== null)).toBe(true);
    expect(county.values.filter((v) => v.measure.startsWith('water.')).map((v) => v.indicatorCode).sort()).toEqual([7, 8]);
    expect(county.values.some((v) => v.indicatorCode === 9 || v.indicatorCode === 10 || v.indicatorCode === 29)).toBe(false);
    // The city's figures do not use the county's station.
    const city = (await call('GET', `${S}/monitoring/indicators?year=${YEAR}`, null)).json() as { values: Computed[] };
    expect(city.values.flatMap((v) => v.provenance.used)).not.toContain('XS01');
    expect(city.values.filter((v) => v.measure === 'air.goodDayRatio').every((v) => v.indicatorCode === 7)).toBe(true);
    // The county's annual statistics are its own: its station, its regions.
    const annual = (await call('GET', `${C}/monitoring/air/annual?year=${YEAR}`, null)).json() as { stations: { code: string }[]; regions: { region: string }[] };
    expect(annual.stations.map((s) => s.code)).toEqual(['XS01']);
    expect(annual.regions.map((r) => r.region).sort()).toEqual(['990121', '990121101']);

    expect((await call('POST', `${C}/rounds`, 'c-admin', { year: YEAR, deadline: '2025-03-31' })).statusCode).toBe(200);
    const proposed = await call('POST', `${C}/monitoring/indicators/propose`, 'c-reviewer', { year: YEAR });
    expect(proposed.statusCode, proposed.body).toBe(200);
    const listed = (await call('GET', `${C}/rounds/${YEAR}/tasks?status=submitted&limit=500`, 'c-reviewer')).json() as { tasks: { indicatorCode: number; regionCode: string; submission: { valueText: string | null } }[] };
    expect(listed.tasks.map((t) => [t.indicatorCode, t.regionCode]).sort()).toEqual([[5, '990121'], [6, '990121']]);
    for (const v of air) expect(listed.tasks.find((t) => t.indicatorCode === v.indicatorCode)!.submission.valueText).toBe(v.value);
  });

  it('a plan without a carbon indicator says so instead of writing the carbon values anywhere', async () => {
    const res = await call('POST', `${C}/carbon/propose`, 'c-reviewer', { year: YEAR });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'NO_CARBON_INDICATOR' });
  });

  it('the survey’s satisfaction rate goes to the county’s indicator 21, and a rate it does not measure nowhere', async () => {
    const created = await call('POST', `${C}/surveys`, 'c-reviewer', { year: YEAR, definition: starterDefinition() });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id as string;
    expect((await call('POST', `${C}/surveys/${id}/open`, 'c-reviewer')).statusCode).toBe(200);
    // The public page asks for the respondent's town, the county plan's sub-region, and offers its towns.
    const page = (await app.inject({ method: 'GET', url: `/survey/${id}` })).body;
    expect(page).toContain('所在乡镇（街道）');
    expect(page).toContain('<option value="990121101"');
    expect(page).not.toContain('县（市、区）');
    // Three satisfied of four (5 and 4 count as satisfied on the starter's five-point scale): 75.0 %.
    for (const [i, score] of ['5', '4', '5', '2'].entries())
      expect((await answer(app, id, `10.9.0.${i + 1}`, { county: '990121101', 'q.satisfaction': score, 'q.participation': 'sorting' }, BITS)).statusCode).toBe(200);
    const res = await call('POST', `${C}/surveys/${id}/propose`, 'c-reviewer', {});
    expect(res.statusCode, res.body).toBe(200);
    // The county plan has satisfaction (21) and no participation indicator: one proposal, nothing written for 45.
    expect(res.json().results.map((r: { indicatorCode: number; status: string; valueText: string | null }) => [r.indicatorCode, r.status, r.valueText])).toEqual([[21, 'submitted', '75.0']]);
    const listed = (await call('GET', `${C}/rounds/${YEAR}/tasks?status=submitted&limit=500`, 'c-reviewer')).json() as { tasks: { indicatorCode: number }[] };
    expect(listed.tasks.map((t) => t.indicatorCode).sort((a, b) => a - b)).toEqual([5, 6, 21]);

    // The paper template, its import and the results workbook name the towns too.
    const template = await call('GET', `${C}/surveys/${id}/paper-template.xlsx`, 'c-reviewer');
    expect(template.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('纸质答卷')!;
    expect([ws.getCell('A1').value, ws.getCell('A2').value]).toEqual(['乡镇（街道）', 'county']);
    ws.getRow(3).values = ['990121999', '2024-11-02', 5, 'sorting', ''];
    const b = '----ecoplan';
    const payload = Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="paper.xlsx"\r\n\r\n`), Buffer.from(await wb.xlsx.writeBuffer()), Buffer.from(`\r\n--${b}--\r\n`)]);
    const imported = await app.inject({ method: 'POST', url: `${C}/surveys/${id}/import`, payload, headers: { cookie: sessions['c-reviewer']!.cookie, 'x-csrf-token': sessions['c-reviewer']!.csrf, 'content-type': `multipart/form-data; boundary=${b}` } });
    expect(imported.statusCode).toBe(400);
    expect(imported.json().problems[0].message).toContain('所在乡镇（街道）代码“990121999”不在本规划范围内');
    expect(imported.json().problems[0].messageEn).toContain('town code "990121999"');
    const exported = await call('GET', `${C}/surveys/${id}/export.xlsx`, 'c-reviewer');
    const out = new ExcelJS.Workbook();
    await out.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const headers = out.worksheets.flatMap((w) => (w.getRow(1).values as unknown[]).filter((v) => typeof v === 'string'));
    expect(headers).toContain('乡镇（街道） town');
    expect(headers.join('|')).not.toContain('县（市、区）');
    // The rates and the method name the county's own indicator and note, not the city's 44/45 and its table 1 note 5.
    const cells = out.worksheets.flatMap((w) => w.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.filter((v) => typeof v === 'string') : [])));
    expect(cells).toContain('满意度（指标 21） / satisfaction (indicator 21)');
    expect(cells).toContain('参与度 / participation');
    const method = ((await call('GET', `${C}/surveys/${id}/results`, 'c-reviewer')).json() as { method: string[] }).method;
    expect(method.find((l) => l.startsWith('满意度'))).toMatch(/^满意度（指标 21） = /);
    expect(method.join('\n')).not.toMatch(/指标 4[45]|注 5/);
    expect(method.join('\n')).toContain('按乡镇（街道）人口加权');
    expect(method.at(-1)).toContain('规划未规定计算口径');
  });

  it('a revision moving a measure to another indicator: its effective year’s values go there, earlier years stay', async () => {
    const raw = loadRawFolder(EXAMPLE_COUNTY_DIR);
    if (!raw.ok) throw new Error('plan folder invalid');
    const files = structuredClone(raw.files);
    const ind = files['indicators.yaml'];
    const five = ind.find((x) => x.code === 5)!;
    const added = Math.max(...ind.map((x) => x.code)) + 1;
    const { group: _group, ...rest } = structuredClone(five);
    ind.push({ ...rest, code: added, name: '优良天数比例（新口径）', nameEn: 'Share of days with good air quality (new definition)' });
    delete five.measure;
    const proposed = await call('POST', `${C}/revisions`, 'c-admin', { effectiveYear: YEAR + 1, reason: '优良天数比例改用新口径', document: '示例县政府批复（合成）', plan: files });
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect((await call('POST', `${C}/revisions/${proposed.json().revision.no}/approve`, 'c-reviewer', {})).statusCode).toBe(200);
    const file = join(tempDir(), 'xs01-next.csv');
    writeFileSync(file, [...syntheticAirCsv(['XS01'], YEAR + 1, 'wide')].join(''));
    expect((await importMonitoringFile(store.db, file, { by: { id: null, username: 'test' }, skipInvalid: true })).ok).toBe(true);
    const goodDays = async (year: number) =>
      ((await call('GET', `${C}/monitoring/indicators?year=${year}`, null)).json() as { values: Computed[] }).values.filter((v) => v.measure === 'air.goodDayRatio' && v.region === '990121').map((v) => v.indicatorCode);
    expect(await goodDays(YEAR)).toEqual([5]);
    expect(await goodDays(YEAR + 1)).toEqual([added]);
  });
});
