// 年度调度 tasks: the table of a round's tasks (a reporter's own, or any department's for a reviewer), the drawer
// in which one is filled in, and the reporter's view of a round (我的任务, 提交全部草稿, the Excel template).
// The form checks what it can; the server checks everything again and its words are shown when it refuses.
import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App as AntApp, AutoComplete, Button, Card, Checkbox, Descriptions, Drawer, Form, Input, Popconfirm, Select, Space, Table, Typography, Upload } from 'antd';
import type { ButtonProps, TableColumnsType, TablePaginationConfig } from 'antd';
import { api, ApiError } from '../api.js';
import { bilingual } from '../components/EvaluationBits.js';
import {
  allTasks,
  ChangeText,
  countStatuses,
  departmentName,
  figureText,
  StatusCounts,
  taskIndicatorName,
  taskRegionName,
  taskRowKey,
  taskStatus,
  TaskStatusTag,
  taskTargetText,
  type RoundLookups,
} from '../components/RoundBits.js';
import { useRefreshing } from '../useApi.js';
import { TemplateCard } from '../components/RoundTemplate.js';
import { RefusedAlert } from '../components/Status.js';
import { HistoryLink } from '../components/ValueHistory.js';
import { stateOptions } from '../components/stateOptions.js';
import { valueRule } from '../components/valueRule.js';
import { useI18n } from '../i18n.js';
import type { Bilingual, EvidenceMeta, Round, RoundTask, SubmissionStatus, TaskDraft, TaskStatus, User } from '../types.js';
import { acceptance } from './DataEntry.js';
import { STICKY } from '../components/tables.js';

function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, String(e));
}

interface FillForm {
  value?: string;
  state?: string;
  checks?: string[];
  source?: string;
  note?: string;
  reason?: string;
}

function unitOf(task: RoundTask): string {
  return task.unit && task.unit !== '—' ? task.unit : '';
}

function TaskFillForm({ year, task, lookups, onClose, onChanged }: { year: number; task: RoundTask; lookups: RoundLookups; onClose: () => void; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FillForm>();
  const ind = lookups.indicators.get(task.indicatorCode);
  const accepts = ind ? acceptance(ind) : { value: true, state: false, states: [] as string[], assigned: false, checks: [] as string[] };
  const assigned = task.kind === 'assigned';
  const showValue = accepts.value || assigned;
  const showState = accepts.state && !assigned;
  const showChecks = accepts.checks.length > 0 && !assigned;
  const unit = unitOf(task);
  // What the last save answered, for the task as it was then: the drawer shows it (status 草稿, evidence upload)
  // until the refreshed list brings the task again, or when the list no longer has it (a status filter).
  const [saved, setSaved] = useState<{ of: RoundTask; status: SubmissionStatus } | null>(null);
  const sub = task.submission;
  const status: TaskStatus = saved && saved.of === task ? saved.status : taskStatus(task);
  const hasSubmission = Boolean(sub) || saved !== null;
  const editable = task.canEdit && status !== 'submitted';

  // 409 REASON_REQUIRED: an approved value is revised only with a reason (known beforehand when the task was
  // approved as the drawer opened; the revision stays one while the drawer is open, even once saved as a draft).
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const [revising] = useState(() => taskStatus(task) === 'approved');
  const needsReason = revising || conflict !== null;
  // The API's warning (a change over 30 % from last year): a note is then required before submitting. The rule
  // reads the warning from a ref and the value from the form, so it judges what is being saved, whenever it runs.
  const [warned, setWarned] = useState<{ value: string; warnings: Bilingual[] } | null>(null);
  const warnedRef = useRef<{ value: string } | null>(null);
  const value = Form.useWatch('value', form);
  const noteNeeded = (v: string | undefined) => warnedRef.current !== null && (v ?? '').trim() === warnedRef.current.value;
  const noteRequired = warned !== null && (value ?? '').trim() === warned.value;
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [error, setError] = useState<{ error: ApiError; title: string } | null>(null);

  const initial: FillForm = sub
    ? {
        value: sub.valueText ?? undefined,
        state: sub.state ?? undefined,
        checks: sub.checks,
        source: sub.source,
        note: sub.note ?? undefined,
        reason: revising ? undefined : (sub.reason ?? undefined),
      }
    : { checks: [] };

  const stateChoices = stateOptions(t, accepts.states, { drafting: false });

  const save = async (submitAfter: boolean) => {
    let v: FillForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const draft: TaskDraft = {
      ...(showValue && v.value?.trim() ? { value: v.value.trim() } : {}),
      ...(showState && v.state ? { state: v.state } : {}),
      ...(showChecks && v.checks?.length ? { checks: v.checks } : {}),
      source: (v.source ?? '').trim(),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      ...(needsReason && v.reason?.trim() ? { reason: v.reason.trim() } : {}),
    };
    setBusy(submitAfter ? 'submit' : 'save');
    setError(null);
    let saved = false;
    try {
      const res = await api.saveTask(year, task, draft);
      saved = true;
      setSaved({ of: task, status: res.status });
      setConflict(null);
      if (res.warnings.length) {
        // Saved as a draft, but it cannot be submitted without an explanation: stay here and ask for it.
        warnedRef.current = { value: draft.value ?? '' };
        setWarned({ value: draft.value ?? '', warnings: res.warnings });
        message.success(t.rounds.savedDraft);
        onChanged();
        void form.validateFields(['note']).catch(() => undefined);
        return;
      }
      warnedRef.current = null;
      setWarned(null);
      if (submitAfter) {
        await api.submitTask(year, task);
        message.success(t.rounds.submittedOne);
      } else message.success(t.rounds.savedDraft);
      onChanged();
      onClose();
    } catch (e) {
      const err = asApiError(e);
      if (saved) onChanged();
      if (err.statusCode === 401) return; // the session ended: the sign-in prompt says so
      if (err.code === 'REASON_REQUIRED') setConflict(err);
      else setError({ error: err, title: saved ? t.rounds.submitRefused : t.rounds.saveRefused });
    } finally {
      setBusy(null);
    }
  };

  const valueRules = [valueRule(t, () => assigned || !showState)];
  const last = figureText(t, task.lastYear, unit);

  return (
    <div data-testid="task-form-wrap">
      <Descriptions size="small" bordered column={1} className="task-facts" styles={{ label: { width: 110 } }}>
        <Descriptions.Item label={t.rounds.region}>{taskRegionName(lang, task, lookups)}</Descriptions.Item>
        <Descriptions.Item label={t.rounds.kindCol}>{t.rounds.kind(task.kind)}</Descriptions.Item>
        <Descriptions.Item label={t.rounds.lastYear}>
          {last ? (
            <span data-testid="task-last-year">
              {last} <span className="secondary-text">{t.common.yearSuffix(task.lastYear!.year)}</span>
            </span>
          ) : (
            t.common.empty
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t.rounds.target}>{taskTargetText(lang, task, year, lookups)}</Descriptions.Item>
        <Descriptions.Item label={t.rounds.statusCol}>
          <TaskStatusTag status={status} />
        </Descriptions.Item>
      </Descriptions>

      <div className="task-notices">
        {status === 'submitted' && <Alert type="info" showIcon title={t.rounds.awaiting} data-testid="task-awaiting" />}
        {status === 'approved' && <Alert type="info" showIcon title={t.rounds.approvedNote} data-testid="task-approved-note" />}
        {status === 'returned' && sub?.reviewComment && <Alert type="warning" showIcon title={t.rounds.returnedNote(sub.reviewComment)} data-testid="task-returned-note" />}
        {conflict && status !== 'approved' && <RefusedAlert error={conflict} testId="task-conflict" title={t.entry.conflictTitle} />}
        {warned && (
          <Alert
            type="warning"
            showIcon
            data-testid="task-warning"
            title={t.rounds.warningTitle}
            description={
              <div>
                {warned.warnings.map((w) => (
                  <div key={w.zh}>{bilingual(lang, w)}</div>
                ))}
                <div className="secondary-text">{t.rounds.warningNote}</div>
              </div>
            }
          />
        )}
      </div>

      <Form<FillForm> form={form} layout="vertical" initialValues={initial} disabled={!editable} data-testid="task-form" className="task-form" requiredMark>
        {showValue && (
          <Form.Item name="value" label={t.entry.value} rules={valueRules} dependencies={['state']} required={!showState}>
            <Input data-testid="task-value" inputMode="decimal" autoComplete="off" maxLength={40} placeholder={t.entry.valuePlaceholder} suffix={unit || undefined} />
          </Form.Item>
        )}
        {showState && (
          <Form.Item name="state" label={t.entry.state} rules={showValue ? [] : [{ required: true, message: t.entry.stateRequired }]}>
            <Select data-testid="task-state" allowClear placeholder={t.entry.statePlaceholder} options={stateChoices} />
          </Form.Item>
        )}
        {showChecks && (
          <Form.Item name="checks" label={t.entry.checks} extra={t.entry.checksHelp}>
            <Checkbox.Group data-testid="task-checks" options={accepts.checks.map((c) => ({ value: c, label: t.target.rule(c) ?? c }))} />
          </Form.Item>
        )}
        <Form.Item name="source" label={t.entry.source} rules={[{ required: true, whitespace: true, message: t.entry.sourceRequired }, { max: 200 }]}>
          <AutoComplete
            data-testid="task-source"
            options={t.entry.sourceSuggestions}
            placeholder={t.entry.sourcePlaceholder}
            showSearch={{ filterOption: (input, option) => !input || (option?.value ?? '').includes(input) || String(option?.label ?? '').toLowerCase().includes(input.toLowerCase()) }}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t.entry.note}
          required={noteRequired}
          rules={[
            {
              validator: (_, v: string | undefined) =>
                !noteNeeded(form.getFieldValue('value') as string | undefined) || (v ?? '').trim() ? Promise.resolve() : Promise.reject(new Error(t.rounds.noteRequired)),
            },
            { max: 1000 },
          ]}
          dependencies={['value']}
        >
          <Input.TextArea
            data-testid="task-note"
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={1000}
            placeholder={noteRequired ? t.rounds.notePlaceholderRequired : t.entry.notePlaceholder}
          />
        </Form.Item>
        {needsReason && (
          <Form.Item name="reason" label={t.entry.reason} rules={[{ required: true, whitespace: true, message: t.entry.reasonRequired }, { max: 1000 }]}>
            <Input.TextArea data-testid="task-reason" autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} placeholder={t.entry.reasonPlaceholder} />
          </Form.Item>
        )}
      </Form>

      <EvidenceSection year={year} task={task} editable={editable && hasSubmission && status !== 'approved'} saved={hasSubmission} onChanged={onChanged} />

      {error && (
        <div className="entry-message">
          <RefusedAlert error={error.error} testId="task-error" title={error.title} />
        </div>
      )}
      <Space className="task-actions">
        {editable && (
          <>
            <Button type="primary" loading={busy === 'submit'} disabled={busy === 'save'} onClick={() => void save(true)} data-testid="task-save-submit">
              {t.rounds.saveSubmit}
            </Button>
            <Button loading={busy === 'save'} disabled={busy === 'submit'} onClick={() => void save(false)} data-testid="task-save">
              {t.rounds.saveDraft}
            </Button>
          </>
        )}
        <Button onClick={onClose} data-testid="task-cancel">
          {t.rounds.cancel}
        </Button>
      </Space>
    </div>
  );
}

/** The evidence files of a task's submission, and the upload of another one (after the draft is saved). */
function EvidenceSection({ year, task, editable, saved, onChanged }: { year: number; task: RoundTask; editable: boolean; saved: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const [files, setFiles] = useState<EvidenceMeta[]>(task.evidence);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="task-evidence" data-testid="task-evidence">
      <Typography.Title level={5}>{t.rounds.evidenceTitle}</Typography.Title>
      {task.evidenceRequired && <Alert type="info" showIcon title={t.rounds.evidenceRequired} data-testid="evidence-required" />}
      {files.length ? (
        <ul className="evidence-list" data-testid="evidence-list">
          {files.map((f) => (
            <li key={f.id}>
              <a href={api.evidenceUrl(f.id)} data-testid="evidence-file">
                {f.fileName}
              </a>{' '}
              <Typography.Text type="secondary">
                {f.size < 1024 ? `${f.size} B` : `${(f.size / 1024).toFixed(0)} KB`} · {f.uploadedBy}
              </Typography.Text>
            </li>
          ))}
        </ul>
      ) : (
        <Typography.Text type="secondary">{t.rounds.evidenceNone}</Typography.Text>
      )}
      <div>
        {editable ? (
          <Upload
            showUploadList={false}
            accept=".pdf,.png,.jpg,.jpeg,.xlsx"
            customRequest={async ({ file }) => {
              setBusy(true);
              setError(null);
              try {
                const meta = await api.attachEvidence(year, task, file as File);
                setFiles((xs) => [...xs, meta]);
                onChanged();
              } catch (e) {
                setError(e instanceof ApiError ? e : null);
              } finally {
                setBusy(false);
              }
            }}
          >
            <Button loading={busy} data-testid="evidence-upload">
              {t.rounds.evidenceUpload}
            </Button>
          </Upload>
        ) : (
          task.canEdit && !saved && <Typography.Text type="secondary">{t.rounds.evidenceSaveFirst}</Typography.Text>
        )}
      </div>
      {error && <RefusedAlert error={error} testId="evidence-error" title={t.rounds.evidenceTitle} />}
    </div>
  );
}

/**
 * The drawer in which a task is filled in (填报); closed while `task` is null. `listed` is the page's current list
 * of tasks: the drawer shows the task as listed there, so it follows a save (status, evidence) when the list is
 * refreshed while it stays open.
 */
export function TaskDrawer({
  year,
  task: opened,
  listed,
  lookups,
  onClose,
  onChanged,
}: {
  year: number;
  task: RoundTask | null;
  listed: readonly RoundTask[];
  lookups: RoundLookups;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, lang } = useI18n();
  const task = opened && (listed.find((x) => taskRowKey(x) === taskRowKey(opened)) ?? opened);
  return (
    <Drawer
      open={task !== null}
      onClose={onClose}
      size={560}
      destroyOnHidden
      rootClassName="task-drawer"
      title={task && <span data-testid="task-drawer-title">{t.rounds.drawerTitle(task.indicatorCode, taskIndicatorName(lang, task, lookups))}</span>}
    >
      <div data-testid="task-drawer">{task && <TaskFillForm key={taskRowKey(task)} year={year} task={task} lookups={lookups} onClose={onClose} onChanged={onChanged} />}</div>
    </Drawer>
  );
}

/** A round's tasks: indicator, region, last year, target, this year's figure and status, with 填报 / 提交 / 历史. */
export function TaskTable({
  year,
  tasks,
  lookups,
  loading,
  showDepartment = false,
  pagination = false,
  submitting,
  onFill,
  onSubmit,
  testId,
}: {
  year: number;
  tasks: RoundTask[];
  lookups: RoundLookups;
  loading: boolean;
  showDepartment?: boolean;
  pagination?: TablePaginationConfig | false;
  submitting: string | null;
  onFill: (task: RoundTask) => void;
  onSubmit: (task: RoundTask) => void;
  testId: string;
}) {
  const { t, lang } = useI18n();
  const dash = <span className="secondary-text">{t.common.empty}</span>;
  const columns: TableColumnsType<RoundTask> = [
    {
      title: t.rounds.indicator,
      key: 'indicator',
      width: 220,
      render: (_, task) => (
        <Link to={`/indicators/${task.indicatorCode}`} className="task-indicator">
          <span className="task-code">{task.indicatorCode}</span>
          {taskIndicatorName(lang, task, lookups)}
        </Link>
      ),
    },
    { title: t.rounds.region, key: 'region', width: 110, render: (_, task) => taskRegionName(lang, task, lookups) },
    { title: t.rounds.kindCol, dataIndex: 'kind', width: 100, render: (k: RoundTask['kind']) => t.rounds.kind(k) },
    ...(showDepartment
      ? [{ title: t.rounds.departmentCol, key: 'department', width: 150, render: (_: unknown, task: RoundTask) => departmentName(lang, task.departmentId, task.departmentName, lookups) }]
      : []),
    {
      title: t.rounds.lastYear,
      key: 'lastYear',
      width: 120,
      render: (_, task) => {
        const v = figureText(t, task.lastYear, unitOf(task));
        return v ? <span title={String(task.lastYear!.year)}>{v}</span> : dash;
      },
    },
    { title: t.rounds.target, key: 'target', width: 170, render: (_, task) => <span className="task-target">{taskTargetText(lang, task, year, lookups)}</span> },
    {
      title: t.rounds.thisYear,
      key: 'thisYear',
      width: 150,
      render: (_, task) => {
        const v = figureText(t, task.submission, unitOf(task));
        if (!v) return dash;
        return (
          <Space size={6} wrap>
            <span data-testid="task-value-shown">{v}</span>
            {task.submission?.valueText && task.lastYear?.valueText && <ChangeText previous={task.lastYear.valueText} next={task.submission.valueText} />}
          </Space>
        );
      },
    },
    {
      title: t.rounds.statusCol,
      key: 'status',
      width: 200,
      render: (_, task) => (
        <div>
          <TaskStatusTag status={taskStatus(task)} />
          {taskStatus(task) === 'returned' && task.submission?.reviewComment && (
            <div className="task-comment" data-testid="task-comment">
              {t.rounds.comment}：{task.submission.reviewComment}
            </div>
          )}
        </div>
      ),
    },
    {
      title: t.rounds.actions,
      key: 'actions',
      width: 170,
      render: (_, task) => {
        const status = taskStatus(task);
        return (
          <Space size={0} className="task-row-actions">
            {task.canEdit && (
              <>
                <Button type="link" size="small" data-testid="task-fill" disabled={status === 'submitted'} onClick={() => onFill(task)}>
                  {status === 'approved' ? t.rounds.revise : t.rounds.fill}
                </Button>
                <Button type="link" size="small" data-testid="task-submit" disabled={status !== 'draft'} loading={submitting === taskRowKey(task)} onClick={() => onSubmit(task)}>
                  {t.rounds.submit}
                </Button>
              </>
            )}
            <HistoryLink
              indicator={task.indicatorCode}
              name={taskIndicatorName(lang, task, lookups)}
              region={task.regionCode}
              regionName={taskRegionName(lang, task, lookups)}
              unit={task.unit}
              year={year}
            />
          </Space>
        );
      },
    },
  ];
  return (
    <Table<RoundTask>
      data-testid={testId}
      className="task-table"
      rowKey={taskRowKey}
      size="small"
      loading={loading}
      pagination={pagination}
      columns={columns}
      dataSource={tasks}
      scroll={{ x: showDepartment ? 1290 : 1140 }}
      sticky={STICKY}
    />
  );
}

/** Submitting one task from a table row: the server's refusal (e.g. EXPLANATION_REQUIRED) is kept to be shown. */
export function useSubmitTask(year: number, refresh: () => void) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [submitting, setSubmitting] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ task: RoundTask; error: ApiError } | null>(null);
  const submit = async (task: RoundTask) => {
    setSubmitting(taskRowKey(task));
    setFailure(null);
    try {
      await api.submitTask(year, task);
      message.success(t.rounds.submittedOne);
      refresh();
    } catch (e) {
      const err = asApiError(e);
      if (err.statusCode !== 401) setFailure({ task, error: err });
    } finally {
      setSubmitting(null);
    }
  };
  return { submitting, failure, clearFailure: () => setFailure(null), submit };
}

interface BulkResult {
  ok: number;
  failed: { task: RoundTask; error: ApiError }[];
}

/** 我的任务: the reporter's department's tasks in the round, the bulk submit and the Excel template. */
export function ReporterRound({ round, user, lookups, version, refresh }: { round: Round; user: User; lookups: RoundLookups; version: number; refresh: () => void }) {
  const { t, lang } = useI18n();
  const year = round.year;
  const state = useRefreshing(`tasks:${year}:mine:${user.id}`, version, () => allTasks(year));
  const [filling, setFilling] = useState<RoundTask | null>(null);
  const { submitting, failure, clearFailure, submit } = useSubmitTask(year, refresh);
  const [bulkBusy, setBulkBusy] = useState(false);
  const [bulk, setBulk] = useState<BulkResult | null>(null);

  if (!user.departmentId) return <Alert type="info" showIcon data-testid="round-no-department" title={t.rounds.noDepartment} />;
  const deptName = departmentName(lang, user.departmentId, user.departmentId, lookups);
  const tasks = state.data ?? [];
  const drafts = tasks.filter((task) => taskStatus(task) === 'draft');

  const submitAll = async () => {
    setBulkBusy(true);
    setBulk(null);
    clearFailure();
    const result: BulkResult = { ok: 0, failed: [] };
    for (const task of drafts) {
      try {
        await api.submitTask(year, task);
        result.ok++;
      } catch (e) {
        const err = asApiError(e);
        if (err.statusCode === 401) break;
        result.failed.push({ task, error: err });
      }
    }
    setBulk(result);
    setBulkBusy(false);
    refresh();
  };

  const what = (task: RoundTask) => `${t.rounds.indicator} ${task.indicatorCode} ${taskIndicatorName(lang, task, lookups)}`;

  return (
    <>
      <Card
        className="section-card"
        title={t.rounds.myTasks}
        data-testid="my-tasks-card"
        extra={
          round.status === 'open' && (
            <Popconfirm
              title={t.rounds.submitAllTitle}
              description={<div className="popconfirm-text">{t.rounds.submitAllText(drafts.length)}</div>}
              okText={t.rounds.submit}
              cancelText={t.rounds.cancel}
              okButtonProps={{ 'data-testid': 'submit-all-confirm' } as ButtonProps}
              onConfirm={submitAll}
              disabled={drafts.length === 0}
            >
              <Button type="primary" disabled={drafts.length === 0} loading={bulkBusy} data-testid="submit-all">
                {t.rounds.submitAll(drafts.length)}
              </Button>
            </Popconfirm>
          )
        }
      >
        <Typography.Paragraph type="secondary">{t.rounds.myTasksIntro(deptName)}</Typography.Paragraph>
        {state.error && <RefusedAlert error={state.error} testId="tasks-error" />}
        {state.data && <StatusCounts counts={countStatuses(tasks)} />}
        {bulk && (
          <div className="entry-message">
            <Alert
              type={bulk.failed.length ? 'warning' : 'success'}
              showIcon
              closable={{ onClose: () => setBulk(null) }}
              data-testid="submit-all-result"
              data-ok={bulk.ok}
              data-failed={bulk.failed.length}
              title={bulk.failed.length ? t.rounds.submittedSome(bulk.ok, bulk.failed.length) : t.rounds.submittedAll(bulk.ok)}
              description={
                bulk.failed.length > 0 && (
                  <ul className="bulk-failures">
                    {bulk.failed.map(({ task, error }) => (
                      <li key={taskRowKey(task)}>
                        {what(task)}：{(lang === 'en' ? error.messageEn ?? error.messageZh : error.messageZh ?? error.messageEn) ?? error.code}
                      </li>
                    ))}
                  </ul>
                )
              }
            />
          </div>
        )}
        {failure && (
          <div className="entry-message">
            <RefusedAlert error={failure.error} testId="task-submit-error" title={`${t.rounds.submitRefused} · ${what(failure.task)}`} />
          </div>
        )}
        <TaskTable
          year={year}
          tasks={tasks}
          lookups={lookups}
          loading={state.loading}
          submitting={submitting}
          onFill={setFilling}
          onSubmit={(task) => void submit(task)}
          testId="my-tasks"
        />
      </Card>
      {round.status === 'open' && <TemplateCard year={year} onImported={refresh} />}
      <TaskDrawer year={year} task={filling} listed={tasks} lookups={lookups} onClose={() => setFilling(null)} onChanged={refresh} />
    </>
  );
}
