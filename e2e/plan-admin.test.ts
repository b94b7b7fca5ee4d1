// Uploading a plan in Debian's Chromium (规划管理): a broken plan workbook is refused with its problems located by sheet,
// row and column; the example county plan as a zipped folder is kept as a draft, previewed and published beside the
// default plan, and the administrator can open it. Screenshots of the validation report and the preview.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRawFolder } from '../src/planfolder/read.js';
import { planWorkbook } from '../src/planfolder/workbookExport.js';
import { EXAMPLE_COUNTY_DIR, tempDir, zipPlanFolder } from '../tests/helpers/planFolder.js';
import { openConsole, shot, type Console } from './harness.js';

let ui: Console;
let page: Page;
const dir = tempDir('ecoplan-e2e-upload-');

beforeAll(async () => {
  ui = await openConsole({ demo: true });
  writeFileSync(join(dir, 'example-county.zip'), zipPlanFolder(EXAMPLE_COUNTY_DIR, 'example-county'));
  const raw = loadRawFolder(EXAMPLE_COUNTY_DIR);
  if (!raw.ok) throw new Error('invalid');
  const broken = structuredClone(raw.files);
  broken['indicators.yaml'][1]!.targets['2027'] = '大约二十';
  writeFileSync(join(dir, '示例县规划（有误）.xlsx'), await planWorkbook(broken));
});
afterAll(() => ui?.close());

describe('规划管理: uploading a plan', () => {
  it('lists every problem of a broken workbook by sheet, row and column, keeping nothing', async () => {
    page = await ui.newPage({ as: 'admin' });
    await page.goto(`${ui.base}/admin/plan-admin`);
    await page.getByTestId('plan-admin-plans').getByText('shaoguan-2021-2035').waitFor();
    await page.getByTestId('plan-upload').locator('input[type=file]').setInputFiles(join(dir, '示例县规划（有误）.xlsx'));
    const problems = page.getByTestId('plan-upload-problems');
    await problems.waitFor();
    expect(await problems.innerText()).toMatch(/工作表“[^”]+” · 第 \d+ 行/);
    await shot(page, 'plan-upload-problems.png');
    expect(await page.getByTestId('plan-drafts').count()).toBe(0);
  });

  it('keeps a zipped plan folder as a draft, previews it, and publishes it beside the default plan', async () => {
    page = await ui.newPage({ as: 'admin' });
    await page.goto(`${ui.base}/admin/plan-admin`);
    await page.getByTestId('plan-admin-plans').waitFor();
    await page.getByTestId('plan-upload').locator('input[type=file]').setInputFiles(join(dir, 'example-county.zip'));
    const preview = page.getByTestId('plan-draft-preview');
    await preview.getByTestId('plan-draft-indicators').waitFor();
    expect(await preview.getByTestId('plan-draft-indicators').locator('.ant-table-title').innerText()).toBe('指标（21）');
    await shot(page, 'plan-draft-preview.png');
    await preview.getByTestId('plan-draft-publish').click();
    await page.getByTestId('plan-draft-publish-ok').click();
    await expect.poll(() => page.getByTestId('plan-draft-status-example-county-2024-2035').innerText()).toBe('已发布');
    await page.getByTestId('plan-admin-plans').getByText('example-county-2024-2035').waitFor();
    // Its publisher administers it: the plan opens in the console with the switcher offering both plans.
    await page.goto(`${ui.base}/admin/p/example-county-2024-2035/indicators`);
    await expect.poll(() => page.getByTestId('plan-short-name').innerText()).toContain('示例县');
    await page.getByTestId('plan-switch').waitFor();
  });
});
