// The survey end to end in Debian's Chromium against a real `ecoplan serve --demo`: a reviewer designs a
// questionnaire in the console (previewed at phone size) and opens it; two members of the public answer it on
// /survey/ at 390×844 (the page's script does the proof-of-work), one of them typing markup into the free text;
// the reviewer reads the results (charts, rates, the free text shown as typed, nothing run), proposes indicators 44
// and 45 into the open 2025 round and approves 44 from the review queue; the evaluation then reads the approved value.
// Screenshots go to test-results/survey-*.png (look at them).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openConsole, shot, SHOTS, type Console } from './harness.js';

const API = '/api/v1/plans/default';
const INJECTION = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">水很清';

let ui: Console;
let page: Page;
let id = '';

beforeAll(async () => {
  ui = await openConsole({ demo: true });
}, 120_000);
afterAll(async () => {
  await ui?.close();
});

/** Answers the open questionnaire as a member of the public in a browser of their own, on a phone-sized screen. */
async function answerAsPublic(choices: { county: string; satisfaction: string; participation: string; text?: string }, screenshot?: string) {
  const p = await ui.newPage();
  await p.setViewportSize({ width: 390, height: 844 });
  const dialogs: string[] = [];
  p.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await p.goto(`${ui.base}/survey/`);
  await p.locator(`a[href="/survey/${id}"]`).click();
  await p.locator('#survey-form').waitFor();
  await p.selectOption('#county', choices.county);
  await p.getByLabel(choices.satisfaction, { exact: false }).first().check();
  await p.getByLabel(choices.participation, { exact: false }).first().check();
  if (choices.text !== undefined) await p.locator('textarea').fill(choices.text);
  if (screenshot) await shot(p, screenshot, { pointerAway: false });
  await p.getByRole('button', { name: /提交/ }).click();
  await p.getByText('提交成功，感谢您的参与！').waitFor({ timeout: 60_000 });
  expect(dialogs).toEqual([]);
  return p;
}

describe('survey', () => {
  it('asks a signed-out visitor of the console to sign in, without a failed request', async () => {
    const v = await ui.newPage();
    const failures: string[] = [];
    v.on('response', (r) => {
      if (r.status() >= 400) failures.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    await v.goto(`${ui.base}/admin/surveys`);
    await v.getByTestId('survey-sign-in').waitFor();
    expect(failures).toEqual([]);
  });

  it('is designed, previewed at phone size and opened by a reviewer', async () => {
    page = await ui.newPage({ as: 'reviewer' });
    await page.goto(`${ui.base}/admin/`);
    await page.getByTestId('menu-surveys').click();
    await page.getByTestId('surveys-page').waitFor();
    await page.getByRole('spinbutton', { name: '调查年度' }).fill('2025');
    await page.getByTestId('survey-create').click();
    await page.getByTestId('survey-page').waitFor();
    id = new URL(page.url()).pathname.split('/').pop()!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // The preview is the page the public gets, drawn by the server in a phone-sized frame.
    const frame = page.frameLocator('[data-testid="survey-preview"]');
    await frame.getByText('您对本地生态文明建设的总体满意程度如何？').waitFor();
    expect(await page.getByTestId('survey-preview').getAttribute('width')).toBe('390');
    await page.getByTestId('survey-title-zh').fill('韶关市生态文明建设公众满意度与参与度调查（2025 年）');
    await page.getByTestId('survey-save').click();
    await frame.getByText('韶关市生态文明建设公众满意度与参与度调查（2025 年）').waitFor();
    await page.getByTestId('survey-open').click();
    await expect.poll(() => page.getByTestId('survey-status').getAttribute('data-status')).toBe('open');
    await shot(page, 'survey-designer.png', { waitToasts: true });
  });

  it('is answered by the public on a phone, with the proof-of-work done by the page', async () => {
    await answerAsPublic({ county: '440281', satisfaction: '满意 Satisfied', participation: '垃圾分类', text: INJECTION }, 'survey-public-phone.png');
    // Another browser (its own token), other answers: 一般 is not satisfied, 以上都没有 is not participating.
    const p = await answerAsPublic({ county: '440203', satisfaction: '一般', participation: '以上都没有' });
    await shot(p, 'survey-public-thanks.png', { pointerAway: false });
    const saved = await ui.call<{ total: number }>('reviewer', 'GET', `${API}/surveys/${id}/results`);
    expect(saved.total).toBe(2);
  });

  it('without JavaScript, a form missing an answer comes back in the portal’s frame with the answers kept and the reason at the field', async () => {
    const context = await ui.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', javaScriptEnabled: false });
    try {
      const p = await context.newPage();
      await p.goto(`${ui.base}/survey/${id}`);
      // The portal's frame: its header, the language and large-text switches, its footer.
      await p.locator('header.site-header').waitFor();
      expect(await p.locator('.switches a').allInnerTexts()).toEqual(['English', '大字版（适老化）']);
      await p.selectOption('#county', '440204');
      await p.getByLabel('比较满意', { exact: false }).first().check();
      await p.locator('textarea').fill('多种树 <b>少开车</b>');
      // Question 2 (participation, several choices, required) left out: the browser cannot hold it back, the server does.
      await p.getByRole('button', { name: /提交/ }).click();
      await p.locator('#survey-errors').waitFor();
      const q2 = p.locator('fieldset.invalid');
      expect(await q2.count()).toBe(1);
      expect(await q2.locator('.field-error').innerText()).toContain('第 2 题为必答题');
      expect(await q2.locator('.field-error').innerText()).toContain('question 2 is required');
      expect(await p.locator('#county').inputValue()).toBe('440204');
      expect(await p.getByLabel('比较满意', { exact: false }).first().isChecked()).toBe(true);
      expect(await p.locator('textarea').inputValue()).toBe('多种树 <b>少开车</b>');
      await p.screenshot({ path: join(SHOTS, 'survey-refused-nojs.png'), fullPage: true });
      // The English variant of the same questionnaire, by the portal's switch.
      await p.getByRole('link', { name: 'English' }).click();
      await p.waitForURL(new RegExp(`/en/survey/${id}$`));
      expect(await p.locator('html').getAttribute('lang')).toBe('en');
      expect(await p.locator('h1').innerText()).toMatch(/^Shaoguan public survey/);
    } finally {
      await context.close();
    }
    const saved = await ui.call<{ total: number }>('reviewer', 'GET', `${API}/surveys/${id}/results`);
    expect(saved.total).toBe(2);
  });

  it('shows the reviewer the results, the free text as typed, and proposes 44 and 45; approval makes 44 official', async () => {
    page = await ui.newPage({ as: 'reviewer' });
    await page.goto(`${ui.base}/admin/surveys/${id}`);
    await page.getByTestId('survey-tab-results').click();
    await expect.poll(() => page.getByTestId('survey-total').innerText()).toBe('2');
    await page.locator('[data-testid="survey-county-chart"][data-rendered="true"]').waitFor();
    await page.locator('[data-testid="survey-day-chart"][data-rendered="true"]').waitFor();
    expect(await page.getByTestId('rate-satisfaction-u').innerText()).toBe('50.0%');
    expect(await page.getByTestId('rate-participation-u').innerText()).toBe('50.0%');
    const text = page.locator('.survey-free-text').first();
    expect(await text.textContent()).toBe(INJECTION);
    expect(await page.locator('[data-testid="survey-free-text"] script, [data-testid="survey-free-text"] img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    await ui.call('admin', 'POST', `${API}/rounds`, { year: 2025, deadline: '2026-03-31' });
    await page.getByTestId('survey-propose').click();
    await page.getByTestId('survey-proposed').waitFor();
    expect(await page.getByTestId('survey-proposed').innerText()).toContain('44: 50.0');
    await shot(page, 'survey-results.png', { waitToasts: true });

    await page.goto(`${ui.base}/admin/rounds/2025`);
    const row = page.getByTestId('review-queue').locator('tr[data-row-key="44-440200-value"]');
    await row.getByTestId('review-approve').click();
    await row.waitFor({ state: 'detached' });
    const evaluation = await ui.getJson<{ indicators: { code: number; value: { valueText: string | null; year: number } | null }[] }>(`${API}/evaluation?year=2025`);
    expect(evaluation.indicators.find((i) => i.code === 44)!.value).toMatchObject({ valueText: '50.0', year: 2025 });
  });

  it('asks for a reason to propose again, and the review queue shows it', async () => {
    // 45 is returned to the survey team, 44 is approved: both are in the round, so a new proposal needs a reason.
    await ui.call('reviewer', 'POST', `${API}/rounds/2025/tasks/45/440200/value/review`, { action: 'return', comment: '请补录纸质答卷后重报' });
    await page.goto(`${ui.base}/admin/surveys/${id}`);
    await page.getByTestId('survey-tab-results').click();
    await page.getByTestId('survey-repropose').waitFor();
    expect(await page.getByTestId('survey-repropose').innerText()).toContain('44（已审定）、45（已退回）');
    await page.getByTestId('survey-propose').click();
    await page.getByTestId('survey-repropose-missing').waitFor();
    const reason = '补录纸质答卷后重新计算';
    await page.getByLabel('再次送审的原因（必填）').fill(reason);
    await page.getByTestId('survey-propose').click();
    await page.getByTestId('survey-proposed').waitFor();
    await shot(page, 'survey-repropose.png', { waitToasts: true });
    await page.goto(`${ui.base}/admin/rounds/2025`);
    const row = page.getByTestId('review-queue').locator('tr[data-row-key="44-440200-value"]');
    await row.waitFor();
    expect(await row.getByTestId('queue-reason').innerText()).toContain(reason);
  });
});
