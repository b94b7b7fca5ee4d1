// Hour and day labels of monitoring data, China Standard Time (UTC+8), pure.
//
// An hour is labelled 'YYYY-MM-DDTHH' (HH 00–23) by the hour it ENDS at (时段结束时间), as hourly air data are
// published: 'D T01' is 00:00–01:00 of day D and 'D T00' is 23:00–24:00 of the day before D. A natural day D
// (自然日, GB 3095-2012 3.x 24小时平均) therefore consists of the hours 'D T01' … 'D T23' and '(D+1) T00'; we call
// its 24 hours slots 1–24 (slot 24 = 24:00). docs/monitoring.md explains this choice.

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a calendar date (UTC arithmetic on the wall-clock date, no time zone involved). */
export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

// Dates of day numbers, made once each: every kept station-day is decoded with its date (dayCodec.ts), 73,000 for a
// year of 200 stations; a Date for each showed in the import's profile (bench/monitoring.js).
const DATES = new Map<number, string>();

/** The date 'YYYY-MM-DD' of a day number. */
export function dateOfDay(n: number): string {
  let date = DATES.get(n);
  if (date === undefined) {
    date = new Date(n * DAY_MS).toISOString().slice(0, 10);
    // Bounded: a day number outside any real range of data (a caller's mistake) must not grow it without end.
    if (DATES.size < 200_000) DATES.set(n, date);
  }
  return date;
}

/** The day number of a date 'YYYY-MM-DD' (as dateOfDay writes it and stored days hold it). */
export const dayOfDate = (date: string): number => dayNumber(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));

/** Whether year-month-day is a real calendar date. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export const daysInYear = (year: number) => dayNumber(year + 1, 1, 1) - dayNumber(year, 1, 1);

/** An hour as stored: the natural day it belongs to (day number) and its slot 1–24 in that day. */
export interface HourRef {
  day: number;
  slot: number;
}

/** The label 'YYYY-MM-DDTHH' of a day number and slot 1–24. */
export function hourLabel(day: number, slot: number): string {
  return slot === 24 ? `${dateOfDay(day + 1)}T00` : `${dateOfDay(day)}T${String(slot).padStart(2, '0')}`;
}

const LABEL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})$/;

/** Parses a stored label; null when it is not one. */
export function parseHourLabel(label: string): HourRef | null {
  const m = LABEL_RE.exec(label);
  if (!m) return null;
  const [y, mo, d, h] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (!isCalendarDate(y, mo, d) || h > 23) return null;
  const day = dayNumber(y, mo, d);
  return h === 0 ? { day: day - 1, slot: 24 } : { day, slot: h };
}

/** The first and last stored labels of a year's natural days: 'Y-01-01T01' … '(Y+1)-01-01T00'. */
export function yearLabelRange(year: number): [string, string] {
  return [`${year}-01-01T01`, `${year + 1}-01-01T00`];
}

export type TimeProblem = 'format' | 'calendar' | 'notOnTheHour' | 'future';

/**
 * Reads an hour as users write it, returning the natural day and slot in China Standard Time:
 * 'YYYY-MM-DDTHH', 'YYYY-MM-DD HH', 'YYYY-MM-DD HH:MM[:SS]' (also with '/' separators), '24:00' for the end of a day,
 * and an explicit offset ('Z', '+08:00', '+0000' …), which is converted to UTC+8. Minutes and seconds must be zero.
 * `nowMs` bounds the future: an hour ending after it is refused.
 */
export function readHour(text: string, nowMs: number): HourRef | TimeProblem {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2})(?::(\d{2})(?::(\d{2})(?:\.\d+)?)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m || m[4] === undefined) return 'format';
  let [y, mo, d, h] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  const min = Number(m[5] ?? 0);
  const sec = Number(m[6] ?? 0);
  if (!isCalendarDate(y, mo, d) || h > 24 || min > 59 || sec > 59 || (h === 24 && (min || sec))) return 'calendar';
  if (min || sec) return 'notOnTheHour';
  let endMs = Date.UTC(y, mo - 1, d, h) - 8 * 3_600_000; // the hour's end as an instant, wall clock read as UTC+8
  const zone = m[7];
  if (zone) {
    const offsetMin = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
    endMs = Date.UTC(y, mo - 1, d, h) - offsetMin * 60_000;
  }
  if (endMs > nowMs) return 'future';
  // Back to the China Standard Time wall clock.
  const cst = new Date(endMs + 8 * 3_600_000);
  [y, mo, d, h] = [cst.getUTCFullYear(), cst.getUTCMonth() + 1, cst.getUTCDate(), cst.getUTCHours()];
  const day = dayNumber(y, mo, d);
  return h === 0 ? { day: day - 1, slot: 24 } : { day, slot: h };
}

/** Reads a sampling date 'YYYY-MM-DD' (also '/', or followed by a time, which is ignored). */
export function readDate(text: string, nowMs: number): string | TimeProblem {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ].*)?$/.exec(text.trim());
  if (!m) return 'format';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isCalendarDate(y, mo, d)) return 'calendar';
  if (Date.UTC(y, mo - 1, d) - 8 * 3_600_000 > nowMs) return 'future';
  return dateOfDay(dayNumber(y, mo, d));
}
