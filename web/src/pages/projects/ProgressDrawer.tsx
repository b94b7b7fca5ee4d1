// 填报年度进展: one year's planned and completed investment, physical progress, status (with a reason for 延期,
// 暂停, 终止), milestones and a note. The form checks what the server checks, so most mistakes are caught before
// sending; whatever the server still refuses is shown in its own words.
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Checkbox, Col, Drawer, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { ApiError } from '../../api.js';
import { RefusedAlert } from '../../components/Status.js';
import { nameOf } from '../../i18n.js';
import { fromHundredths, hundredths, MONEY_PATTERN } from './bits.js';
import { projectsApi } from './api.js';
import { useProjectStrings } from './strings.js';
import { PROJECT_STATUSES, STATUSES_NEEDING_REASON, type LibraryProject, type Milestone, type ProgressDraft, type ProgressEntry, type ProjectStatus } from './types.js';

interface ProgressForm {
  year: number;
  plannedInvestment: string;
  completedInvestment: string;
  cumulativeInvestment?: string;
  physicalProgress: number | null;
  status: ProjectStatus;
  reason?: string;
  explanation?: string;
  note?: string;
  milestones?: Milestone[];
}

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, e instanceof Error ? e.message : String(e)));

/** The years one may report: from the start year to the end year, and not beyond the current year. */
export function reportableYears(p: Pick<LibraryProject, 'startYear' | 'endYear'>, today = new Date()): number[] {
  const last = Math.max(p.startYear, Math.min(p.endYear, today.getFullYear()));
  const years: number[] = [];
  for (let y = p.startYear; y <= last; y++) years.push(y);
  return years;
}

/**
 * The API answers each year's cumulative figure whether reported or summed. It is shown in the form only when it
 * differs from the sum (the previous year's cumulative plus this year's), i.e. when someone reported it.
 */
function reportedCumulative(entry: ProgressEntry, previous: ProgressEntry | undefined): string | undefined {
  if (entry.cumulativeInvestment === null) return undefined;
  const summed = hundredths(previous?.cumulativeInvestment ?? '0.00') + hundredths(entry.completedInvestment);
  return hundredths(entry.cumulativeInvestment) === summed ? undefined : entry.cumulativeInvestment;
}

/** A reason is needed for 延期, 暂停 and 终止, and for any change to a year already reported (a new version). */
function reasonNeeded(status: ProjectStatus | undefined, reported: boolean): boolean {
  return reported || (status !== undefined && STATUSES_NEEDING_REASON.includes(status));
}

function initialValues(year: number, entry: ProgressEntry | undefined, previous: ProgressEntry | undefined): ProgressForm {
  if (!entry) return { year, plannedInvestment: '', completedInvestment: '', physicalProgress: null, status: 'in_progress', milestones: [] };
  return {
    year,
    plannedInvestment: entry.plannedInvestment,
    completedInvestment: entry.completedInvestment,
    cumulativeInvestment: reportedCumulative(entry, previous),
    physicalProgress: entry.physicalProgress,
    status: entry.status,
    note: entry.note ?? undefined,
    explanation: entry.explanation ?? undefined,
    milestones: entry.milestones,
  };
}

function ProgressFormBody({ project, progress, year: firstYear, onClose, onSaved }: { project: LibraryProject; progress: ProgressEntry[]; year: number; onClose: () => void; onSaved: (year: number) => void }) {
  const { s, lang } = useProjectStrings();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ProgressForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const byYear = useMemo(() => new Map(progress.map((e) => [e.year, e])), [progress]);
  const initialFor = (y: number) => initialValues(y, byYear.get(y), [...progress].filter((e) => e.year < y).sort((a, b) => a.year - b.year).at(-1));
  const years = useMemo(() => {
    const ys = new Set([...reportableYears(project), ...progress.map((e) => e.year)]);
    return [...ys].sort((a, b) => a - b);
  }, [project, progress]);

  const year = Form.useWatch('year', form) ?? firstYear;
  const status = Form.useWatch('status', form);
  const completed = Form.useWatch('completedInvestment', form);
  const cumulative = Form.useWatch('cumulativeInvestment', form);
  const existing = byYear.get(year);
  const reasonRequired = reasonNeeded(status, existing !== undefined);

  // The cumulative figure the server will hold: the one entered, or earlier years' completed plus this year's.
  const cumulativeOf = (y: number, done: string | undefined, entered: string | undefined): bigint | null => {
    if (entered && MONEY_PATTERN.test(entered.trim())) return hundredths(entered);
    if (!done || !MONEY_PATTERN.test(done.trim())) return null;
    // As the server sums: the latest cumulative figure reported before this year, plus yearly figures after it.
    let sum = 0n;
    for (const e of [...progress].filter((x) => x.year < y).sort((a, b) => a.year - b.year))
      sum = e.cumulativeInvestment !== null ? hundredths(e.cumulativeInvestment) : sum + hundredths(e.completedInvestment);
    return sum + hundredths(done);
  };
  const isOverBudget = (c: bigint | null) => c !== null && c > hundredths(project.investmentText);
  const effectiveCumulative = cumulativeOf(year, completed, cumulative);
  const overBudget = isOverBudget(effectiveCumulative);

  const moneyRules = (required: boolean) => [
    ...(required ? [{ required: true, whitespace: true, message: s.form.moneyRequired }] : []),
    {
      validator: (_: unknown, v: string | undefined) =>
        !v || MONEY_PATTERN.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(s.form.money)),
    },
  ];

  const submit = async () => {
    let v: ProgressForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const draft: ProgressDraft = {
      plannedInvestment: v.plannedInvestment.trim(),
      completedInvestment: v.completedInvestment.trim(),
      ...(v.cumulativeInvestment?.trim() ? { cumulativeInvestment: v.cumulativeInvestment.trim() } : {}),
      physicalProgress: v.physicalProgress ?? 0,
      status: v.status,
      ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      ...(isOverBudget(cumulativeOf(v.year, v.completedInvestment, v.cumulativeInvestment)) && v.explanation?.trim() ? { explanation: v.explanation.trim() } : {}),
      milestones: (v.milestones ?? []).map((m) => ({ name: m.name.trim(), date: m.date, done: Boolean(m.done) })),
    };
    setBusy(true);
    setError(null);
    try {
      await projectsApi.saveProgress(project.no, v.year, draft);
      message.success(s.form.saved);
      onSaved(v.year);
      onClose();
    } catch (e) {
      const err = asApiError(e);
      if (err.statusCode !== 401) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<ProgressForm>
      form={form}
      layout="vertical"
      initialValues={initialFor(firstYear)}
      onValuesChange={(changed: Partial<ProgressForm>) => {
        // Choosing another year shows what was reported for it (or an empty form).
        if (changed.year !== undefined) form.setFieldsValue({ explanation: undefined, ...initialFor(changed.year), reason: undefined });
      }}
      data-testid="progress-form"
      requiredMark
    >
      <Alert type="info" showIcon className="form-hint" title={`${nameOf(lang, project)} · ${s.detail.investment} ${project.investmentText} ${s.charts.yuan}`} />
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="year" label={s.form.year} rules={[{ required: true, message: s.form.required }]}>
            <Select data-testid="progress-year" options={years.map((y) => ({ value: y, label: `${y}${byYear.has(y) ? ` ✓` : ''}` }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="status" label={s.form.status} rules={[{ required: true, message: s.form.required }]}>
            <Select data-testid="progress-status" options={PROJECT_STATUSES.map((st) => ({ value: st, label: s.status[st] }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="plannedInvestment" label={s.form.planned} rules={moneyRules(true)}>
            <Input inputMode="decimal" placeholder="0.00" data-testid="progress-planned" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="completedInvestment" label={s.form.completed} rules={moneyRules(true)}>
            <Input inputMode="decimal" placeholder="0.00" data-testid="progress-completed" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="cumulativeInvestment"
            label={s.form.cumulative}
            dependencies={['completedInvestment']}
            rules={[
              ...moneyRules(false),
              ({ getFieldValue }) => ({
                validator: (_: unknown, v: string | undefined) => {
                  const done = (getFieldValue('completedInvestment') as string | undefined)?.trim() ?? '';
                  if (!v?.trim() || !MONEY_PATTERN.test(v.trim()) || !MONEY_PATTERN.test(done)) return Promise.resolve();
                  return hundredths(v) < hundredths(done) ? Promise.reject(new Error(s.form.cumulativeBelowYear)) : Promise.resolve();
                },
              }),
            ]}
            extra={effectiveCumulative !== null && !cumulative ? `${s.form.cumulativeHelp}：${fromHundredths(effectiveCumulative)}` : s.form.cumulativeHelp}
          >
            <Input inputMode="decimal" placeholder={effectiveCumulative !== null ? fromHundredths(effectiveCumulative) : ''} data-testid="progress-cumulative" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="physicalProgress"
            label={s.form.physical}
            dependencies={['status']}
            rules={[
              { required: true, message: s.form.physicalRange },
              {
                validator: (_: unknown, v: number | null | undefined) =>
                  v === null || v === undefined || (Number.isFinite(v) && v >= 0 && v <= 100) ? Promise.resolve() : Promise.reject(new Error(s.form.physicalRange)),
              },
              ({ getFieldValue }) => ({
                // The server's rules: 已完工 means 100 %, 未开工 means 0 %.
                validator: (_: unknown, v: number | null | undefined) => {
                  const st = getFieldValue('status') as ProjectStatus | undefined;
                  if (v === null || v === undefined) return Promise.resolve();
                  if (st === 'completed' && v < 100) return Promise.reject(new Error(s.form.completedNeeds100));
                  if (st === 'not_started' && v > 0) return Promise.reject(new Error(s.form.notStartedNeeds0));
                  return Promise.resolve();
                },
              }),
            ]}
          >
            <InputNumber<number> min={0} max={100} step={1} style={{ width: '100%' }} suffix="%" data-testid="progress-physical" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="reason"
        label={existing ? s.form.revisionReason : s.form.reason}
        required={reasonRequired}
        extra={existing ? s.form.revisionReasonHelp(year) : s.form.reasonHelp}
        dependencies={['status', 'year']}
        rules={[
          // Read from the form at validation time, not from the last render: a status chosen just before saving
          // counts even if the page has not redrawn yet.
          ({ getFieldValue }) => ({
            validator: (_: unknown, v: string | undefined) => {
              const st = getFieldValue('status') as ProjectStatus | undefined;
              const reported = byYear.has(getFieldValue('year') as number);
              if (!reasonNeeded(st, reported) || (v ?? '').trim()) return Promise.resolve();
              return Promise.reject(new Error(reported && !STATUSES_NEEDING_REASON.includes(st!) ? s.form.revisionReasonRequired : s.form.reasonRequired));
            },
          }),
          { max: 1000 },
        ]}
      >
        <Input.TextArea rows={2} data-testid="progress-reason" />
      </Form.Item>
      {/* Always in the form (hidden unless over budget) so that its rule judges the values being saved. */}
      <Form.Item
        name="explanation"
        label={s.form.explanation}
        hidden={!overBudget}
        required
        extra={s.form.explanationHelp}
        dependencies={['year', 'completedInvestment', 'cumulativeInvestment']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_: unknown, v: string | undefined) =>
              !isOverBudget(cumulativeOf(getFieldValue('year') as number, getFieldValue('completedInvestment') as string | undefined, getFieldValue('cumulativeInvestment') as string | undefined)) ||
              (v ?? '').trim()
                ? Promise.resolve()
                : Promise.reject(new Error(s.form.explanationRequired)),
          }),
          { max: 1000 },
        ]}
      >
        <Input.TextArea rows={2} data-testid="progress-explanation" />
      </Form.Item>
      <Form.Item label={s.form.milestones}>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }} data-testid="progress-milestones">
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: s.form.milestoneNameRequired }, { max: 200 }]} noStyle>
                    <Input placeholder={s.form.milestoneName} style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'date']} rules={[{ required: true, message: s.form.milestoneDateRequired }, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: s.form.milestoneDateRequired }]} noStyle>
                    <Input type="date" style={{ width: 160 }} aria-label={s.form.milestoneDate} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'done']} valuePropName="checked" noStyle>
                    <Checkbox>{s.form.milestoneDone}</Checkbox>
                  </Form.Item>
                  <Button type="link" danger onClick={() => remove(f.name)}>
                    ✕
                  </Button>
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ name: '', date: '', done: false })} block>
                + {s.form.addMilestone}
              </Button>
            </Space>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name="note" label={s.form.note} rules={[{ max: 1000 }]}>
        <Input.TextArea rows={2} data-testid="progress-note" />
      </Form.Item>
      {error && <RefusedAlert error={error} testId="progress-error" />}
      <Space className="form-actions">
        <Button type="primary" loading={busy} onClick={submit} data-testid="progress-submit">
          {s.actions.save}
        </Button>
        <Button onClick={onClose}>{s.actions.cancel}</Button>
      </Space>
    </Form>
  );
}

export function ProgressDrawer({
  project,
  progress,
  open,
  onClose,
  onSaved,
}: {
  project: LibraryProject;
  progress: ProgressEntry[];
  open: boolean;
  onClose: () => void;
  onSaved: (year: number) => void;
}) {
  const { s, lang } = useProjectStrings();
  const years = reportableYears(project);
  // Annual reporting is about the year just ended; a project that ended earlier opens on its last year.
  const lastYear = new Date().getFullYear() - 1;
  const firstYear = years.includes(lastYear) ? lastYear : (years[years.length - 1] ?? project.startYear);
  return (
    <Drawer open={open} onClose={onClose} size={600} destroyOnHidden title={<span data-testid="progress-drawer-title">{s.form.progressTitle(project.no, nameOf(lang, project))}</span>}>
      <div data-testid="progress-drawer">{open && <ProgressFormBody project={project} progress={progress} year={firstYear} onClose={onClose} onSaved={onSaved} />}</div>
    </Drawer>
  );
}
