// Pieces shared by the GEP pages: the page switch, region and year in the address (?region=&year=), the years
// that have an extent (from the entered facts), the demo banner and number formatting.
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Segmented, Select, Space, Typography } from 'antd';
import { api } from '../../api.js';
import { PageHead } from '../../components/PageHead.js';
import { useApi } from '../../useApi.js';
import type { Lang } from '../../i18n.js';
import type { Region } from '../../types.js';
import { gepApi } from './api.js';
import { useGepStrings } from './strings.js';

export type GepPage = 'account' | 'compare' | 'inputs' | 'compensation' | 'balance';
const PAGES: GepPage[] = ['account', 'compare', 'inputs', 'compensation', 'balance'];

/** The switch between the GEP pages, keeping region and year. */
export function GepNav({ current }: { current: GepPage }) {
  const { s } = useGepStrings();
  const [params] = useSearchParams();
  const keep = new URLSearchParams();
  for (const k of ['region', 'year']) {
    const v = params.get(k);
    if (v) keep.set(k, v);
  }
  const q = keep.toString() ? `?${keep.toString()}` : '';
  return (
    <Segmented<GepPage>
      data-testid="gep-nav"
      value={current}
      options={PAGES.map((p) => ({
        value: p,
        label: (
          <Link to={`/gep${p === 'account' ? '' : `/${p}`}${q}`} data-testid={`gep-nav-${p}`}>
            {s.nav[p]}
          </Link>
        ),
      }))}
    />
  );
}

/** The page's head as on the other console pages (PageHead): title, the GEP page switch and actions, the filters in its body. */
export function GepHeader({ current, title, extra, children }: { current: GepPage; title: string; extra?: React.ReactNode; children?: React.ReactNode }) {
  return (
    <PageHead title={<span data-testid="gep-title">{title}</span>} nav={<GepNav current={current} />} extra={extra} testId="gep-header">
      {children}
    </PageHead>
  );
}

/** One search parameter as a state, written back with replace (the back button leaves the page, not the choice). */
export function useParam(name: string): [string | null, (v: string | number | null) => void] {
  const [params, setParams] = useSearchParams();
  const set = (v: string | number | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (v === null || v === '') next.delete(name);
        else next.set(name, String(v));
        return next;
      },
      { replace: true },
    );
  return [params.get(name), set];
}

export interface ExtentIndex {
  /** Years with an extent of any region, newest first. */
  years: number[];
  yearsOf: (region: string) => number[];
  isDemo: (region: string, year: number) => boolean;
}

/** Which regions have an extent in which years (the accounts need one), and whether it is demo data. */
export function useExtentIndex(version = 0) {
  const state = useApi(`gep-extent-index:${version}`, () => gepApi.inputs({ kind: 'extent' }));
  const index = useMemo<ExtentIndex | undefined>(() => {
    if (!state.data) return undefined;
    const byRegion = new Map<string, Set<number>>();
    const demo = new Set<string>();
    for (const f of state.data.facts) {
      const set = byRegion.get(f.region) ?? new Set<number>();
      set.add(f.year);
      byRegion.set(f.region, set);
      if (f.isDemo) demo.add(`${f.region}|${f.year}`);
    }
    const all = new Set<number>();
    for (const set of byRegion.values()) for (const y of set) all.add(y);
    const desc = (xs: Iterable<number>) => [...xs].sort((a, b) => b - a);
    return { years: desc(all), yearsOf: (r) => desc(byRegion.get(r) ?? []), isDemo: (r, y) => demo.has(`${r}|${y}`) };
  }, [state.data]);
  return { ...state, index };
}

export function useRegions(): Region[] | undefined {
  return useApi('plan', api.plan).data?.regions;
}

/** Region and year from the address, defaulting to the plan's region and the latest year with an extent. */
export function useRegionYear(index: ExtentIndex | undefined, regions: Region[] | undefined) {
  const [regionParam, setRegion] = useParam('region');
  const [yearParam, setYear] = useParam('year');
  const region = regionParam && regions?.some((r) => r.code === regionParam) ? regionParam : (regions?.find((r) => r.level === 'city')?.code ?? regions?.[0]?.code ?? null);
  const years = region && index ? index.yearsOf(region) : [];
  const asked = Number(yearParam);
  const year = years.includes(asked) ? asked : (years[0] ?? null);
  return { region, year, years, setRegion, setYear };
}

export function regionLabel(lang: Lang, r: Region): string {
  return lang === 'en' && r.nameEn ? r.nameEn : r.name;
}

export function RegionPicker({ regions, value, onChange, only, testId = 'gep-region' }: { regions: Region[]; value: string | null; onChange: (v: string) => void; only?: string[]; testId?: string }) {
  const { s, lang } = useGepStrings();
  const list = only ? regions.filter((r) => only.includes(r.code)) : regions;
  return (
    <Space size={8}>
      <Typography.Text type="secondary">{s.region}</Typography.Text>
      <Select<string>
        data-testid={testId}
        value={value ?? undefined}
        onChange={onChange}
        style={{ width: 150 }}
        options={list.map((r) => ({ value: r.code, label: regionLabel(lang, r) }))}
      />
    </Space>
  );
}

export function YearSelect({ years, value, onChange, label, testId = 'gep-year' }: { years: number[]; value: number | null; onChange: (y: number) => void; label?: string; testId?: string }) {
  const { s } = useGepStrings();
  return (
    <Space size={8}>
      <Typography.Text type="secondary">{label ?? s.year}</Typography.Text>
      <Select<number>
        data-testid={testId}
        value={value ?? undefined}
        onChange={onChange}
        style={{ width: 110 }}
        options={years.map((y) => ({ value: y, label: s.yearOption(y) }))}
      />
    </Space>
  );
}

export function DemoBanner({ show }: { show: boolean }) {
  const { s } = useGepStrings();
  if (!show) return null;
  return <Alert type="warning" showIcon className="gep-demo" data-testid="gep-demo-banner" title={s.demoBanner} description={s.demoText} />;
}

const locale = (lang: Lang) => (lang === 'en' ? 'en' : 'zh-CN');

export function fmtNum(lang: Lang, v: number | null | undefined, digits?: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return v.toLocaleString(locale(lang), digits === undefined ? { maximumFractionDigits: 4 } : { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** An exact decimal text with thousands separators, keeping every digit the API sent ("1234567.80" → "1,234,567.80"). */
export function fmtExact(text: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!m) return text;
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

/** 元 text → 万元 for reading (two decimals). */
export const wan = (lang: Lang, yuan: string) => fmtNum(lang, Number(yuan) / 1e4, 2);
/** 亿元 text as a number for charts. */
export const yiNumber = (yi: string) => Number(yi);
