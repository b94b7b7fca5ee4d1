// Investment roll-ups from GET /projects-summary: planned vs completed by year, table 2 by category (with shares),
// by lead unit and by region. Every printed figure is the server's exact decimal text; numbers only size the bars.
import { useMemo } from 'react';
import { Card, Col, Empty, Row, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Lang } from '../../i18n.js';
import { percentNumber } from './bits.js';
import { ProjectChart, type ProjectChartOption } from './Chart.js';
import { useProjectStrings, type ProjectStrings } from './strings.js';
import type { Rollup, SummaryResponse, YearRollup } from './types.js';
import { html, lines } from '../../html.js';

const num = (text: string | null) => percentNumber(text) ?? 0;
const label = (lang: Lang, r: Pick<Rollup, 'name' | 'nameEn'>) => (lang === 'en' && r.nameEn ? r.nameEn : r.name);
const verbatim = (v: number | string) => String(v);

function byYearOption(rows: YearRollup[], s: ProjectStrings): ProjectChartOption {
  const byYear = new Map(rows.map((r) => [String(r.year), r]));
  return {
    color: ['#8fb8e6', '#1a7f5a'],
    tooltip: {
      trigger: 'axis',
      formatter: (raw: unknown) => {
        const first = (raw as { axisValue?: string }[])[0];
        const r = first?.axisValue ? byYear.get(first.axisValue) : undefined;
        if (!r) return '';
        return lines([html`<b>${r.year}</b>`, `${s.charts.planned}: ${r.planned} ${s.charts.yuan}`, `${s.charts.completed}: ${r.completed} ${s.charts.yuan}`, `${s.charts.count}: ${r.count}`]);
      },
    },
    legend: { top: 0, data: [s.charts.planned, s.charts.completed] },
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'category', data: rows.map((r) => String(r.year)), axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', name: s.charts.yuan, splitLine: { lineStyle: { type: 'dashed' } } },
    series: [
      { type: 'bar', name: s.charts.planned, barMaxWidth: 22, data: rows.map((r) => num(r.planned)) },
      { type: 'bar', name: s.charts.completed, barMaxWidth: 22, data: rows.map((r) => num(r.completed)) },
    ],
  };
}

function rollupBarOption(rows: Rollup[], s: ProjectStrings, lang: Lang): ProjectChartOption {
  const names = rows.map((r) => label(lang, r));
  const byName = new Map(rows.map((r, i) => [names[i], r]));
  return {
    color: ['#b7d3c6', '#1a7f5a'],
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (raw: unknown) => {
        const first = (raw as { name?: string }[])[0];
        const r = first?.name ? byName.get(first.name) : undefined;
        if (!r) return '';
        return lines([
          html`<b>${first!.name}</b>`,
          `${s.charts.investment}: ${r.investment}（${r.share}%）`,
          `${s.charts.completedCol}: ${r.completed}`,
          `${s.charts.completion}: ${r.completionRate ?? '—'}`,
          `${s.charts.count}: ${r.count}`,
        ]);
      },
    },
    legend: { top: 0, data: [s.charts.investment, s.charts.completedCol] },
    grid: { left: 8, right: 48, top: 32, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'value', splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: names,
      axisTick: { show: false },
      axisLabel: { width: lang === 'en' ? 170 : 150, overflow: 'truncate', color: '#333' },
    },
    series: [
      {
        type: 'bar',
        name: s.charts.investment,
        barMaxWidth: 18,
        data: rows.map((r) => num(r.investment)),
        label: { show: true, position: 'right', formatter: (p: unknown) => rows[(p as { dataIndex: number }).dataIndex]?.investment ?? '', color: '#555', fontSize: 11 },
      },
      { type: 'bar', name: s.charts.completedCol, barMaxWidth: 18, data: rows.map((r) => num(r.completed)) },
    ],
  };
}

export function SummaryStats({ summary, warnings, retiredCount }: { summary: SummaryResponse; warnings: { level: string; projectNo: number }[]; retiredCount: number }) {
  const { s } = useProjectStrings();
  const t = summary.total;
  const redProjects = new Set(warnings.filter((w) => w.level === 'red').map((w) => w.projectNo)).size;
  const warnedProjects = new Set(warnings.map((w) => w.projectNo));
  const yellowProjects = [...warnedProjects].filter((no) => !warnings.some((w) => w.projectNo === no && w.level === 'red')).length;
  return (
    <Row gutter={[16, 16]} className="project-stats" data-testid="project-stats">
      <Col xs={12} lg={6}>
        <Card size="small" className="stat-card">
          <Statistic title={s.stats.count} value={t.count} formatter={verbatim} suffix={s.stats.countUnit} data-testid="stat-count" />
          {retiredCount > 0 && <Typography.Text type="secondary">{s.stats.retired(retiredCount)}</Typography.Text>}
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card size="small" className="stat-card">
          <Statistic title={s.stats.investment} value={t.investment} formatter={verbatim} suffix={s.charts.yuan} />
          <span data-testid="stat-investment" className="sr-value">
            {t.investment}
          </span>
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card size="small" className="stat-card">
          <Statistic title={s.stats.completion} value={t.completionRate === null ? '—' : `${t.completionRate}%`} formatter={verbatim} />
          <Typography.Text type="secondary" data-testid="stat-completed">
            {s.stats.completed(t.completed)}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card size="small" className="stat-card">
          <Statistic
            title={s.stats.warnings}
            value={warnedProjects.size}
            formatter={verbatim}
            styles={{ content: { color: redProjects > 0 ? '#cf1322' : warnedProjects.size > 0 ? '#d48806' : undefined } }}
            data-testid="stat-warnings"
          />
          <Typography.Text type="secondary">{s.stats.warningsSplit(redProjects, yellowProjects)}</Typography.Text>
          {warnings.length !== warnedProjects.size && (
            <Typography.Text type="secondary" className="stat-note" data-testid="stat-warnings-count">
              {s.stats.warningsPerProject(warnings.length, warnedProjects.size)}
            </Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}

function RollupTable({ rows, total, keyTitle, testId }: { rows: Rollup[]; total: Rollup; keyTitle: string; testId: string }) {
  const { s, t, lang } = useProjectStrings();
  const columns: TableColumnsType<Rollup> = [
    { title: keyTitle, key: 'name', render: (_, r) => label(lang, r) },
    { title: s.charts.count, dataIndex: 'count', align: 'right', width: 90 },
    { title: s.charts.investment, dataIndex: 'investment', align: 'right', width: 130, className: 'num-cell' },
    { title: s.charts.share, dataIndex: 'share', align: 'right', width: 90, className: 'num-cell' },
    { title: s.charts.completedCol, dataIndex: 'completed', align: 'right', width: 140, className: 'num-cell' },
    { title: s.charts.completion, key: 'rate', align: 'right', width: 100, className: 'num-cell', render: (_, r) => r.completionRate ?? '—' },
  ];
  return (
    <div data-testid={testId}>
      <Table<Rollup>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        summary={() => (
          <Table.Summary.Row className="summary-row">
            <Table.Summary.Cell index={0}>{t.project.total}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {total.count}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <span data-testid={`${testId}-total`}>{total.investment}</span>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {total.share}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              {total.completed}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">
              {total.completionRate ?? '—'}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </div>
  );
}

export function InvestmentSection({ summary }: { summary: SummaryResponse }) {
  const { s, lang } = useProjectStrings();
  const yearOption = useMemo(() => byYearOption(summary.byYear, s), [summary, s]);
  const categoryOption = useMemo(() => rollupBarOption(summary.byCategory, s, lang), [summary, s, lang]);
  const deptRows = useMemo(() => [...summary.byDepartment].sort((a, b) => num(b.investment) - num(a.investment)), [summary]);
  const deptOption = useMemo(() => rollupBarOption(deptRows, s, lang), [deptRows, s, lang]);
  const regionOption = useMemo(() => rollupBarOption(summary.byRegion, s, lang), [summary, s, lang]);
  return (
    <div className="investment-section" data-testid="investment-section">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={s.charts.byYear}>
            {summary.byYear.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={s.charts.noData} />
            ) : (
              <ProjectChart option={yearOption} height={300} testId="chart-by-year" ariaLabel={s.charts.byYear} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={s.charts.byCategory}>
            <ProjectChart option={categoryOption} height={300} testId="chart-by-category" ariaLabel={s.charts.byCategory} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={s.charts.table2}>
            <RollupTable rows={summary.byCategory} total={summary.total} keyTitle={s.charts.category} testId="table-by-category" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={s.charts.byDepartment}>
            <ProjectChart option={deptOption} height={Math.max(240, deptRows.length * 30 + 60)} testId="chart-by-department" ariaLabel={s.charts.byDepartment} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={s.charts.byRegion}>
            <ProjectChart option={regionOption} height={Math.max(240, summary.byRegion.length * 30 + 60)} testId="chart-by-region" ariaLabel={s.charts.byRegion} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
