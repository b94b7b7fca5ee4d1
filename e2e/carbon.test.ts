// 碳达峰 in Debian's Chromium, driven by playwright-core, against a real `ecoplan serve --demo` (which loads
// the carbon 示例数据 of src/demo/carbon.ts): the inventory page draws the fuel → sector Sankey with one band per
// flow the API computes and the totals it answers, a line opens to its formula and sources, and the GWP switch
// changes the GWP shown; the scenario page marks each scenario's peak where the API puts it and draws the 2030
// line; the intensity page shows indicator 25's plan baseline (2.054 吨/万元, 2020) and the computed values, and a
// reviewer's proposal shows the server's own answer. What the page says is checked against the API's answers.
// Screenshots go to test-results/carbon-*.png (look at them).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openConsole, pixelsOf, shot, type Console } from './harness.js';

const CARBON = '/api/v1/plans/default/carbon';
const YEAR = 2024;

let ui: Console;
let page: Page;

/** 万吨 with one decimal, as the page groups it in Chinese. */
const wan = (t: number) => (t / 1e4).toLocaleString('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

interface InventoryAnswer {
  inventory: { totals: { gross: number; net: number; lulucf: number; scope2: number; fuelFlows: { co2e: number }[] }; gwpValues: { CH4: number }; lines: { scope: number | null }[] };
}
interface CompareAnswer {
  results: { name: string; peak: { peakYear: number; beforeDeadline: boolean; deadline: number } }[];
}

beforeAll(async () => {
  ui = await openConsole({ demo: true });
}, 120_000);

// Each test in a browser context of its own, signed in as the reviewer (the carbon pages need an account), on the
// carbon section's page it starts from.
beforeEach(async () => {
  page = await ui.newPage({ as: 'reviewer' });
  await page.goto(`${ui.base}/admin/indicators`);
  await page.getByTestId('user-menu').waitFor();
});

afterAll(async () => {
  await ui?.close();
});

describe('carbon console', () => {
  it('asks a signed-out visitor to sign in', async () => {
    const other = await ui.newPage();
    await other.goto(`${ui.base}/admin/carbon`);
    await other.getByTestId('carbon-sign-in').waitFor();
  });

  it('draws the inventory: totals, the Sankey of fuel flows, the treemap and every line with its sources', async () => {
    const api = await ui.sessionJson<InventoryAnswer>(`${CARBON}/inventory?year=${YEAR}`);
    const flows = api.inventory.totals.fuelFlows.filter((f) => f.co2e > 0).length;
    expect(flows).toBeGreaterThan(3);

    await page.getByTestId('menu-carbon').click();
    await page.waitForURL(/\/admin\/carbon$/);
    await page.locator('[data-testid="carbon-sankey"][data-rendered="true"]').waitFor();
    // The latest year with data is chosen by default: the demo's last year.
    await expect.poll(() => page.getByTestId('carbon-year').innerText()).toContain(`${YEAR}年`);
    expect(Number(await page.getByTestId('carbon-sankey-wrap').getAttribute('data-links'))).toBe(flows);
    await shot(page, 'carbon-inventory.png');
    // The fuel nodes (#a16207) and the sector nodes (#c2410c) are drawn.
    expect(await pixelsOf(page.getByTestId('carbon-sankey'), '#a16207')).toBeGreaterThan(100);
    expect(await pixelsOf(page.getByTestId('carbon-sankey'), '#c2410c')).toBeGreaterThan(100);
    await page.locator('[data-testid="carbon-treemap"][data-rendered="true"]').waitFor();
    expect(await pixelsOf(page.getByTestId('carbon-treemap'), '#c2410c')).toBeGreaterThan(1000);

    const t = api.inventory.totals;
    expect(await page.getByTestId('carbon-gross').innerText()).toContain(wan(t.gross));
    expect(await page.getByTestId('carbon-net').innerText()).toContain(wan(t.net));
    expect(await page.getByTestId('carbon-sink').innerText()).toContain(wan(t.lulucf));
    expect(await page.getByTestId('carbon-scope2').innerText()).toContain(wan(t.scope2));
    expect(t.net).toBeLessThan(t.gross);
    // GWP AR5 (CH4 28) is the default and is shown with its source.
    expect(await page.getByTestId('carbon-gwp-CH4').innerText()).toBe(String(api.inventory.gwpValues.CH4));
    await expect.poll(() => page.getByTestId('carbon-demo').count()).toBe(1);

    // Scope 2 is listed apart; the first line (the largest) opens to its formula and parameter sources.
    expect(await page.getByTestId('carbon-scope2-lines').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await page.getByTestId('carbon-lines').locator('tbody tr.ant-table-row').first().locator('.ant-table-row-expand-icon').click();
    const detail = page.getByTestId('carbon-line-detail').first();
    await detail.waitFor();
    expect(await detail.innerText()).toContain('AD × NCV × CC × OF × 44/12');
    expect(await detail.innerText()).toContain('GB/T 2589-2020');
    await shot(page, 'carbon-inventory-line.png');

    // The SAR set (the 2011 guideline's) changes the CH4 GWP shown to 21.
    await page.getByTestId('carbon-gwp').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'SAR' }).click();
    await page.waitForURL(/gwp=SAR/);
    await expect.poll(() => page.getByTestId('carbon-gwp-CH4').innerText()).toBe('21');
  });

  it('marks each scenario’s peak and the 2030 line, with the verdicts the API gives', async () => {
    const list = await ui.sessionJson<{ scenarios: { name: string }[] }>(`${CARBON}/scenarios`);
    const names = list.scenarios.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['baseline', 'policy', 'enhanced']));
    const cmp = await ui.sessionJson<CompareAnswer>(`${CARBON}/scenarios/compare?names=${names.join(',')}`);

    await page.goto(`${ui.base}/admin/carbon`);
    await page.getByTestId('carbon-nav-scenarios').waitFor();
    await page.getByTestId('carbon-nav-scenarios').click();
    await page.waitForURL(/\/admin\/carbon\/scenarios/);
    await page.locator('[data-testid="carbon-trajectory"][data-rendered="true"]').waitFor();
    const wrap = page.getByTestId('carbon-trajectory-wrap');
    // The standard scenarios come first in their own order (baseline, policy, enhanced); each peak where the API puts it.
    const marked = (await wrap.getAttribute('data-peaks'))!.split(',');
    expect(marked.slice(0, 3).map((x) => x.split(':')[0])).toEqual(['baseline', 'policy', 'enhanced']);
    expect([...marked].sort()).toEqual(cmp.results.map((r) => `${r.name}:${r.peak.peakYear}`).sort());
    expect(await wrap.getAttribute('data-deadline')).toBe('2030');
    // The lines and their pin marks are drawn in the scenarios' colours; the deadline line in red.
    expect(await pixelsOf(page.getByTestId('carbon-trajectory'), '#b91c1c')).toBeGreaterThan(200);
    expect(await pixelsOf(page.getByTestId('carbon-trajectory'), '#15803d')).toBeGreaterThan(200);
    for (const r of cmp.results) {
      expect(await page.getByTestId(`carbon-peak-year-${r.name}`).innerText()).toBe(String(r.peak.peakYear));
      expect(await page.getByTestId(`carbon-verdict-${r.name}`).innerText()).toContain(r.peak.beforeDeadline ? '是' : '否');
    }
    await page.locator('[data-testid="carbon-kaya"][data-rendered="true"]').waitFor();
    await page.locator('[data-testid="carbon-lmdi"][data-rendered="true"]').waitFor();
    await shot(page, 'carbon-scenarios.png');

    // The English switch words the page in English; the data (scenario labels) stays as saved.
    await page.getByTestId('lang-switch').getByText('English').click();
    await expect.poll(() => page.getByTestId('carbon-peak-table').innerText()).toContain('Peak before 2030');
    expect(await page.getByTestId('carbon-nav').innerText()).toContain('Peak scenarios');
    await page.locator('[data-testid="carbon-trajectory"][data-rendered="true"]').waitFor();
    await page.locator('[data-testid="carbon-lmdi"][data-rendered="true"]').waitFor();
    await shot(page, 'carbon-scenarios-en.png');
    await page.getByTestId('lang-switch').getByText('中文').click();
    await expect.poll(() => page.getByTestId('carbon-peak-table').innerText()).toContain('2030 年前达峰');
  });

  it('shows indicator 25 against its 2020 baseline of 2.054 吨/万元 and the computed values', async () => {
    const series = await ui.sessionJson<{ series: { year: number; indicator25: { valueText: string } | null }[] }>(`${CARBON}/inventory/series`);
    const computed = series.series.filter((s) => s.indicator25);
    expect(computed.length).toBeGreaterThan(1);

    await page.goto(`${ui.base}/admin/carbon`);
    await page.getByTestId('carbon-nav-intensity').waitFor();
    await page.getByTestId('carbon-nav-intensity').click();
    await page.waitForURL(/\/admin\/carbon\/intensity/);
    await page.getByTestId('carbon-baseline-25').waitFor();
    expect(await page.getByTestId('carbon-baseline-25').innerText()).toBe('2.054 吨/万元（2020 年）');
    await page.locator('[data-testid="carbon-chart-25"][data-rendered="true"]').waitFor();
    expect(await pixelsOf(page.getByTestId('carbon-chart-25'), '#1a7f5a')).toBeGreaterThan(100);
    const table = await page.getByTestId('carbon-table-25').innerText();
    for (const s of computed) expect(table).toContain(s.indicator25!.valueText);
    await page.getByTestId('carbon-provenance-25').waitFor();
    expect(await page.getByTestId('carbon-provenance-25').innerText()).toContain('能源活动CO2');
    await shot(page, 'carbon-intensity.png');

    // A reviewer proposes the year's values: the page shows what the server answered (submitted, or why not).
    const answer = page.waitForResponse((r) => r.url().endsWith(`${CARBON}/propose`));
    await page.getByTestId('carbon-propose-button').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    const res = await answer;
    const body = (await res.json()) as { message?: string; results?: { indicatorCode: number; valueText: string | null }[] };
    if (res.ok()) {
      const shown = await page.getByTestId('carbon-propose-result').innerText();
      for (const r of body.results!) if (r.valueText) expect(shown).toContain(r.valueText);
    } else {
      await page.getByTestId('carbon-propose-error').waitFor();
      expect(await page.getByTestId('carbon-propose-error').innerText()).toContain(body.message!);
    }
    await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    await shot(page, 'carbon-intensity-proposed.png');
  });

  it('lists activity data and every factor with its source', async () => {
    await page.goto(`${ui.base}/admin/carbon`);
    await page.getByTestId('carbon-nav-data').waitFor();
    await page.getByTestId('carbon-nav-data').click();
    await page.waitForURL(/\/admin\/carbon\/data/);
    await page.getByTestId('carbon-activity-table').waitFor();
    expect(await page.getByTestId('carbon-activity-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(5);
    await shot(page, 'carbon-data.png');
    await page.getByRole('tab', { name: '排放因子与参数' }).click();
    await page.getByTestId('carbon-factor-table').waitFor();
    expect(await page.getByTestId('carbon-factor-table').innerText()).toContain('GB/T 2589-2020');
    await shot(page, 'carbon-factors.png');
  });

  it('lets a reviewer publish the year’s city inventory on the portal and withdraw it with a reason; a leader gets no button', async () => {
    // The portal home's carbon tile, as text (the page a visitor gets, without JavaScript).
    const tile = async () => {
      const html = await (await fetch(`${ui.base}/`)).text();
      return (/<li>(?:(?!<li>).)*温室气体(?:(?!<li>).)*?<\/li>/s.exec(html)?.[0] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    };
    expect(await tile()).toContain('尚无已发布的清单');

    await page.goto(`${ui.base}/admin/carbon`);
    await page.locator('[data-testid="carbon-sankey"][data-rendered="true"]').waitFor();
    await page.getByTestId('carbon-publish').click();
    // Publishing asks first, saying what becomes public.
    const confirm = page.locator('.ant-popconfirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain(`公开平台首页将显示 ${YEAR} 年全市温室气体总排放与净排放`);
    await confirm.locator('.ant-btn-primary').click();
    await page.getByTestId('carbon-published').waitFor();
    const { inventory } = await ui.sessionJson<InventoryAnswer>(`${CARBON}/inventory?year=${YEAR}`);
    // What the city's inventory computes now is what the public sees, in 万吨 with one decimal.
    const net = (inventory.totals.net / 1e4).toFixed(1);
    const gross = (inventory.totals.gross / 1e4).toFixed(1);
    expect(await tile()).toContain(`${net} 万吨二氧化碳当量：${YEAR} 年温室气体净排放（已发布清单；总排放 ${gross} 万吨`);
    await shot(page, 'carbon-published.png', { waitToasts: true });

    // Withdrawing needs a reason.
    await page.getByTestId('carbon-withdraw').click();
    await page.getByTestId('carbon-withdraw-ok').click();
    await page.getByText('请填写撤回原因').waitFor();
    await page.getByTestId('carbon-withdraw-reason').fill('活动数据待统计局核实');
    await page.getByTestId('carbon-withdraw-ok').click();
    await page.getByTestId('carbon-publish').waitFor();
    expect(await tile()).toContain('尚无已发布的清单');
    const record = await ui.sessionJson<{ events: { year: number; action: string; reason: string | null; by: string }[] }>(`${CARBON}/publications`);
    expect(record.events.map((e) => [e.year, e.action, e.reason, e.by])).toEqual([
      [YEAR, 'publish', null, 'reviewer'],
      [YEAR, 'withdraw', '活动数据待统计局核实', 'reviewer'],
    ]);

    // A leader reads the inventory but cannot publish.
    page = await ui.newPage({ as: 'leader' });
    await page.goto(`${ui.base}/admin/carbon`);
    await page.locator('[data-testid="carbon-sankey"][data-rendered="true"]').waitFor();
    expect(await page.getByTestId('carbon-export').isVisible()).toBe(true);
    expect(await page.getByTestId('carbon-publish').count()).toBe(0);
  });
});
