// The annual report's GEP chapter: the region's gross ecosystem product of the report's year by the
// specification — total, categories, items, per capita, GEP/GDP —, the change from the previous year split into
// quantity and price effects, and, for the plan's region, the counties. Every figure comes from the functions the
// GEP API answers with (src/store/gepQueries.ts over the pure src/gep), so the report and the console agree to
// the fen. Pure: the caller reads the facts and prices (src/reports/gepStore.ts).
import { GepError } from '../gep/errors.js';
import { accountJson } from '../gep/present.js';
import { accountOf, compareResponse, regionTotals } from '../store/gepQueries.js';
import type { Block } from './document.js';
import { DEMO_LABEL, listZh, percentText } from './format.js';
import type { ReportModel } from './model.js';
import type { ReportSection } from './document.js';
import { hasExtent } from './gepFacts.js';
import { subRegions } from '../plan/views.js';

const DEMO_NOTE = `注：标“*”的数值为${DEMO_LABEL}（演示用，非真实统计），不得作为正式统计数据引用。`;
const SPEC_NAME = '《生态产品总值核算规范（试行）》';

const h = (level: 1 | 2, title: string): Block => ({ type: 'heading', level, title, numbered: true });
const p = (text: string, tone: 'normal' | 'conclusion' | 'warning' = 'normal'): Block => ({ type: 'paragraph', text, tone });
/** A share of two fen amounts as a percentage text ("12.35"). */
const share = (part: string, whole: string) => (Number(whole) === 0 ? '0.00' : percentText(Number(part) / Number(whole)));
const signed = (yi: string) => (yi.startsWith('-') ? `减少 ${yi.slice(1)}` : `增加 ${yi}`);

function build(m: ReportModel): Block[] | null {
  const gep = m.gep;
  if (!gep) return null;
  const { plan, year, region } = m;
  const title = '生态产品总值（GEP）核算';
  if (!hasExtent(gep.data, region.code, year))
    return [h(1, title), p(`${region.name} ${year} 年暂无数据：尚无生态系统范围（各类型面积）数据，无法核算生态产品总值。录入或导入范围账户及各核算项目的数据后，本章将自动生成。`)];

  const demo = gep.demoRegionYears.has(`${region.code}|${year}`);
  const mark = (t: string) => (demo ? `${t}*` : t);
  let acc: ReturnType<typeof accountJson>;
  try {
    acc = accountJson(accountOf(plan, gep.data, region.code, year).account);
  } catch (e) {
    if (!(e instanceof GepError)) throw e;
    return [h(1, title), p(`${region.name} ${year} 年的 GEP 未能核算：${e.message}`, 'warning')];
  }

  const blocks: Block[] = [h(1, title)];
  const cats = acc.byCategory.map((c) => `${c.zh} ${mark(c.yi)}亿元（${share(c.yuan, acc.total.yuan)}%）`);
  const extra: string[] = [];
  if (acc.perCapita) extra.push(`人均 GEP ${mark(acc.perCapita.yuan)}元`);
  if (acc.gepToGdp) extra.push(`GEP 相当于同年地区生产总值的 ${mark(percentText(Number(acc.gepToGdp)))}%`);
  blocks.push(
    p(
      `依据${SPEC_NAME}（发改基础〔2022〕481号），按当年价核算，${region.name} ${year} 年生态产品总值（GEP）为 ${mark(acc.total.yi)}亿元，其中${listZh(cats)}。` +
        (extra.length ? `${extra.join('；')}。` : '') +
        (demo ? `本章使用${DEMO_LABEL}，仅用于演示核算方法。` : ''),
      'conclusion',
    ),
  );

  // Items that count in the total and have a value, largest first.
  const items = acc.items.filter((i) => i.included && Number(i.yuan) !== 0).sort((a, b) => Number(b.yuan) - Number(a.yuan));
  const catName = new Map(acc.byCategory.map((c) => [c.id, c.zh]));
  blocks.push({
    type: 'table',
    title: `${region.name}生态产品总值核算结果（${year}年，当年价）`,
    columns: [
      { title: '核算项目', width: 3.2, align: 'left' },
      { title: '类别', width: 2.2 },
      { title: '价值量（亿元）', width: 2.4, align: 'right' },
      { title: '占比（%）', width: 1.8, align: 'right' },
    ],
    rows: [...items.map((i) => [i.zh, catName.get(i.category) ?? i.category, mark(i.yi), share(i.yuan, acc.total.yuan)]), ['合计', '', mark(acc.total.yi), '100.00']],
    totalRow: true,
    notes: [
      '注：价值量按分计算后汇总，各项之和等于合计；亿元数按四舍五入保留两位小数。未计入总值的项目（如与水源涵养重复的水资源、释氧）未列出。',
      ...(acc.items.some((i) => i.included && i.status !== 'complete') ? [`注：${listZh(acc.items.filter((i) => i.included && i.status !== 'complete').map((i) => i.zh))}缺少部分输入数据，其价值量可能偏低。`] : []),
      ...(demo ? [DEMO_NOTE] : []),
    ],
  });

  // Change from the previous year, when both years have an account.
  const prev = year - 1;
  if (hasExtent(gep.data, region.code, prev)) {
    try {
      const c = compareResponse(plan, gep.data, region.code, prev, year);
      const demoPrev = demo || gep.demoRegionYears.has(`${region.code}|${prev}`);
      const mk = (t: string) => (demoPrev ? `${t}*` : t);
      blocks.push(h(2, '与上年比较'));
      blocks.push(
        p(
          `与 ${prev} 年（${mk(c.fromTotal.yi)}亿元）相比，${year} 年 GEP ${signed(mk(c.change.yi))}亿元；按对称分解，其中实物量变化（数量效应）${signed(mk(c.quantityEffect.yi))}亿元，价格变化（价格效应）${signed(mk(c.priceEffect.yi))}亿元，二者之和等于总变化。`,
        ),
      );
    } catch (e) {
      if (!(e instanceof GepError)) throw e;
      blocks.push(h(2, '与上年比较'), p(`与 ${prev} 年的比较未能完成：${e.message}`, 'warning'));
    }
  }

  // The counties, in the plan region's chapter.
  if (m.isPlanRegion) {
    const subCodes = new Set(subRegions(plan).map((r) => r.code));
    let counties: ReturnType<typeof regionTotals> = [];
    try {
      counties = regionTotals(plan, gep.data, year).filter((r) => subCodes.has(r.region));
    } catch (e) {
      if (!(e instanceof GepError)) throw e;
      blocks.push(p(`各区县 GEP 未能全部核算：${e.message}`, 'warning'));
    }
    if (counties.length) {
      const sorted = [...counties].sort((a, b) => Number(b.total.yuan) - Number(a.total.yuan));
      const demoAny = sorted.some((r) => gep.demoRegionYears.has(`${r.region}|${year}`));
      const mk = (r: { region: string }, t: string) => (gep.demoRegionYears.has(`${r.region}|${year}`) ? `${t}*` : t);
      const missing = subRegions(plan).filter((r) => !counties.some((c) => c.region === r.code));
      blocks.push(h(2, '各区县生态产品总值'));
      blocks.push(
        p(
          `${year} 年已核算 ${counties.length} 个县级行政区，GEP 最高的是${sorted[0]!.name}（${mk(sorted[0]!, sorted[0]!.total.yi)}亿元）` +
            (sorted.length > 1 ? `，最低的是${sorted.at(-1)!.name}（${mk(sorted.at(-1)!, sorted.at(-1)!.total.yi)}亿元）` : '') +
            `。${missing.length ? `${listZh(missing.map((r) => r.name))}尚无范围数据，未核算。` : ''}`,
        ),
      );
      blocks.push({
        type: 'chart',
        title: `各区县生态产品总值（${year}年，当年价）`,
        spec: {
          kind: 'hbar',
          width: 640,
          height: Math.max(200, 60 + sorted.length * 32),
          categories: sorted.map((r) => r.name),
          series: acc.byCategory.map((c, k) => ({
            name: c.zh,
            stack: 'gep',
            color: ['#c9a227', '#3a8a3f', '#2f5d8a'][k] ?? '#2f5d8a',
            values: sorted.map((r) => Number(r.byCategory.find((x) => x.id === c.id)?.yi ?? '0')),
          })),
          axisName: '亿元',
          legend: true,
        },
        notes: demoAny ? [`注：含${DEMO_LABEL}。`] : [],
      });
    }
  }

  blocks.push(
    p(
      `说明：各项目的实物量公式、定价方法与价格来源见平台“生态产品总值 GEP”页面及 GET /api/v1/plans/${plan.meta.id}/gep/spec；条款编号尚未逐条核对规范原文。当量因子法（谢高地等 2015）仅作筛查，其结果不计入本章。`,
    ),
  );
  return blocks;
}

export const gepSection: ReportSection = { id: 'gep', title: '生态产品总值（GEP）核算', build };
