// 年度调度 (signed-in users): the reporting rounds, and for administrators a form to open the round of a year with
// its deadline. Opening a round derives every department's tasks from the plan on the server.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Col, DatePicker, Form, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { DatePickerProps, TableColumnsType } from 'antd';
import { api, ApiError } from '../api.js';
import { SignInRequired, useAuth } from '../auth.js';
import { formatTime } from '../components/RoundBits.js';
import { useApi, useRefreshing } from '../useApi.js';
import { Loading, RefusedAlert, requestState } from '../components/Status.js';
import { useI18n } from '../i18n.js';
import type { OpenRoundResponse, PlanResponse, Round } from '../types.js';
import { usePlanTerms } from '../planTerms.js';

/** The picked day (a Dayjs from antd's DatePicker; only its format() is used here). */
type PickedDate = Exclude<NonNullable<DatePickerProps['value']>, unknown[]>;

interface OpenForm {
  year: number;
  deadline: PickedDate;
}

/** The round's status, and 已逾期 once its deadline has passed while it is still open. */
export function RoundStatusTags({ round }: { round: Round }) {
  const { t } = useI18n();
  return (
    <Space size={4}>
      <Tag color={round.status === 'open' ? 'green' : 'default'} data-testid="round-status" data-status={round.status}>
        {t.rounds.roundStatus(round.status)}
      </Tag>
      {round.overdue && (
        <Tag color="red" data-testid="round-overdue">
          {t.rounds.overdue}
        </Tag>
      )}
    </Space>
  );
}

function OpenRound({ plan, rounds, onOpened }: { plan: PlanResponse; rounds: Round[]; onOpened: () => void }) {
  const { t } = useI18n();
  const terms = usePlanTerms();
  const [form] = Form.useForm<OpenForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [opened, setOpened] = useState<OpenRoundResponse | null>(null);
  const { baseYear } = plan.meta;
  const end = plan.meta.period.end;
  const taken = new Set(rounds.map((r) => r.year));
  const years = Array.from({ length: end - baseYear + 1 }, (_, i) => baseYear + i);
  // Usually the round for last year's figures; the first one not yet opened otherwise.
  const lastYear = Math.min(Math.max(new Date().getFullYear() - 1, baseYear), end);
  const initialYear = !taken.has(lastYear) ? lastYear : years.find((y) => y >= lastYear && !taken.has(y));

  const submit = async (v: OpenForm) => {
    setBusy(true);
    setError(null);
    setOpened(null);
    try {
      const res = await api.openRound(v.year, v.deadline.format('YYYY-MM-DD'));
      setOpened(res);
      const next = years.find((y) => y > v.year && !taken.has(y));
      form.setFieldsValue({ year: next, deadline: undefined });
      onOpened();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, String(e));
      if (err.statusCode !== 401) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="section-card" title={t.rounds.open} data-testid="round-open">
      <Typography.Paragraph type="secondary">{t.rounds.openIntro(terms)}</Typography.Paragraph>
      <Form<OpenForm> form={form} layout="vertical" onFinish={submit} initialValues={{ year: initialYear }} data-testid="round-open-form">
        <Row gutter={16}>
          <Col xs={12} md={6} xl={4}>
            <Form.Item name="year" label={t.rounds.year} rules={[{ required: true, message: t.rounds.yearRequired }]}>
              <Select
                data-testid="round-year"
                options={years.map((y) => ({ value: y, label: t.rounds.yearOption(y), disabled: taken.has(y) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={8} xl={5}>
            <Form.Item name="deadline" label={t.rounds.deadline} rules={[{ required: true, message: t.rounds.deadlineRequired }]}>
              <DatePicker
                data-testid="round-deadline"
                className="full-width"
                format="YYYY-MM-DD"
                placeholder={t.rounds.deadlinePlaceholder}
                disabledDate={(d) => d.endOf('day').valueOf() < Date.now()}
              />
            </Form.Item>
          </Col>
        </Row>
        {error && (
          <div className="entry-message">
            <RefusedAlert error={error} testId="round-open-error" title={t.rounds.openRefused} />
          </div>
        )}
        {opened && (
          <div className="entry-message">
            <Alert
              type="success"
              showIcon
              data-testid="round-opened"
              data-year={opened.round.year}
              closable={{ onClose: () => setOpened(null) }}
              title={t.rounds.opened(opened.round.year, opened.tasks)}
              action={
                <Link to={`/rounds/${opened.round.year}`}>
                  <Button size="small">{t.rounds.enter}</Button>
                </Link>
              }
            />
          </div>
        )}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="round-open-submit">
          {t.rounds.openSubmit}
        </Button>
      </Form>
    </Card>
  );
}

export function Rounds() {
  const { t } = useI18n();
  const { status, user } = useAuth();
  const [version, setVersion] = useState(0);
  // Asked afresh after a round is opened; the list (and the form's notice) stay on screen meanwhile.
  const state = useRefreshing(`rounds:${user?.id ?? 'none'}`, version, () => (user ? api.rounds() : Promise.resolve(null)));
  const plan = useApi('plan', api.plan);

  if (status === 'loading') return <Loading />;
  if (!user) return <SignInRequired testId="rounds-signin" />;

  const rounds = state.data?.rounds ?? [];
  const columns: TableColumnsType<Round> = [
    {
      title: t.rounds.year,
      dataIndex: 'year',
      width: 160,
      render: (y: number) => (
        <Link to={`/rounds/${y}`} data-testid="round-link">
          {t.rounds.roundTitle(y)}
        </Link>
      ),
    },
    { title: t.rounds.deadline, dataIndex: 'deadline', width: 140, render: (d: string) => <span data-testid="round-deadline-text">{d}</span> },
    { title: t.rounds.status, key: 'status', width: 170, render: (_, r) => <RoundStatusTags round={r} /> },
    { title: t.rounds.openedBy, dataIndex: 'openedBy', width: 140 },
    { title: t.rounds.openedAt, dataIndex: 'openedAt', render: (s: string) => formatTime(s) },
    {
      title: '',
      key: 'enter',
      width: 90,
      render: (_, r) => (
        <Link to={`/rounds/${r.year}`}>
          <Button size="small">{t.rounds.enter}</Button>
        </Link>
      ),
    },
  ];

  return (
    <div className="page" data-testid="rounds-page">
      <Card className="section-card" title={t.rounds.title}>
        <Typography.Paragraph type="secondary">{t.rounds.intro}</Typography.Paragraph>
        {!state.data ? (
          requestState(state)
        ) : (
          <>
            <Typography.Text type="secondary" data-testid="rounds-count">
              {t.rounds.count(rounds.length)}
            </Typography.Text>
            <Table<Round>
              data-testid="rounds-table"
              className="rounds-table"
              rowKey="year"
              size="middle"
              pagination={false}
              columns={columns}
              loading={state.loading}
              dataSource={rounds}
              locale={{ emptyText: <span data-testid="rounds-empty">{t.rounds.none}</span> }}
            />
          </>
        )}
      </Card>
      {user.role === 'admin' && state.data && (requestState(plan) ?? (plan.data && <OpenRound plan={plan.data} rounds={rounds} onOpened={() => setVersion((v) => v + 1)} />))}
    </div>
  );
}
