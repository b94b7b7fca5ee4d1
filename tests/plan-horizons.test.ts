// Any plan's target years (issue 18): the horizons come from plan.yaml, not from the code. The example county plan
// aims at 2027 and 2035; a copy of it aims at 2035 alone. Both run beside Shaoguan's (2025/2035) through the API:
// round tasks and the department template, the evaluation with and without a forced horizon, the Word report, the
// portal pages and open data, the plan workbook; the CLI's evaluate --horizon. Years that are not a plan's horizons
// are refused wherever they come in: the API's query, the CLI option, plan.yaml/indicators.yaml, the workbook.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/passwords.js';
import type { Plan } from '../src/plan/model.js';
import { horizonFor, horizonSpans } from '../src/plan/horizons.js';
import { readPlanFolder } from '../src/planfolder/read.js';
import { planWorkbook } from '../src/planfolder/workbookExport.js';
import { readPlanWorkbook, type WorkbookProblem } from '../src/planfolder/workbookImport.js';
import { PageContext } from '../src/portal/layout.js';
import { loadPortalInput } from '../src/portal/load.js';
import { buildPortalModel } from '../src/portal/model.js';
import { openDataFiles } from '../src/portal/openData.js';
import { indicatorPage, indicatorsPage } from '../src/portal/pages.js';
import { buildApp } from '../src/server/app.js';
import { recordObservations } from '../src/store/observations.js';
import { seedPlan } from '../src/store/plans.js';
import { createUser } from '../src/store/users.js';
import type { RawPlanFiles } from '../src/plan/schema.js';
import { BIN, CLI_CWD } from './helpers/cli.js';
import { signInTo, TEST_PASSWORD, type Session } from './helpers/app.js';
import { brokenPlanFolder, EXAMPLE_COUNTY_DIR, SHAOGUAN_DIR, tempDir } from './helpers/planFolder.js';
import { seededDatabase } from './helpers/store.js';
import { textOf, unzip } from './reports/helpers.js';

const COUNTY = 'example-county-2024-2035';
const ONE = 'example-one-horizon';

/** The example county with the single horizon 2035: the 2027 line of plan.yaml and every "2027" target removed. */
function oneHorizonFolder(): string {
  return brokenPlanFolder(
    {
      'plan.yaml': (t) => t.replace(`id: ${COUNTY}`, `id: ${ONE}`).replace(/^ {2}- \{year: 2027,.*\n/m, ''),
      'indicators.yaml': (t) => t.replace(/"2027": (?:"[^"]*"|[^,]*), /g, ''),
    },
    EXAMPLE_COUNTY_DIR,
  );
}

let app: FastifyInstance;
let store: Awaited<ReturnType<typeof seededDatabase>>;
let county: Plan;
let one: Plan;
let oneDir: string;
const sessions: Record<string, Session> = {};

async function seedFolder(dir: string): Promise<{ plan: Plan; files: RawPlanFiles }> {
  const folder = readPlanFolder(dir);
  if (!folder.result.ok) throw new Error(JSON.stringify(folder.result.problems.slice(0, 3)));
  await seedPlan(store.db, folder.result.plan, folder.contentHash, { isDefault: false, schemes: folder.schemes, boundaries: folder.boundaries });
  return { plan: folder.result.plan, files: folder.files! };
}

beforeAll(async () => {
  store = await seededDatabase();
  oneDir = oneHorizonFolder();
  county = (await seedFolder(EXAMPLE_COUNTY_DIR)).plan;
  one = (await seedFolder(oneDir)).plan;
  // Approved 2024 figures of both plans: 5 优良天数比例 92.5, 9 森林覆盖率 72.30 (county-wide).
  const obs = (indicatorCode: number, valueText: string) => ({ indicatorCode, regionCode: '990121', year: 2024, kind: 'value' as const, valueText, state: null, checks: [], source: '合成示例数据', note: null, reason: null });
  for (const planId of [COUNTY, ONE]) await recordObservations(store.db, planId, [obs(5, '92.5'), obs(9, '72.30')], { origin: 'import', recordedBy: 'seed', status: 'approved' });
  const hash = await hashPassword(TEST_PASSWORD);
  for (const [username, planId, departmentId] of [
    ['c-admin', COUNTY, null],
    ['c-forestry', COUNTY, 'lyj'],
    ['o-admin', ONE, null],
  ] as const)
    await createUser(store.db, { username, displayName: username, role: departmentId ? 'reporter' : 'admin', planId, departmentId, passwordHash: hash });
  app = await buildApp({ db: store.db, webDir: '/nonexistent', loginRateLimit: 1000, revisionTtlMs: 0 });
  for (const username of ['c-admin', 'c-forestry', 'o-admin']) sessions[username] = await signInTo(app, username);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await store?.db.destroy();
});

const call = (method: 'GET' | 'POST', url: string, who: string | null, payload?: object) =>
  app.inject({ method, url, payload, headers: who ? { cookie: sessions[who]!.cookie, 'x-csrf-token': sessions[who]!.csrf } : {} });

type Task = { indicatorCode: number; target: string };
const targetsOf = async (planId: string, year: number, who: string) => {
  const res = await call('GET', `/api/v1/plans/${planId}/rounds/${year}/tasks?limit=500`, who);
  expect(res.statusCode, res.body).toBe(200);
  return new Map((res.json().tasks as Task[]).map((t) => [t.indicatorCode, t.target]));
};

describe('a plan aiming at 2027 and 2035', () => {
  it('shows its horizons and keys every target by them', async () => {
    const res = await call('GET', `/api/v1/plans/${COUNTY}`, null);
    expect(res.json().meta.horizons.map((h: { year: number }) => h.year)).toEqual([2027, 2035]);
    const ind = await call('GET', `/api/v1/plans/${COUNTY}/indicators/5`, null);
    expect(ind.statusCode, ind.body).toBe(200);
    const targets = ind.json().indicator.targets as Record<string, { text: string }>;
    expect(Object.keys(targets)).toEqual(['2027', '2035']);
    expect(targets['2027']!.text).toBe('≥93.0'); // indicators.yaml, indicator 5
  });

  it('round tasks name the target of the horizon that applies: 2027’s in a 2024 round, 2035’s in a 2028 round', async () => {
    for (const year of [2024, 2028]) {
      const opened = await call('POST', `/api/v1/plans/${COUNTY}/rounds`, 'c-admin', { year, deadline: `${year + 1}-03-31` });
      expect(opened.statusCode, opened.body).toBe(200);
    }
    // indicators.yaml: 5 "≥93.0" for 2027, "≥95.0" for 2035; 9 "≥72.20" and "≥72.50".
    const y2024 = await targetsOf(COUNTY, 2024, 'c-admin');
    expect([y2024.get(5), y2024.get(9)]).toEqual(['≥93.0', '≥72.20']);
    const y2028 = await targetsOf(COUNTY, 2028, 'c-admin');
    expect([y2028.get(5), y2028.get(9)]).toEqual(['≥95.0', '≥72.50']);
    // The forestry department's Excel template says the same (column 目标值).
    const res = await call('GET', `/api/v1/plans/${COUNTY}/rounds/2024/template.xlsx`, 'c-forestry');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    // Row 2 holds the headers (roundTemplate.ts), the tasks follow from row 3.
    const header = (ws.getRow(2).values as unknown[]).map(String);
    const targetCol = header.indexOf('目标值');
    const codeCol = header.indexOf('指标序号');
    expect(targetCol).toBeGreaterThan(0);
    const rows = Array.from({ length: ws.rowCount - 2 }, (_, i) => ws.getRow(i + 3));
    const row9 = rows.find((r) => String(r.getCell(codeCol).value) === '9')!;
    expect(row9.getCell(targetCol).value).toBe('≥72.20');
  });

  it('evaluates 2024 against 2027 by default, against 2035 when asked, and refuses 2025 naming its horizons', async () => {
    const auto = await call('GET', `/api/v1/plans/${COUNTY}/evaluation?year=2024`, null);
    expect(auto.statusCode, auto.body).toBe(200);
    const e5 = (auto.json().indicators as { code: number; horizon: string; target: { horizon: string; text: string }; status: string }[]).find((e) => e.code === 5)!;
    expect(e5).toMatchObject({ horizon: '2027', target: { horizon: '2027', text: '≥93.0' }, status: 'not_attained' }); // 92.5 < 93.0
    const forced = await call('GET', `/api/v1/plans/${COUNTY}/evaluation?year=2024&horizon=2027`, null);
    expect(forced.json().horizon).toBe('2027');
    const far = await call('GET', `/api/v1/plans/${COUNTY}/evaluation?year=2024&horizon=2035`, null);
    expect(far.statusCode, far.body).toBe(200);
    const f9 = (far.json().indicators as { code: number; target: { text: string }; status: string }[]).find((e) => e.code === 9)!;
    expect(f9).toMatchObject({ target: { text: '≥72.50' }, status: 'not_attained' }); // 72.30 < 72.50
    // 2029 is after 2027: the 2035 target applies.
    const later = await call('GET', `/api/v1/plans/${COUNTY}/evaluation?year=2029`, null);
    expect(new Set((later.json().indicators as { horizon: string }[]).map((e) => e.horizon))).toEqual(new Set(['2035']));

    const refused = await call('GET', `/api/v1/plans/${COUNTY}/evaluation?year=2024&horizon=2025`, null);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'UNKNOWN_HORIZON', message: '目标年“2025”不是本规划的目标年，应为 2027、2035 之一' });
    expect(refused.json().messageEn).toContain('2027, 2035');
    // Shaoguan's horizons are its own: 2027 is not one of them.
    const shaoguan = await call('GET', '/api/v1/plans/default/evaluation?year=2024&horizon=2027', null);
    expect(shaoguan.statusCode).toBe(400);
    expect(shaoguan.json().message).toBe('目标年“2027”不是本规划的目标年，应为 2025、2035 之一');
    expect((await call('GET', '/api/v1/plans/default/evaluation?year=2024&horizon=2025', null)).statusCode).toBe(200);
  });

  it('reports with tables headed by 2027 and 2035 and the 2027 targets', async () => {
    const res = await call('GET', `/api/v1/plans/${COUNTY}/reports/2024.docx`, null);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const text = textOf(unzip(res.rawPayload)['word/document.xml']!);
    expect(text).toContain('2027目标');
    expect(text).toContain('2035目标');
    expect(text).not.toContain('2025目标');
    // The report applies the near-term horizon by its year and label (plan.yaml: 近期目标年).
    expect(text.match(/适用[^。]*目标。/)?.[0]).toBe('适用2027年（近期目标年）目标。');
    expect(text).toContain('≥72.20');
  });

  it('the portal’s indicator pages and open data use the plan’s years', async () => {
    const m = buildPortalModel(await loadPortalInput(store.db, county, 1, { currentYear: 2025 }));
    const list = indicatorsPage(m, new PageContext({ lang: 'zh', large: false }, 'indicators.html'));
    expect(list).toContain('<th scope="col">2027 年目标</th><th scope="col">2035 年目标</th>');
    expect(list).not.toContain('2025 年目标');
    const detail = indicatorPage(m, new PageContext({ lang: 'en', large: false }, 'indicators/9.html'), county.indicators.find((i) => i.code === 9)!);
    expect(detail).toContain('≥72.20 (2027); ≥72.50 (2035)');
    const files = openDataFiles(m, () => Promise.reject(new Error('not needed')));
    const csv = (await files.find((f) => f.path === 'open-data/metadata.csv')!.make()).toString('utf8').replace(/^\uFEFF/, '');
    const [header, ...rows] = csv.split(/\r?\n/).filter(Boolean);
    const columns = header!.split(',');
    expect(columns.filter((c) => c.startsWith('target_'))).toEqual(['target_2027', 'target_2035']);
    const row9 = rows.find((r) => r.startsWith('9,'))!;
    expect(row9).toContain('≥72.20,≥72.50');
  });
});

describe('a plan with one horizon', () => {
  it('runs a round, the evaluation and the report against its only target year', async () => {
    expect(one.meta.horizons.map((h) => h.year)).toEqual([2035]);
    expect((await call('POST', `/api/v1/plans/${ONE}/rounds`, 'o-admin', { year: 2024, deadline: '2025-03-31' })).statusCode).toBe(200);
    const tasks = await targetsOf(ONE, 2024, 'o-admin');
    expect([tasks.get(5), tasks.get(9)]).toEqual(['≥95.0', '≥72.50']);
    const ev = await call('GET', `/api/v1/plans/${ONE}/evaluation?year=2024`, null);
    expect(ev.statusCode, ev.body).toBe(200);
    const e9 = (ev.json().indicators as { code: number; horizon: string; status: string }[]).find((e) => e.code === 9)!;
    expect(e9).toMatchObject({ horizon: '2035', status: 'not_attained' }); // 72.30 < 72.50
    expect((await call('GET', `/api/v1/plans/${ONE}/evaluation?year=2024&horizon=2027`, null)).json().message).toBe('目标年“2027”不是本规划的目标年，应为 2035 之一');
    const report = await call('GET', `/api/v1/plans/${ONE}/reports/2024.docx`, null);
    expect(report.statusCode, report.body.slice(0, 300)).toBe(200);
    const text = textOf(unzip(report.rawPayload)['word/document.xml']!);
    expect(text).toContain('2035目标');
    expect(text).not.toMatch(/20(25|27)目标/);
  });

  it('round-trips through the workbook with a single target column', async () => {
    const folder = readPlanFolder(oneDir);
    if (!folder.result.ok) throw new Error('invalid');
    const bytes = await planWorkbook(folder.files!);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const header = (wb.getWorksheet('指标体系')!.getRow(1).values as unknown[]).filter(Boolean).map(String);
    expect(header.filter((h) => h.includes('目标'))).toEqual(['2035年目标值']);
    const back = await readPlanWorkbook(bytes, '规划.xlsx');
    if (!back.ok) throw new Error(JSON.stringify(back.problems.slice(0, 3)));
    expect(back.plan).toEqual(folder.result.plan);
  });
});

describe('the workbook of a 2027/2035 plan', () => {
  let bytes: Buffer;
  beforeAll(async () => {
    const folder = readPlanFolder(EXAMPLE_COUNTY_DIR);
    if (!folder.result.ok) throw new Error('invalid');
    bytes = await planWorkbook(folder.files!);
  });

  const sheet = async (edit?: (ws: ExcelJS.Worksheet) => void) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('指标体系')!;
    edit?.(ws);
    return { ws, bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
  };
  const columnOf = (ws: ExcelJS.Worksheet, label: string) => (ws.getRow(1).values as unknown[]).indexOf(label);
  const letter = (n: number) => String.fromCharCode(64 + n);
  const problemsOf = async (b: Buffer): Promise<WorkbookProblem[]> => {
    const r = await readPlanWorkbook(b, '规划.xlsx');
    expect(r.ok).toBe(false);
    return r.ok ? [] : r.problems;
  };

  it('has the target columns 2027 and 2035, and reads back the same plan', async () => {
    const { ws } = await sheet();
    expect(columnOf(ws, '2027年目标值')).toBeGreaterThan(0);
    expect(columnOf(ws, '2035年目标值')).toBe(columnOf(ws, '2027年目标值') + 1);
    expect(columnOf(ws, '2025年目标值')).toBe(-1);
    const back = await readPlanWorkbook(bytes, '规划.xlsx');
    if (!back.ok) throw new Error(JSON.stringify(back.problems.slice(0, 3)));
    expect(back.plan).toEqual(county);
  });

  it('accepts a target column headed as staff type it, "2027 目标"', async () => {
    const edited = await sheet((ws) => {
      ws.getCell(1, columnOf(ws, '2027年目标值')).value = '2027 目标';
    });
    const back = await readPlanWorkbook(edited.bytes, '规划.xlsx');
    expect(back.ok && back.plan.indicators.find((i) => i.code === 5)!.targets['2027']!.text).toBe('≥93.0');
  });

  it('refuses a target column for a year that is not a target year, at its header cell', async () => {
    const edited = await sheet((ws) => {
      const c = columnOf(ws, '2027年目标值');
      ws.getCell(1, c).value = '2030年目标值';
    });
    const at = letter(columnOf(edited.ws, '2030年目标值'));
    const problems = await problemsOf(edited.bytes);
    expect(problems).toContainEqual({
      sheet: '指标体系',
      row: 1,
      column: at,
      field: '2030年目标值',
      message: '2030 年不是规划目标年（“目标年”表：2027、2035），请删除此列或在“目标年”表中增加该年',
      messageEn: '2030 is not a target year of the plan (sheet 目标年: 2027, 2035); delete the column or add the year there',
    });
    // …and the 2027 column is then missing.
    expect(problems).toContainEqual(expect.objectContaining({ sheet: '指标体系', row: 1, field: '2027年目标值', message: '缺少列“2027年目标值”' }));
  });

  it('refuses an empty target cell of a target year, naming row and column', async () => {
    let row = 0;
    const edited = await sheet((ws) => {
      for (let r = 2; r <= ws.rowCount; r++) if (String(ws.getCell(r, 1).value) === '6') row = r;
      ws.getCell(row, columnOf(ws, '2027年目标值')).value = null;
    });
    expect(row).toBeGreaterThan(1);
    expect(await problemsOf(edited.bytes)).toContainEqual({
      sheet: '指标体系',
      row,
      column: letter(columnOf(edited.ws, '2027年目标值')),
      field: '2027年目标值',
      message: '缺少 2027 年目标值（每个目标年都须填写）',
      messageEn: 'the 2027 target is missing (every target year needs one)',
    });
  });
});

describe('plan folders refuse targets that do not match the horizons', () => {
  const problemsOf = (edits: Parameters<typeof brokenPlanFolder>[0], from = EXAMPLE_COUNTY_DIR) => {
    const folder = readPlanFolder(brokenPlanFolder(edits, from));
    return folder.result.ok ? [] : folder.result.problems;
  };

  it('a target for a year that is not a horizon, and a horizon without a target, at their lines', () => {
    // Indicator 5 (the fifth item, index 4) keyed by 2025 instead of 2027: one stray year, one missing target.
    const problems = problemsOf({ 'indicators.yaml': (t) => t.replace('targets: {"2027": "≥93.0"', 'targets: {"2025": "≥93.0"') });
    // The line of that target in the file, counted here from the text itself.
    const line = readFileSync(join(EXAMPLE_COUNTY_DIR, 'indicators.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('targets: {"2027": "≥93.0"')) + 1;
    expect(line).toBeGreaterThan(0);
    expect(problems).toContainEqual(expect.objectContaining({ file: 'indicators.yaml', path: [4, 'targets', '2025'], message: '2025 不是规划目标年（2027、2035）', line }));
    expect(problems).toContainEqual(expect.objectContaining({ file: 'indicators.yaml', path: [4, 'targets'], message: '缺少 2027 年目标值' }));
  });

  it('horizons out of order', () => {
    const problems = problemsOf({ 'plan.yaml': (t) => t.replace(/( {2}- \{year: 2027,.*\n)( {2}- \{year: 2035,.*\n)/, '$2$1') });
    expect(problems).toContainEqual(expect.objectContaining({ file: 'plan.yaml', path: ['horizons', 1, 'year'], message: '目标年须从早到晚排列：2027 排在 2035 之后' }));
  });

  it('Shaoguan’s folder with a 2027 target among its 2025/2035 ones', () => {
    const problems = problemsOf({ 'indicators.yaml': (t) => t.replace('"2025":', '"2027":') }, SHAOGUAN_DIR);
    expect(problems.map((p) => p.message)).toEqual(['缺少 2025 年目标值', '2027 不是规划目标年（2025、2035）']);
  });
});

describe('the CLI', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: CLI_CWD, encoding: 'utf8', timeout: 120_000 });

  it('evaluate --horizon takes the plan’s years and refuses others, naming them; plan show lists the plan’s years', { timeout: 300_000 }, () => {
    const db = join(tempDir(), 'cli.db');
    const refused = run('evaluate', '--year', '2024', '--horizon', '2025', '--plan-dir', EXAMPLE_COUNTY_DIR, '--db', db);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('目标年“2025”不是本规划的目标年，应为 2027、2035 之一');
    const ok = run('evaluate', '--year', '2024', '--horizon', '2035', '--json', '--plan-dir', EXAMPLE_COUNTY_DIR, '--db', db);
    expect(ok.status, ok.stderr).toBe(0);
    const result = JSON.parse(ok.stdout) as { horizon: string; indicators: { code: number; target: { text: string } }[] };
    expect(result.horizon).toBe('2035');
    expect(result.indicators.find((e) => e.code === 9)!.target.text).toBe('≥72.50');
    const show = run('plan', 'show', EXAMPLE_COUNTY_DIR);
    expect(show.status, show.stderr).toBe(0);
    expect(show.stdout).toContain('目标年 2027 / 2035');
    expect(show.stdout).toMatch(/森林覆盖率.*2027: ≥72\.20 {2}2035: ≥72\.50/);
  });
});

describe('the years each horizon’s target applies in', () => {
  const plan = (...years: number[]) => ({ meta: { horizons: years.map((year) => ({ year })) } });
  it('follows horizonFor at every boundary, for one, two and three horizons in any order', () => {
    expect(horizonSpans(plan(2035))).toEqual([{ horizon: 2035, from: null }]);
    expect(horizonSpans(plan(2035, 2025))).toEqual([{ horizon: 2025, from: null }, { horizon: 2035, from: 2026 }]);
    const three = plan(2027, 2030, 2035);
    expect(horizonSpans(three)).toEqual([{ horizon: 2027, from: null }, { horizon: 2030, from: 2028 }, { horizon: 2035, from: 2031 }]);
    for (const { horizon, from } of horizonSpans(three)) {
      if (from !== null) expect(horizonFor(three, from)).toBe(String(horizon));
      if (from !== null) expect(horizonFor(three, from - 1)).not.toBe(String(horizon));
      expect(horizonFor(three, horizon)).toBe(String(horizon));
    }
  });
});
