// 考核与排名 in Debian's Chromium against a real `ecoplan serve --demo`: the ranking page shows the API's
// ranks and scores for the counties and the departments with their bar charts, and the breakdown drawer of a
// county lists items whose points add up to its score, with the radar by domain and the year before.
// Screenshots go to test-results/ (look at them).
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openConsole, shot, type Console } from './harness.js';

const API = '/api/v1/plans/default/assessment';
const YEAR = 2024;

interface Subject {
  kind: 'region' | 'department';
  code: string;
  name: string;
  score: number;
  rank: number;
  grade: string;
  items: { points: number }[];
  previous: { score: number } | null;
}

let ui: Console;
let page: Page;

beforeAll(async () => {
  ui = await openConsole({ demo: true });
}, 60_000);
beforeEach(async () => {
  page = await ui.newPage();
});
afterAll(async () => {
  await ui?.close();
});

async function rendered(testId: string) {
  await page.locator(`[data-testid="${testId}"][data-rendered="true"]`).waitFor();
  const box = await page.getByTestId(testId).locator('canvas').first().boundingBox();
  expect(box && box.width > 100 && box.height > 100, `${testId} has a drawn canvas`).toBe(true);
}

describe('assessment console', () => {
  it('ranks the counties and departments as the API does, with bar charts', async () => {
    const body = await ui.getJson<{ subjects: Subject[] }>(`${API}?year=${YEAR}`);
    const regions = body.subjects.filter((s) => s.kind === 'region');
    await page.goto(`${ui.base}/admin/assessment?year=${YEAR}`);
    await page.getByTestId('region-ranking').waitFor();
    await rendered('region-chart');
    const rows = page.getByTestId('region-ranking').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(10);
    for (const [k, s] of regions.entries()) {
      const row = rows.nth(k);
      expect(await row.getByTestId('rank').innerText()).toBe(String(s.rank));
      expect(await row.getByTestId(`score-${s.code}`).innerText()).toBe(s.score.toFixed(2));
      expect(await row.innerText()).toContain(s.name);
      expect(await row.getByTestId(`grade-${s.code}`).innerText()).toBe(s.grade);
    }
    expect(await page.getByTestId('region-chart').getAttribute('data-bars')).toBe('10');
    await shot(page, 'assessment-ranking.png', { fullPage: true });

    await page.getByRole('tab', { name: '市直部门' }).click();
    await page.getByTestId('department-ranking').waitFor();
    await rendered('department-chart');
    const departments = body.subjects.filter((s) => s.kind === 'department');
    await expect.poll(() => page.getByTestId('department-ranking').locator('tbody tr.ant-table-row').count()).toBe(departments.length);
    await shot(page, 'assessment-departments.png', { fullPage: true });
  });

  it('opens a county’s breakdown: its items add up to its score; radar and the year before', async () => {
    const body = await ui.getJson<{ subjects: Subject[]; previousYear: number }>(`${API}?year=${YEAR}`);
    const first = body.subjects.find((s) => s.kind === 'region' && s.rank === 1)!;
    await page.goto(`${ui.base}/admin/assessment?year=${YEAR}`);
    await page.getByTestId(`detail-${first.code}`).click();
    const drawer = page.getByTestId('breakdown');
    await drawer.waitFor();
    expect(await page.getByTestId('breakdown-score').innerText()).toBe(first.score.toFixed(2));
    expect(Number(await page.getByTestId('breakdown-sum').innerText())).toBe(first.score);
    await expect.poll(() => page.getByTestId('breakdown-items').locator('tbody tr.ant-table-row').count()).toBe(first.items.length);
    // The page's own sum of the points it shows equals the score.
    const shown = await page.getByTestId('breakdown-items').locator('[data-testid^="points-"]').allInnerTexts();
    expect(shown.reduce((a, t) => a + Math.round(Number(t.split(' / ')[0]) * 100), 0)).toBe(Math.round(first.score * 100));
    await rendered('breakdown-radar');
    expect(await page.getByTestId('breakdown-previous').innerText()).toContain(`${body.previousYear} 年：${first.previous!.score.toFixed(2)} 分`);
    await shot(page, 'assessment-breakdown.png');
  });

  it('lets a reviewer publish the year; everyone then sees the official result, and visitors get no publish button', async () => {
    await page.goto(`${ui.base}/admin/assessment?year=${YEAR}`);
    await page.getByTestId('assessment-live').waitFor();
    expect(await page.getByTestId('assessment-publish').count()).toBe(0);

    page = await ui.newPage({ as: 'reviewer' });
    await page.goto(`${ui.base}/admin/assessment?year=${YEAR}`);
    await page.getByTestId('assessment-publish').click();
    await page.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
    await page.getByTestId('assessment-published').waitFor();
    expect(await page.getByTestId('assessment-published').innerText()).toContain('由 reviewer 发布');
    expect(await page.getByTestId('assessment-publish').count()).toBe(0);
    await shot(page, 'assessment-published.png');

    const body = await ui.getJson<{ published: { publishedBy: string } | null; differences: unknown[] }>(`${API}?year=${YEAR}`);
    expect(body.published?.publishedBy).toBe('reviewer');
    expect(body.differences).toEqual([]);
  });
});
