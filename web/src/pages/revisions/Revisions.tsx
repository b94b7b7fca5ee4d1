// The plan revisions page (规划修订): every version of the plan with its effective year, approving document and
// decision; what each changes (a drawer); approving or rejecting a draft; and proposing one, by editing targets or by
// uploading the whole revised plan (workbook or zipped folder).
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Descriptions, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { api, forgetPlan, type ApiError } from '../../api.js';
import { useAuth } from '../../auth.js';
import { ErrorAlert, requestState } from '../../components/Status.js';
import { horizonsOf } from '../../../../src/plan/horizons.js';
import { useApi } from '../../useApi.js';
import { InvalidPlan, PLAN_UPLOAD_MAX_MB, PlanFileDrop, PlanProblems } from '../planAdmin/planUpload.js';
import { usePlanAdminStrings } from '../planAdmin/strings.js';
import { RevisionError, revisionsApi, type CheckedUpload, type PlanDiff, type Revision } from './api.js';
import { useRevisionStrings, type RevisionStrings } from './strings.js';

const STATUS_COLOUR: Record<string, string> = { original: 'default', draft: 'gold', approved: 'green', rejected: 'red' };

/** A refusal with every reason the server gave, in the chosen language first. */
export function Refusal({ error, s, lang }: { error: ApiError; s: RevisionStrings; lang: string }) {
  if (!(error instanceof RevisionError) || !error.reasons.length) return <ErrorAlert error={error} />;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="revision-refused"
      title={s.refused}
      description={
        <ul className="problem-list">
          {error.reasons.map((p, i) => (
            <li key={i}>
              {p.where && <Typography.Text code>{p.where}</Typography.Text>} {lang === 'en' ? p.messageEn : p.message}
              <div className="secondary-text">{lang === 'en' ? p.message : p.messageEn}</div>
            </li>
          ))}
        </ul>
      }
    />
  );
}

function DiffView({ diff, s }: { diff: PlanDiff; s: RevisionStrings }) {
  if (diff.empty) return <Typography.Text type="secondary">{s.noChanges}</Typography.Text>;
  const lists: [string, string[]][] = [
    [s.deptsAdded, diff.departments.added],
    [s.deptsRemoved, diff.departments.removed],
    [s.projectsAdded, diff.projects.added.map((p) => `${p.no} ${p.name}`)],
    [s.projectsRemoved, diff.projects.removed.map((p) => `${p.no} ${p.name}`)],
    [s.projectsChanged, diff.projects.changed.map((p) => `${p.no} ${p.name}（${p.fields.join(', ')}）`)],
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        data-testid="revision-diff"
        dataSource={diff.indicators}
        columns={[
          { title: s.indicator, key: 'ind', width: 240, render: (_, c) => `${c.code} ${c.name}` },
          { title: s.changes, key: 'kind', width: 80, render: (_, c) => <Tag color={c.kind === 'added' ? 'green' : c.kind === 'retired' ? 'red' : 'blue'}>{s.kind[c.kind]}</Tag> },
          {
            title: '',
            key: 'what',
            render: (_, c) => (
              <Space orientation="vertical" size={2}>
                {c.targets.map((t) => (
                  <span key={t.horizon}>{s.targetChange(t.horizon, t.from ?? '—', t.to ?? '—')}</span>
                ))}
                {c.definition.map((d) => (
                  <Typography.Text key={d.field} type="warning">
                    {s.definitionChange(s.field[d.field] ?? d.field, d.from ?? '—', d.to ?? '—')}
                  </Typography.Text>
                ))}
                {c.departments && <span>{s.departmentsChange(c.departments.from.join('、'), c.departments.to.join('、'))}</span>}
                {c.other.length > 0 && <span>{s.otherChange(c.other.map((f) => s.otherField[f] ?? f).join('、'))}</span>}
              </Space>
            ),
          },
        ]}
      />
      {lists
        .filter(([, items]) => items.length)
        .map(([title, items]) => (
          <div key={title}>
            <Typography.Text strong>{title}：</Typography.Text> {items.join('；')}
          </div>
        ))}
    </Space>
  );
}

function ChangesDrawer({ no, onClose, s }: { no: number; onClose: () => void; s: RevisionStrings }) {
  const state = useApi(`revision:${no}`, () => revisionsApi.detail(no));
  const r = state.data?.revision;
  return (
    <Drawer open width={760} title={s.drawerTitle(no)} onClose={onClose} data-testid="revision-drawer">
      {requestState(state) ??
        (r && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={s.effective}>{s.effectiveYear(r.effectiveYear)}</Descriptions.Item>
              <Descriptions.Item label={s.document}>{r.document ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={s.reason}>{r.reason ?? '—'}</Descriptions.Item>
            </Descriptions>
            {state.data?.diff && <DiffView diff={state.data.diff} s={s} />}
          </Space>
        ))}
    </Drawer>
  );
}

interface ProposalForm {
  effectiveYear: number;
  reason: string;
  document: string;
}

/** The revised plan uploaded whole (workbook or zipped folder): checked by the server, its changes shown. */
function UploadRevised({ checked, onChecked, s, lang }: { checked: CheckedUpload | null; onChecked: (c: CheckedUpload | null) => void; s: RevisionStrings; lang: string }) {
  const { s: sp } = usePlanAdminStrings();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const send = async (file: File) => {
    setError(null);
    setProgress(0);
    try {
      onChecked(await revisionsApi.check(file, (share) => setProgress(Math.round(share * 100))));
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setProgress(null);
    }
  };
  if (checked)
    return (
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="revision-upload-checked">
        <Space wrap>
          <Typography.Text strong>{s.checkedFrom(checked.sourceName)}</Typography.Text>
          <Button size="small" onClick={() => onChecked(null)} data-testid="revision-upload-again">
            {s.chooseAnother}
          </Button>
        </Space>
        {checked.diff.empty ? <Alert type="info" showIcon title={s.uploadSame} /> : <DiffView diff={checked.diff} s={s} />}
      </Space>
    );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{s.uploadIntro}</Typography.Paragraph>
      <PlanFileDrop testId="revision-upload" progress={progress} onFile={(file) => void send(file)} drop={s.drop} hint={s.dropHint(PLAN_UPLOAD_MAX_MB)} sending={s.checking} />
      {error && (error instanceof InvalidPlan ? <PlanProblems error={error} s={sp} lang={lang} /> : <ErrorAlert error={error} />)}
    </Space>
  );
}

/** The targets of table 1, a text box each; the changed cells are what is proposed. */
function TargetEdits({ data, edits, setEdits, s, lang }: { data: { plan: Plan; list: IndicatorList }; edits: Record<string, string>; setEdits: (f: (x: Record<string, string>) => Record<string, string>) => void; s: RevisionStrings; lang: string }) {
  const horizons = horizonsOf(data.plan);
  return (
    <>
      <Typography.Paragraph type="secondary">{s.formIntro}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        scroll={{ y: 420 }}
        dataSource={data.list.indicators}
        columns={[
          { title: s.indicator, key: 'ind', render: (_, ind) => `${ind.code} ${lang === 'en' ? ind.nameEn : ind.name}` },
          ...horizons.map((h) => ({
            title: s.target(h),
            key: h,
            width: 200,
            render: (_: unknown, ind: IndicatorList['indicators'][number]) => {
              const key = `${ind.code}|${h}`;
              const value = edits[key] ?? ind.targets[h]!.text;
              const isChanged = value.trim() !== ind.targets[h]!.text;
              return (
                <Input
                  size="small"
                  value={value}
                  status={isChanged ? 'warning' : undefined}
                  data-testid={`revision-target-${ind.code}-${h}`}
                  onChange={(e) => setEdits((x) => ({ ...x, [key]: e.target.value }))}
                />
              );
            },
          })),
        ]}
      />
    </>
  );
}

type Plan = Awaited<ReturnType<typeof api.plan>>;
type IndicatorList = Awaited<ReturnType<typeof api.indicators>>;

/**
 * Proposing a revision: either the targets edited in table 1, or the whole revised plan uploaded (workbook or zipped
 * folder) for indicators, departments and projects too; with the effective year, the reason and the document.
 */
function ProposeDrawer({ onClose, onDone, s, lang }: { onClose: () => void; onDone: (no: number) => void; s: RevisionStrings; lang: string }) {
  const state = useApi('revision-form', () => Promise.all([api.plan(), api.indicators()]).then(([plan, list]) => ({ plan, list })));
  const [mode, setMode] = useState<'targets' | 'upload'>('targets');
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [checked, setChecked] = useState<CheckedUpload | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<ProposalForm>();
  const data = state.data;
  const horizons = data ? horizonsOf(data.plan) : [];
  const changed = data
    ? data.list.indicators.flatMap((ind) => horizons.filter((h) => edits[`${ind.code}|${h}`] !== undefined && edits[`${ind.code}|${h}`]!.trim() !== ind.targets[h]!.text).map((h) => ({ code: ind.code, horizon: h, text: edits[`${ind.code}|${h}`]!.trim() })))
    : [];
  const ready = mode === 'targets' ? changed.length > 0 : Boolean(checked && !checked.diff.empty);
  const submit = async (values: ProposalForm) => {
    setError(null);
    setBusy(true);
    try {
      const res = await revisionsApi.propose(mode === 'targets' ? { ...values, targets: changed } : { ...values, plan: checked!.plan });
      onDone(res.revision.no);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open width={980} title={s.formTitle} onClose={onClose} data-testid="revision-form">
      {requestState(state) ??
        (data && (
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ effectiveYear: new Date().getFullYear() }}>
            <Space wrap align="start">
              <Form.Item name="effectiveYear" label={s.effective} rules={[{ required: true, message: s.required }]}>
                <InputNumber min={data.plan.meta.baseYear + 1} max={data.plan.meta.period.end} data-testid="revision-year" />
              </Form.Item>
              <Form.Item name="document" label={s.document} rules={[{ required: true, whitespace: true, message: s.required }]} style={{ minWidth: 320 }}>
                <Input data-testid="revision-document" placeholder="×府函〔2026〕×号" />
              </Form.Item>
            </Space>
            <Form.Item name="reason" label={s.reason} rules={[{ required: true, whitespace: true, message: s.required }]}>
              <Input.TextArea rows={2} data-testid="revision-reason" />
            </Form.Item>
            <Segmented<'targets' | 'upload'>
              style={{ marginBottom: 16 }}
              value={mode}
              onChange={(m) => (setMode(m), setError(null))}
              options={[
                { value: 'targets', label: <span data-testid="revision-mode-targets">{s.modeTargets}</span> },
                { value: 'upload', label: <span data-testid="revision-mode-upload">{s.modeUpload}</span> },
              ]}
            />
            {mode === 'targets' ? <TargetEdits data={data} edits={edits} setEdits={setEdits} s={s} lang={lang} /> : <UploadRevised checked={checked} onChecked={setChecked} s={s} lang={lang} />}
            <Space style={{ marginTop: 16 }} wrap>
              <Button type="primary" htmlType="submit" loading={busy} disabled={!ready} data-testid="revision-submit">
                {s.submit}
              </Button>
              <Button onClick={onClose}>{s.cancel}</Button>
              <Typography.Text type={ready ? undefined : 'secondary'} data-testid="revision-changed-count">
                {mode === 'targets' ? (changed.length ? s.changedCount(changed.length) : s.nothingChanged) : checked ? (checked.diff.empty ? s.uploadSame : s.checkedReady) : s.uploadFirst}
              </Typography.Text>
            </Space>
            {error && (
              <div style={{ marginTop: 16 }}>
                <Refusal error={error} s={s} lang={lang} />
              </div>
            )}
          </Form>
        ))}
    </Drawer>
  );
}

export function Revisions() {
  const { s, lang } = useRevisionStrings();
  const { user } = useAuth();
  const { message } = AntApp.useApp();
  const [version, setVersion] = useState(0);
  const state = useApi(`revisions#${version}`, () => Promise.all([revisionsApi.list(), api.plan()]).then(([list, plan]) => ({ list, plan })));
  const [viewing, setViewing] = useState<number | null>(null);
  const [proposing, setProposing] = useState(false);
  const [rejecting, setRejecting] = useState<number | null>(null);
  const [rejectNote, setRejectNote] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const owner = state.data?.plan.meta.owner;
  const canDecide = user?.role === 'admin' || (user?.role === 'reviewer' && user.departmentId === owner);
  const reload = () => {
    forgetPlan();
    setVersion((v) => v + 1);
  };
  const decide = async (no: number, decision: 'approve' | 'reject', note: string) => {
    setError(null);
    try {
      await (decision === 'approve' ? revisionsApi.approve(no, note) : revisionsApi.reject(no, note));
      void message.success(decision === 'approve' ? s.approved(no) : s.rejected(no));
      setRejecting(null);
      reload();
    } catch (e) {
      setError(e as ApiError);
    }
  };

  const columns: ColumnsType<Revision> = useMemo(
    () => [
      { title: s.no, dataIndex: 'no', width: 70 },
      { title: s.status, key: 'status', width: 110, render: (_, r) => <Tag color={STATUS_COLOUR[r.status]} data-testid={`revision-status-${r.no}`}>{s.statusLabel[r.status]}</Tag> },
      { title: s.effective, key: 'year', width: 110, render: (_, r) => s.effectiveYear(r.effectiveYear) },
      { title: s.document, key: 'doc', render: (_, r) => r.document ?? '—' },
      { title: s.reason, key: 'reason', render: (_, r) => r.reason ?? '—' },
      { title: s.proposedBy, key: 'by', width: 120, render: (_, r) => r.proposedBy ?? '—' },
      { title: s.decidedBy, key: 'decided', width: 160, render: (_, r) => (r.decidedBy ? `${r.decidedBy} · ${r.decidedAt?.slice(0, 10)}` : '—') },
      { title: s.note, key: 'note', render: (_, r) => r.decisionNote ?? '—' },
      {
        title: '',
        key: 'actions',
        width: 220,
        render: (_, r) => (
          <Space wrap>
            {r.no > 0 && (
              <Button size="small" onClick={() => setViewing(r.no)} data-testid={`revision-view-${r.no}`}>
                {s.viewChanges}
              </Button>
            )}
            {r.status === 'draft' && canDecide && (
              <>
                <Popconfirm title={s.approveConfirm} onConfirm={() => decide(r.no, 'approve', '')} okButtonProps={{ 'data-testid': 'revision-approve-ok' } as Record<string, string>}>
                  <Button size="small" type="primary" data-testid={`revision-approve-${r.no}`}>
                    {s.approve}
                  </Button>
                </Popconfirm>
                <Button size="small" danger onClick={() => (setRejectNote(''), setRejecting(r.no))} data-testid={`revision-reject-${r.no}`}>
                  {s.reject}
                </Button>
              </>
            )}
          </Space>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [s, canDecide],
  );

  const pending = requestState(state);
  return (
    <div className="page" data-testid="revisions-page">
      <Card
        className="section-card"
        title={s.title}
        extra={
          user?.role === 'admin' && (
            <Button type="primary" onClick={() => setProposing(true)} data-testid="revision-propose">
              {s.propose}
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary">{s.intro}</Typography.Paragraph>
        {error && (
          <div style={{ marginBottom: 16 }}>
            <Refusal error={error} s={s} lang={lang} />
          </div>
        )}
        {pending ??
          (state.data && state.data.list.revisions.length === 0 ? (
            <Alert type="info" showIcon title={s.none} data-testid="revisions-none" />
          ) : (
            <Table rowKey="no" size="middle" pagination={false} columns={columns} dataSource={state.data?.list.revisions ?? []} scroll={{ x: 1100 }} data-testid="revisions-table" />
          ))}
      </Card>
      {viewing !== null && <ChangesDrawer no={viewing} onClose={() => setViewing(null)} s={s} />}
      {proposing && (
        <ProposeDrawer
          s={s}
          lang={lang}
          onClose={() => setProposing(false)}
          onDone={(no) => {
            setProposing(false);
            void message.success(s.proposed(no));
            reload();
          }}
        />
      )}
      <Modal
        open={rejecting !== null}
        title={rejecting !== null ? s.rejectTitle(rejecting) : ''}
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting !== null && decide(rejecting, 'reject', rejectNote)}
        okButtonProps={{ disabled: !rejectNote.trim(), danger: true, ...({ 'data-testid': 'revision-reject-ok' } as Record<string, string>) }}
      >
        <Input.TextArea rows={3} placeholder={s.rejectReason} value={rejectNote} onChange={(e) => setRejectNote(e.target.value)} data-testid="revision-reject-note" />
      </Modal>
    </div>
  );
}
