// Excel: the library in the appendix's layout and the progress sheet, a round trip that changes nothing, edits
// that become versions, and broken files answered cell by cell with nothing written.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/passwords.js';
import { buildProjectsWorkbook, importWorkbook, LIBRARY_SHEET, PROGRESS_SHEET } from '../../src/importers/projectsWorkbook.js';
import { currentProgress, libraryProjects, validateProgress } from '../../src/projects/library.js';
import { buildApp } from '../../src/server/app.js';
import { loadLibraryFacts, recordProgress } from '../../src/store/projects.js';
import { createUser } from '../../src/store/users.js';
import { seededDatabase } from '../helpers/store.js';

let store: Awaited<ReturnType<typeof seededDatabase>>;
const admin = { role: 'admin', departmentId: null };
const by = { id: null, username: 'excel-test' };

beforeAll(async () => {
  store = await seededDatabase();
  const p3 = store.plan.projects.find((p) => p.no === 3)!;
  const v = validateProgress(p3, 2023, { plannedInvestment: '5.00', completedInvestment: '4.50', physicalProgress: 30, status: '在建' }, [], 2035);
  if (!('values' in v)) throw new Error('fixture');
  await recordProgress(store.db, store.plan.meta.id, 3, 2023, v.values, by);
});
afterAll(() => store.db.destroy());

const model = async () => {
  const facts = await loadLibraryFacts(store.db, store.plan.meta.id);
  return { plan: store.plan, library: libraryProjects(store.plan, facts.versions), current: currentProgress(facts.progress) };
};
const exported = async () => {
  const m = await model();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildProjectsWorkbook(m.plan, m.library, m.current)) as unknown as ArrayBuffer);
  return wb;
};
const bytesOf = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
const rowsWritten = async () => ({
  versions: (await store.db.selectFrom('project_versions').select('id').execute()).length,
  progress: (await store.db.selectFrom('project_progress').select('id').execute()).length,
});

describe('export', () => {
  it('writes the library in the appendix layout and the progress sheet', async () => {
    const wb = await exported();
    const lib = wb.getWorksheet(LIBRARY_SHEET)!;
    expect(lib.getRow(2).values).toEqual([undefined, '序号', '工程类别', '项目名称', '建设内容', '投资估算（亿元）', '牵头单位', '建设期限', '工程子类', '涉及行政区', '英文名称', '修改原因']);
    expect(lib.rowCount).toBe(2 + 24);
    const r13 = lib.getRow(15).values as unknown[];
    expect(r13.slice(1, 3)).toEqual([13, '生态安全体系建设工程']);
    expect(r13.slice(5, 8)).toEqual([2.8, '市生态环境局、各县（市、区）人民政府', '2020-2025']);
    const prog = wb.getWorksheet(PROGRESS_SHEET)!;
    expect((prog.getRow(3).values as unknown[]).slice(1, 9)).toEqual([3, '韶关市碧道建设项目', 2023, 5, 4.5, '', 30, '在建']);
  });
});

describe('round trip and edits', () => {
  it('imports an unchanged export as nothing to do', async () => {
    const before = await rowsWritten();
    const bytes = await bytesOf(await exported());
    expect(await importWorkbook(store.db, await model(), 'library', bytes, 'p.xlsx', admin, by)).toEqual({ imported: 0 });
    expect(await importWorkbook(store.db, await model(), 'progress', bytes, 'p.xlsx', admin, by)).toEqual({ imported: 0 });
    expect(await rowsWritten()).toEqual(before);
  });

  it('turns an edited row into a version, a row without 序号 into a new project, and new progress rows into entries', async () => {
    const wb = await exported();
    const lib = wb.getWorksheet(LIBRARY_SHEET)!;
    lib.getRow(5).getCell(5).value = 31.5; // project 3: 29.50 → 31.50
    lib.getRow(5).getCell(11).value = '碧道延伸至南雄';
    lib.addRow(['', '生态文化建设工程', '新增研学线路', '建设研学线路 3 条', 2, '市文广体旅局', '2025-2027', '', '仁化县', 'New study routes', '']);
    const prog = wb.getWorksheet(PROGRESS_SHEET)!;
    prog.addRow([16, '水生态调查项目', 2024, 0.03, 0.03, '', 40, '在建', '', '', '']);
    const bytes = await bytesOf(wb);
    expect(await importWorkbook(store.db, await model(), 'library', bytes, 'edit.xlsx', admin, by)).toEqual({ imported: 2 });
    expect(await importWorkbook(store.db, await model(), 'progress', bytes, 'edit.xlsx', admin, by)).toEqual({ imported: 1 });
    const m = await model();
    expect(m.library.find((p) => p.no === 3)).toMatchObject({ version: 2, investmentText: '31.50' });
    expect(m.library.find((p) => p.no === 25)).toMatchObject({ name: '新增研学线路', categoryId: 'culture', regions: ['440224'], startYear: 2025, endYear: 2027, investmentText: '2.00' });
    expect(m.current.find((e) => e.no === 16)).toMatchObject({ year: 2024, completedInvestment: '0.03', physicalProgress: 40 });
    const facts = await loadLibraryFacts(store.db, store.plan.meta.id);
    expect(facts.versions.find((v) => v.no === 3)).toMatchObject({ reason: '碧道延伸至南雄', by: 'excel-test' });
    expect(facts.versions.find((v) => v.no === 25)).toMatchObject({ reason: '从 Excel 导入：edit.xlsx' });
  });
});

describe('broken files write nothing', () => {
  it('answers every bad cell of the library sheet with sheet, row, column and field', async () => {
    const before = await rowsWritten();
    const wb = await exported();
    const lib = wb.getWorksheet(LIBRARY_SHEET)!;
    lib.getRow(3).getCell(5).value = -3; // project 1 investment
    lib.getRow(4).getCell(6).value = '市自然资源局、市宇航局';
    lib.getRow(6).getCell(7).value = '2025-2019';
    lib.getRow(7).getCell(9).value = '北京市';
    lib.getRow(8).getCell(5).value = '很多';
    lib.getRow(9).getCell(1).value = 99;
    const r = await importWorkbook(store.db, await model(), 'library', await bytesOf(wb), 'bad.xlsx', admin, by);
    expect('errors' in r && r.errors.map((e) => [e.sheet, e.row, e.column, e.field, e.message])).toEqual([
      [LIBRARY_SHEET, 3, 'E', 'investment', '第 3 行：投资估算不能为负数（-3）'],
      [LIBRARY_SHEET, 4, 'F', 'leads', '第 4 行：未知的牵头单位“市宇航局”（不在规划的责任单位名单中）'],
      [LIBRARY_SHEET, 6, 'G', 'endYear', '第 6 行：结束年份 2019 早于开始年份 2025'],
      [LIBRARY_SHEET, 7, 'I', 'regions', '第 7 行：未知的行政区“北京市”（应为规划范围内的行政区代码或名称）'],
      [LIBRARY_SHEET, 8, 'E', 'investment', '第 8 行：投资估算“很多”不是数字（单位：亿元，如 12.30）'],
      [LIBRARY_SHEET, 9, 'A', 'no', '第 9 行：序号“99”不在项目库中；新增项目请留空序号'],
    ]);
    expect(await rowsWritten()).toEqual(before);
  });

  it('answers every bad row of the progress sheet and a reporter outside their projects', async () => {
    const before = await rowsWritten();
    const wb = await exported();
    const prog = wb.getWorksheet(PROGRESS_SHEET)!;
    prog.getRow(3).getCell(5).value = 4.6; // project 3, 2023: changed without a reason
    prog.addRow([17, '韶关市小流域治理工程', 2023, 1, 0.5, '', 150, '在建', '', '', '']);
    prog.addRow([17, '韶关市小流域治理工程', 2024, 1, 0.5, '', 50, '暂停', '', '', '']);
    prog.addRow([10, '节水型社会建设', 2023, 1, 5, '', 50, '在建', '', '', '']); // 5.00 > 3.84
    prog.addRow([9, '韶关市中型灌区节水改造', 2023, 0.5, 0.4, '', 30, '在建', '', '', '']); // valid, but the file fails
    prog.addRow([9, '韶关市中型灌区节水改造', 2023, 0.5, 0.4, '', 30, '在建', '', '', '']);
    const bytes = await bytesOf(wb);
    const r = await importWorkbook(store.db, await model(), 'progress', bytes, 'bad.xlsx', admin, by);
    expect('errors' in r && r.errors.map((e) => [e.row, e.column, e.field, e.message])).toEqual([
      [3, 'I', 'reason', '第 3 行：项目 3 的 2023 年进展已填报（第 1 版），修改须在“原因说明”中写明原因'],
      [5, 'G', 'physicalProgress', '第 5 行：形象进度 150% 超出 0–100'],
      [6, 'I', 'reason', '第 6 行：状态为“暂停”时须说明原因'],
      [7, 'E', 'completedInvestment', '第 7 行：累计完成投资 5.00 亿元超过项目总投资 3.84 亿元，须填写超概算说明（explanation）'],
      [9, 'C', 'year', '第 9 行：项目 9 的 2023 年出现了两次'],
    ]);
    const forestry = await importWorkbook(store.db, await model(), 'progress', bytes, 'bad.xlsx', { role: 'reporter', departmentId: 'lyj' }, by);
    expect('errors' in forestry && forestry.errors[0]).toMatchObject({ row: 3, column: 'A', message: '第 3 行：无权填报项目 3（韶关市碧道建设项目）：不是本单位牵头的项目' }); // 市林业局 leads 1 and 18 only
    expect(await rowsWritten()).toEqual(before);
  });

  it('refuses files that are not the workbook', async () => {
    const before = await rowsWritten();
    const m = await model();
    const notXlsx = await importWorkbook(store.db, m, 'library', Buffer.from('%PDF-1.7 not a workbook'), 'a.pdf', admin, by);
    expect('errors' in notXlsx && notXlsx.errors[0]!.message).toBe('a.pdf：是 PDF 文件，请上传 .xlsx 文件（按文件内容识别，与扩展名无关）');
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1').addRow(['a']);
    const missing = await importWorkbook(store.db, m, 'progress', await bytesOf(other), 'other.xlsx', admin, by);
    expect('errors' in missing && missing.errors[0]!.message).toBe('other.xlsx：缺少工作表“年度进展”（请使用平台导出的项目库文件）');
    const noHeader = new ExcelJS.Workbook();
    noHeader.addWorksheet(LIBRARY_SHEET).addRow(['项目', '投资']);
    const h = await importWorkbook(store.db, m, 'library', await bytesOf(noHeader), 'h.xlsx', admin, by);
    expect('errors' in h && h.errors[0]!.message).toBe('工作表“重点工程项目库”前 5 行中找不到表头（第一列应为“序号”）');
    expect(await rowsWritten()).toEqual(before);
  });
});

describe('over HTTP', () => {
  let app: FastifyInstance;
  const session: Record<string, { cookie: string; csrf: string }> = {};
  beforeAll(async () => {
    const hash = await hashPassword('correct horse battery');
    await createUser(store.db, { username: 'xadmin', displayName: 'x', role: 'admin', planId: store.plan.meta.id, departmentId: null, passwordHash: hash });
    await createUser(store.db, { username: 'xwater', displayName: 'x', role: 'reporter', planId: store.plan.meta.id, departmentId: 'swj', passwordHash: hash });
    app = await buildApp({ db: store.db, webDir: '/nonexistent', loginRateLimit: 1000, revisionTtlMs: 0 });
    for (const u of ['xadmin', 'xwater']) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u, password: 'correct horse battery' } });
      session[u] = { cookie: `ecoplan_session=${res.cookies.find((c) => c.name === 'ecoplan_session')!.value}`, csrf: res.json().csrfToken };
    }
  });
  afterAll(() => app.close());
  const upload = (who: string, kind: string, bytes: Buffer) => {
    const b = '----x';
    const payload = Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="p.xlsx"\r\n\r\n`), bytes, Buffer.from(`\r\n--${b}--\r\n`)]);
    return app.inject({ method: 'POST', url: `/api/v1/plans/default/projects/import?kind=${kind}`, payload, headers: { cookie: session[who]!.cookie, 'x-csrf-token': session[who]!.csrf, 'content-type': `multipart/form-data; boundary=${b}` } });
  };

  it('downloads the workbook, answers 422 IMPORT_INVALID with the errors, and keeps the library to staff', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/plans/default/projects.xlsx' });
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(await upload('xwater', 'library', res.rawPayload).then((r) => [r.statusCode, r.json().code])).toEqual([403, 'FORBIDDEN']);
    expect(await upload('xadmin', 'library', res.rawPayload).then((r) => r.json())).toEqual({ imported: 0, kind: 'library' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    wb.getWorksheet(PROGRESS_SHEET)!.addRow([1, '南岭国家公园建设项目', 2024, 1, 1, '', 10, '在建']);
    const bad = await upload('xwater', 'progress', await bytesOf(wb));
    expect(bad.statusCode).toBe(422);
    // Row 3 (project 3, 市水务局's own, unchanged) passes; rows 4 (16, 市生态环境局) and 5 (1, 市林业局) are not hers.
    expect(bad.json()).toMatchObject({
      code: 'IMPORT_INVALID',
      errors: [
        { sheet: PROGRESS_SHEET, row: 4, column: 'A', field: 'no', message: '第 4 行：无权填报项目 16（水生态调查项目）：不是本单位牵头的项目' },
        { sheet: PROGRESS_SHEET, row: 5, column: 'A', field: 'no', message: '第 5 行：无权填报项目 1（南岭国家公园建设项目）：不是本单位牵头的项目' },
      ],
    });
    expect(bad.json().message).toMatch(/^2 处问题，未导入任何数据：/);
  });
});
