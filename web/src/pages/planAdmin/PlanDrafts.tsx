// 规划管理: the plans loaded, uploading a plan (workbook or zipped folder) with its validation report, and the drafts
// to preview, publish or discard. Deployment administrators only (the API checks).
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Descriptions, Drawer, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { ApiError, client, read, uploadForm, write } from '../../api.js';
import type { Ok } from '../../api/contract.js';
import { ErrorAlert, requestState } from '../../components/Status.js';
import { ROUTER_PREFIX } from '../../plan.js';
import { useApi } from '../../useApi.js';
import { usePlanAdminStrings, type PlanAdminStrings } from './strings.js';
import { InvalidPlan, mapPlanUploadError, PLAN_UPLOAD_MAX_MB, PlanFileDrop, PlanProblems } from './planUpload.js';

type Draft = Ok<'/api/v1/plan-drafts'>['drafts'][number];
type Preview = Ok<'/api/v1/plan-drafts/{id}'>['preview'];
const draftPath = (id: string) => ({ params: { path: { id } } });

function PreviewDrawer({ draft, onClose, onDone, s, lang }: { draft: Draft; onClose: () => void; onDone: (d: Draft) => void; s: PlanAdminStrings; lang: string }) {
  const state = useApi(`draft:${draft.id}`, () => read(client.GET('/api/v1/plan-drafts/{id}', draftPath(draft.id))));
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (what: 'publish' | 'discard') => {
    setBusy(true);
    setError(null);
    try {
      const res = await write(what === 'publish' ? client.POST('/api/v1/plan-drafts/{id}/publish', draftPath(draft.id)) : client.POST('/api/v1/plan-drafts/{id}/discard', draftPath(draft.id)));
      onDone(res.draft);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const p: Preview | undefined = state.data?.preview;
  return (
    <Drawer open width={1000} title={s.previewTitle(draft.name)} onClose={onClose} data-testid="plan-draft-preview">
      {requestState(state) ??
        (p && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Descriptions bordered size="small" column={2}>
              <Descriptions.Item label={s.planId}>{p.id}</Descriptions.Item>
              <Descriptions.Item label={s.name}>{lang === 'en' ? p.nameEn : p.name}</Descriptions.Item>
              <Descriptions.Item label={s.baseYear}>{p.baseYear}</Descriptions.Item>
              <Descriptions.Item label={s.horizons}>{p.horizons.join('、')}</Descriptions.Item>
              <Descriptions.Item label={s.regions} span={2}>
                {p.regions.map((g) => `${g.name}（${g.code}）`).join('、')}
              </Descriptions.Item>
              <Descriptions.Item label={s.departments}>{p.departments}</Descriptions.Item>
              <Descriptions.Item label={s.projects}>{s.projectsText(p.projects.count, p.projects.investmentText)}</Descriptions.Item>
              <Descriptions.Item label={s.boundaries} span={2}>
                {p.boundaries ? `${p.boundaries.file} · ${p.boundaries.source} · ${p.boundaries.licence}${p.boundaries.reviewNumber ? ` · ${s.reviewNumber} ${p.boundaries.reviewNumber}` : ''}` : s.noBoundaries}
              </Descriptions.Item>
              <Descriptions.Item label={s.schemes}>{p.schemes}</Descriptions.Item>
              <Descriptions.Item label={s.files}>{p.files.join('、')}</Descriptions.Item>
            </Descriptions>
            <Table
              size="small"
              rowKey="code"
              pagination={false}
              scroll={{ y: 360 }}
              data-testid="plan-draft-indicators"
              title={() => `${s.indicators}（${p.indicators.length}）`}
              dataSource={p.indicators}
              columns={[
                { title: '#', dataIndex: 'code', width: 50 },
                { title: s.indicators, dataIndex: 'name' },
                { title: s.unit, dataIndex: 'unit', width: 80 },
                { title: '', key: 'b', width: 80, render: (_, x) => <Tag color={x.binding ? 'red' : 'blue'}>{x.binding ? s.binding : s.reference}</Tag> },
                { title: s.baseline, dataIndex: 'baseline', width: 110 },
                ...p.horizons.map((h) => ({ title: s.target(h), key: h, width: 120, render: (_: unknown, x: Preview['indicators'][number]) => x.targets[h] ?? '—' })),
              ]}
            />
            {draft.planExists && <Alert type="warning" showIcon title={s.exists} />}
            {error && <ErrorAlert error={error} />}
            {draft.status === 'draft' && (
              <Space>
                <Popconfirm title={s.publishConfirm} onConfirm={() => act('publish')} okButtonProps={{ ...({ 'data-testid': 'plan-draft-publish-ok' } as Record<string, string>) }}>
                  <Button type="primary" loading={busy} disabled={draft.planExists} data-testid="plan-draft-publish">
                    {s.publish}
                  </Button>
                </Popconfirm>
                <Button danger loading={busy} onClick={() => act('discard')} data-testid="plan-draft-discard">
                  {s.discard}
                </Button>
              </Space>
            )}
          </Space>
        ))}
    </Drawer>
  );
}

export function PlanDrafts() {
  const { s, lang } = usePlanAdminStrings();
  const { message } = AntApp.useApp();
  const [version, setVersion] = useState(0);
  const state = useApi(`plan-drafts#${version}`, () => Promise.all([read(client.GET('/api/v1/plans')), read(client.GET('/api/v1/plan-drafts'))]).then(([plans, drafts]) => ({ plans, drafts })));
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [viewing, setViewing] = useState<Draft | null>(null);

  const send = async (file: File) => {
    setError(null);
    setProgress(0);
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const res = await uploadForm<{ draft: Draft }>('/api/v1/plan-drafts', form, (share) => setProgress(Math.round(share * 100)), mapPlanUploadError);
      setVersion((v) => v + 1);
      setViewing(res.draft);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setProgress(null);
    }
  };

  const pending = requestState(state);
  return (
    <div className="page" data-testid="plan-admin">
      <Card className="section-card" title={s.title}>
        <Typography.Paragraph type="secondary">{s.intro}</Typography.Paragraph>
        {pending ?? (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            title={() => s.loaded}
            data-testid="plan-admin-plans"
            dataSource={state.data?.plans.plans ?? []}
            columns={[
              { title: s.planId, dataIndex: 'id', width: 260 },
              { title: s.name, key: 'name', render: (_, p) => (lang === 'en' ? p.nameEn : p.name) },
              { title: '', key: 'def', width: 80, render: (_, p) => p.isDefault && <Tag color="green">{s.isDefault}</Tag> },
              { title: '', key: 'open', width: 80, render: (_, p) => <a href={`${ROUTER_PREFIX}/p/${encodeURIComponent(p.id)}/`}>{s.open}</a> },
            ]}
          />
        )}
      </Card>
      <Card className="section-card" title={s.upload}>
        <PlanFileDrop testId="plan-upload" progress={progress} onFile={(file) => void send(file)} drop={s.drop} hint={s.dropHint(PLAN_UPLOAD_MAX_MB)} sending={s.uploading} />
        {error && <div style={{ marginTop: 16 }}>{error instanceof InvalidPlan ? <PlanProblems error={error} s={s} lang={lang} /> : <ErrorAlert error={error} />}</div>}
      </Card>
      <Card className="section-card" title={s.drafts}>
        {pending ??
          (state.data && state.data.drafts.drafts.length === 0 ? (
            <Typography.Text type="secondary">{s.noDrafts}</Typography.Text>
          ) : (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              data-testid="plan-drafts"
              dataSource={state.data?.drafts.drafts ?? []}
              columns={[
                { title: s.planId, dataIndex: 'planId', width: 220 },
                { title: s.name, dataIndex: 'name' },
                { title: s.source, key: 'src', render: (_, d) => `${d.sourceName}（${s.kind[d.kind]}）` },
                { title: '', key: 'st', width: 90, render: (_, d) => <Tag color={d.status === 'draft' ? 'gold' : d.status === 'published' ? 'green' : 'default'} data-testid={`plan-draft-status-${d.planId}`}>{s.status[d.status]}</Tag> },
                { title: s.uploadedBy, key: 'by', width: 170, render: (_, d) => `${d.uploadedBy} · ${d.uploadedAt.slice(0, 10)}` },
                { title: '', key: 'act', width: 90, render: (_, d) => <Button size="small" onClick={() => setViewing(d)} data-testid={`plan-draft-view-${d.planId}`}>{s.preview}</Button> },
              ]}
            />
          ))}
      </Card>
      {viewing && (
        <PreviewDrawer
          draft={viewing}
          s={s}
          lang={lang}
          onClose={() => setViewing(null)}
          onDone={(d) => {
            setViewing(null);
            setVersion((v) => v + 1);
            if (d.status === 'published') void message.success(s.published);
          }}
        />
      )}
    </div>
  );
}
