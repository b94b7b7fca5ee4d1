// The assessment of a year as an Excel workbook: the ranking, every item's points with its value,
// target, rule and source, and the counties' composite index — the same figures as the API and the report.
import ExcelJS from 'exceljs';
import type { AssessmentReportInput } from './assessmentSection.js';

export async function assessmentWorkbook(input: AssessmentReportInput): Promise<Buffer> {
  const { result, plan } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ecoplan';
  const bold = (ws: ExcelJS.Worksheet) => {
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  };

  const ranking = wb.addWorksheet('排名 Ranking');
  ranking.columns = [
    { header: '类别 kind', key: 'kind', width: 12 },
    { header: '代码 code', key: 'code', width: 10 },
    { header: '考核对象 name', key: 'name', width: 30 },
    { header: '得分 score', key: 'score', width: 10 },
    { header: '名次 rank', key: 'rank', width: 8 },
    { header: '等级 grade', key: 'grade', width: 10 },
    { header: '一票否决 vetoed', key: 'vetoed', width: 10 },
    { header: `上年得分 ${result.previousYear ?? ''}`, key: 'previous', width: 12 },
    { header: '较上年 change', key: 'change', width: 10 },
    { header: '综合指数 index', key: 'index', width: 10 },
    { header: '指数名次 index rank', key: 'indexRank', width: 10 },
    { header: '缺数据项 missing', key: 'missing', width: 10 },
  ];
  for (const s of result.subjects)
    ranking.addRow({
      kind: s.kind === 'region' ? '县（市、区）' : '部门',
      code: s.code,
      name: s.name,
      score: s.score,
      rank: s.rank,
      grade: s.grade,
      vetoed: s.vetoed ? '是' : '',
      previous: s.previous?.score ?? null,
      change: s.change,
      index: s.index?.value ?? null,
      indexRank: s.index?.rank ?? null,
      missing: s.missingCount,
    });
  bold(ranking);

  const items = wb.addWorksheet('得分明细 Items');
  items.columns = [
    { header: '考核对象 subject', key: 'subject', width: 24 },
    { header: '类型 item kind', key: 'kind', width: 10 },
    { header: '指标 indicator', key: 'indicator', width: 8 },
    { header: '考核项 item', key: 'name', width: 36 },
    { header: '数值 value', key: 'value', width: 12 },
    { header: '目标 target', key: 'target', width: 16 },
    { header: '计分规则 rule', key: 'rule', width: 16 },
    { header: '得分 points', key: 'points', width: 9 },
    { header: '分值 of', key: 'max', width: 9 },
    { header: '说明 reason', key: 'reason', width: 70 },
    { header: '数据来源 source', key: 'source', width: 50 },
  ];
  for (const s of result.subjects)
    for (const i of s.items)
      items.addRow({
        subject: s.name,
        kind: i.kind,
        indicator: i.indicator,
        name: i.kind === 'project' ? `${i.project} ${i.name}` : i.name,
        value: i.kind === 'indicator' ? (i.value ? (i.value.valueText ?? i.value.state) : '无数据 no data') : null,
        target: i.kind === 'indicator' ? i.target.text : null,
        rule: i.rule,
        points: i.points,
        max: i.maxPoints,
        reason: i.reason.zh,
        source: i.kind === 'indicator' ? i.observations.map((o) => `${o.year} ${o.source}${o.isDemo ? '（示例数据）' : ''}`).join('；') : null,
      });
  bold(items);

  const index = wb.addWorksheet('综合指数 Index');
  const codes = result.index.regions[0]?.indicators.map((x) => x.code) ?? [];
  index.columns = [
    { header: '县（市、区）', key: 'name', width: 18 },
    { header: '综合指数', key: 'value', width: 10 },
    { header: '名次', key: 'rank', width: 8 },
    ...result.index.categories.map((c) => ({ header: `${c.name}（${c.weight}%）`, key: `c-${c.id}`, width: 14 })),
    ...codes.flatMap((code) => [
      { header: `指标${code} 数值`, key: `v-${code}`, width: 12 },
      { header: `指标${code} 个体指数`, key: `y-${code}`, width: 12 },
    ]),
  ];
  for (const r of result.index.regions) {
    const row: Record<string, unknown> = { name: r.name, value: r.value, rank: r.rank };
    for (const c of r.categories) row[`c-${c.id}`] = c.value;
    for (const x of r.indicators) {
      row[`v-${x.code}`] = x.value;
      row[`y-${x.code}`] = x.scaled;
    }
    index.addRow(row);
  }
  bold(index);

  const about = wb.addWorksheet('说明 About');
  about.addRows([
    ['规划 plan', plan.meta.name],
    ['考核年度 year', result.year],
    ['考核方案 scheme', `${result.scheme.name}（${result.scheme.id} 第 ${result.scheme.version} 版）`],
    ['方案摘要 scheme hash', result.scheme.hash],
    ['正式结果 published', input.published ? `${input.published.publishedAt} ${input.published.publishedBy}` : '尚未发布 not published'],
    ['发布后差异 differences', input.differences.length],
    ['数据 data', '只用已审定的指标值 / approved values only'],
  ]);
  about.getColumn(1).width = 24;
  about.getColumn(2).width = 70;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
