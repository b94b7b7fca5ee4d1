// Issue 14, finding 2 (stored XSS): text a user stores is shown as text wherever the console draws it, and the
// Content-Security-Policy forbids inline script, so markup in a project's name neither runs nor renders. Runs a
// real `ecoplan serve --demo` and Debian's Chromium; a reviewer renames a project over the API, an admin hovers its
// Gantt bar.
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, openConsole, REPORT_WAIT, shot, type Console } from './harness.js';

const API = '/api/v1/plans/default';
// The payload: an image whose error handler would mark the page; onerror fires as soon as the tag is parsed.
const HOSTILE = 'X<img src=x onerror="window.__xss=(window.__xss||0)+1">';

let ui: Console;
let base: string;
let page: Page;

beforeAll(async () => {
  ui = await openConsole({ demo: true });
  base = ui.base;
});

// A browser context of its own for each test, signed out; a test that needs a user opens its page with `as`.
beforeEach(async () => {
  page = await ui.newPage();
});

afterAll(() => ui?.close());

/**
 * Signs in over the API with a context of its own and renames project 1 (as a reviewer would, from anywhere), unless
 * it already has that name: each test that needs the hostile name sets it up itself.
 */
async function renameProject1(name: string) {
  const current = await ui.getJson<{ project: { name: string } }>(`${API}/projects/1`);
  if (current.project.name === name) return;
  const ctx = await ui.browser.newContext();
  try {
    const login = await ctx.request.post(`${base}/api/v1/auth/login`, { data: { username: 'reviewer', password: DEMO_PASSWORD } });
    expect(login.status()).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const res = await ctx.request.put(`${base}${API}/projects/1`, { headers: { 'x-csrf-token': csrfToken }, data: { changes: { name }, reason: '安全测试 / security test' } });
    expect(res.status(), await res.text()).toBe(200);
  } finally {
    await ctx.close();
  }
}

describe('stored markup is shown as text (finding 2)', () => {
  it('a project named with an <img onerror> shows the name as text in the Gantt tooltip and runs nothing', async () => {
    await renameProject1(HOSTILE);
    const violations: string[] = [];
    page = await ui.newPage({ as: 'admin' });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${base}/admin/projects?tab=timeline`);
    const chart = page.getByTestId('project-timeline');
    await chart.locator('svg').waitFor();
    await expect.poll(() => chart.getAttribute('data-rendered')).toBe('true');
    // The bars are drawn in the table's order; project 1 is the first coloured path.
    const fills = await chart.locator('svg path').evaluateAll((els) => els.map((e) => e.getAttribute('fill') ?? ''));
    const first = fills.findIndex((f) => /^#(c8cdd1|8c959d|1f6fd1|2e9d62|e8833a|c9a000|cf1322)$/.test(f));
    expect(first).toBeGreaterThanOrEqual(0);
    await chart.locator('svg path').nth(first).hover();
    // ECharts' tooltip is the one element of the chart that shows the project's period (建设期限).
    const tooltip = chart.locator('div').filter({ hasText: '建设期限' }).last();
    await tooltip.waitFor();
    // The name is text: the tooltip's visible text carries it verbatim, and no element was made of it.
    expect(await tooltip.innerText()).toContain(HOSTILE);
    expect(await chart.locator('img').count()).toBe(0);
    await shot(page, 'security-gantt-tooltip.png', { fullPage: false, pointerAway: false });
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? 0)).toBe(0);
    // The page itself still ran under the policy: nothing it needs was refused.
    expect(violations).toEqual([]);
  });

  it('the name is text on the project page, and the printable report renders under its own policy', { timeout: REPORT_WAIT + 60_000 }, async () => {
    await renameProject1(HOSTILE);
    const blocked: string[] = [];
    const listener = (m: { text(): string }) => {
      if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
    };
    page.on('console', listener);
    await page.goto(`${base}/admin/projects/1`);
    await page.getByTestId('project-detail').waitFor();
    expect(await page.getByTestId('project-detail').innerText()).toContain(HOSTILE);
    expect(await page.getByTestId('project-detail').locator('img').count()).toBe(0);
    await page.goto(`${base}${API}/reports/2024.html`, { timeout: REPORT_WAIT });
    await page.locator('figure svg').first().waitFor();
    expect(await page.locator('h1').first().innerText()).toContain('评估报告');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? 0)).toBe(0);
    page.off('console', listener);
    expect(blocked).toEqual([]);
  });

  it('the API documentation (swagger-ui) still works under its policy', async () => {
    const blocked: string[] = [];
    const listener = (m: { text(): string }) => {
      if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
    };
    page.on('console', listener);
    await page.goto(`${base}/api/docs`);
    await page.locator('.swagger-ui .opblock').first().waitFor();
    // Every operation of the document must be reachable. Past 150 entries swagger-ui draws only the ones in view
    // (a virtual list), so walk down the page and collect the operations drawn on the way.
    const doc = await ui.getJson<{ paths: Record<string, Record<string, unknown>> }>('/api/docs/json');
    const total = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(total).toBeGreaterThan(50);
    const seen = new Set<string>();
    await expect
      .poll(async () => {
        for (const id of await page.locator('.swagger-ui .opblock').evaluateAll((els) => els.map((e) => e.id))) seen.add(id);
        await page.evaluate(() => window.scrollBy(0, Math.round(window.innerHeight * 0.8)));
        return seen.size;
      })
      .toBe(total);
    page.off('console', listener);
    expect(blocked).toEqual([]);
  });
});
