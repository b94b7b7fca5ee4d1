// A problem found in a plan folder: where (file, path inside it), what is wrong and what was expected, in
// Chinese and English. The folder reader adds line and column.
import type { z } from 'zod';

export interface PlanProblem {
  file: string;
  path: (string | number)[];
  message: string;
  messageEn: string;
  line?: number;
  column?: number;
}

export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(根 / root)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export function formatProblem(p: PlanProblem): string {
  const where = `${p.file}${p.line ? `:${p.line}:${p.column ?? 1}` : ''} ${formatPath(p.path)}`;
  return `${where}: ${p.message} / ${p.messageEn}`;
}

const FORMAT_HINTS: Record<string, [string, string]> = {
  decimal: ['十进制数字字符串，如 "18412.66"', 'a decimal number written as a string, e.g. "18412.66"'],
  investment: ['保留两位小数的投资额字符串（亿元），如 "136.64"', 'an investment in 亿元 with two decimals, as a string, e.g. "136.64"'],
  regionCode: ['6 位数字的行政区划代码（GB/T 2260）', 'a 6-digit administrative division code (GB/T 2260)'],
  yearMonth: ['年月 YYYY-MM，如 2021-12', 'a year and month YYYY-MM, e.g. 2021-12'],
  numeral: ['带括号的中文序号，如 (一)', 'a Chinese numeral in parentheses, e.g. (一)'],
};

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  boolean: '布尔值 true/false',
  object: '对象（映射）',
  array: '列表',
  null: '空值 null',
  undefined: '缺失',
};

function describeInput(input: unknown): string {
  if (input === undefined) return 'undefined';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

/** Turns zod issues into bilingual problems. */
export function problemsFromZod(file: string, error: z.ZodError): PlanProblem[] {
  return error.issues.map((issue): PlanProblem => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    switch (issue.code) {
      case 'invalid_type': {
        const got = describeInput((issue as { input?: unknown }).input);
        if (got === 'undefined')
          return { file, path, message: `缺少必填字段（期望${TYPE_ZH[issue.expected] ?? issue.expected}）`, messageEn: `required field is missing (expected ${issue.expected})` };
        return {
          file,
          path,
          message: `类型错误：期望${TYPE_ZH[issue.expected] ?? issue.expected}，实际为${TYPE_ZH[got] ?? got}`,
          messageEn: `wrong type: expected ${issue.expected}, got ${got}`,
        };
      }
      case 'unrecognized_keys':
        return {
          file,
          path,
          message: `未知字段：${issue.keys.join('、')}（请检查拼写，格式见 docs/plan-format.md）`,
          messageEn: `unknown field(s): ${issue.keys.join(', ')} (check the spelling; see docs/plan-format.md)`,
        };
      case 'invalid_value':
        return {
          file,
          path,
          message: `取值无效，期望以下之一：${issue.values.map(String).join('、')}`,
          messageEn: `invalid value, expected one of: ${issue.values.map(String).join(', ')}`,
        };
      case 'invalid_format': {
        const hint = FORMAT_HINTS[issue.message];
        if (hint) return { file, path, message: `格式错误：期望${hint[0]}`, messageEn: `wrong format: expected ${hint[1]}` };
        return { file, path, message: `格式错误（${issue.format}）`, messageEn: `wrong format (${issue.format})` };
      }
      case 'too_small':
        return {
          file,
          path,
          message: issue.origin === 'array' ? `至少需要 ${String(issue.minimum)} 项` : issue.origin === 'string' ? '不能为空' : `不能小于 ${String(issue.minimum)}`,
          messageEn: issue.origin === 'array' ? `needs at least ${String(issue.minimum)} item(s)` : issue.origin === 'string' ? 'must not be empty' : `must be at least ${String(issue.minimum)}`,
        };
      case 'too_big':
        return { file, path, message: `不能大于 ${String(issue.maximum)}`, messageEn: `must be at most ${String(issue.maximum)}` };
      default:
        return { file, path, message: `无效：${issue.message}`, messageEn: `invalid: ${issue.message}` };
    }
  });
}
