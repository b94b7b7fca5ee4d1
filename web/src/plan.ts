// The plan the console works on. It is part of the address — /admin/p/{planId}/… — so a reload, a bookmark and a
// link sent to a colleague all open the same plan; /admin/… without it is the deployment's default plan. It is read
// once, when the console loads: choosing another plan loads the console again at that plan's address, so nothing
// kept for one plan (the API client's caches, the pages' answers, a registered map) outlives the switch.

/** Where the console is served. */
export const ROUTER_PREFIX = '/admin';
const PREFIX = ROUTER_PREFIX;
const match = /^\/admin\/p\/([^/]+)/.exec(typeof window === 'undefined' ? '' : window.location.pathname);

/** The plan named in the address, or null for the default plan. */
export const CHOSEN_PLAN: string | null = match ? decodeURIComponent(match[1]!) : null;

/** The path parameter of every /plans/{planId} route: the chosen plan, or the API's alias of the default plan. */
export const PLAN_ID_PARAM: string = CHOSEN_PLAN ?? 'default';

/** The router's base: client-side routes (/indicators/7 …) live under it, so every link keeps the plan. */
export const ROUTER_BASENAME = CHOSEN_PLAN ? `${PREFIX}/p/${encodeURIComponent(CHOSEN_PLAN)}` : PREFIX;

/**
 * Where the same page is for another plan: list pages keep their place; a detail page (an indicator, a project, a
 * round, a survey, a station) goes to its list, as the other plan may have no such item.
 */
export function samePageIn(path: string): string {
  const parts = path.split('/').filter(Boolean);
  const lists: Record<string, number> = { indicators: 1, projects: 1, rounds: 1, surveys: 1, monitoring: 2 };
  const keep = parts[0] && lists[parts[0]] !== undefined ? lists[parts[0]]! : parts.length;
  return `/${parts.slice(0, keep).join('/')}`;
}

/** The console's address of `path` (a client-side route) in plan `planId`; null: the default plan. */
export function planAddress(planId: string | null, path: string): string {
  const base = planId ? `${PREFIX}/p/${encodeURIComponent(planId)}` : PREFIX;
  return `${base}${path === '/' ? '/' : path}`;
}

/** Loads the console again in plan `planId` at the same page (see samePageIn). */
export function switchPlan(planId: string | null, currentPath: string): void {
  window.location.assign(planAddress(planId, samePageIn(currentPath)));
}
