// 录入数据 on the indicator page: one value (or state) for an indicator, region and year, entered by a signed-in
// user within their department's scope. The form checks what it can (number format, a source); the server checks
// everything again and its message is shown whenever it refuses. Changing an existing value needs a reason and
// becomes a new version (409 REASON_REQUIRED → the 修改原因 field).
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Alert, AutoComplete, Button, Card, Checkbox, Col, Form, Input, Radio, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { api, ApiError } from '../api.js';
import { entryScope, loginPath, useAuth, type EntryScope } from '../auth.js';
import { RefusedAlert } from '../components/Status.js';
import { stateOptions } from '../components/stateOptions.js';
import { valueRule } from '../components/valueRule.js';
import { nameOf, useI18n } from '../i18n.js';
import type { Department, Indicator, ObservationEntry, ObservationEntryResponse, PlanResponse, Target } from '../types.js';
import { usePlanTerms } from '../planTerms.js';

/** What an indicator accepts, as the server's validation decides it (plan/observations.ts `acceptance`). */
export function acceptance(ind: Indicator) {
  const parts: Target[] = Object.values(ind.targets).flatMap((t): Target[] => (t.kind === 'all' ? t.parts : [t]));
  const states = [...new Set([...parts.flatMap((p) => (p.kind === 'state' ? [p.state] : [])), ...(ind.baseline.state ? [ind.baseline.state] : [])])];
  return {
    value: ind.direction !== null,
    state: ind.baseline.state !== null || parts.some((p) => p.kind === 'state'),
    /** The states the plan uses for this indicator (target and baseline): offered first. */
    states,
    assigned: parts.some((p) => p.kind === 'assigned'),
    checks: [...new Set(parts.flatMap((p) => (p.kind === 'relative' && (p.rule === 'natureUnchanged' || p.rule === 'functionNotReduced') ? [p.rule] : [])))],
  };
}

interface EntryForm {
  region: string;
  year: number;
  kind: 'value' | 'assigned';
  value?: string;
  state?: string;
  checks?: string[];
  source?: string;
  note?: string;
  reason?: string;
}

/** What was saved, worded when shown (the language may change meanwhile). */
interface Saved {
  response: ObservationEntryResponse;
  entry: ObservationEntry;
  unit: string;
}

function entryKey(v: Pick<EntryForm, 'region' | 'year' | 'kind'>): string {
  return `${v.region}|${v.year}|${v.kind}`;
}

function EntryFormBody({
  ind,
  plan,
  scope,
  region: shownRegion,
  onSaved,
}: {
  ind: Indicator;
  plan: PlanResponse;
  scope: Extract<EntryScope, { allowed: true }>;
  region: string;
  onSaved: (region: string) => void;
}) {
  const { t, lang } = useI18n();
  const terms = usePlanTerms();
  const [form] = Form.useForm<EntryForm>();
  const accepts = acceptance(ind);
  const unit = ind.unit && ind.unit !== '—' ? ind.unit : '';
  const regions = plan.regions.filter((r) => scope.regions === null || scope.regions.includes(r.code));
  const maxYear = new Date().getFullYear();
  const minYear = plan.meta.baseYear - 5;
  const years = Array.from({ length: maxYear - minYear + 1 }, (_, i) => maxYear - i);
  const initial: EntryForm = {
    region: regions.some((r) => r.code === shownRegion) ? shownRegion : (regions[0]?.code ?? shownRegion),
    year: Math.max(minYear, maxYear - 1),
    kind: 'value',
  };

  const kind = Form.useWatch('kind', form) ?? 'value';
  const region = Form.useWatch('region', form) ?? initial.region;
  const year = Form.useWatch('year', form) ?? initial.year;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  // A 409 REASON_REQUIRED for this indicator/region/year/kind: the 修改原因 field is then shown and required.
  const [conflict, setConflict] = useState<{ key: string; error: ApiError } | null>(null);
  const needsReason = conflict !== null && conflict.key === entryKey({ region, year, kind });
  const showState = accepts.state && kind !== 'assigned';
  const showChecks = accepts.checks.length > 0 && kind !== 'assigned';

  const stateChoices = stateOptions(t, accepts.states, { drafting: true });

  const submit = async (values: EntryForm) => {
    // Only fields on the form are passed: `kind` is absent for indicators without an assigned target.
    const v = { ...values, kind: values.kind ?? 'value' };
    const value = v.value?.trim() ?? '';
    const entry: ObservationEntry = {
      indicator: ind.code,
      region: v.region,
      year: v.year,
      ...(accepts.assigned ? { kind: v.kind } : {}),
      ...(value ? { value } : {}),
      ...(showState && v.state ? { state: v.state } : {}),
      ...(showChecks && v.checks?.length ? { checks: v.checks } : {}),
      source: (v.source ?? '').trim(),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      ...(needsReason && v.reason?.trim() ? { reason: v.reason.trim() } : {}),
    };
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const response = await api.enterObservation(entry);
      setSaved({ response, entry, unit });
      setConflict(null);
      form.setFieldsValue({ value: undefined, state: undefined, checks: [], note: undefined, reason: undefined });
      onSaved(v.region);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, String(e));
      if (err.statusCode === 401) return; // the session ended: the sign-in prompt says so
      if (err.code === 'REASON_REQUIRED') setConflict({ key: entryKey(v), error: err });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const valueRules = [valueRule(t, () => form.getFieldValue('kind') === 'assigned' || !accepts.state)];

  const scopeText =
    scope.kind === 'all'
      ? t.entry.scopeAll
      : scope.kind === 'region'
        ? t.entry.scopeCounty(nameOf(lang, scope.department), regions.map((r) => nameOf(lang, r)).join(t.common.listSeparator))
        : t.entry.scopeDepartment(nameOf(lang, scope.department), terms);

  return (
    <Form<EntryForm>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={submit}
      data-testid="entry-form"
      className="entry-form"
      scrollToFirstError
    >
      <Typography.Paragraph type="secondary" className="entry-scope" data-testid="entry-scope">
        {scopeText}
        {scope.kind !== 'all' && <span> {t.entry.provisionalNote}</span>}
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={8} xl={6}>
          <Form.Item name="region" label={t.entry.region} rules={[{ required: true }]}>
            <Select
              data-testid="entry-region"
              disabled={regions.length === 1}
              options={regions.map((r) => ({ value: r.code, label: nameOf(lang, r) }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Form.Item name="year" label={t.entry.year} rules={[{ required: true }]}>
            <Select data-testid="entry-year" options={years.map((y) => ({ value: y, label: t.entry.yearOption(y) }))} />
          </Form.Item>
        </Col>
        {accepts.assigned && (
          <Col xs={24} md={8} xl={8}>
            <Form.Item name="kind" label={t.entry.kind}>
              <Radio.Group
                data-testid="entry-kind"
                optionType="button"
                options={[
                  { value: 'value', label: t.entry.kindValue },
                  { value: 'assigned', label: t.entry.kindAssigned },
                ]}
              />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Row gutter={16}>
        {accepts.value && (
          <Col xs={24} md={12} xl={8}>
            <Form.Item
              name="value"
              label={t.entry.value}
              rules={valueRules}
              dependencies={['state', 'kind']}
              required={!accepts.state || kind === 'assigned'}
            >
              <Input data-testid="entry-value" inputMode="decimal" autoComplete="off" maxLength={40} placeholder={t.entry.valuePlaceholder} suffix={unit || undefined} />
            </Form.Item>
          </Col>
        )}
        {showState && (
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="state" label={t.entry.state} rules={accepts.value ? [] : [{ required: true, message: t.entry.stateRequired }]}>
              <Select data-testid="entry-state" allowClear placeholder={t.entry.statePlaceholder} options={stateChoices} />
            </Form.Item>
          </Col>
        )}
        {showChecks && (
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="checks" label={t.entry.checks} extra={t.entry.checksHelp}>
              <Checkbox.Group data-testid="entry-checks" options={accepts.checks.map((c) => ({ value: c, label: t.target.rule(c) ?? c }))} />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="source" label={t.entry.source} rules={[{ required: true, whitespace: true, message: t.entry.sourceRequired }, { max: 200 }]}>
            <AutoComplete
              data-testid="entry-source"
              options={t.entry.sourceSuggestions}
              placeholder={t.entry.sourcePlaceholder}
              showSearch={{ filterOption: (input, option) => !input || (option?.value ?? '').includes(input) || String(option?.label ?? '').toLowerCase().includes(input.toLowerCase()) }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={16}>
          <Form.Item name="note" label={t.entry.note} rules={[{ max: 1000 }]}>
            <Input.TextArea data-testid="entry-note" autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} placeholder={t.entry.notePlaceholder} />
          </Form.Item>
        </Col>
      </Row>
      {needsReason && (
        <div data-testid="entry-conflict">
          <Alert
            type="warning"
            showIcon
            className="entry-conflict"
            title={t.entry.conflictTitle}
            description={
              <div>
                <div data-testid="entry-conflict-message">{lang === 'en' ? conflict.error.messageEn ?? conflict.error.messageZh : conflict.error.messageZh ?? conflict.error.messageEn}</div>
                <div className="secondary-text">{t.entry.conflictText}</div>
              </div>
            }
          />
          <Form.Item name="reason" label={t.entry.reason} rules={[{ required: true, whitespace: true, message: t.entry.reasonRequired }, { max: 1000 }]}>
            <Input.TextArea data-testid="entry-reason" autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} placeholder={t.entry.reasonPlaceholder} autoFocus />
          </Form.Item>
        </div>
      )}
      {error && (
        <div className="entry-message">
          <RefusedAlert error={error} testId="entry-error" title={t.entry.refused} />
        </div>
      )}
      {saved && (
        <div className="entry-message">
          <SavedAlert saved={saved} plan={plan} />
        </div>
      )}
      <Space className="entry-actions">
        <Button type="primary" htmlType="submit" loading={busy} data-testid="entry-submit">
          {t.entry.submit}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            setError(null);
            setSaved(null);
            setConflict(null);
          }}
        >
          {t.entry.reset}
        </Button>
      </Space>
    </Form>
  );
}

function SavedAlert({ saved, plan }: { saved: Saved; plan: PlanResponse }) {
  const { t, lang } = useI18n();
  const { response, entry, unit } = saved;
  const regionName = nameOf(lang, plan.regions.find((r) => r.code === entry.region) ?? { name: entry.region });
  const shown = entry.value ? `${entry.value}${unit ? ` ${unit}` : ''}` : entry.state ? (t.target.state(entry.state) ?? entry.state) : '';
  const what = [t.entry.yearOption(entry.year), regionName, ...(entry.kind === 'assigned' ? [t.entry.kindAssigned] : []), shown].join(' · ');
  const approved = response.status === 'approved';
  const outcome = response.unchanged > 0 ? t.entry.unchanged : response.versioned > 0 ? t.entry.versioned : t.entry.inserted;
  return (
    <Alert
      type={approved ? 'success' : 'info'}
      showIcon
      data-testid="entry-result"
      data-status={response.status}
      title={
        <Space size={8} wrap>
          <span>{t.entry.savedLine(what)}</span>
          <Tag color={approved ? 'green' : 'orange'} data-testid="entry-status">
            {approved ? t.entry.approved : t.entry.provisional}
          </Tag>
        </Space>
      }
      description={
        <div>
          <div>{approved ? t.entry.approvedText : t.entry.provisionalText}</div>
          <div className="secondary-text">{outcome}</div>
        </div>
      }
    />
  );
}

/** The 录入数据 card: the form, or why not (signed out → sign in; out of scope → which department is responsible). */
export function DataEntryCard({
  ind,
  plan,
  departments,
  region,
  onSaved,
}: {
  ind: Indicator;
  plan: PlanResponse;
  departments: Department[];
  region: string;
  onSaved: (region: string) => void;
}) {
  const { t, lang } = useI18n();
  const { status, user } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();

  let body;
  if (status === 'loading') body = <Spin size="small" />;
  else if (!user)
    body = (
      <Space wrap data-testid="entry-signin">
        <Typography.Text type="secondary">{t.entry.signInHint}</Typography.Text>
        <Button size="small" onClick={() => navigate(loginPath(`${location.pathname}${location.search}`))} data-testid="entry-signin-button">
          {t.entry.signIn}
        </Button>
      </Space>
    );
  else {
    const scope = entryScope(user, departments, ind);
    if (scope.allowed) body = <EntryFormBody key={`${ind.code}:${user.id}`} ind={ind} plan={plan} scope={scope} region={region} onSaved={onSaved} />;
    else {
      const responsible = ind.departmentIds
        .map((id, i) => {
          const d = departments.find((x) => x.id === id);
          return d ? nameOf(lang, d) : (ind.departments[i] ?? id);
        })
        .join(t.common.listSeparator);
      const text =
        scope.reason === 'otherDepartment'
          ? t.entry.deniedDepartment(nameOf(lang, scope.department), responsible)
          : scope.reason === 'viewer'
            ? t.entry.deniedViewer(t.auth.role(user.role))
            : t.entry.deniedNoDepartment;
      body = <Alert type="info" showIcon data-testid="entry-denied" data-reason={scope.reason} title={text} />;
    }
  }

  return (
    <Card className="section-card entry-card" title={t.entry.title} data-testid="data-entry" size={user ? 'default' : 'small'}>
      {body}
    </Card>
  );
}
