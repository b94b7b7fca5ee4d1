// A calculator: one pure computation (a national standard, a method) exposed with declared input and output
// schemas, so that `ecoplan calc <name>`, POST /api/v1/calc/<name>, validation and the OpenAPI document all
// come from one declaration.
import { z } from 'zod';

export interface Calculator<I = unknown, O = unknown> {
  /** URL and CLI name, e.g. "aqi" → `ecoplan calc aqi`, POST /api/v1/calc/aqi. */
  name: string;
  summary: { zh: string; en: string };
  /** Schema of one input object; unknown keys must be rejected (use z.strictObject). */
  input: z.ZodType<I>;
  output: z.ZodType<O>;
  /** Whether an array of inputs is accepted (answered with an array of results in the same order). */
  acceptsArray: boolean;
  run(input: I): O;
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
    if (i.code === 'too_small')
      return { path, message: `${path} 不能小于 ${String(i.minimum)}${shown}`, messageEn: `${path} must be at least ${String(i.minimum)} ${shown}` };
    return { path, message: `${path} 无效${shown}：${i.message}`, messageEn: `${path} is invalid ${shown}: ${i.message}` };
  });
}

/** Validates and runs a calculator on parsed JSON: an object, or an array where the calculator accepts one. */
export function runCalculator(calc: Calculator, input: unknown): CalcResult {
  if (Array.isArray(input)) {
    if (!calc.acceptsArray)
      return { ok: false, issues: [{ path: '(输入 / input)', message: '此计算只接受一个 JSON 对象', messageEn: 'this calculation takes one JSON object, not an array' }] };
    const issues: CalcIssue[] = [];
    const parsed: unknown[] = [];
    input.forEach((item, k) => {
      const r = calc.input.safeParse(item);
      if (r.success) parsed.push(r.data);
      else issues.push(...issuesOf(r.error, item, `[${k}]`));
    });
    if (issues.length) return { ok: false, issues };
    return { ok: true, output: parsed.map((p) => calc.run(p)) };
  }
  const r = calc.input.safeParse(input);
  if (!r.success) return { ok: false, issues: issuesOf(r.error, input, '') };
  return { ok: true, output: calc.run(r.data) };
}
