// Two plans in one deployment, in Debian's Chromium: an account with roles in both switches between them in the
// header, sees the other plan's name and indicators, and keeps its choice over a reload (the plan is in the address);
// an account of one plan sees no switcher. The second plan is the embedded one under another id, city code and name,
// with one indicator renamed so its table is told apart (the way tests/plan-defaults.test.ts makes one).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenPlanFolder, EXAMPLE_COUNTY_DIR, tempDir } from '../tests/helpers/planFolder.js';
import { ecoplan, OPEN_DROPDOWN, openConsole, shot, type Console } from './harness.js';

const A = 'shaoguan-2021-2035';
const B = 'example-2021-2035';
const B_INDICATOR = '示例市党委政府研究部署生态文明建设情况';
/** The synthetic county plan of the repository, with towns of its own (no station of the city lies in them). */
const COUNTY = 'example-county-2024-2035';

let ui: Console;
let page: Page;

let db: string;

beforeAll(async () => {
  db = join(tempDir(), 'plans.db');
  const second = brokenPlanFolder({
    'plan.yaml': (t) =>
      t
        .replace(`id: ${A}`, `id: ${B}`)
        .replace('region: "440200"', 'region: "990100"')
        .replace(/^name: .*$/m, 'name: 示例市生态文明建设规划（2021-2035年）')
        .replace(/^shortName: .*$/m, 'shortName: 示例市生态文明建设规划')
        .replace(/^nameEn: .*$/m, 'nameEn: Example City Ecological Civilization Plan (2021–2035)'),
    'regions.yaml': (t) => t.replaceAll('"440200"', '"990100"').replace('name: 韶关市, nameEn: Shaoguan', 'name: 示例市, nameEn: Example City'),
    'indicators.yaml': (t) => t.replace('  name: 党委政府对生态文明建设重大目标任务研究部署情况', `  name: ${B_INDICATOR}`),
  });
  // The second plan has no region boundaries: its maps say so instead of drawing the first plan's.
  rmSync(join(second, 'boundaries.yaml'));
  await ecoplan(['plan', 'list', '--db', db]); // the database with the default plan
  await ecoplan(['plan', 'load', second, '--db', db]);
  await ecoplan(['plan', 'load', EXAMPLE_COUNTY_DIR, '--db', db]);
  ui = await openConsole({ demo: true, db });
  // The demo reviewer (of the default plan) is given a role in the second plan too; the demo leader keeps one plan.
  await ecoplan(['user', 'grant', '--username', 'reviewer', '--plan', B, '--role', 'reviewer', '--department', 'sthjj', '--db', db]);
  await ecoplan(['user', 'grant', '--username', 'reviewer', '--plan', COUNTY, '--role', 'reviewer', '--department', 'sthjfj', '--db', db]);
  // An account of the second plan only, for the grant form of the default plan's user page.
  await ecoplan(['user', 'add', '--username', 'b-staff', '--role', 'viewer', '--plan', B, '--db', db]);
});

afterAll(() => ui?.close());

const planName = () => page.getByTestId('plan-short-name').innerText();

describe('the plan switcher', () => {
  it('switches an account of two plans to the other plan’s name and indicators, and keeps it over a reload', async () => {
    page = await ui.newPage({ as: 'reviewer' });
    await page.goto(`${ui.base}/admin/indicators`);
    await page.getByTestId('indicator-table').getByText('党委政府对生态文明建设重大目标任务研究部署情况').waitFor();
    await expect.poll(planName).toBe('韶关市生态文明建设规划');

    await page.getByTestId('plan-switch').click();
    await page.locator(`${OPEN_DROPDOWN} [data-testid="plan-option-${B}"]`).click();
    await page.waitForURL(`${ui.base}/admin/p/${B}/indicators`);
    await page.getByTestId('indicator-table').getByText(B_INDICATOR).waitFor();
    await expect.poll(planName).toBe('示例市生态文明建设规划');
    expect(await page.getByTestId('indicator-table').getByText('党委政府对生态文明建设重大目标任务研究部署情况').count()).toBe(0);
    // The page asked the chosen plan's API: its count is the second plan's own.
    const { indicators } = await ui.getJson<{ indicators: unknown[] }>(`/api/v1/plans/${B}/indicators`);
    expect(await page.getByTestId('indicator-count').innerText()).toContain(String(indicators.length));
    expect(await page.getByTestId('user-role').innerText()).toBe('牵头单位审核员');
    await shot(page, 'plans-switched.png');

    // A link inside the console keeps the plan; so does a reload.
    expect(await page.locator('.shell-menu a[href$="/evaluation"]').getAttribute('href')).toBe(`/admin/p/${B}/evaluation`);
    await page.locator('.shell-menu a[href$="/evaluation"]').click();
    await page.waitForURL(`${ui.base}/admin/p/${B}/evaluation`);
    await page.reload();
    await expect.poll(planName).toBe('示例市生态文明建设规划');
    expect(new URL(page.url()).pathname).toBe(`/admin/p/${B}/evaluation`);

    // And back.
    await page.getByTestId('plan-switch').click();
    await page.locator(`${OPEN_DROPDOWN} [data-testid="plan-option-${A}"]`).click();
    await page.waitForURL(`${ui.base}/admin/p/${A}/evaluation`);
    await expect.poll(planName).toBe('韶关市生态文明建设规划');
  });

  it('is not offered to an account of one plan', async () => {
    page = await ui.newPage({ as: 'leader' });
    await page.goto(`${ui.base}/admin/indicators`);
    await page.getByTestId('user-menu').waitFor();
    await page.getByTestId('indicator-table').getByText('党委政府对生态文明建设重大目标任务研究部署情况').waitFor();
    expect(await page.getByTestId('plan-switch').count()).toBe(0);
    await shot(page, 'plans-one-plan.png');
  });

  it('an administrator grants an account of another plan a role in this plan by its user name, and revokes it', async () => {
    page = await ui.newPage({ as: 'admin' });
    await page.goto(`${ui.base}/admin/admin-users`);
    await page.getByTestId('users-table').waitFor();
    expect(await page.getByTestId('users-table').getByText('b-staff', { exact: true }).count()).toBe(0);
    const grant = page.getByTestId('user-grant');
    await grant.getByTestId('user-grant-username').fill('no-such-account');
    await grant.getByTestId('user-grant-submit').click();
    await grant.getByTestId('user-grant-error').getByText('没有用户“no-such-account”').waitFor();
    await grant.getByTestId('user-grant-username').fill('b-staff');
    await grant.getByTestId('user-grant-reason').fill('参与示例市与韶关市的联合评估');
    await grant.getByTestId('user-grant-submit').click();
    await page.getByTestId('users-table').getByText('b-staff', { exact: true }).first().waitFor();
    await shot(page, 'users-granted.png', { waitToasts: true });
    // Revoked here, it keeps its role in the other plan.
    await page.getByTestId('user-revoke-b-staff').click();
    await page.getByTestId('user-revoke-ok').click();
    await expect.poll(() => page.getByTestId('users-table').getByText('b-staff', { exact: true }).count()).toBe(0);
    expect(await ecoplan(['user', 'list', '--plan', B, '--db', db])).toContain('b-staff');
  });

  it('groups a county plan’s town governments apart from its county departments in the new-user form', async () => {
    await ecoplan(['user', 'grant', '--username', 'admin', '--plan', COUNTY, '--role', 'admin', '--db', db]);
    page = await ui.newPage({ as: 'admin' });
    await page.goto(`${ui.base}/admin/p/${COUNTY}/admin-users`);
    // The page speaks of the county's own departments and its towns' governments, not a city's.
    await expect.poll(() => page.getByTestId('admin-users').locator('.ant-typography').first().innerText()).toContain('县直部门录入本单位负责的指标，乡镇人民政府（街道办事处）录入本行政区的全部指标');
    const groupsFor = async (search: string, option: string) => {
      await page.getByTestId('user-department').click();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type(search);
      const open = page.locator(OPEN_DROPDOWN);
      await open.locator(`.ant-select-item-option[title="${option}"]`).waitFor();
      return open.locator('.ant-select-item-group').allInnerTexts();
    };
    // The groups are named by the plan's sub-regions, towns: 乡镇人民政府（街道办事处）, and the county's own units 县直.
    expect(await groupsFor('青山', '青山镇人民政府')).toEqual(['乡镇人民政府（街道办事处）']);
    expect(await groupsFor('城关', '城关街道办事处')).toEqual(['乡镇人民政府（街道办事处）']);
    expect(await groupsFor('县林业', '县林业局')).toEqual(['县直部门及单位']);
  });

  it('a plan without region boundaries shows no map, and says why', async () => {
    page = await ui.newPage({ as: 'reviewer' });
    await page.goto(`${ui.base}/admin/p/${B}/monitoring/air`);
    const note = page.getByTestId('air-map-none');
    await note.waitFor();
    expect(await note.innerText()).toContain('本规划没有行政区边界文件');
    expect(await page.locator('[data-testid="air-map"] canvas').count()).toBe(0);
    await shot(page, 'plans-no-boundaries.png');
    // The default plan, with its boundaries, draws its map.
    await page.goto(`${ui.base}/admin/p/${A}/monitoring/air`);
    await page.getByTestId('air-map').waitFor();
    expect(await page.getByTestId('air-map-none').count()).toBe(0);
  });

  it('each plan lists the stations in its own area: the county none of the city’s, and says how to register one', async () => {
    page = await ui.newPage({ as: 'reviewer' });
    await page.goto(`${ui.base}/admin/p/${COUNTY}/monitoring/air`);
    const none = page.getByTestId('air-stations-none');
    await none.waitFor();
    expect(await none.innerText()).toContain('本规划范围内尚未登记空气监测站点');
    expect(await page.getByTestId('air-stations-table').innerText()).not.toContain('1669A');
    // Its computed indicators carry its own numbers and names: 5 is its good-day ratio, 7 its water share.
    const rows = page.getByTestId('indicators-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    const lines = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    expect(lines.find((l) => l.startsWith('5'))).toMatch(/^5空气质量优良天数比例/);
    expect(lines.find((l) => l.startsWith('7'))).toMatch(/^7地表水水质达到或优于Ⅲ类比例/);
    await shot(page, 'plans-county-stations.png');
    // The water page's note names the plan's own water indicators: the county's 7 and 8, the city's 9 and 10.
    await page.goto(`${ui.base}/admin/p/${COUNTY}/monitoring/water`);
    await expect.poll(() => page.getByTestId('water-shares-note').innerText()).toContain('规划指标 7、8 只计国考、省考断面');
    await page.goto(`${ui.base}/admin/p/${A}/monitoring/water`);
    await expect.poll(() => page.getByTestId('water-shares-note').innerText()).toContain('规划指标 9、10 只计国考、省考断面');
    await page.goto(`${ui.base}/admin/p/${A}/monitoring/air`);
    await expect.poll(() => page.getByTestId('air-stations-table').innerText()).toContain('1669A');
    expect(await page.getByTestId('air-stations-none').count()).toBe(0);
  });

  it('the carbon page of a plan without carbon indicators says so and offers no proposal, instead of the default plan’s 25 and 23', async () => {
    page = await ui.newPage({ as: 'reviewer' });
    await page.goto(`${ui.base}/admin/p/${COUNTY}/carbon/intensity`);
    const note = page.getByTestId('carbon-no-indicator');
    await note.waitFor();
    expect(await note.innerText()).toContain('本规划没有计算来源为碳核算的指标');
    expect(await page.getByTestId('carbon-indicator-25').count()).toBe(0);
    expect(await page.getByTestId('carbon-propose-button').count()).toBe(0);
    await shot(page, 'plans-county-carbon.png');
    await page.goto(`${ui.base}/admin/p/${A}/carbon/intensity`);
    await page.getByTestId('carbon-indicator-25').waitFor();
    expect(await page.getByTestId('carbon-indicator-25').innerText()).toContain('指标 25 单位地区生产总值二氧化碳排放');
    expect(await page.getByTestId('carbon-no-indicator').count()).toBe(0);
  });

  it('the survey page names each plan’s own survey indicators: the county’s 21, the city’s 44 and 45', async () => {
    page = await ui.newPage({ as: 'reviewer' });
    await page.goto(`${ui.base}/admin/p/${COUNTY}/surveys`);
    const intro = page.getByTestId('surveys-page').locator('.ant-typography').nth(1);
    await expect.poll(() => intro.innerText()).toContain('满意度指标 21');
    expect(await intro.innerText()).not.toMatch(/44|45|参与度指标/);
    await page.goto(`${ui.base}/admin/p/${A}/surveys`);
    await expect.poll(() => page.getByTestId('surveys-page').locator('.ant-typography').nth(1).innerText()).toContain('满意度指标 44、参与度指标 45');
  });
});
