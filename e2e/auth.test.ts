// Sign-in, data entry within a department's scope and user administration in Debian's Chromium, driven by
// playwright-core, against a real `ecoplan serve --demo` (example dataset and demo accounts) on a fresh database.
// What the page says is checked against the API's own answer where it can be. Screenshots go to test-results/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OPEN_DROPDOWN, openConsole, shot, type Console, signIn, signOut, DEMO_PASSWORD } from './harness.js';

const API = '/api/v1/plans/default';
// A year the demo dataset leaves empty for indicator 13 (it covers 2021–2024) and the server accepts (≤ this year).
const NEW_YEAR = 2025;

let ui: Console;
let base: string;
let page: Page;

interface ObservationAnswer {
  observations: { indicatorCode: number; regionCode: string; year: number; valueText: string | null; status: string; version: number; recordedBy: string; source: string }[];
}


/** Picks an option of an antd Select by its shown label. */
async function choose(testId: string, label: string) {
  await page.getByTestId(testId).click();
  await page.locator(`${OPEN_DROPDOWN} .ant-select-item-option[title="${label}"]`).click();
}

// The header is sticky: full-page shots from the top so it is drawn once, at the top; toasts gone.
const fullShot = (name: string) => shot(page, name, { waitToasts: true, pointerAway: false });

beforeAll(async () => {
  ui = await openConsole({ demo: true });
  base = ui.base;
});

// Each test in a browser context of its own, signed out (a test signs in as it needs).
beforeEach(async () => {
  page = await ui.newPage();
});

afterAll(() => ui?.close());

describe('sign-in and data entry', () => {
  it('keeps browsing public and refuses a wrong password with the API message', async () => {
    await page.goto(`${base}/admin/indicators/13`);
    await page.getByTestId('indicator-evaluation').waitFor();
    // Signed out: the page reads as before, the entry card only invites to sign in, no admin menu.
    await page.getByTestId('entry-signin').waitFor();
    expect(await page.getByTestId('entry-form').count()).toBe(0);
    expect(await page.getByTestId('menu-users').count()).toBe(0);

    await page.getByTestId('login-button').click();
    await page.waitForURL(/\/admin\/login\?next=%2Findicators%2F13$/);
    await page.getByTestId('login-username').fill('forestry');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('BAD_CREDENTIALS');
    expect(await error.innerText()).toContain('用户名或密码错误');
    await page.mouse.move(0, 0);
    await fullShot('login.png');
  });

  it('signs a city-department reporter in and back to the indicator, with name, role and department in the header', async () => {
    await page.goto(`${base}/admin/indicators/13`);
    await page.getByTestId('login-button').click();
    await page.waitForURL(/\/admin\/login\?next=%2Findicators%2F13$/);
    await page.getByTestId('login-username').fill('forestry');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/admin\/indicators\/13$/);
    expect(await page.getByTestId('user-name').innerText()).toBe('市林业局填报员（演示）');
    expect(await page.getByTestId('user-role').innerText()).toBe('责任单位填报员');
    expect(await page.getByTestId('user-department').innerText()).toBe('市林业局');
    expect(await page.getByTestId('menu-users').count()).toBe(0);
    // The session survives a reload: the console asks /auth/me.
    await page.reload();
    await page.getByTestId('user-menu').waitFor();
    await page.getByTestId('entry-form').waitFor();
  });

  it('enters a new value for indicator 13 as provisional (待审核) and shows it in the data used', async () => {
    page = await ui.newPage({ as: 'forestry' });
    await page.goto(`${base}/admin/indicators/13`);
    const form = page.getByTestId('entry-form');
    await form.waitFor();
    expect(await page.getByTestId('entry-scope').innerText()).toContain('市林业局是本指标的责任单位');
    // Client-side checks mirror the server's: a source is required, the value must be a plain decimal.
    await page.getByTestId('entry-value').fill('74,7');
    await page.getByTestId('entry-submit').click();
    await expect.poll(() => form.locator('.ant-form-item-explain-error').allInnerTexts()).toEqual(
      expect.arrayContaining(['请填写数字，如 66.25 或 -3.5（不带单位和千分位）', '请填写数据来源']),
    );

    await choose('entry-region', '韶关市');
    await choose('entry-year', `${NEW_YEAR}年`);
    await page.getByTestId('entry-value').fill('74.70');
    // 数据来源 offers the usual sources.
    await page.getByTestId('entry-source').locator('input').fill('统计');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '统计年鉴' }).click();
    await page.getByTestId('entry-note').fill('e2e：林业局填报');
    await page.getByTestId('entry-submit').click();

    const result = page.getByTestId('entry-result');
    await result.waitFor();
    expect(await result.getAttribute('data-status')).toBe('provisional');
    expect(await page.getByTestId('entry-status').innerText()).toBe('待审核');
    expect(await result.innerText()).toContain(`${NEW_YEAR}年 · 韶关市 · 74.70 %`);

    // The API holds it as the forestry reporter's provisional value, decimals as typed (staff see unreviewed values).
    const stored = await ui.call<ObservationAnswer>('forestry', 'GET', `${API}/observations?indicator=13&region=440200&year=${NEW_YEAR}`);
    const obs = stored.observations.find((o) => o.year === NEW_YEAR)!;
    expect(obs).toMatchObject({ valueText: '74.70', status: 'provisional', recordedBy: 'forestry', source: '统计年鉴', version: 1 });

    // The evaluation section was refreshed: the value is in 所用数据 as 待审核.
    const row = page.getByTestId('indicator-observations').locator('tr', { hasText: '74.70' });
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[0]).toBe(String(NEW_YEAR));
    expect(cells).toContain('统计年鉴');
    expect(cells).toContain('待审核');
    // The latest evaluation now rests on it, and says that it is not yet reviewed.
    await expect.poll(() => page.getByTestId('latest-evaluation').innerText()).toContain(`（${NEW_YEAR} 年）`);
    expect(await page.getByTestId('latest-provisional').innerText()).toBe('待审核');
    await page.getByTestId('data-entry').scrollIntoViewIfNeeded();
    await fullShot('entry-form.png');
  });

  it('asks for a reason before changing an existing value and stores the change as a new version', async () => {
    const before = await ui.call<ObservationAnswer>('forestry', 'GET', `${API}/observations?indicator=13&region=440200&year=2024`);
    const current = before.observations.find((o) => o.year === 2024)!;
    page = await ui.newPage({ as: 'forestry' });
    await page.goto(`${base}/admin/indicators/13`);
    await page.getByTestId('entry-form').waitFor();
    await choose('entry-region', '韶关市');
    await choose('entry-year', '2024年');
    await page.getByTestId('entry-value').fill('74.65');
    // The source as a user picks it from the suggestions (the open list would cover the save button).
    await page.getByTestId('entry-source').locator('input').fill('统计年鉴');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '统计年鉴' }).click();
    await page.getByTestId('entry-submit').click();
    // 409 REASON_REQUIRED: the server's message (with the current value) and a required 修改原因.
    await page.getByTestId('entry-conflict').waitFor();
    expect(await page.getByTestId('entry-conflict-message').innerText()).toContain(`已有 2024 年的值 ${current.valueText}（第 ${current.version} 版）`);
    await page.getByTestId('entry-submit').click();
    await page.getByTestId('data-entry').getByText('修改已有的值须填写修改原因').waitFor();
    await page.getByTestId('entry-reason').fill('统计年鉴更正');
    await page.getByTestId('entry-submit').click();
    await page.getByTestId('entry-result').waitFor();
    expect(await page.getByTestId('entry-result').innerText()).toContain('已保存为新版本');
    const after = await ui.call<ObservationAnswer>('forestry', 'GET', `${API}/observations?indicator=13&region=440200&year=2024`);
    expect(after.observations.find((o) => o.year === 2024)).toMatchObject({ valueText: '74.65', version: current.version + 1, status: 'provisional' });
    // Until it is reviewed, the public still reads the approved value.
    const pub = await ui.getJson<ObservationAnswer>(`${API}/observations?indicator=13&region=440200&year=2024`);
    expect(pub.observations.find((o) => o.year === 2024)).toMatchObject({ valueText: current.valueText, version: current.version, status: 'approved' });
  });

  it('does not offer the form for an indicator of another department, and says why', async () => {
    page = await ui.newPage({ as: 'forestry' });
    await page.goto(`${base}/admin/indicators/8`);
    const denied = page.getByTestId('entry-denied');
    await denied.waitFor();
    expect(await denied.getAttribute('data-reason')).toBe('otherDepartment');
    expect(await denied.innerText()).toBe('本指标的责任单位为 市生态环境局；您所在的市林业局不负责本指标，不能录入。');
    expect(await page.getByTestId('entry-form').count()).toBe(0);
    await signOut(page);
    await page.getByTestId('entry-signin').waitFor();
  });
});

describe('user administration', () => {
  it('lets an administrator create a reporter for 市水务局 with a generated password', async () => {
    await page.goto(`${base}/admin/indicators`);
    await signIn(page, 'admin', DEMO_PASSWORD);
    expect(await page.getByTestId('user-role').innerText()).toBe('系统管理员');
    await page.getByTestId('menu-users').click();
    await page.waitForURL(/\/admin\/admin-users$/);
    // The plan's responsible units, with the indicators they report and their accounts.
    const units = page.getByTestId('departments-table');
    await units.locator('tbody tr').first().waitFor();
    expect(await units.locator('tbody tr').count()).toBe(30);
    const forestryRow = units.locator('tbody tr', { hasText: '市林业局' }).first();
    await expect.poll(() => forestryRow.innerText()).toContain('13、14、15、16、21');
    expect(await forestryRow.innerText()).toContain('forestry');
    const table = page.getByTestId('users-table');
    await table.waitFor();
    for (const u of ['admin', 'reviewer', 'forestry', 'water', 'lechang', 'leader']) await table.locator(`tr[data-row-key="${u}"]`).waitFor();
    expect(await table.getByTestId('user-demo-tag').count()).toBe(6);
    expect(await table.locator('tr[data-row-key="lechang"]').innerText()).toContain('乐昌市人民政府');

    // A reporter needs a department: the form says so before the server would.
    await page.getByTestId('user-submit').click();
    await page.getByTestId('user-form').getByText('填报员须指定责任单位').waitFor();

    const username = 'water-e2e';
    await page.getByTestId('user-username').fill(username);
    await page.getByTestId('user-displayname').fill('市水务局填报员（测试）');
    await choose('user-department', '市水务局');
    await page.getByTestId('user-generate').click();
    const password = await page.getByTestId('user-password').inputValue();
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    await page.getByTestId('user-password-hint').waitFor();
    await page.getByTestId('user-submit').click();

    const created = page.getByTestId('user-created');
    await created.waitFor();
    expect(await created.getAttribute('data-username')).toBe(username);
    expect(await page.getByTestId('user-created-password').innerText()).toBe(password);
    // The form forgot the password: it is shown only in the notice.
    expect(await page.getByTestId('user-password').inputValue()).toBe('');
    const row = table.locator(`tr[data-row-key="${username}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('市水务局');
    expect(await row.innerText()).toContain('责任单位填报员');
    await fullShot('users.png');

    // The server's refusal is shown as it words it: the name is now taken.
    await page.getByTestId('user-username').fill(username);
    await page.getByTestId('user-displayname').fill('重复');
    await choose('user-department', '市水务局');
    await page.getByTestId('user-password').fill('a-long-enough-password');
    await page.getByTestId('user-submit').click();
    await page.getByTestId('user-error').waitFor();
    expect(await page.getByTestId('user-error').innerText()).toContain(`用户名“${username}”已存在`);
  });

  it('signs a new reporter in with the password the administrator gave, scoped to 市水务局', async () => {
    // This test's own account, created through the API as the administrator would.
    const username = 'water-e2e-2';
    const password = 'Kx7mQ2vR9tLp4WzN';
    await ui.call('admin', 'POST', '/api/v1/users', { username, displayName: '市水务局填报员（测试）', role: 'reporter', departmentId: 'swj', password });
    // The administrator signs out: the user page asks to sign in.
    page = await ui.newPage({ as: 'admin' });
    await page.goto(`${base}/admin/admin-users`);
    await page.getByTestId('users-table').waitFor();
    await signOut(page);
    await page.getByTestId('users-signin').waitFor();
    await page.goto(`${base}/admin/indicators/22`);
    await signIn(page, username, password);
    expect(await page.getByTestId('user-name').innerText()).toBe('市水务局填报员（测试）');
    expect(await page.getByTestId('user-department').innerText()).toBe('市水务局');
    // Indicator 22 (河湖岸线保护率) is 市水务局's, with an assigned target: the form offers 上级下达目标值.
    await page.getByTestId('entry-form').waitFor();
    expect(await page.getByTestId('entry-kind').innerText()).toContain('上级下达目标值');
    await page.goto(`${base}/admin/indicators/13`);
    await page.getByTestId('entry-denied').waitFor();
    expect(await page.getByTestId('entry-denied').innerText()).toContain('市林业局');
  });
});
