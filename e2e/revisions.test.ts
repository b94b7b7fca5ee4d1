// Plan revisions in Debian's Chromium: the demo administrator proposes a revision of a 2035 target by editing it in
// table 1, the demo reviewer of the owner department (生态环境局) approves it, and the indicator page then shows the
// new target with its history. Screenshots in both languages.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, shot, type Console } from './harness.js';

let ui: Console;
let page: Page;

beforeAll(async () => {
  ui = await openConsole({ demo: true });
});
afterAll(() => ui?.close());

describe('plan revisions', () => {
  it('an administrator proposes a revised 2035 target; the list shows it awaiting review', async () => {
    page = await ui.newPage({ as: 'admin' });
    await page.goto(`${ui.base}/admin/revisions`);
    await page.getByTestId('revisions-none').waitFor();
    await page.getByTestId('revision-propose').click();
    const form = page.getByTestId('revision-form');
    await form.getByTestId('revision-target-13-2035').waitFor();
    await expect.poll(() => form.getByTestId('revision-changed-count').innerText()).toBe('尚未修改任何目标');
    await form.getByTestId('revision-target-13-2035').fill('≥75.5');
    await expect.poll(() => form.getByTestId('revision-changed-count').innerText()).toBe('已修改 1 项目标');
    await form.getByTestId('revision-year').fill('2030');
    await form.getByTestId('revision-document').fill('韶府函〔2030〕1号（测试）');
    await form.getByTestId('revision-reason').fill('规划中期评估');
    await shot(page, 'revision-form.png');
    await form.getByTestId('revision-submit').click();
    await page.getByTestId('revision-status-1').waitFor();
    expect(await page.getByTestId('revision-status-1').innerText()).toBe('待审核');
    expect(await page.getByTestId('revision-status-0').innerText()).toBe('初次载入');
    // Its proposer may not approve it: the server says so.
    await page.getByTestId('revision-approve-1').click();
    await page.getByTestId('revision-approve-ok').click();
    await page.getByTestId('revision-refused').or(page.getByTestId('api-error')).waitFor();
    expect(await page.getByTestId('revision-status-1').innerText()).toBe('待审核');
  });

  it('the reviewer sees the change, approves it, and the indicator page shows the new target and its history', async () => {
    page = await ui.newPage({ as: 'reviewer' });
    await page.goto(`${ui.base}/admin/revisions`);
    await page.getByTestId('revision-view-1').click();
    const drawer = page.getByTestId('revision-drawer');
    await drawer.getByTestId('revision-diff').getByText('2035 年目标：≥75.0 → ≥75.5').waitFor();
    await shot(page, 'revision-diff.png');
    await drawer.locator('.ant-drawer-close').click();
    await page.getByTestId('revision-approve-1').click();
    await page.getByTestId('revision-approve-ok').click();
    await expect.poll(() => page.getByTestId('revision-status-1').innerText()).toBe('已批准');

    await page.goto(`${ui.base}/admin/indicators/13`);
    const history = page.getByTestId('indicator-history');
    await history.waitFor();
    await history.getByText('≥75.5').waitFor();
    await history.getByText('2030 年起施行').waitFor();
    expect(await page.getByTestId('target-2035').locator('.target-text').innerText()).toBe('≥75.5');
    await shot(page, 'revision-history-zh.png');
    await page.getByTestId('lang-switch').getByText('English').click();
    await history.getByText('in force from 2030').waitFor();
    await shot(page, 'revision-history-en.png');
  });
});
