// `ecoplan evaluate`: a year's evaluation as a Chinese table in the terminal, or JSON.
import { defaultEvaluationYear, evaluatePlan, ObservationIndex, type AttainmentStatus, type YearCoverage } from '../plan/evaluation.js';
import { horizonsOf, isHorizon } from '../plan/horizons.js';
import { PROGRESS_LEVELS } from '../plan/progress.js';
import { STATES } from '../plan/targets.js';
import { currentObservations } from '../store/observations.js';
import { openStore } from './store.js';

const STATUS_ZH: Record<AttainmentStatus, string> = { attained: '达标', not_attained: '未达标', no_data: '无数据', not_applicable: '不适用' };
const WARNING_ZH = { red: '红色', yellow: '黄色', grey: '灰色' } as const;

/** Pads by display width: CJK characters take two columns in a terminal. */
function pad(text: string, width: number): string {
  const w = [...text].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(0, width - w));
}

function cut(text: string, width: number): string {
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = /[^\x00-\xff]/.test(ch) ? 2 : 1;
    if (w + cw > width - 1) return out + '…';
    out += ch;
    w += cw;
  }
  return out;
}

export async function evaluate(opts: { year?: number; region?: string; horizon?: string; json?: boolean; db: string; planDir?: string }): Promise<number> {
  const store = await openStore(opts);
  if (!store) return 1;
  try {
    const { plan } = store;
    const region = opts.region ?? plan.meta.region;
    if (!plan.regions.some((r) => r.code === region)) {
      console.error(`✘ 未知的行政区“${region}”，可用：${plan.regions.map((r) => `${r.code} ${r.name}`).join('，')} / unknown region`);
      return 1;
    }
    if (opts.year !== undefined && (opts.year < plan.meta.baseYear || opts.year > plan.meta.period.end)) {
      console.error(`✘ 年份 ${opts.year} 超出规划范围 ${plan.meta.baseYear}–${plan.meta.period.end} / year outside the plan`);
      return 1;
    }
    if (opts.horizon !== undefined && !isHorizon(plan, opts.horizon)) {
      const allowed = horizonsOf(plan);
      console.error(`✘ 目标年“${opts.horizon}”不是本规划的目标年，应为 ${allowed.join('、')} 之一 / "${opts.horizon}" is not a horizon of this plan; expected one of ${allowed.join(', ')}`);
      return 1;
    }
    const observations = await currentObservations(store.db, plan.meta.id);
    const index = new ObservationIndex(observations);
    let year = opts.year;
    let chosen = '';
    if (year === undefined) {
      // The same default as the console's dashboards (GET …/evaluation/years).
      const last = Math.max(plan.meta.baseYear, Math.min(new Date().getFullYear(), plan.meta.period.end));
      const years: YearCoverage[] = [];
      for (let y = plan.meta.baseYear; y <= last; y++) years.push(evaluatePlan(plan, index, { year: y, region }).coverage);
      const pick = defaultEvaluationYear(years)!;
      year = pick.year;
      const later = years.filter((y) => y.year > pick.year && y.state === 'partial').map((y) => `${y.year} 年进行中（${y.decided}/${y.applicable} 项已判断）`);
      chosen =
        (pick.basis === 'complete' ? `未指定 --year：评估 ${year} 年，最近一个评估完整的年份` : pick.basis === 'most_covered' ? `未指定 --year：尚无评估完整的年份，评估已判断指标最多的 ${year} 年` : `未指定 --year：尚无数据，评估基准年 ${year}`) +
        (later.length ? `；${later.join('，')}` : '') +
        ` / no --year given: evaluating ${year} (${pick.basis === 'complete' ? 'the latest complete year' : pick.basis === 'most_covered' ? 'no complete year yet; the most covered one' : 'no data yet'})`;
    }
    const result = evaluatePlan(plan, index, { year, region, horizon: opts.horizon });
    if (chosen) console.error(chosen);
    if (opts.json) {
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      return 0;
    }
    console.log(`${plan.meta.name} · ${result.regionName} · ${result.year} 年评估`);
    console.log(pad('序号', 5) + pad('指标', 34) + pad('本年值', 14) + pad('目标', 26) + pad('达标情况', 10) + pad('进展', 12) + '预警');
    for (const e of result.indicators) {
      const value = e.value ? (e.value.valueText ?? STATES.find((s) => s.code === e.value!.state)?.zh ?? '') : '—';
      console.log(
        pad(String(e.code), 5) +
          pad(cut(e.name, 33), 34) +
          pad(cut(value + (e.provisional ? '*' : ''), 13), 14) +
          pad(cut(e.target.text, 25), 26) +
          pad(STATUS_ZH[e.status], 10) +
          pad(e.progress ? PROGRESS_LEVELS[e.progress.level].zh : '—', 12) +
          (e.warning ? WARNING_ZH[e.warning.level] : ''),
      );
    }
    const c = result.summary.counts;
    console.log(`\n达标 ${c.attained}，未达标 ${c.not_attained}，无数据 ${c.no_data}，不适用 ${c.not_applicable}；预警：红 ${c.red}，黄 ${c.yellow}，灰 ${c.grey}`);
    const cov = result.coverage;
    if (cov.state !== 'complete') console.log(`${result.year} 年评估尚不完整：${cov.applicable} 项适用指标中已判断 ${cov.decided} 项（依据已审定数值 ${cov.approved} 项）；无数据不计为未达标`);
    const r = result.summary.readiness;
    const gaps = [r.notAttained.length ? `未达标：${r.notAttained.map((n) => n.code).join('、')}` : '', r.noData.length ? `无数据、不能判断：${r.noData.map((n) => n.code).join('、')}` : ''].filter(Boolean);
    console.log(`约束性指标达标 ${r.bindingAttained}/${r.bindingTotal}${r.ready ? '，满足示范区要求' : `；${gaps.join('；')}`}`);
    if (result.indicators.some((e) => e.provisional)) console.log('* 含示例数据或未审定数据 / uses demo or unapproved data');
    return 0;
  } finally {
    await store.close();
  }
}
