// Import of monitoring files (administrators and reviewers): the file goes up with a progress bar; the server
// checks every row and answers with counts by reason and the problems by row (row, column, field, reason), which
// are shown in the current language. A file with an invalid row writes nothing unless the user asked to skip them.
import { useRef, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Form, Progress, Radio, Space, Switch, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ApiError } from '../../api.js';
import { RefusedAlert } from '../../components/Status.js';
import { ImportRefused, monitoringApi } from './api.js';
import { useMonitoringText } from './strings.js';
import type { ImportError, ImportKind, ImportResult } from './types.js';

type Outcome =
  | { kind: 'done'; result: ImportResult }
  | { kind: 'refused'; error: ImportRefused }
  | { kind: 'failed'; error: ApiError };

const ACCEPT = '.csv,.xlsx';

function reasonText(reasons: Record<string, string>, reason: string): string {
  return reasons[reason] ?? reason;
}

function CountsTable({ counts }: { counts: Record<string, number> }) {
  const { m } = useMonitoringText();
  const rows = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => ({ reason, n }));
  if (rows.length === 0) return null;
  return (
    <>
      <Typography.Title level={5} className="mon-subtitle">
        {m.import.counts}
      </Typography.Title>
      <Table
        data-testid="import-counts"
        rowKey="reason"
        size="small"
        pagination={false}
        columns={[
          { title: m.import.reason, dataIndex: 'reason', render: (r: string) => <span data-reason={r}>{reasonText(m.import.reasons, r)}</span> },
          { title: m.import.number, dataIndex: 'n', align: 'right', width: 90 },
        ]}
        dataSource={rows}
      />
    </>
  );
}

function ErrorsTable({ errors, counts }: { errors: ImportError[]; counts: Record<string, number> }) {
  const { m, lang } = useMonitoringText();
  if (errors.length === 0) return null;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const dash = <span className="secondary-text">{m.empty}</span>;
  const columns: TableColumnsType<ImportError & { key: number }> = [
    { title: m.import.row, dataIndex: 'row', width: 70, align: 'center', render: (r: number | null) => (r === null ? dash : <span data-testid="import-error-row">{r}</span>) },
    { title: m.import.column, dataIndex: 'column', width: 70, align: 'center', render: (c: string | null) => c ?? dash },
    { title: m.import.field, dataIndex: 'field', width: 110, render: (f: string | null) => f ?? dash },
    { title: m.import.reason, dataIndex: 'reason', width: 130, render: (r: string) => reasonText(m.import.reasons, r) },
    {
      title: m.import.message,
      key: 'message',
      render: (_, e) => <span data-testid="import-error-message">{lang === 'en' ? e.messageEn || e.message : e.message || e.messageEn}</span>,
    },
  ];
  return (
    <>
      <Typography.Title level={5} className="mon-subtitle mon-gap">
        {m.import.errors}
      </Typography.Title>
      {total > errors.length && <Typography.Paragraph type="secondary">{m.import.listedOf(errors.length, total)}</Typography.Paragraph>}
      <Table
        data-testid="import-errors"
        rowKey="key"
        size="small"
        pagination={errors.length > 20 ? { pageSize: 20, size: 'small' } : false}
        columns={columns}
        dataSource={errors.map((e, key) => ({ ...e, key }))}
      />
    </>
  );
}

export function ImportDrawer({ open, onClose, initialKind, onImported }: { open: boolean; onClose: () => void; initialKind: ImportKind; onImported: () => void }) {
  const { m } = useMonitoringText();
  const [kind, setKind] = useState<ImportKind>(initialKind);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [badType, setBadType] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const busy = progress !== null;

  const pick = (f: File | null) => {
    setOutcome(null);
    if (f && !/\.(csv|xlsx)$/i.test(f.name)) {
      setBadType(true);
      setFile(null);
      return;
    }
    setBadType(false);
    setFile(f);
  };

  const submit = async () => {
    if (!file) return;
    setOutcome(null);
    setProgress(0);
    try {
      const result = await monitoringApi.importFile(file, kind, skipInvalid, (share) => setProgress(Math.round(share * 100)));
      setOutcome({ kind: 'done', result });
      if (result.imported > 0) onImported();
    } catch (e) {
      if (e instanceof ImportRefused) setOutcome({ kind: 'refused', error: e });
      else setOutcome({ kind: 'failed', error: e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, String(e)) });
    } finally {
      setProgress(null);
    }
  };

  const r = outcome?.kind === 'done' ? outcome.result : null;

  return (
    <Drawer open={open} onClose={onClose} size={720} title={m.import.title} destroyOnHidden={false} data-testid="import-drawer">
      <Typography.Paragraph type="secondary">{m.import.intro}</Typography.Paragraph>
      <Form layout="vertical" onFinish={submit}>
        <Form.Item label={m.import.kind}>
          <Radio.Group
            data-testid="import-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as ImportKind)}
            options={[
              { value: 'air', label: m.import.kinds.air },
              { value: 'water', label: m.import.kinds.water },
            ]}
          />
        </Form.Item>
        <Form.Item label={m.import.file}>
          <Space wrap>
            <input
              ref={input}
              type="file"
              accept={ACCEPT}
              data-testid="import-file"
              style={{ display: 'none' }}
              onChange={(e) => pick(e.target.files?.[0] ?? null)}
            />
            <Button onClick={() => input.current?.click()} disabled={busy}>
              {m.import.choose}
            </Button>
            <Typography.Text type={file ? undefined : 'secondary'} data-testid="import-file-name">
              {file ? file.name : m.import.noFile}
            </Typography.Text>
          </Space>
          {badType && <Alert className="mon-gap" type="warning" showIcon title={m.import.badType} data-testid="import-bad-type" />}
        </Form.Item>
        <Form.Item>
          <Space>
            <Switch checked={skipInvalid} onChange={setSkipInvalid} data-testid="import-skip-invalid" />
            <span>{m.import.skipInvalid}</span>
          </Space>
        </Form.Item>
        <Button type="primary" htmlType="submit" disabled={!file} loading={busy} data-testid="import-submit">
          {m.import.submit}
        </Button>
      </Form>

      {progress !== null && (
        <div className="mon-gap" data-testid="import-progress">
          <Progress percent={progress} status="active" />
          <Typography.Text type="secondary">{progress < 100 ? m.import.uploading : m.import.processing}</Typography.Text>
        </div>
      )}

      {r && (
        <div className="mon-gap" data-testid="import-result">
          <Alert type={r.skipped > 0 ? 'warning' : 'success'} showIcon title={m.import.done} />
          <Descriptions className="mon-gap" size="small" bordered layout="vertical" column={5}>
            <Descriptions.Item label={m.import.layout}>{m.import.layouts[r.layout] ?? r.layout}</Descriptions.Item>
            <Descriptions.Item label={m.import.rows}>{r.rows}</Descriptions.Item>
            <Descriptions.Item label={m.import.imported}>
              <span data-testid="import-imported">{r.imported}</span>
            </Descriptions.Item>
            <Descriptions.Item label={m.import.duplicates}>{r.duplicates}</Descriptions.Item>
            <Descriptions.Item label={m.import.skipped}>
              <span data-testid="import-skipped">{r.skipped}</span>
            </Descriptions.Item>
          </Descriptions>
          {r.reportFile && (
            <div className="mon-gap">
              <a href={r.reportFile} download data-testid="import-report">
                {m.import.reportFile}
              </a>
            </div>
          )}
          {r.ignoredColumns && r.ignoredColumns.length > 0 && (
            <Alert className="mon-gap" type="info" showIcon title={m.import.ignored(r.ignoredColumns.join(m.listSep))} />
          )}
          <div className="mon-gap">
            <CountsTable counts={r.counts} />
          </div>
          <ErrorsTable errors={r.errors} counts={r.counts} />
        </div>
      )}

      {outcome?.kind === 'refused' && (
        <div className="mon-gap" data-testid="import-refused">
          <RefusedAlert error={outcome.error} testId="import-refused-alert" title={m.import.refused} />
          <div className="mon-gap">
            <CountsTable counts={outcome.error.refusal.counts} />
          </div>
          <ErrorsTable errors={outcome.error.refusal.errors} counts={outcome.error.refusal.counts} />
        </div>
      )}

      {outcome?.kind === 'failed' && (
        <div className="mon-gap">
          <RefusedAlert error={outcome.error} testId="import-failed" />
        </div>
      )}
    </Drawer>
  );
}
