// A questionnaire's results from its stored responses: counts by county and by day, the two rates (unweighted and,
// when county populations are entered, post-stratified), the tally of each question of the current version, and
// the free-text answers as given. Pure.
import type { Definition, Measure, Response } from './model.js';
import { rate, type Rate } from './rates.js';

export interface ResultResponse extends Response {
  id: number;
  version: number;
  channel: 'web' | 'paper';
  day: string;
}

export interface Results {
  total: number;
  byChannel: { web: number; paper: number };
  byCounty: { county: string | null; responses: number }[];
  byDay: { day: string; responses: number }[];
  rates: Record<Measure, Rate>;
  weightedRates: Record<Measure, Rate> | null;
  questions: { id: string; type: string; answered: number; tally: { key: string; count: number }[] }[];
  freeText: { responseId: number; questionId: string; day: string; county: string | null; text: string }[];
}

export function surveyResults(current: Definition, versions: ReadonlyMap<number, Definition>, responses: readonly ResultResponse[], counties: readonly string[], population: ReadonlyMap<string, number> | null): Results {
  const items = responses.map((r) => ({ definition: versions.get(r.version)!, response: r }));
  const byCounty = new Map<string | null, number>(counties.map((c) => [c, 0]));
  const byDay = new Map<string, number>();
  for (const r of responses) {
    byCounty.set(r.county, (byCounty.get(r.county) ?? 0) + 1);
    byDay.set(r.day, (byDay.get(r.day) ?? 0) + 1);
  }
  const measures: Measure[] = ['satisfaction', 'participation'];
  const questions = current.questions
    .filter((q) => q.type !== 'text')
    .map((q) => {
      const keys = q.type === 'likert' ? Array.from({ length: q.points! }, (_, k) => String(k + 1)) : q.options!.map((o) => o.id);
      const tally = new Map(keys.map((k) => [k, 0]));
      let answered = 0;
      for (const it of items) {
        // Only answers to the same question (same key and type) in whatever version they were given.
        const same = it.definition.questions.find((x) => x.id === q.id && x.type === q.type);
        const a = it.response.answers[q.id];
        if (!same || a === undefined) continue;
        answered++;
        for (const k of Array.isArray(a) ? a : [String(a)]) if (tally.has(k)) tally.set(k, tally.get(k)! + 1);
      }
      return { id: q.id, type: q.type, answered, tally: [...tally].map(([key, count]) => ({ key, count })) };
    });
  const freeText = items.flatMap((it) =>
    it.definition.questions
      .filter((q) => q.type === 'text' && typeof it.response.answers[q.id] === 'string')
      .map((q) => ({ responseId: it.response.id, questionId: q.id, day: it.response.day, county: it.response.county, text: it.response.answers[q.id] as string })),
  );
  return {
    total: responses.length,
    byChannel: { web: responses.filter((r) => r.channel === 'web').length, paper: responses.filter((r) => r.channel === 'paper').length },
    byCounty: [...byCounty].map(([county, n]) => ({ county, responses: n })),
    byDay: [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, n]) => ({ day, responses: n })),
    rates: Object.fromEntries(measures.map((m) => [m, rate(m, items)])) as Record<Measure, Rate>,
    weightedRates: population ? (Object.fromEntries(measures.map((m) => [m, rate(m, items, population)])) as Record<Measure, Rate>) : null,
    questions,
    freeText,
  };
}
