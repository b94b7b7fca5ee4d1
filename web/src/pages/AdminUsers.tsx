// 用户管理 (administrators): the accounts, and a form to open one. A reporter needs a department; the initial
// password can be generated here and is shown once, after the account is created.
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Form, Input, Modal, Popconfirm, Result, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { api, ApiError } from '../api.js';
import { SignInRequired, useAuth } from '../auth.js';
import { Loading, RefusedAlert, requestState } from '../components/Status.js';
import { nameOf, useI18n } from '../i18n.js';
import { actingIn, type Account, type Department, type NewUser, type Role, type User, type UserChanges } from '../types.js';

/** An account as the plan's user list answers it: role, plan and department at the top are those of this plan. */
const member = (a: Account): User => actingIn(a, null)!;
import { useApi, useRefreshing } from '../useApi.js';
import { STICKY } from '../components/tables.js';
import { governedRegion } from '../../../src/plan/model.js';
import { usePlanTerms } from '../planTerms.js';

const ROLES: Role[] = ['admin', 'reviewer', 'reporter', 'viewer'];
const PASSWORD_LENGTH = 16;
// No look-alikes (0/O, 1/l/I): the password is read off the screen and typed in by someone else.
const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random 16-character password from the browser's CSPRNG (rejection sampling: no modulo bias). */
export function generatePassword(username = ''): string {
  const n = PASSWORD_ALPHABET.length;
  const limit = 256 - (256 % n);
  for (;;) {
    let out = '';
    while (out.length < PASSWORD_LENGTH) {
      const bytes = crypto.getRandomValues(new Uint8Array(32));
      for (const b of bytes) if (b < limit && out.length < PASSWORD_LENGTH) out += PASSWORD_ALPHABET[b % n];
    }
    if (!username || !out.toLowerCase().includes(username.toLowerCase())) return out;
  }
}

interface CreateForm {
  username: string;
  displayName: string;
  role: Role;
  departmentId?: string;
  password: string;
}

function CreateUser({ departments, onCreated }: { departments: Department[]; onCreated: () => void }) {
  const { t, lang } = useI18n();
  const terms = usePlanTerms();
  const [form] = Form.useForm<CreateForm>();
  const role = Form.useWatch('role', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [generated, setGenerated] = useState(false);
  const [created, setCreated] = useState<{ user: User; password: string } | null>(null);

  const departmentOptions = useMemo(() => {
    const option = (d: Department) => ({ value: d.id, label: nameOf(lang, d) });
    // The plan's own departments (市直/县直…) and its sub-region governments name the groups; a city's until it answers.
    return [
      { label: t.users.planDepartments(terms), options: departments.filter((d) => !governedRegion(d)).map(option) },
      { label: t.users.subRegionGovernments(terms.sub), options: departments.filter((d) => governedRegion(d)).map(option) },
    ];
  }, [departments, lang, t, terms]);

  const submit = async (v: CreateForm) => {
    const body: NewUser = {
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      role: v.role,
      password: v.password,
      ...(v.departmentId ? { departmentId: v.departmentId } : {}),
    };
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      const { user } = await api.createUser(body);
      // The password is shown this once, in the notice; the form forgets it.
      setCreated({ user: member(user), password: v.password });
      form.resetFields();
      setGenerated(false);
      onCreated();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, String(e));
      if (err.statusCode !== 401) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="section-card" title={t.users.create} data-testid="user-create">
      <Form<CreateForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ role: 'reporter' }}
        data-testid="user-form"
        onValuesChange={(changed: Partial<CreateForm>) => {
          if ('password' in changed) setGenerated(false);
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12} xl={6}>
            <Form.Item
              name="username"
              label={t.users.username}
              extra={t.users.usernameRule}
              rules={[
                { required: true, whitespace: true, message: t.users.usernameRequired },
                { pattern: /^\s*[A-Za-z0-9_.-]{3,50}\s*$/, message: t.users.usernameRule },
              ]}
            >
              <Input data-testid="user-username" autoComplete="off" maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={5}>
            <Form.Item name="displayName" label={t.users.displayName} rules={[{ required: true, whitespace: true, message: t.users.displayNameRequired }, { max: 100 }]}>
              <Input data-testid="user-displayname" autoComplete="off" maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={5}>
            <Form.Item name="role" label={t.users.role} rules={[{ required: true }]}>
              <Select data-testid="user-role" options={ROLES.map((r) => ({ value: r, label: t.auth.role(r) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item
              name="departmentId"
              label={
                <span>
                  {t.users.department}
                  {role !== 'reporter' && <Typography.Text type="secondary"> {t.users.departmentOptional}</Typography.Text>}
                </span>
              }
              rules={[{ required: role === 'reporter', message: t.users.departmentRequired }]}
            >
              <Select
                data-testid="user-department"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t.users.departmentPlaceholder}
                options={departmentOptions}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12} xl={8}>
            <Form.Item
              label={t.users.password}
              required
              extra={generated ? <span data-testid="user-password-hint">{t.users.generatedHint}</span> : undefined}
            >
              <Space.Compact block>
                <Form.Item
                  name="password"
                  noStyle
                  rules={[
                    { required: true, message: t.auth.passwordRequired },
                    { min: 10, message: t.auth.passwordTooShort },
                    ({ getFieldValue }) => ({
                      validator: (_, v: string | undefined) => {
                        const name = String(getFieldValue('username') ?? '').trim().toLowerCase();
                        return v && name && v.toLowerCase().includes(name) ? Promise.reject(new Error(t.auth.passwordHasUsername)) : Promise.resolve();
                      },
                    }),
                  ]}
                >
                  <Input className="mono" data-testid="user-password" autoComplete="new-password" maxLength={200} placeholder={t.users.passwordPlaceholder} />
                </Form.Item>
                <Button
                  data-testid="user-generate"
                  onClick={() => {
                    form.setFieldsValue({ password: generatePassword(String(form.getFieldValue('username') ?? '').trim()) });
                    form.validateFields(['password']).catch(() => undefined);
                    setGenerated(true);
                  }}
                >
                  {t.users.generate}
                </Button>
              </Space.Compact>
            </Form.Item>
          </Col>
        </Row>
        {error && (
          <div className="entry-message">
            <RefusedAlert error={error} testId="user-error" title={t.users.refused} />
          </div>
        )}
        {created && (
          <div className="entry-message">
            <Alert
              type="success"
              showIcon
              data-testid="user-created"
              data-username={created.user.username}
              closable={{ onClose: () => setCreated(null) }}
              title={t.users.created(created.user.username)}
              description={
                <span>
                  {t.users.createdPassword}{' '}
                  <Typography.Text code copyable className="mono" data-testid="user-created-password">
                    {created.password}
                  </Typography.Text>
                </span>
              }
            />
          </div>
        )}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="user-submit">
          {t.users.submit}
        </Button>
      </Form>
    </Card>
  );
}

export function AdminUsers() {
  const { t, lang } = useI18n();
  const terms = usePlanTerms();
  const { status, user } = useAuth();
  const isAdmin = user?.role === 'admin';
  const [version, setVersion] = useState(0);
  // The list is asked for afresh after each creation; the form (and its one-time password notice) stays.
  // While the list is asked for again, the previous one stays on screen: a spinner in its place would lose the
  // reader's place and close a confirmation open on another row.
  const state = useRefreshing(`users:${isAdmin ? user?.id : 'none'}`, version, () => (isAdmin ? api.users() : Promise.resolve(null)));
  const depts = useApi('departments', api.departments);

  if (status === 'loading') return <Loading />;
  if (!user) return <SignInRequired testId="users-signin" />;
  if (!isAdmin) return <Result status="403" title="403" subTitle={<span data-testid="users-forbidden">{t.auth.adminOnly}</span>} />;

  const data = state.data;
  const departments = depts.data?.departments ?? [];
  const deptName = (id: string | null) => {
    if (!id) return t.users.none;
    const d = departments.find((x) => x.id === id);
    return d ? nameOf(lang, d) : id;
  };
  const columns: TableColumnsType<User> = [
    { title: t.users.username, dataIndex: 'username', width: 160, render: (u: string) => <span className="mono">{u}</span> },
    { title: t.users.displayName, dataIndex: 'displayName' },
    { title: t.users.role, dataIndex: 'role', width: 170, render: (r: Role) => <Tag color={ROLE_COLOURS[r]}>{t.auth.role(r)}</Tag> },
    { title: t.users.department, dataIndex: 'departmentId', render: (id: string | null) => deptName(id) },
    { title: t.users.tags, key: 'tags', width: 120, render: (_, u) => (u.isDemo ? <Tag color="purple" data-testid="user-demo-tag">{t.users.demo}</Tag> : null) },
    {
      title: t.users.status,
      key: 'status',
      width: 90,
      render: (_, u) => (u.disabled ? <Tag color="default" data-testid="user-disabled-tag">{t.users.disabledTag}</Tag> : <Tag color="green" data-testid="user-enabled-tag">{t.users.enabled}</Tag>),
    },
    {
      title: t.users.actions,
      key: 'actions',
      width: 340,
      render: (_, u) => <UserActions target={u} self={u.id === user.id} departments={departments} onChanged={() => setVersion((v) => v + 1)} />,
    },
  ];

  return (
    <div className="page" data-testid="admin-users">
      <Card className="section-card" title={t.users.title}>
        <Typography.Paragraph type="secondary">
          {t.users.intro(terms)} {t.users.auditNote}
        </Typography.Paragraph>
        {data ? (
            <>
              <Typography.Text type="secondary" data-testid="users-count">
                {t.users.count(data.users.length)}
              </Typography.Text>
              <Table<User>
                data-testid="users-table"
                className="users-table"
                rowKey="username"
                size="small"
                scroll={{ x: 'max-content' }}
                sticky={STICKY}
                pagination={false}
                columns={columns}
                dataSource={data.users.map(member)}
                loading={state.loading}
              />
            </>
          ) : (
            requestState(state)
          )}
      </Card>
      {requestState(depts) ?? <CreateUser departments={departments} onCreated={() => setVersion((v) => v + 1)} />}
      {depts.data && <GrantRole departments={departments} onGranted={() => setVersion((v) => v + 1)} />}
      <DepartmentsCard departments={departments} users={(data?.users ?? []).map(member)} />
    </div>
  );
}

const asError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, String(e)));

interface GrantForm {
  username: string;
  role: Role;
  departmentId?: string;
  reason?: string;
}

/** Grants a role in this plan to an account that so far may hold roles only in other plans (PUT …/roles/{username}). */
function GrantRole({ departments, onGranted }: { departments: Department[]; onGranted: () => void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<GrantForm>();
  const role = Form.useWatch('role', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (v: GrantForm) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.grantRole(v.username.trim(), { role: v.role, departmentId: v.departmentId ?? null, ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}) });
      void message.success(t.users.granted(v.username.trim(), r.created));
      form.resetFields();
      onGranted();
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card className="section-card" title={t.users.grantTitle} data-testid="user-grant">
      <Typography.Paragraph type="secondary">{t.users.grantIntro}</Typography.Paragraph>
      <Form<GrantForm> form={form} layout="vertical" onFinish={submit} initialValues={{ role: 'viewer' }}>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="username" label={t.users.grantUsername} rules={[{ required: true, whitespace: true, message: t.users.usernameRequired }]}>
              <Input data-testid="user-grant-username" className="mono" maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={5}>
            <Form.Item name="role" label={t.users.role}>
              <Select data-testid="user-grant-role" options={ROLES.map((r) => ({ value: r, label: t.auth.role(r) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="departmentId" label={t.users.department} rules={[{ required: role === 'reporter', message: t.users.departmentRequired }]}>
              <Select data-testid="user-grant-department" allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t.users.departmentPlaceholder} options={departments.map((d) => ({ value: d.id, label: nameOf(lang, d) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={7}>
            <Form.Item name="reason" label={t.users.reason}>
              <Input data-testid="user-grant-reason" maxLength={500} placeholder={t.users.reasonPlaceholder} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="user-grant-submit">
          {t.users.grant}
        </Button>
        {error && (
          <div style={{ marginTop: 12 }}>
            <RefusedAlert error={error} testId="user-grant-error" title={t.users.grantRefused} />
          </div>
        )}
      </Form>
    </Card>
  );
}

/**
 * The responsible units of the plan, with the indicators they report and their accounts. Units are plan data
 * (departments.yaml): they are changed in the plan folder, not here, so that every change is validated and versioned.
 */
function DepartmentsCard({ departments, users }: { departments: Department[]; users: User[] }) {
  const { t, lang } = useI18n();
  const terms = usePlanTerms();
  const indicators = useApi('indicators', api.indicators);
  const codesOf = (id: string) => (indicators.data?.indicators ?? []).filter((x) => x.departmentIds.includes(id)).map((x) => x.code);
  const columns: TableColumnsType<Department> = [
    { title: t.users.department, key: 'name', render: (_, d) => nameOf(lang, d) },
    { title: t.users.kind, dataIndex: 'kind', width: 150, render: (k: string) => t.users.kindLabel(k, terms) },
    { title: t.users.indicatorsOf, key: 'codes', render: (_, d) => codesOf(d.id).join('、') || t.users.none },
    { title: t.users.accounts, key: 'accounts', width: 200, render: (_, d) => users.filter((u) => u.departmentId === d.id).map((u) => u.username).join('、') || t.users.none },
  ];
  return (
    <Card className="section-card" title={t.users.departmentsTitle} data-testid="departments-card">
      <Typography.Paragraph type="secondary">{t.users.departmentsIntro}</Typography.Paragraph>
      <Table<Department> data-testid="departments-table" rowKey="id" size="small" pagination={false} columns={columns} dataSource={departments} />
    </Card>
  );
}

interface EditForm {
  displayName: string;
  role: Role;
  departmentId?: string | null;
  reason?: string;
}

/**
 * One account's actions: edit (role, department, name), disable/enable, reset the password (shown once). The
 * server checks every rule again (403 for non-administrators, OWN_ACCOUNT, LAST_ADMIN, DEPARTMENT_REQUIRED) and its
 * refusal is shown as it words it; here one's own row simply offers no role change or disabling.
 */
function UserActions({ target, self, departments, onChanged }: { target: User; self: boolean; departments: Department[]; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const { message, modal } = AntApp.useApp();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [form] = Form.useForm<EditForm>();
  const role = Form.useWatch('role', form);
  const refusedMessage = (e: ApiError) => (lang === 'en' ? e.messageEn ?? e.messageZh : e.messageZh ?? e.messageEn) ?? `HTTP ${e.statusCode}`;

  const change = async (changes: UserChanges) => {
    setBusy(true);
    try {
      const r = await api.updateUser(target.id, changes);
      message.success(r.changed.length ? t.users.saved(target.username) : t.users.noChange);
      onChanged();
      return true;
    } catch (e) {
      const err = asError(e);
      if (err.statusCode !== 401) message.error(`${t.users.changeRefused}：${refusedMessage(err)}`);
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const reset = async () => {
    setBusy(true);
    try {
      const r = await api.resetPassword(target.id);
      modal.success({
        title: t.users.resetDone(target.username),
        content: (
          <div data-testid="user-reset-done">
            {t.users.resetPasswordText}{' '}
            <Typography.Text code copyable className="mono" data-testid="user-reset-password">
              {r.password}
            </Typography.Text>
          </div>
        ),
      });
      onChanged();
    } catch (e) {
      const err = asError(e);
      if (err.statusCode !== 401) message.error(`${t.users.changeRefused}：${refusedMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async () => {
    setBusy(true);
    try {
      await api.revokeRole(target.username);
      void message.success(t.users.revoked(target.username));
      onChanged();
    } catch (e) {
      const err = asError(e);
      if (err.statusCode !== 401) message.error(`${t.users.changeRefused}：${refusedMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };
  const departmentOptions = departments.map((d) => ({ value: d.id, label: nameOf(lang, d) }));
  return (
    <Space size={4} wrap data-testid={`user-actions-${target.username}`}>
      <Button
        size="small"
        data-testid={`user-edit-${target.username}`}
        onClick={() => {
          setError(null);
          form.setFieldsValue({ displayName: target.displayName, role: target.role, departmentId: target.departmentId, reason: '' });
          setEditing(true);
        }}
      >
        {t.users.edit}
      </Button>
      {self ? (
        <Tooltip title={t.users.selfHint}>
          <Typography.Text type="secondary" data-testid="user-self">
            {t.users.self}
          </Typography.Text>
        </Tooltip>
      ) : (
        <>
          <Popconfirm
            title={target.disabled ? t.users.enableConfirm(target.username) : t.users.disableConfirm(target.username)}
            onConfirm={() => change({ disabled: !target.disabled })}
            okButtonProps={{ 'data-testid': 'user-toggle-ok' } as ButtonProps}
          >
            <Button size="small" danger={!target.disabled} loading={busy} data-testid={`user-toggle-${target.username}`}>
              {target.disabled ? t.users.enable : t.users.disable}
            </Button>
          </Popconfirm>
          <Popconfirm title={t.users.resetConfirm(target.username)} onConfirm={reset} okButtonProps={{ 'data-testid': 'user-reset-ok' } as ButtonProps}>
            <Button size="small" loading={busy} data-testid={`user-reset-${target.username}`}>
              {t.users.resetPassword}
            </Button>
          </Popconfirm>
          <Popconfirm title={t.users.revokeConfirm(target.username)} onConfirm={revoke} okButtonProps={{ 'data-testid': 'user-revoke-ok' } as ButtonProps}>
            <Button size="small" danger loading={busy} data-testid={`user-revoke-${target.username}`}>
              {t.users.revoke}
            </Button>
          </Popconfirm>
        </>
      )}
      <Modal
        open={editing}
        title={t.users.editTitle(target.username)}
        okText={t.users.save}
        confirmLoading={busy}
        onCancel={() => setEditing(false)}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'user-edit-save' } as ButtonProps}
        destroyOnHidden
      >
        <Form<EditForm>
          form={form}
          layout="vertical"
          data-testid="user-edit-form"
          onFinish={async (v) => {
            const changes: UserChanges = {};
            if (v.displayName.trim() !== target.displayName) changes.displayName = v.displayName.trim();
            if (v.role !== target.role) changes.role = v.role;
            if ((v.departmentId ?? null) !== target.departmentId) changes.departmentId = v.departmentId ?? null;
            if (v.reason?.trim()) changes.reason = v.reason.trim();
            if (await change(changes)) setEditing(false);
          }}
        >
          <Form.Item name="displayName" label={t.users.displayName} rules={[{ required: true, whitespace: true, message: t.users.displayNameRequired }, { max: 100 }]}>
            <Input data-testid="user-edit-name" maxLength={100} />
          </Form.Item>
          <Form.Item name="role" label={t.users.role} extra={self ? t.users.selfHint : undefined}>
            <Select data-testid="user-edit-role" disabled={self} options={ROLES.map((r) => ({ value: r, label: t.auth.role(r) }))} />
          </Form.Item>
          <Form.Item name="departmentId" label={t.users.department} rules={[{ required: role === 'reporter', message: t.users.departmentRequired }]}>
            <Select data-testid="user-edit-department" allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t.users.departmentPlaceholder} options={departmentOptions} />
          </Form.Item>
          <Form.Item name="reason" label={t.users.reason}>
            <Input data-testid="user-edit-reason" maxLength={500} placeholder={t.users.reasonPlaceholder} />
          </Form.Item>
          {error && <RefusedAlert error={error} testId="user-edit-error" title={t.users.changeRefused} />}
        </Form>
      </Modal>
    </Space>
  );
}

const ROLE_COLOURS: Record<Role, string> = { admin: 'volcano', reviewer: 'blue', reporter: 'green', viewer: 'default' };
