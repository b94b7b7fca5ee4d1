// GEP over HTTP: spec, account after the demo load, writes need a signed-in user in scope, reasons for changes,
// bad input answered precisely, and the Excel round trip all or nothing.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/passwords.js';
import { loadGepDemo } from '../../src/demo/gep.js';
import { buildApp } from '../../src/server/app.js';
import { createUser } from '../../src/store/users.js';
import { seededDatabase } from '../helpers/store.js';

let store: Awaited<ReturnType<typeof seededDatabase>>;
let app: FastifyInstance;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  store = await seededDatabase();
  const hash = await hashPassword(PASSWORD);
  for (const [username, role, dept] of [['rev', 'reviewer', 'sthjj'], ['zj', 'reporter', 'zjq'], ['view', 'viewer', null]] as const)
    await createUser(store.db, { username, displayName: username, role, planId: store.plan.meta.id, departmentId: dept, passwordHash: hash });
  await loadGepDemo(store.db, store.plan);
  app = await buildApp({ db: store.db, webDir: '/nonexistent', loginRateLimit: 1000 });
});
afterAll(async () => {
  await app.close();
  await store.db.destroy();
});

async function login(username: string) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
  const cookie = res.cookies.find((c) => c.name === 'ecoplan_session')!;
  return { cookie: `ecoplan_session=${cookie.value}`, 'x-csrf-token': res.json().csrfToken as string };
}
const fact = (region: string, value: string, extra: object = {}) => ({ kind: 'input', region, year: 2024, key: 'cooling_days', value, unit: 'd', source: '气象局', ...extra });
const put = (url: string, payload: object, headers: Record<string, string> = {}) => app.inject({ method: 'PUT', url, payload, headers });

describe('GEP API', () => {
  it('serves the item spec with inputs, units and clauses', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/plans/default/gep/spec' });
    expect(res.statusCode).toBe(200);
    const spec = res.json();
    const wc = spec.items.find((i: { id: string }) => i.id === 'water_conservation');
    expect(wc.inputs.map((i: { key: string; unit: string }) => `${i.key}:${i.unit}`)).toEqual(['precipitation:mm', 'runoff:mm', 'runoff_coefficient:%', 'evapotranspiration:mm']);
    expect(wc.clause.zh).toContain('发改基础〔2022〕481号');
    expect(spec.items.map((i: { category: string }) => i.category)).toContain('cultural');
  });
  it('answers the account of the city and a county from the demo data, with categories that add up', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/plans/default/gep/account?region=440204&year=2023' });
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    const sum = a.byCategory.reduce((s: bigint, c: { yuan: string }) => s + BigInt(c.yuan.replace('.', '')), 0n);
    expect(sum).toBe(BigInt(a.total.yuan.replace('.', '')));
    expect(a.areaCheck.ok).toBe(true);
    const eq = await app.inject({ method: 'GET', url: '/api/v1/plans/default/gep/account?region=440200&year=2023&method=equivalent' });
    expect(eq.json().label.zh).toContain('当量因子法筛查估算');
    const cmp = await app.inject({ method: 'GET', url: '/api/v1/plans/default/gep/compare?region=440200&from=2021&to=2024' });
    const c = cmp.json();
    expect(BigInt(c.quantityEffect.yuan.replace('.', '')) + BigInt(c.priceEffect.yuan.replace('.', ''))).toBe(BigInt(c.change.yuan.replace('.', '')));
    const bs = await app.inject({ method: 'GET', url: '/api/v1/plans/default/gep/balance-sheet?region=440204&year=2022' });
    expect(bs.json().balanced).toBe(true);
  });
  it('refuses an unknown region and a year without data precisely', async () => {
    const r1 = await app.inject({ method: 'GET', url: '/api/v1/plans/default/gep/account?region=440299&year=2023' });
    expect([r1.statusCode, r1.json().code]).toEqual([400, 'UNKNOWN_REGION']);
    const r2 = await app.inject({ method: 'GET', url: '/api/v1/plans/default/gep/account?region=440204&year=2010' });
    expect([r2.statusCode, r2.json().code]).toEqual([400, 'NO_EXTENT']);
    expect(r2.json().message).toContain('浈江区（440204）2010 年没有生态系统范围');
  });
  it('writes need a signed-in user; a reporter only for their own county; a viewer never', async () => {
    expect((await put('/api/v1/plans/default/gep/inputs', { facts: [fact('440204', '120')] })).statusCode).toBe(401);
    const zj = await login('zj');
    const other = await put('/api/v1/plans/default/gep/inputs', { facts: [fact('440203', '120')] }, zj);
    expect([other.statusCode, other.json().code]).toEqual([403, 'OUT_OF_SCOPE']);
    const own = await put('/api/v1/plans/default/gep/inputs', { facts: [fact('440204', '121', { reason: '气象局修正' })] }, zj);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().status).toBe('provisional');
    const view = await login('view');
    expect((await put('/api/v1/plans/default/gep/inputs', { facts: [fact('440204', '120')] }, view)).statusCode).toBe(403);
    expect((await put('/api/v1/plans/default/gep/prices', { prices: [{ key: 'price.carbon', year: 2024, value: '60', unit: '元/tCO2', source: 'x' }] }, zj)).statusCode).toBe(403);
  });
  it('a change needs a reason; bad units and negatives are refused with the field named', async () => {
    const rev = await login('rev');
    const noReason = await put('/api/v1/plans/default/gep/inputs', { facts: [fact('440200', '99')] }, rev);
    expect([noReason.statusCode, noReason.json().code]).toEqual([409, 'REASON_REQUIRED']);
    const badUnit = await put('/api/v1/plans/default/gep/inputs', { facts: [{ kind: 'extent', region: '440200', year: 2024, key: 'forest', value: '10', unit: '万元', source: 's' }] }, rev);
    expect(badUnit.statusCode).toBe(400);
    expect(badUnit.json().message).toContain('第 1 条 unit：单位：单位不符：给出的是“万元”');
    const neg = await put('/api/v1/plans/default/gep/inputs', { facts: [fact('440200', '-3')] }, rev);
    expect(neg.json().message).toContain('value：数值：不能为负数（-3）');
    const price = await put('/api/v1/plans/default/gep/prices', { prices: [{ key: 'price.carbon', year: 2024, value: '60', unit: '元/t', source: '广东碳市场年均价' }] }, rev);
    expect(price.json().message).toContain('单位不符');
    const ok = await put('/api/v1/plans/default/gep/prices', { prices: [{ key: 'price.carbon', year: 2024, value: '60', unit: '元/tCO2', source: '广东碳市场年均价' }] }, rev);
    expect(ok.statusCode, ok.body).toBe(200);
  });
  it('a reporter’s value waits for review: the account changes only when a reviewer approves it', async () => {
    const climate = async () => {
      const a = (await app.inject({ method: 'GET', url: '/api/v1/plans/default/gep/account?region=440204&year=2023' })).json();
      return Number(a.items.find((i: { id: string }) => i.id === 'climate_regulation').yuan);
    };
    const before = await climate();
    const inputs = (await app.inject({ method: 'GET', url: '/api/v1/plans/default/gep/inputs?region=440204&year=2023&kind=input' })).json().facts;
    const days = inputs.find((f: { key: string }) => f.key === 'cooling_days');
    expect(days.status).toBe('approved');
    const zj = await login('zj');
    const doubled = String(Number(days.value) * 2);
    const w = await put('/api/v1/plans/default/gep/inputs', { facts: [{ kind: 'input', region: '440204', year: 2023, key: 'cooling_days', value: doubled, unit: 'd', source: '气象局' }], reason: '气象局更正' }, zj);
    expect(w.json().status).toBe('provisional');
    expect(await climate()).toBe(before);
    // a reporter cannot approve; a reviewer can
    expect((await app.inject({ method: 'POST', url: '/api/v1/plans/default/gep/inputs/approve', payload: { region: '440204', year: 2023 }, headers: zj })).statusCode).toBe(403);
    const rev = await login('rev');
    const ok = await app.inject({ method: 'POST', url: '/api/v1/plans/default/gep/inputs/approve', payload: { region: '440204', year: 2023, reason: '已核对气象局数据' }, headers: rev });
    expect(ok.json()).toEqual({ approved: 1 });
    // climate regulation's transpiration part is proportional to the cooling days: doubling them doubles it,
    // and the evaporation part does not depend on them, so the item grows but by less than double
    const after = await climate();
    expect(after).toBeGreaterThan(before);
    expect(after).toBeLessThanOrEqual(before * 2 + 0.05);
    const now = (await app.inject({ method: 'GET', url: '/api/v1/plans/default/gep/inputs?region=440204&year=2023&kind=input' })).json().facts.find((f: { key: string }) => f.key === 'cooling_days');
    expect([now.value, now.status, now.version, now.reason]).toEqual([doubled, 'approved', days.version + 2, '已核对气象局数据']);
  });
  it('refuses an extent that does not sum to the region’s area, writing nothing', async () => {
    const rev = await login('rev');
    const res = await put('/api/v1/plans/default/gep/inputs', { facts: [{ kind: 'extent', region: '440200', year: 2023, key: 'forest', value: '9000000', unit: 'hm²', source: 's' }], reason: '测试' }, rev);
    expect([res.statusCode, res.json().code]).toEqual([400, 'AREA_SUM']);
    expect(res.json().message).toContain('韶关市（440200）2023 年：各类型面积之和');
    expect(res.json().messageEn).toContain('beyond the tolerance');
    const forest = (await app.inject({ method: 'GET', url: '/api/v1/plans/default/gep/inputs?region=440200&year=2023&kind=extent' })).json().facts.find((f: { key: string }) => f.key === 'forest');
    expect(forest.value).not.toBe('9000000');
  });
  it('allocates a compensation fund summing to the fund exactly', async () => {
    const rev = await login('rev');
    const res = await app.inject({ method: 'POST', url: '/api/v1/plans/default/gep/compensation', payload: { year: 2023, schemeName: '示例：市级生态保护补偿资金分配' }, headers: rev });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.total.yuan).toBe('100000000.00');
    expect(r.allocations).toHaveLength(10);
    expect((await app.inject({ method: 'POST', url: '/api/v1/plans/default/gep/compensation', payload: { year: 2023, schemeName: 'x' } })).statusCode).toBe(401);
  });
  it('exports the workbook and refuses a bad one whole, naming sheet, row and column', async () => {
    const exp = await app.inject({ method: 'GET', url: '/api/v1/plans/default/gep/export.xlsx' });
    expect(exp.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['数据 Facts', '价格 Prices', '核算结果 Accounts']);
    const bad = new ExcelJS.Workbook();
    const ws = bad.addWorksheet('数据 Facts');
    ws.addRow(['类别', '行政区', '年份', '键', '子项', '数值', '单位', '来源']);
    ws.addRow(['input', '440200', 2024, 'precipitation', '', '1700', 'mm', '气象局']);
    ws.addRow(['extent', '440200', 2024, 'forest', '', '12', '万元', '林业局']);
    const buf = Buffer.from(await bad.xlsx.writeBuffer());
    const rev = await login('rev');
    const boundary = 'x-gep-boundary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bad.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
      buf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const imp = await app.inject({ method: 'POST', url: '/api/v1/plans/default/gep/import?reason=test', payload: body, headers: { ...rev, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(imp.statusCode).toBe(400);
    expect(imp.json().problems[0]).toMatchObject({ sheet: '数据 Facts', row: 3, column: 'G', field: 'unit' });
    // Nothing written: the precipitation of row 2 is still the demo value.
    const inputs = await app.inject({ method: 'GET', url: '/api/v1/plans/default/gep/inputs?region=440200&year=2024&kind=input' });
    expect(inputs.json().facts.find((f: { key: string }) => f.key === 'precipitation').value).not.toBe('1700');
  });
});
