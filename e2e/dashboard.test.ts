// The evaluation dashboard (评估与预警) and the indicator page's evaluation section in Debian's Chromium, driven by
// playwright-core, against a real `ecoplan serve --demo` (the 2021–2024 example dataset) on a fresh database.
// The page is checked against the API's own answer, not against figures copied here. Screenshots go to test-results/.
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { canvasColours, openConsole, REPORT_WAIT, SHOTS, type Console } from './harness.js';

const API = '/api/v1/plans/default';

let ui: Console;
let base: string;
let page: Page;

interface Counts {
  total: number;
  attained: number;
  not_attained: number;
  no_data: number;
  not_applicable: number;
  red: number;
  yellow: number;
  grey: number;
}
interface EvaluationAnswer {
  year: number;
  indicators: { code: number; warning: { level: string } | null; provisional: boolean; observations: { isDemo: boolean }[] }[];
  summary: { counts: Counts; readiness: { bindingAttained: number; bindingTotal: number; notAttained: { code: number }[] } };
}
interface SeriesAnswer {
  evaluations: { year: number; reason: { zh: string }; progress: { reason: { zh: string } } | null; value: { year: number } | null }[];
}

const COUNT_KEYS = ['attained', 'not_attained', 'no_data', 'not_applicable', 'red', 'yellow', 'grey'] as const;

async function expectCounts(counts: Counts) {
  for (const k of COUNT_KEYS) {
    const tile = page.getByTestId(`count-${k}`);
    await expect.poll(() => tile.getAttribute('data-value'), { message: k }).toBe(String(counts[k]));
    expect(await tile.locator('.ant-statistic-content-value').innerText(), k).toBe(String(counts[k]));
  }
}

beforeAll(async () => {
  ui = await openConsole({ demo: true });
  base = ui.base;
});

// Each test in a browser context of its own, signed out (a test signs in as it needs).
beforeEach(async () => {
  page = await ui.newPage();
});

afterAll(() => ui?.close());

describe('evaluation dashboard', () => {
  it('shows the 2024 evaluation: counts as the API sums them, warnings red first, the scorecard, the demo banner and the chart', async () => {
    const ev = await ui.getJson<EvaluationAnswer>(`${API}/evaluation?year=2024`);
    expect(ev.year).toBe(2024);

    await page.goto(`${base}/admin/evaluation?year=2024`);
    await page.getByTestId('scorecard').waitFor();
    await expectCounts(ev.summary.counts);

    // 示范区 readiness: binding indicators attained, with the list of those not attained.
    const readiness = page.getByTestId('readiness');
    expect(await readiness.getAttribute('data-attained')).toBe(String(ev.summary.readiness.bindingAttained));
    expect(await readiness.getAttribute('data-total')).toBe(String(ev.summary.readiness.bindingTotal));
    expect(await page.getByTestId('readiness-value').innerText()).toContain(`${ev.summary.readiness.bindingAttained}/${ev.summary.readiness.bindingTotal}`);
    for (const n of ev.summary.readiness.notAttained) expect(await readiness.innerText()).toContain(String(n.code));

    // The warning list: one row per warning, red before yellow before grey; PM2.5 (indicator 8) is red.
    const list = page.getByTestId('warning-list');
    const levels = await list.locator('li[data-level]').evaluateAll((els) => els.map((e) => e.getAttribute('data-level')));
    expect(levels.length).toBe(ev.indicators.filter((i) => i.warning).length);
    const rank = { red: 0, yellow: 1, grey: 2 } as Record<string, number>;
    expect(levels.map((l) => rank[l!])).toEqual([...levels.map((l) => rank[l!])].sort((a, b) => a! - b!));
    const pm25 = list.getByTestId('warning-8');
    expect(await pm25.getAttribute('data-level')).toBe('red');
    await expect.poll(() => pm25.getByTestId('warning-tag-red').isVisible()).toBe(true);
    expect(await pm25.innerText()).toContain('PM2.5年均浓度');
    expect(await pm25.innerText()).toContain('红色预警');
    expect(await pm25.locator('a[href$="/indicators/8?region=440200"]').count()).toBe(1);

    // The scorecard: 45 indicators × 2020…2024, the 2024 PM2.5 cell red (not attained) with a red warning dot.
    const scorecard = page.getByTestId('scorecard');
    await expect.poll(() => scorecard.locator('tr.scorecard-row').count()).toBe(45);
    expect(await scorecard.locator('thead th.sc-year').allInnerTexts()).toEqual(['2020', '2021', '2022', '2023', '2024']);
    const cell = scorecard.locator('tr.scorecard-row[data-code="8"] td.sc-cell').last();
    expect(await cell.getAttribute('data-status')).toBe('not_attained');
    expect(await cell.getAttribute('data-warning')).toBe('red');
    expect(await cell.getAttribute('data-demo')).toBe('true');

    // Demo data is labelled: the banner, and 示例数据 tags in the warning list.
    expect(ev.indicators.some((i) => i.provisional && i.observations.some((o) => o.isDemo))).toBe(true);
    const banner = page.getByTestId('demo-banner');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.innerText()).toContain('含示例数据 (demo data)');
    expect(await pm25.innerText()).toContain('示例数据');

    // Six domain panels, and a status chart that has drawn.
    expect(await page.getByTestId('domain-panels').locator('[data-testid^="domain-panel-"]').count()).toBe(6);
    const chart = page.getByTestId('status-chart');
    await chart.locator('canvas').first().waitFor();
    await expect.poll(() => canvasColours(chart)).toBeGreaterThan(5);

    await page.screenshot({ path: join(SHOTS, 'dashboard.png'), fullPage: true });
  });

  // The report is written on demand: a ceiling that holds at a load average of 20 (the wait is on the answer).
  it('offers the annual report of the year as Word and printable HTML', { timeout: REPORT_WAIT + 60_000 }, async () => {
    await page.goto(`${base}/admin/evaluation?year=2024`);
    const docx = page.getByTestId('report-docx');
    await docx.waitFor();
    expect(await docx.getAttribute('href')).toBe('/api/v1/plans/default/reports/2024.docx');
    expect(await page.getByTestId('report-html').getAttribute('href')).toBe('/api/v1/plans/default/reports/2024.html');
    const res = await page.request.get(`${base}/api/v1/plans/default/reports/2024.docx`, { timeout: REPORT_WAIT });
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('wordprocessingml');
    const html = await page.request.get(`${base}/api/v1/plans/default/reports/2024.html`, { timeout: REPORT_WAIT });
    expect(await html.text()).toContain('年度实施评估报告');
  });

  it('keeps the year in the address and follows the year selector', async () => {
    const ev = await ui.getJson<EvaluationAnswer>(`${API}/evaluation?year=2023&region=440281`);
    await page.goto(`${base}/admin/evaluation?year=2024&region=440281`);
    await page.getByTestId('scorecard').waitFor();
    await page.getByTestId('eval-year').click();
    await page.locator('.ant-select-item-option[title="2023年"]').click();
    await page.waitForURL(/year=2023/);
    expect(page.url()).toContain('region=440281');
    await page.getByTestId('scorecard').waitFor();
    await expectCounts(ev.summary.counts);
    await expect.poll(() => page.getByTestId('scorecard').locator('thead th.sc-year').count()).toBe(4);
  });

  it('shows indicator 8 over the years with its latest evaluation explained', async () => {
    const series = await ui.getJson<SeriesAnswer>(`${API}/indicators/8/series?region=440200`);
    const latest = [...series.evaluations].reverse().find((e) => e.value !== null && e.value.year === e.year)!;
    expect(latest.year).toBe(2024);

    await page.goto(`${base}/admin/indicators/8`);
    const chart = page.getByTestId('indicator-series-chart');
    await chart.locator('canvas').first().waitFor();
    await expect.poll(() => canvasColours(chart)).toBeGreaterThan(5);

    const section = page.getByTestId('indicator-evaluation');
    await section.getByTestId('evaluation-reason').waitFor();
    expect(await section.getByTestId('evaluation-reason').innerText()).toBe(latest.reason.zh);
    expect(await section.getByTestId('progress-reason').innerText()).toBe(latest.progress!.reason.zh);
    expect(await section.getByTestId('latest-evaluation').innerText()).toContain('2024');
    expect(await section.getByTestId('indicator-warning').innerText()).toContain('红色预警');
    expect(await section.getByTestId('demo-banner').isVisible()).toBe(true);
    // The data used: the plan's baseline and the demo values, each demo row tagged.
    const table = section.getByTestId('indicator-observations');
    expect(await table.innerText()).toContain('规划基期值');
    expect(await table.getByTestId('demo-tag').count()).toBeGreaterThanOrEqual(4);
    // What was there before stays: the indicator's fields and its notes.
    expect(await page.getByTestId('indicator-fields').innerText()).toContain('市生态环境局');
    await page.getByTestId('indicator-notes').waitFor();

    await page.screenshot({ path: join(SHOTS, 'indicator-8-series.png'), fullPage: true });
  });

  it('lists a qualitative indicator by year instead of drawing it', async () => {
    await page.goto(`${base}/admin/indicators/1`);
    const table = page.getByTestId('indicator-states-table');
    await table.waitFor();
    expect(await table.innerText()).toContain('制定实施');
    expect(await page.getByTestId('indicator-series-chart').count()).toBe(0);
  });

  it('words the dashboard in English', async () => {
    await page.goto(`${base}/admin/evaluation?year=2024`);
    await page.getByTestId('scorecard').waitFor();
    await page.getByTestId('lang-switch').getByText('English').click();
    await page.getByTestId('demo-banner').getByText('Contains demo data (示例数据)').waitFor();
    expect(await page.getByTestId('warning-8').innerText()).toContain('Red warning');
    await page.getByTestId('lang-switch').getByText('中文').click();
    await page.getByTestId('demo-banner').getByText('含示例数据 (demo data)').waitFor();
  });
});
