// A calculator: one pure computation (a national standard, a method) exposed with declared input and output
// schemas, so that `ecoplan calc <name>`, POST /api/v1/calc/<name>, validation and the OpenAPI document all
// come from one declaration.
import { z } from 'zod';
import { cstDate } from '../standards/editions.js';

/** What a calculation may depend on beyond its input: today's date (China Standard Time), for "the edition in force today". */
export interface CalcContext {
  today: string;
}

export interface Calculator<I = unknown, O = unknown> {
  /** URL and CLI name, e.g. "aqi" → `ecoplan calc aqi`, POST /api/v1/calc/aqi. */
  name: string;
  summary: { zh: string; en: string };
  /** Schema of one input object; unknown keys must be rejected (use z.strictObject). */
  input: z.ZodType<I>;
  output: z.ZodType<O>;
  /** Whether an array of inputs is accepted (answered with an array of results in the same order). */
  acceptsArray: boolean;
  /** Checks needing the context (e.g. which edition applies today); issues name their key, path relative to the object. */
  check?(input: I, ctx: CalcContext): CalcIssue[];
  run(input: I, ctx: CalcContext): O;
}

export function defineCalculator<I, O>(c: Calculator<I, O>): Calculator<I, O> {
  return c;
}

export interface CalcIssue {
  /** Where in the input, e.g. "[3].pm25_24h" or "baseline.value". */
  path: string;
  message: string;
  messageEn: string;
}

export type CalcResult = { ok: true; output: unknown } | { ok: false; issues: CalcIssue[] };

function pathText(path: readonly PropertyKey[], prefix: string): string {
  const text = prefix + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return text.startsWith('.') ? text.slice(1) : text;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/** Bilingual issues naming the key and the offending value. */
function issuesOf(error: z.ZodError, input: unknown, prefix: string): CalcIssue[] {
  return error.issues.map((i) => {
    const path = pathText(i.path, prefix) || '(输入 / input)';
    const value = valueAt(input, i.path);
    const shown = value === undefined ? '' : `（值 / value: ${JSON.stringify(value)}）`;
    if (i.code === 'unrecognized_keys')
      return { path, message: `未知的键：${i.keys.join('、')}`, messageEn: `unknown key(s): ${i.keys.join(', ')}` };
    if (i.code === 'invalid_type' && value === undefined)
      return { path, message: `缺少 ${path}`, messageEn: `${path} is required` };
    if (i.code === 'invalid_type')
      return { path, message: `${path} 类型错误${shown}，期望 ${i.expected}`, messageEn: `${path} has the wrong type ${shown}, expected ${i.expected}` };
    if (i.code === 'invalid_union')
      return { path, message: `${path} 类型错误${shown}，期望不小于 0 的数、null（缺测）或 "/"（不在监测计划内）`, messageEn: `${path} has the wrong type ${shown}, expected a number ≥ 0, null (missing) or "/" (not in the monitoring plan)` };
    if (i.code === 'too_small')
      return { path, message: `${path} 不能小于 ${String(i.minimum)}${shown}`, messageEn: `${path} must be at least ${String(i.minimum)} ${shown}` };
    return { path, message: `${path} 无效${shown}：${i.message}`, messageEn: `${path} is invalid ${shown}: ${i.message}` };
  });
}

const prefixed = (issues: CalcIssue[], prefix: string): CalcIssue[] => issues.map((i) => ({ ...i, path: prefix ? (i.path ? `${prefix}.${i.path}` : prefix) : i.path || '(输入 / input)' }));

/**
 * Validates and runs a calculator on parsed JSON: an object, or an array where the calculator accepts one.
 * `ctx.today` defaults to today's date in China Standard Time.
 */
export function runCalculator(calc: Calculator, input: unknown, ctx: CalcContext = { today: cstDate(Date.now()) }): CalcResult {
  if (Array.isArray(input)) {
    if (!calc.acceptsArray)
      return { ok: false, issues: [{ path: '(输入 / input)', message: '此计算只接受一个 JSON 对象', messageEn: 'this calculation takes one JSON object, not an array' }] };
    const issues: CalcIssue[] = [];
    const parsed: unknown[] = [];
    input.forEach((item, k) => {
      const r = calc.input.safeParse(item);
      if (!r.success) issues.push(...issuesOf(r.error, item, `[${k}]`));
      else {
        parsed.push(r.data);
        issues.push(...prefixed(calc.check?.(r.data, ctx) ?? [], `[${k}]`));
      }
    });
    if (issues.length) return { ok: false, issues };
    return { ok: true, output: parsed.map((p) => calc.run(p, ctx)) };
  }
  const r = calc.input.safeParse(input);
  if (!r.success) return { ok: false, issues: issuesOf(r.error, input, '') };
  const checked = prefixed(calc.check?.(r.data, ctx) ?? [], '');
  if (checked.length) return { ok: false, issues: checked };
  return { ok: true, output: calc.run(r.data, ctx) };
}
