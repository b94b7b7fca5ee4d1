// Issue 15, item 8: no table of the console hides a column. Every console page (and every tab of a page) is opened
// at 1440×900 and 1280×800, in Chinese and in English, as an administrator (who sees the most columns) of the full
// demo (`serve --demo`: monitoring year, open round), plus the round as a reporter sees it. On each, every table
// shown must either fit its container or scroll inside it (overflow-x auto/scroll on the part that is wider), must
// not stick out of the card it is in, and no column header may be cut (its text wider than the cell). A body cell
// whose text is cut must say so with an ellipsis and a tooltip or title. Screenshots: test-results/layout-*.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, shot, type Console } from './harness.js';

let ui: Console;
const API = '/api/v1/plans/default';

/** The console's pages, with the addresses of one indicator, project and station of the demo data. */
let pages: { name: string; path: string; as?: string }[] = [];

beforeAll(async () => {
  ui = await openConsole({ demo: 'full' });
  const stations = await ui.getJson<{ stations: { code: string }[] }>('/api/v1/monitoring/air/stations');
  const station = stations.stations[0]!.code;
  const years = await ui.getJson<{ air: number[] }>('/api/v1/monitoring/years');
  const year = years.air[0]!;
  pages = [
    { name: 'overview', path: '/' },
    { name: 'indicators', path: '/indicators' },
    { name: 'indicator-8', path: '/indicators/8' },
    { name: 'evaluation', path: '/evaluation' },
    { name: 'projects', path: '/projects' },
    { name: 'project-1', path: '/projects/1' },
    { name: 'rounds', path: '/rounds' },
    { name: 'round-2025', path: '/rounds/2025' },
    { name: 'round-2025-reporter', path: '/rounds/2025', as: 'lechang' },
    { name: 'users', path: '/admin-users' },
    { name: 'air', path: `/monitoring/air?year=${year}` },
    { name: 'air-station', path: `/monitoring/air/${encodeURIComponent(station)}?year=${year}` },
    { name: 'water', path: `/monitoring/water?year=${year}` },
    { name: 'gep', path: '/gep' },
    { name: 'gep-compare', path: '/gep/compare' },
    { name: 'gep-inputs', path: '/gep/inputs' },
    { name: 'gep-compensation', path: '/gep/compensation' },
    { name: 'gep-balance', path: '/gep/balance' },
    { name: 'carbon', path: '/carbon' },
    { name: 'carbon-intensity', path: '/carbon/intensity' },
    { name: 'carbon-scenarios', path: '/carbon/scenarios' },
    { name: 'carbon-data', path: '/carbon/data' },
  ];
  // The plan's API answers (a check that the demo is what the list above assumes).
  await ui.getJson(`${API}/indicators/8`);
}, 240_000);

afterAll(async () => {
  await ui?.close();
});

/** Waits until the page has drawn its data: its frame is there and nothing says it is still loading. */
async function settled(page: Page) {
  await page.locator('.page, .carbon-page').first().waitFor({ timeout: 120_000 });
  await expect
    .poll(() => page.locator('.ant-spin-spinning, .page-loading, .ant-skeleton, [data-computing="true"]').count(), { timeout: 180_000 })
    .toBe(0);
}

/**
 * What is wrong with the tables shown, as sentences: measured in the page. A part of a table wider than its box
 * (scrollWidth > clientWidth) must be a scroll container; the table may not reach past the card body (or page)
 * that holds it; a header's content may not be wider than the header; a body cell's may only when it is drawn
 * with an ellipsis and carries a title or a tooltip.
 */
function measure(page: Page): Promise<{ problems: string[]; tips: { mark: string; where: string; text: string }[]; talls: { mark: string; what: string }[] }> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const talls: { mark: string; what: string }[] = [];
    // Cells cut with an ellipsis and no title: the test hovers one per column for its tooltip.
    const tips: { mark: string; where: string; text: string }[] = [];
    const tipColumns = new Set<string>();
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const label = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    const tables = [...document.querySelectorAll('.ant-table-wrapper')].filter(visible);
    tables.forEach((wrapper, n) => {
      const name = wrapper.closest('[data-testid]')?.getAttribute('data-testid') ?? `table ${n + 1}`;
      // Each part that holds the table's columns: the header, the body and the plain content box.
      for (const part of wrapper.querySelectorAll('.ant-table-content, .ant-table-body, .ant-table-header, .ant-table-container')) {
        if (part.scrollWidth > part.clientWidth + 1) {
          const ox = getComputedStyle(part).overflowX;
          // The header of a scrolling table follows the body's scroll bar (antd syncs them); only body/content count.
          const followsBody = part.classList.contains('ant-table-header') && wrapper.querySelector('.ant-table-body') !== null;
          if (followsBody) continue;
          if (ox !== 'auto' && ox !== 'scroll')
            problems.push(`${name}: ${part.className.split(' ')[0]} is ${part.scrollWidth}px wide in ${part.clientWidth}px, overflow-x ${ox} (no scroll bar)`);
          // A scroll bar under a table taller than the window is out of sight while its rows are read: such a
          // table needs antd's sticky scroll bar (kept at the window's bottom), checked by the caller with the
          // table scrolled into view.
          else if (part.getBoundingClientRect().height > window.innerHeight - 120 && !wrapper.hasAttribute('data-layout-tall')) {
            wrapper.setAttribute('data-layout-tall', String(talls.length));
            talls.push({ mark: String(talls.length), what: `${name}: ${part.scrollWidth}px wide in ${part.clientWidth}px and ${Math.round(part.getBoundingClientRect().height)}px tall` });
          }
        }
      }
      const box = wrapper.getBoundingClientRect();
      const holder = wrapper.closest('.ant-card-body, .ant-modal-body, .ant-drawer-body, .page') ?? document.body;
      const hb = holder.getBoundingClientRect();
      if (box.right > hb.right + 1 || box.left < hb.left - 1)
        problems.push(`${name}: the table (${Math.round(box.left)}–${Math.round(box.right)}) reaches past its card (${Math.round(hb.left)}–${Math.round(hb.right)})`);
      if (box.right > document.documentElement.clientWidth + 1) problems.push(`${name}: the table reaches past the window (${Math.round(box.right)}px)`);
      // A cell's content measured as laid out (a Range over it: the cell's own scrollWidth would count antd's
      // fixed-column shadow, drawn past the cell on purpose). Content past the cell's border is cut or drawn over
      // the next cell. One line per column, with how many cells.
      const heads = [...wrapper.querySelectorAll('thead th')].filter(visible);
      const headText = (i: number) => label(heads[i] ?? document.body);
      const cut = new Map<string, { n: number; example: string }>();
      // A word broken across lines ("Completio/n") is a column too narrow for its text, as bad as a cut one.
      const brokenWord = (cell: Element): string | null => {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          for (const m of text.matchAll(/[A-Za-z0-9%.,()'’]{3,}/g)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            if (lines.size > 1) return m[0];
          }
        }
        return null;
      };
      const cellCut = (cell: Element) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        const c = range.getBoundingClientRect();
        const r = cell.getBoundingClientRect();
        return c.width > 0 && (c.right > r.right + 1 || c.left < r.left - 1) ? Math.round(c.width) : 0;
      };
      heads.forEach((th, i) => {
        if (th.classList.contains('ant-table-selection-column')) return;
        const w = cellCut(th);
        if (w) problems.push(`${name}: header "${headText(i)}" is cut (${w}px of text in ${Math.round(th.getBoundingClientRect().width)}px)`);
        const broken = brokenWord(th);
        if (broken) problems.push(`${name}: header "${headText(i)}" breaks the word "${broken}" across lines`);
      });
      for (const row of wrapper.querySelectorAll('tbody tr.ant-table-row')) {
        [...row.children].forEach((td, i) => {
          if (!visible(td)) return;
          const broken = brokenWord(td);
          if (broken) {
            const key = `${name}: column ${i + 1} "${headText(i)}" breaks words`;
            const seen = cut.get(key) ?? { n: 0, example: `"${broken}"` };
            seen.n += 1;
            cut.set(key, seen);
          }
          const w = cellCut(td);
          if (!w) return;
          // Cut on purpose and said so: antd's ellipsis with the whole text as a title or tooltip.
          const ellipsis = td.classList.contains('ant-table-cell-ellipsis') || td.querySelector('.ant-typography-ellipsis') !== null;
          const said = td.hasAttribute('title') || td.querySelector('[title]') !== null;
          if (ellipsis && said) return;
          if (ellipsis) {
            const where = `${name}: column ${i + 1} "${headText(i)}"`;
            if (!tipColumns.has(where)) {
              tipColumns.add(where);
              const mark = String(tips.length);
              td.setAttribute('data-layout-tip', mark);
              tips.push({ mark, where, text: (td.textContent ?? '').trim() });
            }
            return;
          }
          const key = `${name}: column ${i + 1} "${headText(i)}"`;
          const seen = cut.get(key) ?? { n: 0, example: `"${label(td)}" ${w}px in ${Math.round(td.getBoundingClientRect().width)}px` };
          seen.n += 1;
          cut.set(key, seen);
        });
      }
      for (const [key, { n, example }] of cut) problems.push(`${key}: ${n} cell(s) cut, e.g. ${example}`);
    });
    return { problems, tips, talls };
  });
}

/**
 * The tables' problems on the page as shown. A cell cut with an ellipsis is fine when hovering it shows its whole
 * text in a tooltip (antd's Tooltip sets no title): one cell per column is hovered.
 */
async function tableProblems(page: Page): Promise<string[]> {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('[data-layout-tall], [data-layout-tip]')) el.removeAttribute(el.hasAttribute('data-layout-tall') ? 'data-layout-tall' : 'data-layout-tip');
  });
  const { problems, tips, talls } = await measure(page);
  // A tall table that scrolls sideways, read from its top: its scroll bar must be in sight (antd's sticky bar,
  // which antd measures when the window scrolls).
  for (const tall of talls) {
    const inSight = await page.evaluate(async (mark) => {
      const table = document.querySelector(`[data-layout-tall="${mark}"]`)!;
      window.scrollTo(0, table.getBoundingClientRect().top + window.scrollY - 100);
      for (let i = 0; i < 3; i++) await new Promise((ok) => requestAnimationFrame(ok));
      window.dispatchEvent(new Event('scroll'));
      for (let i = 0; i < 3; i++) await new Promise((ok) => requestAnimationFrame(ok));
      const bar = table.querySelector('.ant-table-sticky-scroll');
      return bar !== null && bar.getBoundingClientRect().bottom <= window.innerHeight + 1;
    }, tall.mark);
    if (!inSight) problems.push(`${tall.what}: scrolled to its top, no scroll bar in sight (only at its bottom; no sticky scroll bar)`);
  }
  for (const tip of tips) {
    const cell = page.locator(`[data-layout-tip="${tip.mark}"]`);
    await cell.scrollIntoViewIfNeeded();
    await cell.locator(':scope > *').first().hover();
    const shown = page.locator('.ant-tooltip:not(.ant-tooltip-hidden) .ant-tooltip-container, .ant-tooltip:not(.ant-tooltip-hidden) .ant-tooltip-inner');
    const words = tip.text.replace(/\s+/g, ' ').slice(0, 30);
    try {
      await expect.poll(async () => (await shown.allInnerTexts()).join(' ').replace(/\s+/g, ' '), { timeout: 10_000 }).toContain(words);
    } catch {
      problems.push(`${tip.where}: cut with an ellipsis but hovering it shows no tooltip with "${words}"`);
    }
    await page.mouse.move(0, 0);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  return problems;
}

/** The page's tab bars that are not inside another tab's content: their index among all tab bars, and their tabs' keys. */
async function tabsOf(page: Page): Promise<{ index: number; keys: string[] }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.ant-tabs')]
      .map((t, index) => ({ t, index }))
      .filter(({ t }) => t.parentElement?.closest('.ant-tabs') === null)
      .map(({ t, index }) => ({ index, keys: [...t.querySelectorAll(':scope > .ant-tabs-nav .ant-tabs-tab')].map((tab) => tab.getAttribute('data-node-key') ?? '') })),
  );
}

async function checkEveryPage(width: number, height: number, lang: 'zh' | 'en') {
  const found: string[] = [];
  let page: Page | null = null;
  let user = '';
  for (const p of pages) {
    const as = p.as ?? 'admin';
    if (!page || as !== user) {
      page = await ui.newPage({ as, viewport: { width, height }, lang });
      page.setDefaultTimeout(120_000);
      user = as;
    }
    await page.goto(`${ui.base}/admin${p.path}`);
    await settled(page);
    await shot(page, `layout-${width}-${lang}-${p.name}.png`);
    found.push(...(await tableProblems(page)).map((x) => `${p.name}: ${x}`));
    for (const { index, keys } of await tabsOf(page)) {
      for (const key of keys.slice(1)) {
        const target = page.locator('.ant-tabs').nth(index).locator(`:scope > .ant-tabs-nav .ant-tabs-tab[data-node-key="${key}"]`);
        await target.click();
        await expect.poll(() => target.getAttribute('class')).toContain('ant-tabs-tab-active');
        await settled(page);
        await shot(page, `layout-${width}-${lang}-${p.name}-${key}.png`);
        found.push(...(await tableProblems(page)).map((x) => `${p.name} (tab ${key}): ${x}`));
      }
    }
  }
  return found;
}

describe('tables fit or scroll: no column hidden, no header cut', () => {
  for (const [width, height] of [
    [1440, 900],
    [1280, 800],
  ] as const) {
    for (const lang of ['zh', 'en'] as const) {
      it(`at ${width}×${height} in ${lang === 'zh' ? 'Chinese' : 'English'}`, async () => {
        expect(await checkEveryPage(width, height, lang)).toEqual([]);
      }, 1_200_000);
    }
  }
});
