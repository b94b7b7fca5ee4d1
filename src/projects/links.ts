// Links between projects and the indicators they are meant to move. The initial links are ecoplan's reading of
// the plan text (the plan folder's projects.yaml `links`); each later edit stores the whole new set with a reason. Pure: no I/O.
import type { Plan } from '../plan/model.js';

export interface LinkSetFact {
  no: number;
  version: number;
  indicators: number[];
  reason: string;
  by: string;
  at: string;
}

export interface ProjectLink {
  indicatorCode: number;
  indicatorName: string;
  reason: string;
}

/** The initial links of a plan's projects: project number → indicator code → why. */
export function initialLinks(plan: Pick<Plan, 'initialLinks'>): Map<number, Map<number, string>> {
  const out = new Map<number, Map<number, string>>();
  for (const l of plan.initialLinks) {
    const m = out.get(l.project) ?? new Map<number, string>();
    for (const code of l.indicators) m.set(code, `ecoplan 初始解读：${l.why}`);
    out.set(l.project, m);
  }
  return out;
}

/** A project's current links: the initial set, replaced by each stored set in turn. A link keeps the reason of
 * the edit that added it (or of the initial reading) while it stays. */
export function projectLinks(plan: Plan, no: number, sets: readonly LinkSetFact[]): ProjectLink[] {
  let current = new Map(initialLinks(plan).get(no) ?? []);
  for (const s of [...sets].filter((x) => x.no === no).sort((a, b) => a.version - b.version)) {
    const next = new Map<number, string>();
    for (const code of s.indicators) next.set(code, current.get(code) ?? s.reason);
    current = next;
  }
  return [...current]
    .sort(([a], [b]) => a - b)
    .map(([indicatorCode, reason]) => ({ indicatorCode, indicatorName: plan.indicators.find((i) => i.code === indicatorCode)?.name ?? String(indicatorCode), reason }));
}

/** Every project's current links, by project number. */
export function allLinks(plan: Plan, projectNos: readonly number[], sets: readonly LinkSetFact[]): Map<number, ProjectLink[]> {
  return new Map(projectNos.map((no) => [no, projectLinks(plan, no, sets)]));
}
