// The public survey's questionnaire: its definition (questions in Chinese and English), the checks a definition must
// pass before it is saved, the changes a version with responses may still take, and the checks of one respondent's
// answers. Pure: no I/O. docs/survey.md describes the rules; docs/methods/survey.md the rates computed from answers.
import { COUNTY_TERM } from '../plan/views.js';

export interface Bilingual {
  zh: string;
  en: string;
}

export type QuestionType = 'single' | 'multiple' | 'likert' | 'text';
/** What a question measures for the plan: satisfaction or participation (the plan's indicators of these measures). */
export type Measure = 'satisfaction' | 'participation';

export interface Option {
  /** Stable key of the option (answers and exports name it), [a-z0-9_], unique within its question. */
  id: string;
  text: Bilingual;
  /** For a question that measures something: choosing this option counts as satisfied / participating. */
  counts?: boolean;
}

export interface Question {
  /** Stable key of the question, [a-z0-9_], unique within the questionnaire. */
  id: string;
  type: QuestionType;
  text: Bilingual;
  required: boolean;
  /** single / multiple: the choices. */
  options?: Option[];
  /** likert: number of points (3–7), their labels from the lowest to the highest. */
  points?: number;
  labels?: Bilingual[];
  /** likert measuring satisfaction: points from this one (1-based) up count as satisfied. */
  countsFrom?: number;
  /** text: the longest answer accepted, in characters (default and ceiling 2,000). */
  maxLength?: number;
  measures?: Measure;
}

export interface Definition {
  title: Bilingual;
  intro: Bilingual;
  /** The respondent names their county (one of the plan's county-level regions); required when asked. */
  askCounty: boolean;
  questions: Question[];
}

export interface Issue {
  path: string;
  message: string;
  messageEn: string;
}

export const MAX_TEXT_ANSWER = 2000;
export const MAX_QUESTIONS = 60;
const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const TYPES: readonly QuestionType[] = ['single', 'multiple', 'likert', 'text'];
const TYPE_NAMES: Record<QuestionType, [string, string]> = { single: ['单选题', 'single choice'], multiple: ['多选题', 'multiple choice'], likert: ['量表题', 'Likert scale'], text: ['填空题', 'free text'] };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function checkBilingual(x: unknown, path: string, name: [string, string], max: number, issues: Issue[], optional = false): Bilingual {
  if (!isObject(x)) {
    issues.push({ path, message: `${name[0]}须有中文（zh）和英文（en）文本`, messageEn: `${name[1]} needs a Chinese (zh) and an English (en) text` });
    return { zh: '', en: '' };
  }
  const out = { zh: '', en: '' };
  for (const lang of ['zh', 'en'] as const) {
    const v = x[lang];
    if (typeof v !== 'string' || (!optional && v.trim() === '')) {
      issues.push({ path: `${path}.${lang}`, message: `${name[0]}缺少${lang === 'zh' ? '中文' : '英文'}文本`, messageEn: `${name[1]} lacks its ${lang === 'zh' ? 'Chinese' : 'English'} text` });
      continue;
    }
    if (v.length > max) issues.push({ path: `${path}.${lang}`, message: `${name[0]}过长（${v.length} 字，上限 ${max}）`, messageEn: `${name[1]} is too long (${v.length} characters, at most ${max})` });
    out[lang] = v.trim();
  }
  return out;
}

/**
 * Checks a questionnaire definition as a designer sends it and returns it normalised (texts trimmed, defaults
 * filled), or every problem found, each naming its path (questions[2].options[1].id) in Chinese and English.
 */
export function validateDefinition(input: unknown): { ok: true; definition: Definition } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  if (!isObject(input)) return { ok: false, issues: [{ path: '', message: '问卷定义须为对象', messageEn: 'the definition must be an object' }] };
  const title = checkBilingual(input.title, 'title', ['问卷标题', 'the title'], 200, issues);
  const intro = checkBilingual(input.intro ?? { zh: '', en: '' }, 'intro', ['问卷说明', 'the introduction'], 2000, issues, true);
  const askCounty = input.askCounty === undefined ? true : input.askCounty;
  if (typeof askCounty !== 'boolean') issues.push({ path: 'askCounty', message: 'askCounty 须为 true 或 false', messageEn: 'askCounty must be true or false' });
  const rawQuestions = input.questions;
  const questions: Question[] = [];
  if (!Array.isArray(rawQuestions) || rawQuestions.length === 0) issues.push({ path: 'questions', message: '问卷至少需要一道题', messageEn: 'a questionnaire needs at least one question' });
  else if (rawQuestions.length > MAX_QUESTIONS) issues.push({ path: 'questions', message: `题目过多（${rawQuestions.length} 道，上限 ${MAX_QUESTIONS}）`, messageEn: `too many questions (${rawQuestions.length}, at most ${MAX_QUESTIONS})` });
  else {
    const seen = new Set<string>();
    const measured = new Map<Measure, string>();
    rawQuestions.forEach((raw, k) => {
      const at = `questions[${k}]`;
      const n = k + 1;
      if (!isObject(raw)) {
        issues.push({ path: at, message: `第 ${n} 题须为对象`, messageEn: `question ${n} must be an object` });
        return;
      }
      const id = raw.id;
      if (typeof id !== 'string' || !KEY.test(id)) issues.push({ path: `${at}.id`, message: `第 ${n} 题的编号“${String(id ?? '')}”无效：须以小写字母开头，只含小写字母、数字和下划线，至多 40 个字符`, messageEn: `question ${n}: invalid key "${String(id ?? '')}" (a lower-case letter first, then lower-case letters, digits or _, at most 40)` });
      else if (seen.has(id)) issues.push({ path: `${at}.id`, message: `第 ${n} 题的编号“${id}”与前面的题重复`, messageEn: `question ${n}: key "${id}" is used by an earlier question` });
      else seen.add(id);
      const type = raw.type as QuestionType;
      if (!TYPES.includes(type)) {
        issues.push({ path: `${at}.type`, message: `第 ${n} 题的题型“${String(raw.type)}”无效，应为 single（单选）、multiple（多选）、likert（量表）或 text（填空）`, messageEn: `question ${n}: unknown type "${String(raw.type)}" (single, multiple, likert or text)` });
        return;
      }
      const [tz, te] = TYPE_NAMES[type];
      const text = checkBilingual(raw.text, `${at}.text`, [`第 ${n} 题题干`, `question ${n}`], 500, issues);
      const required = raw.required === undefined ? true : raw.required;
      if (typeof required !== 'boolean') issues.push({ path: `${at}.required`, message: `第 ${n} 题的 required 须为 true 或 false`, messageEn: `question ${n}: required must be true or false` });
      const q: Question = { id: String(id), type, text, required: required === true };
      const measures = raw.measures;
      if (measures !== undefined && measures !== null) {
        if (measures !== 'satisfaction' && measures !== 'participation') issues.push({ path: `${at}.measures`, message: `第 ${n} 题的 measures 应为 satisfaction（满意度）或 participation（参与度）`, messageEn: `question ${n}: measures must be satisfaction or participation` });
        else {
          const okType = measures === 'satisfaction' ? type === 'likert' || type === 'single' : type === 'single' || type === 'multiple';
          if (!okType)
            issues.push({ path: `${at}.measures`, message: measures === 'satisfaction' ? `第 ${n} 题（${tz}）不能度量满意度：须为量表题或单选题` : `第 ${n} 题（${tz}）不能度量参与度：须为单选题或多选题`, messageEn: measures === 'satisfaction' ? `question ${n} (${te}) cannot measure satisfaction: use a Likert or single-choice question` : `question ${n} (${te}) cannot measure participation: use a single- or multiple-choice question` });
          else if (measured.has(measures)) issues.push({ path: `${at}.measures`, message: `第 ${n} 题与编号“${measured.get(measures)}”的题都度量${measures === 'satisfaction' ? '满意度' : '参与度'}：每份问卷只能有一道`, messageEn: `question ${n} and "${measured.get(measures)}" both measure ${measures}: one question per measure` });
          else {
            measured.set(measures, q.id);
            q.measures = measures;
          }
        }
      }
      if (type === 'single' || type === 'multiple') {
        const opts = raw.options;
        if (!Array.isArray(opts) || opts.length < 2 || opts.length > 20) {
          issues.push({ path: `${at}.options`, message: `第 ${n} 题（${tz}）须有 2–20 个选项`, messageEn: `question ${n} (${te}) needs 2–20 options` });
        } else {
          const ids = new Set<string>();
          q.options = opts.map((o, j) => {
            const op = `${at}.options[${j}]`;
            const oid = isObject(o) ? o.id : undefined;
            if (typeof oid !== 'string' || !KEY.test(oid)) issues.push({ path: `${op}.id`, message: `第 ${n} 题第 ${j + 1} 个选项的编号“${String(oid ?? '')}”无效（小写字母开头，只含小写字母、数字和下划线）`, messageEn: `question ${n}, option ${j + 1}: invalid key "${String(oid ?? '')}"` });
            else if (ids.has(oid)) issues.push({ path: `${op}.id`, message: `第 ${n} 题第 ${j + 1} 个选项的编号“${oid}”重复`, messageEn: `question ${n}, option ${j + 1}: key "${oid}" is repeated` });
            else ids.add(oid);
            const otext = checkBilingual(isObject(o) ? o.text : undefined, `${op}.text`, [`第 ${n} 题第 ${j + 1} 个选项`, `question ${n}, option ${j + 1}`], 200, issues);
            const counts = isObject(o) && o.counts === true;
            return counts ? { id: String(oid), text: otext, counts } : { id: String(oid), text: otext };
          });
          if (q.measures && !q.options.some((o) => o.counts))
            issues.push({ path: `${at}.options`, message: `第 ${n} 题度量${q.measures === 'satisfaction' ? '满意度' : '参与度'}，须至少标出一个计为${q.measures === 'satisfaction' ? '“满意”' : '“参与”'}的选项（counts）`, messageEn: `question ${n} measures ${q.measures}: mark at least one option that counts (counts: true)` });
          if (q.measures && q.options.every((o) => o.counts))
            issues.push({ path: `${at}.options`, message: `第 ${n} 题的选项全部计为${q.measures === 'satisfaction' ? '“满意”' : '“参与”'}，比率将恒为 100%：至少一个选项不应计入`, messageEn: `question ${n}: every option counts, so the rate would always be 100 %; at least one must not` });
        }
      }
      if (type === 'likert') {
        const points = raw.points ?? 5;
        if (typeof points !== 'number' || !Number.isInteger(points) || points < 3 || points > 7) issues.push({ path: `${at}.points`, message: `第 ${n} 题（量表题）的级数须为 3–7 的整数`, messageEn: `question ${n} (Likert): points must be an integer from 3 to 7` });
        else {
          q.points = points;
          const labels = raw.labels;
          if (!Array.isArray(labels) || labels.length !== points) issues.push({ path: `${at}.labels`, message: `第 ${n} 题（量表题）须有 ${points} 个级别标签（从低到高）`, messageEn: `question ${n} (Likert) needs ${points} labels, lowest first` });
          else q.labels = labels.map((l, j) => checkBilingual(l, `${at}.labels[${j}]`, [`第 ${n} 题第 ${j + 1} 级标签`, `question ${n}, label ${j + 1}`], 100, issues));
          if (q.measures === 'satisfaction') {
            const from = raw.countsFrom;
            if (typeof from !== 'number' || !Number.isInteger(from) || from < 2 || from > points)
              issues.push({ path: `${at}.countsFrom`, message: `第 ${n} 题度量满意度，须指定从第几级起计为“满意”（countsFrom，2–${points}）`, messageEn: `question ${n} measures satisfaction: say from which point up answers count as satisfied (countsFrom, 2–${points})` });
            else q.countsFrom = from;
          }
        }
      }
      if (type === 'text') {
        const max = raw.maxLength ?? MAX_TEXT_ANSWER;
        if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > MAX_TEXT_ANSWER) issues.push({ path: `${at}.maxLength`, message: `第 ${n} 题（填空题）的字数上限须为 1–${MAX_TEXT_ANSWER}`, messageEn: `question ${n} (free text): maxLength must be 1–${MAX_TEXT_ANSWER}` });
        else q.maxLength = max;
      }
      questions.push(q);
    });
  }
  if (issues.length) return { ok: false, issues };
  return { ok: true, definition: { title, intro, askCounty: askCounty === true, questions } };
}

/** The structure that answers depend on: everything except wording. */
function structure(d: Definition) {
  return {
    askCounty: d.askCounty,
    questions: d.questions.map((q) => ({ id: q.id, type: q.type, required: q.required, measures: q.measures ?? null, points: q.points ?? null, countsFrom: q.countsFrom ?? null, maxLength: q.maxLength ?? null, options: q.options?.map((o) => ({ id: o.id, counts: o.counts === true })) ?? null })),
  };
}

/**
 * What a change from `before` to `after` would break in the results of answers already given to `before`: an empty
 * list when only wording changed (titles, question and option texts, labels), else one bilingual reason per change.
 * Such a change needs a new version (answers keep the version they were given to).
 */
export function breakingChanges(before: Definition, after: Definition): Issue[] {
  const a = structure(before);
  const b = structure(after);
  const out: Issue[] = [];
  if (a.askCounty !== b.askCounty) out.push({ path: 'askCounty', message: '不能更改是否填写所在县（区）', messageEn: 'whether the county is asked cannot change' });
  const ids = (s: typeof a) => s.questions.map((q) => q.id).join(',');
  if (ids(a) !== ids(b)) {
    out.push({ path: 'questions', message: `题目的增删或顺序不能更改（原为 ${ids(a)}，现为 ${ids(b)}）`, messageEn: `questions cannot be added, removed or reordered (was ${ids(a)}, now ${ids(b)})` });
    return out;
  }
  a.questions.forEach((qa, k) => {
    const qb = b.questions[k]!;
    for (const field of ['type', 'required', 'measures', 'points', 'countsFrom', 'maxLength'] as const)
      if (qa[field] !== qb[field]) out.push({ path: `questions[${k}].${field}`, message: `第 ${k + 1} 题（${qa.id}）的 ${field} 不能更改（${String(qa[field])} → ${String(qb[field])}）`, messageEn: `question ${k + 1} (${qa.id}): ${field} cannot change (${String(qa[field])} → ${String(qb[field])})` });
    if (JSON.stringify(qa.options) !== JSON.stringify(qb.options)) out.push({ path: `questions[${k}].options`, message: `第 ${k + 1} 题（${qa.id}）的选项编号、顺序或计数标记不能更改`, messageEn: `question ${k + 1} (${qa.id}): option keys, their order and counts flags cannot change` });
  });
  return out;
}

/** One respondent's answers, by question key: an option key, option keys, a Likert point 1…points, or text. */
export type Answers = Record<string, string | string[] | number>;

export interface Response {
  county: string | null;
  answers: Answers;
}

/**
 * Checks one respondent's answers against a version of the questionnaire. `counties` are the county codes a
 * respondent may name. Text answers are kept exactly as given (no trimming, no escaping: they are escaped where shown).
 */
export function validateAnswers(def: Definition, counties: readonly string[], input: { county?: unknown; answers?: unknown }, term: { zh: string; en: string } = COUNTY_TERM): { ok: true; response: Response } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  let county: string | null = null;
  if (def.askCounty) {
    if (typeof input.county !== 'string' || input.county === '') issues.push({ path: 'county', message: `请选择所在${term.zh}`, messageEn: `choose your ${term.en}` });
    else if (!counties.includes(input.county)) issues.push({ path: 'county', message: `所在${term.zh}代码“${input.county}”不在本规划范围内`, messageEn: `${term.en} code "${input.county}" is not one of the plan's` });
    else county = input.county;
  }
  const given = isObject(input.answers) ? input.answers : {};
  if (input.answers !== undefined && !isObject(input.answers)) issues.push({ path: 'answers', message: 'answers 须为对象', messageEn: 'answers must be an object' });
  const known = new Set(def.questions.map((q) => q.id));
  for (const key of Object.keys(given)) if (!known.has(key)) issues.push({ path: `answers.${key}`, message: `没有编号为“${key}”的题`, messageEn: `no question "${key}"` });
  const answers: Answers = {};
  def.questions.forEach((q, k) => {
    const n = k + 1;
    const path = `answers.${q.id}`;
    let v = given[q.id];
    // An empty field (an unchosen radio group, an empty box, no box ticked) is no answer.
    if (v === '' || v === null || (Array.isArray(v) && v.length === 0)) v = undefined;
    if (v === undefined) {
      if (q.required) issues.push({ path, message: `第 ${n} 题为必答题：${q.text.zh}`, messageEn: `question ${n} is required: ${q.text.en}` });
      return;
    }
    const optionIds = q.options?.map((o) => o.id) ?? [];
    if (q.type === 'single') {
      if (typeof v !== 'string' || !optionIds.includes(v)) issues.push({ path, message: `第 ${n} 题的选项“${String(v)}”不存在`, messageEn: `question ${n}: no option "${String(v)}"` });
      else answers[q.id] = v;
    } else if (q.type === 'multiple') {
      const list = typeof v === 'string' ? [v] : v;
      const unknown = Array.isArray(list) ? list.filter((x) => typeof x !== 'string' || !optionIds.includes(x)).map(String) : [];
      if (!Array.isArray(list) || unknown.length) issues.push({ path, message: `第 ${n} 题含不存在的选项${unknown.map((u) => `“${u}”`).join('、')}`, messageEn: `question ${n}: no option ${unknown.map((u) => `"${u}"`).join(', ')}` });
      else if (new Set(list).size !== list.length) issues.push({ path, message: `第 ${n} 题的选项重复`, messageEn: `question ${n}: an option is chosen twice` });
      // Kept in the questionnaire's order, so the same choices are the same answer.
      else answers[q.id] = optionIds.filter((o) => (list as string[]).includes(o));
    } else if (q.type === 'likert') {
      const p = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
      if (!Number.isInteger(p) || p < 1 || p > q.points!) issues.push({ path, message: `第 ${n} 题的级别须为 1–${q.points} 的整数`, messageEn: `question ${n}: the point must be an integer from 1 to ${q.points}` });
      else answers[q.id] = p;
    } else {
      if (typeof v !== 'string') issues.push({ path, message: `第 ${n} 题须为文本`, messageEn: `question ${n} must be text` });
      else if ([...v].length > (q.maxLength ?? MAX_TEXT_ANSWER)) issues.push({ path, message: `第 ${n} 题的回答过长（${[...v].length} 字，上限 ${q.maxLength ?? MAX_TEXT_ANSWER}）`, messageEn: `question ${n}: the answer is too long (${[...v].length} characters, at most ${q.maxLength ?? MAX_TEXT_ANSWER})` });
      else if (q.required && v.trim() === '') issues.push({ path, message: `第 ${n} 题为必答题：${q.text.zh}`, messageEn: `question ${n} is required: ${q.text.en}` });
      else answers[q.id] = v;
    }
  });
  if (issues.length) return { ok: false, issues };
  return { ok: true, response: { county, answers } };
}

/** A canonical text of a response (keys in questionnaire order), for duplicate detection. */
export function canonicalResponse(def: Definition, r: Response): string {
  return JSON.stringify([r.county, def.questions.map((q) => r.answers[q.id] ?? null)]);
}

/** A ready-made questionnaire for indicators 44 and 45, which a reviewer adapts in the designer; its title names the
 *  plan's region when given. */
export function starterDefinition(region?: { name: string; nameEn: string }): Definition {
  const satisfaction: Bilingual[] = [
    { zh: '不满意', en: 'Dissatisfied' },
    { zh: '不太满意', en: 'Somewhat dissatisfied' },
    { zh: '一般', en: 'Neutral' },
    { zh: '比较满意', en: 'Fairly satisfied' },
    { zh: '满意', en: 'Satisfied' },
  ];
  return {
    title: {
      zh: `${region?.name ?? ''}生态文明建设公众满意度与参与度调查`,
      en: `${region ? `${region.nameEn} public survey` : 'Public survey'} on ecological civilization: satisfaction and participation`,
    },
    intro: { zh: '本调查匿名进行，不收集姓名、电话等个人信息。', en: 'This survey is anonymous: no name, telephone or other personal data is collected.' },
    askCounty: true,
    questions: [
      { id: 'satisfaction', type: 'likert', text: { zh: '您对本地生态文明建设的总体满意程度如何？', en: 'Overall, how satisfied are you with ecological civilization construction where you live?' }, required: true, points: 5, labels: satisfaction, countsFrom: 4, measures: 'satisfaction' },
      {
        id: 'participation',
        type: 'multiple',
        text: { zh: '过去一年您参与过以下哪些生态环保活动？', en: 'In the past year, which of these environmental activities did you take part in?' },
        required: true,
        measures: 'participation',
        options: [
          { id: 'sorting', text: { zh: '垃圾分类', en: 'Waste sorting' }, counts: true },
          { id: 'planting', text: { zh: '植树、护林等志愿活动', en: 'Tree planting or other volunteering' }, counts: true },
          { id: 'green_travel', text: { zh: '绿色出行（公交、骑行、步行）', en: 'Green travel (bus, cycling, walking)' }, counts: true },
          { id: 'reporting', text: { zh: '举报或反映环境问题', en: 'Reporting an environmental problem' }, counts: true },
          { id: 'none', text: { zh: '以上都没有', en: 'None of these' } },
        ],
      },
      { id: 'suggestions', type: 'text', text: { zh: '您对生态文明建设有什么意见或建议？', en: 'Any comments or suggestions?' }, required: false, maxLength: 2000 },
    ],
  };
}
