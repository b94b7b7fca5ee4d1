import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { BrowserRouter, Link, Route, Routes, useLocation } from 'react-router-dom';
import { App as AntApp, ConfigProvider, Layout, Menu, Segmented, Select, Typography } from 'antd';
import { api } from './api.js';
import { antdLocales } from './antdLocale.js';
import { AuthProvider, useAuth } from './auth.js';
import { FONT_FAMILY } from './fonts.js';
import { I18nContext, initialLang, LANG_STORAGE_KEY, messages, useI18n, type I18n, type Lang } from './i18n.js';
import { useApi } from './useApi.js';
import { CHOSEN_PLAN, ROUTER_BASENAME, switchPlan } from './plan.js';
import { Loading, NotFound } from './components/Status.js';
import { UserMenu } from './components/UserMenu.js';

// Each page is its own chunk, fetched when first visited: the first page no longer loads every page's code (and
// ECharts only with a page that draws a chart).
const Overview = lazy(() => import('./pages/Overview.js').then((m) => ({ default: m.Overview })));
const Indicators = lazy(() => import('./pages/Indicators.js').then((m) => ({ default: m.Indicators })));
const IndicatorDetail = lazy(() => import('./pages/IndicatorDetail.js').then((m) => ({ default: m.IndicatorDetail })));
const Evaluation = lazy(() => import('./pages/Evaluation.js').then((m) => ({ default: m.Evaluation })));
const Projects = lazy(() => import('./pages/Projects.js').then((m) => ({ default: m.Projects })));
const ProjectDetail = lazy(() => import('./pages/ProjectDetail.js').then((m) => ({ default: m.ProjectDetail })));
const Login = lazy(() => import('./pages/Login.js').then((m) => ({ default: m.Login })));
const AdminUsers = lazy(() => import('./pages/AdminUsers.js').then((m) => ({ default: m.AdminUsers })));
const Rounds = lazy(() => import('./pages/Rounds.js').then((m) => ({ default: m.Rounds })));
const RoundDetail = lazy(() => import('./pages/RoundDetail.js').then((m) => ({ default: m.RoundDetail })));
const AirStations = lazy(() => import('./pages/monitoring/AirStations.js').then((m) => ({ default: m.AirStations })));
const AirStation = lazy(() => import('./pages/monitoring/AirStation.js').then((m) => ({ default: m.AirStation })));
const Water = lazy(() => import('./pages/monitoring/Water.js').then((m) => ({ default: m.Water })));
const GepAccount = lazy(() => import('./pages/gep/Account.js').then((m) => ({ default: m.GepAccount }))); // GEP
const GepCompare = lazy(() => import('./pages/gep/Compare.js').then((m) => ({ default: m.GepCompare })));
const GepInputs = lazy(() => import('./pages/gep/Inputs.js').then((m) => ({ default: m.GepInputs })));
const GepCompensation = lazy(() => import('./pages/gep/Compensation.js').then((m) => ({ default: m.GepCompensation })));
const GepBalanceSheet = lazy(() => import('./pages/gep/BalanceSheet.js').then((m) => ({ default: m.GepBalanceSheet })));
const CarbonInventory = lazy(() => import('./pages/carbon/Inventory.js').then((m) => ({ default: m.Inventory })));
const CarbonIntensity = lazy(() => import('./pages/carbon/Intensity.js').then((m) => ({ default: m.Intensity })));
const CarbonScenarios = lazy(() => import('./pages/carbon/Scenarios.js').then((m) => ({ default: m.Scenarios })));
const PortalDocuments = lazy(() => import('./pages/portal/Documents.js').then((m) => ({ default: m.PortalDocuments }))); // the public portal
const Revisions = lazy(() => import('./pages/revisions/Revisions.js').then((m) => ({ default: m.Revisions }))); // plan revisions
const PlanDrafts = lazy(() => import('./pages/planAdmin/PlanDrafts.js').then((m) => ({ default: m.PlanDrafts }))); // plans uploaded in the console
const Assessment = lazy(() => import('./pages/assessment/Assessment.js').then((m) => ({ default: m.Assessment })));
const CarbonData = lazy(() => import('./pages/carbon/DataPage.js').then((m) => ({ default: m.DataPage })));
const Surveys = lazy(() => import('./pages/survey/Surveys.js').then((m) => ({ default: m.Surveys }))); // the public survey
const SurveyPage = lazy(() => import('./pages/survey/Survey.js').then((m) => ({ default: m.Survey })));

const { Header, Sider, Content, Footer } = Layout;

const THEME = {
  token: { colorPrimary: '#1a7f5a', colorLink: '#1a6fa8', fontFamily: FONT_FAMILY, borderRadius: 6 },
  components: {
    Layout: { headerBg: '#0f4c36', siderBg: '#ffffff', bodyBg: '#f3f5f4', headerHeight: 60, headerPadding: '0 24px' },
    Table: { headerBg: '#f2f7f4' },
    Menu: { itemSelectedBg: '#e3f2ea', itemSelectedColor: '#0f6b48', itemHoverBg: '#f0f7f3' },
  },
};

const REDUCE_MOTION = '(prefers-reduced-motion: reduce)';

/** Whether the user asked their system for less motion; follows the setting when it changes. */
function usePrefersReducedMotion(): boolean {
  const [reduced, setReduced] = useState(() => typeof window !== 'undefined' && window.matchMedia?.(REDUCE_MOTION).matches === true);
  useEffect(() => {
    const query = window.matchMedia?.(REDUCE_MOTION);
    if (!query) return;
    const follow = () => setReduced(query.matches);
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);
  return reduced;
}

function Logo() {
  return (
    <svg width="30" height="30" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="#ffffff" fillOpacity="0.16" />
      <path d="M8 23c0-9 6.5-14 16-14-1 9-6.5 14-16 14z" fill="#8fe3b7" />
      <path d="M8 23c4-5 7.5-8 12-10" stroke="#0f4c36" strokeWidth="1.4" fill="none" />
    </svg>
  );
}

/**
 * The plans the signed-in account holds roles in, to choose from; shown only when there are several. Choosing one
 * loads the console again at that plan's address (web/src/plan.ts), so every page and cache starts over for it.
 */
function PlanSwitcher() {
  const { t, lang } = useI18n();
  const { account, user } = useAuth();
  const location = useLocation();
  const roles = account?.roles ?? [];
  // Signed in, but no role in the default plan the address implies: open the first plan the account works in.
  const elsewhere = account && !user && !CHOSEN_PLAN ? (account.roles[0]?.planId ?? null) : null;
  useEffect(() => {
    if (elsewhere) switchPlan(elsewhere, location.pathname);
  }, [elsewhere, location.pathname]);
  if (roles.length < 2) return null;
  const current = CHOSEN_PLAN ?? user?.planId;
  return (
    <Select
      className="plan-switch"
      data-testid="plan-switch"
      aria-label={t.app.planSwitch}
      placeholder={t.app.planSwitch}
      popupMatchSelectWidth={false}
      value={roles.some((g) => g.planId === current) ? current : undefined}
      onChange={(planId: string) => planId !== current && switchPlan(planId, location.pathname)}
      options={roles.map((g) => ({ value: g.planId, label: <span data-testid={`plan-option-${g.planId}`}>{lang === 'en' ? g.planNameEn : g.planName}</span> }))}
    />
  );
}

function Shell() {
  const { t, lang, setLang } = useI18n();
  const location = useLocation();
  const { user } = useAuth();
  const plan = useApi('plan', api.plan);
  const section = location.pathname.split('/')[1] || 'overview';

  const menuItems = [
    { key: 'overview', label: <Link to="/">{t.menu.overview}</Link> },
    { key: 'indicators', label: <Link to="/indicators">{t.menu.indicators}</Link> },
    { key: 'evaluation', label: <Link to="/evaluation">{t.menu.evaluation}</Link> },
    { key: 'assessment', label: <Link to="/assessment" data-testid="menu-assessment">{t.menu.assessment}</Link> },
    { key: 'projects', label: <Link to="/projects">{t.menu.projects}</Link> },
    { key: 'revisions', label: <Link to="/revisions" data-testid="menu-revisions">{t.menu.revisions}</Link> },
    { key: 'monitoring', label: <Link to="/monitoring/air" data-testid="menu-monitoring">{t.menu.monitoring}</Link> },
    { key: 'gep', label: <Link to="/gep" data-testid="menu-gep">{t.menu.gep}</Link> },
    // The carbon accounts need a signed-in user (the API refuses visitors): not offered in the public menu.
    ...(user ? [{ key: 'carbon', label: <Link to="/carbon" data-testid="menu-carbon">{t.menu.carbon}</Link> }] : []),
    ...(user ? [{ key: 'rounds', label: <Link to="/rounds" data-testid="menu-rounds">{t.menu.rounds}</Link> }] : []),
    ...(user?.role === 'admin' || user?.role === 'reviewer'
      ? [{ key: 'portal-documents', label: <Link to="/portal-documents" data-testid="menu-portal-documents">{lang === 'en' ? 'Portal documents' : '信息公开文件'}</Link> }]
      : []),
    ...(user && user.role !== 'reporter' ? [{ key: 'surveys', label: <Link to="/surveys" data-testid="menu-surveys">{t.menu.surveys}</Link> }] : []),
    ...(user?.role === 'admin'
      ? [
          { key: 'admin-users', label: <Link to="/admin-users" data-testid="menu-users">{t.menu.users}</Link> },
          { key: 'plan-admin', label: <Link to="/plan-admin" data-testid="menu-plan-admin">{t.menu.planAdmin}</Link> },
        ]
      : []),
  ];
  const planName = plan.data ? (lang === 'en' ? plan.data.meta.nameEn : plan.data.meta.shortName) : '';

  return (
    <Layout className="shell">
      <Header className="shell-header">
        <Link to="/" className="brand">
          <Logo />
          <span className="brand-name" data-testid="product-name">
            {t.app.productName}
          </span>
        </Link>
        {planName && (
          <span className="plan-name" data-testid="plan-short-name">
            {planName}
          </span>
        )}
        <div className="header-spacer" />
        <PlanSwitcher />
        <Segmented<Lang>
          aria-label={t.app.language}
          data-testid="lang-switch"
          value={lang}
          onChange={setLang}
          options={[
            { label: t.app.langZh, value: 'zh' },
            { label: t.app.langEn, value: 'en' },
          ]}
        />
        <UserMenu />
      </Header>
      <Layout>
        <Sider width={180} breakpoint="lg" collapsedWidth={0} className="shell-sider">
          <Menu mode="inline" selectedKeys={[section]} items={menuItems} className="shell-menu" />
        </Sider>
        <Layout>
          <Content className="shell-content">
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route path="/" element={<Overview />} />
                <Route path="/indicators" element={<Indicators />} />
                <Route path="/indicators/:code" element={<IndicatorDetail />} />
                <Route path="/evaluation" element={<Evaluation />} />
                <Route path="/assessment" element={<Assessment />} />
                <Route path="/revisions" element={<Revisions />} />
                <Route path="/plan-admin" element={<PlanDrafts />} />
                <Route path="/projects" element={<Projects />} />
                <Route path="/projects/:no" element={<ProjectDetail />} />
                <Route path="/login" element={<Login />} />
                <Route path="/admin-users" element={<AdminUsers />} />
                <Route path="/portal-documents" element={<PortalDocuments />} />
                <Route path="/rounds" element={<Rounds />} />
                <Route path="/rounds/:year" element={<RoundDetail />} />
                <Route path="/monitoring/air" element={<AirStations />} />
                <Route path="/monitoring/air/:code" element={<AirStation />} />
                <Route path="/monitoring/water" element={<Water />} />
                <Route path="/gep" element={<GepAccount />} />
                <Route path="/gep/compare" element={<GepCompare />} />
                <Route path="/gep/inputs" element={<GepInputs />} />
                <Route path="/gep/compensation" element={<GepCompensation />} />
                <Route path="/gep/balance" element={<GepBalanceSheet />} />
                <Route path="/carbon" element={<CarbonInventory />} />
                <Route path="/carbon/intensity" element={<CarbonIntensity />} />
                <Route path="/carbon/scenarios" element={<CarbonScenarios />} />
                <Route path="/carbon/data" element={<CarbonData />} />
                <Route path="/surveys" element={<Surveys />} />
                <Route path="/surveys/:id" element={<SurveyPage />} />
                <Route path="*" element={<NotFound />} />
              </Routes>
            </Suspense>
          </Content>
          <Footer className="shell-footer">
            <Typography.Text type="secondary">{t.app.footer}</Typography.Text>
          </Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const i18n = useMemo<I18n>(
    () => ({
      lang,
      t: messages[lang],
      setLang: (next: Lang) => {
        setLangState(next);
        try {
          localStorage.setItem(LANG_STORAGE_KEY, next);
        } catch {
          // Private browsing may refuse storage; the switch still works for this visit.
        }
      },
    }),
    [lang],
  );

  // The system's 减少动态效果 / reduce-motion setting (WCAG 2.3.3): no zooming dialogs, sliding drawers or click waves.
  const reducedMotion = usePrefersReducedMotion();
  const theme = useMemo(() => (reducedMotion ? { ...THEME, token: { ...THEME.token, motion: false } } : THEME), [reducedMotion]);

  useEffect(() => {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.title = messages[lang].app.productName;
  }, [lang]);

  return (
    <I18nContext.Provider value={i18n}>
      <ConfigProvider locale={antdLocales[lang]} theme={theme} button={{ autoInsertSpace: false }} wave={{ disabled: reducedMotion }}>
        <AntApp>
          <BrowserRouter basename={ROUTER_BASENAME}>
            <AuthProvider>
              <Shell />
            </AuthProvider>
          </BrowserRouter>
        </AntApp>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}
