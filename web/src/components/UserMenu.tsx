// The header's account corner: a 登录 button when signed out; when signed in, the user (name, role, department)
// with a menu to change the password or sign out.
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { App as AntApp, Button, Dropdown, Form, Input, Modal, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { api, ApiError } from '../api.js';
import { loginPath, useAuth } from '../auth.js';
import { nameOf, useI18n } from '../i18n.js';
import type { Account } from '../types.js';
import { useApi } from '../useApi.js';
import { RefusedAlert } from './Status.js';

function UserIcon() {
  return (
    <svg width="26" height="26" viewBox="0 0 32 32" aria-hidden="true" className="user-icon">
      <circle cx="16" cy="16" r="16" fill="#ffffff" fillOpacity="0.18" />
      <circle cx="16" cy="12.5" r="5" fill="#d9f5e6" />
      <path d="M7 25.5c1.6-4.6 5-6.8 9-6.8s7.4 2.2 9 6.8" fill="#d9f5e6" />
    </svg>
  );
}

/** The department's name in the current language, or null for a user without one. */
export function useDepartmentName(id: string | null): string | null {
  const { lang } = useI18n();
  const depts = useApi('departments', api.departments);
  if (!id) return null;
  const d = depts.data?.departments.find((x) => x.id === id);
  return d ? nameOf(lang, d) : id;
}

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

function ChangePasswordModal({ user, open, onClose }: { user: Account; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { forget } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<PasswordForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };
  const submit = async (v: PasswordForm) => {
    setBusy(true);
    setError(null);
    try {
      await api.changePassword(v.currentPassword, v.newPassword);
      // The server has ended every session of this user, this one included.
      form.resetFields();
      onClose();
      forget();
      navigate(loginPath(`${location.pathname}${location.search}`), { state: { notice: 'passwordChanged' } });
    } catch (e) {
      if (e instanceof ApiError && e.statusCode === 401) close();
      else setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t.auth.changePassword}
      onCancel={close}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close}>
          {t.auth.cancel}
        </Button>,
        <Button key="save" type="primary" loading={busy} onClick={() => form.submit()} data-testid="password-submit">
          {t.auth.save}
        </Button>,
      ]}
    >
      <Form<PasswordForm> form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="password-form">
        <Typography.Paragraph type="secondary">{t.auth.passwordRule}</Typography.Paragraph>
        <Form.Item name="currentPassword" label={t.auth.currentPassword} rules={[{ required: true, message: t.auth.passwordRequired }]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t.auth.newPassword}
          rules={[
            { required: true, message: t.auth.passwordRequired },
            { min: 10, message: t.auth.passwordTooShort },
            {
              validator: (_, v: string | undefined) =>
                v && v.toLowerCase().includes(user.username.toLowerCase()) ? Promise.reject(new Error(t.auth.passwordHasUsername)) : Promise.resolve(),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t.auth.confirmPassword}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t.auth.passwordRequired },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                !v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t.auth.passwordMismatch)),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        {error && <RefusedAlert error={error} testId="password-error" />}
      </Form>
    </Modal>
  );
}

export function UserMenu() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  // The account is whoever signed in; its role and department are those it holds in the console's plan.
  const { status, account, user, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const department = useDepartmentName(user?.departmentId ?? null);
  const [changing, setChanging] = useState(false);

  if (status === 'loading') return null;
  if (!account) {
    if (location.pathname === '/login') return null;
    return (
      <Button className="header-login" data-testid="login-button" onClick={() => navigate(loginPath(`${location.pathname}${location.search}`))}>
        {t.auth.login}
      </Button>
    );
  }

  const items: MenuProps['items'] = [
    { key: 'password', label: <span data-testid="menu-change-password">{t.auth.changePassword}</span> },
    { type: 'divider' },
    { key: 'logout', label: <span data-testid="menu-logout">{t.auth.logout}</span> },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') setChanging(true);
    if (key === 'logout')
      logout().then(
        () => message.success(t.auth.loggedOut),
        (e: unknown) => message.error(e instanceof Error ? e.message : String(e)),
      );
  };
  const role = user ? t.auth.role(user.role) : t.auth.noRoleHere;

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
        <button
          type="button"
          className="user-menu"
          data-testid="user-menu"
          data-role={user?.role ?? 'none'}
          aria-label={t.auth.userMenu}
          title={[account.displayName, role, department].filter(Boolean).join(' · ')}
        >
          <UserIcon />
          <span className="user-lines">
            <span className="user-name" data-testid="user-name">
              {account.displayName}
            </span>
            <span className="user-sub">
              <span data-testid="user-role">{role}</span>
              {department && (
                <>
                  <span className="user-sep">·</span>
                  <span data-testid="user-department">{department}</span>
                </>
              )}
            </span>
          </span>
          <span className="user-caret" aria-hidden="true">
            ▾
          </span>
        </button>
      </Dropdown>
      <ChangePasswordModal user={account} open={changing} onClose={() => setChanging(false)} />
    </>
  );
}
