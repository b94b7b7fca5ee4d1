// 达峰情景: the saved scenarios' trajectories to 2035 with each peak marked and the 2030 deadline drawn, the peak
// table with the "peak before 2030" verdict and the gap to the intensity target, the Kaya drivers of a scenario
// and the LMDI decomposition of each scenario's change. Administrators and reviewers edit a scenario's parameters,
// try them (POST …/scenarios/run, nothing written) and save them as a new version with a reason.
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { ApiError } from '../../api.js';
import { useAuth } from '../../auth.js';
import { RefusedAlert, requestState } from '../../components/Status.js';
import { useApi } from '../../useApi.js';
import { carbonApi } from './api.js';
import { CarbonFrame, DemoBanner, useFormat } from './bits.js';
import { CarbonChart, EXTRA_COLOURS, SCENARIO_COLOURS, type CarbonChartOption } from './charts.js';
import { useCarbonText, type CarbonMessages } from './strings.js';
import type { Driver, Rate, ScenarioParams, ScenarioResult, ScenarioSummary } from './types.js';

const DRIVERS: Driver[] = ['population', 'gdpPerCapita', 'energyIntensity', 'carbonIntensityOfEnergy'];
const DRIVER_COLOURS: Record<Driver, string> = { population: '#2563eb', gdpPerCapita: '#d97706', energyIntensity: '#15803d', carbonIntensityOfEnergy: '#7c3aed' };
const TRIAL = '__trial__';
const ORDER = ['baseline', 'policy', 'enhanced'];
const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);

const colourOf = (name: string, i: number) => SCENARIO_COLOURS[name] ?? EXTRA_COLOURS[i % EXTRA_COLOURS.length]!;
const labelOf = (r: Pick<ScenarioResult, 'label' | 'labelEn' | 'name'>, lang: string) => (lang === 'en' ? r.labelEn || r.label : r.label) || r.name;

function trajectoryOption(results: ScenarioResult[], lang: string, c: CarbonMessages): CarbonChartOption {
  const years = [...new Set(results.flatMap((r) => r.years.map((y) => y.year)))].sort((a, b) => a - b).map(String);
  const deadline = results[0]?.peak.deadline ?? 2030;
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${Number(v).toFixed(1)} ${c.wanTco2}`) },
    legend: { top: 0 },
    grid: { left: 64, right: 40, top: 44, bottom: 30 },
    xAxis: { type: 'category', data: years, boundaryGap: false },
    yAxis: { type: 'value', name: c.wanTco2, scale: true },
    series: results.map((r, i) => {
      const trial = r.name === TRIAL;
      const colour = trial ? '#0f172a' : colourOf(r.name, i);
      const byYear = new Map(r.years.map((y) => [String(y.year), Number(y.co2.toFixed(1))]));
      return {
        name: trial ? c.scenarios.trial : labelOf(r, lang),
        type: 'line' as const,
        data: years.map((y) => byYear.get(y) ?? null),
        symbolSize: 5,
        lineStyle: { width: trial ? 2 : 3, type: trial ? ('dashed' as const) : ('solid' as const), color: colour },
        itemStyle: { color: colour },
        markPoint: {
          symbol: 'pin',
          symbolSize: 46,
          itemStyle: { color: colour },
          label: { fontSize: 10, formatter: String(r.peak.peakYear) },
          data: [{ name: c.scenarios.peakMark, coord: [String(r.peak.peakYear), Number(r.peak.peakValue.toFixed(1))], value: Number(r.peak.peakValue.toFixed(1)) }],
        },
        ...(i === 0
          ? {
              markLine: {
                symbol: 'none',
                lineStyle: { color: '#b91c1c', type: 'dashed' as const, width: 2 },
                label: { formatter: c.scenarios.line2030.replace('2030', String(deadline)), position: 'insideEndTop' as const },
                data: [{ xAxis: String(deadline) }],
              },
            }
          : {}),
      };
    }),
  };
}

function kayaOption(r: ScenarioResult, c: CarbonMessages): CarbonChartOption {
  const base = r.years[0]!;
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => Number(v).toFixed(1) },
    legend: { top: 0 },
    grid: { left: 48, right: 24, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: r.years.map((y) => String(y.year)), boundaryGap: false },
    yAxis: { type: 'value', scale: true },
    series: DRIVERS.map((d) => ({
      name: c.scenarios.drivers[d],
      type: 'line' as const,
      data: r.years.map((y) => Number(((y[d] / base[d]) * 100).toFixed(2))),
      symbolSize: 4,
      lineStyle: { color: DRIVER_COLOURS[d], width: 2 },
      itemStyle: { color: DRIVER_COLOURS[d] },
    })),
  };
}

function lmdiOption(results: ScenarioResult[], lang: string, c: CarbonMessages): CarbonChartOption {
  const keys = ['population', 'affluence', 'energyIntensity', 'carbonIntensity', 'change'] as const;
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${Number(v).toFixed(1)} ${c.wanTco2}` },
    legend: { top: 0, right: 8 },
    grid: { left: 64, right: 24, top: 56, bottom: 36 },
    xAxis: { type: 'category', data: keys.map((k) => c.scenarios.lmdiFactors[k]!), axisLabel: { interval: 0, width: 96, overflow: 'break' } },
    yAxis: { type: 'value', name: c.wanTco2 },
    series: results.map((r, i) => ({
      name: labelOf(r, lang),
      type: 'bar' as const,
      itemStyle: { color: colourOf(r.name, i) },
      data: keys.map((k) => Number(r.decomposition[k].toFixed(1))),
    })),
  };
}

function PeakTable({ results }: { results: ScenarioResult[] }) {
  const { c, lang } = useCarbonText();
  const f = useFormat();
  return (
    <Table
      data-testid="carbon-peak-table"
      size="small"
      rowKey="name"
      pagination={false}
      dataSource={results}
      columns={[
        { title: c.scenarios.scenario, key: 'label', render: (_, r, i) => <Space><span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: r.name === TRIAL ? '#0f172a' : colourOf(r.name, i) }} />{r.name === TRIAL ? c.scenarios.trial : labelOf(r, lang)}</Space> },
        { title: c.scenarios.peakYear, key: 'year', align: 'right', render: (_, r) => <span data-testid={`carbon-peak-year-${r.name}`}>{r.peak.peakYear}</span> },
        { title: c.scenarios.peakValue, key: 'value', align: 'right', render: (_, r) => <span className="carbon-num">{f.fixed(r.peak.peakValue, 1)}</span> },
        { title: c.scenarios.status, key: 'status', render: (_, r) => <><Tag color={r.peak.status === 'peaked' ? 'green' : r.peak.status === 'plateau' ? 'gold' : 'red'}>{c.scenarios.statusText(r.peak.status)}</Tag>{r.peak.plateau && <span className="carbon-source">{c.scenarios.plateau(r.peak.plateau.from, r.peak.plateau.to)}</span>}</> },
        {
          title: c.scenarios.verdict.replace('2030', String(results[0]?.peak.deadline ?? 2030)),
          key: 'verdict',
          render: (_, r) => (
            <span className={r.peak.beforeDeadline ? 'carbon-verdict-yes' : 'carbon-verdict-no'} data-testid={`carbon-verdict-${r.name}`}>
              {r.peak.beforeDeadline ? `✔ ${c.scenarios.yes}` : `✘ ${c.scenarios.no}`}
            </span>
          ),
        },
        { title: c.scenarios.gap, key: 'gap', align: 'right', render: (_, r) => (r.peakGapYears === null ? c.empty : r.peakGapYears > 0 ? `+${r.peakGapYears}` : String(r.peakGapYears)) },
        { title: c.scenarios.intensityGap, key: 'intensity', render: (_, r) => (r.intensityGaps.length ? r.intensityGaps.map((g) => <div key={g.year}>{c.scenarios.intensityGapText(g.year, g.met, f.fixed(Math.abs(g.gap), 3))}</div>) : c.empty) },
      ]}
    />
  );
}

function RatesEditor({ value, onChange }: { value: Rate[]; onChange: (v: Rate[]) => void }) {
  const { c } = useCarbonText();
  const set = (i: number, patch: Partial<Rate>) => onChange(value.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div>
      {value.map((r, i) => (
        <div key={i} className="carbon-rate-row">
          <InputNumber size="small" value={r.from} min={2005} max={2060} onChange={(v) => set(i, { from: v ?? r.from })} addonBefore={c.scenarios.from} style={{ width: 130 }} />
          <InputNumber size="small" value={r.to} min={2005} max={2060} onChange={(v) => set(i, { to: v ?? r.to })} addonBefore={c.scenarios.to} style={{ width: 130 }} />
          <InputNumber size="small" value={r.percent} step={0.1} onChange={(v) => set(i, { percent: v ?? r.percent })} addonAfter="%" style={{ width: 120 }} />
          <Button size="small" type="link" danger onClick={() => onChange(value.filter((_, j) => j !== i))}>
            {c.scenarios.remove}
          </Button>
        </div>
      ))}
      <Button size="small" onClick={() => onChange([...value, { from: value.at(-1)?.to ?? 2021, to: 2035, percent: 0 }])}>
        {c.scenarios.addPeriod}
      </Button>
    </div>
  );
}

function Editor({ start, summary, open, onClose, onTrial, onSaved }: { start: ScenarioParams; summary: ScenarioSummary | undefined; open: boolean; onClose: () => void; onTrial: (r: ScenarioResult | null) => void; onSaved: () => void }) {
  const { c } = useCarbonText();
  const { message } = AntApp.useApp();
  const [p, setP] = useState<ScenarioParams>(start);
  const [measures, setMeasures] = useState(JSON.stringify(start.measures, null, 2));
  const [name, setName] = useState(start.name);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const params = (): ScenarioParams | null => {
    try {
      return { ...p, name, measures: JSON.parse(measures) as ScenarioParams['measures'] };
    } catch {
      setError(new ApiError(400, 'BAD_JSON', c.scenarios.badJson, c.scenarios.badJson));
      return null;
    }
  };
  const act = async (what: 'run' | 'save') => {
    setError(null);
    const x = params();
    if (!x) return;
    setBusy(true);
    try {
      if (what === 'run') onTrial({ ...(await carbonApi.runScenario(x)).result, name: TRIAL });
      else {
        const { name: n, ...rest } = x;
        const saved = await carbonApi.saveScenario(n, rest, reason.trim() || undefined);
        message.success(c.scenarios.saved(saved.name, saved.version));
        onTrial(null);
        onSaved();
      }
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, String(e)));
    } finally {
      setBusy(false);
    }
  };
  const base = (k: keyof ScenarioParams['base'], label: string) => (
    <Form.Item label={label} style={{ marginBottom: 8 }}>
      <InputNumber value={p.base[k]} min={0} onChange={(v) => setP({ ...p, base: { ...p.base, [k]: v ?? p.base[k] } })} style={{ width: '100%' }} data-testid={`carbon-base-${k}`} />
    </Form.Item>
  );
  return (
    <Drawer open={open} onClose={onClose} size={680} title={`${c.scenarios.params}：${start.name}${summary ? `（${c.scenarios.version(summary.version, summary.savedBy)}）` : ''}`} data-testid="carbon-scenario-editor">
      <Form layout="vertical">
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item label={c.scenarios.saveAs} style={{ marginBottom: 8 }}>
              <Input value={name} onChange={(e) => setName(e.target.value)} data-testid="carbon-scenario-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={c.scenarios.label} style={{ marginBottom: 8 }}>
              <Input value={p.label} onChange={(e) => setP({ ...p, label: e.target.value })} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={c.scenarios.labelEn} style={{ marginBottom: 8 }}>
              <Input value={p.labelEn} onChange={(e) => setP({ ...p, labelEn: e.target.value })} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{c.scenarios.base}（{p.baseYear}）</Typography.Title>
        <Row gutter={12}>
          <Col span={6}>{base('population', c.scenarios.basePopulation)}</Col>
          <Col span={6}>{base('gdp', c.scenarios.baseGdp)}</Col>
          <Col span={6}>{base('energy', c.scenarios.baseEnergy)}</Col>
          <Col span={6}>{base('co2', c.scenarios.baseCo2)}</Col>
        </Row>
        <Typography.Title level={5}>{c.scenarios.driverRates}</Typography.Title>
        {DRIVERS.map((d) => (
          <Form.Item key={d} label={`${c.scenarios.drivers[d]}（${c.scenarios.driverUnits[d]}）`} style={{ marginBottom: 8 }}>
            <div data-testid={`carbon-rates-${d}`}>
              <RatesEditor value={p.drivers[d]} onChange={(v) => setP({ ...p, drivers: { ...p.drivers, [d]: v } })} />
            </div>
          </Form.Item>
        ))}
        <Form.Item label={`${c.scenarios.measures}（${c.scenarios.measureSummary}）`} style={{ marginBottom: 8 }}>
          <Input.TextArea value={measures} onChange={(e) => setMeasures(e.target.value)} autoSize={{ minRows: 4, maxRows: 14 }} className="carbon-formula" />
        </Form.Item>
        <Form.Item label={c.scenarios.peakBy} style={{ marginBottom: 8 }}>
          <InputNumber value={p.targets.peakBy} min={2020} max={2060} onChange={(v) => setP({ ...p, targets: { ...p.targets, peakBy: v ?? p.targets.peakBy } })} />
        </Form.Item>
        <Form.Item label={c.scenarios.reason} extra={c.scenarios.reasonHint} style={{ marginBottom: 12 }}>
          <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 2 }} data-testid="carbon-scenario-reason" />
        </Form.Item>
        <Space>
          <Button onClick={() => void act('run')} loading={busy} data-testid="carbon-scenario-run">
            {c.scenarios.run}
          </Button>
          <Button type="primary" onClick={() => void act('save')} loading={busy} data-testid="carbon-scenario-save">
            {c.scenarios.save}
          </Button>
        </Space>
        {error && (
          <div className="carbon-gap">
            <RefusedAlert error={error} testId="carbon-scenario-error" />
          </div>
        )}
      </Form>
    </Drawer>
  );
}

export function Scenarios() {
  const { c, lang } = useCarbonText();
  const { user } = useAuth();
  const [reload, setReload] = useState(0);
  const list = useApi(`carbon-scenarios#${reload}`, carbonApi.scenarios);
  // The three standard scenarios first, in their order; others after, by name.
  const all = useMemo(() => [...(list.data?.scenarios ?? [])].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name)), [list.data]);
  const [picked, setPicked] = useState<string[] | null>(null);
  const names = picked ?? all.map((s) => s.name);
  const cmp = useApi(`carbon-compare|${names.join(',')}#${reload}`, () => (names.length ? carbonApi.compare(names) : Promise.resolve({ results: [] })));
  const [kayaName, setKayaName] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [trial, setTrial] = useState<ScenarioResult | null>(null);
  const canEdit = user?.role === 'admin' || user?.role === 'reviewer';
  const results = useMemo(() => cmp.data?.results ?? [], [cmp.data]);
  const shown = useMemo(() => (trial ? [...results, trial] : results), [results, trial]);
  const trajectory = useMemo(() => trajectoryOption(shown, lang, c), [shown, lang, c]);
  const kaya = results.find((r) => r.name === kayaName) ?? results[0];
  const kayaChart = useMemo(() => (kaya ? kayaOption(kaya, c) : null), [kaya, c]);
  const lmdi = useMemo(() => lmdiOption(results, lang, c), [results, lang, c]);
  const editResult = results.find((r) => r.name === editing);
  const waiting = requestState(list) ?? requestState(cmp);
  const filters = (
    <>
      <Space size={6}>
        <Typography.Text type="secondary">{c.scenarios.compare}</Typography.Text>
        <Select<string[]>
          mode="multiple"
          data-testid="carbon-scenario-pick"
          value={names}
          onChange={(v) => setPicked(v)}
          options={all.map((s) => ({ value: s.name, label: (lang === 'en' ? s.labelEn || s.label : s.label) || s.name }))}
          style={{ minWidth: 360 }}
        />
      </Space>
      {canEdit && (
        <Select<string>
          placeholder={c.scenarios.edit}
          value={null as unknown as string}
          data-testid="carbon-scenario-edit"
          onChange={(n) => setEditing(n)}
          options={results.map((r) => ({ value: r.name, label: `${c.scenarios.edit}：${labelOf(r, lang)}` }))}
          style={{ width: 240 }}
        />
      )}
    </>
  );
  return (
    <CarbonFrame page="scenarios" filters={filters}>
      {waiting ?? (
        <>
          <DemoBanner show={all.some((s) => s.isDemo && names.includes(s.name))} />
          <Typography.Paragraph type="secondary">{c.scenarios.intro}</Typography.Paragraph>
          {!canEdit && <Typography.Paragraph type="secondary" className="carbon-source">{c.scenarios.readOnly}</Typography.Paragraph>}
          {trial && <Alert className="carbon-gap-bottom" type="info" showIcon title={c.scenarios.trial} action={<Button size="small" onClick={() => setTrial(null)}>{c.scenarios.remove}</Button>} />}
          <Card size="small" title={c.scenarios.trajectories}>
            <div data-testid="carbon-trajectory-wrap" data-peaks={shown.map((r) => `${r.name}:${r.peak.peakYear}`).join(',')} data-deadline={shown[0]?.peak.deadline ?? ''}>
              <CarbonChart option={trajectory} height={400} testId="carbon-trajectory" ariaLabel={c.scenarios.trajectories} />
            </div>
          </Card>
          <Card size="small" className="carbon-gap" title={c.scenarios.table}>
            <PeakTable results={shown} />
          </Card>
          <Row gutter={[16, 16]} className="carbon-gap">
            <Col xs={24} xl={12}>
              <Card
                size="small"
                title={c.scenarios.kaya}
                extra={
                  <Select<string>
                    size="small"
                    value={kaya?.name}
                    onChange={setKayaName}
                    options={results.map((r) => ({ value: r.name, label: labelOf(r, lang) }))}
                    style={{ width: 200 }}
                    data-testid="carbon-kaya-pick"
                  />
                }
              >
                {kayaChart && <CarbonChart option={kayaChart} height={320} testId="carbon-kaya" ariaLabel={c.scenarios.kaya} />}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={results[0] ? c.scenarios.lmdi(results[0].decomposition.from, results[0].decomposition.to) : c.scenarios.lmdi(2020, 2035)}>
                <CarbonChart option={lmdi} height={320} testId="carbon-lmdi" ariaLabel={c.scenarios.lmdiFactors.change} />
              </Card>
            </Col>
          </Row>
          {editResult && (
            <Editor
              key={`${editResult.name}#${reload}`}
              start={editResult.params}
              summary={all.find((s) => s.name === editResult.name)}
              open
              onClose={() => setEditing(null)}
              onTrial={setTrial}
              onSaved={() => {
                setEditing(null);
                setReload((n) => n + 1);
              }}
            />
          )}
        </>
      )}
    </CarbonFrame>
  );
}
