// What a first-time user meets in Debian's Chromium against `ecoplan serve --demo` as a user starts it
// (the full demo: monitoring year and open round): which evaluation year is shown and why, demo pages that are not
// empty and say what to do when a year has no data, the English view's units, signed-out pages without 401s and
// without the carbon menu, the report button's progress, the Gantt's progress fill, the user administration, the air
// page's progress while a year is first computed and the server's English reasons. Each test has its own browser
// context (harness), signed in through the API when it needs a user. Screenshots in both languages go to
// test-results/first-contact-*.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OPEN_DROPDOWN, openConsole, REPORT_WAIT, shot, type Console } from './harness.js';

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
}, 180_000);

// A browser context of its own for each test, signed out; a test that needs a user opens its page with `as`.
beforeEach(async () => {
  page = await ui.newPage();
});

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
    page = await ui.newPage({ as: 'admin' });
    await page.goto(`${ui.base}/admin/rounds`);
    await page.getByTestId('rounds-table').locator('tr[data-row-key="2025"]').waitFor();
    await page.goto(`${ui.base}/admin/rounds/2024`);
    const info = page.getByTestId('round-not-opened');
    await info.waitFor();
    expect(await info.innerText()).toContain('2024 年度调度尚未开启');
    await shot(page, 'first-contact-round-2024-zh.png', { fullPage: false });
  });
});

describe('the report button', () => {
  // The whole report is written on demand (2.5 s of CPU on an idle machine, far more on a loaded one): the waits are
  // on the download and the button's state, with ceilings that hold at a load average of 20.
  it('shows it is working and hands over the Word file', { timeout: REPORT_WAIT + 60_000 }, async () => {
    await page.goto(`${ui.base}/admin/evaluation?year=2024`);
    const button = page.getByTestId('report-docx');
    await button.waitFor();
    const download = page.waitForEvent('download', { timeout: REPORT_WAIT });
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
    page = await ui.newPage({ as: 'admin' });
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
    // The account is enabled again when its row says so (the list stays on screen while it is asked for again).
    await row.getByTestId('user-enabled-tag').waitFor();
    await page.getByTestId('user-reset-lechang').click();
    await page.getByTestId('user-reset-ok').click();
    // The server hashes the new password (scrypt, memory-hard): on a loaded machine that takes a while. Wait for
    // what the user sees either way, the new password or a refusal, so a failure names the refusal.
    const password = page.getByTestId('user-reset-password');
    const refusal = page.locator('.ant-message-error');
    await password.or(refusal).first().waitFor({ timeout: 90_000 });
    expect(await refusal.allInnerTexts()).toEqual([]);
    expect((await password.innerText()).trim()).toMatch(/^\S{16}$/);
    await page.keyboard.press('Escape');
  }, 150_000); // longer than the 90 s wait above

  it('offers a reviewer no user administration, and the server refuses one crafted anyway', async () => {
    page = await ui.newPage({ as: 'reviewer' });
    await page.goto(`${ui.base}/admin/indicators`);
    await page.getByTestId('user-menu').waitFor();
    expect(await page.getByTestId('menu-users').count()).toBe(0);
    const refused = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const all = await fetch('/api/v1/users');
      const r = await fetch('/api/v1/users/anyone', { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ disabled: true }) });
      return [all.status, r.status];
    });
    expect(refused).toEqual([403, 403]);
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
  });

  it("shows the server's reasons in English: units as μg/m³, never 微克/立方米", async () => {
    page = await ui.newPage({ lang: 'en' });
    await page.goto(`${ui.base}/admin/evaluation?year=2024`);
    const warning = page.getByTestId('warning-8');
    await warning.waitFor();
    // The example data's 2024 PM2.5 mean is 27 μg/m³ against the target ≤ 25 (the HTTP test checks every reason).
    expect(await warning.innerText()).toContain('27 μg/m³ in 2024 misses the target ≤25');
    expect(await page.getByTestId('warning-list').innerText()).not.toMatch(/微克|立方米|平方米|万元|亿元/);
    await shot(page, 'first-contact-reasons-en.png', { fullPage: false });
  });
});

describe('a narrow window', () => {
  it('collapses the menu at 900 px behind a trigger that opens it', async () => {
    const narrow = await ui.newPage({ viewport: { width: 900, height: 700 } });
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
  });
});

describe('the air page while a year is first computed', () => {
  /**
   * Holds the annual statistics' answer until `release` is called, as a first computation of a year does for 9–14 s:
   * the test sees the waiting state for as long as it needs, on any machine.
   */
  async function holdAnnual(p: Page) {
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    // The console asks under its plan (/api/v1/plans/{id}/monitoring/…); the plan-less path is the default plan's.
    await p.route(/\/api\/v1\/(plans\/[^/]+\/)?monitoring\/air\/annual\?/, async (route) => {
      await gate;
      await route.continue().catch(() => undefined);
    });
    return release;
  }

  for (const lang of ['zh', 'en'] as const) {
    it(`says what is being computed and stays usable (${lang === 'zh' ? 'Chinese' : 'English'})`, async () => {
      page = await ui.newPage({ lang });
      const release = await holdAnnual(page);
      await page.goto(`${ui.base}/admin/monitoring/air?year=2024`);
      const computing = page.getByTestId('air-annual-computing');
      await computing.waitFor();
      expect(await computing.innerText()).toContain(lang === 'zh' ? '正在计算 2024 年的年度统计' : 'Computing the annual statistics of 2024');
      expect(await computing.getAttribute('role')).toBe('status');
      // The time it has taken so far is counted in seconds.
      await expect.poll(() => page.getByTestId('air-annual-computing-elapsed').innerText()).toMatch(lang === 'zh' ? /已用 [1-9]\d* 秒/ : /[1-9]\d* s so far/);
      // Meanwhile the station list is there and the year can be switched.
      await page.getByTestId('air-stations-table').waitFor();
      await shot(page, `first-contact-air-computing-${lang}.png`, { fullPage: false });
      await page.getByTestId('monitoring-year').click();
      await page.locator(`${OPEN_DROPDOWN} .ant-select-item-option[title="${lang === 'zh' ? '2025年' : '2025'}"]`).click();
      await page.waitForURL(/year=2025/);
      await page.getByTestId('monitoring-no-data').waitFor();
      // Back on 2024 with the answer let through: the statistics replace the indicator.
      release();
      await page.goto(`${ui.base}/admin/monitoring/air?year=2024`);
      await page.getByTestId('air-annual-regions').waitFor();
      expect(await page.getByTestId('air-annual-computing').count()).toBe(0);
    });
  }
});
