// The public portal of each plan in one deployment: the default plan's at /, another plan's at /p/{planId}/ with its
// own name, indicators and open data; an unknown plan is a 404 page, and /p/{planId} without its slash is redirected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPlanFolder } from '../src/planfolder/read.js';
import { buildApp } from '../src/server/app.js';
import { seedPlan } from '../src/store/plans.js';
import { createSurvey, setSurveyStatus } from '../src/store/survey.js';
import { starterDefinition } from '../src/survey/model.js';
import { EXAMPLE_COUNTY_DIR } from './helpers/planFolder.js';
import { seededDatabase } from './helpers/store.js';

const COUNTY = 'example-county-2024-2035';
let store: Awaited<ReturnType<typeof seededDatabase>>;
let app: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  store = await seededDatabase();
  const folder = readPlanFolder(EXAMPLE_COUNTY_DIR);
  if (!folder.result.ok) throw new Error('invalid');
  await seedPlan(store.db, folder.result.plan, folder.contentHash, { isDefault: false, boundaries: folder.boundaries });
  app = await buildApp({ db: store.db, webDir: '/nonexistent', revisionTtlMs: 0 });
});
afterAll(async () => {
  await app.close();
  await store.db.destroy();
});
const get = (url: string) => app.inject({ method: 'GET', url });

describe('a portal per plan', () => {
  it('serves the default plan at / and the other plan at /p/{planId}/, each with its own name and indicators', async () => {
    const home = await get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('韶关市');
    const county = await get(`/p/${COUNTY}/`);
    expect(county.statusCode).toBe(200);
    expect(county.body).toContain('示例县');
    expect(county.body).not.toContain('韶关');
    const indicators = await get(`/p/${COUNTY}/indicators.html`);
    expect(indicators.statusCode).toBe(200);
    expect(indicators.body).toContain('生态文明建设工作占党政实绩考核的比例');
    // Its indicator pages are its own: 21 indicators, not the default plan's 45.
    expect((await get(`/p/${COUNTY}/indicators/21.html`)).statusCode).toBe(200);
    expect((await get(`/p/${COUNTY}/indicators/45.html`)).statusCode).toBe(404);
    expect((await get('/indicators/45.html')).statusCode).toBe(200);
    // Its pages link relatively, so they stay under its prefix.
    expect(county.body).not.toMatch(/href="\/(?!p\/)[a-z]/);
  });

  it('names the plan’s sub-regions as the plan has them: a county’s towns, a city’s counties', async () => {
    const towns = await get(`/p/${COUNTY}/counties.html`);
    expect(towns.statusCode).toBe(200);
    expect(towns.body).toContain('<h1>各乡镇（街道）</h1>');
    expect(towns.body).toContain('>乡镇（街道）</a>'); // the navigation
    expect(towns.body).not.toContain('县（市、区）');
    expect((await get(`/p/${COUNTY}/en/counties.html`)).body).toContain('<h1>Towns</h1>');
    const counties = await get('/counties.html');
    expect(counties.body).toContain('<h1>各县（市、区）</h1>');
    expect(counties.body).toContain('>县（市、区）</a>');
  });

  it('says which target applies in which years by the plan’s own horizons: the county’s 2027 and 2035, the city’s 2025 and 2035', async () => {
    const county = (await get(`/p/${COUNTY}/methods.html`)).body;
    expect(county).toContain('2027 年及以前适用 2027 年目标，2028 年起适用 2035 年目标。');
    expect(county).not.toContain('2025 年目标');
    expect((await get(`/p/${COUNTY}/en/methods.html`)).body).toContain('The 2027 target applies up to 2027, the 2035 target from 2028.');
    expect((await get('/methods.html')).body).toContain('2025 年及以前适用 2025 年目标，2026 年起适用 2035 年目标。');
  });

  it('redirects /p/{planId} to its slash and answers an unknown plan with the 404 page', async () => {
    const bare = await get(`/p/${COUNTY}`);
    expect(bare.statusCode).toBe(302);
    expect(bare.headers.location).toBe(`/p/${COUNTY}/`);
    const unknown = await get('/p/no-such-plan/');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('页面不存在');
    const missing = await get(`/p/${COUNTY}/no-such-page.html`);
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain(`href="/p/${COUNTY}/`);
  });

  it('serves a published questionnaire of another plan by its link, with that plan’s towns to choose from', async () => {
    const by = { id: 'test', username: 'test' };
    const survey = await createSurvey(store.db, COUNTY, 2025, starterDefinition({ name: '示例县', nameEn: 'Example County' }), by);
    const draft = await get(`/survey/${survey.id}`);
    expect(draft.statusCode).toBe(404);
    await setSurveyStatus(store.db, survey, 'open', by);
    const page = await get(`/survey/${survey.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('示例县');
    expect(page.body).toContain('990121101'); // a town of the county plan
    expect(page.body).not.toContain('440281'); // not a county of the default plan
  });
});
