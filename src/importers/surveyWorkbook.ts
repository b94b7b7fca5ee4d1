// The survey's workbooks: the results export (rates with their method, every response, free text as given) and
// the paper questionnaire template, read back all or nothing with each problem named by sheet, row and column.
import ExcelJS from 'exceljs';
import { COUNTY_TERM } from '../plan/views.js';
import type { Definition, Issue, Question } from '../survey/model.js';
import { validateAnswers, type Answers, type Response } from '../survey/model.js';
import type { Rate } from '../survey/rates.js';
import { percentText } from '../survey/rates.js';
import type { Results, ResultResponse } from '../survey/results.js';
import { cellText, columnLetter } from './cells.js';
import { openWorkbook } from './upload.js';

export const PAPER_SHEET = '纸质答卷';
const FIRST_ROW = 3;
const MAX_ROWS = 20000;

export interface CountyName {
  code: string;
  name: string;
  nameEn: string;
}

const MEASURE_NAMES = { satisfaction: ['满意度', 'satisfaction'], participation: ['参与度', 'participation'] } as const;

/** A rate's row: the measure named with the plan's indicator of it, when it has one. */
function rateRow(r: Rate, codes: Partial<Record<Rate['measure'], number | null>>, term: Term) {
  const code = codes[r.measure] ?? null;
  const [zh, en] = MEASURE_NAMES[r.measure];
  return [
    code === null ? `${zh} / ${en}` : `${zh}（指标 ${code}） / ${en} (indicator ${code})`,
    r.weighted ? `按${term.zh}人口加权 weighted` : '未加权 unweighted',
    r.respondents,
    r.counted,
    r.rate === null ? '' : Number(percentText(r.rate)),
    r.ci ? Number(percentText(r.ci.low)) : '',
    r.ci ? Number(percentText(r.ci.high)) : '',
    r.effectiveN === undefined ? '' : Number(r.effectiveN.toFixed(1)),
    r.designEffect === undefined ? '' : Number(r.designEffect.toFixed(3)),
  ];
}

/** How an answer reads in the export: option texts, a Likert point with its label, text exactly as given. */
function answerText(q: Question, a: Answers[string] | undefined): string {
  if (a === undefined) return '';
  if (q.type === 'text') return String(a);
  if (q.type === 'likert') return `${a} ${q.labels![Number(a) - 1]?.zh ?? ''}`.trim();
  const ids = Array.isArray(a) ? a : [String(a)];
  return ids.map((id) => q.options!.find((o) => o.id === id)?.text.zh ?? id).join('、');
}

/** What the plan's sub-regions are called (src/plan/views.ts subRegionTerm): a city's counties, a county's towns. */
export interface Term {
  zh: string;
  en: string;
}

export async function buildResultsWorkbook(p: { title: string; year: number; method: string[]; results: Results; responses: ResultResponse[]; versions: ReadonlyMap<number, Definition>; current: Definition; counties: CountyName[]; term?: Term; codes?: Partial<Record<Rate['measure'], number | null>> }): Promise<Buffer> {
  const term = p.term ?? COUNTY_TERM;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ecoplan';
  const countyName = (c: string | null) => (c === null ? '' : (p.counties.find((x) => x.code === c)?.name ?? c));
  const s = wb.addWorksheet('结果 Results');
  s.addRow([p.title]).font = { bold: true, size: 13 };
  s.addRow([`调查年度 Year: ${p.year}`, `答卷 Responses: ${p.results.total}`, `网上 web: ${p.results.byChannel.web}`, `纸质 paper: ${p.results.byChannel.paper}`]);
  s.addRow([]);
  s.addRow(['指标 Indicator', '口径 Basis', '有效答卷 Respondents', '计入 Counted', '比率 Rate (%)', '95% 下限 CI low (%)', '95% 上限 CI high (%)', '有效样本量 n_eff', '设计效应 Deff']).font = { bold: true };
  for (const r of Object.values(p.results.rates)) s.addRow(rateRow(r, p.codes ?? {}, term));
  if (p.results.weightedRates) for (const r of Object.values(p.results.weightedRates)) s.addRow(rateRow(r, p.codes ?? {}, term));
  s.addRow([]);
  s.addRow([`${term.zh} ${term.en}`, '答卷 Responses']).font = { bold: true };
  for (const c of p.results.byCounty) s.addRow([c.county === null ? '未填 none' : `${countyName(c.county)} ${c.county}`, c.responses]);
  s.addRow([]);
  s.addRow(['日期 Day (CST)', '答卷 Responses']).font = { bold: true };
  for (const d of p.results.byDay) s.addRow([d.day, d.responses]);
  s.getColumn(1).width = 34;
  for (let c = 2; c <= 9; c++) s.getColumn(c).width = 16;

  const r = wb.addWorksheet('答卷 Responses');
  const qs = p.current.questions;
  r.addRow(['编号 ID', '版本 Version', '渠道 Channel', '日期 Day', `${term.zh} ${term.en}`, ...qs.map((q) => `${q.id} ${q.text.zh}`)]).font = { bold: true };
  for (const x of p.responses) {
    const def = p.versions.get(x.version)!;
    // Each answer is read with its own version's question (same key), so an old version's answers keep their labels.
    r.addRow([x.id, x.version, x.channel === 'web' ? '网上 web' : '纸质 paper', x.day, countyName(x.county), ...qs.map((q) => answerText(def.questions.find((d) => d.id === q.id) ?? q, x.answers[q.id]))]);
  }
  r.views = [{ state: 'frozen', ySplit: 1 }];

  const m = wb.addWorksheet('方法 Method');
  for (const line of p.method) m.addRow([line]);
  m.getColumn(1).width = 120;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The columns of the paper sheet: the sub-region (when asked; its key stays `county`), day, then one per question. */
function paperColumns(def: Definition, term: Term) {
  return [...(def.askCounty ? [{ key: 'county', zh: term.zh, en: term.en }] : []), { key: 'day', zh: '填写日期', en: 'day (YYYY-MM-DD)' }, ...def.questions.map((q) => ({ key: `q.${q.id}`, zh: q.text.zh, en: q.id }))];
}

export async function buildPaperTemplate(def: Definition, counties: CountyName[], term: Term = COUNTY_TERM): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const cols = paperColumns(def, term);
  const s = wb.addWorksheet(PAPER_SHEET);
  s.addRow(cols.map((c) => c.zh)).font = { bold: true };
  s.addRow(cols.map((c) => c.key)).font = { color: { argb: 'FF777777' } };
  cols.forEach((_, k) => (s.getColumn(k + 1).width = k < 2 ? 16 : 24));
  s.views = [{ state: 'frozen', ySplit: 2 }];
  const h = wb.addWorksheet('填写说明');
  h.addRow(['每份纸质问卷填一行（自第 3 行起）；第 2 行为列代码，请勿修改。One row per paper questionnaire from row 3; row 2 holds the column keys: keep it.']);
  h.addRow(['整份文件无误才会导入；有任何问题则不导入任何一行，并列出工作表、行、列和原因。The file imports only when every row is valid.']);
  if (def.askCounty) h.addRow([`${term.zh}填名称或代码 ${term.en}, name or code: ${counties.map((c) => `${c.name} ${c.code}`).join('；')}`]);
  for (const q of def.questions) {
    const how =
      q.type === 'likert'
        ? `填 1–${q.points}：${q.labels!.map((l, k) => `${k + 1}=${l.zh}`).join('，')}`
        : q.type === 'text'
          ? `照录原文（至多 ${q.maxLength} 字）`
          : `填选项代码或选项文字${q.type === 'multiple' ? '，多个用“、”或逗号分隔' : ''}：${q.options!.map((o) => `${o.id}=${o.text.zh}`).join('，')}`;
    h.addRow([`q.${q.id}（${q.text.zh}）${q.required ? '必答' : '选答'}：${how}`]);
  }
  h.getColumn(1).width = 140;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface PaperProblem {
  sheet: string | null;
  row: number | null;
  column: string | null;
  field: string | null;
  message: string;
  messageEn: string;
}

/** Reads a filled paper template: every row becomes a response, or nothing does and every problem is listed. */
export async function readPaperWorkbook(bytes: Buffer, fileName: string, def: Definition, counties: CountyName[], term: Term = COUNTY_TERM): Promise<{ rows: { response: Response; day: string }[]; problems: PaperProblem[] }> {
  const opened = await openWorkbook(bytes, fileName);
  if (!opened.wb) return { rows: [], problems: [{ sheet: null, row: null, column: null, field: null, ...opened.problem }] };
  const ws = opened.wb.getWorksheet(PAPER_SHEET);
  if (!ws) return { rows: [], problems: [{ sheet: null, row: null, column: null, field: null, message: `${fileName}：找不到工作表“${PAPER_SHEET}”；请使用本问卷当前版本的纸质答卷模板`, messageEn: `${fileName}: no sheet "${PAPER_SHEET}"; use the paper template of the questionnaire's current version` }] };
  const cols = paperColumns(def, term);
  const problems: PaperProblem[] = [];
  const keys = ws.getRow(2);
  cols.forEach((c, k) => {
    const got = cellText(keys.getCell(k + 1).value).trim();
    if (got !== c.key) problems.push({ sheet: PAPER_SHEET, row: 2, column: columnLetter(k + 1), field: c.key, message: `第 2 行 ${columnLetter(k + 1)} 列应为列代码“${c.key}”，实为“${got}”：模板不是本问卷当前版本的`, messageEn: `row 2 column ${columnLetter(k + 1)} should hold the key "${c.key}", found "${got}": not this questionnaire's current template` });
  });
  if (problems.length) return { rows: [], problems };
  if (ws.rowCount - FIRST_ROW + 1 > MAX_ROWS) return { rows: [], problems: [{ sheet: PAPER_SHEET, row: null, column: null, field: null, message: `行数过多（上限 ${MAX_ROWS}）`, messageEn: `too many rows (at most ${MAX_ROWS})` }] };
  const rows: { response: Response; day: string }[] = [];
  const colOf = new Map(cols.map((c, k) => [c.key, columnLetter(k + 1)]));
  for (let r = FIRST_ROW; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells = cols.map((_, k) => cellText(row.getCell(k + 1).value).trim());
    if (cells.every((c) => c === '')) continue;
    const at = (key: string, message: string, messageEn: string) => problems.push({ sheet: PAPER_SHEET, row: r, column: colOf.get(key) ?? null, field: key, message: `工作表“${PAPER_SHEET}”第 ${r} 行 ${colOf.get(key) ?? ''} 列：${message}`, messageEn: `sheet "${PAPER_SHEET}" row ${r} column ${colOf.get(key) ?? ''}: ${messageEn}` });
    const value = (key: string) => cells[cols.findIndex((c) => c.key === key)] ?? '';
    const day = value('day');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) at('day', `填写日期“${day}”无效，应为 YYYY-MM-DD`, `invalid day "${day}" (YYYY-MM-DD)`);
    let county: string | undefined;
    if (def.askCounty) {
      const c = value('county');
      county = counties.find((x) => x.code === c || x.name === c)?.code ?? c;
    }
    const answers: Record<string, unknown> = {};
    for (const q of def.questions) {
      const v = value(`q.${q.id}`);
      if (v === '') continue;
      if (q.type === 'text') answers[q.id] = cellText(row.getCell(cols.findIndex((c) => c.key === `q.${q.id}`) + 1).value); // as written, untrimmed
      else if (q.type === 'likert') answers[q.id] = v;
      else {
        const byText = (t: string) => q.options!.find((o) => o.id === t || o.text.zh === t)?.id ?? t;
        // An option's own text may hold a separator (绿色出行（公交、骑行、步行）): such texts become their keys first.
        let cell = v;
        for (const o of q.options!) if (/[、,，;；]/.test(o.text.zh)) cell = cell.split(o.text.zh).join(o.id);
        answers[q.id] = q.type === 'multiple' ? cell.split(/[、,，;；]\s*/).filter(Boolean).map(byText) : byText(cell);
      }
    }
    const checked = validateAnswers(def, counties.map((c) => c.code), { county, answers }, term);
    if (!checked.ok) for (const i of checked.issues as Issue[]) at(i.path === 'county' ? 'county' : `q.${i.path.replace(/^answers\./, '')}`, i.message, i.messageEn);
    else rows.push({ response: checked.response, day });
  }
  if (!problems.length && !rows.length) problems.push({ sheet: PAPER_SHEET, row: FIRST_ROW, column: null, field: null, message: `工作表“${PAPER_SHEET}”自第 ${FIRST_ROW} 行起没有答卷`, messageEn: `sheet "${PAPER_SHEET}" has no responses from row ${FIRST_ROW}` });
  return { rows: problems.length ? [] : rows, problems };
}
