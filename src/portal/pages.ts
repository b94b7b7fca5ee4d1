// The portal's pages, rendered on the server (or at export time) with every number in the HTML: the plan at a
// glance, the indicator list, a page per indicator, counties, open data, published documents and the methods.
// Every chart has a table of the same numbers; status is said in words and a symbol, never by colour alone.
import { evaluationOf } from '../plan/evaluation.js';
import type { IndicatorEvaluation } from '../plan/evaluation.js';
import { horizonSpans, horizonsOf, targetOf } from '../plan/horizons.js';
import type { Horizon, Indicator, Plan } from '../plan/model.js';
import { PROGRESS_LEVELS } from '../plan/progress.js';
import { STATES } from '../plan/targets.js';
import { planRegionName, subRegionTerm, type SubRegionTerm } from '../plan/views.js';
import { barChartSvg, choroplethSvg, lineChartSvg } from './charts.js';
import { esc, renderPortalPage, type PageContext } from './layout.js';
import { countyValues, seriesOf, type PortalModel } from './model.js';
import { definitionOf, indicatorMetadata, LICENCE, STATUS_TEXT } from './openData.js';

const SYMBOL = { attained: '✔', not_attained: '✘', no_data: '—', not_applicable: '·' } as const;
const WARNING = { red: { zh: '红色预警', en: 'Red warning' }, yellow: { zh: '黄色预警', en: 'Yellow warning' }, grey: { zh: '数据缺失', en: 'Data missing' } } as const;

/** The portal's name in its header (the survey pages use it too). */
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function portalSiteName(plan: Pick<Plan, 'meta' | 'regions'>): { name: string; nameEn: string; subRegions: SubRegionTerm } {
  const p = plan.meta;
  return { name: p.shortName ? `${p.shortName}公开平台` : p.name, nameEn: `${p.nameEn}: public portal`, subRegions: subRegionTerm(plan) };
}

function site(m: PortalModel, ctx: PageContext) {
  const demo = m.usesDemo ? `<p class="demo-note"><strong>${esc(ctx.t('注意：本站当前数据含示例数据（演示用，非真实统计），不得作为正式统计数据引用。', 'Note: the data shown include example data (示例数据, for demonstration, not real statistics).'))}</strong></p>` : '';
  return {
    ...portalSiteName(m.plan),
    footer: `${demo}<p>${esc(ctx.t(`数据仅含经审核审定的数值。数据版本 ${m.dataVersion}`, `Approved values only. Data version ${m.dataVersion}`))}${m.lastUpdate ? esc(ctx.t(`，最近更新 ${m.lastUpdate.slice(0, 10)}`, `, last updated ${m.lastUpdate.slice(0, 10)}`)) : ''}。 <a href="${esc(ctx.page('about.html'))}">${esc(ctx.t('关于本站与无障碍声明', 'About this site and accessibility'))}</a> · <a href="${esc(ctx.page('open-data.html'))}">${esc(ctx.t('数据下载', 'Download data'))}</a></p><p>${esc(ctx.t('开放数据许可', 'Open data licence'))}: <a href="${esc(LICENCE.url)}" rel="license">${esc(ctx.t(LICENCE.zh, LICENCE.en))}</a></p>`,
  };
}

function page(m: PortalModel, ctx: PageContext, title: string, body: string, current?: string, description?: string): string {
  return renderPortalPage({ ctx, title, body, current: current ?? ctx.route, site: site(m, ctx), description });
}

const unitSuffix = (unit: string) => (unit === '—' || unit === '' ? '' : unit === '%' ? '%' : ` ${unit}`);
const stateText = (ctx: PageContext, code: string | null) => {
  const s = STATES.find((x) => x.code === code);
  return s ? ctx.t(s.zh, s.en) : (code ?? '');
};

/** A value as shown: "74.80%", "建立", "—". */
function valueText(ctx: PageContext, ind: Indicator, v: { valueText: string | null; state: string | null } | null): string {
  if (!v) return '—';
  if (v.valueText !== null) return `${v.valueText}${unitSuffix(ind.unit)}`;
  return stateText(ctx, v.state) || '—';
}

function statusBadge(ctx: PageContext, e: IndicatorEvaluation): string {
  return `<span class="status s-${e.status}"><span aria-hidden="true">${SYMBOL[e.status]}</span> ${esc(ctx.t(STATUS_TEXT[e.status].zh, STATUS_TEXT[e.status].en))}</span>`;
}

const demoMark = (ctx: PageContext, demo: boolean) => (demo ? ` <span class="demo">${esc(ctx.t('示例数据', 'example data'))}</span>` : '');

const indName = (ctx: PageContext, ind: Indicator) => ctx.t(ind.name, ind.nameEn);
const domainName = (ctx: PageContext, plan: Plan, id: string) => {
  const d = plan.domains.find((x) => x.id === id);
  return d ? ctx.t(d.name, d.nameEn) : id;
};

/** The latest approved value of the city up to the model's year, with its year (for the glance table). */
function latestCityValue(m: PortalModel, ind: Indicator) {
  const s = seriesOf(m, ind.code, m.plan.meta.region).filter((o) => o.year <= m.year);
  const o = s.at(-1);
  if (o) return { valueText: o.valueText, state: o.state, year: o.year, demo: o.isDemo };
  if (!ind.baseline.noData) return { valueText: ind.baseline.value === null ? null : ind.baseline.text, state: ind.baseline.state, year: ind.baseline.year, demo: false };
  return null;
}

function dataNotice(m: PortalModel, ctx: PageContext): string {
  const basis = {
    complete: ctx.t(`${m.year} 年是数据完整（每项适用指标均有已审定数值）的最近一年。`, `${m.year} is the latest year with complete approved data.`),
    most_covered: ctx.t(`尚无数据完整的年份；${m.year} 年已审定的指标最多。`, `No year is complete yet; ${m.year} has the most approved indicators.`),
    no_data: ctx.t('尚无已审定的数值；下表为规划现状值与目标值。', 'No approved values yet; the tables show the plan’s baselines and targets.'),
  }[m.yearBasis];
  return `<p class="notice">${esc(ctx.t(`评估年份：${m.year} 年。`, `Evaluation year: ${m.year}. `))}${esc(basis)} ${esc(ctx.t('只用经审核审定的数值，与管理平台的公开评估相同。', 'Approved values only, the same evaluation as the console’s official view.'))} <a href="${esc(ctx.page('methods.html'))}">${esc(ctx.t('评估方法', 'How status is decided'))}</a></p>`;
}

function indicatorRows(m: PortalModel, ctx: PageContext, inds: readonly Indicator[]): string {
  return inds
    .map((ind) => {
      const e = evaluationOf(m.plan, m.evaluation, ind);
      const v = latestCityValue(m, ind);
      return `<tr><td class="num">${ind.code}</td><th scope="row"><a href="${esc(ctx.page(`indicators/${ind.code}.html`))}">${esc(indName(ctx, ind))}</a>${ind.binding ? '' : ` <span class="tag">${esc(ctx.t('参考性', 'reference'))}</span>`}</th><td>${esc(valueText(ctx, ind, v))}${v ? ` <span class="year">(${v.year})</span>` : ''}${demoMark(ctx, Boolean(v?.demo))}</td><td>${esc(ctx.t(e.target.text, e.target.textEn))} <span class="year">(${e.target.horizon})</span></td><td>${statusBadge(ctx, e)}</td></tr>`;
    })
    .join('');
}

function indicatorTable(m: PortalModel, ctx: PageContext, inds: readonly Indicator[], caption: string): string {
  return `<div class="table-wrap" role="region" aria-label="${esc(caption)}" tabindex="0"><table><caption>${esc(caption)}</caption><thead><tr><th scope="col">${esc(ctx.t('序号', 'No.'))}</th><th scope="col">${esc(ctx.t('指标', 'Indicator'))}</th><th scope="col">${esc(ctx.t('最新已审定值（年份）', 'Latest approved value (year)'))}</th><th scope="col">${esc(ctx.t('目标值（目标年）', 'Target (year)'))}</th><th scope="col">${esc(ctx.t(`${m.year} 年状态`, `Status ${m.year}`))}</th></tr></thead><tbody>${indicatorRows(m, ctx, inds)}</tbody></table></div>`;
}

/** 万吨 (10,000 t) with one decimal, from tonnes. */
const wanTonnes = (t: number) => (t / 10_000).toFixed(1);

/** The latest carbon inventory a reviewer published: net emissions, with gross and the forest sink beside them. */
function carbonTile(m: PortalModel, ctx: PageContext): string {
  const c = m.carbon.at(-1);
  if (!c) return `<li><span class="big">—</span> ${esc(ctx.t('温室气体清单：尚无已发布的清单', 'Greenhouse gas inventory: none published yet'))}</li>`;
  return `<li><span class="big">${esc(wanTonnes(c.net))}</span> ${esc(ctx.t(`万吨二氧化碳当量：${c.year} 年温室气体净排放（已发布清单；总排放 ${wanTonnes(c.gross)} 万吨，林业碳汇 ${wanTonnes(c.lulucf)} 万吨）`, `10,000 t CO2e: net greenhouse gas emissions ${c.year} (published inventory; gross ${wanTonnes(c.gross)}, forestry ${wanTonnes(c.lulucf)})`))}${demoMark(ctx, c.demo)}</li>`;
}

export function homePage(m: PortalModel, ctx: PageContext): string {
  const { plan, evaluation } = m;
  const c = evaluation.summary.counts;
  const r = evaluation.summary.readiness;
  const gep = m.gep.at(-1);
  const carbon = plan.indicators.filter((i) => /二氧化碳|碳排放/.test(i.name));
  const tiles = [
    `<li><span class="big">${c.attained} / ${c.total}</span> ${esc(ctx.t('项指标达标', 'indicators attained'))}</li>`,
    `<li><span class="big">${r.bindingAttained} / ${r.bindingTotal}</span> ${esc(ctx.t('项约束性指标达标', 'binding indicators attained'))}</li>`,
    `<li><span class="big">${c.no_data}</span> ${esc(ctx.t('项指标尚无数据', 'indicators without data'))}</li>`,
    gep ? `<li><span class="big">${esc(gep.totalYi)}</span> ${esc(ctx.t(`亿元：${gep.year} 年生态产品总值（GEP）`, `100 million yuan: GEP ${gep.year}`))}${demoMark(ctx, gep.demo)}</li>` : `<li><span class="big">—</span> ${esc(ctx.t('生态产品总值（GEP）：尚无已审定的核算数据', 'GEP: no approved accounts yet'))}</li>`,
    carbonTile(m, ctx),
    ...carbon.map((ind) => {
      const v = latestCityValue(m, ind);
      return `<li><span class="big">${esc(v ? valueText(ctx, ind, v) : '—')}</span> ${esc(indName(ctx, ind))}${v ? ` (${v.year})` : ''}${demoMark(ctx, Boolean(v?.demo))}</li>`;
    }),
  ];
  const readiness = r.ready
    ? ctx.t('全部约束性指标均已达标，具备申报国家生态文明建设示范区的指标条件。', 'Every binding indicator is attained: the indicator conditions for the demonstration-zone title are met.')
    : ctx.t(
        `距离示范区指标条件：${r.notAttained.length} 项约束性指标未达标${r.notAttained.length ? `（${r.notAttained.map((x) => x.code).join('、')}）` : ''}，${r.noData.length} 项尚无数据。`,
        `Towards the demonstration-zone title: ${r.notAttained.length} binding indicators not attained${r.notAttained.length ? ` (${r.notAttained.map((x) => x.code).join(', ')})` : ''}, ${r.noData.length} without data.`,
      );
  const domains = plan.domains
    .map((d) => {
      const tasks = d.taskAreas
        .map((t) => {
          const inds = plan.indicators.filter((i) => i.taskAreaId === t.id);
          return inds.length ? `<h3>${esc(t.numeral)} ${esc(ctx.t(t.name, t.nameEn))}</h3>${indicatorTable(m, ctx, inds, ctx.t(`${t.name}：指标`, `${t.nameEn}: indicators`))}` : '';
        })
        .join('');
      return `<section aria-labelledby="d-${esc(d.id)}"><h2 id="d-${esc(d.id)}">${esc(ctx.t(d.name, d.nameEn))}</h2>${tasks}</section>`;
    })
    .join('');
  return page(
    m,
    ctx,
    ctx.t('规划概览', 'The plan at a glance'),
    `<h1>${esc(ctx.t(plan.meta.name, plan.meta.nameEn))}</h1>
<p class="lead">${esc(ctx.t(`规划期 ${plan.meta.period.start}–${plan.meta.period.end} 年，基准年 ${plan.meta.baseYear} 年；${plan.domains.length} 个领域、${plan.indicators.length} 项指标（约束性 ${plan.indicators.filter((i) => i.binding).length} 项）、${plan.projects.length} 个重点工程项目。`, `Plan period ${plan.meta.period.start}–${plan.meta.period.end}, base year ${plan.meta.baseYear}: ${plan.domains.length} domains, ${plan.indicators.length} indicators (${plan.indicators.filter((i) => i.binding).length} binding), ${plan.projects.length} key projects.`))}</p>
${dataNotice(m, ctx)}
<section aria-labelledby="glance"><h2 id="glance">${esc(ctx.t(`${m.year} 年总体情况`, `Overview ${m.year}`))}</h2><ul class="tiles">${tiles.join('')}</ul><p>${esc(readiness)}</p></section>
${domains}
${projectsSection(m, ctx)}`,
    'index.html',
    ctx.t(`${plan.meta.name}：指标、目标与进展`, `${plan.meta.nameEn}: indicators, targets and progress`),
  );
}

function projectsSection(m: PortalModel, ctx: PageContext): string {
  if (!m.projects.length) return '';
  const rows = m.projects
    .map((p) => `<tr><td class="num">${p.project.no}</td><th scope="row">${esc(ctx.t(p.project.name, p.project.nameEn))}</th><td class="num">${esc(p.project.investmentText)}</td><td>${p.project.startYear}–${p.project.endYear}</td><td>${esc(ctx.t(p.statusZh, p.statusEn))}${p.year ? ` <span class="year">(${p.year})</span>` : ''}${demoMark(ctx, p.demo)}</td><td class="num">${p.completion === null ? '—' : `${esc(p.completion)}%`}</td></tr>`)
    .join('');
  const caption = ctx.t('重点工程项目及进展', 'Key projects and their progress');
  return `<section aria-labelledby="projects"><h2 id="projects">${esc(caption)}</h2><div class="table-wrap" role="region" aria-label="${esc(caption)}" tabindex="0"><table><caption>${esc(ctx.t('投资单位：亿元；完成率＝累计完成投资 ÷ 总投资', 'Investment in 100 million yuan; completion = cumulative completed ÷ total investment'))}</caption><thead><tr><th scope="col">${esc(ctx.t('序号', 'No.'))}</th><th scope="col">${esc(ctx.t('项目', 'Project'))}</th><th scope="col">${esc(ctx.t('总投资', 'Investment'))}</th><th scope="col">${esc(ctx.t('建设年限', 'Years'))}</th><th scope="col">${esc(ctx.t('最新进展', 'Latest status'))}</th><th scope="col">${esc(ctx.t('投资完成率', 'Completion'))}</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

export function indicatorsPage(m: PortalModel, ctx: PageContext): string {
  const horizons = horizonsOf(m.plan);
  const rows = m.plan.indicators
    .map((ind) => {
      const e = evaluationOf(m.plan, m.evaluation, ind);
      return `<tr><td class="num">${ind.code}</td><th scope="row"><a href="${esc(ctx.page(`indicators/${ind.code}.html`))}">${esc(indName(ctx, ind))}</a></th><td>${esc(domainName(ctx, m.plan, ind.domainId))}</td><td>${esc(ind.binding ? ctx.t('约束性', 'binding') : ctx.t('参考性', 'reference'))}</td><td>${esc(ind.unit)}</td><td>${esc(ind.baseline.noData ? ctx.t('暂无统计数据', 'no data') : ind.baseline.text)}</td>${horizons.map((h) => `<td>${esc(ctx.t(targetOf(ind, h).text, targetOf(ind, h).textEn))}</td>`).join('')}<td>${esc(ind.departments.join('、'))}</td><td>${statusBadge(ctx, e)}</td></tr>`;
    })
    .join('');
  const caption = ctx.t(`全部 ${m.plan.indicators.length} 项指标`, `All ${m.plan.indicators.length} indicators`);
  return page(
    m,
    ctx,
    ctx.t('指标体系', 'Indicators'),
    `<h1>${esc(ctx.t('指标体系', 'Indicators'))}</h1>${dataNotice(m, ctx)}<div class="table-wrap" role="region" aria-label="${esc(caption)}" tabindex="0"><table><caption>${esc(caption)}</caption><thead><tr><th scope="col">${esc(ctx.t('序号', 'No.'))}</th><th scope="col">${esc(ctx.t('指标', 'Indicator'))}</th><th scope="col">${esc(ctx.t('领域', 'Domain'))}</th><th scope="col">${esc(ctx.t('属性', 'Kind'))}</th><th scope="col">${esc(ctx.t('单位', 'Unit'))}</th><th scope="col">${esc(ctx.t(`现状值（${m.plan.meta.baseYear}）`, `Baseline (${m.plan.meta.baseYear})`))}</th>${horizons.map((h) => `<th scope="col">${esc(ctx.t(`${h} 年目标`, `Target ${h}`))}</th>`).join('')}<th scope="col">${esc(ctx.t('责任单位', 'Responsible'))}</th><th scope="col">${esc(ctx.t(`${m.year} 年状态`, `Status ${m.year}`))}</th></tr></thead><tbody>${rows}</tbody></table></div>`,
  );
}

/** The numeric target of an indicator for the city at a horizon, if it has one. */
function numericTarget(ind: Indicator, horizon: Horizon): { value: number; text: string } | null {
  const t = targetOf(ind, horizon);
  if (t.kind === 'threshold') return { value: t.value, text: t.value.toFixed(t.decimals) };
  if (t.kind === 'split') {
    const part = t.parts.find((p) => p.regionType === 'city');
    return part ? { value: part.target.value, text: part.target.value.toFixed(part.target.decimals) } : null;
  }
  return null;
}

/**
 * The path that reaches the target from the baseline: the constant annual rate of docs/methods/progress.md (the
 * required CAGR) where both are positive, a straight line otherwise.
 */
export function requiredPath(baseline: { year: number; value: number }, target: { year: number; value: number }): { year: number; value: number }[] {
  const n = target.year - baseline.year;
  if (n <= 0) return [];
  const geometric = baseline.value > 0 && target.value > 0;
  const rate = geometric ? (target.value / baseline.value) ** (1 / n) : 0;
  return Array.from({ length: n + 1 }, (_, i) => ({
    year: baseline.year + i,
    value: geometric ? baseline.value * rate ** i : baseline.value + ((target.value - baseline.value) * i) / n,
  }));
}

export function indicatorPage(m: PortalModel, ctx: PageContext, ind: Indicator): string {
  const { plan } = m;
  const city = plan.meta.region;
  const e = evaluationOf(m.plan, m.evaluation, ind);
  const series = seriesOf(m, ind.code, city);
  const horizon = e.horizon;
  const horizonYear = Number(horizon);
  const lastYear = Math.max(horizonYear, ...series.map((o) => o.year));
  const years = Array.from({ length: lastYear - plan.meta.baseYear + 1 }, (_, i) => plan.meta.baseYear + i);
  // The plan's baseline is the city's value of its year unless one was reported for that year.
  const rows = [...series];
  if (!ind.baseline.noData && !rows.some((o) => o.year === ind.baseline.year))
    rows.unshift({ year: ind.baseline.year, valueText: ind.baseline.value === null ? null : ind.baseline.text, state: ind.baseline.state, source: ctx.t('规划文本表1现状值', 'plan table 1 baseline'), isDemo: false, fromPlan: true } as unknown as (typeof rows)[number]);
  rows.sort((a, b) => a.year - b.year);
  const numeric = rows.filter((o) => o.valueText !== null && Number.isFinite(Number(o.valueText)));
  const target = numericTarget(ind, horizon);
  const baseline = ind.baseline.value !== null && !ind.baseline.noData ? { year: ind.baseline.year, value: ind.baseline.value } : numeric[0] ? { year: numeric[0].year, value: Number(numeric[0].valueText) } : null;
  const path = baseline && target ? requiredPath(baseline, { year: horizonYear, value: target.value }) : [];
  let chart = '';
  if (numeric.length || target) {
    chart = `<figure>${lineChartSvg(
      {
        title: ctx.t(`${ind.name}：历年数值与目标`, `${ind.nameEn}: values and target`),
        desc: ctx.t(
          `${numeric.map((o) => `${o.year} 年 ${o.valueText}`).join('，') || '尚无数值'}；${horizonYear} 年目标 ${target?.text ?? e.target.text}。数据见下表。`,
          `${numeric.map((o) => `${o.year}: ${o.valueText}`).join(', ') || 'no values yet'}; target ${horizonYear}: ${target?.text ?? e.target.textEn}. The table below has the same data.`,
        ),
        unit: ind.unit,
        years,
        points: numeric.map((o) => ({ year: o.year, value: Number(o.valueText), label: o.valueText! })),
        baseline,
        target: target ? { year: horizonYear, value: target.value, label: target.text } : null,
        path,
        labels: { values: ctx.t('已审定数值', 'Approved values'), target: ctx.t('目标值', 'Target'), path: ctx.t('达标所需路径', 'Required path'), baseline: ctx.t('现状值', 'Baseline') },
      },
      `c${ind.code}`,
    )}<figcaption>${esc(ctx.t('虚线：达标所需路径（自现状值按固定年均变化率到达目标值）；红线：目标值。', 'Dashed: the path required to reach the target at a constant annual rate from the baseline; red line: the target.'))}</figcaption></figure>`;
  } else {
    chart = `<p>${esc(ctx.t('该指标为定性指标或尚无数值，不绘制图表；数值见下表。', 'A qualitative indicator or one without values: no chart; see the table.'))}</p>`;
  }
  const evalOf = (year: number) => m.cityByYear.get(year)?.indicators.find((x) => x.code === ind.code);
  const pathAt = new Map(path.map((p) => [p.year, p.value]));
  const table = `<div class="table-wrap" role="region" aria-label="${esc(ctx.t('历年数值', 'Values by year'))}" tabindex="0"><table><caption>${esc(ctx.t(`${ind.name}（${plan.regions.find((r) => r.code === city)?.name ?? city}）历年数值`, `${ind.nameEn} (${plan.regions.find((r) => r.code === city)?.nameEn ?? city}) by year`))}</caption><thead><tr><th scope="col">${esc(ctx.t('年份', 'Year'))}</th><th scope="col">${esc(ctx.t('数值', 'Value'))}</th><th scope="col">${esc(ctx.t('达标所需路径', 'Required path'))}</th><th scope="col">${esc(ctx.t('状态', 'Status'))}</th><th scope="col">${esc(ctx.t('数据来源', 'Source'))}</th></tr></thead><tbody>${rows
    .map((o) => {
      const ev = evalOf(o.year);
      const p = pathAt.get(o.year);
      return `<tr><th scope="row">${o.year}</th><td>${esc(valueText(ctx, ind, o))}${demoMark(ctx, o.isDemo)}</td><td>${p === undefined ? '—' : esc(p.toFixed(2))}</td><td>${ev ? statusBadge(ctx, ev) : '—'}</td><td>${esc(o.source)}</td></tr>`;
    })
    .join('')}${rows.length ? '' : `<tr><td colspan="5">${esc(ctx.t('尚无已审定数值', 'no approved values yet'))}</td></tr>`}</tbody></table></div>`;

  const md = indicatorMetadata(m, ind);
  const def = definitionOf(m, ind);
  const progress = e.progress ? `${ctx.t(PROGRESS_LEVELS[e.progress.level].zh, PROGRESS_LEVELS[e.progress.level].en)}：${ctx.t(e.progress.reason.zh, e.progress.reason.en)}` : ctx.t('不评估进展（定性指标或变化率指标）', 'progress not assessed (qualitative target or a rate of change)');
  const warning = e.warning ? `${ctx.t(WARNING[e.warning.level].zh, WARNING[e.warning.level].en)}：${ctx.t(e.warning.reason.zh, e.warning.reason.en)}` : ctx.t('无', 'none');
  const counties = countySection(m, ctx, ind, `k${ind.code}`);
  const downloads = ['csv', 'xlsx', 'json'].map((ext) => `<li><a href="${esc(ctx.root(`open-data/indicator-${ind.code}.${ext}`))}" download>${esc(ctx.t(`指标 ${ind.code} 数据（${ext.toUpperCase()}）`, `Indicator ${ind.code} data (${ext.toUpperCase()})`))}</a></li>`).join('');
  const prev = plan.indicators[plan.indicators.indexOf(ind) - 1];
  const next = plan.indicators[plan.indicators.indexOf(ind) + 1];
  return page(
    m,
    ctx,
    `${ind.code}. ${indName(ctx, ind)}`,
    `<nav aria-label="${esc(ctx.t('位置', 'Breadcrumb'))}" class="crumbs"><a href="${esc(ctx.page('index.html'))}">${esc(ctx.t('首页', 'Home'))}</a> › <a href="${esc(ctx.page('indicators.html'))}">${esc(ctx.t('指标', 'Indicators'))}</a> › ${ind.code}</nav>
<h1><span class="code">${ind.code}.</span> ${esc(indName(ctx, ind))}</h1>
<p class="lead">${esc(domainName(ctx, plan, ind.domainId))} · ${esc(ind.binding ? ctx.t('约束性指标', 'binding indicator') : ctx.t('参考性指标', 'reference indicator'))}${ind.local ? ` · ${esc(ctx.t('地方特色指标', 'local indicator'))}` : ''}</p>
<section aria-labelledby="status"><h2 id="status">${esc(ctx.t(`${m.year} 年评估`, `Evaluation ${m.year}`))}</h2>
<dl class="facts"><dt>${esc(ctx.t('状态', 'Status'))}</dt><dd>${statusBadge(ctx, e)} ${esc(ctx.t(e.reason.zh, e.reason.en))}</dd><dt>${esc(ctx.t('进展', 'Progress'))}</dt><dd>${esc(progress)}</dd><dt>${esc(ctx.t('预警', 'Warning'))}</dt><dd>${esc(warning)}</dd><dt>${esc(ctx.t('目标值', 'Target'))}</dt><dd>${esc(ctx.t(horizonsOf(plan).map((h) => `${targetOf(ind, h).text}（${h} 年）`).join('；'), horizonsOf(plan).map((h) => `${targetOf(ind, h).textEn} (${h})`).join('; ')))}</dd><dt>${esc(ctx.t('现状值', 'Baseline'))}</dt><dd>${esc(ind.baseline.noData ? ctx.t('暂无统计数据', 'no data') : `${ind.baseline.text}${unitSuffix(ind.unit)} (${ind.baseline.year})`)}</dd></dl>
<p><a href="${esc(ctx.page('methods.html'))}">${esc(ctx.t('状态与进展的判定方法', 'How status and progress are decided'))}</a></p></section>
<section aria-labelledby="chart"><h2 id="chart">${esc(ctx.t('历年数值', 'Values over the years'))}</h2>${chart}${table}</section>
<section aria-labelledby="meta"><h2 id="meta">${esc(ctx.t('指标说明', 'About the indicator'))}</h2>
<dl class="facts"><dt>${esc(ctx.t('定义', 'Definition'))}</dt><dd>${esc(ctx.t(def.zh, def.en))}</dd><dt>${esc(ctx.t('单位', 'Unit'))}</dt><dd>${esc(ind.unit)}</dd><dt>${esc(ctx.t('责任单位', 'Responsible department'))}</dt><dd>${esc(ind.departments.join('、'))}</dd><dt>${esc(ctx.t('数据来源', 'Data source'))}</dt><dd>${esc(md.sources.join('；') || ctx.t('尚无已审定数值', 'no approved values yet'))}</dd><dt>${esc(ctx.t('最近更新', 'Last update'))}</dt><dd>${esc(md.lastUpdate?.slice(0, 10) ?? '—')}</dd></dl></section>
${counties}
<section aria-labelledby="dl"><h2 id="dl">${esc(ctx.t('下载', 'Downloads'))}</h2><ul>${downloads}</ul></section>
<nav aria-label="${esc(ctx.t('上一项与下一项指标', 'Previous and next indicator'))}" class="pager">${prev ? `<a href="${esc(ctx.page(`indicators/${prev.code}.html`))}" rel="prev">← ${prev.code}. ${esc(indName(ctx, prev))}</a>` : ''}${next ? `<a href="${esc(ctx.page(`indicators/${next.code}.html`))}" rel="next">${next.code}. ${esc(indName(ctx, next))} →</a>` : ''}</nav>`,
    'indicators.html',
    def.zh,
  );
}

/** Counties' latest approved values of an indicator: a ranked bar chart and a table (a map only with configured boundaries). */
function countySection(m: PortalModel, ctx: PageContext, ind: Indicator, id: string, level: 2 | 3 = 2): string {
  const t = subRegionTerm(m.plan);
  const values = countyValues(m, ind);
  const heading = `<h${level} id="${id}">${esc(level === 2 ? ctx.t(`各${t.zh}`, `By ${t.en}`) : `${ind.code}. ${indName(ctx, ind)}`)}</h${level}>`;
  if (!values.length) return level === 2 ? `<section aria-labelledby="${id}">${heading}<p>${esc(ctx.t(`尚无各${t.zh}的已审定数值；该指标按${planRegionName(m.plan)}评估。`, `No approved ${t.en} values: the indicator is evaluated for the plan's whole area.`))}</p></section>` : '';
  const numeric = values.filter((v) => v.obs.valueText !== null && Number.isFinite(Number(v.obs.valueText)));
  // Ranked best first in the indicator's direction (lower is better for decreasing indicators).
  const ranked = [...numeric].sort((a, b) => (ind.direction === 'decrease' ? Number(a.obs.valueText) - Number(b.obs.valueText) : Number(b.obs.valueText) - Number(a.obs.valueText)));
  const regionName = (r: { name: string; nameEn: string }) => ctx.t(r.name, r.nameEn);
  let chart = '';
  if (ranked.length) {
    const desc = ranked.map((v, i) => `${i + 1}. ${regionName(v.region)} ${v.obs.valueText} (${v.obs.year})`).join('; ');
    chart = `<figure>${barChartSvg({ title: ctx.t(`${ind.name}：各${t.zh}排名`, `${ind.nameEn}: ${t.enPlural.toLowerCase()} ranked`), desc, unit: ind.unit, bars: ranked.map((v) => ({ label: regionName(v.region), value: Number(v.obs.valueText), valueLabel: `${v.obs.valueText} (${v.obs.year})` })) }, id + '-bar')}</figure>`;
    if (m.geo) {
      const map = choroplethSvg(m.geo.geojson, new Map(ranked.map((v) => [v.region.code, { value: Number(v.obs.valueText), label: `${regionName(v.region)} ${v.obs.valueText}` }])), ctx.t(`${ind.name}：分县地图`, `${ind.nameEn}: map`), desc, id + '-map');
      if (map) chart += `<figure>${map}<figcaption>${esc(ctx.t(`审图号：${m.geo.approvalNo}`, `Map approval number (审图号): ${m.geo.approvalNo}`))}</figcaption></figure>`;
    }
  }
  const rank = new Map(ranked.map((v, i) => [v.region.code, i + 1]));
  const rows = [...values]
    .sort((a, b) => (rank.get(a.region.code) ?? 99) - (rank.get(b.region.code) ?? 99))
    .map((v) => `<tr><td class="num">${rank.get(v.region.code) ?? '—'}</td><th scope="row">${esc(regionName(v.region))}</th><td>${esc(valueText(ctx, ind, v.obs))}${demoMark(ctx, v.obs.isDemo)}</td><td>${v.obs.year}</td></tr>`)
    .join('');
  return `<section aria-labelledby="${id}">${heading}${chart}<div class="table-wrap" role="region" aria-label="${esc(ctx.t(`各${t.zh}数值表`, `${capital(t.en)} values`))}" tabindex="0"><table><caption>${esc(ctx.t(`${ind.name}：各${t.zh}最新已审定值`, `${ind.nameEn}: latest approved ${t.en} values`))}</caption><thead><tr><th scope="col">${esc(ctx.t('排名', 'Rank'))}</th><th scope="col">${esc(ctx.t('行政区', capital(t.en)))}</th><th scope="col">${esc(ctx.t('数值', 'Value'))}</th><th scope="col">${esc(ctx.t('年份', 'Year'))}</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

export function countiesPage(m: PortalModel, ctx: PageContext): string {
  const sections = m.plan.indicators.map((ind) => countySection(m, ctx, ind, `k${ind.code}`, 3)).filter(Boolean);
  const t = subRegionTerm(m.plan);
  const mapNote = m.geo
    ? ctx.t(`地图边界来自规划文件夹（或部署方的替换），审图号：${m.geo.approvalNo}。`, `Boundaries from the plan folder (or the deployment's override); approval number ${m.geo.approvalNo}.`)
    : ctx.t('本站未配置经审核批准的行政区划边界（GeoJSON 与审图号），因此以排名条形图和表格展示，不显示地图。', `No boundaries approved for publication (GeoJSON and 审图号) are configured, so ${t.enPlural.toLowerCase()} are shown as ranked bar charts and tables, not as a map.`);
  return page(
    m,
    ctx,
    ctx.t(`各${t.zh}`, t.enPlural),
    `<h1>${esc(ctx.t(`各${t.zh}`, t.enPlural))}</h1><p>${esc(ctx.t(`各${t.zh}报送并经审定的最新数值，按指标方向排名（越好越靠前）。`, `The latest approved values ${t.enPlural.toLowerCase()} reported, ranked best first in each indicator’s direction.`))} ${esc(mapNote)}</p>${sections.join('') || `<p>${esc(ctx.t(`尚无各${t.zh}的已审定数值。`, `No approved ${t.en} values yet.`))}</p>`}`,
  );
}

export function openDataPage(m: PortalModel, ctx: PageContext): string {
  const file = (path: string, zh: string, en: string) => `<li><a href="${esc(ctx.root(path))}" download>${esc(ctx.t(zh, en))}</a> <span class="year">${esc(path.split('/').pop()!)}</span></li>`;
  const perIndicator = m.plan.indicators
    .map((ind) => `<tr><td class="num">${ind.code}</td><th scope="row"><a href="${esc(ctx.page(`indicators/${ind.code}.html`))}">${esc(indName(ctx, ind))}</a></th>${['csv', 'xlsx', 'json'].map((ext) => `<td><a href="${esc(ctx.root(`open-data/indicator-${ind.code}.${ext}`))}" download aria-label="${esc(ctx.t(`指标 ${ind.code} ${ext.toUpperCase()}`, `Indicator ${ind.code} ${ext.toUpperCase()}`))}">${ext.toUpperCase()}</a></td>`).join('')}</tr>`)
    .join('');
  return page(
    m,
    ctx,
    ctx.t('数据开放', 'Open data'),
    `<h1>${esc(ctx.t('数据开放（信息公开）', 'Open data'))}</h1>
<p>${esc(ctx.t('本站展示的每一个数字均可下载：CSV（UTF-8 带 BOM，可直接用 Excel 打开）、Excel（.xlsx）和 JSON，均附元数据（定义、单位、责任单位、数据来源、更新时间、许可）。只含经审核审定的数值。', 'Every number on this site can be downloaded as CSV (UTF-8 with BOM, opens in Excel), Excel (.xlsx) and JSON, with metadata (definition, unit, department, source, last update, licence). Approved values only.'))}</p>
<h2>${esc(ctx.t('全部数据', 'All data'))}</h2>
<ul class="files">${file('open-data/ecoplan-open-data.zip', '一次下载全部数据（ZIP）', 'Everything in one download (ZIP)')}${file('open-data/indicators.csv', '指标值（CSV）：每个指标、行政区和年份一行', 'Indicator values (CSV): one row per indicator, region and year')}${file('open-data/indicators.xlsx', '指标值、元数据、评估与重点工程（Excel）', 'Values, metadata, evaluation and projects (Excel)')}${file('open-data/indicators.json', '指标值与元数据（JSON）', 'Values and metadata (JSON)')}${file('open-data/metadata.csv', '指标元数据（CSV）', 'Indicator metadata (CSV)')}${file('open-data/evaluation.csv', '历年评估结果（CSV）', 'Evaluation by year (CSV)')}${file('open-data/evaluation.json', '历年评估结果（JSON）', 'Evaluation by year (JSON)')}${file('open-data/assigned.csv', '上级下达目标值（CSV）', 'Figures assigned by higher authorities (CSV)')}${file('open-data/projects.csv', '重点工程进展（CSV）', 'Key project progress (CSV)')}${file('open-data/projects.json', '重点工程进展（JSON）', 'Key project progress (JSON)')}</ul>
<h2>${esc(ctx.t('字段说明', 'Columns'))}</h2>
<p>${esc(ctx.t('indicator_code 指标序号，indicator_name 指标名称，unit 单位，region_code 行政区代码（GB/T 2260），region_name 行政区，year 年份，value 数值（精确十进制文本），state 定性状态，source 数据来源，version 版本（数值修改时递增，旧版本不覆盖），updated_at 更新时间（UTC），is_demo 是否示例数据。', 'indicator_code, indicator_name, unit, region_code (GB/T 2260), region_name, year, value (exact decimal text), state (qualitative), source, version (a change is a new version), updated_at (UTC), is_demo (example data).'))}</p>
<p>${esc(ctx.t('许可', 'Licence'))}: <a href="${esc(LICENCE.url)}" rel="license">${esc(ctx.t(LICENCE.zh, LICENCE.en))}</a>。${esc(ctx.t(`数据版本 ${m.dataVersion}。`, `Data version ${m.dataVersion}.`))}</p>
<h2>${esc(ctx.t('分指标下载', 'By indicator'))}</h2>
<div class="table-wrap" role="region" aria-label="${esc(ctx.t('分指标下载', 'By indicator'))}" tabindex="0"><table><caption>${esc(ctx.t('每项指标的数据与元数据', 'Data and metadata of each indicator'))}</caption><thead><tr><th scope="col">${esc(ctx.t('序号', 'No.'))}</th><th scope="col">${esc(ctx.t('指标', 'Indicator'))}</th><th scope="col">CSV</th><th scope="col">Excel</th><th scope="col">JSON</th></tr></thead><tbody>${perIndicator}</tbody></table></div>`,
  );
}

const KIND = { plan: { zh: '规划文本', en: 'Plan text' }, annual_report: { zh: '年度评估报告', en: 'Annual assessment report' }, other: { zh: '其他文件', en: 'Other document' } } as const;

export function documentsPage(m: PortalModel, ctx: PageContext): string {
  const rows = [...m.documents]
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
    .map((d) => `<tr><th scope="row"><a href="${esc(ctx.root(d.sitePath))}">${esc(ctx.t(d.title, d.titleEn || d.title))}</a></th><td>${esc(ctx.t(KIND[d.kind].zh, KIND[d.kind].en))}</td><td>${d.year ?? '—'}</td><td>${esc(d.publishedAt.slice(0, 10))}</td><td class="num">${(d.size / 1024).toFixed(0)} KB</td></tr>`)
    .join('');
  const caption = ctx.t('已发布文件', 'Published documents');
  return page(
    m,
    ctx,
    ctx.t('信息公开文件', 'Documents'),
    `<h1>${esc(ctx.t('信息公开文件', 'Published documents'))}</h1><p>${esc(ctx.t('规划文本、年度评估报告（只用已审定数据生成）及审核人员发布的其他文件。', 'The plan text, annual assessment reports (generated from approved data only) and other documents published by reviewers.'))}</p>${
      rows
        ? `<div class="table-wrap" role="region" aria-label="${esc(caption)}" tabindex="0"><table><caption>${esc(caption)}</caption><thead><tr><th scope="col">${esc(ctx.t('文件', 'Document'))}</th><th scope="col">${esc(ctx.t('类别', 'Kind'))}</th><th scope="col">${esc(ctx.t('年度', 'Year'))}</th><th scope="col">${esc(ctx.t('发布日期', 'Published'))}</th><th scope="col">${esc(ctx.t('大小', 'Size'))}</th></tr></thead><tbody>${rows}</tbody></table></div>`
        : `<p>${esc(ctx.t('暂无已发布的文件。', 'No documents published yet.'))}</p>`
    }`,
  );
}

export function methodsPage(m: PortalModel, ctx: PageContext): string {
  const spans = horizonSpans(m.plan);
  const spansZh = spans.map((s) => (s.from === null ? `${s.horizon} 年及以前适用 ${s.horizon} 年目标` : `${s.from} 年起适用 ${s.horizon} 年目标`)).join('，');
  const spansEn = spans.map((s) => (s.from === null ? `The ${s.horizon} target applies up to ${s.horizon}` : `the ${s.horizon} target from ${s.from}`)).join(', ');
  const levels = Object.values(PROGRESS_LEVELS).map((l) => `<li>${esc(ctx.t(l.zh, l.en))}</li>`).join('');
  const zh = `<h1>评估方法</h1>
<p>本站的每项状态都由与管理平台相同的评估程序计算，只使用经审核审定的最新版本数值（管理平台的“公开评估”）；填报中、待审核的数值不会出现在本站。</p>
<h2>适用的目标</h2><p>${spansZh}。规划范围（${esc(m.plan.regions.find((r) => r.code === m.plan.meta.region)?.name ?? m.plan.meta.shortName)}）基准年的数值为规划表1的现状值，除非已报送该年数值。</p>
<h2>达标判定</h2><ul><li>数值目标（≥、≤）：当年数值满足界限即达标，数值按精确十进制比较，不四舍五入（74.59 未达到 ≥74.6）。</li><li>“城市/县城”分列目标：市辖区按城市目标，县和县级市按县城目标。</li><li>定性目标（建立、制定实施等）：报送的状态与目标状态一致即达标；目标年之前尚未达到的为未达标并给出黄色预警。</li><li>“不降低”“面积不减少”：不低于现状值；“逐步下降”：低于上一年；“保持稳定或持续改善”：不劣于上一年。</li><li>“完成上级下达任务”：当年数值达到上级下达的该年目标值；目标值未录入时为无数据。</li><li>无数据：当年没有已审定数值；不适用：目标不适用于该行政区。</li></ul>
<h2>进展</h2><p>对有方向的数值指标，按联合国统计司可持续发展目标进展图（SDG Progress Chart）的方法：比较自现状值以来的实际年均增长率与到目标年达到目标所需的年均增长率，分为：</p><ul>${levels}</ul><p>指标页图中的虚线即“达标所需路径”：自现状值按固定年均变化率到达目标值。</p>
<h2>预警</h2><ul><li>红色：约束性指标未达标、预计到目标年无法达标或停滞倒退。</li><li>黄色：参考性指标出现上述情况，或约束性指标进展缓慢。</li><li>数据缺失：当年无数据。</li></ul>
<h2>示范区指标条件</h2><p>全部约束性指标达标即具备申报国家生态文明建设示范区的指标条件；无数据的约束性指标单列。</p>`;
  const en = `<h1>Methods</h1>
<p>Every status on this site comes from the same evaluation as the staff console, over the latest approved version of each value (the console’s official view); values in entry or awaiting review never appear here.</p>
<h2>Which target</h2><p>${spansEn}. The plan area’s base-year value is the plan’s table 1 baseline unless a value was reported for that year.</p>
<h2>Attainment</h2><ul><li>Numeric targets (≥, ≤): attained when the year’s value meets the bound, compared as exact decimals without rounding (74.59 does not meet ≥74.6).</li><li>Split targets (城市/县城): districts take the city target, counties the county target.</li><li>Qualitative targets (established, implemented …): attained when the reported state is the target state; before the target year a state not yet reached is not attained with a yellow warning.</li><li>“Not lower”: at least the baseline; “gradually decreasing”: below the previous year; “stable or improving”: no worse than the previous year.</li><li>Assigned targets: the year’s value meets the figure the higher authority assigned for the year; without that figure, no data.</li><li>No data: no approved value for the year; not applicable: the target does not apply to the region.</li></ul>
<h2>Progress</h2><p>For numeric indicators with a direction, the method of the UN Statistics Division’s SDG Progress Chart: the actual compound annual growth since the baseline against the rate required to reach the target by its year, graded as:</p><ul>${levels}</ul><p>The dashed line on each indicator page is that required path.</p>
<h2>Warnings</h2><ul><li>Red: a binding indicator not attained, projected to miss its target, or regressing.</li><li>Yellow: a reference indicator in one of those states, or a binding indicator progressing marginally.</li><li>Data missing: no data for the year.</li></ul>
<h2>Demonstration-zone readiness</h2><p>Every binding indicator attained; binding indicators without data are listed separately.</p>`;
  return page(m, ctx, ctx.t('评估方法', 'Methods'), ctx.lang === 'zh' ? zh : en);
}

export function aboutPage(m: PortalModel, ctx: PageContext): string {
  const zh = `<h1>关于本站与无障碍声明</h1>
<p>本站公开${esc(m.plan.meta.name)}的实施情况：指标、目标、评估结果、重点工程进展与信息公开文件。页面在服务器端生成，关闭 JavaScript 也可完整浏览；全部数据可在“数据开放”页下载。</p>
<h2>无障碍</h2><p>本站按照 WCAG 2.1 AA 级与 GB/T 37668-2019《信息技术 互联网内容无障碍可访问性技术要求与测试方法》设计：文字与背景对比度不低于 4.5:1；提供“跳到主要内容”链接、页面区域标记和表格标题；全部功能可用键盘操作，焦点清晰可见；每个图表都附有相同数据的表格；状态以文字和符号表示，不只依靠颜色；适配手机屏幕。</p>
<h2>大字版（适老化）</h2><p>点击页面顶部的“大字版（适老化）”进入大字版，字号放大、行距加宽，不需要 JavaScript，浏览其他页面时保持；点击“标准字号”返回。</p>
<h2>数据</h2><p>数据版本 ${esc(m.dataVersion)}。数值经责任单位报送、牵头单位审核审定后发布；修改以新版本记录，旧版本不被覆盖。</p>`;
  const en = `<h1>About this site and accessibility</h1>
<p>This site publishes how ${esc(m.plan.meta.nameEn)} is being implemented: indicators, targets, evaluation, key project progress and published documents. Pages are rendered on the server and work fully without JavaScript; all data can be downloaded from the open data page.</p>
<h2>Accessibility</h2><p>The site is built to WCAG 2.1 level AA and GB/T 37668-2019: text contrast at least 4.5:1; a skip link, landmarks and table captions; everything works with the keyboard with a visible focus; every chart has a table of the same data; status is given in words and symbols, not by colour alone; the layout adapts to phones.</p>
<h2>Large text</h2><p>“Large text” at the top of each page switches to larger type and spacing without JavaScript, and stays on as you browse; “Standard text” switches back.</p>
<h2>Data</h2><p>Data version ${esc(m.dataVersion)}. Values are reported by the responsible departments and published once the lead department approves them; a change is recorded as a new version, never overwriting the old one.</p>`;
  return page(m, ctx, ctx.t('关于本站', 'About'), ctx.lang === 'zh' ? zh : en);
}
