// 问卷调查: the questionnaires of the plan, and a form that creates one (from the starter questionnaire for
// indicators 44 and 45) for a survey year. Reviewers and administrators only (the API refuses others).
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { ApiError, api } from '../../api.js';
import { SignInRequired, useAuth } from '../../auth.js';
import { Loading, RefusedAlert, requestState } from '../../components/Status.js';
import { useApi } from '../../useApi.js';
import { surveyApi } from './api.js';
import { useSurveyText } from './strings.js';
import type { Survey } from './types.js';

export function statusColour(status: Survey['status']) {
  return status === 'open' ? 'green' : status === 'closed' ? 'default' : 'gold';
}

export function Surveys() {
  const { s, lang } = useSurveyText();
  const { user } = useAuth();
  const navigate = useNavigate();
  // Asked only with an account that may read it: a visitor gets the sign-in page, not a logged 401.
  const allowed = !!user && user.role !== 'reporter';
  const list = useApi(`surveys-${user?.id ?? ''}`, () => (allowed ? surveyApi.list() : Promise.resolve({ surveys: [] })));
  const plan = useApi('plan', api.plan);
  const [year, setYear] = useState<number | null>(new Date().getFullYear());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (!allowed) return <SignInRequired testId="survey-sign-in" />;
  const state = requestState(list);
  if (state) return state;
  if (!list.data) return <Loading />;

  const create = async () => {
    if (year === null) return;
    setBusy(true);
    setError(null);
    try {
      const created = await surveyApi.create(year);
      navigate(`/surveys/${created.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="surveys-page">
      <Typography.Title level={2}>{s.title}</Typography.Title>
      <Typography.Paragraph type="secondary">{s.intro}</Typography.Paragraph>
      {user.role !== 'viewer' && (
        <Card className="section-card" title={s.create}>
          <Space wrap>
            <span>{s.createYear}</span>
            <InputNumber data-testid="survey-year" aria-label={s.createYear} min={plan.data?.meta.baseYear ?? 2020} max={plan.data?.meta.period.end ?? 2035} value={year} onChange={(v) => setYear(v)} />
            <Button type="primary" loading={busy} onClick={create} data-testid="survey-create">
              {s.create}
            </Button>
          </Space>
          {error && <RefusedAlert error={error} testId="survey-create-error" />}
        </Card>
      )}
      <Card className="section-card">
        <Table<Survey>
          rowKey="id"
          dataSource={list.data.surveys}
          pagination={false}
          data-testid="survey-list"
          columns={[
            { title: s.columns.title, key: 'title', render: (_, x) => <Link to={`/surveys/${x.id}`}>{lang === 'en' ? x.definition.title.en : x.definition.title.zh}</Link> },
            { title: s.columns.year, dataIndex: 'year' },
            { title: s.columns.status, key: 'status', render: (_, x) => <Tag color={statusColour(x.status)}>{s.status[x.status]}</Tag> },
            { title: s.columns.version, dataIndex: 'currentVersion' },
            { title: s.columns.responses, dataIndex: 'responses' },
          ]}
        />
      </Card>
    </div>
  );
}
