// One air station's (or a county's / the city's) year: a calendar of daily AQI, each day by the edition in force that
// day (HJ 633-2012 before 2026-03-01, HJ 633-2026 from it; the six levels and colours are the same), a tooltip with the
// day's edition, category, primary pollutants and concentrations, and the year's statistics with the editions that
// produced them. A toggle shows the new-edition comparison: every day by HJ 633-2026 and the year re-assessed under
// GB 3095-2026 beside the official values. `:code` is a station code, or a region code.
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Space, Switch, Table, Tag, Typography } from 'antd';
import { Computing, NotFound, requestState } from '../../components/Status.js';
import { useApi } from '../../useApi.js';
import { monitoringApi } from './api.js';
import { fmt, NoDataHint, StatsTable, useRegionNames, useYear, YearPicker, type StatsRow } from './bits.js';
import { MonitoringChart, type MonitoringChartOption } from './charts.js';
import { AQI_LEVELS, NO_DATA_COLOUR } from './colours.js';
import { useMonitoringText, type MonitoringMessages } from './strings.js';
import type { AirAnnualStats, AirDay } from './types.js';
import './monitoring.css';
import { escapeHtml } from '../../html.js';

type Target = { kind: 'station'; code: string; name: string } | { kind: 'region'; code: string; name: string };

const SUBSCRIPT: Record<string, string> = { SO2: 'SO₂', NO2: 'NO₂', O3: 'O₃', CO: 'CO', PM10: 'PM10', 'PM2.5': 'PM2.5' };
const NO_DATA = -1;

const DAY_NAMES = { zh: ['日', '一', '二', '三', '四', '五', '六'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };
const MONTH_NAMES = {
  zh: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** Every day of the year, the API's day where it has one and a day without data otherwise, so that every cell of the
 *  calendar says something (a missing day is a day without a valid value, not a blank). */
function wholeYear(year: number, days: AirDay[]): AirDay[] {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const out: AirDay[] = [];
  for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    out.push(
      byDate.get(date) ?? { date, standard: date >= '2026-03-01' ? 'HJ 633-2026' : 'HJ 633-2012', valid: false, aqi: null, level: null, category: null, color: null, primaryPollutants: [], so2: null, no2: null, pm10: null, pm25: null, co: null, o3_8h_max: null },
    );
  }
  return out;
}


/** The category in the current language: the API's Chinese one in Chinese, the dictionary's by level in English. */
function categoryText(m: MonitoringMessages, day: Pick<AirDay, 'level' | 'category'>): string {
  if (day.level) return m.categories[day.level - 1] ?? day.category ?? '';
  return day.category ?? '';
}

function dayTooltip(m: MonitoringMessages, lang: 'zh' | 'en', day: AirDay): string {
  const s = m.station;
  const u = m.units;
  const head = `<strong>${escapeHtml(day.date)}</strong><br/><span style="color:#888">${escapeHtml(m.editions.dayEdition)}${m.colon}${escapeHtml(day.standard)}</span>`;
  if (!day.valid || day.aqi === null) return `${head}<br/>${escapeHtml(s.invalid)}`;
  const swatch = `<span style="display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;background:${escapeHtml(day.color ?? AQI_LEVELS[(day.level ?? 1) - 1]?.colour ?? NO_DATA_COLOUR)}"></span>`;
  const primary = day.primaryPollutants.length ? day.primaryPollutants.map((p) => SUBSCRIPT[p] ?? p).join(m.listSep) : s.noPrimary;
  const conc: [string, number | null, string, number | undefined][] = [
    [s.pm25, day.pm25, u.ugm3, undefined],
    [s.pm10, day.pm10, u.ugm3, undefined],
    [s.o3, day.o3_8h_max, u.ugm3, undefined],
    [s.no2, day.no2, u.ugm3, undefined],
    [s.so2, day.so2, u.ugm3, undefined],
    [s.co, day.co, u.mgm3, 1],
  ];
  return [
    head,
    `${escapeHtml(s.aqi)}${m.colon}<strong>${day.aqi}</strong>`,
    `${escapeHtml(s.category)}${m.colon}${swatch}${escapeHtml(categoryText(m, day))}${day.level ? escapeHtml(m.paren(m.levelName(day.level))) : ''}`,
    `${escapeHtml(s.primary)}${m.colon}${escapeHtml(primary)}`,
    `<span style="color:#888">${escapeHtml(s.concentrations)}</span>`,
    ...conc.map(([label, v, unit, digits]) => `${escapeHtml(label)}${m.colon}${escapeHtml(fmt(lang, v, digits))} ${v === null ? '' : escapeHtml(unit)}`),
  ].join('<br/>');
}

function AqiCalendar({ year, days }: { year: number; days: AirDay[] }) {
  const { m, lang } = useMonitoringText();
  const option = useMemo<MonitoringChartOption>(() => {
    const byDate = new Map(days.map((d) => [d.date, d]));
    const pieces = [
      ...AQI_LEVELS.map((l, i) => ({
        ...(i === 0 ? { gte: 0 } : { gt: AQI_LEVELS[i - 1]!.max }),
        ...(Number.isFinite(l.max) ? { lte: l.max } : {}),
        color: l.colour,
        label: `${m.categories[i]} ${Number.isFinite(l.max) ? `${l.min}–${l.max}` : `>${l.min - 1}`}`,
      })),
      { value: NO_DATA, color: NO_DATA_COLOUR, label: m.station.noDataLegend },
    ];
    return {
      tooltip: {
        trigger: 'item',
        formatter: (params: unknown) => {
          const value = (params as { value?: [string, number] }).value;
          const day = value ? byDate.get(value[0]) : undefined;
          return day ? dayTooltip(m, lang, day) : '';
        },
      },
      visualMap: {
        type: 'piecewise',
        orient: 'horizontal',
        left: 'center',
        top: 0,
        dimension: 1,
        seriesIndex: 0,
        pieces,
        itemWidth: 14,
        itemHeight: 14,
        textStyle: { fontSize: 12 },
      },
      calendar: {
        range: String(year),
        top: 70,
        left: 40,
        right: 16,
        cellSize: ['auto', 20],
        splitLine: { lineStyle: { color: '#7d8a83', width: 1.2 } },
        itemStyle: { color: '#fafbfa', borderColor: '#ffffff', borderWidth: 1.5 },
        dayLabel: { firstDay: 1, nameMap: DAY_NAMES[lang], fontSize: 11, color: '#66736c' },
        monthLabel: { nameMap: MONTH_NAMES[lang], fontSize: 12, color: '#3d4a43' },
        yearLabel: { show: false },
      },
      series: [
        {
          type: 'heatmap',
          coordinateSystem: 'calendar',
          data: days.map((d) => [d.date, d.valid && d.aqi !== null ? d.aqi : NO_DATA]),
          emphasis: { itemStyle: { borderColor: '#1f1f1f', borderWidth: 1 } },
        },
      ],
    };
  }, [year, days, m, lang]);
  return (
    <MonitoringChart option={option} height={236} testId="aqi-calendar" ariaLabel={m.station.calendarTitle} />
  );
}

function LevelCounts({ days }: { days: AirDay[] }) {
  const { m } = useMonitoringText();
  const counts = AQI_LEVELS.map((l) => days.filter((d) => d.valid && d.level === l.level).length);
  const valid = days.filter((d) => d.valid && d.aqi !== null).length;
  return (
    <Space wrap size={[6, 6]} className="mon-gap-bottom" data-testid="aqi-level-counts">
      <Typography.Text type="secondary">{m.station.validDaysLine(valid, days.length)}</Typography.Text>
      {AQI_LEVELS.map((l, i) => (
        <Tag key={l.level} style={{ background: l.colour, color: l.text, borderColor: l.colour }} data-level={l.level} data-days={counts[i]}>
          {m.categories[i]} {m.station.days(counts[i] ?? 0)}
        </Tag>
      ))}
    </Space>
  );
}

/** The editions of the days shown, as consecutive periods (e.g. HJ 633-2012 Jan–Feb, HJ 633-2026 from 1 March). */
function EditionPeriods({ days }: { days: AirDay[] }) {
  const { m } = useMonitoringText();
  const periods: { standard: string; from: string; to: string }[] = [];
  for (const d of days) {
    const last = periods.at(-1);
    if (last && last.standard === d.standard) last.to = d.date;
    else periods.push({ standard: d.standard, from: d.date, to: d.date });
  }
  if (!periods.length) return null;
  return (
    <Typography.Paragraph type="secondary" data-testid="aqi-editions" data-editions={periods.map((p) => p.standard).join(',')}>
      {m.editions.periods}
      {periods.map((p) => m.editions.period(p.standard, p.from, p.to)).join(m.listSep)}
    </Typography.Paragraph>
  );
}

/** Which editions produced the annual statistics, and the rule of a year spanning the switch. */
function AnnualEditions({ row }: { row: AirAnnualStats }) {
  const { m, lang } = useMonitoringText();
  const e = row.standards;
  if (!e) return null;
  const text = [e.aqi, `${e.quality}${e.phase ? m.paren(m.editions.phase[e.phase] ?? e.phase) : ''}`, `${e.assessment}${e.assessmentMethod ? m.paren(e.assessmentMethod[lang]) : ''}`].join('；');
  return (
    <Typography.Paragraph type="secondary" data-testid="annual-editions">
      {m.editions.annualEditions}
      {text}
      {row.rule ? <><br />{row.rule[lang]}</> : null}
    </Typography.Paragraph>
  );
}

/** The official annual values beside the same year re-assessed under the 2026 editions (transitional and final limits). */
function EditionComparison({ row }: { row: AirAnnualStats }) {
  const { m, lang } = useMonitoringText();
  const re = row.reassessment;
  if (!re) return null;
  const ratio = (v: number | null) => (v === null ? m.empty : `${fmt(lang, v, 1)} %`);
  const rows = [
    { key: 'official', label: m.editions.row.official, editions: row.standards?.aqi ?? '', goodRatio: ratio(row.goodRatio), goodDays: `${row.goodDays} / ${row.validDays}`, pm25: row.pm25Attains, all: row.attainsAll, comparison: false },
    ...(re.transitional
      ? [{ key: 'transitional', label: m.editions.row.transitional, editions: 'HJ 633-2026；GB 3095-2026', goodRatio: ratio(re.goodRatio), goodDays: `${re.goodDays} / ${re.validDays}`, pm25: re.transitional.pm25Attains, all: re.transitional.attainsAll, comparison: re.comparison }]
      : []),
    { key: 'final', label: m.editions.row.final, editions: 'HJ 633-2026；GB 3095-2026', goodRatio: re.transitional ? m.editions.sameDays : ratio(re.goodRatio), goodDays: re.transitional ? '' : `${re.goodDays} / ${re.validDays}`, pm25: re.final.pm25Attains, all: re.final.attainsAll, comparison: re.final.comparison },
  ];
  return (
    <>
      <Typography.Title level={5} className="mon-subtitle">
        {m.editions.tableTitle}
      </Typography.Title>
      <Table
        data-testid="edition-comparison"
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        onRow={(r) => ({ 'data-row': r.key }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '', dataIndex: 'label', render: (v: string, r) => <>{v}{r.comparison ? <Tag style={{ marginLeft: 6 }} color="blue">{m.editions.comparisonTag}</Tag> : null}</> },
          { title: m.editions.col.editions, dataIndex: 'editions' },
          { title: m.editions.col.goodRatio, dataIndex: 'goodRatio', align: 'right' },
          { title: m.editions.col.goodDays, dataIndex: 'goodDays', align: 'right' },
          { title: m.editions.col.pm25Attains, dataIndex: 'pm25', render: (v: boolean | null) => m.editions.attains(v) },
          { title: m.editions.col.attainsAll, dataIndex: 'all', render: (v: boolean | null) => m.editions.attains(v) },
        ]}
      />
    </>
  );
}

export function AirStation() {
  const { code = '' } = useParams();
  const { m } = useMonitoringText();
  const [year, setYear, yearsWithData] = useYear('air');
  const [compare, setCompare] = useState(false);
  const regionName = useRegionNames();
  const stations = useApi('air-stations:0', monitoringApi.airStations);

  const target = useMemo<Target | null | undefined>(() => {
    if (!stations.data) return undefined;
    const s = stations.data.stations.find((x) => x.code === code);
    if (s) return { kind: 'station', code, name: `${s.name}（${s.code}）` };
    // A region: a county (6 digits) or a town (9 digits, GB/T 10114), as the plan folder allows.
    if (/^\d{6}(?:\d{3})?$/.test(code)) {
      const fromStation = stations.data.stations.find((x) => x.region === code);
      return { kind: 'region', code, name: regionName(code, fromStation?.regionName) };
    }
    return null;
  }, [stations.data, code, regionName]);

  const daily = useApi(`air-daily:${year}:${target?.kind ?? ''}:${code}:${compare ? 'HJ 633-2026' : ''}`, () =>
    target ? monitoringApi.airDaily(year, target.kind === 'station' ? { station: code } : { region: code }, compare ? 'HJ 633-2026' : undefined) : new Promise<never>(() => {}),
  );
  const annual = useApi(`air-annual:${year}:0`, () => monitoringApi.airAnnual(year));
  const apiDays = daily.data?.days;
  const days = useMemo(() => (apiDays ? wholeYear(year, apiDays) : []), [apiDays, year]);

  if (!stations.data) return requestState(stations);
  if (!target) return <NotFound detail={m.station.notFound(code)} />;

  const statsRow: StatsRow[] = [];
  if (annual.data) {
    const s =
      target.kind === 'station'
        ? annual.data.stations.find((x) => x.code === code)
        : annual.data.regions.find((x) => x.region === code);
    if (s) statsRow.push({ ...s, key: code, label: target.name });
  }

  return (
    <div className="page" data-testid="monitoring-station-page" data-kind={target.kind}>
      <Card
        className="section-card"
        title={target.kind === 'station' ? m.station.title(target.name, year) : m.station.regionTitle(target.name, year)}
        extra={
          <Space wrap>
            <YearPicker year={year} onChange={setYear} />
            <Link to={`/monitoring/air?year=${year}`}>
              <Button data-testid="station-back">{m.station.back}</Button>
            </Link>
          </Space>
        }
      >
        <NoDataHint kind="air" year={year} years={yearsWithData} onYear={setYear} canImport={false} />
        <Typography.Title level={5} className="mon-subtitle">
          {m.station.calendarTitle}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{m.station.calendarHelp}</Typography.Paragraph>
        <Space className="mon-gap-bottom" align="start">
          <Switch checked={compare} onChange={setCompare} data-testid="edition-toggle" aria-label={m.editions.toggle} />
          <span>
            <Typography.Text strong>{m.editions.toggle}</Typography.Text>
            <br />
            <Typography.Text type="secondary">{m.editions.toggleHelp}</Typography.Text>
          </span>
        </Space>
        {compare ? <Alert className="mon-gap-bottom" type="info" showIcon message={m.editions.banner} data-testid="edition-comparison-banner" /> : null}
        {requestState(daily) ??
          (apiDays && apiDays.length > 0 ? (
            <>
              <LevelCounts days={days} />
              <AqiCalendar year={year} days={days} />
              <EditionPeriods days={apiDays} />
            </>
          ) : (
            <Typography.Text type="secondary" data-testid="aqi-no-days">
              {m.station.noDays}
            </Typography.Text>
          ))}
      </Card>
      <Card className="section-card" title={m.station.annualTitle(year)} data-testid="station-annual">
        <Typography.Paragraph type="secondary">{m.stats.help}</Typography.Paragraph>
        {annual.loading ? (
          <Computing title={m.air.computingAnnual(year)} detail={m.air.computingAnnualDetail(stations.data.stations.length)} testId="station-annual-computing" />
        ) : (
          requestState(annual) ??
          (statsRow.length ? (
            <>
              <StatsTable rows={statsRow} testId="station-annual-table" />
              <AnnualEditions row={statsRow[0]!} />
              {compare ? <EditionComparison row={statsRow[0]!} /> : null}
            </>
          ) : (
            <Typography.Text type="secondary">{m.station.noAnnual}</Typography.Text>
          ))
        )}
      </Card>
    </div>
  );
}
