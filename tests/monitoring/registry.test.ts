// The registries of stations and sections as users keep them: field-level validation, registering and changing
// entries over HTTP (admins and reviewers; a change needs a reason; audited before → after), registering from a table
// on the command line (all or nothing), and what it opens: a registered drinking-water source gives indicator 29.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitoringRegistry } from '../../src/cli/monitoring.js';
import { importMonitoringFile } from '../../src/importers/monitoring.js';
import { validateSection, validateStation } from '../../src/monitoring/registry.js';
import { appWithAccounts, type Session } from '../helpers/app.js';
import { tempDir } from '../helpers/planFolder.js';

let ctx: Awaited<ReturnType<typeof appWithAccounts>>;
const REGIONS = [
  { code: '440200', name: '韶关市' },
  { code: '440281', name: '乐昌市' },
];
beforeAll(async () => {
  ctx = await appWithAccounts();
});
afterAll(() => ctx.close());

const put = (url: string, who: string, payload: object) => {
  const s = ctx.sessions[who] as Session;
  return ctx.app.inject({ method: 'PUT', url, payload, headers: s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {} });
};

describe('registry entries are validated field by field', () => {
  it('accepts a station in Chinese or English terms and names every bad field', () => {
    const ok = validateStation({ code: 'LC01', name: '乐昌市监测站', region: '乐昌市', lon: '113.35', lat: '25.13', level: '省控', source: '乐昌市生态环境局' }, REGIONS);
    expect(ok).toEqual({ entry: { code: 'LC01', name: '乐昌市监测站', region: '440281', lon: 113.35, lat: 25.13, level: 'provincial', source: '乐昌市生态环境局', note: null } });
    const bad = validateStation({ code: 'LC 01', name: '', region: '440999', lon: '200', lat: 'north', level: '县控', source: '' }, REGIONS);
    expect('issues' in bad && bad.issues.map((i) => i.field)).toEqual(['code', 'name', 'region', 'lon', 'lat', 'level', 'source']);
    expect('issues' in bad && bad.issues.find((i) => i.field === 'lon')!.message).toBe('经度“200”应为 -180 到 180 之间的十进制度数');
  });
  it('accepts a section with 是/否 and Ⅲ, and refuses an unknown class', () => {
    const ok = validateSection({ code: 'DW01', name: '示例水源地', river: '南水水库', waterbody: '水库', assessment: '市考', targetClass: 'Ⅲ', drinkingWater: '是', source: 'test' }, REGIONS);
    expect('entry' in ok && ok.entry).toMatchObject({ waterbody: 'lake', assessment: '市考', targetClass: 'III', drinkingWater: true, region: null });
    const bad = validateSection({ code: 'DW02', name: 'x', river: 'y', waterbody: 'river', assessment: '国考', targetClass: '劣V', drinkingWater: 'maybe', source: 's' }, REGIONS);
    expect('issues' in bad && bad.issues.map((i) => i.field)).toEqual(['drinkingWater', 'targetClass']);
  });
});

describe('registering over HTTP', () => {
  it('lets a reviewer add a station, asks a reason to change it, audits both, and refuses others', async () => {
    const url = '/api/v1/monitoring/air/stations/LC01';
    const body = { name: '乐昌市监测站', region: '440281', lon: 113.35, lat: 25.13, level: 'provincial', source: '乐昌市生态环境局' };
    expect((await put(url, 'anonymous', body)).statusCode).toBe(401);
    expect((await put(url, 'water', body)).statusCode).toBe(403);
    expect((await put(url, 'reviewer', body)).json()).toEqual({ added: 1, changed: 0, unchanged: 0 });
    expect((await put(url, 'reviewer', body)).json()).toEqual({ added: 0, changed: 0, unchanged: 1 });
    const noReason = await put(url, 'reviewer', { ...body, lat: 25.14 });
    expect([noReason.statusCode, noReason.json().code]).toEqual([409, 'REASON_REQUIRED']);
    expect((await put(url, 'reviewer', { ...body, lat: 25.14, reason: '复测坐标' })).json()).toEqual({ added: 0, changed: 1, unchanged: 0 });
    const stations = (await ctx.app.inject({ url: '/api/v1/monitoring/air/stations' })).json().stations;
    expect(stations.find((s: { code: string }) => s.code === 'LC01')).toMatchObject({ name: '乐昌市监测站', region: '440281', regionName: '乐昌市', lat: 25.14, level: 'provincial' });
    const audits = await ctx.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'monitoring.station.save').orderBy('seq').execute();
    expect(audits).toHaveLength(2);
    const last = JSON.parse(audits[1]!.detail!);
    expect([last.before.lat, last.after.lat, last.reason]).toEqual([25.13, 25.14, '复测坐标']);
  });

  it('refuses a body of the wrong shape, or with a field the registry does not accept, naming the field; nothing is written', async () => {
    const url = '/api/v1/monitoring/water/sections/DW09';
    const section = { name: '示例断面', river: '北江', waterbody: 'river', assessment: '国考', targetClass: 'II', source: 'test' };
    // The shape the API declares: a water body is river or lake, a coordinate a number.
    const shape = await put(url, 'reviewer', { ...section, waterbody: 'sea', lon: '113.6' });
    expect(shape.statusCode).toBe(400);
    expect(shape.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body/lon' }, { path: 'body/waterbody' }] });
    expect(shape.json().message).toBe('请求参数无效：body/lon 无效输入：期望 数字，实际接收 string；body/waterbody 无效选项：期望以下之一 "river"|"lake"');
    expect(shape.json().messageEn).toContain('body/waterbody Invalid option');
    // The content the registry checks: a region of the plan, a name.
    const content = await put(url, 'reviewer', { ...section, region: '440999', name: ' ' });
    expect(content.statusCode).toBe(400);
    expect(content.json().message).toContain('name：断面名称不能为空');
    expect(content.json().message).toContain('region：行政区“440999”不是本规划的行政区');
    expect(content.json().messageEn).toContain('region: region "440999" is not one of the plan\'s regions');
    const sections = (await ctx.app.inject({ url: '/api/v1/monitoring/water/sections' })).json().sections as { code: string }[];
    expect(sections.map((x) => x.code)).not.toContain('DW09');
  });

  it('a registered drinking-water source with samples gives indicator 29', async () => {
    const section = { name: '示例水源地', river: '示例水库', waterbody: 'lake', assessment: '市考', targetClass: 'III', drinkingWater: true, region: '440203', source: 'test' };
    const s = await put('/api/v1/monitoring/water/sections/DW01', 'reviewer', { ...section, targetClass: 'II' });
    expect(s.json()).toEqual({ added: 1, changed: 0, unchanged: 0 });
    // a section is changed like a station: with a reason
    expect((await put('/api/v1/monitoring/water/sections/DW01', 'reviewer', { ...section, reason: '按水源地保护区划定方案，目标为Ⅲ类' })).json()).toEqual({ added: 0, changed: 1, unchanged: 0 });
    const listed = (await ctx.app.inject({ url: '/api/v1/monitoring/water/sections' })).json().sections.find((x: { code: string }) => x.code === 'DW01');
    expect(listed).toMatchObject({ targetClass: 'III', drinkingWater: true, waterbody: 'lake' });
    const dir = tempDir();
    const file = join(dir, 'dw01.csv');
    // Class II on every item measured (NH3-N ≤ 0.5, TP for lakes ≤ 0.025, CODMn ≤ 4 mg/L): a good source.
    writeFileSync(file, 'section,date,item,value\nDW01,2024-03-10,氨氮,0.3\nDW01,2024-03-10,总磷,0.02\nDW01,2024-03-10,高锰酸盐指数,3\n');
    const r = await importMonitoringFile(ctx.store.db, file, { by: { id: null, username: 'test' }, now: new Date('2025-01-01T00:00:00Z') });
    expect(r).toMatchObject({ ok: true, kind: 'water', imported: 3 });
    const values = (await ctx.app.inject({ url: '/api/v1/plans/default/monitoring/indicators?year=2024' })).json().values;
    const v29 = values.find((v: { indicatorCode: number; region: string }) => v.indicatorCode === 29 && v.region === '440200');
    expect(v29).toMatchObject({ value: '100.0', provenance: { used: ['DW01'] } });
  });
});

describe('registering from a table on the command line', () => {
  it('registers all rows or none, naming the row and field of each problem', async () => {
    const dir = tempDir();
    const good = join(dir, 'stations.csv');
    writeFileSync(good, '站点编码,站点名称,行政区代码,经度,纬度,级别,来源\nNX01,南雄市监测站,440282,114.31,25.12,省控,南雄市生态环境局\nRY01,乳源监测站,440232,113.27,24.78,市控,乳源县生态环境局\n');
    const bad = join(dir, 'stations-bad.csv');
    writeFileSync(bad, '站点编码,站点名称,行政区代码,经度,纬度,级别,来源\nSX01,始兴监测站,440222,114.06,24.95,省控,始兴县\nWY01,翁源监测站,440229,abc,24.35,省控,翁源县\n');
    const errors: string[] = [];
    const log = console.error;
    console.error = (m: string) => errors.push(m);
    try {
      expect(await monitoringRegistry(bad, { kind: 'air', db: ctx.store.path })).toBe(1);
    } finally {
      console.error = log;
    }
    expect(errors.join('\n')).toContain('stations-bad.csv 工作表');
    expect(errors.join('\n')).toMatch(/第 3 行 D 列（lon）：经度“abc”应为/);
    const codes = async () => (await ctx.store.db.selectFrom('air_stations').select('code').execute()).map((r) => r.code);
    expect(await codes()).not.toContain('SX01');
    expect(await monitoringRegistry(good, { kind: 'air', db: ctx.store.path })).toBe(0);
    expect(await codes()).toEqual(expect.arrayContaining(['NX01', 'RY01']));
  });
});
