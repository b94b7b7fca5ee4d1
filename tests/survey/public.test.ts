// The public questionnaire over HTTP, as a browser meets it: unpublished questionnaires and free text never shown,
// the page readable without JavaScript, and each guard (rate limit per address, signed one-time token per browser,
// proof-of-work, duplicate detection) refusing what it should with a bilingual answer. Script injection in free text.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { powValid, solvePow } from '../../src/survey/guard.js';
import { SURVEY_SCRIPT } from '../../src/survey/script.js';
import { appWithAccounts, type Session } from '../helpers/app.js';
import { answer, caller, formBody, openPage, postForm } from './helpers.js';

const BITS = 8;
const LIMIT = 6;
let app: FastifyInstance;
let sessions: Record<string, Session>;
let close: () => Promise<void>;
let db: Awaited<ReturnType<typeof appWithAccounts>>['store']['db'];
let call: ReturnType<typeof caller>;
let id: string; // open
let draftId: string; // never opened
const INJECTION = '<script>alert("x")</script><img src=x onerror=alert(1)> 河水&很清';
const DRAFT_TITLE = '未发布的草稿问卷 DRAFT-7f3a';

beforeAll(async () => {
  ({ app, sessions, close, store: { db } } = await appWithAccounts(undefined, { survey: { powBits: BITS, rateLimit: LIMIT } }));
  call = caller(app, sessions);
  const created = await call('POST', '/api/v1/plans/default/surveys', 'reviewer', { year: 2025 });
  expect(created.statusCode).toBe(200);
  id = created.json().id;
  expect((await call('POST', `/api/v1/plans/default/surveys/${id}/open`, 'reviewer')).statusCode).toBe(200);
  const draft = await call('POST', '/api/v1/plans/default/surveys', 'reviewer', { year: 2025, definition: { ...created.json().definition, title: { zh: DRAFT_TITLE, en: 'Draft' } } });
  draftId = draft.json().id;
});
afterAll(() => close());

const good = { county: '440281', 'q.satisfaction': '5', 'q.participation': ['sorting', 'planting'] };
const count = async () => Number((await db.selectFrom('survey_responses').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('what the public sees', () => {
  it('lists open questionnaires only; a draft is not found by its id either', async () => {
    const list = await app.inject({ method: 'GET', url: '/survey/' });
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-type']).toMatch(/text\/html/);
    expect(list.body).toContain(`/survey/${id}`);
    expect(list.body).toContain('韶关市生态文明建设公众满意度与参与度调查');
    expect(list.body).not.toContain(draftId);
    expect(list.body).not.toContain(DRAFT_TITLE);
    const page = await app.inject({ method: 'GET', url: `/survey/${draftId}` });
    expect(page.statusCode).toBe(404);
    expect(page.body).not.toContain(DRAFT_TITLE);
    const post = await app.inject({ method: 'POST', url: `/survey/${draftId}`, payload: { token: 'x' } });
    expect(post.statusCode).toBe(404);
  });

  it('serves every question, the county list and the token in the HTML, readable without JavaScript', async () => {
    const { res, token, cookie } = await openPage(app, id, '10.1.0.1');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('您对本地生态文明建设的总体满意程度如何？');
    expect(res.body).toContain('Overall, how satisfied are you');
    expect(res.body).toContain('乐昌市 / Lechang');
    expect(res.body).toContain('<noscript>');
    expect(res.body).toMatch(/无法在线提交/);
    expect(res.body).toContain('<label class="choice" for="satisfaction-4">');
    // No inline script may run on it: the page's only script is a file of this server.
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.body).not.toMatch(/<script(?! src="\/survey\/assets\/survey\.js" defer><\/script>)/);
    expect(token).toMatch(/^[\w-]+\.\d+\.[\w-]+$/);
    expect(cookie).toContain(token!);
    // Reopened by the same browser, the page gives the same token (one per browser).
    expect((await openPage(app, id, '10.1.0.1', cookie)).token).toBe(token);
  });

  it('never shows staff API data without a session', async () => {
    for (const url of ['/api/v1/plans/default/surveys', `/api/v1/plans/default/surveys/${id}`, `/api/v1/plans/default/surveys/${id}/results`, `/api/v1/plans/default/surveys/${id}/export.xlsx`, `/api/v1/plans/default/surveys/${draftId}/preview`])
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
  });
});

describe('answering', () => {
  it('stores a browser’s answers and then refuses the same browser’s token again', async () => {
    const before = await count();
    const page = await openPage(app, id, '10.2.0.1');
    const body = formBody({ ...good, token: page.token!, pow: solvePow(page.token!, BITS) });
    const ok = await postForm(app, id, '10.2.0.1', body, page.cookie);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('提交成功');
    expect(await count()).toBe(before + 1);
    const again = await postForm(app, id, '10.2.0.1', formBody({ ...good, county: '440282', token: page.token!, pow: solvePow(page.token!, BITS) }), page.cookie);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('此浏览器已提交过本问卷');
    expect(await count()).toBe(before + 1);
    const reopened = await openPage(app, id, '10.2.0.1', page.cookie);
    expect(reopened.token).toBeNull();
    expect(reopened.res.body).toContain('已提交过本问卷');
  });

  it('refuses a submission without the proof-of-work, naming JavaScript and the paper alternative', async () => {
    const page = await openPage(app, id, '10.3.0.1');
    const none = await postForm(app, id, '10.3.0.1', formBody({ ...good, token: page.token!, pow: '' }), page.cookie);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('JavaScript');
    expect(none.body).toContain('纸质问卷');
    let wrong = 0;
    while (powValid(page.token!, String(wrong), BITS)) wrong++;
    const bad = await postForm(app, id, '10.3.0.1', formBody({ ...good, token: page.token!, pow: String(wrong) }), page.cookie);
    expect(bad.statusCode).toBe(400);
    const json = await app.inject({ method: 'POST', url: `/survey/${id}`, remoteAddress: '10.3.0.1', payload: { token: page.token, pow: String(wrong), county: '440281', answers: {} } });
    expect(json.json()).toMatchObject({ code: 'POW_REQUIRED' });
    expect(json.json().messageEn).toMatch(/JavaScript/);
  });

  it('refuses a forged or foreign token', async () => {
    const page = await openPage(app, id, '10.4.0.1');
    const [tid, at, sig] = page.token!.split('.');
    const forged = `${tid}.${at}.${sig!.slice(0, -2)}${sig!.endsWith('AA') ? 'BB' : 'AA'}`;
    const r1 = await app.inject({ method: 'POST', url: `/survey/${id}`, remoteAddress: '10.4.0.1', payload: { token: forged, pow: solvePow(forged, BITS), county: '440281', answers: { satisfaction: 4, participation: ['none'] } } });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().code).toBe('TOKEN_INVALID');
    const r2 = await app.inject({ method: 'POST', url: `/survey/${id}`, remoteAddress: '10.4.0.1', payload: { pow: '1', county: '440281', answers: {} } });
    expect(r2.json().code).toBe('TOKEN_MISSING');
  });

  it('refuses the same answers sent again from the same address, but not other answers or another address', async () => {
    const before = await count();
    const fields = { county: '440203', 'q.satisfaction': '2', 'q.participation': 'none', 'q.suggestions': '多种树' };
    expect((await answer(app, id, '10.5.0.1', fields, BITS)).statusCode).toBe(200);
    const dup = await answer(app, id, '10.5.0.1', fields, BITS);
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain('相同的答卷已从同一网络地址提交过');
    expect((await answer(app, id, '10.5.0.1', { ...fields, 'q.satisfaction': '3' }, BITS)).statusCode).toBe(200);
    expect((await answer(app, id, '10.5.0.2', fields, BITS)).statusCode).toBe(200);
    expect(await count()).toBe(before + 3);
    // No address is stored: only a keyed hash.
    const rows = await db.selectFrom('survey_responses').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain('10.5.0.1');
  });

  it('limits submissions per address and says so in both languages', async () => {
    const codes: number[] = [];
    for (let k = 0; k < LIMIT + 1; k++) codes.push((await answer(app, id, '10.6.0.1', { ...good, 'q.suggestions': `第 ${k} 条` }, BITS)).statusCode);
    expect(codes.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(200));
    const last = await answer(app, id, '10.6.0.1', { ...good, 'q.suggestions': 'again' }, BITS);
    expect(last.statusCode).toBe(429);
    expect(last.body).toContain('提交过于频繁');
    expect(last.body).toContain('too many submissions');
    // Another address is not affected.
    expect((await answer(app, id, '10.6.0.2', good, BITS)).statusCode).toBe(200);
  });

  it('names every missing or invalid answer in Chinese and English', async () => {
    const res = await answer(app, id, '10.7.0.1', { county: '999999', 'q.satisfaction': '9' }, BITS);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('所在县（市、区）代码“999999”不在本规划范围内');
    expect(res.body).toContain('第 1 题的级别须为 1–5 的整数');
    expect(res.body).toContain('第 2 题为必答题');
    expect(res.body).toContain('question 2 is required');
  });
});

describe('a refused form', () => {
  /** The fieldset holding a question's controls (the page's fieldsets are not nested). */
  const fieldsetOf = (html: string, name: string) => html.split('<fieldset').find((f) => f.includes(`name="${name}"`)) ?? '';

  it('comes back without JavaScript with the answers kept and each reason next to its field, and then goes through', async () => {
    const before = await count();
    const page = await openPage(app, id, '10.9.0.1');
    // No proof-of-work (JavaScript off) and question 2 (participation, required) left out.
    const fields = { county: '440281', 'q.satisfaction': '4', 'q.suggestions': '多种树 & <b>少开车</b>' };
    const res = await postForm(app, id, '10.9.0.1', formBody({ ...fields, token: page.token!, pow: '' }), page.cookie);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('id="survey-form"');
    expect(res.body).toContain(`name="token" value="${page.token}"`);
    // What was given is still there.
    expect(res.body).toMatch(/<option value="440281" selected>/);
    expect(res.body).toMatch(/name="q\.satisfaction" value="4" checked/);
    expect(res.body).not.toMatch(/name="q\.satisfaction" value="[1235]" checked/);
    expect(res.body).toContain('多种树 &amp; &lt;b&gt;少开车&lt;/b&gt;</textarea>');
    // The reason sits in question 2's own fieldset, tied to its controls, in both languages; the others have none.
    const q2 = fieldsetOf(res.body, 'q.participation');
    expect(q2).toMatch(/^ class="invalid">/);
    expect(q2).toContain('<p class="field-error" id="err-participation">第 2 题为必答题');
    expect(q2).toContain('question 2 is required');
    expect(q2).toContain('aria-describedby="err-participation"');
    expect(fieldsetOf(res.body, 'q.satisfaction')).not.toContain('field-error');
    // A summary at the top links to the field.
    expect(res.body).toMatch(/<div class="errors" role="alert"[^>]*>.*答卷未提交：有 1 处需要修改.*href="#participation-0"/s);
    expect(await count()).toBe(before);

    // Corrected (and with the proof the page's script computes), the same token is accepted.
    const ok = await postForm(app, id, '10.9.0.1', formBody({ ...fields, 'q.participation': 'sorting', token: page.token!, pow: solvePow(page.token!, BITS) }), page.cookie);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('提交成功');
    expect(await count()).toBe(before + 1);
  });

  it('with every answer given but no proof-of-work, comes back with the answers and the reason', async () => {
    const page = await openPage(app, id, '10.9.0.2');
    const res = await postForm(app, id, '10.9.0.2', formBody({ ...good, token: page.token!, pow: '' }), page.cookie);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="survey-form"');
    expect(res.body).toMatch(/name="q\.participation" value="sorting" checked/);
    expect(res.body).toMatch(/name="q\.participation" value="planting" checked/);
    expect(res.body).toContain('缺少防刷计算结果');
  });
});

describe('the portal’s frame', () => {
  it('survey pages have the portal’s header, language and large-text switches and footer, in every variant', async () => {
    const zh = await openPage(app, id, '10.10.0.1');
    expect(zh.res.body).toContain('<html lang="zh-CN">');
    expect(zh.res.body).toContain('<header class="site-header">');
    expect(zh.res.body).toContain('<a class="site-name" href="/index.html">韶关市生态文明建设规划公开平台</a>');
    expect(zh.res.body).toContain('href="/assets/portal.css"');
    expect(zh.res.body).toContain(`<a href="/en/survey/${id}" lang="en" hreflang="en">English</a>`);
    expect(zh.res.body).toContain(`<a href="/large/survey/${id}">大字版（适老化）</a>`);
    expect(zh.res.body).toContain('<a href="/survey/" aria-current="page">公众调查</a>');
    expect(zh.res.body).toContain('<footer class="site-footer">');
    expect(zh.res.body).not.toContain('<style>');

    const en = await app.inject({ method: 'GET', url: `/large/en/survey/${id}`, remoteAddress: '10.10.0.2' });
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('<html lang="en" class="large">');
    expect(en.body).toContain(`action="/large/en/survey/${id}"`);
    expect(en.body).toContain('<a href="/large/en/survey/" aria-current="page">Survey</a>');
    expect(en.body).toContain(`<a href="/en/survey/${id}">Standard text</a>`);
    expect(en.body).toMatch(/<h1>Shaoguan public survey[^<]*<span class="other" lang="zh-CN">韶关市生态文明建设公众满意度与参与度调查/);

    const list = await app.inject({ method: 'GET', url: '/en/survey/' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/en/survey/${id}"`);
    // The portal's English home links to the English survey.
    const home = await app.inject({ method: 'GET', url: '/en/' });
    expect(home.body).toContain('<a href="../en/survey/">Survey</a>');
  });
});

describe('script injection', () => {
  it('keeps free text exactly as given, shows it to staff only as data, and never on a public page', async () => {
    const res = await answer(app, id, '10.8.0.1', { ...good, 'q.suggestions': INJECTION }, BITS);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert');
    const results = await call('GET', `/api/v1/plans/default/surveys/${id}/results`, 'reviewer');
    expect(results.headers['content-type']).toMatch(/application\/json/);
    expect(results.json().freeText.map((f: { text: string }) => f.text)).toContain(INJECTION);
    for (const url of ['/survey/', `/survey/${id}`, '/survey/assets/survey.js']) {
      const body = (await app.inject({ method: 'GET', url })).body;
      expect(body, url).not.toContain('alert(');
      expect(body, url).not.toContain('河水&很清');
      expect(body, url).not.toContain('多种树');
    }
  });

  it('escapes a designer’s text in the public page', async () => {
    const def = (await call('GET', `/api/v1/plans/default/surveys/${id}`, 'reviewer')).json().definition;
    const edited = { ...def, title: { zh: '问卷<script>alert(2)</script>', en: '"><img src=x onerror=alert(3)>' } };
    expect((await call('PUT', `/api/v1/plans/default/surveys/${id}/definition`, 'reviewer', { definition: edited })).statusCode).toBe(200);
    const page = (await app.inject({ method: 'GET', url: `/survey/${id}` })).body;
    expect(page).toContain('问卷&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect((await call('PUT', `/api/v1/plans/default/surveys/${id}/definition`, 'reviewer', { definition: def })).statusCode).toBe(200);
  });
});

describe('closing', () => {
  it('takes no more answers once closed and leaves the public list', async () => {
    const page = await openPage(app, id, '10.9.0.1');
    expect((await call('POST', `/api/v1/plans/default/surveys/${id}/close`, 'reviewer')).statusCode).toBe(200);
    const late = await postForm(app, id, '10.9.0.1', formBody({ ...good, token: page.token!, pow: solvePow(page.token!, BITS) }), page.cookie);
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('本问卷已结束');
    expect((await app.inject({ method: 'GET', url: '/survey/' })).body).not.toContain(`/survey/${id}`);
    expect((await app.inject({ method: 'GET', url: `/survey/${id}` })).body).toContain('本问卷已结束');
  });
});

describe('behind a reverse proxy', () => {
  it('limits each client named by X-Forwarded-For, not the proxy, when told to trust it', async () => {
    const behind = await appWithAccounts([['reviewer', 'reviewer', 'sthjj']], { trustProxy: true, survey: { powBits: BITS, rateLimit: 1 } });
    try {
      const c = caller(behind.app, behind.sessions);
      const sid = (await c('POST', '/api/v1/plans/default/surveys', 'reviewer', { year: 2025 })).json().id;
      await c('POST', `/api/v1/plans/default/surveys/${sid}/open`, 'reviewer');
      const send = async (client: string, k: number) => {
        const page = await openPage(behind.app, sid, '10.0.0.1');
        return behind.app.inject({ method: 'POST', url: `/survey/${sid}`, remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': client }, payload: { token: page.token, pow: solvePow(page.token!, BITS), county: '440281', answers: { satisfaction: 5, participation: ['none'], suggestions: `第 ${k} 条` } } });
      };
      expect((await send('203.0.113.1', 1)).statusCode).toBe(200);
      expect((await send('203.0.113.2', 2)).statusCode).toBe(200);
      expect((await send('203.0.113.1', 3)).statusCode).toBe(429);
    } finally {
      await behind.close();
    }
  });
});

describe('the page script', () => {
  it('computes SHA-256 as FIPS 180-4 does (the proof-of-work the server checks)', () => {
    const window: { ecoplanSha256Head?: (s: string) => [number, number] } = {};
    new Function('window', 'document', SURVEY_SCRIPT)(window, { getElementById: () => null });
    for (const s of ['abc', '', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'tok.123.sig:4711']) {
      const d = createHash('sha256').update(s).digest();
      expect(window.ecoplanSha256Head!(s), JSON.stringify(s)).toEqual([d.readUInt32BE(0), d.readUInt32BE(4)]);
    }
    // FIPS 180-4 example "abc": ba7816bf 8f01cfea …
    expect(window.ecoplanSha256Head!('abc')).toEqual([0xba7816bf, 0x8f01cfea]);
  });
});
