// The console in Debian's Chromium, driven by playwright-core, against a real `ecoplan serve` on a fresh
// database: overview with its chart, the indicator table with search and filters, an indicator page with its
// note, the project table and a project page. Screenshots go to test-results/ (look at them).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { canvasColours, openConsole, SHOTS, type Console } from './harness.js';

let ui: Console;
let base: string;
let page: Page;

beforeAll(async () => {
  ui = await openConsole();
  base = ui.base;
});

// Each test in a browser context of its own, signed out (a test signs in as it needs).
beforeEach(async () => {
  page = await ui.newPage();
});

afterAll(() => ui?.close());

describe('console', () => {
  it('opens on the overview with the plan, its scope, the counts and the investment chart', async () => {
    await page.goto(`${base}/admin/`);
    // Wait for the data, not for a fixed time: the overview renders once the API has answered.
    await page.getByTestId('investment-chart').waitFor();
    await page.getByText('韶关市生态文明建设规划（2021-2035年）').first().waitFor();
    const body = await page.locator('body').innerText();
    for (const text of ['18412.66', '生态制度', '生态安全', '生态空间', '生态经济', '生态生活', '生态文化', '目标责任体系与制度建设', '603.58', '171.44', '242.64', '52.97', '93.40', '43.13', '28.4', '40.2'])
      expect(body).toContain(text);
    const chart = page.getByTestId('investment-chart');
    await chart.locator('canvas').first().waitFor();
    // The chart has drawn something: its canvas is not a single flat colour.
    const colours = await canvasColours(chart);
    expect(colours).toBeGreaterThan(5);
    await page.screenshot({ path: join(SHOTS, 'overview.png'), fullPage: true });
  });

  it('lists the 45 indicators and narrows them by search and filters', async () => {
    await page.goto(`${base}/admin/indicators`);
    const table = page.getByTestId('indicator-table');
    await table.getByText('PM2.5年均浓度').waitFor();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(45);
    const text = await table.innerText();
    for (const t of ['城市: ≥99 县城: ≥95', '完成上级规定的目标任务,保持稳定或持续改善', '暂无统计数据', '25.41', '市住建管理局', '约束性', '参考性'])
      expect(text).toContain(t);
    await page.screenshot({ path: join(SHOTS, 'indicators.png'), fullPage: true });

    await page.getByTestId('filter-search').locator('input').fill('森林');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(page.url()).toContain('q=');
    await page.getByTestId('filter-search').locator('input').fill('');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(45);
  });

  it('keeps filters in the address so a filtered view can be shared', async () => {
    await page.goto(`${base}/admin/indicators?domain=culture`);
    const table = page.getByTestId('indicator-table');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(3);
    expect(await table.innerText()).toContain('公众对生态文明建设的满意度');
  });

  it('shows an indicator with the notes of 表1 注 that concern it', async () => {
    await page.goto(`${base}/admin/indicators`);
    await page.getByTestId('indicator-table').getByText('森林覆盖率', { exact: true }).click();
    await page.waitForURL(/\/admin\/indicators\/13$/);
    await page.getByText('正在开展数据融合', { exact: false }).waitFor();
    const body = await page.locator('body').innerText();
    for (const t of ['74.43', '≥74.6', '≥75.0', '市林业局']) expect(body).toContain(t);
    await page.screenshot({ path: join(SHOTS, 'indicator-13.png'), fullPage: true });
  });

  it('lists the 24 key projects and opens project 12 with its five parts', async () => {
    await page.goto(`${base}/admin/projects`);
    const table = page.getByTestId('project-table');
    await table.getByText('南岭国家公园建设项目').waitFor();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(24);
    expect(await page.locator('body').innerText()).toContain('603.58');
    await page.screenshot({ path: join(SHOTS, 'projects.png'), fullPage: true });
    await page.goto(`${base}/admin/projects/12`);
    await page.getByText('韶关市城镇生活污水处理设施及配套管网建设工程').first().waitFor();
    const body = await page.locator('body').innerText();
    for (const part of ['乐昌市第二污水处理厂一期工程及配套管网建设', '南雄市城区污水处理、管廊及配套工程', '翁源县镇级污水处理设施及配套管网建设项目', '27.58', '市住建管理局', '2022'])
      expect(body).toContain(part);
    await page.screenshot({ path: join(SHOTS, 'project-12.png'), fullPage: true });
  });

  it('switches to English and back', async () => {
    await page.goto(`${base}/admin/`);
    await page.getByTestId('lang-switch').click();
    await page.getByText('Shaoguan Ecological Civilization Construction Plan (2021–2035)').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'overview-en.png'), fullPage: true });
    await page.getByTestId('lang-switch').click();
    await page.getByText('韶关市生态文明建设规划（2021-2035年）').first().waitFor();
  });

  it('animates dialogs, unless the system asks for reduced motion', async () => {
    // antd's motion durations, as the console's theme sets them (0s: no zooming, sliding or click waves).
    const duration = async (p: Page) => {
      await p.goto(`${base}/admin/indicators`);
      await p.locator('.ant-table').first().waitFor();
      return p.locator('.ant-app').first().evaluate((el) => getComputedStyle(el).getPropertyValue('--ant-motion-duration-mid').trim());
    };
    expect(await duration(page)).toBe('0s'); // the harness's default: reduce
    expect(await duration(await ui.newPage({ motion: 'no-preference' }))).toBe('0.2s');
  });

  it('shows a not-found page for an unknown indicator', async () => {
    await page.goto(`${base}/admin/indicators/99`);
    await page.getByTestId('not-found').or(page.getByTestId('api-error')).first().waitFor();
  });
});
