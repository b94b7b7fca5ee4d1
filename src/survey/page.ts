// The public questionnaire pages, rendered on the server in the portal's frame (renderPortalPage: header, language
// and large-text switches, navigation, footer): readable, and answerable as far as the server can check, without
// JavaScript; the script only adds the proof-of-work before submitting. A refused form comes back as the same page
// with the respondent's answers in it and each reason next to its field. Every text from the database is escaped.
import { esc, PageContext, parsePagePath, renderPortalPage, variantPrefix, type PortalVariant } from '../portal/layout.js';
import type { Bilingual, Definition, Issue, Question } from './model.js';
import type { SubRegionTerm } from '../plan/views.js';

export { esc };

/** Where a survey page is shown: its variant (language, text size) and the portal's name. */
export interface SurveyFrame {
  variant: PortalVariant;
  site: { name: string; nameEn: string; subRegions?: SubRegionTerm };
}

/** The variant of a survey URL: "/en/survey/…" is English, "/large/survey/…" large text. */
export const variantOfUrl = (url: string): PortalVariant => parsePagePath(url.split('?')[0]!.replace(/^\//, '')).variant;

/** The survey's base path in a variant: "/survey/", "/en/survey/", "/large/en/survey/". */
export const surveyBase = (v: PortalVariant) => `/${variantPrefix(v)}survey/`;

/** The page's language first; the other one after it on a smaller line, when there is one. */
function both(ctx: PageContext, t: Bilingual, tag = 'span'): string {
  const [first, second] = ctx.lang === 'en' && t.en ? [t.en, t.zh] : [t.zh, t.en];
  const secondLang = ctx.lang === 'en' && t.en ? 'zh-CN' : 'en';
  return `${esc(first)}${second ? ` <${tag} class="other" lang="${secondLang}">${esc(second)}</${tag}>` : ''}`;
}
const bi = (ctx: PageContext, zh: string, en: string, tag = 'span') => both(ctx, { zh, en }, tag);

function frame(f: SurveyFrame, route: string, title: Bilingual, body: string): string {
  const ctx = new PageContext(f.variant, route, true);
  return renderPortalPage({
    ctx,
    title: ctx.lang === 'en' && title.en ? title.en : title.zh,
    body: `<div class="survey">${body}</div>`,
    current: 'survey',
    site: {
      name: f.site.name,
      nameEn: f.site.nameEn,
      subRegions: f.site.subRegions,
      footer: `<p>${bi(ctx, '匿名调查，不收集个人信息。', 'Anonymous: no personal data is collected.')}</p><p><a href="${esc(ctx.page('about.html'))}">${esc(ctx.t('关于本站与无障碍声明', 'About this site and accessibility'))}</a></p>`,
    },
  });
}

const ctxOf = (f: SurveyFrame, route: string) => new PageContext(f.variant, route, true);

export function listPage(f: SurveyFrame, surveys: { id: string; title: Bilingual; year: number }[]): string {
  const ctx = ctxOf(f, 'survey/');
  const items = surveys.length
    ? `<ul class="list">${surveys.map((s) => `<li><a href="${esc(surveyBase(f.variant) + encodeURIComponent(s.id))}">${both(ctx, s.title)}</a></li>`).join('')}</ul>`
    : `<p>${bi(ctx, '目前没有开放的问卷。', 'No questionnaire is open at the moment.')}</p>`;
  return frame(f, 'survey/', { zh: '公众问卷调查', en: 'Public surveys' }, `<h1>${bi(ctx, '正在进行的问卷', 'Open questionnaires')}</h1>${items}`);
}

/** What the respondent gave, to put back into a refused form. */
export interface GivenAnswers {
  county?: unknown;
  answers?: Record<string, unknown>;
}

/** The id of a question's first control, which the error summary links to. */
const firstControl = (q: Question) => (q.type === 'text' ? q.id : `${q.id}-0`);

function questionHtml(ctx: PageContext, q: Question, k: number, given: unknown, issue: Issue | undefined): string {
  const name = `q.${q.id}`;
  const errId = `err-${q.id}`;
  const described = issue ? ` aria-describedby="${esc(errId)}" aria-invalid="true"` : '';
  const req = q.required ? ` <span class="req">${bi(ctx, '（必答）', 'required')}</span>` : ` <span>${bi(ctx, '（选答）', 'optional')}</span>`;
  const legend = `<legend>${k + 1}. ${both(ctx, q.text)}${req}</legend>`;
  const error = issue ? `<p class="field-error" id="${esc(errId)}">${bi(ctx, issue.message, issue.messageEn)}</p>` : '';
  const chosen = (value: string) => (Array.isArray(given) ? given.map(String).includes(value) : given !== undefined && given !== null && String(given) === value);
  const input = (type: 'radio' | 'checkbox', value: string, label: Bilingual, j: number) =>
    `<label class="choice" for="${esc(`${q.id}-${j}`)}"><input type="${type}" id="${esc(`${q.id}-${j}`)}" name="${esc(name)}" value="${esc(value)}"${chosen(value) ? ' checked' : ''}${type === 'radio' && q.required ? ' required' : ''}${described}><span>${both(ctx, label)}</span></label>`;
  const open = `<fieldset${issue ? ' class="invalid"' : ''}>${legend}${error}`;
  if (q.type === 'single') return `${open}${q.options!.map((o, j) => input('radio', o.id, o.text, j)).join('')}</fieldset>`;
  if (q.type === 'multiple') return `${open}<p class="hint">${bi(ctx, '可多选', 'choose all that apply')}</p>${q.options!.map((o, j) => input('checkbox', o.id, o.text, j)).join('')}</fieldset>`;
  if (q.type === 'likert') return `${open}${q.labels!.map((l, j) => input('radio', String(j + 1), l, j)).join('')}</fieldset>`;
  const text = typeof given === 'string' ? given : '';
  return `${open}<label for="${esc(q.id)}" class="hint">${bi(ctx, `请填写（至多 ${q.maxLength} 字）`, `your answer (at most ${q.maxLength} characters)`)}</label><textarea id="${esc(q.id)}" name="${esc(name)}" maxlength="${q.maxLength}"${q.required ? ' required' : ''}${described}>${esc(text)}</textarea></fieldset>`;
}

export interface QuestionnaireOptions {
  id: string;
  definition: Definition;
  counties: { code: string; name: string; nameEn: string }[];
  token: string;
  powBits: number;
  preview?: boolean;
  /** A refused submission: what was given, and why (issues by path: "county", "answers.<id>", or "form"). */
  given?: GivenAnswers;
  issues?: Issue[];
}

export function questionnairePage(f: SurveyFrame, p: QuestionnaireOptions): string {
  const d = p.definition;
  const ctx = ctxOf(f, `survey/${p.id}`);
  const issues = p.issues ?? [];
  const issueAt = (path: string) => issues.find((i) => i.path === path);
  const given = p.given ?? {};
  const countyIssue = issueAt('county');
  const county = d.askCounty
    ? `<fieldset${countyIssue ? ' class="invalid"' : ''}><legend>${bi(ctx, `所在${f.site.subRegions?.zh ?? '县（市、区）'}`, `Your ${f.site.subRegions?.en ?? 'county'}`)} <span class="req">${bi(ctx, '（必答）', 'required')}</span></legend>${countyIssue ? `<p class="field-error" id="err-county">${bi(ctx, countyIssue.message, countyIssue.messageEn)}</p>` : ''}<label for="county" class="hint">${bi(ctx, '请选择', 'choose one')}</label><select id="county" name="county" required${countyIssue ? ' aria-describedby="err-county" aria-invalid="true"' : ''}><option value="">—</option>${p.counties.map((c) => `<option value="${esc(c.code)}"${given.county === c.code ? ' selected' : ''}>${esc(ctx.lang === 'en' ? `${c.nameEn} / ${c.name}` : `${c.name} / ${c.nameEn}`)}</option>`).join('')}</select></fieldset>`
    : '';
  // An error summary first (focused by the script, announced as an alert), each entry a link to its field.
  const target = (i: Issue) => (i.path === 'county' ? 'county' : i.path.startsWith('answers.') ? (d.questions.find((q) => `answers.${q.id}` === i.path) ? firstControl(d.questions.find((q) => `answers.${q.id}` === i.path)!) : null) : null);
  const summary = issues.length
    ? `<div class="errors" role="alert" tabindex="-1" id="survey-errors"><h2>${bi(ctx, `答卷未提交：有 ${issues.length} 处需要修改`, `Not submitted: ${issues.length} thing(s) to correct`)}</h2><ul>${issues
        .map((i) => {
          const t = target(i);
          const text = bi(ctx, i.message, i.messageEn);
          return `<li>${t ? `<a href="#${esc(t)}">${text}</a>` : text}</li>`;
        })
        .join('')}</ul></div>`
    : '';
  const body = `<h1>${both(ctx, d.title)}</h1>
${summary}
${d.intro.zh || d.intro.en ? `<p>${both(ctx, d.intro)}</p>` : ''}
<noscript><p class="notice">${bi(ctx, '提交前，浏览器需运行一段约一秒的防刷计算（JavaScript）。未启用 JavaScript 时可以阅读并填写全部题目，服务器会检查漏答的题，但无法在线提交；请启用 JavaScript，或向当地生态环境部门索取纸质问卷。', "Before submitting, your browser runs a short anti-abuse computation (JavaScript, about a second). Without JavaScript you can read and fill in every question, and the server points out any you missed, but you cannot submit online: enable JavaScript, or ask the local environment bureau for the paper questionnaire.")}</p></noscript>
<form method="post" action="${esc(surveyBase(f.variant) + encodeURIComponent(p.id))}" id="survey-form" data-pow-bits="${p.powBits}"${p.preview ? ' data-preview="1"' : ''}>
<input type="hidden" name="token" value="${esc(p.token)}"><input type="hidden" name="pow" value="">
${county}
${d.questions.map((q, k) => questionHtml(ctx, q, k, given.answers?.[q.id], issueAt(`answers.${q.id}`))).join('\n')}
<p id="survey-status" role="status" aria-live="polite"></p>
<button type="submit"${p.preview ? ' disabled' : ''}>${bi(ctx, '提交', 'Submit')}</button>
</form>
<script src="/survey/assets/survey.js" defer></script>`;
  return frame(f, `survey/${p.id}`, d.title, body);
}

export function messagePage(f: SurveyFrame, p: { title: Bilingual; lines: Bilingual[]; back?: string; route?: string }): string {
  const ctx = ctxOf(f, p.route ?? 'survey/');
  const body = `<h1>${both(ctx, p.title)}</h1>${p.lines.length ? `<div class="${p.back ? 'errors' : ''}"><ul>${p.lines.map((l) => `<li>${both(ctx, l)}</li>`).join('')}</ul></div>` : ''}
<p>${p.back ? `<a href="${esc(p.back)}">${bi(ctx, '返回问卷', 'Back to the questionnaire')}</a> · ` : ''}<a href="${esc(surveyBase(f.variant))}">${bi(ctx, '全部问卷', 'All questionnaires')}</a></p>`;
  return frame(f, p.route ?? 'survey/', p.title, body);
}
