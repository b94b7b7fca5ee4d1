// The printable HTML report in Debian's Chromium (playwright-core): its text, its inline SVG charts, its print
// layout. Writes test-results/report-2024.png (the page) and test-results/report-2024.pdf (as printed): look at them.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReport } from '../../src/reports/index.js';
import { fixtureStore } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = resolve(import.meta.dirname, '../../test-results');

let browser: Browser;
let html: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH)`);
  mkdirSync(SHOTS, { recursive: true });
  const store = await fixtureStore();
  html = (await generateReport({ plan: store.plan, revision: 1, year: 2024, observations: await store.observations(), format: 'html' })).body.toString('utf8');
  await store.db.destroy();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
afterAll(async () => {
  await browser?.close();
});

describe('the HTML report in a browser', () => {
  it('shows the report with its charts as inline SVG, self-contained', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1200 }, locale: 'zh-CN' });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.setContent(html, { waitUntil: 'load' });
    expect(requests.filter((u) => !u.startsWith('data:') && u !== 'about:blank')).toEqual([]);
    const text = await page.locator('body').innerText();
    for (const t of ['韶关市生态文明建设规划', '2024年度实施评估报告', '目　　录', '一、总体评估结论', '（二）生态安全领域', '生态环境状况指数▲', '84.6', '未达标', '603.58', '建设期已满，需核实完成情况', '规划文本表1现状值', '附件　数据来源与审定记录'])
      expect(text).toContain(t);
    expect(await page.locator('h1').count()).toBe(6); // the cover's title and five chapters
    // Eight charts, each an SVG with bars and Chinese labels drawn.
    const charts = page.locator('figure svg');
    expect(await charts.count()).toBe(8);
    const first = await charts.nth(1).evaluate((svg) => ({ w: svg.getBoundingClientRect().width, paths: svg.querySelectorAll('path').length, text: svg.textContent ?? '' }));
    expect(first.w).toBeGreaterThan(400);
    expect(first.paths).toBeGreaterThan(5);
    expect(first.text).toContain('生态环境信息公开率');
    // Every entry of the contents leads to a heading.
    const broken = await page.locator('.toc a').evaluateAll((as) => as.filter((a) => !document.getElementById((a.getAttribute('href') ?? '').slice(1))).length);
    expect(broken).toBe(0);
    expect(await page.locator('body').evaluate((b) => getComputedStyle(b).fontFamily)).toMatch(/^"?仿宋_GB2312/);
    await page.screenshot({ path: join(SHOTS, 'report-2024.png'), fullPage: true });
    await page.close();
  });

  it('prints on A4 with each chapter on a new page', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const breaks = await page.locator('section.chapter').evaluateAll((s) => s.map((e) => getComputedStyle(e).breakBefore));
    expect(breaks).toEqual(['page', 'page', 'page', 'page', 'page']);
    const pdf = await page.pdf({ path: join(SHOTS, 'report-2024.pdf'), preferCSSPageSize: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThan(10);
    await page.close();
  });
});
