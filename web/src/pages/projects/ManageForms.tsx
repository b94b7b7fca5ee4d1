// Dynamic management of the library (admin, reviewer): add a project, revise it, retire it, edit the indicators it
// serves. Every change needs a reason; the server versions it with who and when.
import { useMemo, useState, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, Col, Drawer, Form, Input, InputNumber, Modal, Row, Select, Space } from 'antd';
import { ApiError } from '../../api.js';
import { RefusedAlert } from '../../components/Status.js';
import { indicatorName } from '../../format.js';
import { nameOf } from '../../i18n.js';
import type { Department, Indicator, PlanResponse } from '../../types.js';
import { MONEY_PATTERN } from './bits.js';
import { projectsApi } from './api.js';
import { useProjectStrings } from './strings.js';
import type { LibraryProject, ProjectFields } from './types.js';

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, e instanceof Error ? e.message : String(e)));

interface FieldsForm {
  category: string;
  subcategory?: string;
  name: string;
  nameEn?: string;
  content: string;
  investment: string;
  leads: string[];
  regions: string[];
  startYear: number;
  endYear: number;
  reason: string;
}

function fieldsOf(p: LibraryProject): Omit<FieldsForm, 'reason'> {
  return {
    category: p.categoryId,
    subcategory: p.subcategory ?? '',
    name: p.name,
    nameEn: p.nameEn,
    content: p.content,
    investment: p.investmentText,
    leads: p.leadIds,
    regions: p.regions,
    startYear: p.startYear,
    endYear: p.endYear,
  };
}

function toFields(v: FieldsForm): ProjectFields {
  return {
    category: v.category,
    subcategory: v.subcategory?.trim() ? v.subcategory.trim() : null,
    name: v.name.trim(),
    ...(v.nameEn?.trim() ? { nameEn: v.nameEn.trim() } : {}),
    content: v.content.trim(),
    investment: v.investment.trim(),
    leads: v.leads,
    regions: v.regions ?? [],
    startYear: v.startYear,
    endYear: v.endYear,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only the fields that differ from the project as it stands. */
export function changedFields(before: ProjectFields, after: ProjectFields): Partial<ProjectFields> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(after) as (keyof ProjectFields)[]) {
    const a = before[k] ?? null;
    const b = after[k] ?? null;
    if (!same(a, b)) out[k] = after[k];
  }
  return out as Partial<ProjectFields>;
}

export function ProjectFormDrawer({
  open,
  project,
  plan,
  departments,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** null: a new project */
  project: LibraryProject | null;
  plan: PlanResponse;
  departments: Department[];
  onClose: () => void;
  onSaved: (project: LibraryProject) => void;
}) {
  const { s, lang } = useProjectStrings();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FieldsForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [nothing, setNothing] = useState(false);

  const submit = async () => {
    let v: FieldsForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const fields = toFields(v);
    setError(null);
    setNothing(false);
    let changes: Partial<ProjectFields> | null = null;
    if (project) {
      changes = changedFields(toFields({ ...fieldsOf(project), reason: '' }), fields);
      if (Object.keys(changes).length === 0) {
        setNothing(true);
        return;
      }
    }
    setBusy(true);
    try {
      const res = project ? await projectsApi.revise(project.no, changes!, v.reason.trim()) : await projectsApi.create(fields, v.reason.trim());
      message.success(project ? s.form.revised : s.form.created(res.project.no));
      onSaved(res.project);
      onClose();
    } catch (e) {
      const err = asApiError(e);
      if (err.statusCode !== 401) setError(err);
    } finally {
      setBusy(false);
    }
  };

  const initial = project ? fieldsOf(project) : { leads: [], regions: [], startYear: new Date().getFullYear(), endYear: plan.meta.period.end };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={680}
      destroyOnHidden
      title={<span data-testid="project-form-title">{project ? s.form.projectTitleEdit(project.no) : s.form.projectTitleNew}</span>}
    >
      {open && (
        <Form<FieldsForm> form={form} layout="vertical" initialValues={initial} data-testid="project-form">
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="category" label={s.form.category} rules={[{ required: true, message: s.form.required }]}>
                <Select data-testid="project-form-category" options={plan.categories.map((c) => ({ value: c.id, label: nameOf(lang, c) }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="subcategory" label={s.form.subcategory} rules={[{ max: 100 }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="name" label={s.form.name} rules={[{ required: true, whitespace: true, message: s.form.required }, { max: 200 }]}>
                <Input data-testid="project-form-name" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="nameEn" label={s.form.nameEn} rules={[{ max: 300 }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="content" label={s.form.content} rules={[{ required: true, whitespace: true, message: s.form.required }, { max: 5000 }]}>
                <Input.TextArea rows={4} data-testid="project-form-content" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                name="investment"
                label={s.form.investment}
                rules={[
                  { required: true, whitespace: true, message: s.form.moneyRequired },
                  { validator: (_: unknown, v: string | undefined) => (!v || MONEY_PATTERN.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(s.form.money))) },
                ]}
              >
                <Input inputMode="decimal" placeholder="0.00" data-testid="project-form-investment" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="startYear" label={s.form.startYear} rules={[{ required: true, message: s.form.required }, { type: 'number', min: 2000, max: 2100, message: s.form.yearRange }]}>
                <InputNumber<number> style={{ width: '100%' }} precision={0} data-testid="project-form-start" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                name="endYear"
                label={s.form.endYear}
                dependencies={['startYear']}
                rules={[
                  { required: true, message: s.form.required },
                  { type: 'number', min: 2000, max: 2100, message: s.form.yearRange },
                  ({ getFieldValue }) => ({
                    validator: (_: unknown, v: number | undefined) => {
                      const start = getFieldValue('startYear') as number | undefined;
                      return v === undefined || start === undefined || v >= start ? Promise.resolve() : Promise.reject(new Error(s.form.endBeforeStart));
                    },
                  }),
                ]}
              >
                <InputNumber<number> style={{ width: '100%' }} precision={0} data-testid="project-form-end" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="leads" label={s.form.leads} rules={[{ required: true, type: 'array', min: 1, message: s.form.required }]}>
                <Select
                  mode="multiple"
                  showSearch={{ optionFilterProp: 'label' }}
                  data-testid="project-form-leads"
                  options={departments.map((d) => ({ value: d.id, label: nameOf(lang, d) }))}
                />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="regions" label={s.form.regions}>
                <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={plan.regions.map((r) => ({ value: r.code, label: nameOf(lang, r) }))} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item
                name="reason"
                label={s.form.changeReason}
                extra={s.form.changeReasonHelp}
                rules={[{ required: true, whitespace: true, message: s.form.changeReasonRequired }, { max: 1000 }]}
              >
                <Input.TextArea rows={2} data-testid="project-form-reason" />
              </Form.Item>
            </Col>
          </Row>
          {nothing && <Alert type="warning" showIcon title={s.form.noChanges} className="form-hint" />}
          {error && <RefusedAlert error={error} testId="project-form-error" />}
          <Space className="form-actions">
            <Button type="primary" loading={busy} onClick={submit} data-testid="project-form-submit">
              {s.actions.save}
            </Button>
            <Button onClick={onClose}>{s.actions.cancel}</Button>
          </Space>
        </Form>
      )}
    </Drawer>
  );
}

/** A modal asking for one reason, then running `action`; server refusals are shown inside. */
function ReasonModal({
  open,
  title,
  warning,
  label,
  testId,
  danger,
  onClose,
  action,
  children,
}: {
  open: boolean;
  title: string;
  warning?: string;
  label: string;
  testId: string;
  danger?: boolean;
  onClose: () => void;
  action: (reason: string, extra: Record<string, unknown>) => Promise<void>;
  children?: ReactNode;
}) {
  const { s } = useProjectStrings();
  const [form] = Form.useForm<{ reason: string } & Record<string, unknown>>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async () => {
    let v: { reason: string } & Record<string, unknown>;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await action(v.reason.trim(), v);
      onClose();
    } catch (e) {
      const err = asApiError(e);
      if (err.statusCode !== 401) setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      destroyOnHidden
      okText={s.actions.save}
      cancelText={s.actions.cancel}
      okButtonProps={{ danger, loading: busy, 'data-testid': `${testId}-submit` }}
      onOk={submit}
    >
      <div data-testid={testId}>
        {warning && <Alert type="warning" showIcon title={warning} className="form-hint" />}
        <Form form={form} layout="vertical" preserve={false}>
          {children}
          <Form.Item name="reason" label={label} rules={[{ required: true, whitespace: true, message: s.form.changeReasonRequired }, { max: 1000 }]}>
            <Input.TextArea rows={3} data-testid={`${testId}-reason`} />
          </Form.Item>
        </Form>
        {error && <RefusedAlert error={error} testId={`${testId}-error`} />}
      </div>
    </Modal>
  );
}

export function RetireModal({ project, open, onClose, onDone }: { project: LibraryProject; open: boolean; onClose: () => void; onDone: () => void }) {
  const { s } = useProjectStrings();
  const { message } = AntApp.useApp();
  return (
    <ReasonModal
      open={open}
      title={s.form.retireTitle(project.no)}
      warning={s.form.retireWarning}
      label={s.form.retireReason}
      testId="retire-modal"
      danger
      onClose={onClose}
      action={async (reason) => {
        await projectsApi.retire(project.no, reason);
        message.success(s.form.retiredDone);
        onDone();
      }}
    />
  );
}

export function LinksModal({
  project,
  current,
  indicators,
  open,
  onClose,
  onDone,
}: {
  project: LibraryProject;
  current: number[];
  indicators: Indicator[];
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { s, lang } = useProjectStrings();
  const { message } = AntApp.useApp();
  const options = useMemo(() => indicators.map((i) => ({ value: i.code, label: `${i.code} ${indicatorName(lang, i)}` })), [indicators, lang]);
  return (
    <ReasonModal
      open={open}
      title={s.form.linksTitle(project.no)}
      label={s.form.linksReason}
      testId="links-modal"
      onClose={onClose}
      action={async (reason, v) => {
        await projectsApi.saveLinks(project.no, (v.indicators as number[] | undefined) ?? [], reason);
        message.success(s.form.saved);
        onDone();
      }}
    >
      <Form.Item name="indicators" label={s.form.linksIndicators} initialValue={current}>
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={options} data-testid="links-select" />
      </Form.Item>
    </ReasonModal>
  );
}
