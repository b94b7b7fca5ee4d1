// Must not leak: with one value of each private kind seeded through the API as users make them — a draft,
// a submitted value awaiting review, a reviewer's comment, an account's names, an evidence file, an unpublished
// document, a carbon inventory never published or withdrawn (its figures, its activity source, the reason) — no page or file of the public portal shows any of them: neither over HTTP (every path of the site,
// the home page of every variant, and every link a page makes) nor in any file of the static export (zip and .xlsx
// files opened, nested ones too).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/passwords.js';
import { portalExport } from '../src/cli/portal.js';
import { createUser } from '../src/store/users.js';
import { appWithAccounts, signInTo, TEST_PASSWORD } from './helpers/app.js';
import { tempDir } from './helpers/planFolder.js';

const SECRETS = {
  draftValue: '92.987654',
  draftNote: 'LEAK-DRAFT-NOTE',
  draftSource: 'LEAK-DRAFT-SRC',
  submittedValue: '71.876543',
  submittedSource: 'LEAK-SUBMIT-SRC',
  reviewComment: 'LEAK-REVIEW-COMMENT',
  accountName: 'leakaccount',
  accountDisplayName: 'LEAK-ACCOUNT-NAME',
  evidenceBytes: 'LEAK-EVIDENCE-BYTES',
  evidenceFileName: 'leak-evidence-file',
  documentTitle: 'LEAK-UNPUBLISHED-DOC',
  documentBytes: 'LEAK-DOC-BYTES',
  // Carbon inventories have no approval step: a year is public only while a reviewer's publication stands.
  carbonSource: 'LEAK-CARBON-SOURCE',
  // 123,456.789 t of cement clinker × 0.538 t CO2/t (provincial guideline) = 66,419.752482 t: a year never published.
  unpublishedGross: '66419.75',
  // 234,567.891 t × 0.538 = 126,197.525358 t: a year published and then withdrawn, with this reason.
  withdrawnGross: '126197.52',
  withdrawReason: 'LEAK-WITHDRAW-REASON',
  // How the home page's carbon tile names a year (in Chinese and English), for either year.
  withdrawnTile: '2022 年温室气体净排放',
  withdrawnTileEn: 'net greenhouse gas emissions 2022',
  unpublishedTile: '2023 年温室气体净排放',
  unpublishedTileEn: 'net greenhouse gas emissions 2023',
};

let ctx: Awaited<ReturnType<typeof appWithAccounts>>;
type Headers = { cookie: string; 'x-csrf-token': string };
let leaky: Headers;
const as = (who: string): Headers => ({ cookie: ctx.sessions[who]!.cookie, 'x-csrf-token': ctx.sessions[who]!.csrf });

function multipart(fields: Record<string, string>, bytes: Buffer, name: string) {
  const boundary = '----ecoplanLeak';
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

async function ok(res: Promise<{ statusCode: number; body: string }>) {
  const r = await res;
  expect(r.statusCode, r.body).toBeLessThan(300);
  return r;
}

beforeAll(async () => {
  ctx = await appWithAccounts();
  const { app } = ctx;
  // An account whose names must stay private; it approves a value, so its name is in that value's record.
  await createUser(ctx.store.db, { username: SECRETS.accountName, displayName: SECRETS.accountDisplayName, role: 'reviewer', planId: ctx.store.plan.meta.id, departmentId: 'sthjj', passwordHash: await hashPassword(TEST_PASSWORD) });
  const s = (await signInTo(app, SECRETS.accountName))!;
  leaky = { cookie: s.cookie, 'x-csrf-token': s.csrf };
  await ok(app.inject({ method: 'POST', url: '/api/v1/plans/default/observations', headers: leaky, payload: { indicator: 12, region: '440200', year: 2023, value: '31.5', source: '审定值（公开）' } }));

  await ok(app.inject({ method: 'POST', url: '/api/v1/plans/default/rounds', headers: as('admin'), payload: { year: 2024, deadline: '2025-03-31' } }));
  const T = '/api/v1/plans/default/rounds/2024/tasks';
  // A draft, never submitted.
  await ok(app.inject({ method: 'PUT', url: `${T}/14/440200/value`, headers: as('forestry'), payload: { value: SECRETS.draftValue, source: SECRETS.draftSource, note: SECRETS.draftNote } }));
  // A value submitted with evidence, returned with a comment, submitted again: awaiting review.
  const url = `${T}/13/440200/value`;
  await ok(app.inject({ method: 'PUT', url, headers: as('forestry'), payload: { value: SECRETS.submittedValue, source: SECRETS.submittedSource } }));
  const pdf = multipart({}, Buffer.concat([Buffer.from(`%PDF-1.7\n${SECRETS.evidenceBytes}\n`), Buffer.alloc(200, 32)]), `${SECRETS.evidenceFileName}.pdf`);
  await ok(app.inject({ method: 'POST', url: `${url}/evidence`, headers: { ...as('forestry'), 'content-type': pdf.type }, payload: pdf.payload }));
  await ok(app.inject({ method: 'POST', url: `${url}/submit`, headers: as('forestry') }));
  await ok(app.inject({ method: 'POST', url: `${url}/review`, headers: as('reviewer'), payload: { action: 'return', comment: SECRETS.reviewComment } }));
  await ok(app.inject({ method: 'PUT', url, headers: as('forestry'), payload: { value: SECRETS.submittedValue, source: SECRETS.submittedSource } }));
  await ok(app.inject({ method: 'POST', url: `${url}/submit`, headers: as('forestry') }));
  // A document uploaded but not published.
  const doc = multipart({ kind: 'other', title: SECRETS.documentTitle, titleEn: SECRETS.documentTitle }, Buffer.concat([Buffer.from(`%PDF-1.7\n${SECRETS.documentBytes}\n`), Buffer.alloc(200, 32)]), 'unpublished.pdf');
  await ok(app.inject({ method: 'POST', url: '/api/v1/plans/default/portal/documents', headers: { ...leaky, 'content-type': doc.type }, payload: doc.payload }));

  // Carbon activity for two years: 2023 never published; 2022 published, then withdrawn.
  const clinker = (year: number, value: string) => ({ region: '440281', year, category: 'cementClinker', item: 'clinker', value, unit: '吨', source: SECRETS.carbonSource });
  await ok(app.inject({ method: 'PUT', url: '/api/v1/plans/default/carbon/activity', headers: as('admin'), payload: { rows: [clinker(2022, '234567.891'), clinker(2023, '123456.789')] } }));
  const published = await ok(app.inject({ method: 'POST', url: '/api/v1/plans/default/carbon/publications/publish', headers: as('reviewer'), payload: { year: 2022 } }));
  expect(published.body).toContain(SECRETS.withdrawnGross);
  await ok(app.inject({ method: 'POST', url: '/api/v1/plans/default/carbon/publications/withdraw', headers: as('reviewer'), payload: { year: 2022, reason: SECRETS.withdrawReason } }));
  const inventory2023 = await ok(app.inject({ method: 'GET', url: '/api/v1/plans/default/carbon/inventory?year=2023', headers: as('reviewer') }));
  expect(inventory2023.body).toContain(SECRETS.unpublishedGross);

  // The seeds are really there (so that the checks below could fail).
  const subs = await ctx.store.db.selectFrom('submissions').select(['status', 'value_text', 'review_comment']).execute();
  expect(subs).toEqual(expect.arrayContaining([expect.objectContaining({ status: 'draft', value_text: SECRETS.draftValue }), expect.objectContaining({ status: 'submitted', value_text: SECRETS.submittedValue, review_comment: SECRETS.reviewComment })]));
  expect(await ctx.store.db.selectFrom('evidence_files').select('id').execute()).toHaveLength(1);
  expect(await ctx.store.db.selectFrom('portal_documents').select('id').execute()).toHaveLength(1);
  const approved = await ctx.store.db.selectFrom('observations').select('recorded_by').where('indicator_code', '=', 12).executeTakeFirst();
  expect(approved?.recorded_by).toContain(SECRETS.accountName);
}, 60_000);
afterAll(() => ctx.close());

/** The texts a file may show: itself, and every entry of a zip (an .xlsx is one), recursively. */
function texts(bytes: Uint8Array, depth = 0): string[] {
  const out = [Buffer.from(bytes).toString('utf8')];
  if (depth < 3 && bytes[0] === 0x50 && bytes[1] === 0x4b) for (const entry of Object.values(unzipSync(bytes))) out.push(...texts(entry, depth + 1));
  return out;
}

function leaksIn(where: string, bytes: Uint8Array): string[] {
  const all = texts(bytes).join('\n');
  return Object.entries(SECRETS)
    .filter(([, secret]) => all.includes(secret))
    .map(([kind]) => `${where}: ${kind}`);
}

describe('must not leak', () => {
  it('no public route of the portal shows a private value, comment, account, evidence, unpublished document or carbon inventory', async () => {
    // A visitor's view, without the per-address limit (this walk makes several hundred requests).
    const { buildApp } = await import('../src/server/app.js');
    const app = await buildApp({ db: ctx.store.db, webDir: '/nonexistent', computeRateLimit: 1_000_000 });
    const site = await app.portal.site();
    const urls = new Set(['/', '/en/', '/large/', '/large/en/', ...site.paths().map((p) => `/${p}`)]);
    // Every link the pages make, too (a route not in the list would be found here).
    const leaks: string[] = [];
    const seen = new Set<string>();
    const queue = [...urls];
    while (queue.length) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await app.inject({ method: 'GET', url });
      if (/^\/(large\/)?(en\/)?survey\//.test(url)) continue; // the survey pages: tests/survey/public.test.ts checks they never show free text
      expect(res.statusCode, url).toBe(200);
      leaks.push(...leaksIn(url, res.rawPayload));
      if (/text\/html/.test(String(res.headers['content-type'])))
        for (const m of res.body.matchAll(/href="([^"#]+)/g)) {
          const next = new URL(m[1]!, `http://portal${url}`);
          if (next.host === 'portal') queue.push(next.pathname);
        }
    }
    await app.close();
    expect(seen.size).toBeGreaterThan(300);
    expect(leaks).toEqual([]);
  }, 120_000);

  it('no file of the static export holds one either', async () => {
    const out = join(tempDir(), 'export');
    expect(await portalExport({ out, db: ctx.store.path })).toBe(0);
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) (e.isDirectory() ? walk : (p: string) => files.push(p))(join(d, e.name));
    };
    walk(out);
    expect(files.length).toBeGreaterThan(300);
    const leaks = files.flatMap((f) => leaksIn(relative(out, f), readFileSync(f)));
    expect(leaks).toEqual([]);
    // The approved value the private account recorded is public; only its name is not.
    expect(readFileSync(join(out, 'open-data', 'indicator-12.csv'), 'utf8')).toContain('31.5');
  }, 120_000);
});
