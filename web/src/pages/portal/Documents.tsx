// 信息公开文件: documents for the public portal. Reviewers upload the plan text or other files (PDF,
// .docx), generate an annual report from approved data, preview, publish and withdraw (a reason is required; every
// step is audited on the server). The public sees a document only while it is published.
import { useState } from 'react';
import { App as AntApp, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType, UploadFile } from 'antd';
import { api, ApiError, client, PLAN_API, PLAN_ID, read, uploadForm, write } from '../../api.js';
import type { Ok } from '../../api/contract.js';
import { SignInRequired, useAuth } from '../../auth.js';
import { RefusedAlert, requestState } from '../../components/Status.js';
import { useI18n } from '../../i18n.js';
import { useApi } from '../../useApi.js';

const BASE = `${PLAN_API}/portal/documents`;
type PortalDocument = Ok<'/api/v1/plans/{planId}/portal/documents'>['documents'][number];
type Kind = PortalDocument['kind'];
const docPath = (id: string) => ({ params: { path: { ...PLAN_ID, id } } });

const TEXT = {
  zh: {
    title: '信息公开文件',
    intro: '上传规划文本等文件，或由已审定数据生成年度评估报告；发布后在公开平台“信息公开文件”页可见，撤回须说明原因。每一步都记入审计日志。',
    portal: '打开公开平台',
    upload: '上传文件',
    kind: '类别',
    kinds: { plan: '规划文本', annual_report: '年度评估报告', other: '其他文件' } as Record<Kind, string>,
    docTitle: '标题',
    docTitleEn: '英文标题',
    year: '年度',
    file: '文件（PDF 或 Word .docx）',
    choose: '选择文件',
    save: '上传（暂不发布）',
    generate: '生成年度评估报告',
    generateHint: '只用已审定数据；生成后需预览并发布。',
    format: '格式',
    run: '生成（暂不发布）',
    state: '状态',
    published: '已发布',
    unpublished: '未发布',
    actions: '操作',
    preview: '预览',
    publish: '发布',
    publishConfirm: '发布后公众即可在公开平台看到并下载此文件，确定发布？',
    withdraw: '撤回',
    reason: '撤回原因',
    reasonRequired: '请填写撤回原因',
    done: '已完成',
    origin: { upload: '上传', generated: '由已审定数据生成' },
    created: '创建时间',
    history: '发布记录',
  },
  en: {
    title: 'Portal documents',
    intro: 'Upload the plan text or other files, or generate the annual report from approved data; once published they appear on the public portal’s documents page. Withdrawing needs a reason. Every step is audited.',
    portal: 'Open the public portal',
    upload: 'Upload a document',
    kind: 'Kind',
    kinds: { plan: 'Plan text', annual_report: 'Annual report', other: 'Other' } as Record<Kind, string>,
    docTitle: 'Title',
    docTitleEn: 'English title',
    year: 'Year',
    file: 'File (PDF or Word .docx)',
    choose: 'Choose a file',
    save: 'Upload (not published yet)',
    generate: 'Generate the annual report',
    generateHint: 'Approved data only; preview, then publish.',
    format: 'Format',
    run: 'Generate (not published yet)',
    state: 'State',
    published: 'Published',
    unpublished: 'Not published',
    actions: 'Actions',
    preview: 'Preview',
    publish: 'Publish',
    publishConfirm: 'Once published, anyone can see and download this file on the portal. Publish?',
    withdraw: 'Withdraw',
    reason: 'Reason for withdrawing',
    reasonRequired: 'Give a reason',
    done: 'Done',
    origin: { upload: 'uploaded', generated: 'generated from approved data' },
    created: 'Created',
    history: 'History',
  },
};

export function PortalDocuments() {
  const { lang } = useI18n();
  const L = TEXT[lang];
  const { user } = useAuth();
  const { message } = AntApp.useApp();
  const [version, setVersion] = useState(0);
  const docs = useApi(`portal-docs-${version}`, () => read(client.GET('/api/v1/plans/{planId}/portal/documents', { params: { path: PLAN_ID } })));
  const plan = useApi('plan', api.plan);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<UploadFile | null>(null);
  const [withdrawing, setWithdrawing] = useState<PortalDocument | null>(null);
  const [reason, setReason] = useState('');
  const [uploadForm_] = Form.useForm<{ kind: Kind; title: string; titleEn?: string; year?: number }>();
  const [genForm] = Form.useForm<{ year: number; format: 'html' | 'docx' }>();

  if (!user || (user.role !== 'admin' && user.role !== 'reviewer')) return <SignInRequired testId="portal-docs-signin" />;

  const act = async (f: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
      message.success(L.done);
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, String(e)));
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<PortalDocument> = [
    { title: L.docTitle, dataIndex: 'title', render: (v: string, d) => <Space direction="vertical" size={0}><Typography.Text strong>{lang === 'en' && d.titleEn ? d.titleEn : v}</Typography.Text><Typography.Text type="secondary">{d.fileName} · {(d.size / 1024).toFixed(0)} KB · {L.origin[d.origin]}</Typography.Text></Space> },
    { title: L.kind, dataIndex: 'kind', render: (k: Kind) => L.kinds[k] },
    { title: L.year, dataIndex: 'year', render: (y: number | null) => y ?? '—' },
    { title: L.state, dataIndex: 'published', render: (p: boolean, d) => <Tag color={p ? 'green' : 'default'} data-testid={`doc-state-${d.id}`}>{p ? `${L.published} ${d.publishedAt?.slice(0, 10) ?? ''}` : L.unpublished}</Tag> },
    { title: L.history, dataIndex: 'events', render: (ev: PortalDocument['events']) => ev.map((e) => `${e.at.slice(0, 10)} ${e.action === 'publish' ? L.publish : L.withdraw}${e.reason ? `（${e.reason}）` : ''}`).join('；') || '—' },
    {
      title: L.actions,
      key: 'actions',
      render: (_: unknown, d) => (
        <Space wrap>
          <a href={`${BASE}/${d.id}/file`}>{L.preview}</a>
          {d.published ? (
            <Button size="small" danger onClick={() => { setReason(''); setWithdrawing(d); }} data-testid={`withdraw-${d.id}`}>{L.withdraw}</Button>
          ) : (
            <Popconfirm title={L.publishConfirm} onConfirm={() => act(() => write(client.POST('/api/v1/plans/{planId}/portal/documents/{id}/publish', { ...docPath(d.id), body: {} })))}>
              <Button size="small" type="primary" loading={busy} data-testid={`publish-${d.id}`}>{L.publish}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="portal-documents">
      <Typography.Title level={3}>{L.title}</Typography.Title>
      <Typography.Paragraph>{L.intro} <a href="/">{L.portal}</a></Typography.Paragraph>
      {error && <RefusedAlert error={error} testId="portal-docs-error" />}
      {requestState(docs) ?? <Table rowKey="id" columns={columns} dataSource={docs.data?.documents ?? []} pagination={false} scroll={{ x: true }} />}
      <Card title={L.upload}>
        <Form form={uploadForm_} layout="vertical" initialValues={{ kind: 'plan' }} onFinish={(v) => file?.originFileObj && act(() => {
          const form = new FormData();
          form.append('kind', v.kind);
          form.append('title', v.title);
          form.append('titleEn', v.titleEn ?? '');
          if (v.year) form.append('year', String(v.year));
          form.append('file', file.originFileObj!);
          return uploadForm(BASE, form).then(() => { uploadForm_.resetFields(); setFile(null); });
        })}>
          <Form.Item name="kind" label={L.kind}><Select options={(Object.keys(L.kinds) as Kind[]).map((k) => ({ value: k, label: L.kinds[k] }))} /></Form.Item>
          <Form.Item name="title" label={L.docTitle} rules={[{ required: true, max: 200 }]}><Input /></Form.Item>
          <Form.Item name="titleEn" label={L.docTitleEn} rules={[{ max: 200 }]}><Input /></Form.Item>
          <Form.Item name="year" label={L.year}><InputNumber min={1990} max={2100} /></Form.Item>
          <Form.Item label={L.file} required>
            <Upload accept=".pdf,.docx" maxCount={1} beforeUpload={() => false} fileList={file ? [file] : []} onChange={(i) => setFile(i.fileList.at(-1) ?? null)}>
              <Button>{L.choose}</Button>
            </Upload>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} disabled={!file}>{L.save}</Button>
        </Form>
      </Card>
      <Card title={L.generate}>
        <Typography.Paragraph type="secondary">{L.generateHint}</Typography.Paragraph>
        <Form form={genForm} layout="inline" initialValues={{ year: new Date().getFullYear() - 1, format: 'html' }} onFinish={(v) => act(() => write(client.POST('/api/v1/plans/{planId}/portal/documents/annual-report', { params: { path: PLAN_ID }, body: v })))}>
          <Form.Item name="year" label={L.year} rules={[{ required: true }]}><InputNumber min={plan.data?.meta.baseYear} max={plan.data?.meta.period.end} /></Form.Item>
          <Form.Item name="format" label={L.format}><Select style={{ width: 120 }} options={[{ value: 'html', label: 'HTML' }, { value: 'docx', label: 'Word' }]} /></Form.Item>
          <Button htmlType="submit" loading={busy}>{L.run}</Button>
        </Form>
      </Card>
      <Modal open={withdrawing !== null} title={`${L.withdraw}：${withdrawing?.title ?? ''}`} okText={L.withdraw} okButtonProps={{ danger: true, disabled: !reason.trim(), loading: busy }} onCancel={() => setWithdrawing(null)} onOk={() => act(() => write(client.POST('/api/v1/plans/{planId}/portal/documents/{id}/withdraw', { ...docPath(withdrawing!.id), body: { reason: reason.trim() } }))).then(() => setWithdrawing(null))}>
        <Input.TextArea aria-label={L.reason} placeholder={L.reasonRequired} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </Modal>
    </Space>
  );
}
