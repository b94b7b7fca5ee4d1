// Pieces shared by the carbon pages: the page switch, the choices kept in the address (?year=&region=&gwp=&grid=),
// region names in the current language, number formatting, the sign-in gate and the demo banner.
import { useMemo, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Segmented, Select, Space, Typography } from 'antd';
import { api } from '../../api.js';
import { SignInRequired, useAuth } from '../../auth.js';
import { PageHead } from '../../components/PageHead.js';
import { Loading } from '../../components/Status.js';
import { useApi } from '../../useApi.js';
import { useCarbonText } from './strings.js';
import type { GridLevel, GwpSet } from './types.js';
import './carbon.css';

export type CarbonPage = 'inventory' | 'intensity' | 'scenarios' | 'data';

const PATHS: Record<CarbonPage, string> = { inventory: '/carbon', intensity: '/carbon/intensity', scenarios: '/carbon/scenarios', data: '/carbon/data' };
const GWP_SETS: GwpSet[] = ['SAR', 'AR4', 'AR5', 'AR6'];

export interface CarbonChoices {
  year: number | null;
  region: string | null;
  gwp: GwpSet;
  grid: GridLevel;
}

/** The choices in the address; unknown values fall back to the API's defaults (AR5, national grid, the city). */
export function useChoices(): [CarbonChoices, (patch: Partial<Record<keyof CarbonChoices, string | number>>) => void] {
  const [params, setParams] = useSearchParams();
  const y = Number(params.get('year'));
  const gwp = params.get('gwp') as GwpSet | null;
  const grid = params.get('grid');
  const choices: CarbonChoices = {
    year: Number.isInteger(y) && y >= 2005 && y <= 2060 ? y : null,
    region: params.get('region') || null,
    gwp: gwp && GWP_SETS.includes(gwp) ? gwp : 'AR5',
    grid: grid === 'south' ? 'south' : 'national',
  };
  const set = (patch: Partial<Record<keyof CarbonChoices, string | number>>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(patch)) next.set(k, String(v));
        return next;
      },
      { replace: true },
    );
  return [choices, set];
}

/** The address of another carbon page, keeping the choices. */
function pathOf(page: CarbonPage, search: URLSearchParams): string {
  const s = search.toString();
  return s ? `${PATHS[page]}?${s}` : PATHS[page];
}

export function CarbonNav({ current }: { current: CarbonPage }) {
  const { c } = useCarbonText();
  const [params] = useSearchParams();
  const pages: CarbonPage[] = ['inventory', 'intensity', 'scenarios', 'data'];
  return (
    <Segmented<CarbonPage>
      data-testid="carbon-nav"
      value={current}
      options={pages.map((p) => ({ value: p, label: <Link to={pathOf(p, params)} data-testid={`carbon-nav-${p}`}>{c.nav[p]}</Link> }))}
    />
  );
}

/**
 * The page frame as on the other console pages (PageHead): the section's title with the page switch beside it and
 * the filters the page uses in its body; the page's own content only for a signed-in user.
 */
export function CarbonFrame({ page, filters, children }: { page: CarbonPage; filters?: ReactNode; children: ReactNode }) {
  const { c } = useCarbonText();
  const { status } = useAuth();
  const signedIn = status !== 'loading' && status !== 'signedOut';
  return (
    <div className="page carbon-page" data-testid={`carbon-${page}`}>
      <PageHead title={<span data-testid="carbon-title">{c.title}</span>} nav={<CarbonNav current={page} />} testId="carbon-header">
        {signedIn && filters ? <div className="carbon-filters">{filters}</div> : null}
      </PageHead>
      {status === 'loading' ? <Loading /> : status === 'signedOut' ? <SignInRequired testId="carbon-sign-in" /> : <div className="carbon-body">{children}</div>}
    </div>
  );
}

/** Region code → name in the current language, and the plan's regions (city first). */
export function useRegions(): { name: (code: string) => string; options: { value: string; label: string }[]; city: string | null } {
  const { lang } = useCarbonText();
  const plan = useApi('plan', api.plan);
  const regions = plan.data?.regions;
  // The plan's own region (a city's, or a county plan's county), first; then the others in code order.
  const own = plan.data?.meta.region ?? null;
  return useMemo(() => {
    const list = regions ?? [];
    const name = (code: string) => {
      const r = list.find((x) => x.code === code);
      return r ? (lang === 'en' && r.nameEn ? r.nameEn : r.name) : code;
    };
    const sorted = [...list].sort((a, b) => (a.code === own ? -1 : b.code === own ? 1 : a.code.localeCompare(b.code)));
    return { name, options: sorted.map((r) => ({ value: r.code, label: name(r.code) })), city: own && list.some((r) => r.code === own) ? own : null };
  }, [regions, lang, own]);
}

export function YearSelect({ value, years, onChange }: { value: number; years: number[]; onChange: (y: number) => void }) {
  const { c } = useCarbonText();
  const options = (years.includes(value) ? years : [...years, value].sort()).map((y) => ({ value: y, label: c.yearOption(y) }));
  return (
    <Space size={6}>
      <Typography.Text type="secondary">{c.year}</Typography.Text>
      <Select<number> data-testid="carbon-year" value={value} onChange={onChange} options={options} style={{ width: 100 }} />
    </Space>
  );
}

export function RegionSelect({ value, onChange, all }: { value: string; onChange: (code: string) => void; all?: string }) {
  const { c } = useCarbonText();
  const { options: regions } = useRegions();
  const options = all ? [{ value: '', label: all }, ...regions] : regions;
  return (
    <Space size={6}>
      <Typography.Text type="secondary">{c.region}</Typography.Text>
      <Select<string> data-testid="carbon-region" value={value} onChange={onChange} options={options} style={{ width: 150 }} />
    </Space>
  );
}

export function GwpSelect({ value, onChange, sets }: { value: GwpSet; onChange: (g: GwpSet) => void; sets?: Partial<Record<GwpSet, { CH4: number; N2O: number; source: string }>> }) {
  const { c } = useCarbonText();
  return (
    <Space size={6}>
      <Typography.Text type="secondary">{c.gwp}</Typography.Text>
      <Select<GwpSet>
        data-testid="carbon-gwp"
        value={value}
        onChange={onChange}
        style={{ width: 230 }}
        options={GWP_SETS.map((g) => ({ value: g, label: sets?.[g] ? `${g}（CH₄ ${sets[g]!.CH4} · N₂O ${sets[g]!.N2O}）` : g }))}
      />
    </Space>
  );
}

export function GridSelect({ value, onChange }: { value: GridLevel; onChange: (g: GridLevel) => void }) {
  const { c } = useCarbonText();
  return (
    <Space size={6}>
      <Typography.Text type="secondary">{c.grid}</Typography.Text>
      <Select<GridLevel>
        data-testid="carbon-grid"
        value={value}
        onChange={onChange}
        style={{ width: 120 }}
        options={(['national', 'south'] as const).map((g) => ({ value: g, label: c.gridLevel[g] }))}
      />
    </Space>
  );
}

/** Tonnes → 万吨 with one decimal, grouped in the current language. */
export function useFormat() {
  const { lang } = useCarbonText();
  const locale = lang === 'en' ? 'en-US' : 'zh-CN';
  return useMemo(
    () => ({
      wan: (t: number) => (t / 1e4).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      num: (x: number, digits = 2) => x.toLocaleString(locale, { maximumFractionDigits: digits }),
      fixed: (x: number, digits: number) => x.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
      pct: (x: number) => `${(x * 100).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`,
    }),
    [locale],
  );
}

export function DemoBanner({ show }: { show: boolean }) {
  const { c } = useCarbonText();
  if (!show) return null;
  return <Alert className="carbon-gap-bottom" type="warning" showIcon data-testid="carbon-demo" title={c.demoBanner} />;
}

/** The demo rows' source text (src/demo/carbon.ts): a line computed from them is demo data. */
export const isDemoSource = (source: string) => source.startsWith('示例数据');

/** The API's message in the current language. */
export function say(lang: string, m: { message?: string; messageEn?: string; zh?: string; en?: string }): string {
  return (lang === 'en' ? (m.messageEn ?? m.en) : (m.message ?? m.zh)) ?? m.message ?? m.zh ?? '';
}
