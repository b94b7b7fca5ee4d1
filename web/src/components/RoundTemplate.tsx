// The Excel round trip of a reporting round: download a department's template, upload it filled in. The server
// reads the file all or nothing; its problems (sheet, row, column, field) are listed as a table.
import { useState } from 'react';
import { Alert, Button, Card, Select, Space, Table, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, ApiError } from '../api.js';
import { nameOf, useI18n } from '../i18n.js';
import type { Department, TemplateProblem } from '../types.js';
import { RefusedAlert } from './Status.js';

/** The server's upload limit (src/importers/roundTemplate.ts MAX_UPLOAD_BYTES): larger files are not sent at all. */
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

type Outcome = { kind: 'imported'; drafts: number } | { kind: 'tooLarge'; size: number } | { kind: 'refused'; error: ApiError };

function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, String(e));
}

/** Hands a downloaded file to the browser under the server's name for it. */
function saveFile(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function ProblemsTable({ problems }: { problems: TemplateProblem[] }) {
  const { t, lang } = useI18n();
  const dash = <span className="secondary-text">{t.common.empty}</span>;
  const columns: TableColumnsType<TemplateProblem & { key: number }> = [
    { title: t.rounds.problemSheet, dataIndex: 'sheet', width: 120, render: (s: string | null) => s ?? dash },
    { title: t.rounds.problemRow, dataIndex: 'row', width: 64, align: 'center', render: (r: number | null) => r ?? dash },
    { title: t.rounds.problemColumn, dataIndex: 'column', width: 64, align: 'center', render: (c: string | null) => c ?? dash },
    { title: t.rounds.problemField, dataIndex: 'field', width: 120, render: (f: string | null) => f ?? dash },
    { title: t.rounds.problemMessage, key: 'message', render: (_, p) => (lang === 'en' ? p.messageEn || p.message : p.message) },
  ];
  return (
    <Table
      data-testid="template-problems"
      className="template-problems"
      rowKey="key"
      size="small"
      pagination={problems.length > 20 ? { pageSize: 20, size: 'small' } : false}
      columns={columns}
      dataSource={problems.map((p, key) => ({ ...p, key }))}
    />
  );
}

/**
 * Download and upload of the template. A reporter acts for their own department (`departments` omitted); a
 * reviewer or administrator picks the department first.
 */
export function TemplateCard({ year, departments, onImported }: { year: number; departments?: Department[]; onImported: () => void }) {
  const { t, lang } = useI18n();
  const chooses = departments !== undefined;
  const [department, setDepartment] = useState<string | undefined>(undefined);
  const [downloading, setDownloading] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [downloadError, setDownloadError] = useState<ApiError | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const ready = !chooses || department !== undefined;

  const download = async () => {
    setDownloading(true);
    setDownloadError(null);
    try {
      const { blob, fileName } = await api.template(year, department);
      saveFile(blob, fileName);
    } catch (e) {
      const err = asApiError(e);
      if (err.statusCode !== 401) setDownloadError(err);
    } finally {
      setDownloading(false);
    }
  };

  const upload = async (file: File) => {
    setOutcome(null);
    if (file.size > MAX_UPLOAD_BYTES) {
      setOutcome({ kind: 'tooLarge', size: file.size });
      return;
    }
    setUploading(true);
    try {
      const { drafts } = await api.importTemplate(year, file, department);
      setOutcome({ kind: 'imported', drafts });
      onImported();
    } catch (e) {
      const err = asApiError(e);
      if (err.statusCode !== 401) setOutcome({ kind: 'refused', error: err });
    } finally {
      setUploading(false);
    }
  };

  return (
    <Card className="section-card" title={t.rounds.template} data-testid="template-card">
      <Typography.Paragraph type="secondary">{chooses ? t.rounds.templateIntroReviewer : t.rounds.templateIntro}</Typography.Paragraph>
      <Space wrap className="template-actions">
        {chooses && (
          <Select
            className="filter-select wide"
            data-testid="template-department"
            placeholder={t.rounds.departmentPlaceholder}
            value={department}
            onChange={(v: string) => {
              setDepartment(v);
              setOutcome(null);
              setDownloadError(null);
            }}
            showSearch={{ optionFilterProp: 'label' }}
            options={departments.map((d) => ({ value: d.id, label: nameOf(lang, d) }))}
          />
        )}
        <Button onClick={download} loading={downloading} disabled={!ready} data-testid="template-download">
          {t.rounds.download}
        </Button>
        <Upload
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          maxCount={1}
          disabled={!ready || uploading}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button type="primary" loading={uploading} disabled={!ready} data-testid="template-upload">
            {t.rounds.upload}
          </Button>
        </Upload>
      </Space>
      {downloadError && (
        <div className="template-message">
          <RefusedAlert error={downloadError} testId="template-download-error" title={t.rounds.downloadRefused} />
        </div>
      )}
      {outcome && (
        <div className="template-message" data-testid="template-outcome">
          {outcome.kind === 'imported' && (
            <Alert
              type={outcome.drafts > 0 ? 'success' : 'info'}
              showIcon
              data-testid="template-result"
              data-drafts={outcome.drafts}
              title={outcome.drafts > 0 ? t.rounds.imported(outcome.drafts) : t.rounds.importedNone}
            />
          )}
          {outcome.kind === 'tooLarge' && <Alert type="error" showIcon data-testid="template-error" data-code="FILE_TOO_LARGE" title={t.rounds.tooLarge(outcome.size / 1048576)} />}
          {outcome.kind === 'refused' &&
            (outcome.error.problems.length > 0 ? (
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                <Alert
                  type="error"
                  showIcon
                  data-testid="template-error"
                  data-code={outcome.error.code}
                  title={t.rounds.importRefused}
                  description={t.rounds.problems(outcome.error.problems.length)}
                />
                <ProblemsTable problems={outcome.error.problems} />
              </Space>
            ) : (
              <RefusedAlert error={outcome.error} testId="template-error" title={t.rounds.importRefused} />
            ))}
        </div>
      )}
    </Card>
  );
}
