// Uploading a plan workbook or zipped plan folder: the drop area with its progress, and a refused upload (400
// PLAN_INVALID) with every problem located by file and line, or sheet, row and column. Shared by the plan drafts page
// and the revision upload.
import { Alert, Progress, Space, Table, Typography, Upload } from 'antd';
import { ApiError, errorFields, type ErrorMapper } from '../../api.js';
import type { paths } from '../../api/contract.js';
import type { PlanAdminStrings } from './strings.js';

/** A refused upload's located problems, as the server's document declares them. */
type UploadProblem = paths['/api/v1/plan-drafts']['post']['responses'][400]['content']['application/json']['problems'][number];

export class InvalidPlan extends ApiError {
  constructor(
    zh: string | null,
    en: string | null,
    readonly list: UploadProblem[],
  ) {
    super(400, 'PLAN_INVALID', zh, en);
  }
}

export const mapPlanUploadError: ErrorMapper = (status, body) => {
  const f = errorFields<{ problems: UploadProblem[] }>(body);
  return status === 400 && Array.isArray(f.problems) ? new InvalidPlan(f.message ?? null, f.messageEn ?? null, f.problems) : null;
};

export function PlanProblems({ error, s, lang }: { error: InvalidPlan; s: PlanAdminStrings; lang: string }) {
  const where = (p: UploadProblem) =>
    [p.file, p.sheet && `${s.sheet}“${p.sheet}”`, p.row !== null && s.row(p.row), p.line !== null && s.line(p.line), p.column && (p.line !== null ? null : s.column(p.column)), p.field].filter(Boolean).join(' · ');
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="plan-upload-problems">
      <Alert type="error" showIcon title={s.invalid(error.list.length)} />
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        pagination={error.list.length > 20 ? { pageSize: 20 } : false}
        dataSource={error.list}
        columns={[
          { title: s.where, key: 'where', width: 320, render: (_, p) => <Typography.Text code>{where(p) || '—'}</Typography.Text> },
          { title: s.problem, key: 'msg', render: (_, p) => (lang === 'en' ? p.messageEn : p.message) },
        ]}
      />
    </Space>
  );
}

/** Files larger than this are refused by the server (PLAN_UPLOAD_LIMITS). */
export const PLAN_UPLOAD_MAX_MB = 20;

/** The drop area for one .xlsx or .zip, and while it is sent, the progress (`progress` in %, null when idle). */
export function PlanFileDrop({ testId, progress, onFile, drop, hint, sending }: { testId: string; progress: number | null; onFile: (file: File) => void; drop: string; hint: string; sending: string }) {
  return (
    <>
      <div data-testid={testId}>
        <Upload.Dragger
          accept=".xlsx,.zip"
          multiple={false}
          showUploadList={false}
          disabled={progress !== null}
          beforeUpload={(file) => {
            onFile(file);
            return false;
          }}
        >
          <p>{drop}</p>
          <Typography.Text type="secondary">{hint}</Typography.Text>
        </Upload.Dragger>
      </div>
      {progress !== null && (
        <div style={{ marginTop: 12 }} data-testid={`${testId}-progress`}>
          <Typography.Text>{sending}</Typography.Text>
          <Progress percent={progress} status="active" />
        </div>
      )}
    </>
  );
}
