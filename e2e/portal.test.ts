// The public portal in Chromium: desktop and phone (390×844) with screenshots, JavaScript off (every page
// and the large-text mode work), and keyboard-only use (skip link, visible focus, reaching an indicator).
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, SHOTS, type Console } from './harness.js';

let ui: Console;
let context: BrowserContext | null = null;

beforeAll(async () => {
  ui = await openConsole({ demo: true });
}, 120_000);
afterEach(async () => {
  await context?.close();
  context = null;
});
afterAll(() => ui?.close());

async function open(opts: { width: number; height: number; js?: boolean }): Promise<Page> {
  context = await ui.browser.newContext({ viewport: { width: opts.width, height: opts.height }, locale: 'zh-CN', javaScriptEnabled: opts.js ?? true });
  return context.newPage();
}

describe('portal', () => {
  it('desktop: the plan at a glance and an indicator page with its chart and table', async () => {
    const page = await open({ width: 1440, height: 1000 });
    const res = await page.goto(`${ui.base}/`);
    expect(res!.status()).toBe(200);
    expect(page.url()).toBe(`${ui.base}/`); // no redirect to the console
    await expect.poll(() => page.locator('h1').innerText()).toContain('韶关市生态文明建设规划');
    expect(await page.locator('main table tbody tr').count()).toBeGreaterThanOrEqual(45);
    await page.screenshot({ path: join(SHOTS, 'portal-home.png'), fullPage: false });
    await page.getByRole('link', { name: '森林覆盖率' }).first().click();
    await page.waitForURL(/\/indicators\/13\.html$/);
    await page.locator('svg.chart[role="img"]').first().waitFor();
    expect(await page.locator('svg.chart title').first().textContent()).toBe('森林覆盖率：历年数值与目标');
    expect(await page.getByRole('table', { name: /森林覆盖率（韶关市）历年数值/ }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'portal-indicator.png'), fullPage: true });
  }, 60_000);

  it('phone 390×844: one column, nothing wider than the screen, tables scroll in their own box', async () => {
    const page = await open({ width: 390, height: 844 });
    for (const [url, name] of [
      ['/', 'portal-phone-home.png'],
      ['/indicators/13.html', 'portal-phone-indicator.png'],
    ] as const) {
      await page.goto(`${ui.base}${url}`);
      await page.locator('main h1').waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, url).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SHOTS, name), fullPage: false });
    }
    // Link targets are at least 44 px high (WCAG 2.5.5 advisory; the navigation's links).
    const heights = await page.locator('nav .nav a').evaluateAll((as) => as.map((a) => a.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
  }, 60_000);

  it('JavaScript off: every indicator is named, links work, and the large-text mode switches by a link and stays on', async () => {
    const page = await open({ width: 1280, height: 900, js: false });
    await page.goto(`${ui.base}/`);
    const plan = await ui.getJson<{ indicators: { code: number; name: string }[] }>('/api/v1/plans/default/indicators');
    const body = await page.locator('main').innerText();
    for (const ind of plan.indicators) expect(body, `indicator ${ind.code}`).toContain(ind.name);
    const standard = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    await page.getByRole('link', { name: '大字版（适老化）' }).click();
    await page.waitForURL(/\/large\/index\.html$/);
    const large = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(large).toBeGreaterThan(standard * 1.25);
    await page.getByRole('link', { name: '森林覆盖率' }).first().click();
    await page.waitForURL(/\/large\/indicators\/13\.html$/);
    expect(await page.evaluate(() => document.documentElement.className)).toBe('large');
    await page.screenshot({ path: join(SHOTS, 'portal-large-nojs.png'), fullPage: false });
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/\/large\/en\/indicators\/13\.html$/);
    expect(await page.locator('h1').innerText()).toContain('Forest coverage');
  }, 60_000);

  it('keyboard only: the first Tab reaches the skip link, Enter moves to the content, focus is visible, Enter follows a link', async () => {
    const page = await open({ width: 1280, height: 900 });
    await page.goto(`${ui.base}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到主要内容');
    // The skip link is on screen while focused.
    const box = await page.locator('a.skip').boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    // Tab on from the content until the first indicator link has focus, then open it with Enter.
    let found = false;
    for (let i = 0; i < 40 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href') === 'indicators/1.html');
    }
    expect(found).toBe(true);
    const outline = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: join(SHOTS, 'portal-keyboard-focus.png'), fullPage: false });
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/indicators\/1\.html$/);
  }, 60_000);
});
