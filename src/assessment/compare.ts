// A published (frozen) result against the result the data give now: every change is listed, never applied
// silently. Pure.
import type { AssessmentResult } from './assess.js';

export interface ResultDifference {
  kind: 'region' | 'department';
  code: string;
  name: string;
  field: 'score' | 'rank' | 'grade' | 'item' | 'subject';
  /** The indicator (or project, deduction, veto) of an item difference. */
  item: string | null;
  frozen: string | number | null;
  live: string | number | null;
}

const itemKey = (i: AssessmentResult['subjects'][number]['items'][number]): string =>
  i.kind === 'indicator' ? `indicator:${i.indicator}` : i.kind === 'project' ? `project:${i.project}` : i.kind === 'deduction' ? `deduction:${i.deduction}:${i.project ?? ''}` : `veto:${i.veto}`;

/** Differences of score, rank, grade and item points, subject by subject (subjects that appear or disappear too). */
export function compareResults(frozen: AssessmentResult, live: AssessmentResult): ResultDifference[] {
  const out: ResultDifference[] = [];
  const liveBy = new Map(live.subjects.map((s) => [`${s.kind}|${s.code}`, s]));
  const frozenKeys = new Set<string>();
  for (const f of frozen.subjects) {
    const key = `${f.kind}|${f.code}`;
    frozenKeys.add(key);
    const l = liveBy.get(key);
    const base = { kind: f.kind, code: f.code, name: f.name };
    if (!l) {
      out.push({ ...base, field: 'subject', item: null, frozen: f.score, live: null });
      continue;
    }
    if (f.score !== l.score) out.push({ ...base, field: 'score', item: null, frozen: f.score, live: l.score });
    if (f.rank !== l.rank) out.push({ ...base, field: 'rank', item: null, frozen: f.rank, live: l.rank });
    if (f.grade !== l.grade) out.push({ ...base, field: 'grade', item: null, frozen: f.grade, live: l.grade });
    const liveItems = new Map(l.items.map((i) => [itemKey(i), i.points]));
    const seen = new Set<string>();
    for (const i of f.items) {
      const k = itemKey(i);
      seen.add(k);
      const p = liveItems.get(k);
      if (p !== i.points) out.push({ ...base, field: 'item', item: k, frozen: i.points, live: p ?? null });
    }
    for (const [k, p] of liveItems) if (!seen.has(k)) out.push({ ...base, field: 'item', item: k, frozen: null, live: p });
  }
  for (const l of live.subjects)
    if (!frozenKeys.has(`${l.kind}|${l.code}`)) out.push({ kind: l.kind, code: l.code, name: l.name, field: 'subject', item: null, frozen: null, live: l.score });
  return out;
}
