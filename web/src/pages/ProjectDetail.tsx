// One key project: its facts, warnings, yearly progress (table and chart), milestones, the indicators it serves,
// evidence files and version history; with the writes the signed-in user may make (report a year, upload
// evidence; for admins and reviewers also revise, retire and edit links).
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Empty, Progress, Row, Select, Space, Table, Tag, Timeline, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, ApiError } from '../api.js';
import { useAuth } from '../auth.js';
import { DemoTag } from '../components/EvaluationBits.js';
import { RefusedAlert, requestState } from '../components/Status.js';
import { buildLookups, departmentNames, regionName, type Lookups } from '../format.js';
import { nameOf, type Lang } from '../i18n.js';
import { useApi } from '../useApi.js';
import { useBack } from '../navigation.js';
import { categoryLabel, SubItems } from './Projects.js';
import { projectDefaults, projectsApi } from './projects/api.js';
import { fromHundredths, hundredths, mayManage, mayReport, percentNumber, STATUS_COLOURS, StatusTag } from './projects/bits.js';
import { ProjectChart, type ProjectChartOption } from './projects/Chart.js';
import { LinksModal, ProjectFormDrawer, RetireModal } from './projects/ManageForms.js';
import { ProgressDrawer, reportableYears } from './projects/ProgressDrawer.js';
import { useProjectStrings, type ProjectStrings } from './projects/strings.js';
import type { ChangedField, FieldChange, FieldChanges, LibraryDetailResponse, LibraryProject, ProgressEntry, ProjectEvidence, ProjectVersion } from './projects/types.js';
import { WarningList } from './projects/WarningList.js';
import './projects/projects.css';
import { html, lines } from '../html.js';
import { STICKY } from '../components/tables.js';

/** The detail as the library gives it; fields an older API lacks are given their empty value. */
function normalise(d: LibraryDetailResponse): LibraryDetailResponse {
  return {
    project: projectDefaults(d.project),
    versions: d.versions ?? [],
    progress: [...(d.progress ?? [])].sort((a, b) => a.year - b.year),
    links: d.links ?? [],
    evidence: d.evidence ?? [],
    warnings: d.warnings ?? [],
  };
}

/** Each year's cumulative investment: the reported figure, or (exactly) the running sum of yearly figures. */
export function cumulativeSeries(progress: ProgressEntry[]): string[] {
  let running = 0n;
  return progress.map((e) => {
    running += hundredths(e.completedInvestment);
    if (e.cumulativeInvestment !== null) running = hundredths(e.cumulativeInvestment);
    return fromHundredths(running);
  });
}

function progressOption(p: LibraryProject, progress: ProgressEntry[], s: ProjectStrings): ProjectChartOption {
  const cumulative = cumulativeSeries(progress);
  return {
    color: ['#1a7f5a', '#1f6fd1'],
    tooltip: {
      trigger: 'axis',
      formatter: (raw: unknown) => {
        const i = (raw as { dataIndex: number }[])[0]?.dataIndex ?? -1;
        const e = progress[i];
        if (!e) return '';
        return lines([
          html`<b>${e.year}</b> · ${s.status[e.status]}`,
          `${s.detail.cumulative}: ${cumulative[i]}`,
          `${s.detail.physical}: ${e.physicalProgress ?? '—'}`,
          `${s.detail.planned}: ${e.plannedInvestment}`,
          `${s.detail.completed}: ${e.completedInvestment}`,
        ]);
      },
    },
    legend: { top: 0, data: [s.detail.cumulative, s.detail.physical] },
    grid: { left: 8, right: 8, top: 40, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'category', data: progress.map((e) => String(e.year)) },
    yAxis: [
      { type: 'value', name: s.charts.yuan, min: 0, max: (v: { max: number }) => Math.max(v.max, p.investment), splitLine: { lineStyle: { type: 'dashed' } }, axisLabel: { formatter: (v: number) => String(Math.round(v * 100) / 100) } },
      { type: 'value', name: '%', min: 0, max: 100, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        name: s.detail.cumulative,
        barMaxWidth: 28,
        data: progress.map((e, i) => ({ value: percentNumber(cumulative[i]) ?? 0, itemStyle: { color: STATUS_COLOURS[e.status] } })),
        label: { show: true, position: 'top', fontSize: 11, color: '#555', formatter: (x: unknown) => cumulative[(x as { dataIndex: number }).dataIndex] ?? '' },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: '#9ca3af', type: 'dashed' },
          label: { position: 'insideEndTop', formatter: `${s.detail.investment} ${p.investmentText}`, color: '#6b7280', fontSize: 11 },
          data: [{ yAxis: p.investment }],
        },
      },
      {
        type: 'line',
        name: s.detail.physical,
        yAxisIndex: 1,
        symbolSize: 7,
        data: progress.map((e) => e.physicalProgress),
      },
    ],
  };
}

function valueText(v: unknown, lang: Lang, lookups: Lookups, field: string, s: ProjectStrings): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) {
    return v
      .map((x) => {
        const str = String(x);
        if (field === 'leads') return nameOf(lang, lookups.departments.get(str) ?? [...lookups.departments.values()].find((d) => d.name === str) ?? { name: str });
        if (field === 'regions') return regionName(lang, str, lookups);
        return str;
      })
      .join(lang === 'en' ? ', ' : '、');
  }
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (field === 'category') return nameOf(lang, lookups.categories.get(String(v)) ?? { name: String(v) });
  if (field === 'retired') return String(v) === 'true' ? s.retiredTag : '—';
  return String(v);
}

function Changes({ changes, lookups }: { changes: FieldChanges; lookups: Lookups }) {
  const { s, lang } = useProjectStrings();
  // The contract lists only the fields that changed, each under its own name.
  const entries = Object.entries(changes).filter((e): e is [ChangedField, FieldChange] => e[1] !== undefined);
  if (entries.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <ul className="version-changes">
      {entries.map(([field, c]) => (
        <li key={field}>
          <b>{s.fieldNames[field]}</b>:{' '}
          {c.from !== undefined && c.from !== null && <span className="change-from">{valueText(c.from, lang, lookups, field, s)}</span>}
          <span className="change-to">{valueText(c.to, lang, lookups, field, s)}</span>
        </li>
      ))}
    </ul>
  );
}

/** A stored moment in the browser's local time (YYYY-MM-DD HH:mm); a plain date stays as it is. */
function dateTime(iso: string): string {
  if (!iso) return '—';
  if (!iso.includes('T')) return iso;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

function EvidenceCard({ detail, canUpload, canDownload, onChanged }: { detail: LibraryDetailResponse; canUpload: boolean; canDownload: boolean; onChanged: () => void }) {
  const { s } = useProjectStrings();
  const { message } = AntApp.useApp();
  const p = detail.project;
  const years = reportableYears(p);
  const [year, setYear] = useState<number>(() => detail.progress[detail.progress.length - 1]?.year ?? years[years.length - 1] ?? p.startYear);
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const columns: TableColumnsType<ProjectEvidence> = [
    { title: s.detail.evidenceYear, dataIndex: 'year', width: 80 },
    {
      title: s.detail.fileName,
      key: 'file',
      // Files are served to admins, reviewers and the project's reporting department (not to viewers); others see
      // what there is.
      render: (_, e) =>
        canDownload ? (
          <a href={projectsApi.evidenceUrl(p.no, e.id)} download={e.fileName} data-testid={`evidence-${e.id}`}>
            {e.fileName}
          </a>
        ) : (
          e.fileName
        ),
    },
    { title: s.detail.size, key: 'size', width: 100, align: 'right', render: (_, e) => s.bytes(e.size) },
    { title: s.detail.uploaded, key: 'uploaded', width: 240, render: (_, e) => `${dateTime(e.uploadedAt)} · ${e.uploadedBy}` },
  ];
  return (
    <Card className="section-card" title={s.detail.evidence} data-testid="project-evidence">
      {detail.evidence.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={s.detail.evidenceEmpty} />
      ) : (
        <Table<ProjectEvidence> rowKey={(e) => String(e.id)} size="small" columns={columns} dataSource={detail.evidence} pagination={false} />
      )}
      {canUpload && (
        <Space className="form-actions" wrap>
          <span>{s.detail.evidenceYear}:</span>
          <Select value={year} onChange={setYear} style={{ width: 110 }} options={years.map((y) => ({ value: y, label: String(y) }))} data-testid="evidence-year" />
          <Upload
            showUploadList={false}
            accept=".pdf,.png,.jpg,.jpeg,.xlsx"
            customRequest={async ({ file }) => {
              setError(null);
              setPercent(0);
              try {
                await projectsApi.uploadEvidence(p.no, year, file as File, setPercent);
                message.success(s.form.saved);
                setPercent(null);
                onChanged();
              } catch (e) {
                setPercent(null);
                const err = e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, String(e));
                if (err.statusCode !== 401) setError(err);
              }
            }}
          >
            <Button data-testid="evidence-upload">{s.actions.upload}</Button>
          </Upload>
          {percent !== null && <Progress percent={percent} size="small" style={{ width: 200 }} />}
        </Space>
      )}
      {error && <RefusedAlert error={error} testId="evidence-error" />}
    </Card>
  );
}

export function ProjectDetail() {
  const { s, t, lang } = useProjectStrings();
  const { no = '' } = useParams();
  const back = useBack('/projects');
  const { user } = useAuth();
  const [refresh, setRefresh] = useState(0);
  const [drawer, setDrawer] = useState<'progress' | 'edit' | 'retire' | 'links' | null>(null);
  const state = useApi(`project:${no}#${refresh}`, () =>
    Promise.all([projectsApi.detail(no), api.plan(), api.departments(), api.indicators()]).then(([detail, plan, depts, indicators]) => ({
      detail: normalise(detail),
      plan,
      depts,
      indicators,
    })),
  );
  const data = state.data;
  const lookups = useMemo(() => buildLookups(data?.plan, data?.depts.departments), [data]);
  const chartOption = useMemo(() => (data && data.detail.progress.length ? progressOption(data.detail.project, data.detail.progress, s) : null), [data, s]);

  const pending = requestState(state, t.notFound.project(no));
  if (pending || !data) return pending;

  const { detail, plan, depts, indicators } = data;
  const p = detail.project;
  const manage = mayManage(user) && !p.retired;
  const report = mayReport(user, p, depts.departments) && !p.retired;
  const reload = () => setRefresh((n) => n + 1);
  const latest = p.latest ?? detail.progress[detail.progress.length - 1] ?? null;
  const cumulative = cumulativeSeries(detail.progress);

  const progressColumns: TableColumnsType<ProgressEntry> = [
    { title: s.detail.year, dataIndex: 'year', width: 70, align: 'center' },
    {
      title: s.detail.status,
      key: 'status',
      width: 100,
      align: 'center',
      render: (_, e) => (
        <Space size={2} orientation="vertical">
          <StatusTag status={e.status} testId={`progress-status-${e.year}`} />
          {e.isDemo && <DemoTag />}
        </Space>
      ),
    },
    { title: s.detail.planned, dataIndex: 'plannedInvestment', width: 120, align: 'right', className: 'num-cell' },
    { title: s.detail.completed, dataIndex: 'completedInvestment', width: 120, align: 'right', className: 'num-cell' },
    { title: s.detail.cumulative, key: 'cumulative', width: 130, align: 'right', className: 'num-cell', render: (_, e, i) => e.cumulativeInvestment ?? cumulative[i] },
    {
      title: s.detail.physical,
      key: 'physical',
      width: 150,
      render: (_, e) => (e.physicalProgress === null ? '—' : <Progress percent={e.physicalProgress} size="small" format={(v) => `${v}%`} />),
    },
    { title: s.detail.reason, key: 'reason', width: 200, render: (_, e) => e.reason ?? '—' },
    {
      title: s.detail.note,
      key: 'note',
      width: 220,
      ellipsis: { showTitle: true },
      render: (_, e) => [e.note, e.explanation].filter(Boolean).join(' / ') || '—',
    },
    { title: s.detail.recorded, key: 'recorded', width: 190, render: (_, e) => <span className="secondary-text">{`${dateTime(e.recordedAt)} · ${e.recordedBy} · ${s.detail.versionValue(e.version)}`}</span> },
  ];

  // A year's report may repeat earlier milestones: each (name, date) once, as the latest report has it.
  const byMilestone = new Map<string, ProgressEntry['milestones'][number]>();
  for (const e of detail.progress) for (const m of e.milestones) byMilestone.set(`${m.date}|${m.name}`, m);
  const milestones = [...byMilestone.values()].sort((a, b) => a.date.localeCompare(b.date));

  const versionColumns: TableColumnsType<ProjectVersion> = [
    { title: s.detail.versionNo, dataIndex: 'version', width: 70, align: 'center', render: (v: number) => s.detail.versionValue(v) },
    { title: s.detail.changedAt, key: 'at', width: 150, render: (_, v) => dateTime(v.at) },
    { title: s.detail.changedBy, dataIndex: 'by', width: 130 },
    { title: s.detail.changeReason, dataIndex: 'reason', width: 260 },
    { title: s.detail.changes, key: 'changes', render: (_, v) => (v.version === 1 && Object.keys(v.changes).length === 0 ? s.detail.initial : <Changes changes={v.changes} lookups={lookups} />) },
  ];

  return (
    <div className="page" data-testid="project-detail">
      <Card
        className="section-card"
        title={
          <Space wrap>
            <Button onClick={back}>{t.common.back}</Button>
            <span data-testid="project-title">
              {s.detail.title(p.no)} · {nameOf(lang, p)}
            </span>
            <StatusTag status={latest?.status} testId="project-status" />
            {p.retired && <Tag>{s.retiredTag}</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            {report && (
              <Button type="primary" onClick={() => setDrawer('progress')} data-testid="report-progress">
                {s.actions.report}
              </Button>
            )}
            {manage && (
              <Button onClick={() => setDrawer('edit')} data-testid="project-edit">
                {s.actions.edit}
              </Button>
            )}
            {manage && (
              <Button danger onClick={() => setDrawer('retire')} data-testid="project-retire">
                {s.actions.retire}
              </Button>
            )}
          </Space>
        }
      >
        {p.retired && <Alert type="warning" showIcon className="form-hint" title={s.detail.retired(p.retiredReason)} data-testid="retired-alert" />}
        <Descriptions bordered size="middle" column={{ xs: 1, lg: 2 }} data-testid="project-fields" styles={{ label: { width: 150 } }}>
          <Descriptions.Item label={s.detail.category}>
            <Link to={`/projects?category=${encodeURIComponent(p.categoryId)}`}>{categoryLabel(lang, p, lookups)}</Link>
            {p.subcategory && <Tag className="subcategory-tag" style={{ marginLeft: 8 }}>{s.subcategory(p.subcategory)}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={s.detail.altName}>{lang === 'en' ? p.name : p.nameEn}</Descriptions.Item>
          <Descriptions.Item label={s.detail.investment}>
            <Typography.Text strong data-testid="project-investment">
              {p.investmentText}
            </Typography.Text>{' '}
            {t.common.yuan}
          </Descriptions.Item>
          <Descriptions.Item label={s.detail.period}>
            <span data-testid="project-period">{s.detail.periodValue(p.startYear, p.endYear)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={s.detail.leads}>
            {departmentNames(lang, p.leads, p.leadIds, lookups).map((name, i) => (
              <Link key={name} to={`/projects?department=${encodeURIComponent(p.leadIds[i] ?? name)}`}>
                <Tag className="dept-tag">{name}</Tag>
              </Link>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={s.detail.version}>
            <span data-testid="project-version">{s.detail.versionValue(p.version)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={s.columns.progress}>
            {latest?.physicalProgress === null || latest?.physicalProgress === undefined ? '—' : <Progress percent={latest.physicalProgress} size="small" style={{ maxWidth: 260 }} />}
          </Descriptions.Item>
          <Descriptions.Item label={s.columns.completion}>
            <span data-testid="project-completion">{p.completionRate === null ? '—' : `${p.completionRate}%`}</span>
          </Descriptions.Item>
          <Descriptions.Item label={s.detail.regions} span={{ xs: 1, lg: 2 }}>
            <span data-testid="project-regions">
              {p.regions.length === 0 ? (
                <Typography.Text type="secondary">{s.detail.noRegions}</Typography.Text>
              ) : (
                p.regions.map((code) => (
                  <Tag key={code} color="green" title={code}>
                    {regionName(lang, code, lookups)}
                  </Tag>
                ))
              )}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={s.detail.content} span={{ xs: 1, lg: 2 }}>
            <span className="project-content-full">{p.content}</span>
          </Descriptions.Item>
          {p.subItems.length > 0 && (
            <Descriptions.Item label={s.detail.subItems} span={{ xs: 1, lg: 2 }}>
              <SubItems project={p} lookups={lookups} />
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      {detail.warnings.length > 0 && (
        <Card className="section-card" title={s.detail.warnings}>
          <WarningList warnings={detail.warnings} linkProjects={false} testId="detail-warnings" />
        </Card>
      )}

      <Card className="section-card" title={s.detail.progress} data-testid="project-progress">
        {detail.progress.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={s.detail.progressEmpty} data-testid="progress-empty" />
        ) : (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {chartOption && <ProjectChart option={chartOption} height={280} testId="progress-chart" ariaLabel={s.detail.progressChart} />}
            <div data-testid="progress-table">
              <Table<ProgressEntry> rowKey="year" size="small" columns={progressColumns} dataSource={detail.progress} pagination={false} scroll={{ x: 1000 }} sticky={STICKY} />
            </div>
          </Space>
        )}
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card className="section-card" title={s.detail.milestones} data-testid="project-milestones" style={{ height: '100%' }}>
            {milestones.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={s.detail.milestonesEmpty} />
            ) : (
              <Timeline
                items={milestones.map((m, i) => ({
                  key: `${m.date}-${i}`,
                  color: m.done ? 'green' : 'gray',
                  content: (
                    <span>
                      {m.name}
                      <span className="milestone-date">{m.date}</span> <Tag color={m.done ? 'success' : 'default'}>{m.done ? s.detail.milestoneDone : s.detail.milestonePlanned}</Tag>
                    </span>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            className="section-card"
            title={s.detail.links}
            data-testid="project-links"
            style={{ height: '100%' }}
            extra={
              manage && (
                <Button size="small" onClick={() => setDrawer('links')} data-testid="links-edit">
                  {s.actions.editLinks}
                </Button>
              )
            }
          >
            {detail.links.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={s.detail.linksEmpty} />
            ) : (
              <ul className="project-link-list">
                {detail.links.map((l) => {
                  const ind = indicators.indicators.find((i) => i.code === l.indicatorCode);
                  return (
                    <li key={l.indicatorCode} data-testid={`link-${l.indicatorCode}`}>
                      <Tag color="green">{s.detail.indicator(l.indicatorCode)}</Tag>
                      <Link to={`/indicators/${l.indicatorCode}`}>{ind ? nameOf(lang, ind) : l.indicatorName}</Link>
                      {l.reason && <div className="secondary-text">{l.reason}</div>}
                    </li>
                  );
                })}
              </ul>
            )}
          </Card>
        </Col>
      </Row>

      <EvidenceCard detail={detail} canUpload={report} canDownload={mayReport(user, p, depts.departments)} onChanged={reload} />

      <Card className="section-card" title={s.detail.versions} data-testid="project-versions">
        <Table<ProjectVersion> rowKey="version" size="small" columns={versionColumns} dataSource={[...detail.versions].sort((a, b) => b.version - a.version)} pagination={false} />
      </Card>

      {report && <ProgressDrawer project={p} progress={detail.progress} open={drawer === 'progress'} onClose={() => setDrawer(null)} onSaved={reload} />}
      {manage && (
        <>
          <ProjectFormDrawer open={drawer === 'edit'} project={p} plan={plan} departments={depts.departments} onClose={() => setDrawer(null)} onSaved={reload} />
          <RetireModal project={p} open={drawer === 'retire'} onClose={() => setDrawer(null)} onDone={reload} />
          <LinksModal
            project={p}
            current={detail.links.map((l) => l.indicatorCode)}
            indicators={indicators.indicators}
            open={drawer === 'links'}
            onClose={() => setDrawer(null)}
            onDone={reload}
          />
        </>
      )}
    </div>
  );
}
