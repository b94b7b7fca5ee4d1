// Issue 14, finding 10: a reporter's unreviewed value must not replace the approved one in the evaluation everyone
// sees. The public and viewers get approved values only; reporters, reviewers and admins also see the unreviewed value,
// marked provisional, and may ask for the official view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithAccounts, type Session } from './helpers/app.js';

let env: Awaited<ReturnType<typeof appWithAccounts>>;
beforeAll(async () => {
  env = await appWithAccounts();
  // The reviewer's value is approved at once: forest cover 74.7 % in 2024 attains the 2025 target ≥74.6.
  const approved = await post('/api/v1/plans/default/observations', { indicator: 13, region: '440200', year: 2024, value: '74.7', source: '林业统计年报' }, env.sessions.reviewer!);
  expect(approved.json()).toMatchObject({ status: 'approved' });
  // Then 市林业局's reporter enters a lower value with a reason: provisional until reviewed; 70 would not attain.
  const unreviewed = await post('/api/v1/plans/default/observations', { indicator: 13, region: '440200', year: 2024, value: '70', source: '林业统计快报', reason: '快报数据' }, env.sessions.forestry!);
  expect(unreviewed.json()).toMatchObject({ status: 'provisional' });
});
afterAll(() => env.close());

function post(url: string, payload: object, s: NonNullable<Session>) {
  return env.app.inject({ method: 'POST', url, payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
}
async function get(url: string, s: Session) {
  return env.app.inject({ method: 'GET', url, headers: s ? { cookie: s.cookie } : {} });
}
const forest = (body: { indicators: { code: number; status: string; provisional: boolean; value: { valueText: string | null } | null }[] }) => body.indicators.find((e) => e.code === 13)!;

describe('the evaluation of a year', () => {
  it('shows the public and viewers the approved value only', async () => {
    for (const who of ['anonymous', 'leader']) {
      const res = await get('/api/v1/plans/default/evaluation?year=2024', env.sessions[who]!);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().view).toBe('official');
      expect(forest(res.json())).toMatchObject({ status: 'attained', provisional: false, value: { valueText: '74.7' } });
    }
  });

  it('shows staff the unreviewed value, marked provisional, and the official one on request', async () => {
    for (const who of ['reviewer', 'forestry', 'admin']) {
      const res = await get('/api/v1/plans/default/evaluation?year=2024', env.sessions[who]!);
      expect(res.json().view).toBe('staff');
      expect(forest(res.json())).toMatchObject({ status: 'not_attained', provisional: true, value: { valueText: '70' } });
    }
    const official = await get('/api/v1/plans/default/evaluation?year=2024&view=official', env.sessions.reviewer!);
    expect(forest(official.json())).toMatchObject({ status: 'attained', value: { valueText: '74.7' } });
  });

  it('refuses the staff view to everyone else, in both languages', async () => {
    for (const who of ['anonymous', 'leader']) {
      const res = await get('/api/v1/plans/default/evaluation?year=2024&view=staff', env.sessions[who]!);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'STAFF_VIEW_FORBIDDEN', message: expect.stringContaining('已审定'), messageEn: expect.stringContaining('approved') });
    }
  });

  it('does not let a shared cache hand one view to the other', async () => {
    const res = await get('/api/v1/plans/default/evaluation?year=2024', null);
    expect(res.headers['cache-control']).toContain('private');
    const staff = await get('/api/v1/plans/default/evaluation?year=2024', env.sessions.reviewer!);
    expect(staff.headers.etag).not.toBe(res.headers.etag);
  });
});

describe('the other reads of values', () => {
  it('the scorecard, the indicator series and the observation list follow the same rule', async () => {
    const card = await get('/api/v1/plans/default/scorecard?from=2024&to=2024', null);
    const cell = card.json().indicators.find((i: { code: number }) => i.code === 13).cells[0];
    expect(cell).toMatchObject({ status: 'attained', valueText: '74.7', provisional: false });
    const staffCard = await get('/api/v1/plans/default/scorecard?from=2024&to=2024', env.sessions.forestry!);
    expect(staffCard.json().indicators.find((i: { code: number }) => i.code === 13).cells[0]).toMatchObject({ valueText: '70', provisional: true });

    const series = (await get('/api/v1/plans/default/indicators/13/series', null)).json();
    expect(series.observations.filter((o: { year: number }) => o.year === 2024).map((o: { valueText: string; status: string }) => [o.valueText, o.status])).toEqual([['74.7', 'approved']]);

    const list = (await get('/api/v1/plans/default/observations?indicator=13&year=2024', null)).json();
    expect(list).toMatchObject({ view: 'official', observations: [{ valueText: '74.7', status: 'approved' }] });
    const staffList = (await get('/api/v1/plans/default/observations?indicator=13&year=2024', env.sessions.reviewer!)).json();
    expect(staffList).toMatchObject({ view: 'staff', observations: [{ valueText: '70', status: 'provisional' }] });
  });
});

describe('the scorecard, kept per data version', () => {
  const url = '/api/v1/plans/default/scorecard?from=2023&to=2024&region=440281';
  const cell = (body: { indicators: { code: number; cells: { year: number; valueText: string | null; provisional: boolean }[] }[] }, code: number, year: number) =>
    body.indicators.find((i) => i.code === code)!.cells.find((c) => c.year === year)!;

  it('answers 304 to a client that has it, and the new figures with a new tag as soon as a value is approved', async () => {
    const first = await get(url, null);
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toContain('private');
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/^"scorecard-/);
    const again = await env.app.inject({ method: 'GET', url, headers: { 'if-none-match': tag } });
    expect(again.statusCode).toBe(304);
    // 乐昌市 (440281) has no 2023 value of indicator 30 in the seeded data; a reviewer's value is approved at once.
    expect(cell(first.json(), 30, 2023).valueText).toBeNull();
    const saved = await post('/api/v1/plans/default/observations', { indicator: 30, region: '440281', year: 2023, value: '96.5', source: '县城污水处理统计' }, env.sessions.reviewer!);
    expect(saved.json()).toMatchObject({ status: 'approved' });
    const after = await env.app.inject({ method: 'GET', url, headers: { 'if-none-match': tag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(tag);
    expect(cell(after.json(), 30, 2023)).toMatchObject({ valueText: '96.5', provisional: false });
    // The staff view of the same range is another body (a reporter's unreviewed value may differ from it).
    const staff = await get(url, env.sessions.reviewer!);
    expect(staff.json().view).toBe('staff');
    expect(staff.headers.etag).not.toBe(after.headers.etag);
  });
});
