// What the report says about the editions of the ambient-air standards behind indicators 7 (优良天数比例) and 8 (PM2.5
// 年均浓度): which editions produce a year's values, the rule for 2026 (a year spanning the switch), which values compare
// across the switch, and what is not implemented because HJ 663-2026's text was not available. Generated
// from the year and src/standards/editions.ts; docs/methods/air-assessment.md is the long form.
import { SPANNING_YEAR_RULE } from '../standards/airAssessment.js';
import { editionsOn, HJ663_2026_GAP, PHASE_LABEL, SWITCH_DATE } from '../standards/editions.js';
import type { IndicatorRow } from './model.js';

/** The plan's air indicators computed from monitoring data: 7 (good-day ratio) and 8 (PM2.5 annual mean). */
export function airIndicatorRows(rows: readonly IndicatorRow[]): { goodDays: IndicatorRow | null; pm25: IndicatorRow | null } {
  const find = (code: number, name: RegExp) => rows.find((r) => r.ind.code === code && name.test(r.ind.name)) ?? null;
  return { goodDays: find(7, /优良天数/), pm25: find(8, /PM2\.5|细颗粒物/) };
}

/** The editions in force over a calendar year, in words: one set, or the two either side of 2026-03-01. */
export function airEditionsText(year: number): string {
  const first = editionsOn(`${year}-01-01`);
  const last = editionsOn(`${year}-12-31`);
  const phase = last.phase ? `（${PHASE_LABEL[last.phase].zh}）` : '';
  if (first.aqi === last.aqi) return `${last.aqi}、${last.quality}${phase}、${last.assessment}`;
  return `1—2 月 ${first.aqi}，3 月 1 日起 ${last.aqi}；年评价对照 ${last.quality}${phase}、${last.assessment}`;
}

/** The note under a domain table that lists indicator 7 or 8. */
export function airIndicatorNote(year: number, rows: readonly IndicatorRow[]): string | null {
  const { goodDays, pm25 } = airIndicatorRows(rows);
  if (!goodDays && !pm25) return null;
  const parts = [`注：由监测数据计算时，${year} 年空气质量指标按 ${airEditionsText(year)} 计算。`];
  if (goodDays)
    parts.push(
      year >= 2026
        ? `指标 ${goodDays.ind.code}“${goodDays.ind.name}”自 ${SWITCH_DATE} 起按 HJ 633-2026 统计（PM2.5、PM10 分级收紧，日报不含臭氧 1 小时值），与 2025 年及以前按 HJ 633-2012 的值不可直接比较，其进展（基准年至本年）仅供参考；比较各年请用按新标准重新评价的值（监测模块“按新标准对比”）。`
        : `指标 ${goodDays.ind.code}“${goodDays.ind.name}”按 HJ 633-2012 统计；自 ${SWITCH_DATE} 起的值按 HJ 633-2026，与本年值不可直接比较。`,
    );
  if (pm25) parts.push(`指标 ${pm25.ind.code}“${pm25.ind.name}”为浓度值，${SWITCH_DATE} 前后算法相同，可以比较（达标所对照的限值随 GB 3095 版本变化）。`);
  return parts.join('');
}

/** The paragraphs of the data-gaps section on the air standards: editions, the 2026 rule, and the HJ 663-2026 gap. */
export function airEditionParagraphs(year: number): string[] {
  const out = [`${year} 年环境空气质量按 ${airEditionsText(year)} 评价（由监测数据计算的指标 7、8）。`];
  if (year === 2026) out.push(`2026 年跨越标准更替：${SPANNING_YEAR_RULE.zh}`);
  if (year >= 2026)
    out.push(
      `HJ 663-2026《环境空气质量评价技术规范》的文本未能取得核实：其新增的例外事件、三年滑动平均评价和数据修约要求未纳入计算；年均浓度与百分位数${HJ663_2026_GAP.zh}，已知部分（臭氧日最大 8 小时平均的有效性、GB 3095-2026 表4 数据有效性）与 2013 版相同。待取得正式文本后核实并更新。`,
    );
  else out.push(`自 ${SWITCH_DATE} 起 GB 3095-2026、HJ 633-2026、HJ 663-2026 施行；此后年份的优良天数比例与本年不可直接比较，监测模块可给出本年按新标准重新评价的结果。`);
  return out;
}
