// The carbon API: reads need a signed-in user; writes are checked on the server by role and, for reporters, by
// sector (department) or county; bad rows write nothing; changes are versions with reasons; computed indicators
// go to the open round for approval; the workbook round-trips.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityHistory, currentActivity } from '../../src/store/carbon.js';
import { findRound, submissionsOf } from '../../src/store/rounds.js';
import { verifyAuditChain } from '../../src/store/users.js';
import { appWithAccounts, type Session } from '../helpers/app.js';

let store: Awaited<ReturnType<typeof appWithAccounts>>['store'];
let app: FastifyInstance;
let sessions: Record<string, Session>;
let close: () => Promise<void>;
const C = '/api/v1/plans/default/carbon';

beforeAll(async () => {
  ({ store, app, sessions, close } = await appWithAccounts([
    ['admin', 'admin', null],
    ['reviewer', 'reviewer', 'sthjj'],
    ['forestry', 'reporter', 'lyj'],
    ['stats', 'reporter', 'tjj'],
    ['lechang', 'reporter', 'lcs'],
    ['leader', 'viewer', null],
  ]));
});
afterAll(() => close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: string, payload?: object) =>
  app.inject({ method, url, payload, headers: sessions[who] ? { cookie: sessions[who]!.cookie, 'x-csrf-token': sessions[who]!.csrf } : {} });
const rowsNow = async () => (await currentActivity(store.db, store.plan.meta.id)).length;
const energy = (value: string, extra: object = {}) => ({ region: '440205', year: 2022, category: 'fuelCombustion', subsector: 'industry', item: 'rawCoal', value, unit: '万吨', source: '能源统计报表', ...extra });

describe('authorisation', () => {
  it('reads need a signed-in user; the catalogue and factors are public', async () => {
    expect((await call('GET', `${C}/inventory?year=2022`, 'anonymous')).statusCode).toBe(401);
    expect((await call('GET', `${C}/activity`, 'anonymous')).statusCode).toBe(401);
    expect((await call('GET', `${C}/catalogue`, 'anonymous')).statusCode).toBe(200);
    const f = await call('GET', `${C}/factors`, 'anonymous');
    expect(f.statusCode).toBe(200);
    expect(f.json().factors.find((x: { key: string }) => x.key === 'grid.south.2022')).toMatchObject({ value: 0.3869, unit: 'kgCO2/kWh', verified: 'seen' });
  });

  it('writes need a role; a viewer and anonymous write nothing', async () => {
    const before = await rowsNow();
    expect((await call('PUT', `${C}/activity`, 'anonymous', { rows: [energy('1')] })).statusCode).toBe(401);
    expect((await call('PUT', `${C}/activity`, 'leader', { rows: [energy('1')] })).statusCode).toBe(403);
    expect(await rowsNow()).toBe(before);
  });

  it('a reporter enters only the sectors of their department; the whole request is refused otherwise', async () => {
    const before = await rowsNow();
    const stock = { region: '440205', year: 2021, category: 'forestStock', item: 'chineseFir', value: '100', unit: '万立方米', source: '森林资源年度监测' };
    const denied = await call('PUT', `${C}/activity`, 'forestry', { rows: [stock, energy('1')] });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'OUT_OF_SCOPE', problems: [{ row: 2, message: expect.stringMatching(/^第 2 行：无权录入能源活动（440205）数据，市林业局可录入：土地利用变化和林业$/) }] });
    expect(await rowsNow()).toBe(before);
    const ok = await call('PUT', `${C}/activity`, 'forestry', { rows: [stock, { ...stock, year: 2022, value: '102' }] });
    expect(ok.json()).toEqual({ inserted: 2, versioned: 0, unchanged: 0 });
  });

  it('a county government enters any sector, for its own county only', async () => {
    const mine = await call('PUT', `${C}/activity`, 'lechang', { rows: [{ region: '440281', year: 2022, category: 'cementClinker', item: 'clinker', value: '1000', unit: '吨', source: '企业报表' }] });
    expect(mine.statusCode).toBe(200);
    const other = await call('PUT', `${C}/activity`, 'lechang', { rows: [{ region: '440205', year: 2022, category: 'cementClinker', item: 'clinker', value: '1000', unit: '吨', source: '企业报表' }] });
    expect(other.statusCode).toBe(403);
  });

  it('local factors are set by reviewers and admins only', async () => {
    expect((await call('PUT', `${C}/factors/grid.local.2022`, 'stats', { value: '0.4', unit: 'kgCO2/kWh', reason: 'x' })).statusCode).toBe(403);
  });
});

describe('activity data', () => {
  it('refuses bad rows with a message per row and field, writing nothing', async () => {
    const before = await rowsNow();
    const res = await call('PUT', `${C}/activity`, 'reviewer', {
      rows: [energy('5'), energy('1', { item: '褐煤' }), energy('-2', { subsector: 'services' }), energy('3', { subsector: 'transport', unit: '万千瓦时' })],
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.problems.map((p: { row: number }) => p.row)).toEqual([2, 3, 4]);
    expect(body.problems[0].message).toMatch(/^第 2 行（品种）：未知燃料“褐煤”/);
    expect(body.problems[1].message).toMatch(/^第 3 行（数值）：数值 -2 为负/);
    expect(body.problems[2].message).toMatch(/^第 4 行（单位）：单位不符/);
    expect(body.messageEn).toContain('nothing was written');
    expect(await rowsNow()).toBe(before);
  });

  it('keeps every value as a version; a change needs a reason', async () => {
    expect((await call('PUT', `${C}/activity`, 'stats', { rows: [energy('0.01')] })).json()).toEqual({ inserted: 1, versioned: 0, unchanged: 0 });
    expect((await call('PUT', `${C}/activity`, 'stats', { rows: [energy('0.01')] })).json()).toEqual({ inserted: 0, versioned: 0, unchanged: 1 });
    const refused = await call('PUT', `${C}/activity`, 'stats', { rows: [energy('0.02')] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('未写入任何数据：第 1 行：已有数值 0.01 万吨（第 1 版），修改须填写修改原因');
    expect((await call('PUT', `${C}/activity`, 'stats', { rows: [energy('0.02', { reason: '企业更正' })] })).json()).toEqual({ inserted: 0, versioned: 1, unchanged: 0 });
    expect((await call('PUT', `${C}/activity`, 'stats', { rows: [energy('0.01', { reason: '复核后恢复' })] })).statusCode).toBe(200);
    const history = await activityHistory(store.db, store.plan.meta.id, { regionCode: '440205', year: 2022, category: 'fuelCombustion', subsector: 'industry', item: 'rawCoal' });
    expect(history.map((h) => [h.version, h.value_text, h.reason, h.recorded_by])).toEqual([
      [1, '0.01', null, 'stats'],
      [2, '0.02', '企业更正', 'stats'],
      [3, '0.01', '复核后恢复', 'stats'],
    ]);
    expect((await verifyAuditChain(store.db)).problem).toBeNull();
  });
});

describe('inventory and factors', () => {
  it('computes the inventory of a county as worked out by hand', async () => {
    const res = await call('GET', `${C}/inventory?year=2022&region=440205`, 'leader');
    expect(res.statusCode).toBe(200);
    const { inventory } = res.json();
    // raw coal 100 t → 190.02988488 t CO2 (see inventory.test.ts); the forest stock 100 → 102 万m³ of fir → −23 834.894817 t
    const co2 = inventory.lines.find((l: { gas: string; category: string }) => l.category === 'fuelCombustion' && l.gas === 'CO2');
    expect(co2.mass).toBeCloseTo(190.02988488, 6);
    expect(inventory.totals.lulucf).toBeCloseTo(-23834.894817, 5);
    expect(inventory.gwpSet).toBe('AR5');
  });

  it('a local factor overrides with a reason, as a version, and the inventory uses it', async () => {
    await call('PUT', `${C}/activity`, 'stats', { rows: [{ region: '440205', year: 2022, category: 'purchasedElectricity', item: 'electricity', value: '1', unit: '亿千瓦时', source: '供电局' }] });
    const before = (await call('GET', `${C}/inventory?year=2022&region=440205`, 'leader')).json().inventory.totals.scope2;
    expect(before).toBeCloseTo(53660, 6); // 10^8 kWh × 0.5366
    const bad = await call('PUT', `${C}/factors/grid.local.2022`, 'reviewer', { value: '0.4', unit: 't/MWh', reason: '广东省2022年因子' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('因子“grid.local.2022”的单位应为 kgCO2/kWh，而不是 t/MWh');
    expect((await call('PUT', `${C}/factors/no.such.key`, 'reviewer', { value: '1', unit: 'x', reason: 'r' })).json().code).toBe('UNKNOWN_FACTOR');
    expect((await call('PUT', `${C}/factors/grid.local.2022`, 'reviewer', { value: '0.4', unit: 'kgCO2/kWh', reason: '广东省2022年电力排放因子（测试值）' })).json()).toEqual({ key: 'grid.local.2022', version: 1 });
    expect((await call('GET', `${C}/inventory?year=2022&region=440205`, 'leader')).json().inventory.totals.scope2).toBeCloseTo(40000, 6);
    expect((await call('PUT', `${C}/factors/grid.local.2022`, 'reviewer', { value: null, unit: 'kgCO2/kWh', reason: '改用官方公布值' })).json().version).toBe(2);
    expect((await call('GET', `${C}/inventory?year=2022&region=440205`, 'leader')).json().inventory.totals.scope2).toBeCloseTo(53660, 6);
    const history = (await call('GET', `${C}/factors/grid.local.2022/history`, 'leader')).json();
    expect(history.versions.map((v: { version: number; value: string | null }) => [v.version, v.value])).toEqual([[1, '0.4'], [2, null]]);
  });

  it('answers a precise message for a bad query', async () => {
    const res = await call('GET', `${C}/inventory?year=2022&region=999999`, 'leader');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('未知的行政区“999999”');
    expect((await call('GET', `${C}/inventory?year=2022&gwp=AR9`, 'leader')).statusCode).toBe(400);
  });
});

describe('proposing indicators 23 and 25', () => {
  it('answers 409 when no round is open, then submits both to the open round with provenance and the workbook', async () => {
    // City macro data: GDP 2022 at constant 2020 prices 2.5 亿元; 2021 current 2.6 亿元 with deflator 104; energy totals.
    const macro = (year: number, category: string, item: string, value: string, unit: string) => ({ region: '440200', year, category, item, value, unit, source: '统计年鉴' });
    expect(
      (
        await call('PUT', `${C}/activity`, 'stats', {
          rows: [macro(2022, 'gdp', 'constant-2020', '2.5', '亿元'), macro(2021, 'gdp', 'current', '2.6', '亿元'), macro(2021, 'gdpDeflator', 'base-2020', '104', '指数'), macro(2021, 'energyConsumption', 'total', '1', '万吨标准煤'), macro(2022, 'energyConsumption', 'total', '9800', '吨标准煤')],
        })
      ).statusCode,
    ).toBe(200);
    const none = await call('POST', `${C}/propose`, 'reviewer', { year: 2022 });
    expect(none.statusCode).toBe(409);
    expect(none.json()).toMatchObject({ code: 'NO_OPEN_ROUND', message: '2022 年度调度尚未开启，无法提交计算值（请管理员先开启 2022 年度调度）' });
    expect((await call('POST', `${C}/propose`, 'stats', { year: 2022 })).statusCode).toBe(403);
    await call('POST', '/api/v1/plans/default/rounds', 'admin', { year: 2022, deadline: '2023-03-31' });
    const res = await call('POST', `${C}/propose`, 'reviewer', { year: 2022 });
    expect(res.statusCode, res.body).toBe(200);
    // City = sum of counties (no city rows but macro): energy CO2 = 440205's 190.02988488 + 53 660 t (+ 乐昌 has no energy rows)
    // 25: 53 850.02988488 ÷ 25 000 万元 = 2.154; 23: 0.4 → 0.392 = 2.00 %
    expect(res.json().results).toEqual([
      { indicatorCode: 25, status: 'submitted', valueText: '2.154', note: expect.stringContaining('能源活动CO2 53850 吨') },
      { indicatorCode: 23, status: 'submitted', valueText: '2.00', note: expect.stringContaining('GDP 为 2020 年可比价') },
    ]);
    const round = (await findRound(store.db, store.plan.meta.id, 2022))!;
    const subs = (await submissionsOf(store.db, round.id)).filter((s) => s.indicator_code === 23 || s.indicator_code === 25);
    expect(subs.map((s) => [s.indicator_code, s.status, s.value_text, s.updated_by])).toEqual(expect.arrayContaining([[25, 'submitted', '2.154', 'reviewer'], [23, 'submitted', '2.00', 'reviewer']]));
    const again = await call('POST', `${C}/propose`, 'reviewer', { year: 2022 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('AWAITING_REVIEW');
  });
});

describe('scenarios', () => {
  const params = { label: '测试情景', baseYear: 2020, base: { population: 100, gdp: 1000, energy: 500, co2: 1000 }, drivers: { population: [{ from: 2021, to: 2035, percent: 1 }], gdpPerCapita: [{ from: 2021, to: 2035, percent: 5 }], energyIntensity: [{ from: 2021, to: 2035, percent: -3 }], carbonIntensityOfEnergy: [{ from: 2021, to: 2035, percent: -2 }] } };
  it('are saved by reviewers as versions, run and compared by any signed-in user', async () => {
    expect((await call('PUT', `${C}/scenarios/test`, 'stats', { params })).statusCode).toBe(403);
    expect((await call('PUT', `${C}/scenarios/test`, 'reviewer', { params })).json()).toEqual({ name: 'test', version: 1 });
    expect((await call('PUT', `${C}/scenarios/test`, 'reviewer', { params })).statusCode).toBe(409);
    expect((await call('PUT', `${C}/scenarios/test`, 'reviewer', { params: { ...params, label: '测试情景2' }, reason: '调整名称' })).json().version).toBe(2);
    const bad = await call('PUT', `${C}/scenarios/bad`, 'reviewer', { params: { ...params, base: { ...params.base, gdp: -1 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body/params/base/gdp' }] });
    expect(bad.json().message).toMatch(/^请求参数无效：body\/params\/base\/gdp 数值过小：期望 number >0/);
    expect(bad.json().messageEn).toContain('body/params/base/gdp Too small');
    const run = (await call('GET', `${C}/scenarios/test`, 'leader')).json();
    // 2021: 1000 × 1.01 × 1.05 × 0.97 × 0.98 = 1008.1113
    expect(run.result.years[1].co2).toBeCloseTo(1008.1113, 9);
    expect(run.scenario.version).toBe(2);
    expect((await call('GET', `${C}/scenarios`, 'leader')).json().scenarios.map((s: { name: string; label: string }) => [s.name, s.label])).toEqual([['test', '测试情景2']]);
    expect((await call('GET', `${C}/scenarios/compare?names=test,nope`, 'leader')).statusCode).toBe(404);
    const adhoc = await call('POST', `${C}/scenarios/run`, 'leader', { ...params, name: 'adhoc' });
    expect(adhoc.json().result.peak.status).toBe('notPeaked');
    // Unsaved parameters are checked like saved ones: a driver's rate must be a number.
    const badRun = await call('POST', `${C}/scenarios/run`, 'leader', { ...params, name: 'adhoc', drivers: { ...params.drivers, population: [{ from: 2021, to: 2035, percent: '1' }] } });
    expect(badRun.statusCode).toBe(400);
    expect(badRun.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body/drivers/population/0/percent' }] });
    expect(badRun.json().message).toContain('body/drivers/population/0/percent 无效输入：期望 数字，实际接收 string');
  });
});

describe('workbook', () => {
  async function upload(who: string, bytes: Buffer, name = 'carbon.xlsx') {
    const boundary = '----ecoplanCarbon';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    return app.inject({ method: 'POST', url: `${C}/workbook`, payload, headers: { cookie: sessions[who]!.cookie, 'x-csrf-token': sessions[who]!.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
  }
  it('exports a workbook whose activity sheet imports back unchanged; an edited file is all or nothing', async () => {
    const res = await call('GET', `${C}/workbook.xlsx?year=2022`, 'leader');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '活动数据', '清单结果', '清单汇总', '排放因子']);
    const same = await upload('reviewer', res.rawPayload);
    expect(same.json()).toMatchObject({ inserted: 0, versioned: 0 });

    const ws = wb.getWorksheet('活动数据')!;
    const before = await rowsNow();
    ws.getRow(2).getCell(6).value = 'abc';
    ws.addRow(['440205', 2022, 'fuelCombustion', 'industry', '泥煤', '1', '吨', 'x']);
    const broken = await upload('reviewer', Buffer.from(await wb.xlsx.writeBuffer()), '修改.xlsx');
    expect(broken.statusCode).toBe(400);
    const body = broken.json();
    expect(body.code).toBe('WORKBOOK_INVALID');
    expect(body.problems[0].message).toMatch(/^修改\.xlsx，工作表“活动数据”，第 2 行 F 列（数值）：数值“abc”不是数字$/);
    expect(body.problems[1].message).toMatch(/第 \d+ 行 E 列（品种）：未知燃料“泥煤”/);
    // the console shows them as a table: each problem also carries its file, sheet, row, column and field
    expect(body.problems[0]).toMatchObject({ file: '修改.xlsx', sheet: '活动数据', row: 2, column: 'F', field: '数值' });
    expect(await rowsNow()).toBe(before);
  });
  it('refuses a file that is not a workbook', async () => {
    const res = await upload('reviewer', Buffer.from('%PDF-1.7 not excel'));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('PDF 文件');
  });
});
