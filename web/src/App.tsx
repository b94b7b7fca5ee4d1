import { useEffect, useMemo, useState } from 'react';
import { BrowserRouter, Link, Route, Routes, useLocation } from 'react-router-dom';
import { App as AntApp, ConfigProvider, Layout, Menu, Segmented, Typography } from 'antd';
import { api } from './api.js';
import { antdLocales } from './antdLocale.js';
import { AuthProvider, useAuth } from './auth.js';
import { FONT_FAMILY } from './echarts.js';
import { I18nContext, initialLang, LANG_STORAGE_KEY, messages, useI18n, type I18n, type Lang } from './i18n.js';
import { useApi } from './useApi.js';
import { Overview } from './pages/Overview.js';
import { Indicators } from './pages/Indicators.js';
import { IndicatorDetail } from './pages/IndicatorDetail.js';
import { Evaluation } from './pages/Evaluation.js';
import { Projects } from './pages/Projects.js';
import { ProjectDetail } from './pages/ProjectDetail.js';
import { Login } from './pages/Login.js';
import { AdminUsers } from './pages/AdminUsers.js';
import { Rounds } from './pages/Rounds.js';
import { RoundDetail } from './pages/RoundDetail.js';
import { AirStations } from './pages/monitoring/AirStations.js';
import { AirStation } from './pages/monitoring/AirStation.js';
import { Water } from './pages/monitoring/Water.js';
import { GepAccount } from './pages/gep/Account.js'; // issue 8: GEP
import { GepCompare } from './pages/gep/Compare.js';
import { GepInputs } from './pages/gep/Inputs.js';
import { GepCompensation } from './pages/gep/Compensation.js';
import { GepBalanceSheet } from './pages/gep/BalanceSheet.js';
import { Inventory as CarbonInventory } from './pages/carbon/Inventory.js';
import { Intensity as CarbonIntensity } from './pages/carbon/Intensity.js';
import { Scenarios as CarbonScenarios } from './pages/carbon/Scenarios.js';
import { DataPage as CarbonData } from './pages/carbon/DataPage.js';
import { NotFound } from './components/Status.js';
import { UserMenu } from './components/UserMenu.js';

const { Header, Sider, Content, Footer } = Layout;

const THEME = {
  token: { colorPrimary: '#1a7f5a', colorLink: '#1a6fa8', fontFamily: FONT_FAMILY, borderRadius: 6 },
  components: {
    Layout: { headerBg: '#0f4c36', siderBg: '#ffffff', bodyBg: '#f3f5f4', headerHeight: 60, headerPadding: '0 24px' },
    Table: { headerBg: '#f2f7f4' },
    Menu: { itemSelectedBg: '#e3f2ea', itemSelectedColor: '#0f6b48', itemHoverBg: '#f0f7f3' },
  },
};

function Logo() {
  return (
    <svg width="30" height="30" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="#ffffff" fillOpacity="0.16" />
      <path d="M8 23c0-9 6.5-14 16-14-1 9-6.5 14-16 14z" fill="#8fe3b7" />
      <path d="M8 23c4-5 7.5-8 12-10" stroke="#0f4c36" strokeWidth="1.4" fill="none" />
    </svg>
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
    { key: 'projects', label: <Link to="/projects">{t.menu.projects}</Link> },
    { key: 'monitoring', label: <Link to="/monitoring/air" data-testid="menu-monitoring">{t.menu.monitoring}</Link> },
    { key: 'gep', label: <Link to="/gep" data-testid="menu-gep">{t.menu.gep}</Link> },
    { key: 'carbon', label: <Link to="/carbon" data-testid="menu-carbon">{t.menu.carbon}</Link> },
    ...(user ? [{ key: 'rounds', label: <Link to="/rounds" data-testid="menu-rounds">{t.menu.rounds}</Link> }] : []),
    ...(user?.role === 'admin'
      ? [{ key: 'admin-users', label: <Link to="/admin-users" data-testid="menu-users">{t.menu.users}</Link> }]
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
            <Routes>
              <Route path="/" element={<Overview />} />
              <Route path="/indicators" element={<Indicators />} />
              <Route path="/indicators/:code" element={<IndicatorDetail />} />
              <Route path="/evaluation" element={<Evaluation />} />
              <Route path="/projects" element={<Projects />} />
              <Route path="/projects/:no" element={<ProjectDetail />} />
              <Route path="/login" element={<Login />} />
              <Route path="/admin-users" element={<AdminUsers />} />
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
              <Route path="*" element={<NotFound />} />
            </Routes>
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

  useEffect(() => {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.title = messages[lang].app.productName;
  }, [lang]);

  return (
    <I18nContext.Provider value={i18n}>
      <ConfigProvider locale={antdLocales[lang]} theme={THEME} button={{ autoInsertSpace: false }}>
        <AntApp>
          <BrowserRouter basename="/admin">
            <AuthProvider>
              <Shell />
            </AuthProvider>
          </BrowserRouter>
        </AntApp>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}
