// 评估与预警: the evaluation of a year for a region — headline counts, the distribution of statuses, the warning
// list, the demonstration-zone readiness, per-domain panels and a scorecard of indicators × years.
// Year, region and horizon live in the query string so that a view can be bookmarked and shared.
import { Fragment, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Empty, Progress, Row, Segmented, Select, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { api, PLAN_API } from '../api.js';
import { DownloadButton } from '../components/DownloadButton.js';
import { EChart } from '../components/EChart.js';
import { BindingTag } from '../components/IndicatorBits.js';
import {
  bilingual,
  DemoTag,
  shownValue,
  STATUSES,
  usesDemo,
  WARNING_LEVELS,
  WarningTag,
} from '../components/EvaluationBits.js';
import { requestState } from '../components/Status.js';
import { STATUS_COLOURS, WARNING_COLOURS, type ChartOption } from '../echarts.js';
import { indicatorName } from '../format.js';
import { horizonsOf, isHorizon } from '../../../src/plan/horizons.js';
import { nameOf, useI18n, type Messages } from '../i18n.js';
import type {
  EvaluationCounts,
  EvaluationResponse,
  EvaluationStatus,
  EvaluationYearsResponse,
  Horizon,
  Indicator,
  IndicatorEvaluation,
  PlanResponse,
  ScorecardResponse,
  WarningLevel,
} from '../types.js';
import { useApi } from '../useApi.js';

/** The plan's own region (the city). */
export function cityCode(plan: PlanResponse): string {
  return plan.meta.region ?? plan.regions.find((r) => r.level === 'city')?.code ?? plan.regions[0]?.code ?? '';
}

/** The years one can evaluate so far: the base year up to this year (or the plan's end). */
export function evaluableYears(plan: PlanResponse): number[] {
  const last = Math.max(plan.meta.baseYear, Math.min(new Date().getFullYear(), plan.meta.period.end));
  return Array.from({ length: last - plan.meta.baseYear + 1 }, (_, i) => plan.meta.baseYear + i);
}

/**
 * The year a dashboard opens on, as the server chooses it: the latest year whose evaluation is complete (a newer
 * year with a few values is in progress, not the default); with every year's coverage, to say which and why.
 */
export function evaluationYears(region: string): Promise<EvaluationYearsResponse> {
  return api.evaluationYears({ region });
}

interface DashboardData {
  year: number;
  /** Every year's coverage and the default year, from GET …/evaluation/years. */
  years: EvaluationYearsResponse;
  /** The year was chosen by the default rule, not asked for. */
  defaulted: boolean;
  region: string;
  evaluation: EvaluationResponse;
  scorecard: ScorecardResponse;
  /** `${code}:${year}` of the scorecard cells whose own figure is 示例数据. */
  demoCells: Set<string>;
}

async function loadDashboard(plan: PlanResponse, yearParam: string, region: string, horizon: Horizon | undefined): Promise<DashboardData> {
  const years = evaluableYears(plan);
  const asked = Number(yearParam);
  const [{ observations }, coverage] = await Promise.all([api.observations({ region }), evaluationYears(region)]);
  const defaulted = !years.includes(asked);
  const year = defaulted ? coverage.defaultYear : asked;
  const [evaluation, scorecard] = await Promise.all([
    api.evaluation({ year, region, horizon }),
    api.scorecard({ region, from: plan.meta.baseYear, to: year }),
  ]);
  const demoCells = new Set(observations.filter((o) => o.isDemo).map((o) => `${o.indicatorCode}:${o.year}`));
  return { year, years: coverage, defaulted, region, evaluation, scorecard, demoCells };
}

// ---------------------------------------------------------------------------------------------------------------
// Headline cards

function CountTile({ id, title, value, colour, suffix }: { id: string; title: string; value: number; colour?: string; suffix?: string }) {
  return (
    <div className="count-tile" data-testid={`count-${id}`} data-value={value}>
      <Statistic title={title} value={value} suffix={suffix} styles={{ content: colour ? { color: colour } : undefined }} />
    </div>
  );
}

function Headline({ data, names }: { data: DashboardData; names: Map<number, Indicator> }) {
  const { t, lang } = useI18n();
  const { counts, readiness } = data.evaluation.summary;
  const unit = t.evaluation.countUnit || undefined;
  const statusColour: Record<EvaluationStatus, string> = { ...STATUS_COLOURS, no_data: '#6b7378', not_applicable: '#9aa3a8' };
  const percent = readiness.bindingTotal ? Math.round((readiness.bindingAttained / readiness.bindingTotal) * 100) : 0;
  return (
    <Row gutter={[16, 16]} className="stat-row" data-testid="headline">
      <Col xs={24} lg={12} xl={9}>
        <Card size="small" title={t.evaluation.attainment} extra={<Typography.Text type="secondary">{t.evaluation.ofTotal(counts.total)}</Typography.Text>}>
          <div className="count-tiles">
            {STATUSES.map((s) => (
              <CountTile key={s} id={s} title={t.evaluation.status(s)} value={counts[s]} colour={statusColour[s]} suffix={unit} />
            ))}
          </div>
        </Card>
      </Col>
      <Col xs={24} lg={12} xl={7}>
        <Card size="small" title={t.evaluation.warnings}>
          <div className="count-tiles">
            {WARNING_LEVELS.map((w) => (
              <CountTile key={w} id={w} title={t.evaluation.warning(w)} value={counts[w]} colour={WARNING_COLOURS[w]} suffix={unit} />
            ))}
          </div>
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card
          size="small"
          title={t.evaluation.readiness}
          data-testid="readiness"
          data-attained={readiness.bindingAttained}
          data-total={readiness.bindingTotal}
          extra={readiness.ready ? <Tag color="green">{t.evaluation.ready}</Tag> : null}
        >
          <div className="readiness-line">
            <Typography.Text strong data-testid="readiness-value">
              {t.evaluation.readinessValue(readiness.bindingAttained, readiness.bindingTotal)}
            </Typography.Text>
            <Progress percent={percent} showInfo={false} strokeColor={STATUS_COLOURS.attained} size="small" />
          </div>
          {(
            [
              ['not-attained', t.evaluation.notReady, readiness.notAttained],
              ['no-data', t.evaluation.readinessNoData, readiness.noData],
            ] as const
          ).map(
            ([id, label, list]) =>
              list.length > 0 && (
                <div key={id} className="readiness-list" data-testid={`readiness-${id}`}>
                  <Typography.Text type="secondary">{label}</Typography.Text>
                  {list.map((n) => {
                    const ind = names.get(n.code);
                    return (
                      <Tooltip key={n.code} title={t.evaluation.status(n.status)}>
                        <Link to={`/indicators/${n.code}?region=${data.region}`} className={`readiness-item status-${n.status}`}>
                          {n.code} {ind ? nameOf(lang, ind) : n.name}
                        </Link>
                      </Tooltip>
                    );
                  })}
                </div>
              ),
          )}
        </Card>
      </Col>
    </Row>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Status chart: a ring of all statuses and a stacked bar of binding vs reference indicators.

const CHART_COLOURS: Record<EvaluationStatus, string> = { ...STATUS_COLOURS, not_applicable: '#dfe4e6' };

function statusOption(ev: EvaluationResponse, t: Messages): ChartOption {
  const { counts, byKind } = ev.summary;
  const kinds: [string, EvaluationCounts][] = [
    [t.evaluation.kindBinding, byKind.binding],
    [t.evaluation.kindReference, byKind.reference],
  ];
  return {
    tooltip: { trigger: 'item' },
    legend: { top: 0, left: 'center', itemWidth: 12, itemHeight: 12, data: STATUSES.map((s) => t.evaluation.status(s)) },
    title: [
      { text: String(counts.total), subtext: t.evaluation.chartAll, left: '25%', top: '48%', textAlign: 'center', textStyle: { fontSize: 22, color: '#333' }, subtextStyle: { color: '#888' }, itemGap: 2 },
      { text: t.evaluation.chartByKind, left: '52%', top: 36, textStyle: { fontSize: 13, fontWeight: 'normal', color: '#555' } },
    ],
    grid: { left: '52%', right: 16, top: 64, bottom: 24, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: { type: 'category', inverse: true, data: kinds.map(([k]) => k), axisTick: { show: false } },
    series: [
      {
        type: 'pie',
        name: t.evaluation.chartAll,
        center: ['25%', '56%'],
        radius: ['42%', '68%'],
        avoidLabelOverlap: true,
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { formatter: '{c}', color: '#333' },
        data: STATUSES.map((s) => ({ name: t.evaluation.status(s), value: counts[s], itemStyle: { color: CHART_COLOURS[s] } })).filter((d) => d.value > 0),
      },
      ...STATUSES.map((s) => ({
        type: 'bar' as const,
        name: t.evaluation.status(s),
        stack: 'kind',
        barMaxWidth: 28,
        itemStyle: { color: CHART_COLOURS[s] },
        label: { show: true, color: s === 'attained' || s === 'not_attained' ? '#fff' : '#333', formatter: (p: unknown) => String((p as { value?: number }).value || '') },
        data: kinds.map(([, c]) => c[s]),
      })),
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Warning list, red first.

const LEVEL_ORDER: Record<WarningLevel, number> = { red: 0, yellow: 1, grey: 2 };

function WarningList({ evaluation, names, region }: { evaluation: EvaluationResponse; names: Map<number, Indicator>; region: string }) {
  const { t, lang } = useI18n();
  const rows = evaluation.indicators
    .filter((e): e is IndicatorEvaluation & { warning: NonNullable<IndicatorEvaluation['warning']> } => e.warning !== null)
    .sort((a, b) => LEVEL_ORDER[a.warning.level] - LEVEL_ORDER[b.warning.level] || a.code - b.code);
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.evaluation.noWarnings} />;
  return (
    <ul className="warning-list" data-testid="warning-list">
      {rows.map((e) => {
        const ind = names.get(e.code);
        return (
          <li key={e.code} data-testid={`warning-${e.code}`} data-level={e.warning.level} className={`warning-row warning-${e.warning.level}`}>
            <div className="warning-head">
              <WarningTag level={e.warning.level} />
              <Link to={`/indicators/${e.code}?region=${region}`} className="warning-indicator">
                {e.code} · {ind ? indicatorName(lang, ind) : e.name}
              </Link>
              {e.binding && <BindingTag binding />}
              {usesDemo(e) && <DemoTag />}
            </div>
            <div className="warning-reason">{bilingual(lang, e.warning.reason)}</div>
          </li>
        );
      })}
    </ul>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Per-domain panels

function StackBar({ counts }: { counts: EvaluationCounts }) {
  const { t } = useI18n();
  const total = counts.total || 1;
  return (
    <div className="stack-bar" role="img" aria-label={STATUSES.map((s) => `${t.evaluation.status(s)} ${counts[s]}`).join(', ')}>
      {STATUSES.filter((s) => counts[s] > 0).map((s) => (
        <Tooltip key={s} title={`${t.evaluation.status(s)} ${counts[s]}`}>
          <span className={`stack-seg seg-${s}`} style={{ width: `${(counts[s] / total) * 100}%`, background: CHART_COLOURS[s] }}>
            {counts[s]}
          </span>
        </Tooltip>
      ))}
    </div>
  );
}

function DomainPanels({ evaluation, plan }: { evaluation: EvaluationResponse; plan: PlanResponse }) {
  const { t, lang } = useI18n();
  const byId = new Map(evaluation.summary.byDomain.map((d) => [d.id, d]));
  return (
    <Row gutter={[16, 16]} data-testid="domain-panels">
      {plan.domains.map((d, i) => {
        const c = byId.get(d.id);
        if (!c) return null;
        return (
          <Col key={d.id} xs={24} md={12} xl={8} xxl={4}>
            <Card
              size="small"
              className="domain-panel"
              data-testid={`domain-panel-${d.id}`}
              title={
                <span>
                  <span className="domain-index">{i + 1}</span>
                  <Link to={`/indicators?domain=${encodeURIComponent(d.id)}`}>{nameOf(lang, d)}</Link>
                </span>
              }
              extra={<Typography.Text type="secondary">{t.evaluation.domainCounts(c.total)}</Typography.Text>}
            >
              <StackBar counts={c} />
              <div className="domain-counts">
                {STATUSES.map((s) => (
                  <span key={s} className="domain-count">
                    <span className="legend-dot" style={{ background: CHART_COLOURS[s] }} />
                    {t.evaluation.status(s)} <b>{c[s]}</b>
                  </span>
                ))}
              </div>
              <div className="domain-warnings">
                {WARNING_LEVELS.filter((w) => c[w] > 0).map((w) => (
                  <Tag key={w} color={WARNING_COLOURS[w]}>
                    {t.evaluation.warningShort(w)} {c[w]}
                  </Tag>
                ))}
              </div>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Scorecard (indicators × years), grouped by domain, like a DHIS2 scorecard.

function Scorecard({ data, plan, names }: { data: DashboardData; plan: PlanResponse; names: Map<number, Indicator> }) {
  const { t, lang } = useI18n();
  const { scorecard, year, demoCells, region } = data;
  const groups = plan.domains
    .map((d) => ({ domain: d, rows: scorecard.indicators.filter((r) => r.domainId === d.id) }))
    .filter((g) => g.rows.length > 0);
  // Rows of a domain the plan does not list still show, at the end.
  const known = new Set(plan.domains.map((d) => d.id));
  const stray = scorecard.indicators.filter((r) => !known.has(r.domainId));
  const cellText = (c: ScorecardResponse['indicators'][number]['cells'][number]) => shownValue(t, c) ?? t.common.empty;

  const renderRow = (r: ScorecardResponse['indicators'][number]) => {
    const ind = names.get(r.code);
    return (
      <tr key={r.code} className="scorecard-row" data-code={r.code}>
        <th scope="row" className="sc-name">
          <Link to={`/indicators/${r.code}?region=${region}`}>
            <span className="sc-code">{r.code}</span>
            {ind ? nameOf(lang, ind) : r.name}
          </Link>
          {r.binding && <span className="sc-binding">{t.indicator.binding}</span>}
        </th>
        {r.cells.map((c) => {
          const demo = demoCells.has(`${r.code}:${c.year}`);
          const tip = (
            <div>
              <div>
                <b>
                  {r.code} · {ind ? nameOf(lang, ind) : r.name}
                </b>
              </div>
              <div>
                {t.evaluation.yearOption(c.year)} · {t.evaluation.status(c.status)}
              </div>
              {(c.valueText !== null || c.state !== null) && <div>{shownValue(t, c)}</div>}
              {c.warning && <div>{t.evaluation.warning(c.warning)}</div>}
              {demo && <div className="sc-tip-demo">{t.evaluation.demoTag}</div>}
            </div>
          );
          return (
            <Tooltip key={c.year} title={tip} mouseEnterDelay={0.05}>
              <td
                className={`sc-cell sc-${c.status}${c.year === year ? ' sc-current' : ''}${demo ? ' sc-demo' : ''}`}
                data-status={c.status}
                data-warning={c.warning ?? undefined}
                data-demo={demo || undefined}
              >
                <span className="sc-value">{cellText(c)}</span>
                {c.warning && <span className={`sc-dot sc-dot-${c.warning}`} />}
                {demo && <span className="sc-demo-mark" />}
              </td>
            </Tooltip>
          );
        })}
      </tr>
    );
  };

  return (
    <div className="scorecard-wrap">
      <table className="scorecard" data-testid="scorecard">
        <thead>
          <tr>
            <th className="sc-name">{t.evaluation.scorecardIndicator}</th>
            {scorecard.years.map((y) => (
              <th key={y} className={y === year ? 'sc-year sc-current' : 'sc-year'}>
                {y}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <Fragment key={g.domain.id}>
              <tr className="sc-group">
                <th colSpan={scorecard.years.length + 1}>{nameOf(lang, g.domain)}</th>
              </tr>
              {g.rows.map(renderRow)}
            </Fragment>
          ))}
          {stray.map(renderRow)}
        </tbody>
      </table>
    </div>
  );
}

function ScorecardLegend() {
  const { t } = useI18n();
  return (
    <Space wrap size={[14, 4]} className="sc-legend">
      {STATUSES.map((s) => (
        <span key={s}>
          <span className={`sc-swatch sc-${s}`} />
          {t.evaluation.status(s)}
        </span>
      ))}
      <span>
        <span className="sc-swatch sc-attained sc-legend-dot">
          <span className="sc-dot sc-dot-red" />
        </span>
        {t.evaluation.legendWarning}
      </span>
      <span>
        <span className="sc-swatch sc-attained sc-legend-dot">
          <span className="sc-demo-mark" />
        </span>
        {t.evaluation.legendDemo}
      </span>
    </Space>
  );
}

// ---------------------------------------------------------------------------------------------------------------

export function DemoBanner() {
  const { t } = useI18n();
  return <Alert type="warning" showIcon data-testid="demo-banner" title={t.evaluation.demoBanner} description={t.evaluation.demoBannerText} />;
}

function Dashboard({ data, plan, names }: { data: DashboardData; plan: PlanResponse; names: Map<number, Indicator> }) {
  const { t, lang } = useI18n();
  const option = useMemo(() => statusOption(data.evaluation, t), [data.evaluation, t]);
  const demo =
    data.evaluation.indicators.some((e) => e.provisional && usesDemo(e)) ||
    data.scorecard.indicators.some((r) => r.cells.some((c) => data.demoCells.has(`${r.code}:${c.year}`)));
  const warnings = data.evaluation.indicators.filter((e) => e.warning).length;
  const region = plan.regions.find((r) => r.code === data.region);

  return (
    <>
      {demo && <DemoBanner />}
      <Headline data={data} names={names} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t.evaluation.statusChart} className="section-card full-height">
            <EChart option={option} height={300} testId="status-chart" ariaLabel={t.evaluation.statusChart} />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            title={t.evaluation.warningList}
            className="section-card full-height"
            extra={<Typography.Text type="secondary">{t.evaluation.warningCount(warnings)}</Typography.Text>}
          >
            <div className="warning-scroll">
              <WarningList evaluation={data.evaluation} names={names} region={data.region} />
            </div>
          </Card>
        </Col>
      </Row>
      <Card title={t.evaluation.domains} className="section-card">
        <DomainPanels evaluation={data.evaluation} plan={plan} />
      </Card>
      <Card
        title={t.evaluation.scorecard}
        className="section-card"
        extra={
          <Typography.Text type="secondary">
            {region ? `${nameOf(lang, region)} · ` : ''}
            {t.evaluation.scorecardHint(data.scorecard.years[0] ?? data.year, data.year)}
            {data.evaluation.horizon !== 'auto' && ` · ${t.evaluation.scorecardAuto}`}
          </Typography.Text>
        }
      >
        <ScorecardLegend />
        <Scorecard data={data} plan={plan} names={names} />
      </Card>
    </>
  );
}

/** The horizon the address asks for, if it is one of the plan's (an old link's year the plan lacks means auto). */
function asHorizon(plan: PlanResponse | undefined, v: string | null): Horizon | undefined {
  return plan && v !== null && isHorizon(plan, v) ? v : undefined;
}

export function Evaluation() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const base = useApi('evaluation-base', () => Promise.all([api.plan(), api.indicators()]).then(([plan, list]) => ({ plan, indicators: list.indicators })));
  const plan = base.data?.plan;
  const yearParam = params.get('year') ?? '';
  const regionParam = params.get('region') ?? '';
  const horizon = asHorizon(plan, params.get('horizon'));
  const region = plan && (plan.regions.some((r) => r.code === regionParam) ? regionParam : cityCode(plan));
  const state = useApi(`evaluation:${plan ? 'ready' : 'wait'}:${yearParam}:${region ?? ''}:${horizon ?? ''}`, () =>
    plan && region ? loadDashboard(plan, yearParam, region, horizon) : new Promise<never>(() => {}),
  );
  const names = useMemo(() => new Map((base.data?.indicators ?? []).map((i) => [i.code, i])), [base.data]);

  const basePending = requestState(base);
  if (basePending || !plan || !region) return basePending;

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const data = state.data;
  const regionName = nameOf(lang, plan.regions.find((r) => r.code === region) ?? { name: region });

  return (
    <div className="page" data-testid="evaluation-page">
      <Card
        className="section-card"
        title={t.evaluation.title}
        extra={data && <Typography.Text type="secondary">{t.evaluation.intro(regionName, data.year)}</Typography.Text>}
      >
        <Space wrap size={[16, 8]} className="eval-filters" data-testid="evaluation-filters">
          <div className="filter-label">
            <span>{t.evaluation.year}</span>
            <Select
              className="filter-select year-select"
              data-testid="eval-year"
              value={data?.year ?? (yearParam ? Number(yearParam) : undefined)}
              options={evaluableYears(plan).map((y) => {
                // Years after the latest complete one are in progress: the list says how far each has got.
                const c = data?.years.years.find((x) => x.year === y);
                const lastComplete = data?.years.years.filter((x) => x.state === 'complete').at(-1)?.year ?? -Infinity;
                const label = c && y > lastComplete && c.state !== 'complete' ? t.evaluation.yearOptionPartial(y, c) : t.evaluation.yearOption(y);
                return { value: y, title: t.evaluation.yearOption(y), label };
              })}
              onChange={(v: number) => set('year', String(v))}
            />
          </div>
          <div className="filter-label">
            <span>{t.evaluation.region}</span>
            <Select
              className="filter-select"
              data-testid="eval-region"
              value={region}
              options={plan.regions.map((r) => ({ value: r.code, label: nameOf(lang, r) }))}
              onChange={(v: string) => set('region', v === cityCode(plan) ? undefined : v)}
            />
          </div>
          <div className="filter-label">
            <Tooltip title={t.evaluation.horizonAutoHint(horizonsOf(plan))}>
              <span>{t.evaluation.horizon}</span>
            </Tooltip>
            <Segmented<string>
              data-testid="eval-horizon"
              value={horizon ?? 'auto'}
              onChange={(v) => set('horizon', v === 'auto' ? undefined : v)}
              options={[
                { value: 'auto', label: t.evaluation.horizonAuto },
                ...horizonsOf(plan).map((h) => ({ value: h, label: t.evaluation.horizonOption(h) })),
              ]}
            />
          </div>
          {data && (
            <Space data-testid="report-buttons">
              {/* The report is generated by the server from approved data (GET /api/v1/plans/{planId}/reports/{year}.docx|.html). */}
              <DownloadButton type="primary" href={reportUrl(data.year, region, cityCode(plan), 'docx')} fileName={`report-${data.year}.docx`} busyText={t.evaluation.reportBusy(data.year)} testId="report-docx">
                {t.evaluation.reportDocx}
              </DownloadButton>
              <Button href={reportUrl(data.year, region, cityCode(plan), 'html')} target="_blank" rel="noopener" data-testid="report-html">
                {t.evaluation.reportHtml}
              </Button>
            </Space>
          )}
        </Space>
      </Card>
      {data && <YearNote data={data} />}
      {requestState(state) ?? (data && <Dashboard data={data} plan={plan} names={names} />)}
    </div>
  );
}

/**
 * Which year is shown and why: the latest complete year by default (naming the newer years still in progress), or a
 * partial year's coverage when one is chosen — its 无数据 indicators are missing figures, not failures.
 */
function YearNote({ data }: { data: DashboardData }) {
  const { t } = useI18n();
  const e = t.evaluation;
  const { years, year } = data;
  const shown = data.evaluation.coverage;
  const complete = years.years.filter((y) => y.state === 'complete').at(-1);
  const later = years.years.filter((y) => y.year > year && y.state === 'partial');
  if (shown.state !== 'complete') {
    return (
      <Alert
        className="year-note"
        type="info"
        showIcon
        data-testid="year-note"
        data-state={shown.state}
        title={e.partialYear(year, shown)}
        description={
          <>
            {data.defaulted && years.basis !== 'complete' ? e.noCompleteYear : null}
            {complete && complete.year !== year && (
              <Link to={`/evaluation?year=${complete.year}&region=${data.region}`} data-testid="year-note-complete">
                {e.latestComplete(complete.year)}
              </Link>
            )}
          </>
        }
      />
    );
  }
  return (
    <Alert
      className="year-note"
      type={later.length ? 'info' : 'success'}
      showIcon
      data-testid="year-note"
      data-state={shown.state}
      title={data.defaulted ? e.defaultComplete(year, shown) : e.completeYear(year, shown)}
      description={later.length ? later.map((c) => e.inProgress(c)).join(e.listSeparator) : undefined}
    />
  );
}

/** The annual report of a year (and region, when not the city) as Word or printable HTML. */
function reportUrl(year: number, region: string, city: string, format: 'docx' | 'html'): string {
  return `${PLAN_API}/reports/${year}.${format}${region !== city ? `?region=${region}` : ''}`;
}
