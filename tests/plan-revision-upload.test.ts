// A revision from the whole revised plan, as staff keep it: the administrator uploads the plan workbook (or the zipped
// plan folder), sees what it changes against the version in force, and proposes it; nothing is kept by the check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawPlanFiles } from '../src/plan/schema.js';
import { loadRawFolder } from '../src/planfolder/read.js';
import { planWorkbook } from '../src/planfolder/workbookExport.js';
import { appWithAccounts, type Session } from './helpers/app.js';
import { EXAMPLE_COUNTY_DIR, SHAOGUAN_DIR, zipPlanFolder } from './helpers/planFolder.js';

const P = '/api/v1/plans/default';
const raw = (dir = SHAOGUAN_DIR): RawPlanFiles => {
  const f = loadRawFolder(dir);
  if (!f.ok) throw new Error('plan folder invalid');
  return structuredClone(f.files);
};
/** Shaoguan with indicator 13's 2035 target raised (≥75.0 → ≥75.5). */
const revisedFiles = () => {
  const files = raw();
  files['indicators.yaml'].find((x) => x.code === 13)!.targets['2035'] = '≥75.5';
  return files;
};

let ctx: Awaited<ReturnType<typeof appWithAccounts>>;
const headers = (who: string) => {
  const s: Session = ctx.sessions[who] ?? null;
  return s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {};
};
const check = (who: string, bytes: Buffer, name: string) => {
  const b = '----ecoplan';
  const payload = Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`), bytes, Buffer.from(`\r\n--${b}--\r\n`)]);
  return ctx.app.inject({ method: 'POST', url: `${P}/revisions/check`, payload, headers: { ...headers(who), 'content-type': `multipart/form-data; boundary=${b}` } });
};
const call = (method: 'GET' | 'POST', url: string, who: string, payload?: object) => ctx.app.inject({ method, url, payload, headers: headers(who) });
const revisions = async () => Number((await ctx.store.db.selectFrom('plan_revisions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

const zipFolder = (dir: string, edit?: (files: Record<string, Uint8Array>) => void) => zipPlanFolder(dir, 'plan', edit);

beforeAll(async () => {
  ctx = await appWithAccounts([
    ['admin', 'admin', null],
    ['reviewer', 'reviewer', 'sthjj'],
  ]);
});
afterAll(() => ctx.close());

describe('checking a revised plan upload', () => {
  it('is for the plan’s administrators only', async () => {
    const book = await planWorkbook(revisedFiles());
    expect((await check('anonymous', book, '规划.xlsx')).statusCode).toBe(401);
    expect((await check('reviewer', book, '规划.xlsx')).statusCode).toBe(403);
  });

  it('lists what the workbook changes against the version in force, and keeps nothing', async () => {
    const res = await check('admin', await planWorkbook(revisedFiles()), '规划（中期修订）.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ sourceName: '规划（中期修订）.xlsx', kind: 'workbook' });
    expect(body.diff.indicators).toEqual([expect.objectContaining({ code: 13, kind: 'changed', targets: [{ horizon: '2035', from: '≥75.0', to: '≥75.5' }] })]);
    expect(body.plan['indicators.yaml']).toHaveLength(45);
    expect(await revisions()).toBe(0);
  });

  it('reads a zipped plan folder too', async () => {
    const zip = zipFolder(SHAOGUAN_DIR, (f) => {
      const text = new TextDecoder().decode(f['plan/indicators.yaml']);
      const after = text.replace('"2035": "≥75.0"', '"2035": "≥75.5"');
      if (after === text) throw new Error('edit changed nothing: fix the test');
      f['plan/indicators.yaml'] = new TextEncoder().encode(after);
    });
    const res = await check('admin', zip, 'plan.zip');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().kind).toBe('folder');
    expect(res.json().diff.indicators.map((c: { code: number }) => c.code)).toEqual([13]);
  });

  it('refuses an invalid workbook naming sheet, row and column, and another plan, keeping nothing', async () => {
    const files = revisedFiles();
    files['indicators.yaml'].find((x) => x.code === 12)!.targets['2035'] = '大约八十';
    const bad = await check('admin', await planWorkbook(files), '规划.xlsx');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'PLAN_INVALID' });
    const p = bad.json().problems[0];
    expect(p.sheet).toBeTruthy();
    expect(p.row).toBeGreaterThan(1);
    expect(p.column).toMatch(/^[A-Z]+$/);
    expect(p.message).toContain('大约八十');

    const other = await check('admin', await planWorkbook(raw(EXAMPLE_COUNTY_DIR)), '示例县.xlsx');
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'REVISION_OTHER_PLAN' });
    expect(other.json().message).toContain('example-county-2024-2035');

    expect((await check('admin', Buffer.from('not a zip at all'), '规划.xlsx')).statusCode).toBe(422);
    expect(await revisions()).toBe(0);
  });

  it('what it returns is proposed as it is, and once approved is the plan from its effective year', async () => {
    const checked = (await check('admin', await planWorkbook(revisedFiles()), '规划.xlsx')).json();
    const proposed = await call('POST', `${P}/revisions`, 'admin', { effectiveYear: 2026, reason: '中期评估', document: '韶府函〔2026〕1号（示例）', plan: checked.plan });
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(proposed.json().diff).toEqual(checked.diff);
    expect((await call('POST', `${P}/revisions/${proposed.json().revision.no}/approve`, 'reviewer', {})).statusCode).toBe(200);
    const target = async (year: number) => ((await call('GET', `${P}/evaluation?year=${year}`, 'anonymous')).json().indicators as { code: number; target: { text: string } }[]).find((e) => e.code === 13)!.target.text;
    expect(await target(2025)).not.toBe('≥75.5');
    expect(await target(2030)).toBe('≥75.5');
  });
});
