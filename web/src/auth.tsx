// The signed-in user for the whole console. The session is an HttpOnly cookie, so on start-up only the server
// can say who is signed in (/auth/me); the CSRF token it returns is kept in memory (api.ts), never stored.
// Browsing needs no sign-in: the user only decides what can be written.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { App as AntApp, Button, Result } from 'antd';
import { api, ApiError, onSessionEnded, setCsrfToken } from './api.js';
import { useI18n } from './i18n.js';
import { CHOSEN_PLAN } from './plan.js';
import { actingIn, type Account, type Department, type Indicator, type User } from './types.js';
import { governedRegion } from '../../src/plan/model.js';

export interface Auth {
  /** 'loading' until /auth/me has answered. */
  status: 'loading' | 'signedIn' | 'signedOut';
  /** The signed-in account, with its roles in every plan. */
  account: Account | null;
  /** The account acting in the console's plan (web/src/plan.ts); null when signed out or holding no role in it. */
  user: User | null;
  login: (username: string, password: string) => Promise<Account>;
  logout: () => Promise<void>;
  /** The server has already ended the session (password changed): forget it here too. */
  forget: () => void;
}

const AuthContext = createContext<Auth>({
  status: 'signedOut',
  account: null,
  user: null,
  login: () => Promise.reject(new Error('no AuthProvider')),
  logout: () => Promise.resolve(),
  forget: () => {},
});

export function useAuth(): Auth {
  return useContext(AuthContext);
}

/** Where the sign-in page sends the user back to: a path inside the console, never elsewhere nor to itself. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}

/** The sign-in page's address that brings the user back to `path` afterwards. */
export function loginPath(path: string): string {
  const next = safeNext(path);
  return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { modal } = AntApp.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  const [state, setState] = useState<{ status: Auth['status']; account: Account | null }>({ status: 'loading', account: null });

  // Bumped by every sign-in and sign-out: an /auth/me answer asked for before one of them is out of date (a user
  // who signs in before the start-up check has answered must not be signed out again by its late 401).
  const generation = useRef(0);

  useEffect(() => {
    let active = true;
    const asked = generation.current;
    const current = () => active && generation.current === asked;
    api.session().then(
      (s) => {
        if (!current()) return;
        setCsrfToken(s.csrfToken);
        setState(s.user ? { status: 'signedIn', account: s.user } : { status: 'signedOut', account: null });
      },
      () => {
        if (!current()) return;
        setCsrfToken(null);
        setState({ status: 'signedOut', account: null });
      },
    );
    return () => {
      active = false;
    };
  }, []);

  // A write refused with 401: the session is gone. Say so and offer to sign in again, coming back here.
  useEffect(
    () =>
      onSessionEnded(() => {
        generation.current++;
        setCsrfToken(null);
        setState({ status: 'signedOut', account: null });
        modal.confirm({
          title: t.auth.sessionEndedTitle,
          content: t.auth.sessionEndedText,
          okText: t.auth.signInAgain,
          cancelText: t.auth.cancel,
          onOk: () => navigate(loginPath(here)),
        });
      }),
    [modal, navigate, here, t],
  );

  const login = useCallback(async (username: string, password: string) => {
    const s = await api.login(username, password);
    generation.current++;
    setCsrfToken(s.csrfToken);
    setState({ status: 'signedIn', account: s.user });
    return s.user;
  }, []);

  const forget = useCallback(() => {
    generation.current++;
    setCsrfToken(null);
    setState({ status: 'signedOut', account: null });
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch (e) {
      // Already signed out on the server (401): the outcome is the same. Anything else is worth showing.
      if (!(e instanceof ApiError && e.statusCode === 401)) throw e;
    }
    forget();
  }, [forget]);

  const value = useMemo<Auth>(() => ({ ...state, user: state.account ? actingIn(state.account, CHOSEN_PLAN) : null, login, logout, forget }), [state, login, logout, forget]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** Who may enter an indicator, as the server decides it (POST /observations answers OUT_OF_SCOPE otherwise). */
export type EntryScope =
  | { allowed: true; kind: 'all'; regions: null }
  | { allowed: true; kind: 'department'; regions: null; department: Department }
  | { allowed: true; kind: 'region'; regions: string[]; department: Department }
  | { allowed: false; reason: 'viewer' | 'noDepartment' }
  | { allowed: false; reason: 'otherDepartment'; department: Department };

export function entryScope(user: User, departments: Department[], ind: Indicator): EntryScope {
  if (user.role === 'admin' || user.role === 'reviewer') return { allowed: true, kind: 'all', regions: null };
  if (user.role !== 'reporter') return { allowed: false, reason: 'viewer' };
  const department = departments.find((d) => d.id === user.departmentId);
  if (!department) return { allowed: false, reason: 'noDepartment' };
  // A county or town government reports every indicator for its own region; a plan-level department its own
  // indicators everywhere.
  const governed = governedRegion(department);
  if (governed) return { allowed: true, kind: 'region', regions: [governed], department };
  return ind.departmentIds.includes(department.id) ? { allowed: true, kind: 'department', regions: null, department } : { allowed: false, reason: 'otherDepartment', department };
}

/** The page shown to a signed-out visitor where an account is needed, with a button back to sign-in. */
export function SignInRequired({ testId }: { testId: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  return (
    <Result
      status="403"
      title={t.auth.signInRequired}
      subTitle={<span data-testid={testId}>{t.auth.signInToView}</span>}
      extra={
        <Button type="primary" onClick={() => navigate(loginPath(location.pathname))}>
          {t.auth.login}
        </Button>
      }
    />
  );
}
