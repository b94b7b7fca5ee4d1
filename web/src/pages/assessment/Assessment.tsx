// The assessment page (考核与排名): the year's ranking of county governments and departments (table and
// bar chart), the counties' composite index, a breakdown drawer per subject (every item with its value, target,
// rule and data, a radar by domain, the year before), the published result and its differences, publishing
// (reviewers) and the report and Excel downloads. It reads the same API as any integrator.
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Descriptions, Drawer, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { api, ApiError } from '../../api.js';
import { useAuth } from '../../auth.js';
import { DownloadButton } from '../../components/DownloadButton.js';
import { ErrorAlert, Loading } from '../../components/Status.js';
import { useApi } from '../../useApi.js';
import { assessmentApi } from './api.js';
import { AssessmentChart, GRADE_COLOURS, type AssessmentChartOption } from './charts.js';
import { useAssessmentStrings, type AssessmentStrings } from './strings.js';
import type { AssessmentResponse, Item, Subject } from './types.js';

const pick = (lang: string, zh: string, en: string) => (lang === 'en' ? en : zh);

function GradeTag({ s, lang }: { s: Subject; lang: string }) {
  return (
    <Tag color={GRADE_COLOURS[s.gradeId] ?? 'default'} data-testid={`grade-${s.code}`}>
      {pick(lang, s.grade, s.gradeEn)}
    </Tag>
  );
}

function Change({ value }: { value: number | null }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const colour = value > 0 ? '#1a7f5a' : value < 0 ? '#cf4b3f' : undefined;
  return <span style={{ color: colour }}>{`${value > 0 ? '+' : ''}${value.toFixed(2)}`}</span>;
}

function barOption(subjects: Subject[], lang: string, title: string): AssessmentChartOption {
  return {
    title: { text: title, left: 0, textStyle: { fontSize: 14 } },
    grid: { left: 48, right: 16, top: 56, bottom: 64 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: subjects.map((s) => pick(lang, s.name, s.nameEn)), axisLabel: { rotate: 30, interval: 0 } },
    yAxis: { type: 'value', max: 100 },
    series: [
      {
        type: 'bar',
        data: subjects.map((s) => ({ value: s.score, itemStyle: { color: GRADE_COLOURS[s.gradeId] ?? '#888' } })),
        label: { show: true, position: 'top', formatter: (p: { value?: unknown }) => Number(p.value).toFixed(1) },
      },
    ],
  };
}

function radarOption(subject: Subject, s: AssessmentStrings): AssessmentChartOption {
  // A radar needs three axes: by domain when the subject has three or more, else by indicator (a county's
  // indicators fall in two domains).
  const domains = subject.byDomain.filter((d) => d.maxPoints > 0);
  const axes =
    domains.length >= 3
      ? domains.map((d) => ({ name: s.domains[d.domainId] ?? d.domainId, share: d.points / d.maxPoints }))
      : subject.items.filter((i) => i.kind === 'indicator' && i.maxPoints > 0).map((i) => ({ name: `${s.indicatorShort} ${i.indicator}`, share: i.points / i.maxPoints }));
  return {
    title: { text: domains.length >= 3 ? s.radarTitle : s.radarTitleIndicators, left: 0, textStyle: { fontSize: 14 } },
    tooltip: {},
    radar: { indicator: axes.map((a) => ({ name: a.name, max: 100 })), radius: '62%', center: ['50%', '58%'] },
    series: [{ type: 'radar', data: [{ value: axes.map((a) => Math.round(a.share * 1000) / 10), name: subject.name, areaStyle: { opacity: 0.2 } }] }],
  };
}

function ItemValue({ item, s }: { item: Item; s: AssessmentStrings }) {
  if (item.kind === 'project') return <span>{item.report ? `${item.report.year}：${item.report.status}${item.report.physicalProgress !== null ? ` ${item.report.physicalProgress}%` : ''}` : s.noValue}</span>;
  if (item.kind !== 'indicator') return <span>—</span>;
  if (!item.value) return <Typography.Text type="warning">{s.noValue}</Typography.Text>;
  return <span>{item.value.valueText ?? item.value.state ?? s.noValue}</span>;
}

function Breakdown({ subject, year, previousYear, onClose }: { subject: Subject | null; year: number; previousYear: number | null; onClose: () => void }) {
  const { s, lang } = useAssessmentStrings();
  const columns: ColumnsType<Item> = [
    {
      title: s.item,
      key: 'item',
      render: (_, i) => (
        <span>
          {i.indicator !== null ? `${i.indicator}. ` : i.project ? `${i.project}. ` : ''}
          {i.name}
          {i.role ? <Tag style={{ marginLeft: 4 }}>{i.role === 'lead' ? s.lead : s.share}</Tag> : null}
        </span>
      ),
    },
    { title: s.value, key: 'value', width: 90, render: (_, i) => <ItemValue item={i} s={s} /> },
    { title: s.target, key: 'target', width: 110, render: (_, i) => (i.target ? pick(lang, i.target.text, i.target.textEn) : '—') },
    { title: s.rule, key: 'rule', width: 100, render: (_, i) => <Tag color={i.rule === 'missing' ? 'warning' : i.rule === 'deduction' || i.rule === 'veto' ? 'error' : 'default'}>{s.rules[i.rule] ?? i.rule}</Tag> },
    { title: s.points, key: 'points', width: 100, align: 'right', render: (_, i) => <span data-testid={`points-${i.kind}-${i.indicator ?? i.project ?? i.name}`}>{`${i.points.toFixed(2)} / ${i.maxPoints.toFixed(2)}`}</span> },
    {
      title: s.reason,
      key: 'reason',
      render: (_, i) => (
        <div>
          <div>{pick(lang, i.reason.zh, i.reason.en)}</div>
          {i.observations?.map((o) => (
            <Typography.Text key={o.id} type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {`${o.year} ${o.kind === 'assigned' ? s.assigned : ''} ${o.valueText ?? o.state ?? ''} · ${o.source}${o.isDemo && !o.source.includes('示例数据') ? ` · ${s.demo}` : ''}`}
            </Typography.Text>
          ))}
        </div>
      ),
    },
  ];
  return (
    <Drawer open={subject !== null} onClose={onClose} width={980} title={subject ? s.drawerTitle(pick(lang, subject.name, subject.nameEn)) : ''} destroyOnHidden data-testid="breakdown-drawer">
      {subject && (
        <div data-testid="breakdown">
          <Descriptions size="small" column={3} bordered items={[
            { key: 'score', label: s.score, children: <strong data-testid="breakdown-score">{subject.score.toFixed(2)}</strong> },
            { key: 'rank', label: s.rank, children: subject.rank },
            { key: 'grade', label: s.grade, children: <GradeTag s={subject} lang={lang} /> },
            { key: 'prev', label: s.change, span: 3, children: subject.previous && previousYear ? <span data-testid="breakdown-previous">{s.previous(previousYear, subject.previous.score, subject.previous.rank, subject.previous.grade)}（<Change value={subject.change} />）</span> : s.noPrevious },
          ]} />
          {subject.items.some((i) => i.kind === 'indicator') && (
            <AssessmentChart option={radarOption(subject, s)} height={260} testId="breakdown-radar" ariaLabel={s.radarTitle} />
          )}
          <Table<Item>
            size="small"
            rowKey={(i) => `${i.kind}-${i.indicator ?? ''}-${i.project ?? ''}-${i.name}`}
            columns={columns}
            dataSource={subject.items}
            pagination={false}
            data-testid="breakdown-items"
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={4}>{s.score}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right"><strong data-testid="breakdown-sum">{subject.items.reduce((a, i) => a + Math.round(i.points * 100), 0) / 100}</strong></Table.Summary.Cell>
                <Table.Summary.Cell index={2} />
              </Table.Summary.Row>
            )}
          />
          <Typography.Text type="secondary">{`${year}`}</Typography.Text>
        </div>
      )}
    </Drawer>
  );
}

function Ranking({ subjects, kind, data, onOpen }: { subjects: Subject[]; kind: 'region' | 'department'; data: AssessmentResponse; onOpen: (s: Subject) => void }) {
  const { s, lang } = useAssessmentStrings();
  const columns: ColumnsType<Subject> = [
    { title: s.rank, dataIndex: 'rank', width: 64, render: (r: number) => <span data-testid="rank">{r}</span> },
    { title: s.name, key: 'name', render: (_, x) => <Button type="link" onClick={() => onOpen(x)} data-testid={`open-${x.code}`}>{pick(lang, x.name, x.nameEn)}</Button> },
    { title: s.score, dataIndex: 'score', width: 90, align: 'right', render: (v: number, x) => <span data-testid={`score-${x.code}`}>{v.toFixed(2)}</span> },
    { title: s.grade, key: 'grade', width: 110, render: (_, x) => <Space size={4}><GradeTag s={x} lang={lang} />{x.vetoed && <Tag color="error">{s.vetoed}</Tag>}</Space> },
    { title: `${s.change}${data.previousYear ? `（${data.previousYear}）` : ''}`, dataIndex: 'change', width: 110, align: 'right', render: (v: number | null) => <Change value={v} /> },
    ...(kind === 'region'
      ? [
          { title: s.index, key: 'index', width: 100, align: 'right' as const, render: (_: unknown, x: Subject) => (x.index?.value != null ? x.index.value.toFixed(2) : '—') },
          { title: s.indexRank, key: 'indexRank', width: 90, align: 'right' as const, render: (_: unknown, x: Subject) => x.index?.rank ?? '—' },
        ]
      : []),
    { title: s.missing, dataIndex: 'missingCount', width: 80, align: 'right', render: (v: number) => (v ? <Typography.Text type="warning">{v}</Typography.Text> : 0) },
    { title: '', key: 'open', width: 90, render: (_, x) => <Button size="small" onClick={() => onOpen(x)} data-testid={`detail-${x.code}`}>{s.detail}</Button> },
  ];
  return (
    <div>
      <AssessmentChart option={barOption(subjects, lang, kind === 'region' ? s.chartTitle : s.deptChartTitle)} height={300} testId={`${kind}-chart`} ariaLabel={kind === 'region' ? s.chartTitle : s.deptChartTitle} dataAttrs={{ bars: subjects.length }} />
      <Table<Subject> size="small" rowKey="code" columns={columns} dataSource={subjects} pagination={false} data-testid={`${kind}-ranking`} />
    </div>
  );
}

export function Assessment() {
  const { s, lang } = useAssessmentStrings();
  const { user } = useAuth();
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const years = useApi('evaluation-years', () => api.evaluationYears({}));
  const plan = useApi('plan', api.plan);
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam > 2020 ? yearParam : years.data ? Math.max(years.data.defaultYear, 2021) : null;
  const [attempt, setAttempt] = useState(0);
  const state = useApi(`assessment-${year}-${attempt}`, () => (year ? assessmentApi.result(year) : Promise.resolve(null)));
  const [open, setOpen] = useState<Subject | null>(null);
  const data = state.data ?? null;
  const regions = useMemo(() => data?.subjects.filter((x) => x.kind === 'region') ?? [], [data]);
  const departments = useMemo(() => data?.subjects.filter((x) => x.kind === 'department') ?? [], [data]);
  const yearOptions = plan.data ? Array.from({ length: plan.data.meta.period.end - plan.data.meta.baseYear }, (_, i) => plan.data!.meta.baseYear + 1 + i) : [];
  const reviewer = user?.role === 'reviewer' || user?.role === 'admin';

  const publish = async () => {
    if (!year) return;
    try {
      await assessmentApi.publish(year, '');
      message.success(s.publishDone);
      setAttempt((a) => a + 1);
    } catch (e) {
      message.error(e instanceof ApiError ? pick(lang, e.message, e.messageEn ?? e.message) : String(e));
    }
  };

  return (
    <div className="page" data-testid="assessment-page">
      <Card
        className="section-card"
        title={s.title}
        extra={data && <Typography.Text type="secondary">{`${s.scheme}：${pick(lang, data.scheme.name, data.scheme.nameEn)}（${s.schemeVersion(data.scheme.version)}）`}</Typography.Text>}
      >
        <Space wrap size={[16, 8]}>
          <span>{s.year}</span>
          <Select
            style={{ width: 120 }}
            data-testid="assessment-year"
            value={year ?? undefined}
            options={yearOptions.map((y) => ({ value: y, label: s.yearOption(y) }))}
            onChange={(v: number) => setParams({ year: String(v) })}
          />
          {year && <DownloadButton href={assessmentApi.reportHref(year)} fileName={`考核报告${year}.docx`} busyText={s.busy} testId="assessment-report">{s.report}</DownloadButton>}
          {year && <DownloadButton href={assessmentApi.exportHref(year)} fileName={`考核结果${year}.xlsx`} busyText={s.busy} testId="assessment-export">{s.export}</DownloadButton>}
          {reviewer && data && !data.published && (
            <Popconfirm title={s.publishConfirm} onConfirm={() => void publish()}>
              <Button type="primary" data-testid="assessment-publish">{s.publish}</Button>
            </Popconfirm>
          )}
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{s.approvedOnly}</Typography.Paragraph>
        {state.error && <ErrorAlert error={state.error} onRetry={state.retry} />}
        {!data && !state.error && <Loading />}
        {data && (
          <>
            {data.published ? (
              <Alert
                type={data.differences.length ? 'warning' : 'success'}
                showIcon
                data-testid="assessment-published"
                message={s.published(data.published.publishedAt, data.published.publishedBy)}
                description={
                  data.differences.length ? (
                    <div>
                      {s.differences(data.differences.length)}
                      <ul data-testid="assessment-differences">
                        {data.differences.slice(0, 20).map((d, i) => (
                          <li key={i}>{`${d.name} ${s.field[d.field] ?? d.field}${d.item ? ` ${d.item}` : ''}: ${d.frozen ?? '—'} → ${d.live ?? '—'}`}</li>
                        ))}
                      </ul>
                    </div>
                  ) : (
                    s.unchanged
                  )
                }
              />
            ) : (
              <Alert type="info" showIcon message={s.notPublished} data-testid="assessment-live" />
            )}
            <Tabs
              style={{ marginTop: 12 }}
              items={[
                { key: 'region', label: s.regions, children: <Ranking subjects={regions} kind="region" data={data} onOpen={setOpen} /> },
                { key: 'department', label: s.departments, children: <Ranking subjects={departments} kind="department" data={data} onOpen={setOpen} /> },
              ]}
            />
            <Breakdown subject={open} year={data.year} previousYear={data.previousYear} onClose={() => setOpen(null)} />
          </>
        )}
      </Card>
    </div>
  );
}
