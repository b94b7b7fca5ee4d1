// 生态产品总值 GEP in Debian's Chromium, driven by playwright-core, against a real `ecoplan serve --demo`
// (the demo loads src/demo/gep.ts: extents, inputs and prices for 2020–2024, a compensation scheme, asset
// accounts): the account page draws its composition and region charts and shows the API's totals, the
// equivalent-factor method is labelled as a screening estimate, the comparison draws the waterfall with the
// API's quantity and price effects, and a signed-in user's compensation allocation adds up to the fund exactly.
// Screenshots go to test-results/ (look at them).
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openConsole, shot, signIn, type Console } from './harness.js';

const GEP = '/api/v1/plans/default/gep';
const CITY = '440200';
const YEAR = 2024;
const FROM = 2020;

let ui: Console;
let base: string;
let page: Page;

/** "6069.21" → "6,069.21": how the page prints the API's exact decimals. */
const grouped = (t: string) => t.replace(/^(-?)(\d+)/, (_, sign: string, int: string) => sign + int.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
/** "+125.15" style, as the comparison's cards print a change. */
const signedText = (t: string) => `${Number(t) > 0 ? '+' : ''}${grouped(t)}`;
/** "100,000,000.00" → 10000000000n fen: the test's own exact sum of what the table shows. */
const fen = (t: string) => BigInt(t.replace(/,/g, '').replace('.', ''));

async function rendered(testId: string) {
  await page.locator(`[data-testid="${testId}"][data-rendered="true"]`).waitFor();
  const canvas = page.getByTestId(testId).locator('canvas').first();
  const box = await canvas.boundingBox();
  expect(box && box.width > 100 && box.height > 100, `${testId} has a drawn canvas`).toBe(true);
}

interface Money {
  yuan: string;
  yi: string;
}

beforeAll(async () => {
  ui = await openConsole({ demo: true });
  base = ui.base;
}, 60_000);

// Each test in a browser context of its own, signed out (a test signs in as it needs).
beforeEach(async () => {
  page = await ui.newPage();
});

afterAll(async () => {
  await ui?.close();
});

describe('GEP console', () => {
  it('shows the account of the city with its composition and region charts, and the API’s figures', async () => {
    const acc = await ui.getJson<{ total: Money; perCapita: { yuan: string } | null; gepToGdp: string | null; items: unknown[] }>(`${GEP}/account?region=${CITY}&year=${YEAR}`);
    await page.goto(`${base}/admin/gep?region=${CITY}&year=${YEAR}`);
    await page.getByTestId('gep-total-card').waitFor();
    await expect.poll(() => page.getByTestId('gep-total-card').innerText()).toContain(grouped(acc.total.yi));
    expect(await page.getByTestId('gep-percapita-card').innerText()).toContain(grouped(acc.perCapita!.yuan));
    expect(await page.getByTestId('gep-gdp-card').innerText()).toContain(acc.gepToGdp!);
    await rendered('gep-sunburst');
    await rendered('gep-regions-chart');
    // One row per item of the spec, and the table's total is the account's total in 万元.
    expect(await page.getByTestId('gep-items').locator('tbody tr.ant-table-row').count()).toBe(acc.items.length);
    const wan = (Number(acc.total.yuan) / 1e4).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(await page.getByTestId('gep-items-total').innerText()).toBe(wan);
    await expect.poll(() => page.getByTestId('gep-demo-banner').isVisible()).toBe(true);
    await shot(page, 'gep-account.png');
  }, 60_000);

  it('labels the equivalent-factor account as a screening estimate beside the specification’s total', async () => {
    const eq = await ui.getJson<{ total: Money; label: { zh: string } }>(`${GEP}/account?region=${CITY}&year=${YEAR}&method=equivalent`);
    await page.goto(`${base}/admin/gep?region=${CITY}&year=${YEAR}`);
    await page.getByTestId('gep-total-card').waitFor();
    await page.getByTestId('gep-method-equivalent').click();
    await page.getByTestId('gep-equivalent-label').waitFor();
    expect(await page.getByTestId('gep-equivalent-label').innerText()).toContain(eq.label.zh);
    expect(await page.getByTestId('gep-equivalent-total').innerText()).toContain(grouped(eq.total.yi));
    await rendered('gep-equivalent-chart');
    await shot(page, 'gep-equivalent.png');
  }, 60_000);

  it('draws the change between two years as a waterfall with the API’s quantity and price effects', async () => {
    const c = await ui.getJson<{ change: Money; quantityEffect: Money; priceEffect: Money; byItem: unknown[] }>(`${GEP}/compare?region=${CITY}&from=${FROM}&to=${YEAR}`);
    // The effects add up to the change, to the fen.
    expect(fen(c.quantityEffect.yuan) + fen(c.priceEffect.yuan)).toBe(fen(c.change.yuan));
    await page.goto(`${base}/admin/gep?region=${CITY}&year=${YEAR}`);
    await page.getByTestId('gep-nav-compare').click();
    await page.getByTestId('gep-compare-page').waitFor();
    await page.goto(`${base}/admin/gep/compare?region=${CITY}&from=${FROM}&to=${YEAR}`);
    await page.getByTestId('gep-compare-change').waitFor();
    expect(await page.getByTestId('gep-compare-change').innerText()).toContain(signedText(c.change.yi));
    expect(await page.getByTestId('gep-compare-quantity').innerText()).toContain(signedText(c.quantityEffect.yi));
    expect(await page.getByTestId('gep-compare-price').innerText()).toContain(signedText(c.priceEffect.yi));
    await rendered('gep-waterfall');
    expect(await page.getByTestId('gep-compare-items').locator('tbody tr.ant-table-row').count()).toBe(c.byItem.length);
    await shot(page, 'gep-compare.png');
  }, 60_000);

  it('asks for a sign-in before allocating, then allocates the fund to the counties exactly', async () => {
    await page.goto(`${base}/admin/gep/compensation`);
    await page.getByTestId('gep-compensation-signin').waitFor();
    await signIn(page, 'reviewer');
    await page.getByTestId('gep-compensation-run').click();
    await page.getByTestId('gep-allocation').waitFor();
    const schemes = await ui.getJson<{ schemes: { scheme: { fundYuan: string } }[] }>(`${GEP}/schemes`);
    const fund = schemes.schemes[0]!.scheme.fundYuan;
    const amounts = await page.getByTestId('gep-allocation-amount').allInnerTexts();
    // Ten county-level divisions share the fund; what the table lists sums to the fund, and so does its total row.
    expect(amounts).toHaveLength(10);
    expect(amounts.reduce((s, a) => s + fen(a), 0n)).toBe(fen(fund));
    expect(fen(await page.getByTestId('gep-allocation-total').innerText())).toBe(fen(fund));
    expect(await page.getByTestId('gep-compensation-check').getAttribute('class')).toContain('success');
    // The line-by-line explanation opens under a county.
    await page.getByTestId('gep-allocation').locator('.ant-table-row-expand-icon').first().click();
    expect(await page.getByTestId('gep-explanation').first().innerText()).toMatch(/份额 = .*权重/);
    await shot(page, 'gep-compensation.png');
  }, 60_000);

  it('renders the input form from the item spec and the balance sheet with its identity checked', async () => {
    const spec = await ui.getJson<{ items: { id: string; inputs: unknown[]; lines: unknown[] }[] }>(`${GEP}/spec`);
    const soil = spec.items.find((i) => i.id === 'soil_retention')!;
    // The input forms are for those who may enter data.
    page = await ui.newPage({ as: 'reviewer' });
    await page.goto(`${base}/admin/gep/inputs?tab=items&item=soil_retention&region=${CITY}&year=${YEAR}`);
    await page.getByTestId('gep-item-form').waitFor();
    expect(await page.getByTestId('gep-item-form').locator('tbody tr.ant-table-row').count()).toBe(soil.inputs.length + soil.lines.length);
    await shot(page, 'gep-inputs.png');
    await page.goto(`${base}/admin/gep/balance?region=${CITY}&year=2023`);
    await page.getByTestId('gep-balance').waitFor();
    const sheet = await ui.getJson<{ rows: { balanced: boolean }[] }>(`${GEP}/balance-sheet?region=${CITY}&year=2023`);
    expect(await page.getByTestId('gep-balanced').count()).toBe(sheet.rows.filter((r) => r.balanced).length);
    await shot(page, 'gep-balance.png');
  }, 60_000);

  it('shows a reviewer the values a county entered, awaiting review, and approves them', async () => {
    // 乐昌市's reporter enters a value for its county (it waits for review); the account does not use it yet.
    const entered = await ui.call<{ status: string }>('lechang', 'PUT', `${GEP}/inputs`, {
      facts: [{ kind: 'input', region: '440281', year: 2023, key: 'cooling_days', value: '61', unit: 'd', source: '乐昌市气象局' }],
      reason: '按气象局年报更正',
    });
    expect(entered.status).toBe('provisional');
    page = await ui.newPage({ as: 'reviewer' });
    await page.goto(`${base}/admin/gep/inputs?region=440281&year=2023`);
    const pending = page.getByTestId('gep-pending');
    await pending.waitFor();
    expect(await pending.innerText()).toContain('有 1 条填报数据待审核');
    await shot(page, 'gep-pending.png');
    await page.getByTestId('gep-approve-reason').fill('已核对气象局年报');
    await page.getByTestId('gep-approve').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await pending.waitFor({ state: 'detached' });
    const facts = await ui.getJson<{ facts: { key: string; value: string; status: string; reason: string }[] }>(`${GEP}/inputs?region=440281&year=2023&kind=input`);
    expect(facts.facts.find((f) => f.key === 'cooling_days')).toMatchObject({ value: '61', status: 'approved', reason: '已核对气象局年报' });
  }, 60_000);
});
