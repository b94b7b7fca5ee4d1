// 登录: user name and password; the API's own message when it refuses; back to where the user was (?next=).
import { useState } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { ApiError } from '../api.js';
import { safeNext, useAuth } from '../auth.js';
import { Loading, RefusedAlert } from '../components/Status.js';
import { useI18n } from '../i18n.js';

interface LoginForm {
  username: string;
  password: string;
}

export function Login() {
  const { t } = useI18n();
  const { status, login } = useAuth();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  const notice = (location.state as { notice?: string } | null)?.notice;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  if (status === 'loading') return <Loading />;
  if (status === 'signedIn' && !busy) return <Navigate to={next} replace />;

  const submit = async (v: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      await login(v.username.trim(), v.password);
      navigate(next, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page" data-testid="login-page">
      <Card className="login-card">
        <Typography.Title level={3} className="login-title">
          {t.auth.loginTitle}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t.auth.loginIntro}</Typography.Paragraph>
        {notice === 'passwordChanged' && <Alert className="login-alert" type="success" showIcon data-testid="login-notice" title={t.auth.passwordChanged} />}
        {notice === 'sessionEnded' && <Alert className="login-alert" type="warning" showIcon data-testid="login-notice" title={t.auth.sessionEnded} />}
        <Form<LoginForm> layout="vertical" requiredMark={false} onFinish={submit} data-testid="login-form" size="large">
          <Form.Item name="username" label={t.auth.username} rules={[{ required: true, whitespace: true, message: t.auth.usernameRequired }]}>
            <Input autoComplete="username" autoFocus data-testid="login-username" maxLength={100} />
          </Form.Item>
          <Form.Item name="password" label={t.auth.password} rules={[{ required: true, message: t.auth.passwordRequired }]}>
            <Input.Password autoComplete="current-password" data-testid="login-password" maxLength={200} />
          </Form.Item>
          {error && (
            <div className="login-alert">
              <RefusedAlert
                error={error}
                testId="login-error"
                // Rate limit and sign-in throttle: worded here as well, the server's own message (with the wait) underneath.
                title={error.code === 'LOGIN_THROTTLED' ? t.auth.throttled : error.statusCode === 429 ? t.auth.tooMany : undefined}
              />
            </div>
          )}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t.auth.submit}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
