// One questionnaire: the designer (questions in Chinese and English, what each measures, the phone-size preview of
// the exact page the public gets, open/close, versions) and the results (charts by county and day, the two rates
// with their 95 % intervals, county populations for weighting, Excel export, paper import, the proposal of
// indicators 44 and 45 into the round). Free text is shown as text: React escapes it.
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Checkbox, Col, Descriptions, Input, InputNumber, Row, Select, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { ApiError } from '../../api.js';
import { SignInRequired, useAuth } from '../../auth.js';
import { DownloadButton } from '../../components/DownloadButton.js';
import { EChart } from '../../components/EChart.js';
import { Loading, RefusedAlert, requestState } from '../../components/Status.js';
import { PALETTE } from '../../echarts.js';
import { useApi } from '../../useApi.js';
import { surveyApi } from './api.js';
import { useSurveyText } from './strings.js';
import { statusColour } from './Surveys.js';
import type { Bilingual, Definition, Measure, Question, QuestionType, Rate, Results, Survey as SurveyShape } from './types.js';

const asError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, String(e)));
const pct = (x: number) => `${(Math.floor(x * 1000 + 0.5 + 1e-9) / 10).toFixed(1)}%`;

function BilingualInputs({ value, onChange, labels, testId, area }: { value: Bilingual; onChange: (v: Bilingual) => void; labels: [string, string]; testId: string; area?: boolean }) {
  const Field = area ? Input.TextArea : Input;
  return (
    <Row gutter={8}>
      <Col xs={24} md={12}>
        <Field aria-label={labels[0]} placeholder={labels[0]} value={value.zh} onChange={(e) => onChange({ ...value, zh: e.target.value })} data-testid={`${testId}-zh`} />
      </Col>
      <Col xs={24} md={12}>
        <Field aria-label={labels[1]} placeholder={labels[1]} value={value.en} onChange={(e) => onChange({ ...value, en: e.target.value })} data-testid={`${testId}-en`} />
      </Col>
    </Row>
  );
}

function newQuestion(type: QuestionType, n: number): Question {
  const base = { id: `q${n}`, type, text: { zh: '', en: '' }, required: true };
  if (type === 'single' || type === 'multiple') return { ...base, options: [{ id: 'a', text: { zh: '', en: '' } }, { id: 'b', text: { zh: '', en: '' } }] };
  if (type === 'likert') return { ...base, points: 5, labels: ['不满意', '不太满意', '一般', '比较满意', '满意'].map((zh, k) => ({ zh, en: ['Dissatisfied', 'Somewhat dissatisfied', 'Neutral', 'Fairly satisfied', 'Satisfied'][k]! })) };
  return { ...base, required: false, maxLength: 2000 };
}

function QuestionEditor({ q, n, onChange, onRemove, onMove }: { q: Question; n: number; onChange: (q: Question) => void; onRemove: () => void; onMove: (d: -1 | 1) => void }) {
  const { s } = useSurveyText();
  const d = s.design;
  const measures: (Measure | 'none')[] = q.type === 'likert' ? ['none', 'satisfaction'] : q.type === 'single' ? ['none', 'satisfaction', 'participation'] : q.type === 'multiple' ? ['none', 'participation'] : ['none'];
  return (
    <Card size="small" className="section-card" title={d.question(n)} data-testid={`survey-question-${n}`} extra={<Space><Button size="small" onClick={() => onMove(-1)}>{d.up}</Button><Button size="small" onClick={() => onMove(1)}>{d.down}</Button><Button size="small" danger onClick={onRemove}>{d.remove}</Button></Space>}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Input aria-label={d.key} addonBefore={d.key} value={q.id} onChange={(e) => onChange({ ...q, id: e.target.value })} style={{ width: 220 }} data-testid={`q${n}-key`} />
        <Select aria-label={d.type} value={q.type} style={{ width: 140 }} onChange={(type: QuestionType) => onChange({ ...newQuestion(type, n), id: q.id, text: q.text, required: q.required })} options={(['single', 'multiple', 'likert', 'text'] as const).map((t) => ({ value: t, label: d.types[t] }))} data-testid={`q${n}-type`} />
        <Checkbox checked={q.required} onChange={(e) => onChange({ ...q, required: e.target.checked })}>{d.required}</Checkbox>
        <Select aria-label={d.measures} value={q.measures ?? 'none'} style={{ width: 200 }} onChange={(m: Measure | 'none') => onChange({ ...q, measures: m === 'none' ? undefined : m, countsFrom: m === 'satisfaction' && q.type === 'likert' ? (q.countsFrom ?? Math.max(2, (q.points ?? 5) - 1)) : undefined })} options={measures.map((m) => ({ value: m, label: m === 'none' ? d.measureNone : d.measureNames[m] }))} data-testid={`q${n}-measures`} />
      </Space>
      <BilingualInputs value={q.text} onChange={(text) => onChange({ ...q, text })} labels={[d.textZh, d.textEn]} testId={`q${n}-text`} />
      {q.options && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text strong>{d.options}</Typography.Text>
          {q.options.map((o, j) => (
            <Row gutter={8} key={j} style={{ marginTop: 4 }} align="middle">
              <Col xs={6} md={4}><Input aria-label={`${d.optionKey} ${j + 1}`} value={o.id} onChange={(e) => onChange({ ...q, options: q.options!.map((x, k) => (k === j ? { ...x, id: e.target.value } : x)) })} /></Col>
              <Col xs={18} md={14}><BilingualInputs value={o.text} onChange={(text) => onChange({ ...q, options: q.options!.map((x, k) => (k === j ? { ...x, text } : x)) })} labels={[`${d.options} ${j + 1}（中文）`, `${d.options} ${j + 1} (English)`]} testId={`q${n}-o${j + 1}`} /></Col>
              <Col xs={12} md={3}>{q.measures && <Checkbox checked={o.counts === true} onChange={(e) => onChange({ ...q, options: q.options!.map((x, k) => (k === j ? { ...x, counts: e.target.checked || undefined } : x)) })}>{d.counts}</Checkbox>}</Col>
              <Col xs={12} md={3}><Button size="small" danger onClick={() => onChange({ ...q, options: q.options!.filter((_, k) => k !== j) })}>{d.remove}</Button></Col>
            </Row>
          ))}
          <Button size="small" style={{ marginTop: 6 }} onClick={() => onChange({ ...q, options: [...q.options!, { id: `o${q.options!.length + 1}`, text: { zh: '', en: '' } }] })}>{d.addOption}</Button>
        </div>
      )}
      {q.type === 'likert' && (
        <div style={{ marginTop: 8 }}>
          <Space wrap>
            <span>{d.points}</span>
            <InputNumber aria-label={d.points} min={3} max={7} value={q.points} onChange={(p) => p && onChange({ ...q, points: p, labels: Array.from({ length: p }, (_, k) => q.labels?.[k] ?? { zh: '', en: '' }), countsFrom: q.countsFrom && Math.min(q.countsFrom, p) })} />
            {q.measures === 'satisfaction' && (
              <>
                <span>{d.countsFrom}</span>
                <InputNumber aria-label={d.countsFrom} min={2} max={q.points} value={q.countsFrom} onChange={(v) => onChange({ ...q, countsFrom: v ?? undefined })} data-testid={`q${n}-counts-from`} />
              </>
            )}
          </Space>
          <div style={{ marginTop: 4 }}>{d.labels}</div>
          {q.labels?.map((l, k) => <div key={k} style={{ marginTop: 4 }}><BilingualInputs value={l} onChange={(v) => onChange({ ...q, labels: q.labels!.map((x, j) => (j === k ? v : x)) })} labels={[`${k + 1}（中文）`, `${k + 1} (English)`]} testId={`q${n}-l${k + 1}`} /></div>)}
        </div>
      )}
      {q.type === 'text' && (
        <Space style={{ marginTop: 8 }}>
          <span>{d.maxLength}</span>
          <InputNumber aria-label={d.maxLength} min={1} max={2000} value={q.maxLength} onChange={(v) => onChange({ ...q, maxLength: v ?? 2000 })} />
        </Space>
      )}
    </Card>
  );
}

function Designer({ survey, onSaved }: { survey: SurveyShape; onSaved: (s: SurveyShape) => void }) {
  const { s } = useSurveyText();
  const d = s.design;
  const { message } = AntApp.useApp();
  const [def, setDef] = useState<Definition>(survey.definition);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [previewKey, setPreviewKey] = useState(0);
  const answered = survey.versions.find((v) => v.version === survey.currentVersion)?.responses ?? 0;
  const run = async (what: string, f: () => Promise<SurveyShape>, done: (x: SurveyShape) => string) => {
    setBusy(what);
    setError(null);
    try {
      const x = await f();
      onSaved(x);
      setDef(x.definition);
      setPreviewKey((k) => k + 1);
      void message.success(done(x));
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(null);
    }
  };
  const setQ = (k: number, q: Question) => setDef({ ...def, questions: def.questions.map((x, j) => (j === k ? q : x)) });
  const move = (k: number, by: -1 | 1) => {
    const j = k + by;
    if (j < 0 || j >= def.questions.length) return;
    const qs = [...def.questions];
    [qs[k], qs[j]] = [qs[j]!, qs[k]!];
    setDef({ ...def, questions: qs });
  };
  return (
    <Row gutter={16}>
      <Col xs={24} xl={14}>
        {answered > 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={d.inUse(answered, survey.currentVersion)} data-testid="survey-in-use" />}
        <Card className="section-card">
          <BilingualInputs value={def.title} onChange={(title) => setDef({ ...def, title })} labels={[d.titleZh, d.titleEn]} testId="survey-title" />
          <div style={{ marginTop: 8 }}><BilingualInputs area value={def.intro} onChange={(intro) => setDef({ ...def, intro })} labels={[d.introZh, d.introEn]} testId="survey-intro" /></div>
          <div style={{ marginTop: 8 }}><Checkbox checked={def.askCounty} onChange={(e) => setDef({ ...def, askCounty: e.target.checked })}>{d.askCounty}</Checkbox></div>
        </Card>
        {def.questions.map((q, k) => <QuestionEditor key={k} q={q} n={k + 1} onChange={(x) => setQ(k, x)} onRemove={() => setDef({ ...def, questions: def.questions.filter((_, j) => j !== k) })} onMove={(by) => move(k, by)} />)}
        <Space wrap style={{ marginBottom: 12 }}>
          {(['single', 'multiple', 'likert', 'text'] as const).map((t) => (
            <Button key={t} onClick={() => setDef({ ...def, questions: [...def.questions, newQuestion(t, def.questions.length + 1)] })}>{`${d.add}：${d.types[t]}`}</Button>
          ))}
        </Space>
        {error && <div style={{ marginBottom: 12 }}><RefusedAlert error={error} testId="survey-design-error" /></div>}
        <Space wrap>
          <Button type="primary" loading={busy === 'save'} onClick={() => run('save', () => surveyApi.save(survey.id, def), () => d.saved)} data-testid="survey-save">{d.save}</Button>
          <Button loading={busy === 'version'} onClick={() => run('version', () => surveyApi.saveVersion(survey.id, def), (x) => d.versionSaved(x.currentVersion))} data-testid="survey-save-version">{d.saveVersion}</Button>
          {survey.status !== 'open' ? (
            <Button loading={busy === 'open'} onClick={() => run('open', () => surveyApi.setOpen(survey.id, true), () => s.status.open)} data-testid="survey-open">{s.open}</Button>
          ) : (
            <Button danger loading={busy === 'close'} onClick={() => run('close', () => surveyApi.setOpen(survey.id, false), () => s.status.closed)} data-testid="survey-close">{s.close}</Button>
          )}
        </Space>
        <Card size="small" className="section-card" title={d.versions} style={{ marginTop: 12 }}>
          {survey.versions.map((v) => <div key={v.version}>{d.versionRow(v.version, v.responses)}</div>)}
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card className="section-card" title={d.preview}>
          {/* The server renders the exact public page; the frame is a phone's viewport. */}
          <iframe key={previewKey} title={d.preview} src={surveyApi.previewUrl(survey.id)} width={390} height={844} style={{ border: '1px solid #ccc', borderRadius: 12, maxWidth: '100%' }} data-testid="survey-preview" />
        </Card>
      </Col>
    </Row>
  );
}

function RatesTable({ results }: { results: Results }) {
  const { s } = useSurveyText();
  const r = s.results;
  const rows: Rate[] = [...Object.values(results.rates), ...(results.weightedRates ? Object.values(results.weightedRates) : [])];
  return (
    <Table<Rate>
      size="small"
      rowKey={(x) => `${x.measure}-${x.weighted}`}
      pagination={false}
      dataSource={rows}
      data-testid="survey-rates"
      columns={[
        { title: r.measure, key: 'm', render: (_, x) => s.design.measureNames[x.measure] },
        { title: r.basis, key: 'b', render: (_, x) => (x.weighted ? r.weighted : r.unweighted) },
        { title: r.respondents, dataIndex: 'respondents' },
        { title: r.counted, dataIndex: 'counted' },
        { title: r.rate, key: 'r', render: (_, x) => <span data-testid={`rate-${x.measure}-${x.weighted ? 'w' : 'u'}`}>{x.rate === null ? '—' : pct(x.rate)}</span> },
        { title: r.ci, key: 'ci', render: (_, x) => (x.ci ? `${pct(x.ci.low)} – ${pct(x.ci.high)}` : '—') },
        { title: r.neff, key: 'n', render: (_, x) => (x.effectiveN === undefined ? '—' : x.effectiveN.toFixed(1)) },
        { title: r.deff, key: 'd', render: (_, x) => (x.designEffect === undefined ? '—' : x.designEffect.toFixed(2)) },
      ]}
    />
  );
}

function Populations({ survey, results, onSaved }: { survey: SurveyShape; results: Results; onSaved: () => void }) {
  const { s, lang } = useSurveyText();
  const r = s.results;
  const { message } = AntApp.useApp();
  const [values, setValues] = useState<Record<string, number | null>>(() => ({ ...(results.populations?.populations ?? {}) }));
  const [source, setSource] = useState(results.populations?.source ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const counties = results.byCounty.filter((c) => c.county !== null);
  const save = async () => {
    setError(null);
    try {
      const populations = Object.fromEntries(Object.entries(values).filter((e): e is [string, number] => typeof e[1] === 'number'));
      await surveyApi.savePopulations(survey.id, populations, source);
      void message.success(r.populationsSaved);
      onSaved();
    } catch (e) {
      setError(asError(e));
    }
  };
  return (
    <Card className="section-card" title={r.populations} data-testid="survey-populations">
      <Row gutter={[8, 8]}>
        {counties.map((c) => (
          <Col xs={12} md={8} key={c.county!}>
            <div>{lang === 'en' ? c.nameEn : c.name}</div>
            <InputNumber aria-label={`${r.population} ${c.name}`} min={1} precision={0} style={{ width: '100%' }} value={values[c.county!] ?? null} onChange={(v) => setValues({ ...values, [c.county!]: v })} data-testid={`population-${c.county}`} />
          </Col>
        ))}
      </Row>
      <Space style={{ marginTop: 8 }} wrap>
        <Input aria-label={r.source} placeholder={r.sourcePlaceholder} value={source} onChange={(e) => setSource(e.target.value)} style={{ width: 280 }} data-testid="population-source" />
        <Button onClick={save} data-testid="population-save">{r.savePopulations}</Button>
      </Space>
      {error && <RefusedAlert error={error} testId="population-error" />}
    </Card>
  );
}

function ResultsView({ survey }: { survey: SurveyShape }) {
  const { s, lang } = useSurveyText();
  const r = s.results;
  const { message } = AntApp.useApp();
  const results = useApi(`survey-results-${survey.id}`, () => surveyApi.results(survey.id));
  const [weighted, setWeighted] = useState(false);
  const [proposed, setProposed] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const state = requestState(results);
  if (state) return state;
  const data = results.data!;
  const qText = (id: string) => {
    const q = survey.definition.questions.find((x) => x.id === id);
    return q ? (lang === 'en' ? q.text.en : q.text.zh) : id;
  };
  const propose = async () => {
    setError(null);
    setProposed(null);
    try {
      const again = data.proposed.length > 0;
      if (again && !reason.trim()) {
        setReasonMissing(true);
        return;
      }
      const out = await surveyApi.propose(survey.id, weighted, again ? reason.trim() : undefined);
      setProposed(`${r.proposed(out.year)} ${out.results.map((x) => `${x.indicatorCode}: ${x.valueText ?? r.notComputed}`).join('；')}`);
      setReason('');
      results.retry();
    } catch (e) {
      setError(asError(e));
    }
  };
  const upload = async (file: File) => {
    setError(null);
    try {
      const res = await surveyApi.importPaper(survey.id, file);
      void message.success(r.imported(res.imported));
      results.retry();
    } catch (e) {
      setError(asError(e));
    }
    return false;
  };
  return (
    <div data-testid="survey-results">
      <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[{ label: r.total, children: <span data-testid="survey-total">{data.total}</span> }, { label: r.web, children: data.byChannel.web }, { label: r.paper, children: data.byChannel.paper }]} />
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card className="section-card" title={r.byCounty}>
            <EChart testId="survey-county-chart" height={300} ariaLabel={r.byCounty} option={{ grid: { left: 110, right: 20, top: 10, bottom: 30 }, tooltip: {}, xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: data.byCounty.map((c) => (lang === 'en' ? c.nameEn : c.name)) }, series: [{ type: 'bar', data: data.byCounty.map((c) => c.responses), itemStyle: { color: PALETTE[0] } }] }} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card className="section-card" title={r.byDay}>
            <EChart testId="survey-day-chart" height={300} ariaLabel={r.byDay} option={{ grid: { left: 40, right: 20, top: 10, bottom: 30 }, tooltip: { trigger: 'axis' }, xAxis: { type: 'category', data: data.byDay.map((d) => d.day) }, yAxis: { type: 'value', minInterval: 1 }, series: [{ type: 'line', data: data.byDay.map((d) => d.responses), itemStyle: { color: PALETTE[1] } }] }} />
          </Card>
        </Col>
      </Row>
      <Card className="section-card" title={r.rates}>
        <RatesTable results={data} />
        <Typography.Title level={5} style={{ marginTop: 12 }}>{r.method}</Typography.Title>
        {data.method.map((m, k) => <Typography.Paragraph key={k} type="secondary" style={{ marginBottom: 4 }}>{m}</Typography.Paragraph>)}
        {data.proposed.length > 0 && (
          <div style={{ marginTop: 8, maxWidth: 640 }} data-testid="survey-repropose">
            <Alert type="info" showIcon title={r.alreadyProposed(data.proposed.map((p) => `${p.indicatorCode}（${r.statusName[p.status] ?? p.status}）`).join('、'))} />
            <label htmlFor="survey-repropose-reason" style={{ display: 'block', marginTop: 8 }}>{r.reproposeReason}</label>
            <Input.TextArea
              id="survey-repropose-reason"
              data-testid="survey-repropose-reason"
              value={reason}
              maxLength={1000}
              autoSize={{ minRows: 2, maxRows: 5 }}
              aria-required="true"
              aria-invalid={reasonMissing}
              status={reasonMissing ? 'error' : undefined}
              onChange={(e) => {
                setReason(e.target.value);
                setReasonMissing(false);
              }}
            />
            {reasonMissing && <Typography.Text type="danger" role="alert" data-testid="survey-repropose-missing">{r.reasonMissing}</Typography.Text>}
          </div>
        )}
        <Space wrap style={{ marginTop: 8 }}>
          <Checkbox checked={weighted} disabled={!data.weightedRates} onChange={(e) => setWeighted(e.target.checked)} data-testid="propose-weighted">{r.proposeWeighted}</Checkbox>
          <Button type="primary" onClick={propose} data-testid="survey-propose">{r.propose}</Button>
          <DownloadButton href={surveyApi.exportUrl(survey.id)} fileName="survey-results.xlsx" busyText={r.exporting} testId="survey-export">{r.exportXlsx}</DownloadButton>
          <DownloadButton href={surveyApi.templateUrl(survey.id)} fileName="paper-template.xlsx" busyText={r.exporting} testId="survey-template">{r.template}</DownloadButton>
          <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => upload(f)}>
            <Button data-testid="survey-import">{r.import}</Button>
          </Upload>
        </Space>
        {proposed && <Alert style={{ marginTop: 8 }} type="success" showIcon title={proposed} data-testid="survey-proposed" />}
        {error && (
          <div style={{ marginTop: 8 }}>
            <RefusedAlert error={error} testId="survey-results-error" title={error.problems.length ? r.importRefused : undefined} />
            {error.problems.length > 0 && (
              <ul data-testid="survey-import-problems">
                {error.problems.map((p, k) => <li key={k}>{`${r.problemWhere(p.sheet, p.row, p.column)}：${lang === 'en' ? p.messageEn : p.message}`}</li>)}
              </ul>
            )}
          </div>
        )}
      </Card>
      <Populations survey={survey} results={data} onSaved={results.retry} />
      <Card className="section-card" title={r.freeText}>
        <Table
          size="small"
          rowKey={(x) => `${x.responseId}-${x.questionId}`}
          dataSource={data.freeText}
          data-testid="survey-free-text"
          locale={{ emptyText: r.none }}
          columns={[
            { title: r.day, dataIndex: 'day', width: 110 },
            { title: r.county, key: 'c', width: 140, render: (_, x) => data.byCounty.find((c) => c.county === x.county)?.[lang === 'en' ? 'nameEn' : 'name'] ?? '—' },
            { title: r.question, key: 'q', width: 220, render: (_, x) => qText(x.questionId) },
            // Plain text child: React escapes it, so an answer holding markup shows as the characters typed.
            { title: r.answer, dataIndex: 'text', render: (text: string) => <span className="survey-free-text">{text}</span> },
          ]}
        />
      </Card>
    </div>
  );
}

export function Survey() {
  const { id = '' } = useParams();
  const { s, lang } = useSurveyText();
  const { user } = useAuth();
  const allowed = !!user && user.role !== 'reporter';
  const loaded = useApi(`survey-${id}-${allowed}`, () => (allowed ? surveyApi.get(id) : Promise.resolve(undefined)));
  const [current, setCurrent] = useState<SurveyShape | null>(null);
  if (!user || !allowed) return <SignInRequired testId="survey-sign-in" />;
  const state = requestState(loaded, s.title);
  if (state) return state;
  const survey = current?.id === id ? current : loaded.data;
  if (!survey) return <Loading />;
  const title = lang === 'en' ? survey.definition.title.en : survey.definition.title.zh;
  return (
    <div data-testid="survey-page">
      <Typography.Title level={2}>{title}</Typography.Title>
      <Space style={{ marginBottom: 12 }} wrap>
        <Tag color={statusColour(survey.status)} data-testid="survey-status" data-status={survey.status}>{s.status[survey.status]}</Tag>
        <span>{`${s.columns.year}: ${survey.year}`}</span>
        <span>{`${s.columns.version}: ${survey.currentVersion}`}</span>
        {survey.status === 'open' && <a href={survey.publicUrl} target="_blank" rel="noreferrer" data-testid="survey-public-link">{s.publicLink}</a>}
      </Space>
      <Tabs
        items={[
          { key: 'design', label: s.tabs.design, children: user.role === 'viewer' ? <Typography.Paragraph>{s.signIn}</Typography.Paragraph> : <Designer key={`${survey.id}-${survey.currentVersion}`} survey={survey} onSaved={setCurrent} /> },
          { key: 'results', label: <span data-testid="survey-tab-results">{s.tabs.results}</span>, children: <ResultsView key={`${survey.id}-${survey.responses}`} survey={survey} /> },
        ]}
      />
    </div>
  );
}
