// Pieces shared by the monitoring pages: the year in the address (?year=), the air/water switch, region names in
// the current language, number formatting and the annual air statistics table.
import { useEffect, useMemo, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Button, Popover, Segmented, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../../api.js';
import { useApi } from '../../useApi.js';
import { monitoringApi } from './api.js';
import type { Lang } from '../../i18n.js';
import { useMonitoringText, type MonitoringMessages } from './strings.js';
import type { AirAnnualStats } from './types.js';
import { STICKY } from '../../components/tables.js';
import type { PlanMap } from './charts.js';

const FIRST_YEAR = 2015;

/** The years with air and with water data (GET /monitoring/years), newest first. */
export function useMonitoringYears(version = 0) {
  return useApi(`monitoring-years:${version}`, monitoringApi.years);
}

/**
 * The year shown: `?year=` when it is a sensible year, else the latest year with data of this kind (the demo's
 * 2024, not an empty current year), else last year. Also the years with data, for the picker and the hint.
 */
export function useYear(kind: 'air' | 'water' = 'air'): [number, (y: number) => void, number[] | undefined] {
  const [params, setParams] = useSearchParams();
  const now = new Date().getFullYear();
  const years = useMonitoringYears().data?.[kind];
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= FIRST_YEAR && asked <= now ? asked : (years?.[0] ?? now - 1);
  const setYear = (y: number) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set('year', String(y));
        return next;
      },
      { replace: true },
    );
  // The year chosen by default goes into the address, so that the view can be bookmarked and picking it is a no-op.
  const defaulted = !(Number.isInteger(asked) && asked >= FIRST_YEAR && asked <= now) && years !== undefined;
  useEffect(() => {
    if (defaulted) setYear(year);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [defaulted, year]);
  return [year, setYear, years];
}

/** When the year shown has no data of this kind: which years have, and how to bring data in. */
export function NoDataHint({ kind, year, years, onYear, canImport }: { kind: 'air' | 'water'; year: number; years: number[] | undefined; onYear: (y: number) => void; canImport: boolean }) {
  const { m } = useMonitoringText();
  if (!years || years.includes(year)) return null;
  return (
    <Alert
      className="mon-no-data"
      type="info"
      showIcon
      data-testid="monitoring-no-data"
      title={m.noData.title(kind, year)}
      description={
        <Space direction="vertical" size={4}>
          {years.length > 0 ? (
            <span>
              {m.noData.yearsWithData}
              {years.map((y) => (
                <Button key={y} type="link" size="small" onClick={() => onYear(y)} data-testid={`monitoring-year-${y}`}>
                  {m.yearOption(y)}
                </Button>
              ))}
            </span>
          ) : (
            <span>{m.noData.none(kind)}</span>
          )}
          <span>{canImport ? m.noData.importHere : m.noData.askImport}</span>
          <span>
            {m.noData.command} <Typography.Text code>{kind === 'air' ? 'npx ecoplan monitoring import 小时数据.csv' : 'npx ecoplan monitoring import 断面监测.csv'}</Typography.Text>
            {' · '}
            {m.noData.demo} <Typography.Text code>{`npx ecoplan demo monitoring --stations 6 --year ${year}`}</Typography.Text>
          </span>
        </Space>
      }
    />
  );
}

export function YearPicker({ year, onChange }: { year: number; onChange: (y: number) => void }) {
  const { m } = useMonitoringText();
  const now = new Date().getFullYear();
  const years = Array.from({ length: now - FIRST_YEAR + 1 }, (_, i) => now - i);
  return (
    <Space size={8}>
      <Typography.Text type="secondary">{m.year}</Typography.Text>
      <Select<number>
        data-testid="monitoring-year"
        className="monitoring-year"
        value={year}
        onChange={onChange}
        options={years.map((y) => ({ value: y, label: m.yearOption(y) }))}
        style={{ width: 110 }}
      />
    </Space>
  );
}

/** The switch between the air and the water pages, keeping the year. */
export function MonitoringNav({ current, year }: { current: 'air' | 'water'; year: number }) {
  const { m } = useMonitoringText();
  return (
    <Segmented<'air' | 'water'>
      data-testid="monitoring-nav"
      value={current}
      options={[
        { value: 'air', label: <Link to={`/monitoring/air?year=${year}`} data-testid="monitoring-nav-air">{m.nav.air}</Link> },
        { value: 'water', label: <Link to={`/monitoring/water?year=${year}`} data-testid="monitoring-nav-water">{m.nav.water}</Link> },
      ]}
    />
  );
}

/**
 * A monitoring page's card toolbar: the air/water switch, the year, and for those who may keep the data the
 * registry's "register" button and the import button. The register button waits for the registry to be loaded
 * (`registryLoaded`): the form refuses a code already taken, which it can only do once it knows them.
 */
export function MonitoringToolbar({
  current,
  year,
  onYear,
  onImport,
  onRegister,
  registryLoaded = true,
}: {
  current: 'air' | 'water';
  year: number;
  onYear: (y: number) => void;
  onImport?: () => void;
  onRegister?: () => void;
  registryLoaded?: boolean;
}) {
  const { m } = useMonitoringText();
  return (
    <Space wrap>
      <MonitoringNav current={current} year={year} />
      <YearPicker year={year} onChange={onYear} />
      {onRegister && (
        <Button onClick={onRegister} disabled={!registryLoaded} loading={!registryLoaded} data-testid="registry-add">
          {current === 'air' ? m.registry.addStation : m.registry.addSection}
        </Button>
      )}
      {onImport && (
        <Button onClick={onImport} data-testid="import-open">
          {m.import.button}
        </Button>
      )}
    </Space>
  );
}

/** Region code → name in the current language (the plan's English names; the API's Chinese name otherwise). */
export function useRegionNames(): (code: string | null, fallback?: string) => string {
  const { lang } = useMonitoringText();
  const plan = useApi('plan', api.plan);
  const regions = plan.data?.regions;
  return useMemo(() => {
    const byCode = new Map((regions ?? []).map((r) => [r.code, r]));
    return (code: string | null, fallback?: string) => {
      if (code === null) return fallback || '—';
      const r = byCode.get(code);
      if (!r) return fallback || code;
      return lang === 'en' && r.nameEn ? r.nameEn : r.name;
    };
  }, [regions, lang]);
}

/** English names of the counties by their Chinese names, for the map's labels (ECharts nameMap). */
export function useMapNameMap(): Record<string, string> | undefined {
  const { lang } = useMonitoringText();
  const plan = useApi('plan', api.plan);
  const regions = plan.data?.regions;
  return useMemo(() => (lang === 'en' && regions ? Object.fromEntries(regions.map((r) => [r.name, r.nameEn || r.name])) : undefined), [regions, lang]);
}

export function fmt(lang: Lang, v: number | null | undefined, digits?: number): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  return v.toLocaleString(lang === 'en' ? 'en' : 'zh-CN', digits === undefined ? { maximumFractionDigits: 3 } : { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A column header: plain words on the first line, the unit under it. */
export function Head({ text, unit, tip }: { text: string; unit?: string; tip?: string }) {
  const { m } = useMonitoringText();
  const body = (
    <span className="mon-head">
      <span>{text}</span>
      {unit && <span className="mon-unit">{m.paren(unit).trim()}</span>}
    </span>
  );
  return tip ? <Tooltip title={tip}>{body}</Tooltip> : body;
}

export interface StatsRow extends AirAnnualStats {
  key: string;
  label: ReactNode;
}

export function statsColumns(m: MonitoringMessages, lang: Lang): TableColumnsType<StatsRow> {
  const u = m.units;
  const num = (digits?: number) => (v: number | null) => fmt(lang, v, digits);
  return [
    { title: m.stats.name, dataIndex: 'label', key: 'label', fixed: 'left', width: 170 },
    { title: <Head text={m.stats.validDays} unit={u.day} />, dataIndex: 'validDays', align: 'right', width: 90, render: num() },
    { title: <Head text={m.stats.goodDays} unit={u.day} />, dataIndex: 'goodDays', align: 'right', width: 90, render: num() },
    {
      title: <Head text={m.stats.goodRatio} unit={u.percent} />,
      dataIndex: 'goodRatio',
      align: 'right',
      width: 110,
      render: (v: number | null) => <span data-testid="stat-good-ratio">{fmt(lang, v, 1)}</span>,
    },
    { title: <Head text={m.stats.pm25Mean} unit={u.ugm3} />, dataIndex: 'pm25Mean', align: 'right', width: 140, render: num() },
    { title: <Head text={m.stats.pm10Mean} unit={u.ugm3} />, dataIndex: 'pm10Mean', align: 'right', width: 140, render: num() },
    { title: <Head text={m.stats.so2Mean} unit={u.ugm3} />, dataIndex: 'so2Mean', align: 'right', width: 120, render: num() },
    { title: <Head text={m.stats.no2Mean} unit={u.ugm3} />, dataIndex: 'no2Mean', align: 'right', width: 120, render: num() },
    { title: <Head text={m.stats.co95} unit={u.mgm3} />, dataIndex: 'co95', align: 'right', width: 150, render: num(1) },
    { title: <Head text={m.stats.o3_90} unit={u.ugm3} />, dataIndex: 'o3_90', align: 'right', width: 170, render: num() },
    { title: <Head text={m.stats.exceedanceDays} unit={u.day} />, dataIndex: 'exceedanceDays', align: 'right', width: 120, render: num() },
  ];
}

export function StatsTable({ rows, testId }: { rows: StatsRow[]; testId: string }) {
  const { m, lang } = useMonitoringText();
  return (
    <Table<StatsRow>
      data-testid={testId}
      rowKey="key"
      size="small"
      bordered
      pagination={false}
      scroll={{ x: 1480 }}
      sticky={STICKY}
      columns={statsColumns(m, lang)}
      dataSource={rows}
      locale={{ emptyText: m.none }}
    />
  );
}

/** Where the plan's boundaries come from (its boundaries.yaml): source, note, 审图号 and licence (text on hover). */
export function MapCredit({ map }: { map: PlanMap }) {
  const { m } = useMonitoringText();
  const licence = <span className="mon-licence">{m.licence(map.licence)}</span>;
  return (
    <Typography.Text type="secondary" className="mon-credit" data-testid="map-credit">
      {m.credit(map.source)}
      {map.note && ` · ${map.note}`} · {map.reviewNumber ? m.reviewNumber(map.reviewNumber) : m.noReviewNumber} ·{' '}
      {map.licenceText ? (
        <Popover content={<pre className="mon-licence-text">{map.licenceText}</pre>} trigger={['hover', 'click']}>
          <a>{licence}</a>
        </Popover>
      ) : (
        licence
      )}
    </Typography.Text>
  );
}
