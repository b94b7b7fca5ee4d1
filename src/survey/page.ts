// The public questionnaire pages, rendered on the server: readable (and every question visible) without JavaScript;
// the script only adds the proof-of-work before submitting. `surveyLayout` is the one page wrapper, so the portal's
// layout can replace it later. Every text from the database is escaped here.
import type { Bilingual, Definition, Question } from './model.js';

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Chinese first, English after it in a smaller line. */
const both = (t: Bilingual, tag = 'span') => `${esc(t.zh)}${t.en ? ` <${tag} class="en" lang="en">${esc(t.en)}</${tag}>` : ''}`;

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2a1f;background:#f4f7f2}
header{background:#1f6f3f;color:#fff;padding:12px 16px}header a{color:#fff;text-decoration:none;font-weight:600}
main{max-width:720px;margin:0 auto;padding:16px}h1{font-size:1.4rem;line-height:1.35;margin:.5rem 0}
.en{display:block;color:#4a5a4a;font-size:.85em}header .en{color:#e6f2e6}
fieldset{border:1px solid #c9d6c6;border-radius:8px;background:#fff;margin:0 0 14px;padding:12px 14px}
legend{float:left;width:100%;font-weight:600;padding:0;margin:0 0 6px}legend+*{clear:both}label.choice{display:flex;gap:10px;align-items:flex-start;padding:8px 4px;min-height:44px}
input[type=radio],input[type=checkbox]{width:22px;height:22px;margin-top:2px;flex:none}
select,textarea{width:100%;font:inherit;padding:8px;border:1px solid #8a9a86;border-radius:6px;background:#fff}
textarea{min-height:110px}.req{color:#a4262c}.note{background:#fff8e1;border:1px solid #e0c97a;border-radius:6px;padding:10px 12px}
button{font:inherit;font-weight:600;background:#1f6f3f;color:#fff;border:0;border-radius:6px;padding:12px 22px;min-height:48px;cursor:pointer}
button:focus-visible,a:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
ul.list{list-style:none;padding:0}ul.list li{background:#fff;border:1px solid #c9d6c6;border-radius:8px;margin:0 0 10px;padding:12px 14px}
.errors{background:#fdecea;border:1px solid #d9534f;border-radius:6px;padding:10px 14px}footer{color:#4a5a4a;font-size:.85rem;padding:16px;text-align:center}
`;

/** The page wrapper: one function, so that the portal's layout can take its place. */
export function surveyLayout(p: { title: string; body: string }): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(p.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><a href="/survey/">公众问卷调查 <span class="en" lang="en">Public surveys</span></a></header>
<main id="main">
${p.body}
</main>
<footer>匿名调查，不收集个人信息 · <span lang="en">Anonymous: no personal data is collected</span></footer>
</body>
</html>`;
}

export function listPage(surveys: { id: string; title: Bilingual; year: number }[]): string {
  const items = surveys.length
    ? `<ul class="list">${surveys.map((s) => `<li><a href="/survey/${encodeURIComponent(s.id)}">${both(s.title)}</a></li>`).join('')}</ul>`
    : `<p>目前没有开放的问卷。<span class="en" lang="en">No questionnaire is open at the moment.</span></p>`;
  return surveyLayout({ title: '公众问卷调查 / Public surveys', body: `<h1>正在进行的问卷 <span class="en" lang="en">Open questionnaires</span></h1>${items}` });
}

function questionHtml(q: Question, k: number): string {
  const name = `q.${q.id}`;
  const req = q.required ? ` <span class="req">（必答）<span lang="en">required</span></span>` : ` <span>（选答）<span lang="en">optional</span></span>`;
  const legend = `<legend>${k + 1}. ${both(q.text)}${req}</legend>`;
  const input = (type: 'radio' | 'checkbox', value: string, label: Bilingual, j: number) =>
    `<label class="choice" for="${esc(`${q.id}-${j}`)}"><input type="${type}" id="${esc(`${q.id}-${j}`)}" name="${esc(name)}" value="${esc(value)}"${type === 'radio' && q.required ? ' required' : ''}><span>${both(label)}</span></label>`;
  if (q.type === 'single') return `<fieldset>${legend}${q.options!.map((o, j) => input('radio', o.id, o.text, j)).join('')}</fieldset>`;
  if (q.type === 'multiple') return `<fieldset>${legend}<p class="en">可多选 <span lang="en">choose all that apply</span></p>${q.options!.map((o, j) => input('checkbox', o.id, o.text, j)).join('')}</fieldset>`;
  if (q.type === 'likert') return `<fieldset>${legend}${q.labels!.map((l, j) => input('radio', String(j + 1), l, j)).join('')}</fieldset>`;
  return `<fieldset>${legend}<label for="${esc(q.id)}" class="en">请填写（至多 ${q.maxLength} 字）<span lang="en">your answer (at most ${q.maxLength} characters)</span></label><textarea id="${esc(q.id)}" name="${esc(name)}" maxlength="${q.maxLength}"${q.required ? ' required' : ''}></textarea></fieldset>`;
}

export function questionnairePage(p: { id: string; definition: Definition; counties: { code: string; name: string; nameEn: string }[]; token: string; powBits: number; preview?: boolean }): string {
  const d = p.definition;
  const county = d.askCounty
    ? `<fieldset><legend>所在县（市、区） <span class="en" lang="en">Your county</span> <span class="req">（必答）<span lang="en">required</span></span></legend><label for="county" class="en">请选择 <span lang="en">choose one</span></label><select id="county" name="county" required><option value="">—</option>${p.counties.map((c) => `<option value="${esc(c.code)}">${esc(c.name)} / ${esc(c.nameEn)}</option>`).join('')}</select></fieldset>`
    : '';
  const body = `<h1>${both(d.title)}</h1>
${d.intro.zh || d.intro.en ? `<p>${both(d.intro)}</p>` : ''}
<noscript><p class="note">提交前，浏览器需运行一段约一秒的防刷计算（JavaScript）。未启用 JavaScript 时可以阅读全部题目，但无法在线提交；请启用 JavaScript，或向所在县（市、区）生态环境部门索取纸质问卷。<span class="en" lang="en">Before submitting, your browser runs a short anti-abuse computation (JavaScript, about a second). Without JavaScript you can read every question but cannot submit online: enable JavaScript, or ask your county's environment bureau for the paper questionnaire.</span></p></noscript>
<form method="post" action="/survey/${encodeURIComponent(p.id)}" id="survey-form" data-pow-bits="${p.powBits}"${p.preview ? ' data-preview="1"' : ''}>
<input type="hidden" name="token" value="${esc(p.token)}"><input type="hidden" name="pow" value="">
${county}
${d.questions.map(questionHtml).join('\n')}
<p id="survey-status" role="status" aria-live="polite"></p>
<button type="submit"${p.preview ? ' disabled' : ''}>提交 <span lang="en">Submit</span></button>
</form>
<script src="/survey/assets/survey.js" defer></script>`;
  return surveyLayout({ title: `${d.title.zh} / ${d.title.en}`, body });
}

export function messagePage(p: { title: Bilingual; lines: Bilingual[]; back?: string }): string {
  const body = `<h1>${both(p.title)}</h1>${p.lines.length ? `<div class="${p.back ? 'errors' : ''}"><ul>${p.lines.map((l) => `<li>${both(l)}</li>`).join('')}</ul></div>` : ''}
<p>${p.back ? `<a href="${esc(p.back)}">返回问卷（浏览器的“后退”可保留已填内容） <span lang="en">Back to the questionnaire (your browser's Back button keeps what you entered)</span></a> · ` : ''}<a href="/survey/">全部问卷 <span lang="en">All questionnaires</span></a></p>`;
  return surveyLayout({ title: `${p.title.zh} / ${p.title.en}`, body });
}
