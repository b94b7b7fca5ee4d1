// Plan revisions in Debian's Chromium: the demo administrator proposes a revision of a 2035 target by editing it in
// table 1, the demo reviewer of the owner department (生态环境局) approves it, and the indicator page then shows the
// new target with its history. Then a revision from the whole revised plan workbook, adding an indicator: a broken
// workbook is refused by sheet, row and column, a good one shows its changes before it is proposed. Screenshots in
// both languages.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRawFolder } from '../src/planfolder/read.js';
import { planWorkbook } from '../src/planfolder/workbookExport.js';
import { SHAOGUAN_DIR, tempDir } from '../tests/helpers/planFolder.js';
import { openConsole, shot, type Console } from './harness.js';

let ui: Console;
let page: Page;
const dir = tempDir('ecoplan-e2e-revision-');

beforeAll(async () => {
  ui = await openConsole({ demo: true });
  // The plan as revision 1 (below) leaves it, with 12's 2035 target raised and a new indicator 46.
  const raw = loadRawFolder(SHAOGUAN_DIR);
  if (!raw.ok) throw new Error('plan folder invalid');
  const files = structuredClone(raw.files);
  const ind = files['indicators.yaml'];
  ind.find((x) => x.code === 13)!.targets['2035'] = '≥75.5';
  ind.find((x) => x.code === 12)!.targets['2035'] = '≥86.0';
  const base = ind.find((x) => x.code === 44)!;
  ind.push({ ...structuredClone(base), code: 46, name: '生态文明教育基地数量', nameEn: 'Ecological civilization education bases', unit: '个', baseline: { text: '5' }, targets: { '2025': '≥5', '2035': '≥8' }, measure: undefined });
  writeFileSync(join(dir, '规划（修订）.xlsx'), await planWorkbook(files));
  const broken = structuredClone(files);
  broken['indicators.yaml'].find((x) => x.code === 12)!.targets['2035'] = '大约八十六';
  writeFileSync(join(dir, '规划（有误）.xlsx'), await planWorkbook(broken));
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

  it('an administrator uploads the whole revised plan: a broken workbook is refused by place, a good one shows its changes and is proposed', async () => {
    page = await ui.newPage({ as: 'admin' });
    await page.goto(`${ui.base}/admin/revisions`);
    await expect.poll(() => page.getByTestId('revision-status-1').innerText()).toBe('已批准');
    await page.getByTestId('revision-propose').click();
    const form = page.getByTestId('revision-form');
    await form.getByTestId('revision-mode-upload').click();
    expect(await form.getByTestId('revision-changed-count').innerText()).toBe('尚未上传修订后的规划');
    expect(await form.getByTestId('revision-submit').isDisabled()).toBe(true);
    const input = form.getByTestId('revision-upload').locator('input[type=file]');
    await input.setInputFiles(join(dir, '规划（有误）.xlsx'));
    const problems = form.getByTestId('plan-upload-problems');
    await problems.waitFor();
    expect(await problems.innerText()).toMatch(/工作表“[^”]+” · 第 \d+ 行/);
    expect(await problems.innerText()).toContain('大约八十六');
    await input.setInputFiles(join(dir, '规划（修订）.xlsx'));
    const checked = form.getByTestId('revision-upload-checked');
    const diff = checked.getByTestId('revision-diff');
    await diff.getByText('46 生态文明教育基地数量').waitFor();
    await diff.getByText('2035 年目标：≥85.0 → ≥86.0').waitFor();
    expect(await diff.locator('tbody tr').count()).toBe(2);
    expect(await form.getByTestId('revision-changed-count').innerText()).toBe('已校验，改动见上');
    await form.getByTestId('revision-year').fill('2031');
    await form.getByTestId('revision-document').fill('韶府函〔2031〕2号（测试）');
    await form.getByTestId('revision-reason').fill('新增生态文明教育指标');
    await shot(page, 'revision-upload.png');
    await form.getByTestId('revision-submit').click();
    await expect.poll(() => page.getByTestId('revision-status-2').innerText()).toBe('待审核');
    await page.getByTestId('revision-view-2').click();
    await page.getByTestId('revision-drawer').getByTestId('revision-diff').getByText('46 生态文明教育基地数量').waitFor();
  });
});
