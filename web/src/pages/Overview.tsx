import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Col, Descriptions, Row, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../api.js';
import { EChart } from '../components/EChart.js';
import { DemoTag, STATUSES, usesDemo, WARNING_LEVELS } from '../components/EvaluationBits.js';
import { requestState } from '../components/Status.js';
import { PALETTE, STATUS_COLOURS, WARNING_COLOURS, type ChartOption } from '../echarts.js';
import { taskAreaText } from '../format.js';
import { nameOf, useI18n, type Lang, type Messages } from '../i18n.js';
import type { CategoryTotal, Domain, PlanResponse } from '../types.js';
import { useApi } from '../useApi.js';
import { cityCode, evaluationYears } from './Evaluation.js';
import { escapeHtml, html, lines } from '../html.js';

// Statistic groups digits by default (18,412.66; 2,020); the plan's figures are shown as printed.
const verbatim = (v: number | string) => String(v);
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function categoryName(lang: Lang, c: CategoryTotal): string {
  return lang === 'en' && c.categoryEn ? c.categoryEn : c.category;
}

/**
 * Bar (investment) and pie (share) of table 2. Every printed figure is the API's text (investmentText, shareText);
 * the numeric fields only size the bars and slices.
 */
function investmentOption(totals: CategoryTotal[], lang: Lang, t: Messages): ChartOption {
  const names = totals.map((c) => categoryName(lang, c));
  const byName = new Map(totals.map((c, i) => [names[i], c]));
  const tooltip = (name: string) => {
    const c = byName.get(name);
    if (!c) return escapeHtml(name);
    return lines([name, html`${t.overview.chartInvestment}: <b>${c.investmentText}</b>`, html`${t.overview.chartShare}: <b>${c.shareText}%</b>`, `${t.overview.projectCount}: ${c.count}`]);
  };
  return {
    color: PALETTE,
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => tooltip(String((p as { name?: string }).name ?? '')),
    },
    grid: { left: 8, right: 72, top: 32, bottom: 8, width: '52%', outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    title: [
      { text: t.overview.chartInvestment, left: 8, top: 0, textStyle: { fontSize: 13, fontWeight: 'normal', color: '#555' } },
      { text: t.overview.chartShare, left: '76%', top: 0, textAlign: 'center', textStyle: { fontSize: 13, fontWeight: 'normal', color: '#555' } },
    ],
    xAxis: { type: 'value', splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: names,
      axisTick: { show: false },
      axisLabel: { width: lang === 'en' ? 150 : 170, overflow: 'break', color: '#333' },
    },
    series: [
      {
        type: 'bar',
        name: t.overview.chartInvestment,
        barMaxWidth: 26,
        data: totals.map((c, i) => ({ value: c.investment, name: names[i], itemStyle: { color: PALETTE[i % PALETTE.length] } })),
        label: {
          show: true,
          position: 'right',
          color: '#333',
          formatter: (p: unknown) => byName.get(String((p as { name?: string }).name))?.investmentText ?? '',
        },
      },
      {
        type: 'pie',
        name: t.overview.chartShare,
        center: ['76%', '54%'],
        radius: ['34%', '62%'],
        avoidLabelOverlap: true,
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { formatter: (p: unknown) => `${byName.get(String((p as { name?: string }).name))?.shareText ?? ''}%`, color: '#333' },
        data: totals.map((c, i) => ({ value: c.investment, name: names[i], itemStyle: { color: PALETTE[i % PALETTE.length] } })),
      },
    ],
  };
}

function InvestmentTable({ plan }: { plan: PlanResponse }) {
  const { t, lang } = useI18n();
  const columns: TableColumnsType<CategoryTotal> = [
    {
      title: t.overview.category,
      dataIndex: 'category',
      render: (_: unknown, c, i) => (
        <span>
          <span className="legend-dot" style={{ background: PALETTE[i % PALETTE.length] }} />
          <Link to={`/projects?category=${encodeURIComponent(c.categoryId)}`}>{categoryName(lang, c)}</Link>
        </span>
      ),
    },
    { title: t.overview.projectCount, dataIndex: 'count', align: 'right', width: 110 },
    { title: t.overview.investmentCol, dataIndex: 'investmentText', align: 'right', width: 150 },
    { title: t.overview.shareCol, dataIndex: 'shareText', align: 'right', width: 110 },
  ];
  return (
    <Table<CategoryTotal>
      data-testid="investment-table"
      size="small"
      rowKey="categoryId"
      pagination={false}
      columns={columns}
      dataSource={plan.categoryTotals}
      summary={() => (
        <Table.Summary.Row className="summary-row">
          <Table.Summary.Cell index={0}>{t.overview.total}</Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            {plan.total.count}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            <span data-testid="investment-total">{plan.total.investmentText}</span>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">
            {plan.total.shareText}
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

function DomainCard({ domain, index }: { domain: Domain; index: number }) {
  const { t, lang } = useI18n();
  return (
    <Card
      size="small"
      className="domain-card"
      data-testid={`domain-${domain.id}`}
      title={
        <span>
          <span className="domain-index">{index + 1}</span>
          <Link to={`/indicators?domain=${encodeURIComponent(domain.id)}`}>{nameOf(lang, domain)}</Link>
        </span>
      }
      extra={<Typography.Text type="secondary">{t.overview.domainSummary(domain.indicatorCount, domain.bindingCount, domain.referenceCount)}</Typography.Text>}
    >
      <ul className="task-list">
        {domain.taskAreas.map((ta) => (
          <li key={ta.id}>
            <Link to={`/indicators?domain=${encodeURIComponent(domain.id)}&task=${encodeURIComponent(ta.id)}`}>{taskAreaText(lang, ta)}</Link>
            <span className="task-count">
              {ta.bindingCount > 0 && <Tag color="volcano">{`${t.indicator.binding} ${ta.bindingCount}`}</Tag>}
              {ta.referenceCount > 0 && <Tag color="blue">{`${t.indicator.reference} ${ta.referenceCount}`}</Tag>}
              <b>{t.overview.taskSummary(ta.indicatorCount)}</b>
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** The latest year's evaluation in a line of counts, linking to the dashboard. */
function EvaluationCard({ plan }: { plan: PlanResponse }) {
  const { t } = useI18n();
  const state = useApi('overview-evaluation', async () => {
    const region = cityCode(plan);
    const years = await evaluationYears(region);
    return { years, ev: await api.evaluation({ year: years.defaultYear, region }) };
  });
  const ev = state.data?.ev;
  const years = state.data?.years;
  const later = years ? years.years.filter((y) => ev && y.year > ev.year && y.state === 'partial') : [];
  const colour = { ...STATUS_COLOURS, no_data: '#6b7378', not_applicable: '#9aa3a8', ...WARNING_COLOURS };
  return (
    <Card
      size="small"
      className="eval-overview-card"
      data-testid="evaluation-card"
      title={
        <span>
          <Link to="/evaluation">{ev ? t.evaluation.overviewCard(ev.year) : t.evaluation.title}</Link>
          {ev?.indicators.some((e) => e.provisional && usesDemo(e)) && (
            <span className="card-title-tag">
              <DemoTag title={t.evaluation.demoBannerText} />
            </span>
          )}
        </span>
      }
      extra={
        <Link to={ev ? `/evaluation?year=${ev.year}` : '/evaluation'}>
          <Button size="small" type="primary" ghost>
            {t.evaluation.overviewLink}
          </Button>
        </Link>
      }
    >
      {ev && years && (
        <Typography.Paragraph type="secondary" className="eval-year-basis" data-testid="overview-year-basis">
          {ev.coverage.state === 'complete' ? t.evaluation.defaultComplete(ev.year, ev.coverage) : t.evaluation.partialYear(ev.year, ev.coverage)}
          {later.map((c) => ` ${t.evaluation.inProgress(c)}`).join(t.evaluation.listSeparator)}
        </Typography.Paragraph>
      )}
      {requestState(state) ??
        (ev && (
          <div className="count-tiles">
            {[...STATUSES.map((k) => ({ k, title: t.evaluation.status(k) })), ...WARNING_LEVELS.map((k) => ({ k, title: t.evaluation.warning(k) }))].map(({ k, title }) => (
              <div key={k} className="count-tile" data-testid={`overview-count-${k}`}>
                <Statistic title={title} value={ev.summary.counts[k]} suffix={t.evaluation.countUnit || undefined} styles={{ content: { color: colour[k] } }} />
              </div>
            ))}
          </div>
        ))}
    </Card>
  );
}

export function Overview() {
  const { t, lang } = useI18n();
  const state = useApi('plan', api.plan);
  const plan = state.data;
  const option = useMemo(() => (plan ? investmentOption(plan.categoryTotals, lang, t) : null), [plan, lang, t]);

  const pending = requestState(state);
  if (pending || !plan || !option) return pending;

  const { meta, counts } = plan;
  const city = plan.regions.find((r) => r.level === 'city');
  const counties = plan.regions.filter((r) => r.level === 'county');
  const taskAreaCount = plan.domains.reduce((n, d) => n + d.taskAreas.length, 0);

  return (
    <div className="page" data-testid="overview-page">
      <Card className="plan-hero">
        <Typography.Title level={3} className="plan-title" data-testid="plan-name">
          {nameOf(lang, meta)}
        </Typography.Title>
        <Typography.Text type="secondary">{lang === 'en' ? meta.name : meta.nameEn}</Typography.Text>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} className="plan-facts">
          <Descriptions.Item label={t.overview.issued}>{t.overview.issuedValue(meta.issued)}</Descriptions.Item>
          <Descriptions.Item label={t.overview.period}>{t.overview.periodValue(meta.period.start, meta.period.end)}</Descriptions.Item>
          <Descriptions.Item label={t.overview.source} span={{ xs: 1, md: 2 }}>
            {meta.source}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Row gutter={[16, 16]} className="stat-row">
        <Col xs={12} md={8} xl={4}>
          <Card size="small" data-testid="stat-area">
            <Statistic title={t.overview.area} value={meta.area.text} formatter={verbatim} suffix={t.overview.areaUnit(meta.area.unit)} />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small" data-testid="stat-base-year">
            <Statistic title={t.overview.baseYear} value={meta.baseYear} formatter={verbatim} suffix={t.overview.yearUnit} />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small" data-testid="stat-horizons">
            <Statistic
              // Near / far term when the plan has two target years (as most do); else just its target years.
              title={meta.horizons.length === 2 ? `${t.overview.horizonNear} / ${t.overview.horizonFar}` : t.overview.targetYears}
              value={meta.horizons.map((h) => h.year).join(' / ')}
              formatter={verbatim}
              suffix={t.overview.yearUnit}
            />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small" data-testid="stat-indicators">
            <Statistic title={t.overview.indicatorTotal} value={counts.indicators} suffix={t.overview.countUnit} />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small" data-testid="stat-binding">
            <Statistic title={t.overview.binding} value={counts.binding} suffix={t.overview.countUnit} styles={{ content: { color: '#c2410c' } }} />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small" data-testid="stat-reference">
            <Statistic title={t.overview.reference} value={counts.reference} suffix={t.overview.countUnit} styles={{ content: { color: '#1d5fa8' } }} />
          </Card>
        </Col>
      </Row>

      <EvaluationCard plan={plan} />

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t.overview.scope} className="section-card" data-testid="plan-scope">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t.overview.area}>
                {meta.area.text} {t.overview.areaUnit(meta.area.unit)}
              </Descriptions.Item>
              <Descriptions.Item label={t.overview.scope}>{t.overview.scopeValue(city ? nameOf(lang, city) : '', counties.length)}</Descriptions.Item>
            </Descriptions>
            <div className="region-tags" data-testid="region-list">
              {counties.map((r) => (
                <Tag key={r.code} color="green" title={r.code}>
                  {nameOf(lang, r)}
                </Tag>
              ))}
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t.overview.horizons} className="section-card" data-testid="plan-horizons">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t.overview.baseYear}>{meta.baseYear}</Descriptions.Item>
              {meta.horizons.map((h) => (
                <Descriptions.Item key={h.year} label={lang === 'en' ? capitalize(h.labelEn) : h.label}>
                  {h.year}
                </Descriptions.Item>
              ))}
              <Descriptions.Item label={t.overview.local}>{counts.local}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>

      <Card title={t.overview.domains(plan.domains.length, taskAreaCount)} className="section-card" data-testid="domain-list">
        <Row gutter={[16, 16]}>
          {plan.domains.map((d, i) => (
            <Col key={d.id} xs={24} md={12} xxl={8}>
              <DomainCard domain={d} index={i} />
            </Col>
          ))}
        </Row>
      </Card>

      <Card
        title={t.overview.investment}
        className="section-card"
        extra={<Typography.Text strong>{t.overview.totalLine(plan.total.count, plan.total.investmentText)}</Typography.Text>}
      >
        <EChart option={option} height={340} testId="investment-chart" ariaLabel={t.overview.investment} />
        <InvestmentTable plan={plan} />
      </Card>
    </div>
  );
}
