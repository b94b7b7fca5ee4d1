// Tasks of an annual reporting round, derived from the plan (never a hand-made list), and who may edit them.
// Pure. docs/methods/rounds.md explains the rules.
import { governedRegion, type Plan } from './model.js';
import { acceptance } from './observations.js';

export interface Task {
  indicatorCode: number;
  regionCode: string;
  kind: 'value' | 'assigned';
  /** The department that reports it: the first (lead) responsible unit of table 1, a county or town government for
   *  its region, or the plan owner (牵头单位) for figures assigned by higher authorities and collective units. */
  departmentId: string;
}

export function taskKey(t: Pick<Task, 'indicatorCode' | 'regionCode' | 'kind'>): string {
  return `${t.indicatorCode}|${t.regionCode}|${t.kind}`;
}

const cache = new WeakMap<Plan, Task[]>();

/** Every task of a round for the plan (computed once per plan object). */
export function roundTasks(plan: Plan): Task[] {
  let cached = cache.get(plan);
  if (!cached) cache.set(plan, (cached = deriveTasks(plan)));
  return cached;
}

function deriveTasks(plan: Plan): Task[] {
  const tasks: Task[] = [];
  const departments = new Map(plan.departments.map((d) => [d.id, d]));
  for (const ind of plan.indicators) {
    // The first listed unit leads (牵头); a collective term (规划责任单位) falls to the plan owner.
    const lead = ind.departmentIds.map((id) => departments.get(id)!).find((d) => d.kind !== 'collective');
    tasks.push({ indicatorCode: ind.code, regionCode: plan.meta.region, kind: 'value', departmentId: lead?.id ?? plan.meta.owner });
    if (acceptance(ind).assigned) tasks.push({ indicatorCode: ind.code, regionCode: plan.meta.region, kind: 'assigned', departmentId: plan.meta.owner });
  }
  // Each sub-region government (a city plan's counties, a county plan's towns) reports countyIndicators for its region.
  for (const d of plan.departments) {
    const region = governedRegion(d);
    if (region) for (const code of plan.meta.countyIndicators) tasks.push({ indicatorCode: code, regionCode: region, kind: 'value', departmentId: d.id });
  }
  return tasks;
}

export interface Actor {
  role: 'admin' | 'reviewer' | 'reporter' | 'viewer';
  departmentId: string | null;
}

/** Reporters edit their department's tasks; reviewers and admins any; viewers none. */
export function mayEditTask(actor: Actor, task: Task): boolean {
  if (actor.role === 'admin' || actor.role === 'reviewer') return true;
  return actor.role === 'reporter' && actor.departmentId === task.departmentId;
}

export const mayReview = (actor: Actor) => actor.role === 'admin' || actor.role === 'reviewer';

/** The plausibility bound of an indicator (plan.yaml `validation`): per indicator, else the plan's default. */
export function plausibleChangeBound(plan: Plan, indicatorCode: number): number {
  return plan.meta.validation.plausibleChange[String(indicatorCode)] ?? plan.meta.validation.plausibleChangePercent;
}

/** The change in % from last year's approved value when it exceeds `bound`, else null. */
export function implausibleChange(previous: string | null, next: string | null, bound: number): number | null {
  if (previous === null || next === null) return null;
  const a = Number(previous);
  const b = Number(next);
  if (a === 0) return null;
  const change = (Math.abs(b - a) / Math.abs(a)) * 100;
  return change > bound ? change : null;
}
