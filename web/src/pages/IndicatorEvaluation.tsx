// The indicator page's evaluation section: its values over the years against the target (chart, or a table of
// states for a qualitative indicator), the latest year's status and progress in words, and the data used.
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Card, Col, Descriptions, Empty, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../api.js';
import { EChart } from '../components/EChart.js';
import { bilingual, DemoTag, ProgressTag, regionKind, shownValue, StatusTag, WarningTag } from '../components/EvaluationBits.js';
import { requestState } from '../components/Status.js';
import { HistoryLink } from '../components/ValueHistory.js';
import { DEMO_COLOUR, type ChartOption } from '../echarts.js';
import { nameOf, useI18n, type Lang, type Messages } from '../i18n.js';
import { horizonFor } from '../../../src/plan/horizons.js';
import type { Horizon, Indicator, PlanResponse, Region, SeriesResponse, ThresholdTarget, UsedObservation } from '../types.js';
import { useApi } from '../useApi.js';
import { cityCode, DemoBanner } from './Evaluation.js';
import { escapeHtml as esc } from '../html.js';
import { unitText } from '../format.js';

type YearEvaluation = SeriesResponse['evaluations'][number];

/** A row of the data table: an observation of the series, or the plan's baseline as the evaluation cites it. */
interface DataRow {
  id: string;
  year: number;
  kind: 'value' | 'assigned' | 'baseline';
  valueText: string | null;
  value: number | null;
  state: string | null;
  source: string;
  status: 'approved' | 'provisional';
  version: number;
  isDemo: boolean;
}

function dataRows(series: SeriesResponse): DataRow[] {
  const rows = new Map<string, DataRow>();
  for (const e of series.evaluations)
    for (const o of e.observations.filter((x: UsedObservation) => x.fromPlan))
      rows.set(o.id, { ...o, kind: 'baseline', value: o.valueText !== null && o.valueText.trim() !== '' && Number.isFinite(Number(o.valueText)) ? Number(o.valueText) : null });
  for (const o of series.observations) rows.set(o.id, { ...o });
  const order = { baseline: 0, value: 1, assigned: 2 };
  return [...rows.values()].sort((a, b) => a.year - b.year || order[a.kind] - order[b.kind]);
}

/** The latest year that has its own figure; else the latest year with a verdict; else the last year asked. */
function latestEvaluation(series: SeriesResponse): YearEvaluation | undefined {
  const evs = series.evaluations;
  return (
    [...evs].reverse().find((e) => e.value !== null && e.value.year === e.year) ??
    [...evs].reverse().find((e) => e.status !== 'no_data') ??
    evs[evs.length - 1]
  );
}

interface TargetLine {
  label: string | null;
  value: number;
  applies: boolean;
}

/** The target's figures for a horizon: a threshold, the parts of a split (城市/县城) or the thresholds of a combined target. */
function targetLines(ind: Indicator, horizon: Horizon, kind: 'city' | 'county', t: Messages): TargetLine[] {
  const target = ind.targets[horizon];
  if (!target) return [];
  const threshold = (x: ThresholdTarget, label: string | null, applies = true) => ({ label, value: x.value, applies });
  if (target.kind === 'threshold') return [threshold(target, null)];
  if (target.kind === 'split') return target.parts.map((p) => threshold(p.target, t.target.regionType(p.regionType), p.regionType === kind));
  if (target.kind === 'all') return target.parts.filter((p): p is ThresholdTarget => p.kind === 'threshold').map((p) => threshold(p, null));
  return [];
}


interface Point {
  value: [number, number];
  text: string;
  demo: boolean;
}

function seriesOption(ind: Indicator, rows: DataRow[], latest: YearEvaluation | undefined, firstYear: number, lastYear: number, fallbackHorizon: Horizon, kind: 'city' | 'county', t: Messages, lang: Lang): ChartOption {
  const point = (r: DataRow): Point => ({ value: [r.year, r.value!], text: r.valueText ?? String(r.value), demo: r.isDemo });
  const values = rows.filter((r) => r.kind !== 'assigned' && r.value !== null).map(point);
  const baseline = rows.find((r) => r.kind === 'baseline' && r.value !== null);
  const assigned = rows.filter((r) => r.kind === 'assigned' && r.value !== null).map(point);
  const horizon = latest?.horizon ?? fallbackHorizon;
  const horizonYear = Number(horizon);
  const lines = targetLines(ind, horizon, kind, t);
  const applicable = lines.find((l) => l.applies);
  // The required path runs from the first figure (the baseline when table 1 has one) to the target at the horizon.
  const start = baseline ? point(baseline) : values[0];
  // Only while the target is still to be reached: a start that already meets it needs no path.
  const toReach =
    applicable && start && (ind.direction === 'decrease' ? start.value[1] > applicable.value : ind.direction === 'increase' && start.value[1] < applicable.value);
  const trajectory = applicable && start && toReach && start.value[0] < horizonYear ? [start.value, [horizonYear, applicable.value] as [number, number]] : null;
  const last = [...values].reverse().find((p) => latest === undefined || p.value[0] <= latest.year);
  const projection = latest?.projection && last && latest.projection.year > last.value[0] ? latest.projection : null;
  const xs = [...values, ...assigned].map((p) => p.value[0]);
  const minX = Math.min(...xs, firstYear);
  const maxX = Math.max(...xs, lastYear, lines.length ? horizonYear : 0, projection?.year ?? 0);
  const unit = ind.unit && ind.unit !== '—' ? unitText(lang, ind.unit) : '';
  const targetName = (l: TargetLine) => (l.label ? `${t.evaluation.seriesTarget(horizon)} · ${l.label}` : t.evaluation.seriesTarget(horizon));
  const tooltip = (p: unknown) => {
    const { seriesName, data } = p as { seriesName?: string; data?: Point | { value: [number, number]; text?: string } | [number, number] };
    const v = Array.isArray(data) ? data : data?.value;
    if (!v) return esc(seriesName ?? '');
    const text = !Array.isArray(data) && data && 'text' in data && data.text ? data.text : String(Math.round(v[1] * 1000) / 1000);
    const demo = !Array.isArray(data) && data && 'demo' in data && data.demo;
    return `${esc(seriesName ?? '')}<br/>${v[0]}: <b>${esc(text)}</b> ${esc(unit)}${demo ? `<br/><span style="color:${DEMO_COLOUR};font-weight:600">${esc(t.evaluation.seriesDemo)}</span>` : ''}`;
  };

  return {
    color: ['#1a6fa8'],
    tooltip: { trigger: 'item', formatter: tooltip },
    legend: { top: 0, left: 'center', type: 'plain', itemWidth: 18, itemHeight: 10, textStyle: { fontSize: 12 } },
    grid: { left: 12, right: 28, top: lang === 'en' ? 64 : 52, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'value', min: minX, max: maxX, interval: 1, axisLabel: { formatter: (v: number) => String(v) }, splitLine: { show: false } },
    yAxis: { type: 'value', scale: true, boundaryGap: ['12%', '12%'], name: unit, nameTextStyle: { align: 'left', color: '#666' }, splitLine: { lineStyle: { type: 'dashed' } } },
    series: [
      {
        type: 'line',
        name: t.evaluation.seriesValue,
        data: values,
        symbol: 'circle',
        symbolSize: 8,
        lineStyle: { width: 2.5, color: '#1a6fa8' },
        itemStyle: { color: '#1a6fa8' },
        label: { show: true, position: 'top', formatter: (p: unknown) => (p as { data: Point }).data.text, color: '#1a4f78', fontSize: 11 },
        z: 5,
      },
      ...(baseline
        ? [
            {
              type: 'scatter' as const,
              name: t.evaluation.seriesBaseline,
              data: [point(baseline)],
              symbol: 'diamond',
              symbolSize: 16,
              itemStyle: { color: '#0f4c36' },
              z: 6,
            },
          ]
        : []),
      ...lines.map((l) => ({
        type: 'line' as const,
        name: targetName(l),
        data: [
          { value: [minX, l.value] as [number, number], text: String(l.value) },
          { value: [Math.min(horizonYear, maxX), l.value] as [number, number], text: String(l.value) },
        ],
        symbol: 'none',
        lineStyle: { color: l.applies ? '#d4483b' : '#e8a39c', width: l.applies ? 2 : 1.5, type: l.applies ? ('solid' as const) : ('dotted' as const) },
        itemStyle: { color: l.applies ? '#d4483b' : '#e8a39c' },
        endLabel: { show: true, formatter: String(l.value), color: l.applies ? '#d4483b' : '#c9837b', fontSize: 11 },
        z: 2,
      })),
      ...(trajectory
        ? [
            {
              type: 'line' as const,
              name: t.evaluation.seriesTrajectory,
              data: trajectory.map((v) => ({ value: v, text: String(v[1]) })),
              symbol: 'none',
              lineStyle: { color: '#7a8288', width: 1.5, type: 'dashed' as const },
              itemStyle: { color: '#7a8288' },
              z: 1,
            },
          ]
        : []),
      ...(assigned.length
        ? [
            {
              type: 'line' as const,
              name: t.evaluation.seriesAssigned,
              data: assigned,
              symbol: 'triangle',
              symbolSize: 9,
              lineStyle: { color: '#d48806', width: 1.5, type: 'dashed' as const },
              itemStyle: { color: '#d48806' },
              z: 3,
            },
          ]
        : []),
      ...(projection && last
        ? [
            {
              type: 'line' as const,
              name: t.evaluation.seriesProjection,
              data: [
                last,
                { value: [projection.year, projection.value], text: String(Math.round(projection.value * 100) / 100), demo: false } satisfies Point,
              ],
              symbol: 'emptyCircle',
              symbolSize: 7,
              lineStyle: { color: projection.meetsTarget ? '#2e9d62' : '#d4483b', width: 1.5, type: 'dotted' as const },
              itemStyle: { color: projection.meetsTarget ? '#2e9d62' : '#d4483b' },
              z: 4,
            },
          ]
        : []),
      // 示例数据: a purple ring around every demo point, with its own legend entry.
      ...([...values, ...assigned].some((p) => p.demo)
        ? [
            {
              type: 'scatter' as const,
              name: t.evaluation.seriesDemo,
              data: [...values, ...assigned].filter((p) => p.demo),
              symbol: 'circle',
              symbolSize: 16,
              itemStyle: { color: 'rgba(138,92,209,0.08)', borderColor: DEMO_COLOUR, borderWidth: 2 },
              z: 7,
            },
          ]
        : []),
    ],
  };
}

function LatestEvaluation({ latest, ind }: { latest: YearEvaluation; ind: Indicator }) {
  const { t, lang } = useI18n();
  const value = shownValue(t, latest.value);
  const unit = ind.unit && ind.unit !== '—' ? ` ${unitText(lang, ind.unit)}` : '';
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      className="eval-desc"
      data-testid="latest-evaluation"
      title={t.evaluation.latest(latest.year)}
      styles={{ label: { width: 110 } }}
    >
      <Descriptions.Item label={t.evaluation.targetUsed}>
        {lang === 'en' ? latest.target.textEn || latest.target.text : latest.target.text}
        <Typography.Text type="secondary"> ({t.evaluation.horizonOption(latest.horizon)})</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t.evaluation.statusLabel}>
        <Space wrap size={4}>
          <StatusTag status={latest.status} />
          {value !== null && latest.value && (
            <span data-testid="latest-value">
              {value}
              {latest.value.valueText !== null ? unit : ''}
              {latest.value.year !== latest.year && <Typography.Text type="secondary"> {t.common.yearSuffix(latest.value.year)}</Typography.Text>}
            </span>
          )}
          {latest.provisional && latest.observations.some((o) => o.isDemo) && <DemoTag />}
          {latest.observations.some((o) => o.status === 'provisional' && !o.fromPlan) && (
            <Tag color="orange" data-testid="latest-provisional">
              {t.evaluation.provisionalTag}
            </Tag>
          )}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t.evaluation.reason}>
        <span data-testid="evaluation-reason">{bilingual(lang, latest.reason)}</span>
      </Descriptions.Item>
      {latest.progress && (
        <Descriptions.Item label={t.evaluation.progressLabel}>
          <div>
            <ProgressTag level={latest.progress.level} />
          </div>
          <div data-testid="progress-reason">{bilingual(lang, latest.progress.reason)}</div>
          {latest.projection && (
            <Typography.Text type="secondary" data-testid="projection">
              {t.evaluation.projection(latest.projection.year, String(Math.round(latest.projection.value * 100) / 100), latest.projection.meetsTarget)}
            </Typography.Text>
          )}
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t.evaluation.warningLabel}>
        {latest.warning ? (
          <div data-testid="indicator-warning">
            <WarningTag level={latest.warning.level} />
            <div>{bilingual(lang, latest.warning.reason)}</div>
          </div>
        ) : (
          t.evaluation.noWarning
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}

function StatesTable({ series }: { series: SeriesResponse }) {
  const { t, lang } = useI18n();
  const demoYears = new Set(series.observations.filter((o) => o.isDemo && o.kind === 'value').map((o) => o.year));
  const columns: TableColumnsType<YearEvaluation> = [
    { title: t.evaluation.obsYear, dataIndex: 'year', width: 80 },
    {
      title: t.evaluation.stateCol,
      key: 'state',
      render: (_, e) => {
        const own = e.value && e.value.year === e.year ? shownValue(t, e.value) : null;
        return (
          <Space size={4} wrap>
            <span>{own ?? t.common.empty}</span>
            {own !== null && demoYears.has(e.year) && <DemoTag />}
          </Space>
        );
      },
    },
    { title: t.evaluation.statusLabel, key: 'status', width: 110, render: (_, e) => <StatusTag status={e.status} /> },
    { title: t.evaluation.reason, key: 'reason', render: (_, e) => bilingual(lang, e.reason) },
    { title: t.evaluation.warningLabel, key: 'warning', width: 150, render: (_, e) => (e.warning ? <WarningTag level={e.warning.level} /> : null) },
  ];
  return (
    <div data-testid="indicator-states-table">
      <Typography.Paragraph type="secondary">{t.evaluation.noNumeric}</Typography.Paragraph>
      <Table<YearEvaluation> rowKey="year" size="small" pagination={false} columns={columns} dataSource={series.evaluations} />
    </div>
  );
}

function DataTable({ rows, latest, ind, region }: { rows: DataRow[]; latest: YearEvaluation | undefined; ind: Indicator; region: Region | undefined }) {
  const { t, lang } = useI18n();
  const used = new Set(latest?.observations.map((o) => o.id) ?? []);
  const unit = ind.unit && ind.unit !== '—' ? ` ${unitText(lang, ind.unit)}` : '';
  const kindText = { value: t.evaluation.obsKindValue, assigned: t.evaluation.obsKindAssigned, baseline: t.evaluation.obsKindBaseline };
  const columns: TableColumnsType<DataRow> = [
    { title: t.evaluation.obsYear, dataIndex: 'year', width: 72 },
    { title: t.evaluation.obsKind, key: 'kind', width: 110, render: (_, r) => kindText[r.kind] },
    {
      title: t.evaluation.obsValue,
      key: 'value',
      width: 200,
      render: (_, r) => (
        <Space size={4} wrap>
          <span>
            {shownValue(t, r) ?? t.common.empty}
            {r.valueText !== null ? unit : ''}
          </span>
          {r.isDemo && <DemoTag />}
        </Space>
      ),
    },
    { title: t.evaluation.obsSource, dataIndex: 'source', render: (s: string) => <span className="obs-source">{s}</span> },
    {
      title: t.evaluation.obsStatus,
      key: 'status',
      width: 96,
      render: (_, r) => (r.status === 'approved' ? <Tag color="green">{t.evaluation.obsApproved}</Tag> : <Tag color="orange">{t.evaluation.obsProvisional}</Tag>),
    },
    { title: t.evaluation.obsVersion, dataIndex: 'version', width: 72, align: 'center' },
    {
      title: '',
      key: 'history',
      width: 72,
      // Every version of the year's value (the plan's own baseline has none: it is not an observation).
      render: (_, r) =>
        r.kind !== 'baseline' && region ? (
          <HistoryLink indicator={ind.code} name={nameOf(lang, ind)} region={region.code} regionName={nameOf(lang, region)} unit={ind.unit} year={r.year} />
        ) : null,
    },
  ];
  return (
    <Table<DataRow>
      data-testid="indicator-observations"
      rowKey="id"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={rows}
      rowClassName={(r) => (used.has(r.id) ? 'obs-used' : '')}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.evaluation.noObservations} /> }}
    />
  );
}

/** The region the section shows: ?region= when it names one of the plan's regions, else the city. */
export function sectionRegion(plan: PlanResponse, params: URLSearchParams): string {
  const asked = params.get('region') ?? '';
  return plan.regions.some((r) => r.code === asked) ? asked : cityCode(plan);
}

/** `refresh` changes after data entry: the series is then asked for afresh. */
export function IndicatorEvaluationSection({ ind, plan, refresh = 0 }: { ind: Indicator; plan: PlanResponse; refresh?: number }) {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const city = cityCode(plan);
  const region = sectionRegion(plan, params);
  const state = useApi(`series:${ind.code}:${region}:${refresh}`, () => api.series(ind.code, region));
  // While a refresh (after data entry) loads, the previous answer for the same indicator and region stays on
  // screen instead of a spinner, so the page does not jump under the form.
  const base = `${ind.code}:${region}`;
  const [last, setLast] = useState<{ base: string; data: SeriesResponse } | null>(null);
  if (state.data && last?.data !== state.data) setLast({ base, data: state.data });
  const series = state.data ?? (state.loading && last?.base === base ? last.data : undefined);

  const derived = useMemo(() => {
    if (!series) return null;
    const rows = dataRows(series);
    const latest = latestEvaluation(series);
    const numeric = rows.some((r) => r.kind !== 'assigned' && r.value !== null);
    return { rows, latest, numeric };
  }, [series]);
  const kind = regionKind(plan.regions.find((r) => r.code === region));
  const firstYear = series?.evaluations[0]?.year ?? plan.meta.baseYear;
  const lastYear = series?.evaluations[series.evaluations.length - 1]?.year ?? plan.meta.baseYear;
  const fallbackHorizon = horizonFor(plan, lastYear);
  const option = useMemo(
    () => (derived?.numeric ? seriesOption(ind, derived.rows, derived.latest, firstYear, lastYear, fallbackHorizon, kind, t, lang) : null),
    [derived, ind, firstYear, lastYear, fallbackHorizon, kind, t, lang],
  );

  const regionSelect = (
    <Space>
      <Typography.Text type="secondary">{t.evaluation.region}</Typography.Text>
      <Select
        className="filter-select"
        data-testid="series-region"
        value={region}
        options={plan.regions.map((r) => ({ value: r.code, label: nameOf(lang, r) }))}
        onChange={(v: string) => {
          const next = new URLSearchParams(params);
          if (v === city) next.delete('region');
          else next.set('region', v);
          setParams(next, { replace: true });
        }}
      />
    </Space>
  );

  const pending = series ? null : requestState(state);
  const demo = derived?.rows.some((r) => r.isDemo) ?? false;

  return (
    <Card className="section-card" title={t.evaluation.section} extra={regionSelect} data-testid="indicator-evaluation">
      {pending ??
        (series && derived && (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {demo && <DemoBanner />}
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={14}>
                {option ? (
                  <EChart option={option} height={360} testId="indicator-series-chart" ariaLabel={t.evaluation.chart} />
                ) : (
                  <StatesTable series={series} />
                )}
              </Col>
              <Col xs={24} xl={10}>
                {derived.latest && <LatestEvaluation latest={derived.latest} ind={ind} />}
              </Col>
            </Row>
            <div>
              <Typography.Title level={5}>{t.evaluation.observations}</Typography.Title>
              <DataTable rows={derived.rows} latest={derived.latest} ind={ind} region={plan.regions.find((r) => r.code === region)} />
            </div>
          </Space>
        ))}
    </Card>
  );
}
