// 年度调度 (annual reporting round) in Debian's Chromium, driven by playwright-core, against a real
// `ecoplan serve --demo` on a fresh database: an administrator opens the 2025 round; the forestry bureau's reporter
// fills and submits its tasks (a change over 30 % needs a note), downloads its Excel template and has a file that
// is not a workbook refused with the problem listed; the reviewer follows the progress and approves or returns
// from the queue; the approved value becomes the official one (history, evaluation). What the page says is
// checked against the API's own answer where it can be. Screenshots go to test-results/.
//
// Every test stands on its own: its own browser context and session, and its own tasks, set up through the API
// before it starts (the round is opened once per server; each test uses tasks no other test touches).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OPEN_DROPDOWN, openConsole, SHOTS, shot, type Console, signIn } from './harness.js';

const API = '/api/v1/plans/default';
// The round for 2025 figures (the demo dataset covers 2021–2024), with a deadline that is still ahead.
const YEAR = 2025;
const DEADLINE = `${new Date().getFullYear() + 1}-03-31`;
const RETURN_COMMENT = '请核实数据来源，并附监测报告';
// 乐昌市 (county 440281): its government's reporter reports every indicator for the county, so the review tests
// each take indicators of their own there.
const LECHANG = '440281';

let ui: Console;
let base: string;
let page: Page;

interface Task {
  indicatorCode: number;
  indicatorName: string;
  regionCode: string;
  kind: string;
  departmentName: string;
  submission: { status: string; valueText: string | null; state: string | null; source: string; reviewComment: string | null } | null;
}
interface TasksAnswer {
  total: number;
  tasks: Task[];
}
interface Progress {
  totals: Record<string, number>;
  departments: { id: string; name: string; submitted: number; tasks: number }[];
}

/** Picks an option of an antd Select by its shown label. */
async function choose(target: string | Locator, label: string) {
  await (typeof target === 'string' ? page.getByTestId(target) : target).click();
  await page.locator(`${OPEN_DROPDOWN} .ant-select-item-option[title="${label}"]`).click();
}

/** The row of a task in a table, by indicator (the city's value task unless said otherwise). */
function taskRow(table: string, code: number, region = '440200', kind = 'value'): Locator {
  return page.getByTestId(table).locator(`tr[data-row-key="${code}-${region}-${kind}"]`);
}

async function statusOf(row: Locator): Promise<string | null> {
  return row.getByTestId('task-status').getAttribute('data-status');
}

// The header is sticky: full-page shots from the top so it is drawn once, at the top; toasts gone.
const fullShot = (name: string) => shot(page, name, { waitToasts: true });

const taskPath = (code: number, region: string) => `${API}/rounds/${YEAR}/tasks/${code}/${region}/value`;

/**
 * A test's own data: `user` saves a value for the task, attaches a PDF as evidence (binding indicators need one)
 * and submits it; the reviewer then approves or returns it when asked.
 */
async function submitted(user: string, code: number, region: string, value: string, source: string, review?: { action: 'approve' } | { action: 'return'; comment: string }) {
  await ui.call(user, 'PUT', taskPath(code, region), { value, source });
  const form = new FormData();
  form.append('file', new Blob([`%PDF-1.7\n% ${YEAR} 监测报告 ${code}\n`], { type: 'application/pdf' }), '监测报告.pdf');
  await ui.call(user, 'POST', `${taskPath(code, region)}/evidence`, form);
  await ui.call(user, 'POST', `${taskPath(code, region)}/submit`, {});
  if (review) await ui.call('reviewer', 'POST', `${taskPath(code, region)}/review`, review);
}

const tasksOf = (user: string, query = '') => ui.call<TasksAnswer>(user, 'GET', `${API}/rounds/${YEAR}/tasks?limit=500${query}`);

beforeEach(async () => {
  if (ui) page = await ui.newPage();
});

describe('opening a round', () => {
  // A server of its own: here no round is open yet.
  beforeAll(async () => {
    ui = await openConsole({ demo: true });
    base = ui.base;
  });
  afterAll(() => ui?.close());

  it('lets an administrator open the 2025 round with a deadline ahead', async () => {
    await page.goto(`${base}/admin/indicators`);
    await page.getByTestId('login-button').waitFor();
    // Signed out there is no 年度调度 in the menu, and the page asks to sign in.
    expect(await page.getByTestId('menu-rounds').count()).toBe(0);
    await page.goto(`${base}/admin/rounds`);
    await page.getByTestId('rounds-signin').waitFor();
    await signIn(page, 'admin');
    await page.getByTestId('rounds-empty').waitFor();
    // Administrators reach it from the menu too.
    await page.getByTestId('menu-rounds').click();
    await page.waitForURL(/\/admin\/rounds$/);

    await choose('round-year', `${YEAR}年`);
    await page.getByTestId('round-deadline').click();
    await page.getByTestId('round-deadline').fill(DEADLINE);
    await page.getByTestId('round-deadline').press('Enter');
    await page.getByTestId('round-open-submit').click();

    const opened = page.getByTestId('round-opened');
    await opened.waitFor();
    expect(await opened.innerText()).toContain(`已开启 ${YEAR} 年度调度，共生成 171 项填报任务`);
    const row = page.getByTestId('rounds-table').locator(`tr[data-row-key="${YEAR}"]`);
    await row.waitFor();
    expect(await row.getByTestId('round-deadline-text').innerText()).toBe(DEADLINE);
    expect(await row.getByTestId('round-status').innerText()).toBe('进行中');
    expect(await row.getByTestId('round-overdue').count()).toBe(0);
    // The year is taken now: the form does not offer it again.
    await page.getByTestId('round-year').click();
    await expect
      .poll(() => page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${YEAR}年"]`).getAttribute('class'))
      .toContain('ant-select-item-option-disabled');
    await page.keyboard.press('Escape');

    const { rounds } = await ui.sessionJson<{ rounds: { year: number; deadline: string; status: string; openedBy: string; overdue: boolean }[] }>(`${API}/rounds`);
    expect(rounds).toEqual([expect.objectContaining({ year: YEAR, deadline: DEADLINE, status: 'open', openedBy: 'admin', overdue: false })]);
  });
});

describe('reporting and review in an open round', () => {
  beforeAll(async () => {
    ui = await openConsole({ demo: true });
    base = ui.base;
    // What every test here starts from: the 2025 round, open (opening it is the test above).
    await ui.call('admin', 'POST', `${API}/rounds`, { year: YEAR, deadline: DEADLINE });
  });
  afterAll(() => ui?.close());

  it('lets the forestry reporter fill indicator 13: a change over 30 % needs a note, then 74.9 is saved and submitted', async () => {
    await page.goto(`${base}/admin/rounds/${YEAR}`);
    await page.getByTestId('rounds-signin').waitFor();
    await signIn(page, 'forestry');
    await page.getByTestId('round-page').waitFor();
    expect(await page.getByTestId('round-title').innerText()).toBe(`${YEAR} 年度调度`);

    // 我的任务: the department's four indicators (13, 14, 15, 21), as the API lists them for it.
    const mine = await ui.sessionJson<TasksAnswer>(`${API}/rounds/${YEAR}/tasks`);
    expect(mine.tasks.map((t) => t.indicatorCode)).toEqual([13, 14, 15, 21]);
    const table = page.getByTestId('my-tasks');
    await taskRow('my-tasks', 13).waitFor();
    expect(await table.locator('tbody tr[data-row-key]').count()).toBe(4);

    // Below the tasks, the key projects the bureau leads that run in 2025, none reported for 2025 yet (the demo
    // progress stops at 2024), each linking to its page where progress is reported; another bureau's are not there.
    const library = await ui.sessionJson<{ projects: { no: number; leadIds: string[]; startYear: number; endYear: number; retired: boolean }[] }>(`${API}/projects`);
    const lin = library.projects.filter((p) => !p.retired && p.leadIds.includes('lyj') && p.startYear <= YEAR && YEAR <= p.endYear).map((p) => p.no);
    expect(lin.length).toBeGreaterThan(0);
    await page.getByTestId(`round-project-${lin[0]}`).waitFor();
    expect(await page.getByTestId('round-projects').locator('tbody tr[data-row-key]').count()).toBe(lin.length);
    expect(await page.getByTestId('round-projects-count').innerText()).toBe(`0 / ${lin.length} 个项目已填报`);
    expect(await page.getByTestId('round-project-3').count()).toBe(0);
    const row13 = taskRow('my-tasks', 13);
    expect(await statusOf(row13)).toBe('missing');
    expect(await row13.innerText()).toContain('74.61 %');
    expect(await row13.innerText()).toContain('≥74.6');

    await row13.getByTestId('task-fill').click();
    const drawer = page.getByTestId('task-drawer');
    await drawer.waitFor();
    expect(await page.getByTestId('task-drawer-title').innerText()).toBe('填报 · 指标 13 森林覆盖率');
    expect(await page.getByTestId('task-last-year').innerText()).toContain('74.61 %');
    // Not saved yet: no evidence upload, the form says to save first; the note is optional.
    expect(await drawer.getByTestId('task-status').getAttribute('data-status')).toBe('missing');
    expect(await drawer.getByTestId('evidence-upload').count()).toBe(0);
    expect(await page.getByTestId('task-note').getAttribute('placeholder')).toMatch(/^可选/);
    // A value 32.7 % above last year's: saved as a draft, with the API's warning, and a note is then required.
    await page.getByTestId('task-value').fill('99');
    await page.getByTestId('task-source').locator('input').fill('林业统计');
    await page.getByTestId('task-save').click();
    const warning = page.getByTestId('task-warning');
    await warning.waitFor();
    expect(await warning.innerText()).toContain('较上年（74.61）变化 32.7%，超过 30%，提交前须在备注中说明原因');
    await expect.poll(() => statusOf(row13)).toBe('draft');
    // The drawer, still open for the note, follows the save: 草稿, the evidence upload offered,
    // and the note asked for in its placeholder and marked required.
    await expect.poll(() => drawer.getByTestId('task-status').getAttribute('data-status')).toBe('draft');
    expect(await drawer.getByTestId('task-status').innerText()).toBe('草稿');
    await drawer.getByTestId('evidence-upload').waitFor();
    expect(await page.getByTestId('task-note').getAttribute('placeholder')).toMatch(/^必填/);
    expect(await page.getByTestId('task-form').locator('label[for$="note"]').getAttribute('class')).toContain('ant-form-item-required');
    await shot(page, 'rounds-draft-warning.png', { fullPage: false, waitToasts: true });
    await page.getByTestId('task-save-submit').click();
    await page.getByTestId('task-form').getByText('变化超过 30%，请在备注中说明原因').waitFor();

    // The figure was a typing error: 74.9 needs no explanation.
    await page.getByTestId('task-value').fill('74.9');
    await page.getByTestId('task-save').click();
    await page.getByTestId('task-drawer').waitFor({ state: 'hidden' });
    await expect.poll(() => row13.getByTestId('task-value-shown').innerText()).toBe('74.9 %');
    expect(await row13.getByTestId('task-change').innerText()).toBe('+0.4%');

    // 13 is binding: the plan asks for evidence before it can be submitted.
    await row13.getByTestId('task-submit').click();
    await page.getByTestId('task-submit-error').getByText('约束性指标须上传佐证材料').first().waitFor();
    await row13.getByTestId('task-fill').click();
    await page.getByTestId('evidence-required').waitFor();
    await page.getByTestId('task-evidence').locator('input[type=file]').setInputFiles({ name: '森林资源公报.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n% 2025 森林资源公报\n') });
    await expect.poll(() => page.getByTestId('evidence-file').innerText()).toBe('森林资源公报.pdf');
    await page.screenshot({ path: join(SHOTS, 'rounds-evidence.png'), fullPage: true });
    await page.getByTestId('task-cancel').click();
    await page.getByTestId('task-drawer').waitFor({ state: 'hidden' });

    await row13.getByTestId('task-submit').click();
    await expect.poll(() => statusOf(row13)).toBe('submitted');
    expect(await row13.getByTestId('task-status').innerText()).toBe('已提交');
    expect(await row13.getByTestId('task-fill').isDisabled()).toBe(true);

    const after = await ui.sessionJson<TasksAnswer>(`${API}/rounds/${YEAR}/tasks`);
    expect(after.tasks.find((t) => t.indicatorCode === 13)!.submission).toMatchObject({ status: 'submitted', valueText: '74.9', source: '林业统计' });
  });

  it('keeps the drawer of a saved draft current in English too: status, evidence upload and the required note', async () => {
    // 市水务局's indicator 22 (90.4 % last year): 45 is 50.2 % lower, so the draft is saved with the warning.
    page = await ui.newPage({ as: 'water' });
    await page.goto(`${base}/admin/rounds/${YEAR}`);
    await page.getByTestId('lang-switch').getByText('English').click();
    const row22 = taskRow('my-tasks', 22);
    await row22.getByTestId('task-fill').click();
    const drawer = page.getByTestId('task-drawer');
    await drawer.waitFor();
    expect(await page.getByTestId('task-note').getAttribute('placeholder')).toMatch(/^Optional/);
    await page.getByTestId('task-value').fill('45');
    await page.getByTestId('task-source').locator('input').fill('Water resources bulletin');
    await page.getByTestId('task-save').click();
    await page.getByTestId('task-warning').waitFor();
    expect(await page.getByTestId('task-warning').innerText()).toContain('50.2');
    await expect.poll(() => drawer.getByTestId('task-status').innerText()).toBe('draft');
    await drawer.getByTestId('evidence-upload').waitFor();
    expect(await page.getByTestId('task-note').getAttribute('placeholder')).toMatch(/^Required/);
    await shot(page, 'rounds-draft-warning-en.png', { fullPage: false, waitToasts: true });
    await page.getByTestId('task-save-submit').click();
    await page.getByTestId('task-form').getByText('A change of more than 30 % needs an explanation in the note').waitFor();
    await page.getByTestId('task-note').fill('Two reservoirs left the statistics in 2025');
    await page.getByTestId('task-save-submit').click();
    await drawer.waitFor({ state: 'hidden' });
    await expect.poll(() => statusOf(row22)).toBe('submitted');
  });

  it('saves indicators 14 (a value) and 15 (a state) as drafts and submits all drafts at once', async () => {
    page = await ui.newPage({ as: 'forestry' });
    // Whatever else the bureau has as drafts is submitted with them: the expected counts start from the API's.
    const before = await tasksOf('forestry');
    const count = (tasks: TasksAnswer, status: string) => tasks.tasks.filter((t) => t.submission?.status === status).length;
    expect(before.tasks.filter((t) => [14, 15].includes(t.indicatorCode)).map((t) => t.submission)).toEqual([null, null]);
    const drafts = count(before, 'draft') + 2;
    await page.goto(`${base}/admin/rounds/${YEAR}`);
    await taskRow('my-tasks', 14).getByTestId('task-fill').click();
    await page.getByTestId('task-value').fill('100');
    await page.getByTestId('task-source').locator('input').fill('林业统计');
    await page.getByTestId('task-save').click();
    await page.getByTestId('task-drawer').waitFor({ state: 'hidden' });
    await expect.poll(() => statusOf(taskRow('my-tasks', 14))).toBe('draft');

    // 外来入侵物种 is qualitative: a state, no value field.
    await taskRow('my-tasks', 15).getByTestId('task-fill').click();
    await page.getByTestId('task-drawer').waitFor();
    expect(await page.getByTestId('task-value').count()).toBe(0);
    await choose('task-state', '不明显');
    await page.getByTestId('task-source').locator('input').fill('林业统计');
    await page.getByTestId('task-save').click();
    await page.getByTestId('task-drawer').waitFor({ state: 'hidden' });
    await expect.poll(() => statusOf(taskRow('my-tasks', 15))).toBe('draft');

    await expect.poll(() => page.getByTestId('submit-all').innerText()).toBe(`提交全部草稿（${drafts}）`);
    await page.getByTestId('submit-all').click();
    await page.getByTestId('submit-all-confirm').click();
    const result = page.getByTestId('submit-all-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe(String(drafts));
    expect(await result.innerText()).toContain(`已提交 ${drafts} 项草稿`);
    await expect.poll(() => statusOf(taskRow('my-tasks', 15))).toBe('submitted');
    expect(await statusOf(taskRow('my-tasks', 14))).toBe('submitted');
    await expect.poll(() => page.getByTestId('count-submitted').getAttribute('data-value')).toBe(String(count(before, 'submitted') + drafts));
  });

  it('downloads the department’s Excel template and refuses a file that is not a workbook, listing the problem', async () => {
    page = await ui.newPage({ as: 'forestry' });
    await page.goto(`${base}/admin/rounds/${YEAR}`);
    const before = await tasksOf('forestry');
    const card = page.getByTestId('template-card');
    const [response, download] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/rounds/${YEAR}/template.xlsx`)),
      page.waitForEvent('download'),
      card.getByTestId('template-download').click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(download.suggestedFilename()).toBe(`${YEAR}年度指标填报-市林业局.xlsx`);
    const bytes = readFileSync((await download.path())!);
    // An .xlsx is a zip archive: "PK\x03\x04".
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);

    await card.locator('input[type=file]').setInputFiles({
      name: 'not-a-workbook.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from('这不是 Excel 文件，只是改了扩展名的文本。\n'),
    });
    const error = page.getByTestId('template-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('TEMPLATE_INVALID');
    expect(await error.innerText()).toContain('模板未导入');
    const problems = page.getByTestId('template-problems');
    expect(await problems.locator('thead th').allInnerTexts()).toEqual(['工作表', '行', '列', '字段', '问题']);
    expect(await problems.locator('tbody tr').first().innerText()).toContain('not-a-workbook.xlsx：不是 Excel（.xlsx）文件');
    // Nothing was imported: the bureau's tasks are as they were.
    expect((await tasksOf('forestry')).tasks.map((t) => t.submission)).toEqual(before.tasks.map((t) => t.submission));
    await fullShot('rounds-reporter.png');
  });

  it('shows the reviewer the progress by department and the queue with last year’s value and the change', async () => {
    // This test's own submission: 乐昌市's indicator 31, 56.10 % against 55.72 % in 2024, i.e. +0.38 / 55.72 = +0.7 %.
    await submitted('lechang', 31, LECHANG, '56.10', '乐昌市统计局');
    page = await ui.newPage({ as: 'reviewer' });
    await page.goto(`${base}/admin/rounds/${YEAR}`);
    await page.getByTestId('round-progress').waitFor();
    expect(await page.getByTestId('round-page').getAttribute('data-role')).toBe('reviewer');
    const progress = await ui.sessionJson<Progress>(`${API}/rounds/${YEAR}`);
    expect(progress.totals.tasks).toBe(171);
    expect(progress.totals.submitted).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('count-tasks').getAttribute('data-value')).toBe('171');
    expect(await page.getByTestId('count-submitted').getAttribute('data-value')).toBe(String(progress.totals.submitted));
    const forestry = page.getByTestId('progress-table').locator('tr[data-row-key="lyj"]');
    expect(await forestry.innerText()).toContain('市林业局');
    expect(await forestry.locator('td').nth(1).innerText()).toBe('4');
    expect(await page.getByTestId('progress-table').getByTestId('dept-overdue').count()).toBe(0);
    await page.getByTestId('progress-chart').locator('canvas').first().waitFor();

    const queue = page.getByTestId('review-queue');
    const row31 = taskRow('review-queue', 31, LECHANG);
    await row31.waitFor();
    expect(await page.getByTestId('queue-count').getAttribute('data-total')).toBe(String(progress.totals.submitted));
    expect(await row31.getByTestId('queue-value').innerText()).toBe('56.10 %');
    expect(await row31.getByTestId('queue-last-year').innerText()).toBe('55.72 %');
    expect(await row31.getByTestId('task-change').innerText()).toBe('+0.7%');
    expect(await row31.innerText()).toContain('乐昌市');
    // The department filter narrows the queue: to nothing for a department with nothing submitted (the first such
    // one in the API's progress), to this test's value for 乐昌市.
    const idle = progress.departments.find((d) => d.submitted === 0)!;
    await choose('queue-department', idle.name);
    await expect.poll(() => page.getByTestId('queue-count').getAttribute('data-total')).toBe('0');
    await page.getByTestId('queue-department').locator('.ant-select-clear').click();
    await expect.poll(() => page.getByTestId('queue-count').getAttribute('data-total')).toBe(String(progress.totals.submitted));
    expect(await queue.locator('tbody tr[data-row-key]').count()).toBe(progress.totals.submitted);
    await fullShot('rounds-reviewer.png');
  });

  it('approves one value and returns another with a comment from the queue; the approved one is official', async () => {
    // 乐昌市's indicators 33 (99.5) and 34 (18.2), submitted for this test.
    await submitted('lechang', 33, LECHANG, '99.5', '乐昌市统计局');
    await submitted('lechang', 34, LECHANG, '18.2', '乐昌市统计局');
    page = await ui.newPage({ as: 'reviewer' });
    await page.goto(`${base}/admin/rounds/${YEAR}`);
    const before = (await ui.sessionJson<Progress>(`${API}/rounds/${YEAR}`)).totals;
    await taskRow('review-queue', 33, LECHANG).getByTestId('review-approve').click();
    await taskRow('review-queue', 33, LECHANG).waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('count-approved').getAttribute('data-value')).toBe(String(before.approved! + 1));

    await taskRow('review-queue', 34, LECHANG).getByTestId('review-return').click();
    await page.getByTestId('return-form').waitFor();
    // Returning needs a comment: the form says so before the server would.
    await page.getByTestId('return-confirm').click();
    await page.getByTestId('return-form').getByText('退回须填写意见').waitFor();
    await page.getByTestId('return-comment').fill(RETURN_COMMENT);
    await page.getByTestId('return-confirm').click();
    await taskRow('review-queue', 34, LECHANG).waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('queue-count').getAttribute('data-total')).toBe(String(before.submitted! - 2));
    await expect.poll(() => page.getByTestId('count-returned').getAttribute('data-value')).toBe(String(before.returned! + 1));

    const progress = await ui.sessionJson<Progress>(`${API}/rounds/${YEAR}`);
    expect(progress.totals).toMatchObject({ submitted: before.submitted! - 2, approved: before.approved! + 1, returned: before.returned! + 1 });
    // The approved 99.5 is now 乐昌市's official 2025 value of indicator 33 in the evaluation.
    const evaluation = await ui.sessionJson<{ indicators: { code: number; value: { valueText: string | null; year: number } | null; observations: { year: number; status: string; valueText: string | null }[] }[] }>(
      `${API}/evaluation?year=${YEAR}&region=${LECHANG}`,
    );
    const ind33 = evaluation.indicators.find((i) => i.code === 33)!;
    expect(ind33.value).toMatchObject({ valueText: '99.5', year: YEAR });
    expect(ind33.observations.find((o) => o.year === YEAR)).toMatchObject({ valueText: '99.5', status: 'approved' });
  });

  it('shows the county reporter one value approved, another returned with the comment, and the value’s history', async () => {
    await submitted('lechang', 35, LECHANG, '97.1', '乐昌市统计局', { action: 'approve' });
    await submitted('lechang', 30, LECHANG, '99.00', '乐昌市统计局', { action: 'return', comment: RETURN_COMMENT });
    page = await ui.newPage({ as: 'lechang' });
    await page.goto(`${base}/admin/rounds/${YEAR}`);
    const row35 = taskRow('my-tasks', 35, LECHANG);
    await row35.waitFor();
    expect(await statusOf(row35)).toBe('approved');
    expect(await row35.getByTestId('task-status').innerText()).toBe('已审定');
    const row30 = taskRow('my-tasks', 30, LECHANG);
    expect(await statusOf(row30)).toBe('returned');
    expect(await row30.getByTestId('task-comment').innerText()).toContain(RETURN_COMMENT);

    await row35.getByTestId('history-link').click();
    const history = page.getByTestId('history-table');
    const v2025 = history.locator(`tr[data-row-key="${YEAR}-value-1"]`);
    await v2025.waitFor();
    const cells = await v2025.locator('td').allInnerTexts();
    expect(cells[0]).toBe(String(YEAR));
    expect(cells).toContain('97.1 %');
    expect(cells).toContain('乐昌市统计局');
    expect(cells).toContain('已审核');
    expect(await v2025.getByTestId('history-recorded-by').innerText()).toBe('lechang / 审定 reviewer');
    const api = await ui.sessionJson<{ versions: { year: number; version: number; valueText: string; status: string }[] }>(`${API}/observations/history?indicator=35&region=${LECHANG}`);
    expect(api.versions.filter((v) => v.year === YEAR)).toEqual([expect.objectContaining({ version: 1, valueText: '97.1', status: 'approved' })]);
    await page.keyboard.press('Escape');
    await page.getByTestId('history-drawer').waitFor({ state: 'hidden' });
  });

  it('asks for a reason before revising an approved value', async () => {
    await submitted('lechang', 32, LECHANG, '99.8', '乐昌市统计局', { action: 'approve' });
    page = await ui.newPage({ as: 'lechang' });
    await page.goto(`${base}/admin/rounds/${YEAR}`);
    await taskRow('my-tasks', 32, LECHANG).getByTestId('task-fill').click();
    await page.getByTestId('task-approved-note').waitFor();
    await page.getByTestId('task-value').fill('99.6');
    await page.getByTestId('task-save').click();
    await page.getByTestId('task-form').getByText('修改已有的值须填写修改原因').waitFor();
    await page.getByTestId('task-reason').fill('统计年报更正');
    await page.getByTestId('task-save').click();
    await page.getByTestId('task-drawer').waitFor({ state: 'hidden' });
    await expect.poll(() => statusOf(taskRow('my-tasks', 32, LECHANG))).toBe('draft');
    // Until it is approved again the official value stays 99.8.
    const history = await ui.sessionJson<{ versions: { year: number; valueText: string }[] }>(`${API}/observations/history?indicator=32&region=${LECHANG}`);
    expect(history.versions.filter((v) => v.year === YEAR).map((v) => v.valueText)).toEqual(['99.8']);
  });

  it('opens the history from the indicator page’s data table', async () => {
    await submitted('lechang', 12, LECHANG, '86.3', '乐昌市住建局统计', { action: 'approve' });
    const name = (await tasksOf('lechang')).tasks.find((t) => t.indicatorCode === 12)!.indicatorName;
    page = await ui.newPage({ as: 'lechang' });
    await page.goto(`${base}/admin/indicators/12?region=${LECHANG}`);
    const row = page.getByTestId('indicator-observations').locator('tr', { hasText: '乐昌市住建局统计' });
    await row.waitFor();
    await row.getByTestId('history-link').click();
    await page.getByTestId('history-drawer').waitFor();
    expect(await page.getByTestId('history-title').innerText()).toBe(`数值历史 · 指标 12 ${name} · 乐昌市`);
    await page.getByTestId('history-table').locator(`tr[data-row-key="${YEAR}-value-1"]`).waitFor();
  });
});
