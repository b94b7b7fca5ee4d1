// Observations (指标值) in the domain: their shape and the validation of reported rows against the plan.
// Pure: the file reader and the repository do the I/O.
import type { Indicator, Plan } from './model.js';
import { decimalWithin, MAX_DECIMAL_DIGITS, readDecimalText } from './decimal.js';
import { RELATIVE_RULES, STATES, type RelativeRule, type StateCode, type Target } from './targets.js';

export type ObservationKind = 'value' | 'assigned';

export interface Observation {
  id: string;
  indicatorCode: number;
  regionCode: string;
  year: number;
  kind: ObservationKind;
  version: number;
  /** Exact decimal text as reported; `value` is its number. */
  valueText: string | null;
  value: number | null;
  state: StateCode | null;
  /** Relative rules the reporter confirmed as met (性质不改变, 功能不降低). */
  checks: RelativeRule[];
  source: string;
  note: string | null;
  reason: string | null;
  status: 'approved' | 'provisional';
  isDemo: boolean;
  recordedAt: string;
  recordedBy: string;
  batchId: string;
  /** Set on the baseline that the plan itself supplies (table 1), never on stored rows. */
  fromPlanBaseline?: boolean;
}

/** One reported row, validated: what the repository stores (it adds id, version, batch, time). */
/** Longest source text, and longest note or reason, in characters (the form's limits too). */
export const MAX_SOURCE_CHARS = 200;
export const MAX_NOTE_CHARS = 1000;

export interface ObservationInput {
  indicatorCode: number;
  regionCode: string;
  year: number;
  kind: ObservationKind;
  valueText: string | null;
  state: StateCode | null;
  checks: RelativeRule[];
  source: string;
  note: string | null;
  reason: string | null;
}

/** A problem in a reported row: where (row, column, field) and why, in Chinese and English. */
export interface RowIssue {
  row: number;
  column: string | null;
  field: string;
  message: string;
  messageEn: string;
}

/** The columns of an observation sheet: Chinese header, English header, field. */
export const OBSERVATION_COLUMNS = [
  { field: 'indicator', zh: '指标序号', en: 'indicator', required: true },
  { field: 'region', zh: '行政区代码', en: 'region', required: true },
  { field: 'year', zh: '年份', en: 'year', required: true },
  { field: 'value', zh: '数值', en: 'value', required: false },
  { field: 'state', zh: '状态', en: 'state', required: false },
  { field: 'source', zh: '数据来源', en: 'source', required: true },
  { field: 'kind', zh: '类型', en: 'kind', required: false },
  { field: 'checks', zh: '确认事项', en: 'checks', required: false },
  { field: 'note', zh: '备注', en: 'note', required: false },
  { field: 'reason', zh: '修改原因', en: 'reason', required: false },
] as const;
export type ObservationField = (typeof OBSERVATION_COLUMNS)[number]['field'];

const KIND_WORDS: Record<string, ObservationKind> = { 指标值: 'value', value: 'value', 上级下达目标值: 'assigned', 上级下达: 'assigned', assigned: 'assigned' };

function targetParts(t: Target): Target[] {
  if (t.kind === 'all') return t.parts;
  return [t];
}

/** What an indicator accepts as a reported value. */
export function acceptance(ind: Indicator) {
  const parts = Object.values(ind.targets).flatMap((t) => targetParts(t));
  return {
    value: ind.direction !== null,
    state: ind.baseline.state !== null || parts.some((p) => p.kind === 'state'),
    assigned: parts.some((p) => p.kind === 'assigned'),
    checks: [...new Set(parts.flatMap((p) => (p.kind === 'relative' && (p.rule === 'natureUnchanged' || p.rule === 'functionNotReduced') ? [p.rule] : [])))],
  };
}

function stateFromText(text: string): StateCode | null {
  return STATES.find((s) => s.zh === text || s.code === text)?.code ?? null;
}

function ruleFromText(text: string): RelativeRule | null {
  return RELATIVE_RULES.find((r) => r.zh === text || r.code === text)?.code ?? null;
}

export interface RawRow {
  /** Row number in the sheet (1-based, as a spreadsheet shows it). */
  row: number;
  cells: Partial<Record<ObservationField, string>>;
  /** The sheet column letter or CSV column number of each field, for messages. */
  columns: Partial<Record<ObservationField, string>>;
}

/**
 * Validates reported rows against the plan: indicator and region exist, year in range, a value or a state the
 * indicator accepts, a source. Every problem is returned; rows with problems are not returned as inputs.
 */
export function validateObservationRows(plan: Plan, rows: readonly RawRow[], opts: { maxYear: number }): { inputs: ObservationInput[]; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const inputs: ObservationInput[] = [];
  const seen = new Map<string, number>();
  const minYear = plan.meta.baseYear - 5;
  for (const r of rows) {
    const issue = (field: ObservationField, message: string, messageEn: string) =>
      issues.push({ row: r.row, column: r.columns[field] ?? null, field: OBSERVATION_COLUMNS.find((c) => c.field === field)!.zh, message, messageEn });
    const cell = (f: ObservationField) => (r.cells[f] ?? '').trim();
    const before = issues.length;

    const codeText = cell('indicator');
    const indicator = /^\d+$/.test(codeText) ? plan.indicators.find((x) => x.code === Number(codeText)) : undefined;
    if (!codeText) issue('indicator', '缺少指标序号', 'indicator code is missing');
    else if (!indicator) issue('indicator', `未知的指标序号“${codeText}”，应为 1–${plan.indicators.length}`, `unknown indicator "${codeText}", expected 1–${plan.indicators.length}`);

    const regionText = cell('region');
    const region = plan.regions.find((g) => g.code === regionText || g.name === regionText);
    if (!regionText) issue('region', '缺少行政区代码', 'region code is missing');
    else if (!region) {
      const city = plan.regions.find((g) => g.code === plan.meta.region);
      issue('region', `未知的行政区“${regionText}”，应为 ${plan.meta.region}（${city?.name ?? '规划范围'}）或所辖行政区的代码或名称`, `unknown region "${regionText}"; expected ${plan.meta.region} (${city?.nameEn ?? 'the plan area'}) or the code or name of one of its regions`);
    }

    const yearText = cell('year');
    const year = Number(yearText);
    if (!yearText) issue('year', '缺少年份', 'year is missing');
    else if (!/^\d{4}$/.test(yearText) || year < minYear || year > opts.maxYear)
      issue('year', `年份“${yearText}”无效，应为 ${minYear}–${opts.maxYear} 的四位年份`, `invalid year "${yearText}", expected ${minYear}–${opts.maxYear}`);

    const kindText = cell('kind');
    const kind = kindText ? KIND_WORDS[kindText] : 'value';
    if (!kind) issue('kind', `类型“${kindText}”无效，应为 指标值 或 上级下达目标值`, `invalid kind "${kindText}", expected value or assigned`);

    const source = cell('source');
    if (!source) issue('source', '缺少数据来源（如 统计年鉴、监测数据、部门统计）', 'source is missing (e.g. statistical yearbook, monitoring data)');
    // The same limits as the form (PUT …/tasks/…: source ≤ 200, note and reason ≤ 1000 characters), so a template
    // or a file cannot store what the form refuses.
    for (const [field, max, zh] of [['source', MAX_SOURCE_CHARS, '数据来源'], ['note', MAX_NOTE_CHARS, '备注'], ['reason', MAX_NOTE_CHARS, '修改原因']] as const) {
      const n = [...cell(field)].length;
      if (n > max) issue(field, `${zh}过长（${n} 个字符），最多 ${max} 个字符`, `${field} is too long (${n} characters); at most ${max}`);
    }

    const valueText = cell('value');
    const stateText = cell('state');
    const checksText = cell('checks');
    let state: StateCode | null = null;
    const checks: RelativeRule[] = [];
    if (indicator && kind) {
      const accepts = acceptance(indicator);
      const read = valueText ? readDecimalText(valueText) : null;
      if (read && 'problem' in read)
        issue('value', read.problem === 'tooLong' ? `数值“${valueText}”位数过多（最多 ${MAX_DECIMAL_DIGITS} 位数字）` : `数值“${valueText}”不是数字`, read.problem === 'tooLong' ? `value "${valueText}" has too many digits (at most ${MAX_DECIMAL_DIGITS})` : `value "${valueText}" is not a number`);
      else if (valueText && !accepts.value) issue('value', `指标 ${indicator.code}“${indicator.name}”为定性指标，应填写状态而非数值`, `indicator ${indicator.code} is qualitative: report a state, not a number`);
      else if (valueText) {
        // Ranges are rules of the plan (plan.yaml `validation`): per indicator, else for % units.
        const range = plan.meta.validation.ranges[String(indicator.code)] ?? (indicator.unit === '%' ? plan.meta.validation.percentRange : null);
        // Compared as exact decimals: 100.0000000000000000001 is a double equal to 100, but it is above 100.
        if (range && !decimalWithin(valueText, range.min, range.max))
          issue('value', `数值 ${valueText} 超出取值范围 ${range.min}–${range.max}`, `value ${valueText} is outside the range ${range.min}–${range.max}`);
      }
      if (stateText) {
        state = stateFromText(stateText);
        if (!state) issue('state', `未知的状态“${stateText}”，应为：${STATES.map((s) => s.zh).join('、')}`, `unknown state "${stateText}"`);
        else if (!accepts.state) issue('state', `指标 ${indicator.code} 为数值指标，应填写数值而非状态`, `indicator ${indicator.code} takes a number, not a state`);
      }
      if (kind === 'assigned') {
        if (!accepts.assigned) issue('kind', `指标 ${indicator.code} 的目标不是上级下达目标，不能填报上级下达目标值`, `indicator ${indicator.code} has no assigned target`);
        else if (!valueText) issue('value', '上级下达目标值须填写数值', 'an assigned target needs a number');
      } else if (!valueText && !stateText) issue('value', '须填写数值或状态', 'a value or a state is required');
      for (const part of checksText ? checksText.split(/[、,，;；\s]+/).filter(Boolean) : []) {
        const rule = ruleFromText(part);
        if (!rule || !accepts.checks.includes(rule as 'natureUnchanged'))
          issue('checks', `确认事项“${part}”不适用于指标 ${indicator.code}${accepts.checks.length ? `，可填：${accepts.checks.map((c) => RELATIVE_RULES.find((x) => x.code === c)!.zh).join('、')}` : ''}`, `check "${part}" does not apply to indicator ${indicator.code}`);
        else checks.push(rule);
      }
    }
    if (indicator && region && kind && issues.length === before) {
      const key = `${indicator.code}|${region.code}|${year}|${kind}`;
      const first = seen.get(key);
      if (first !== undefined) {
        issue('indicator', `与第 ${first} 行重复（同一指标、行政区、年份）`, `duplicates row ${first} (same indicator, region and year)`);
        continue;
      }
      seen.set(key, r.row);
      inputs.push({
        indicatorCode: indicator.code,
        regionCode: region.code,
        year,
        kind,
        valueText: valueText || null,
        state,
        checks,
        source,
        note: cell('note') || null,
        reason: cell('reason') || null,
      });
    }
  }
  return { inputs, issues };
}
