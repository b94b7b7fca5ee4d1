// Excel in and out: the library in the appendix's layout (with a sheet of yearly progress), and imports of a
// library or of yearly progress that the server takes all or nothing, listing every problem by sheet, row and column.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Modal, Progress, Radio, Space, Table, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { ApiError } from '../../api.js';
import { RefusedAlert } from '../../components/Status.js';
import { ImportRefused, projectsApi } from './api.js';
import { bilingual, useProjectStrings } from './strings.js';
import type { ImportRowError } from './types.js';

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, e instanceof Error ? e.message : String(e)));

function attachmentName(disposition: string | null, fallback: string): string {
  const star = disposition && /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star && star[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  return (disposition && /filename="([^"]+)"/i.exec(disposition)?.[1]) || fallback;
}

export function ExportButton() {
  const { s } = useProjectStrings();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const res = await fetch(projectsApi.exportUrl, { credentials: 'same-origin' });
      if (!res.ok) throw new ApiError(res.status, 'HTTP_ERROR', null, null);
      const blob = await res.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = attachmentName(res.headers.get('content-disposition'), 'projects.xlsx');
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      message.error(asApiError(e).messageZh ?? `HTTP ${asApiError(e).statusCode}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={download} loading={busy} data-testid="export-xlsx">
      {s.actions.export}
    </Button>
  );
}

export function ImportModal({ open, onClose, onImported, progressOnly }: { open: boolean; onClose: () => void; onImported: () => void; progressOnly: boolean }) {
  const { s, lang } = useProjectStrings();
  const [kind, setKind] = useState<'library' | 'progress'>(progressOnly ? 'progress' : 'library');
  const [percent, setPercent] = useState<number | null>(null);
  const [result, setResult] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const rows = error instanceof ImportRefused ? error.errors : [];

  const columns: TableColumnsType<ImportRowError> = [
    { title: s.importer.sheet, dataIndex: 'sheet', width: 120 },
    { title: s.importer.row, dataIndex: 'row', width: 60, align: 'right' },
    { title: s.importer.column, dataIndex: 'column', width: 60, align: 'center' },
    { title: s.importer.field, dataIndex: 'field', width: 120 },
    { title: s.importer.message, key: 'message', render: (_, r) => bilingual(lang, r) },
  ];

  const close = () => {
    setPercent(null);
    setResult(null);
    setError(null);
    onClose();
  };

  return (
    <Modal open={open} title={s.importer.title} onCancel={close} footer={<Button onClick={close}>{s.actions.close}</Button>} width={820} destroyOnHidden>
      <div data-testid="import-modal">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{s.importer.hint}</Typography.Text>
          <Space>
            <span>{s.importer.kind}:</span>
            <Radio.Group
              value={kind}
              onChange={(e) => setKind(e.target.value as 'library' | 'progress')}
              options={[
                { value: 'library', label: s.importer.library, disabled: progressOnly },
                { value: 'progress', label: s.importer.progress },
              ]}
            />
          </Space>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            customRequest={async ({ file }) => {
              setError(null);
              setResult(null);
              setPercent(0);
              try {
                const r = await projectsApi.importFile(kind, file as File, setPercent);
                setResult(r.imported);
                onImported();
              } catch (e) {
                const err = asApiError(e);
                if (err.statusCode !== 401) setError(err);
              } finally {
                setPercent((p) => (p === null ? null : 100));
              }
            }}
          >
            <Button type="primary" data-testid="import-choose">
              {s.importer.choose}
            </Button>
          </Upload>
          {percent !== null && <Progress percent={percent} size="small" status={error ? 'exception' : result !== null ? 'success' : 'active'} data-testid="import-progress" />}
          {result !== null && <Alert type="success" showIcon title={s.importer.done(result)} data-testid="import-done" />}
          {error && <RefusedAlert error={error} testId="import-error" title={rows.length ? s.importer.failed : undefined} />}
          {rows.length > 0 && (
            <Table<ImportRowError>
              rowKey={(r) => `${r.sheet}:${r.row}:${r.column}:${r.field}:${r.message}`}
              size="small"
              columns={columns}
              dataSource={rows}
              pagination={rows.length > 20 ? { pageSize: 20 } : false}
              data-testid="import-errors"
            />
          )}
        </Space>
      </div>
    </Modal>
  );
}
