// One reporting round (/rounds/:year): its deadline and status, then what the signed-in user does in it — a
// reporter fills and submits their department's tasks; a reviewer or administrator follows the progress and
// reviews the queue; a viewer follows the progress. Every change asks the server afresh (progress and lists).
import { useCallback, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Result, Space } from 'antd';
import { api, ApiError } from '../api.js';
import { SignInRequired, useAuth } from '../auth.js';
import { formatTime, useRoundLookups } from '../components/RoundBits.js';
import { useRefreshing } from '../useApi.js';
import { Loading, requestState } from '../components/Status.js';
import { useI18n } from '../i18n.js';
import { RoundStatusTags } from './Rounds.js';
import { ReviewerRound } from './RoundReview.js';
import { ReporterRound } from './RoundTasks.js';
import { RoundProjectsCard } from './projects/RoundProjectsCard.js';

export function RoundDetail() {
  const { t } = useI18n();
  const { year: yearParam = '' } = useParams();
  const { status, user } = useAuth();
  const navigate = useNavigate();
  const valid = /^\d{4}$/.test(yearParam);
  const year = Number(yearParam);
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const progress = useRefreshing(`round:${yearParam}:${user?.id ?? 'none'}`, version, () =>
    !user ? Promise.resolve(null) : valid ? api.round(year) : Promise.reject(new ApiError(404, 'NOT_FOUND', null, null)),
  );
  const lookups = useRoundLookups();

  if (status === 'loading') return <Loading />;
  if (!user) return <SignInRequired testId="rounds-signin" />;
  // A round not opened (yet) is not a broken link: say so, and what to do next (open it, or see the open ones).
  if (progress.error?.statusCode === 404 && valid)
    return (
      <div className="page" data-testid="round-not-opened">
        <Card className="section-card">
          <Result
            status="info"
            title={t.rounds.notOpened(yearParam)}
            subTitle={user.role === 'admin' ? t.rounds.notOpenedAdmin : t.rounds.notOpenedOthers}
            extra={
              <Button type="primary" onClick={() => navigate('/rounds')} data-testid="round-not-opened-list">
                {user.role === 'admin' ? t.rounds.openOne : t.rounds.backToList}
              </Button>
            }
          />
        </Card>
      </div>
    );
  if (!progress.data) return requestState(progress, t.rounds.notOpened(yearParam));
  if (!lookups.data) return requestState(lookups);

  const { round } = progress.data;
  const body =
    user.role === 'reporter' ? (
      <ReporterRound round={round} user={user} lookups={lookups.data} version={version} refresh={refresh} />
    ) : (
      <ReviewerRound progress={progress.data} lookups={lookups.data} canReview={user.role === 'admin' || user.role === 'reviewer'} version={version} refresh={refresh} />
    );

  return (
    <div className="page" data-testid="round-page" data-year={round.year} data-role={user.role}>
      <Card
        className="section-card round-header"
        title={
          <Space wrap>
            <Button onClick={() => navigate('/rounds')} data-testid="round-back">
              {t.rounds.backToList}
            </Button>
            <span data-testid="round-title">{t.rounds.roundTitle(round.year)}</span>
            <RoundStatusTags round={round} />
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t.rounds.deadline}>
            <span data-testid="round-deadline-value">{t.rounds.deadlineValue(round.deadline)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t.rounds.openedBy}>{round.openedBy}</Descriptions.Item>
          <Descriptions.Item label={t.rounds.openedAt}>{formatTime(round.openedAt)}</Descriptions.Item>
        </Descriptions>
        {user.role === 'viewer' && <Alert className="round-viewer-note" type="info" showIcon title={t.rounds.viewerNote} />}
      </Card>
      {body}
      <RoundProjectsCard year={round.year} user={user} departments={lookups.data.departments} />
    </div>
  );
}
