import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Result, Skeleton, Spin } from 'antd';
import { Link } from 'react-router-dom';
import type { ApiError } from '../api.js';
import { useI18n, type Lang, type Messages } from '../i18n.js';

export function Loading() {
  const { t } = useI18n();
  return (
    <div className="page-loading" data-testid="loading">
      <Spin size="large" description={t.common.loading} />
    </div>
  );
}

/**
 * A long computation the server is doing for this part of the page: what is being computed and how long it has
 * been going (an honest indeterminate indicator: the server does not report its progress), over a skeleton of
 * what will appear. The rest of the page stays usable meanwhile. `data-computing` marks it for tests.
 */
export function Computing({ title, detail, testId }: { title: ReactNode; detail?: ReactNode; testId: string }) {
  const { t } = useI18n();
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="computing" data-testid={testId} data-computing="true" role="status" aria-live="polite">
      <Alert
        type="info"
        showIcon
        icon={<Spin size="small" />}
        title={title}
        description={
          <div>
            {detail && <div>{detail}</div>}
            <div className="secondary-text" data-testid={`${testId}-elapsed`}>
              {t.common.elapsed(seconds)}
            </div>
          </div>
        }
      />
      <Skeleton active paragraph={{ rows: 4 }} title={false} />
    </div>
  );
}

/** The API's message in the current language, and in the other one when it differs; the dictionary words failures the API could not describe. */
export function apiMessages(error: ApiError, lang: Lang, t: Messages): { primary: string; secondary: string | null } {
  const fallback =
    error.code === 'NETWORK' ? t.error.network : error.code === 'BAD_RESPONSE' ? t.error.badResponse : t.error.http(error.statusCode);
  const primary = (lang === 'en' ? error.messageEn ?? error.messageZh : error.messageZh ?? error.messageEn) ?? fallback;
  const secondary = lang === 'en' ? error.messageZh : error.messageEn;
  return { primary, secondary: secondary && secondary !== primary ? secondary : null };
}

/** A write the server refused: its own reason, as it words it, in the current language first. */
export function RefusedAlert({ error, title, testId }: { error: ApiError; title?: ReactNode; testId: string }) {
  const { t, lang } = useI18n();
  const { primary, secondary } = apiMessages(error, lang, t);
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      data-code={error.code}
      title={title ?? primary}
      description={
        <div>
          {title !== undefined && <div className="refused-message">{primary}</div>}
          {secondary && <div className="secondary-text">{secondary}</div>}
          <div className="secondary-text">{t.error.code(error.code, error.statusCode)}</div>
        </div>
      }
    />
  );
}

/** The API's bilingual message, current language first; the dictionary words failures the API could not describe. */
export function ErrorAlert({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t, lang } = useI18n();
  const fallback =
    error.code === 'NETWORK' ? t.error.network : error.code === 'BAD_RESPONSE' ? t.error.badResponse : t.error.http(error.statusCode);
  const primary = (lang === 'en' ? error.messageEn ?? error.messageZh : error.messageZh ?? error.messageEn) ?? fallback;
  const secondary = lang === 'en' ? error.messageZh : error.messageEn;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="api-error"
      title={t.error.title}
      description={
        <div>
          <div>{primary}</div>
          {secondary && secondary !== primary && <div className="secondary-text">{secondary}</div>}
          <div className="secondary-text">{t.error.code(error.code, error.statusCode)}</div>
        </div>
      }
      action={
        onRetry && (
          <Button size="small" danger onClick={onRetry}>
            {t.common.retry}
          </Button>
        )
      }
    />
  );
}

export function NotFound({ detail, error }: { detail?: ReactNode; error?: ApiError }) {
  const { t, lang } = useI18n();
  const apiMessage = error && (lang === 'en' ? error.messageEn ?? error.messageZh : error.messageZh ?? error.messageEn);
  return (
    <Result
      status="404"
      title={t.notFound.title}
      subTitle={
        <div data-testid="not-found">
          <div>{detail ?? t.notFound.page}</div>
          {apiMessage && <div className="secondary-text">{apiMessage}</div>}
        </div>
      }
      extra={
        <Link to="/">
          <Button type="primary">{t.common.backHome}</Button>
        </Link>
      }
    />
  );
}

/** Spinner while loading, 404 page or error alert on failure; null once data is there. */
export function requestState(
  state: { loading: boolean; error: ApiError | undefined; retry: () => void },
  notFoundDetail?: ReactNode,
): ReactNode {
  if (state.error) {
    if (state.error.notFound && notFoundDetail !== undefined) return <NotFound detail={notFoundDetail} error={state.error} />;
    return <ErrorAlert error={state.error} onRetry={state.retry} />;
  }
  if (state.loading) return <Loading />;
  return null;
}
