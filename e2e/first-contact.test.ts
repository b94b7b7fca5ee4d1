// What a first-time user meets (issue 15) in Debian's Chromium against `ecoplan serve --demo` as a user starts it
// (the full demo: monitoring year and open round): which evaluation year is shown and why, demo pages that are not
// empty and say what to do when a year has no data, the English view's units, signed-out pages without 401s and
// without the carbon menu, the report button's progress, the Gantt's progress fill and the user administration.
// Screenshots in both languages go to test-results/first-contact-*.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, shot, signIn, signOut, type Console } from './harness.js';

let ui: Console;
let page: Page;
const API = '/api/v1/plans/default';

/** Switches the console's language with the header switch and waits until the menu speaks it. */
async function language(p: Page, lang: 'zh' | 'en') {
  await p.getByTestId('lang-switch').getByText(lang === 'en' ? 'English' : '中文', { exact: true }).click();
  await expect.poll(() => p.locator('html').getAttribute('lang')).toBe(lang === 'en' ? 'en' : 'zh-CN');
}

beforeAll(async () => {
  ui = await openConsole({ demo: 'full' });
  // One page for the file: the steps follow a first-time user, signing in and out through the page.
  page = await ui.newPage();
}, 180_000);

afterAll(async () => {
  await ui?.close();
});

describe('signed out', () => {
  it('logs no 401 and offers no menu entry that needs signing in (碳达峰, 年度调度)', async () => {
    const failures: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failures.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${ui.base}/admin/`);
    await page.getByTestId('login-button').waitFor();
    await page.getByTestId('evaluation-card').waitFor();
    await page.getByTestId('menu-gep').waitFor();
    expect(await page.getByTestId('menu-carbon').count()).toBe(0);
    expect(await page.getByTestId('menu-rounds').count()).toBe(0);
    await page.goto(`${ui.base}/admin/indicators`);
    await page.getByTestId('login-button').waitFor();
    expect(failures).toEqual([]);
    expect(errors.filter((e) => e.includes('401'))).toEqual([]);
    page.removeAllListeners('response');
    page.removeAllListeners('console');
  });
});

describe('which evaluation year', () => {
  it('opens the overview and the dashboard on 2024, the latest complete year, and says so', async () => {
    const years = await ui.getJson<{ defaultYear: number; basis: string }>(`${API}/evaluation/years`);
    expect(years).toMatchObject({ defaultYear: 2024, basis: 'complete' });
    await page.goto(`${ui.base}/admin/`);
    const basis = page.getByTestId('overview-year-basis');
    await basis.waitFor();
    expect(await basis.innerText()).toContain('显示 2024 年：最近一个评估完整的年份');
    await page.goto(`${ui.base}/admin/evaluation`);
    const note = page.getByTestId('year-note');
    await note.waitFor();
    expect(await note.getAttribute('data-state')).toBe('complete');
    expect(await note.innerText()).toContain('2024');
    await shot(page, 'first-contact-evaluation-zh.png', { fullPage: false });
  });

  it('shows a partial year as in progress with its coverage, never counting missing values as not attained', async () => {
    await page.goto(`${ui.base}/admin/evaluation?year=2025`);
    const note = page.getByTestId('year-note');
    await note.waitFor();
    expect(await note.getAttribute('data-state')).not.toBe('complete');
    await page.getByTestId('count-no_data').waitFor();
    expect(await page.getByTestId('count-not_attained').getAttribute('data-value')).toBe('0');
    expect(await page.getByTestId('readiness-not-attained').count()).toBe(0);
    await page.getByTestId('readiness-no-data').waitFor();
  });
});

describe('demo mode is not empty', () => {
  it('opens the air page on 2024 with data; a year without data says which years have data and how to import', async () => {
    await page.goto(`${ui.base}/admin/monitoring/air`);
    await expect.poll(() => page.getByTestId('monitoring-year').innerText()).toContain('2024');
    await page.getByTestId('monitoring-air-page').waitFor();
    expect(await page.getByTestId('monitoring-no-data').count()).toBe(0);
    await shot(page, 'first-contact-air-2024-zh.png', { fullPage: false });
    await page.goto(`${ui.base}/admin/monitoring/air?year=2025`);
    const hint = page.getByTestId('monitoring-no-data');
    await hint.waitFor();
    expect(await hint.innerText()).toContain('2025 年没有空气监测小时数据');
    expect(await hint.innerText()).toContain('npx ecoplan monitoring import');
    await shot(page, 'first-contact-air-2025-zh.png', { fullPage: false });
    await hint.getByTestId('monitoring-year-2024').click();
    await page.waitForURL(/year=2024/);
    await expect.poll(() => page.getByTestId('monitoring-no-data').count()).toBe(0);
  });

  it('has the 2025 round open, and a round not opened says how to open one instead of a 404', async () => {
    await page.goto(`${ui.base}/admin/indicators`);
    await signIn(page, 'admin');
    await page.goto(`${ui.base}/admin/rounds`);
    await page.getByTestId('rounds-table').locator('tr[data-row-key="2025"]').waitFor();
    await page.goto(`${ui.base}/admin/rounds/2024`);
    const info = page.getByTestId('round-not-opened');
    await info.waitFor();
    expect(await info.innerText()).toContain('2024 年度调度尚未开启');
    await shot(page, 'first-contact-round-2024-zh.png', { fullPage: false });
    await signOut(page);
  });
});

describe('the report button', () => {
  it('shows it is working and hands over the Word file', async () => {
    await page.goto(`${ui.base}/admin/evaluation?year=2024`);
    const button = page.getByTestId('report-docx');
    await button.waitFor();
    const download = page.waitForEvent('download');
    await button.click();
    await expect.poll(() => button.getAttribute('data-busy')).toBe('true');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.docx$/);
    await expect.poll(() => button.getAttribute('data-busy')).toBe('false');
  });
});

describe('projects', () => {
  it('fills the Gantt bars to their physical progress and says why warnings outnumber the projects warned', async () => {
    const list = await ui.getJson<{ projects: { no: number; latest: { physicalProgress: number } | null }[]; warnings: { projectNo: number }[] }>(`${API}/projects`);
    const reported = list.projects.filter((p) => p.latest && p.latest.physicalProgress > 0).length;
    expect(reported).toBeGreaterThan(0);
    await page.goto(`${ui.base}/admin/projects?tab=timeline`);
    const chart = page.getByTestId('project-timeline');
    await chart.locator('svg').first().waitFor();
    // Each bar with progress reported carries a white progress stripe (a line, no fill) inside it.
    await expect.poll(async () => chart.locator('svg path[fill="none"][stroke="#fff"], svg path[fill="none"][stroke="#ffffff"]').count()).toBe(reported);
    await shot(page, 'first-contact-gantt-zh.png', { fullPage: false });
    const projectsWarned = new Set(list.warnings.map((w) => w.projectNo)).size;
    if (list.warnings.length !== projectsWarned) {
      await page.goto(`${ui.base}/admin/projects`);
      const note = page.getByTestId('stat-warnings-count');
      await note.waitFor();
      expect(await note.innerText()).toContain(`共 ${list.warnings.length} 条预警信息，涉及 ${projectsWarned} 个项目`);
    }
  });
});

describe('user administration', () => {
  it('lets the administrator disable, enable and reset a password, and the account list says so', async () => {
    await page.goto(`${ui.base}/admin/indicators`);
    await signIn(page, 'admin');
    await page.goto(`${ui.base}/admin/admin-users`);
    await page.getByTestId('users-table').waitFor();
    // Their own row offers no disabling.
    expect(await page.getByTestId('user-toggle-admin').count()).toBe(0);
    await page.getByTestId('user-toggle-water').click();
    await page.getByTestId('user-toggle-ok').click();
    const row = page.getByTestId('users-table').locator('tr[data-row-key="water"]');
    await row.getByTestId('user-disabled-tag').waitFor();
    const water = await ui.sessionJson<{ users: { username: string; disabled: boolean }[] }>('/api/v1/users');
    expect(water.users.find((u) => u.username === 'water')?.disabled).toBe(true);
    await shot(page, 'first-contact-users-zh.png', { fullPage: false });
    await page.getByTestId('user-toggle-water').click();
    await page.getByTestId('user-toggle-ok').click();
    await expect.poll(() => row.getByTestId('user-disabled-tag').count()).toBe(0);
    await page.getByTestId('user-reset-lechang').click();
    await page.getByTestId('user-reset-ok').click();
    const password = page.getByTestId('user-reset-password');
    await password.waitFor();
    expect((await password.innerText()).trim()).toMatch(/^\S{16}$/);
    await page.keyboard.press('Escape');
  });

  it('offers a reviewer no user administration, and the server refuses one crafted anyway', async () => {
    await signOut(page);
    await page.goto(`${ui.base}/admin/indicators`);
    await signIn(page, 'reviewer');
    expect(await page.getByTestId('menu-users').count()).toBe(0);
    const refused = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const all = await fetch('/api/v1/users');
      const r = await fetch('/api/v1/users/anyone', { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ disabled: true }) });
      return [all.status, r.status];
    });
    expect(refused).toEqual([403, 403]);
    await signOut(page);
  });
});

describe('the English view', () => {
  it('writes units in English and shows the pages with nothing Chinese in the interface around the data', async () => {
    await page.goto(`${ui.base}/admin/indicators`);
    await language(page, 'en');
    const table = page.locator('.ant-table').first();
    await table.waitFor();
    const pm25 = table.locator('tr[data-row-key="8"]');
    await pm25.waitFor();
    expect(await pm25.innerText()).toContain('μg/m³');
    expect(await pm25.innerText()).not.toContain('微克/立方米');
    await shot(page, 'first-contact-indicators-en.png', { fullPage: false });
    await page.goto(`${ui.base}/admin/evaluation`);
    await page.getByTestId('year-note').waitFor();
    expect(await page.getByTestId('year-note').innerText()).toContain('latest complete year');
    await shot(page, 'first-contact-evaluation-en.png', { fullPage: false });
    await page.goto(`${ui.base}/admin/monitoring/air?year=2025`);
    await page.getByTestId('monitoring-no-data').waitFor();
    expect(await page.getByTestId('monitoring-no-data').innerText()).toContain('No hourly air monitoring data for 2025');
    await shot(page, 'first-contact-air-2025-en.png', { fullPage: false });
    await page.goto(`${ui.base}/admin/monitoring/water`);
    await page.getByTestId('monitoring-water-page').waitFor();
    await expect.poll(() => page.getByTestId('monitoring-water-page').innerText()).toMatch(/National \(国考\)|Provincial \(省考\)|City \(市考\)/);
    await shot(page, 'first-contact-water-en.png', { fullPage: false });
    await language(page, 'zh');
  });
});

describe('a narrow window', () => {
  it('collapses the menu at 900 px behind a trigger that opens it', async () => {
    const narrow = await ui.browser.newPage({ viewport: { width: 900, height: 700 }, locale: 'zh-CN' });
    await narrow.goto(`${ui.base}/admin/indicators`);
    await narrow.getByTestId('login-button').waitFor();
    await shot(narrow, 'first-contact-900-closed.png', { fullPage: false });
    const trigger = narrow.locator('.ant-layout-sider-zero-width-trigger');
    await trigger.waitFor();
    // Not a blank tab: drawn in a colour of its own, not the sider's white.
    expect(await trigger.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgb(255, 255, 255)');
    expect(await trigger.locator('svg').count()).toBe(1);
    await trigger.click();
    await narrow.getByText('指标体系', { exact: true }).first().waitFor();
    await shot(narrow, 'first-contact-900-open.png', { fullPage: false });
    await narrow.close();
  });
});
