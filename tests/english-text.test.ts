// Issue 15, item 9: the English text the server writes (reasons, warnings, messages: the `en` and `*En` fields) is
// English throughout: units in their English symbols (μg/m³, m², 100M yuan), split targets named in English,
// statuses in words (no internal codes). Data names (a project's English name that keeps its Chinese term, such as
// "Blueway (碧道)") are the data's own and are left out of the check, as is a reporter's reason quoted as reported. Over HTTP, on the example data (`--demo`).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../src/cli/demo.js';
import { buildApp } from '../src/server/app.js';
import { seededDatabase } from './helpers/store.js';

const API = '/api/v1/plans/default';
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

let app: FastifyInstance;
let close: () => Promise<void>;

beforeAll(async () => {
  const store = await seededDatabase();
  await loadDemo(store.db, store.plan);
  app = await buildApp({ db: store.db, webDir: '/nonexistent' });
  close = async () => {
    await app.close();
    await store.db.destroy();
  };
});
afterAll(() => close());

async function get(url: string): Promise<unknown> {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
  return res.json();
}

/** Every English text of an answer (under a key `en`, or ending in `En`), with its path. */
function englishTexts(body: unknown): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (v: unknown, path: string, english: boolean) => {
    if (typeof v === 'string') {
      if (english) out.push({ path, text: v });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`, english));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`, english || k === 'en' || k.endsWith('En'));
  };
  walk(body, '', false);
  return out;
}

/** The data's own names in an answer (name, nameEn, projectName …): what a message may quote as it is. */
function dataNames(body: unknown): string[] {
  const names = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (typeof x === 'string' && /^(name|nameEn|projectName|projectNameEn|regionName|stationName)$/.test(k)) names.add(x);
        else walk(x);
      }
  };
  walk(body);
  // Longest first, so a name containing another is removed whole.
  return [...names].sort((a, b) => b.length - a.length);
}

/** English texts that still carry Chinese once the data's names are taken out. */
function chineseInEnglish(body: unknown, extraNames: string[] = []): string[] {
  const names = [...dataNames(body), ...extraNames].sort((a, b) => b.length - a.length);
  // What a user wrote is quoted as written, marked "as reported: “…”".
  const unquoted = (t: string) => t.replace(/as reported: “[^”]*”/g, 'as reported: “…”');
  return englishTexts(body)
    .filter(({ text }) => CJK.test(unquoted(names.reduce((t, n) => (n ? t.split(n).join('') : t), text))))
    .map(({ path, text }) => `${path}: ${text}`);
}

describe('English text written by the server', () => {
  it('evaluation reasons and warnings name units in English (27 μg/m³, not 27 微克/立方米)', async () => {
    const evaluation = (await get(`${API}/evaluation?year=2024`)) as { indicators: { code: number; reason: { en: string }; warning: { reason: { en: string } } | null }[] };
    expect(chineseInEnglish(evaluation)).toEqual([]);
    // Indicator 8 (PM2.5): the example data's 2024 annual mean is 27 μg/m³ against the plan's 2025 target ≤ 25.
    const pm25 = evaluation.indicators.find((i) => i.code === 8)!;
    expect(pm25.reason.en).toBe('27 μg/m³ in 2024 misses the target ≤25');
    expect(pm25.warning?.reason.en).toContain('(27 μg/m³ in 2024 misses the target ≤25)');
    for (const year of [2023, 2025]) expect(chineseInEnglish(await get(`${API}/evaluation?year=${year}`)), String(year)).toEqual([]);
  });

  it("every indicator's series of evaluations is English in English (split targets: for cities / for county towns)", async () => {
    const plan = (await get(`${API}/indicators`)) as { indicators: { code: number }[] };
    const found: string[] = [];
    for (const { code } of plan.indicators) found.push(...chineseInEnglish(await get(`${API}/indicators/${code}/series`)).map((x) => `indicator ${code} ${x}`));
    expect(found).toEqual([]);
    // Indicator 30 has a target for cities (≥99) and one for county towns; Shaoguan (the city) is judged on the first.
    const series = (await get(`${API}/indicators/30/series`)) as { evaluations: { year: number; reason: { en: string } }[] };
    const judged = series.evaluations.filter((e) => / in \d{4} (meets|misses) /.test(e.reason.en));
    expect(judged.length).toBeGreaterThan(0);
    for (const e of judged) expect(e.reason.en).toMatch(/ the target for cities ≥99$/);
  });

  it('project warnings give statuses in words and amounts in 100M yuan', async () => {
    const library = (await get(`${API}/projects`)) as { warnings: { kind: string; messageEn: string }[] };
    const summary = (await get(`${API}/projects-summary?year=2024`)) as { warnings: { kind: string; messageEn: string }[] };
    expect(chineseInEnglish(library)).toEqual([]);
    expect(chineseInEnglish(summary)).toEqual([]);
    const messages = [...library.warnings, ...summary.warnings].map((w) => w.messageEn);
    expect(messages.some((m) => / status "in progress"/.test(m))).toBe(true);
    for (const m of messages) expect(m).not.toMatch(/in_progress|not_started|_/);
    const overBudget = summary.warnings.filter((w) => w.kind === 'over_budget');
    expect(overBudget.length).toBeGreaterThan(0);
    for (const w of overBudget) expect(w.messageEn).toMatch(/\(100M yuan\)$/);
  });
});
