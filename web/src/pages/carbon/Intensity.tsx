// 碳排放强度: indicators 25 (CO2 per 万元 GDP) and 23 (decline rate of energy per unit of GDP) as the carbon accounts
// compute them each year, against the plan's baseline and targets (GET /plans/{id}/indicators/{code}), the values
// reported in the rounds and the figures the higher authority assigned. A reviewer or administrator proposes the
// year's computed values into the year's round; the server's answer is shown as it words it.
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { api, ApiError } from '../../api.js';
import { useAuth } from '../../auth.js';
import { RefusedAlert, requestState } from '../../components/Status.js';
import { useMeasureCodes } from '../../planTerms.js';
import { useApi } from '../../useApi.js';
import type { Indicator, Observation } from '../../types.js';
import { carbonApi } from './api.js';
import { CarbonFrame, DemoBanner, GridSelect, GwpSelect, RegionSelect, useChoices, useFormat, useRegions } from './bits.js';
import { CarbonChart, type CarbonChartOption } from './charts.js';
import { useCarbonText } from './strings.js';
import type { IndicatorOutcome, ProposeResult, SeriesPoint } from './types.js';
import { unitText } from '../../format.js';

interface YearRow {
  year: number;
  computed: string | null;
  reported: Observation | null;
  assigned: Observation | null;
}

/** The latest version of each year's value and assigned figure. */
function latestByYear(obs: Observation[], region: string) {
  const pick = (kind: Observation['kind']) => {
    const m = new Map<number, Observation>();
    for (const o of obs) if (o.regionCode === region && o.kind === kind && (!m.has(o.year) || m.get(o.year)!.version < o.version)) m.set(o.year, o);
    return m;
  };
  return { value: pick('value'), assigned: pick('assigned') };
}

function chartOption(ind: Indicator, rows: YearRow[], names: { computed: string; reported: string; assigned: string; baseline: string }, unit: string): CarbonChartOption {
  const years = rows.map((r) => String(r.year));
  const num = (x: string | null | undefined) => (x === null || x === undefined ? null : Number(x));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 56, right: 24, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: years },
    yAxis: { type: 'value', name: unit, scale: true },
    series: [
      {
        name: names.computed,
        type: 'line',
        data: rows.map((r) => num(r.computed)),
        symbolSize: 8,
        lineStyle: { width: 3, color: '#1a7f5a' },
        itemStyle: { color: '#1a7f5a' },
        label: { show: true, position: 'top', fontSize: 11, formatter: (p) => (p.value === null || p.value === undefined ? '' : String(p.value)) },
        markLine:
          ind.baseline.value === null
            ? undefined
            : { symbol: 'none', lineStyle: { type: 'dashed', color: '#64748b' }, label: { formatter: `${names.baseline} ${ind.baseline.text}`, position: 'insideEndTop' }, data: [{ yAxis: ind.baseline.value }] },
      },
      { name: names.reported, type: 'line', data: rows.map((r) => num(r.reported?.valueText)), symbol: 'diamond', symbolSize: 9, lineStyle: { type: 'dotted', color: '#2f6fb0' }, itemStyle: { color: '#2f6fb0' } },
      { name: names.assigned, type: 'line', data: rows.map((r) => num(r.assigned?.valueText)), symbol: 'triangle', symbolSize: 9, lineStyle: { type: 'dashed', color: '#b91c1c' }, itemStyle: { color: '#b91c1c' } },
    ],
  };
}

/** `code`: which computation (the default plan's numbering, 25 or 23); `planCode`: the plan's own indicator of it. */
function IndicatorCard({ code, planCode, points, region, provenance }: { code: 23 | 25; planCode: number; points: SeriesPoint[]; region: string; provenance: { year: number; outcome: IndicatorOutcome } | null }) {
  const { c, lang } = useCarbonText();
  const ind = useApi(`indicator-${planCode}`, () => api.indicator(planCode));
  const obs = useApi(`carbon-obs-${planCode}`, () => carbonApi.indicatorSeries(planCode));
  const rows = useMemo<YearRow[]>(() => {
    const stored = latestByYear(obs.data?.observations ?? [], region);
    const years = new Set<number>([...points.map((p) => p.year), ...stored.value.keys(), ...stored.assigned.keys()]);
    if (ind.data) years.add(ind.data.indicator.baseline.year ?? 2020);
    return [...years]
      .sort((a, b) => a - b)
      .map((year) => {
        const p = points.find((x) => x.year === year);
        const v = code === 25 ? p?.indicator25 : p?.indicator23;
        return { year, computed: v?.valueText ?? null, reported: stored.value.get(year) ?? null, assigned: stored.assigned.get(year) ?? null };
      })
      .filter((r) => r.computed !== null || r.reported !== null || r.assigned !== null);
  }, [points, obs.data, ind.data, region, code]);
  const waiting = requestState(ind) ?? requestState(obs);
  if (waiting) return <Card title={code === 25 ? c.intensity.i25(planCode) : c.intensity.i23(planCode)}>{waiting}</Card>;
  const indicator = ind.data!.indicator;
  const unit = unitText(lang, indicator.unit);
  const option = chartOption(indicator, rows, { computed: c.intensity.computed, reported: c.intensity.reported, assigned: c.intensity.assigned, baseline: c.intensity.baselineLine }, code === 25 ? c.intensity.chartUnit25 : c.intensity.chartUnit23);
  const b = indicator.baseline;
  return (
    <Card title={code === 25 ? c.intensity.i25(planCode) : c.intensity.i23(planCode)} data-testid={`carbon-indicator-${code}`}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={c.intensity.baselineLine}>
          <span data-testid={`carbon-baseline-${code}`}>{b.text === null ? c.empty : c.intensity.baseline(b.text, unit, b.year ?? 2020)}</span>
        </Descriptions.Item>
        {/* The indicator's targets are keyed by the plan's target years. */}
        {Object.keys(indicator.targets).sort().map((h) => (
          <Descriptions.Item key={h} label={c.intensity.target(h)}>
            {lang === 'en' ? indicator.targets[h]?.textEn || indicator.targets[h]?.text : indicator.targets[h]?.text}
          </Descriptions.Item>
        ))}
        {provenance && (
          <Descriptions.Item label={`${c.intensity.provenance}（${provenance.year}）`}>
            <span className="carbon-source" data-testid={`carbon-provenance-${code}`}>
              {'error' in provenance.outcome ? `${c.intensity.notComputed}${c.colon}${lang === 'en' ? provenance.outcome.error.messageEn : provenance.outcome.error.message}` : lang === 'en' ? provenance.outcome.provenanceEn : provenance.outcome.provenance}
            </span>
          </Descriptions.Item>
        )}
      </Descriptions>
      <CarbonChart option={option} height={300} testId={`carbon-chart-${code}`} ariaLabel={code === 25 ? c.intensity.i25(planCode) : c.intensity.i23(planCode)} />
      <Table
        size="small"
        rowKey="year"
        pagination={false}
        dataSource={rows}
        data-testid={`carbon-table-${code}`}
        columns={[
          { title: c.intensity.year, dataIndex: 'year', width: 70 },
          { title: `${c.intensity.computed}（${unit}）`, dataIndex: 'computed', align: 'right', render: (v: string | null) => v ?? c.empty },
          {
            title: c.intensity.reported,
            dataIndex: 'reported',
            align: 'right',
            render: (o: Observation | null) =>
              o ? (
                <Space size={4}>
                  {o.valueText}
                  {o.status === 'provisional' && <Tag color="gold">{lang === 'en' ? 'pending' : '待审核'}</Tag>}
                  {o.isDemo && <Tag color="purple">{lang === 'en' ? 'demo' : '示例'}</Tag>}
                </Space>
              ) : (
                c.empty
              ),
          },
          { title: c.intensity.assigned, dataIndex: 'assigned', align: 'right', render: (o: Observation | null) => o?.valueText ?? c.empty },
        ]}
      />
    </Card>
  );
}

function ProposePanel({ years, gwp, grid }: { years: number[]; gwp: string; grid: string }) {
  const { c, lang } = useCarbonText();
  const { modal } = AntApp.useApp();
  const [year, setYear] = useState<number | null>(years.at(-1) ?? null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ProposeResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  if (year === null) return null;
  const go = () =>
    modal.confirm({
      title: c.intensity.proposeConfirm(year),
      onOk: async () => {
        setBusy(true);
        setError(null);
        setResult(null);
        try {
          setResult(await carbonApi.propose(year, gwp as 'AR5', grid as 'national'));
        } catch (e) {
          setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, String(e)));
        } finally {
          setBusy(false);
        }
      },
    });
  return (
    <Card size="small" className="carbon-gap" title={c.intensity.propose(year)} data-testid="carbon-propose">
      <Typography.Paragraph type="secondary">{c.intensity.proposeHelp}</Typography.Paragraph>
      <Space>
        <Select<number> value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: c.yearOption(y) }))} style={{ width: 100 }} data-testid="carbon-propose-year" />
        <Button type="primary" loading={busy} onClick={go} data-testid="carbon-propose-button">
          {c.intensity.propose(year)}
        </Button>
      </Space>
      {error && (
        <div className="carbon-gap">
          <RefusedAlert error={error} testId="carbon-propose-error" />
        </div>
      )}
      {result && (
        <Table
          className="carbon-gap"
          data-testid="carbon-propose-result"
          size="small"
          rowKey="indicatorCode"
          pagination={false}
          dataSource={result.results}
          columns={[
            { title: lang === 'en' ? 'Indicator' : '指标', dataIndex: 'indicatorCode', width: 80 },
            { title: c.intensity.valueCol, dataIndex: 'valueText', width: 90, render: (v: string | null) => v ?? c.empty },
            { title: c.intensity.statusCol, dataIndex: 'status', width: 90, render: (s: string) => <Tag color={s === 'submitted' ? 'green' : 'default'}>{s === 'submitted' ? c.intensity.proposed : c.intensity.notProposed}</Tag> },
            { title: c.intensity.noteCol, dataIndex: 'note', render: (n: string) => <span className="carbon-source">{n}</span> },
          ]}
        />
      )}
    </Card>
  );
}

export function Intensity() {
  const { c, lang } = useCarbonText();
  const f = useFormat();
  const { user } = useAuth();
  const [choices, setChoices] = useChoices();
  const regions = useRegions();
  const region = choices.region ?? regions.city ?? '';
  const q = { region: region || undefined, gwp: choices.gwp, grid: choices.grid };
  const series = useApi(`carbon-series|${JSON.stringify(q)}`, () => carbonApi.series(q));
  const activity = useApi('carbon-act-macro', () => carbonApi.activity({ sector: 'macro' }));
  const points = useMemo(() => series.data?.series ?? [], [series.data]);
  const latest = useMemo(() => [...points].reverse().find((p) => p.indicator25 || p.indicator23), [points]);
  const detailQ = latest ? { year: latest.year, region: region || undefined, gwp: choices.gwp, grid: choices.grid, lines: 'false' as const } : null;
  const detail = useApi(`carbon-inv|${JSON.stringify(detailQ)}`, () => (detailQ ? carbonApi.inventory(detailQ) : Promise.resolve(null)));
  const prov = (code: 23 | 25) => (detail.data && latest ? { year: latest.year, outcome: code === 25 ? detail.data.indicators.indicator25 : detail.data.indicators.indicator23 } : null);
  const filters = (
    <>
      <RegionSelect value={region} onChange={(r) => setChoices({ region: r })} />
      <GwpSelect value={choices.gwp} onChange={(g) => setChoices({ gwp: g })} />
      <GridSelect value={choices.grid} onChange={(g) => setChoices({ grid: g })} />
    </>
  );
  const waiting = requestState(series);
  const canPropose = user?.role === 'admin' || user?.role === 'reviewer';
  const proposable = points.filter((p) => p.indicator25 || p.indicator23).map((p) => p.year);
  // The plan's own indicators of the two measures (the default plan's 25 and 23); a plan may have neither.
  const codeOf = useMeasureCodes();
  const code25 = codeOf?.('carbon.co2Intensity') ?? null;
  const code23 = codeOf?.('carbon.energyIntensityDecline') ?? null;
  return (
    <CarbonFrame page="intensity" filters={filters}>
      {waiting ?? (
        <>
          <DemoBanner show={(activity.data?.rows ?? []).some((r) => r.isDemo)} />
          <Typography.Paragraph type="secondary">{c.intensity.intro}</Typography.Paragraph>
          {latest && (
            <Alert
              className="carbon-gap-bottom"
              type="info"
              showIcon
              data-testid="carbon-latest"
              title={`${c.yearOption(latest.year)}${c.colon}${c.intensity.i25(code25)} ${latest.indicator25?.valueText ?? c.empty} ${lang === 'en' ? 't/10⁴ yuan' : '吨/万元'}；${c.intensity.i23(code23)} ${latest.indicator23?.valueText ?? c.empty}%；${c.inventory.energyCO2} ${f.wan(latest.totals.energyCO2)} ${c.wanTco2}`}
            />
          )}
          {codeOf && code25 === null && code23 === null && <Alert className="carbon-gap-bottom" type="warning" showIcon data-testid="carbon-no-indicator" title={c.intensity.noIndicator} />}
          <Row gutter={[16, 16]}>
            {code25 !== null && (
              <Col xs={24} xl={12}>
                <IndicatorCard code={25} planCode={code25} points={points} region={region} provenance={prov(25)} />
              </Col>
            )}
            {code23 !== null && (
              <Col xs={24} xl={12}>
                <IndicatorCard code={23} planCode={code23} points={points} region={region} provenance={prov(23)} />
              </Col>
            )}
          </Row>
          {canPropose && region === regions.city && (code25 !== null || code23 !== null) && <ProposePanel years={proposable} gwp={choices.gwp} grid={choices.grid} />}
        </>
      )}
    </CarbonFrame>
  );
}
