// 年度调度 for the lead unit (reviewers and administrators): progress by department (statistic cards, a table with
// progress bars and overdue tags, a stacked bar chart), the 审核队列 of submitted values to approve or return with a
// comment, every task by department and status, and a department's Excel template. Viewers see the progress only.
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { App as AntApp, Button, Card, Col, Empty, Form, Input, Modal, Progress, Row, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, ApiError } from '../api.js';
import { EChart } from '../components/EChart.js';
import {
  ChangeText,
  departmentName,
  figureText,
  formatTime,
  StatusCounts,
  TASK_STATUS_COLOURS,
  TASK_STATUSES,
  taskIndicatorName,
  taskRegionName,
  taskRowKey,
  taskTargetText,
  type RoundLookups,
} from '../components/RoundBits.js';
import { useRefreshing } from '../useApi.js';
import { TemplateCard } from '../components/RoundTemplate.js';
import { RefusedAlert } from '../components/Status.js';
import { HistoryLink } from '../components/ValueHistory.js';
import type { ChartOption } from '../echarts.js';
import { useI18n, type Lang, type Messages } from '../i18n.js';
import type { Department, RoundProgressResponse, RoundTask, TaskStatus } from '../types.js';
import { TaskDrawer, TaskTable, useSubmitTask } from './RoundTasks.js';
import { STICKY } from '../components/tables.js';

const PAGE_SIZE = 10;

type DepartmentProgress = RoundProgressResponse['departments'][number];

function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, String(e));
}

/** Departments in the order of the chart and the table: the most tasks first (the lead unit on top). */
function chartOption(departments: DepartmentProgress[], names: (d: DepartmentProgress) => string, t: Messages, lang: Lang): ChartOption {
  // ECharts draws a category axis bottom-up: reverse so that the first department is at the top.
  const rows = [...departments].reverse();
  const order: TaskStatus[] = ['approved', 'submitted', 'returned', 'draft', 'missing'];
  return {
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, itemWidth: 14, itemHeight: 10, data: order.map((s) => t.rounds.taskStatus(s)) },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef0ef' } } },
    yAxis: {
      type: 'category',
      data: rows.map(names),
      axisTick: { show: false },
      axisLabel: { width: lang === 'en' ? 200 : 130, overflow: 'truncate', fontSize: 12 },
    },
    series: order.map((s) => ({
      name: t.rounds.taskStatus(s),
      type: 'bar' as const,
      stack: 'tasks',
      barMaxWidth: 16,
      itemStyle: { color: TASK_STATUS_COLOURS[s] },
      emphasis: { focus: 'series' as const },
      data: rows.map((d) => d[s]),
    })),
  };
}

function ProgressSection({ progress, lookups }: { progress: RoundProgressResponse; lookups: RoundLookups }) {
  const { t, lang } = useI18n();
  const name = (d: DepartmentProgress) => departmentName(lang, d.id, d.name, lookups);
  const departments = useMemo(() => [...progress.departments].sort((a, b) => b.tasks - a.tasks), [progress.departments]);
  const option = useMemo(() => chartOption(departments, (d) => departmentName(lang, d.id, d.name, lookups), t, lang), [departments, lookups, t, lang]);
  const columns: TableColumnsType<DepartmentProgress> = [
    {
      title: t.rounds.departmentCol,
      key: 'name',
      ellipsis: { showTitle: false },
      render: (_, d) => (
        <Tooltip title={name(d)} placement="topLeft">
          <span>{name(d)}</span>
        </Tooltip>
      ),
    },
    { title: t.rounds.tasksCol, dataIndex: 'tasks', width: 56, align: 'right' },
    ...TASK_STATUSES.filter((s) => s !== 'missing')
      .reverse()
      // English status words ("submitted", "returned") need more room than 已提交/已退回.
      .map((s) => ({ title: t.rounds.taskStatus(s), dataIndex: s, width: lang === 'en' ? 88 : 60, align: 'right' as const, render: (n: number) => (n ? n : <span className="secondary-text">0</span>) })),
    { title: t.rounds.taskStatus('missing'), dataIndex: 'missing', width: lang === 'en' ? 88 : 60, align: 'right', render: (n: number) => (n ? n : <span className="secondary-text">0</span>) },
    {
      title: t.rounds.progressCol,
      key: 'progress',
      width: 140,
      render: (_, d) => {
        const approved = d.tasks ? (d.approved / d.tasks) * 100 : 0;
        const reported = d.tasks ? ((d.approved + d.submitted) / d.tasks) * 100 : 0;
        return (
          <Tooltip title={t.rounds.progressTip(d.approved, d.submitted, d.tasks)}>
            <Progress
              data-testid="dept-progress"
              percent={Math.round(reported)}
              success={{ percent: Math.round(approved), strokeColor: TASK_STATUS_COLOURS.approved }}
              strokeColor={TASK_STATUS_COLOURS.submitted}
              size="small"
              format={() => `${d.approved}/${d.tasks}`}
            />
          </Tooltip>
        );
      },
    },
    {
      title: '',
      key: 'overdue',
      width: 76,
      render: (_, d) =>
        d.overdue && (
          <Tag color="red" data-testid="dept-overdue">
            {t.rounds.overdue}
          </Tag>
        ),
    },
  ];
  return (
    <Card className="section-card" title={t.rounds.progress} data-testid="round-progress">
      <StatusCounts counts={progress.totals} />
      <Row gutter={[24, 16]} className="progress-row">
        {/* English department names are long: the table then takes the whole width, the chart goes below. */}
        <Col xs={24} xl={lang === 'en' ? 24 : 15}>
          <Typography.Title level={5}>{t.rounds.byDepartment}</Typography.Title>
          <Table<DepartmentProgress>
            data-testid="progress-table"
            rowKey="id"
            size="small"
            pagination={false}
            columns={columns}
            dataSource={departments}
            scroll={{ x: lang === 'en' ? 840 : 700 }}
            sticky={STICKY}
          />
        </Col>
        <Col xs={24} xl={lang === 'en' ? 24 : 9}>
          <Typography.Title level={5}>{t.rounds.chart}</Typography.Title>
          <EChart option={option} height={Math.max(260, departments.length * 36 + 60)} testId="progress-chart" ariaLabel={t.rounds.chart} />
        </Col>
      </Row>
    </Card>
  );
}

function ReturnModal({ year, task, lookups, onClose, onDone }: { year: number; task: RoundTask | null; lookups: RoundLookups; onClose: () => void; onDone: (task: RoundTask) => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ comment: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };
  const submit = async ({ comment }: { comment: string }) => {
    if (!task) return;
    setBusy(true);
    setError(null);
    try {
      await api.reviewTask(year, task, 'return', comment.trim());
      form.resetFields();
      onDone(task);
    } catch (e) {
      const err = asApiError(e);
      if (err.statusCode === 401) close();
      else setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={task !== null}
      title={task && t.rounds.returnTitle(task.indicatorCode, taskIndicatorName(lang, task, lookups))}
      onCancel={close}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close}>
          {t.rounds.cancel}
        </Button>,
        <Button key="return" type="primary" danger loading={busy} onClick={() => form.submit()} data-testid="return-confirm">
          {t.rounds.return}
        </Button>,
      ]}
    >
      <Form<{ comment: string }> form={form} layout="vertical" onFinish={submit} data-testid="return-form">
        <Form.Item name="comment" label={t.rounds.returnComment} rules={[{ required: true, whitespace: true, message: t.rounds.returnCommentRequired }, { max: 1000 }]}>
          <Input.TextArea data-testid="return-comment" autoSize={{ minRows: 3, maxRows: 6 }} maxLength={1000} placeholder={t.rounds.returnCommentPlaceholder} autoFocus />
        </Form.Item>
        {error && <RefusedAlert error={error} testId="return-error" title={t.rounds.reviewRefused} />}
      </Form>
    </Modal>
  );
}

function DepartmentFilter({ value, onChange, departments, testId }: { value: string | undefined; onChange: (v: string | undefined) => void; departments: Department[]; testId: string }) {
  const { t, lang } = useI18n();
  return (
    <Select
      className="filter-select wide"
      data-testid={testId}
      allowClear
      placeholder={t.rounds.allDepartments}
      value={value}
      onChange={(v: string | undefined) => onChange(v)}
      showSearch={{ optionFilterProp: 'label' }}
      options={departments.map((d) => ({ value: d.id, label: lang === 'en' && d.nameEn ? d.nameEn : d.name }))}
    />
  );
}

function ReviewQueue({ year, lookups, departments, version, refresh }: { year: number; lookups: RoundLookups; departments: Department[]; version: number; refresh: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [department, setDepartment] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const state = useRefreshing(`queue:${year}:${department ?? ''}:${page}`, version, () =>
    api.roundTasks(year, { status: 'submitted', department, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ task: RoundTask; error: ApiError } | null>(null);
  const [returning, setReturning] = useState<RoundTask | null>(null);
  const data = state.data;
  const dash = <span className="secondary-text">{t.common.empty}</span>;

  // The last row of a page was reviewed: show the page before.
  const reviewed = (task: RoundTask) => {
    if (data && data.tasks.length === 1 && page > 1) setPage(page - 1);
    refresh();
    setError((e) => (e && taskRowKey(e.task) === taskRowKey(task) ? null : e));
  };

  const approve = async (task: RoundTask) => {
    setBusy(taskRowKey(task));
    setError(null);
    try {
      await api.reviewTask(year, task, 'approve');
      message.success(t.rounds.approved(task.indicatorCode));
      reviewed(task);
    } catch (e) {
      const err = asApiError(e);
      if (err.statusCode !== 401) setError({ task, error: err });
    } finally {
      setBusy(null);
    }
  };

  const unit = (task: RoundTask) => (task.unit && task.unit !== '—' ? task.unit : '');
  const columns: TableColumnsType<RoundTask> = [
    {
      title: t.rounds.indicator,
      key: 'indicator',
      width: 190,
      render: (_, task) => (
        <Link to={`/indicators/${task.indicatorCode}`} className="task-indicator">
          <span className="task-code">{task.indicatorCode}</span>
          {taskIndicatorName(lang, task, lookups)}
        </Link>
      ),
    },
    { title: t.rounds.region, key: 'region', width: 84, render: (_, task) => taskRegionName(lang, task, lookups) },
    { title: t.rounds.departmentCol, key: 'department', width: 110, render: (_, task) => departmentName(lang, task.departmentId, task.departmentName, lookups) },
    {
      title: t.rounds.value,
      key: 'value',
      width: 170,
      render: (_, task) => (
        <div>
          <span className="queue-value" data-testid="queue-value">
            {figureText(t, task.submission, unit(task)) ?? t.common.empty}
          </span>
          <div className="secondary-text nowrap" data-testid="queue-submitted" title={t.rounds.submittedBy}>
            {task.submission?.updatedBy} · {formatTime(task.submission?.submittedAt)}
          </div>
        </div>
      ),
    },
    { title: t.rounds.lastYear, key: 'lastYear', width: 100, render: (_, task) => <span data-testid="queue-last-year">{figureText(t, task.lastYear, unit(task)) ?? t.common.empty}</span> },
    { title: t.rounds.change, key: 'change', width: 72, render: (_, task) => <ChangeText previous={task.lastYear?.valueText} next={task.submission?.valueText} /> },
    { title: t.rounds.target, key: 'target', width: 120, render: (_, task) => <span className="task-target">{taskTargetText(lang, task, year, lookups)}</span> },
    {
      title: t.rounds.note,
      key: 'note',
      render: (_, task) => {
        const s = task.submission;
        if (!s?.note && !s?.reason) return dash;
        return (
          <div className="queue-note">
            {s.note && <div data-testid="queue-note">{s.note}</div>}
            {s.reason && (
              <div data-testid="queue-reason">
                <Typography.Text type="secondary">{t.rounds.reason}：</Typography.Text>
                {s.reason}
              </div>
            )}
          </div>
        );
      },
    },
    {
      title: t.rounds.actions,
      key: 'actions',
      width: 176,
      fixed: 'right',
      render: (_, task) => (
        <Space size={4}>
          <Button type="primary" size="small" data-testid="review-approve" loading={busy === taskRowKey(task)} onClick={() => void approve(task)}>
            {t.rounds.approve}
          </Button>
          <Button size="small" danger data-testid="review-return" onClick={() => setReturning(task)}>
            {t.rounds.return}
          </Button>
          <HistoryLink
            indicator={task.indicatorCode}
            name={taskIndicatorName(lang, task, lookups)}
            region={task.regionCode}
            regionName={taskRegionName(lang, task, lookups)}
            unit={task.unit}
            year={year}
          />
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="review-queue-panel">
      <Space wrap className="filter-bar">
        <DepartmentFilter
          testId="queue-department"
          value={department}
          onChange={(v) => {
            setDepartment(v);
            setPage(1);
          }}
          departments={departments}
        />
        {data && (
          <Typography.Text type="secondary" data-testid="queue-count" data-total={data.total}>
            {t.rounds.queueCount(data.total)}
          </Typography.Text>
        )}
      </Space>
      {state.error && <RefusedAlert error={state.error} testId="queue-load-error" />}
      {error && (
        <div className="entry-message">
          <RefusedAlert error={error.error} testId="review-error" title={`${t.rounds.reviewRefused} · ${t.rounds.indicator} ${error.task.indicatorCode}`} />
        </div>
      )}
      <Table<RoundTask>
        data-testid="review-queue"
        className="task-table"
        rowKey={taskRowKey}
        size="small"
        loading={state.loading}
        columns={columns}
        dataSource={data?.tasks ?? []}
        scroll={{ x: 1180 }}
        sticky={STICKY}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true, size: 'small' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.rounds.queueEmpty} /> }}
      />
      <ReturnModal
        year={year}
        task={returning}
        lookups={lookups}
        onClose={() => setReturning(null)}
        onDone={(task) => {
          setReturning(null);
          message.success(t.rounds.returned(task.indicatorCode));
          reviewed(task);
        }}
      />
    </div>
  );
}

function AllTasks({ year, lookups, departments, version, refresh }: { year: number; lookups: RoundLookups; departments: Department[]; version: number; refresh: () => void }) {
  const { t } = useI18n();
  const [department, setDepartment] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<TaskStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const state = useRefreshing(`all:${year}:${department ?? ''}:${status ?? ''}:${page}`, version, () =>
    api.roundTasks(year, { department, status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
  );
  const [filling, setFilling] = useState<RoundTask | null>(null);
  const { submitting, failure, submit } = useSubmitTask(year, refresh);
  const data = state.data;
  return (
    <div data-testid="all-tasks-panel">
      <Space wrap className="filter-bar">
        <DepartmentFilter
          testId="tasks-department"
          value={department}
          onChange={(v) => {
            setDepartment(v);
            setPage(1);
          }}
          departments={departments}
        />
        <Select<TaskStatus | undefined>
          className="filter-select"
          data-testid="tasks-status"
          allowClear
          placeholder={t.rounds.allStatuses}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={TASK_STATUSES.map((s) => ({ value: s, label: t.rounds.taskStatus(s) }))}
        />
        {data && <Typography.Text type="secondary">{t.rounds.taskCount(data.total)}</Typography.Text>}
      </Space>
      {state.error && <RefusedAlert error={state.error} testId="tasks-load-error" />}
      {failure && (
        <div className="entry-message">
          <RefusedAlert error={failure.error} testId="task-submit-error" title={`${t.rounds.submitRefused} · ${t.rounds.indicator} ${failure.task.indicatorCode}`} />
        </div>
      )}
      <TaskTable
        year={year}
        tasks={data?.tasks ?? []}
        lookups={lookups}
        loading={state.loading}
        showDepartment
        submitting={submitting}
        onFill={setFilling}
        onSubmit={(task) => void submit(task)}
        testId="all-tasks"
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true, size: 'small' }}
      />
      <TaskDrawer year={year} task={filling} listed={data?.tasks ?? []} lookups={lookups} onClose={() => setFilling(null)} onChanged={refresh} />
    </div>
  );
}

/** The lead unit's view of a round; `canReview` is false for viewers (progress and tasks, read-only). */
export function ReviewerRound({
  progress,
  lookups,
  canReview,
  version,
  refresh,
}: {
  progress: RoundProgressResponse;
  lookups: RoundLookups;
  canReview: boolean;
  version: number;
  refresh: () => void;
}) {
  const { t } = useI18n();
  const year = progress.round.year;
  const [tab, setTab] = useState(canReview ? 'queue' : 'tasks');
  // The departments that have tasks in the round, in the plan's order.
  const departments = lookups.departments.filter((d) => progress.departments.some((p) => p.id === d.id));
  const queued = progress.totals.submitted;
  const open = progress.round.status === 'open';
  return (
    <>
      <ProgressSection progress={progress} lookups={lookups} />
      <Card className="section-card" data-testid="round-tasks-card">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            ...(canReview
              ? [
                  {
                    key: 'queue',
                    label: (
                      <span data-testid="tab-queue">
                        {t.rounds.queue}
                        {queued > 0 && <Tag color="blue" className="tab-count">{queued}</Tag>}
                      </span>
                    ),
                    children: <ReviewQueue year={year} lookups={lookups} departments={departments} version={version} refresh={refresh} />,
                  },
                ]
              : []),
            {
              key: 'tasks',
              label: <span data-testid="tab-tasks">{t.rounds.allTasks}</span>,
              children: <AllTasks year={year} lookups={lookups} departments={departments} version={version} refresh={refresh} />,
            },
          ]}
        />
      </Card>
      {canReview && open && <TemplateCard year={year} departments={departments} onImported={refresh} />}
    </>
  );
}
