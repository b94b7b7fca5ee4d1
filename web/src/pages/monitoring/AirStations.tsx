// 环境监测 · 环境空气: the air stations on the county map and in a table, the year's HJ 663 statistics of the
// counties, the city and each station, the plan indicators computed from them, and (administrators, reviewers)
// the import of hourly data.
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Card, Col, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DemoTag } from '../../components/EvaluationBits.js';
import { Computing, requestState } from '../../components/Status.js';
import { useApi } from '../../useApi.js';
import { monitoringApi } from './api.js';
import { fmt, MonitoringToolbar, NoDataHint, StatsTable, useRegionNames, useYear, type StatsRow } from './bits.js';
import { useKeeping } from './Keeping.js';
import { IndicatorsPanel } from './IndicatorsPanel.js';
import { PointsMap, type MapPoint } from './PointsMap.js';
import { useMonitoringText } from './strings.js';
import type { AirStation, StationLevel } from './types.js';
import './monitoring.css';
import { STICKY } from '../../components/tables.js';

const LEVEL_COLOURS: Record<StationLevel, string> = { national: '#c2410c', provincial: '#1d4ed8', city: '#0f766e' };

export function AirStations() {
  const { m, lang } = useMonitoringText();
  const navigate = useNavigate();
  const [year, setYear, yearsWithData] = useYear('air');
  const keeping = useKeeping('air');
  const { version } = keeping;
  const regionName = useRegionNames();
  const stations = useApi(`air-stations:${version}`, monitoringApi.airStations);
  const annual = useApi(`air-annual:${year}:${version}`, () => monitoringApi.airAnnual(year));
  const list = useMemo(() => stations.data?.stations ?? [], [stations.data]);
  const codes = useMemo(() => new Set(list.map((s) => s.code)), [list]);

  const points = useMemo<MapPoint[]>(
    () =>
      list
        .filter((s) => s.lon !== null && s.lat !== null)
        .map((s) => ({
          code: s.code,
          name: s.name,
          lon: s.lon!,
          lat: s.lat!,
          colour: LEVEL_COLOURS[s.level] ?? '#555555',
          lines: [`${m.air.level}${m.colon}${m.air.levels[s.level] ?? s.level}`, `${m.region}${m.colon}${regionName(s.region, s.regionName)}`, `${m.air.hours}${m.colon}${fmt(lang, s.hours)}`],
        })),
    [list, m, lang, regionName],
  );
  const withoutCoordinates = list.length - points.length;
  const stationLink = (code: string) => `/monitoring/air/${encodeURIComponent(code)}?year=${year}`;

  const columns: TableColumnsType<AirStation> = [
    { title: m.air.code, dataIndex: 'code', width: 100, fixed: 'left', render: (c: string) => <span data-testid="station-code">{c}</span> },
    {
      title: m.air.name,
      dataIndex: 'name',
      width: 200,
      render: (n: string, s) => (
        <Space size={4} wrap>
          <Link to={stationLink(s.code)} data-testid="station-link">
            {n}
          </Link>
          {s.demo && <DemoTag />}
          {s.uncertain && (
            <Tooltip title={s.note}>
              <Tag color="gold">{m.air.uncertain}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: m.region, dataIndex: 'region', width: 120, render: (r: string, s) => regionName(r, s.regionName) },
    {
      title: m.air.level,
      dataIndex: 'level',
      width: 80,
      render: (l: StationLevel) => (
        <Tag color={LEVEL_COLOURS[l]} variant="outlined">
          {m.air.levels[l] ?? l}
        </Tag>
      ),
    },
    {
      title: m.source,
      dataIndex: 'source',
      width: 150,
      ellipsis: { showTitle: false },
      render: (src: string, s) => (
        <Tooltip title={[src, s.note].filter(Boolean).join(' · ')}>
          <span>{src}</span>
          {s.note && <Typography.Text type="warning"> ⚑</Typography.Text>}
        </Tooltip>
      ),
    },
    { title: m.air.hours, dataIndex: 'hours', width: 120, align: 'right', render: (h: number) => <span data-testid="station-hours">{fmt(lang, h)}</span> },
    ...keeping.editColumn<AirStation>(),
  ];

  const regionRows: StatsRow[] = (annual.data?.regions ?? []).map((r) => ({
    ...r,
    key: `region-${r.region}`,
    label: (
      <Link to={stationLink(r.region)} data-testid="region-link">
        {regionName(r.region, r.regionName)}
      </Link>
    ),
  }));
  const stationRows: StatsRow[] = (annual.data?.stations ?? []).map((s) => ({
    ...s,
    key: `station-${s.code}`,
    label: (
      <Link to={stationLink(s.code)}>
        {s.name} <Typography.Text type="secondary">{s.code}</Typography.Text>
      </Link>
    ),
  }));

  return (
    <div className="page" data-testid="monitoring-air-page">
      <Card
        className="section-card"
        title={m.air.title}
        extra={
          <MonitoringToolbar
            current="air"
            year={year}
            onYear={setYear}
            onImport={keeping.openImport}
            onRegister={keeping.openRegister}
            registryLoaded={stations.data !== undefined}
          />
        }
      >
        <Typography.Paragraph type="secondary">{m.air.intro}</Typography.Paragraph>
        <NoDataHint kind="air" year={year} years={yearsWithData} onYear={setYear} canImport={keeping.canKeep} />
        {requestState(stations) ?? (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={9}>
              <Typography.Title level={5} className="mon-subtitle">
                {m.air.mapTitle}
              </Typography.Title>
              <PointsMap
                points={points}
                seriesName={m.air.seriesName}
                height={460}
                testId="air-map"
                onPick={(code) => navigate(stationLink(code))}
              />
              {withoutCoordinates > 0 && <Typography.Text type="secondary">{m.noCoordinates(withoutCoordinates)}</Typography.Text>}
            </Col>
            <Col xs={24} xl={15}>
              <Typography.Title level={5} className="mon-subtitle">
                {m.air.tableTitle} <Typography.Text type="secondary">{m.air.count(list.length)}</Typography.Text>
              </Typography.Title>
              <Table<AirStation>
                data-testid="air-stations-table"
                rowKey="code"
                size="small"
                pagination={list.length > 15 ? { pageSize: 15, size: 'small' } : false}
                scroll={{ x: 800 }}
                sticky={STICKY}
                columns={columns}
                dataSource={list}
                locale={{ emptyText: stations.data ? <span data-testid="air-stations-none">{m.noneInPlan('air')}</span> : m.none }}
              />
            </Col>
          </Row>
        )}
      </Card>

      <Card className="section-card" title={m.air.annualTitle(year)} data-testid="air-annual">
        <Typography.Paragraph type="secondary">{m.stats.help}</Typography.Paragraph>
        {annual.loading ? (
          <Computing title={m.air.computingAnnual(year)} detail={list.length > 0 ? m.air.computingAnnualDetail(list.length) : undefined} testId="air-annual-computing" />
        ) : requestState(annual) ?? (
          <>
            <Typography.Title level={5} className="mon-subtitle">
              {m.air.regionsTitle}
            </Typography.Title>
            <StatsTable rows={regionRows} testId="air-annual-regions" />
            <Typography.Title level={5} className="mon-subtitle mon-gap">
              {m.air.stationsTitle}
            </Typography.Title>
            <StatsTable rows={stationRows} testId="air-annual-stations" />
          </>
        )}
      </Card>

      <IndicatorsPanel year={year} version={version} />

      {keeping.drawers(codes)}
    </div>
  );
}
