// Which edition a calculation takes: the one named in `standard`, else the one in force on `date` (a China Standard
// Time natural day), else the one in force today. Shared by the aqi and air-annual calculators (docs/methods/aqi.md).
import type { CalcContext, CalcIssue } from './calculator.js';
import { coverage, EDITIONS, isDateText, standardByName, type Phase, type StandardName } from '../standards/editions.js';

export interface EditionChoice<S extends StandardName> {
  standard: S;
  /** How it was chosen: named in the input, by the date measured, or today's (neither given). */
  basis: 'standard' | 'date' | 'today';
  /** A later edition named for an earlier date: a comparison, not the result in force on that day. */
  comparison: boolean;
  notes: string[];
}

/** The issue for a date that is not a real day. */
export function dateIssue(key: string, value: string): CalcIssue {
  return { path: key, message: `${key} 不是有效日期 YYYY-MM-DD（值 / value: ${JSON.stringify(value)}）`, messageEn: `${key} is not a calendar date YYYY-MM-DD (value: ${JSON.stringify(value)})` };
}

/**
 * Resolves `standard` among `allowed` (names as callers write them: 'hj633-2026' is HJ 633-2026) against `date`
 * (the day the data are for; null when not given). Refused, naming the key: a date that is not a real day, an unknown
 * name, a name of another kind of standard, and an edition named for a day after its withdrawal. Allowed with
 * comparison = true: a later edition named for an earlier day (as the ministry re-assessed 2025 under the 2026 editions).
 */
export function chooseEdition<S extends StandardName>(
  allowed: readonly S[],
  input: { standard?: string | undefined; date?: string | null | undefined },
  ctx: CalcContext,
  byDate: (date: string) => S,
  opts: { dateKey?: string; phase?: Phase | null } = {},
): EditionChoice<S> | CalcIssue[] {
  const dateKey = opts.dateKey ?? 'date';
  const date = input.date ?? null;
  if (date !== null && !isDateText(date)) return [dateIssue(dateKey, date)];
  if (input.standard === undefined) {
    if (date !== null) return { standard: byDate(date), basis: 'date', comparison: false, notes: [] };
    const standard = byDate(ctx.today);
    return { standard, basis: 'today', comparison: false, notes: [`未给出 ${dateKey} 或 standard：按今日（${ctx.today}，中国标准时间）施行的 ${standard} / neither ${dateKey} nor standard given: ${standard}, in force today (${ctx.today}, China Standard Time)`] };
  }
  const name = standardByName(input.standard);
  if (name === null || !(allowed as readonly string[]).includes(name))
    return [
      {
        path: 'standard',
        message: name === null ? `standard：未知的标准“${input.standard}”；可用：${allowed.join('、')}` : `standard：此计算不使用 ${name}；standard 可为：${allowed.join('、')}`,
        messageEn: name === null ? `standard: unknown standard "${input.standard}"; use one of: ${allowed.join(', ')}` : `standard: this calculation does not use ${name}; standard may be: ${allowed.join(', ')}`,
      },
    ];
  const standard = name as S;
  if (date === null) return { standard, basis: 'standard', comparison: false, notes: [] };
  const cover = coverage(standard, date, opts.phase);
  const phaseText = opts.phase ? `（${opts.phase}）` : '';
  const phaseTextEn = opts.phase ? ` (${opts.phase})` : '';
  if (cover === 'withdrawn') {
    const inForce = byDate(date);
    return [
      {
        path: 'standard',
        message: `standard：${standard}${phaseText} 不适用于 ${dateKey} ${date}：该日已不在其施行期内（该日施行 ${inForce}${EDITIONS[standard].to ? `；${standard} 施行至 ${EDITIONS[standard].to}` : ''}）。新版本可用于较早的数据作对比，已废止的版本不用于其后的数据`,
        messageEn: `standard: ${standard}${phaseTextEn} does not apply to ${dateKey} ${date}: it is no longer in force on that day (${inForce} is${EDITIONS[standard].to ? `; ${standard} applied until ${EDITIONS[standard].to}` : ''}). A later edition may be applied to earlier data as a comparison; a withdrawn one is not applied to later data`,
      },
    ];
  }
  if (cover === 'before') {
    const inForce = byDate(date);
    return {
      standard,
      basis: 'standard',
      comparison: true,
      notes: [`对比计算：${dateKey} ${date} 施行的是 ${inForce}，此结果按指定的 ${standard}${phaseText} 计算，不是该日的法定结果 / comparison: ${inForce} is in force on ${date}; this result is by the named ${standard}${phaseTextEn}, not the result in force on that day`],
    };
  }
  return { standard, basis: 'standard', comparison: false, notes: [] };
}
