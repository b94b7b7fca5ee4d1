// 环境监测 · 地表水: the sections with the year's class (coloured by the 评价办法's convention), target class and
// whether it is met, the items exceeding class Ⅲ with their multiples, a map of the sections that have
// coordinates, and the shares of classes Ⅰ–Ⅲ and 劣Ⅴ per area.
import { useMemo } from 'react';
import { Card, Col, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DemoTag } from '../../components/EvaluationBits.js';
import { requestState } from '../../components/Status.js';
import { useApi } from '../../useApi.js';
import { monitoringApi } from './api.js';
import { useMeasureCodes } from '../../planTerms.js';
import { fmt, Head, MonitoringToolbar, NoDataHint, useRegionNames, useYear } from './bits.js';
import { classRank, WATER_CLASS_COLOURS, WATER_CLASSES } from './colours.js';
import { useKeeping } from './Keeping.js';
import { IndicatorsPanel } from './IndicatorsPanel.js';
import { PointsMap, type MapPoint } from './PointsMap.js';
import { useMonitoringText } from './strings.js';
import type { Exceeding, WaterAnnualSection, WaterClass, WaterSection, WaterShare } from './types.js';
import './monitoring.css';
import { STICKY } from '../../components/tables.js';

interface Row extends WaterSection {
  annual: WaterAnnualSection | undefined;
}

export function ClassBadge({ value }: { value: WaterClass | null | undefined }) {
  const { m } = useMonitoringText();
  if (!value) return <Typography.Text type="secondary">{m.water.notAssessed}</Typography.Text>;
  const c = WATER_CLASS_COLOURS[value];
  return (
    <span className="mon-class" style={{ background: c.colour, color: c.text }} data-testid="water-class" data-class={value}>
      {m.water.className(value)}
    </span>
  );
}

function ClassLegend() {
  const { m } = useMonitoringText();
  return (
    <div className="mon-legend" data-testid="water-class-legend">
      <Typography.Text type="secondary">{m.water.classLegend}</Typography.Text>
      {WATER_CLASSES.map((c) => (
        <span key={c}>
          <span className="mon-swatch" style={{ background: WATER_CLASS_COLOURS[c].colour }} />
          {m.water.className(c)}
        </span>
      ))}
    </div>
  );
}

export function Water() {
  const codeOf = useMeasureCodes();
  const { m, lang } = useMonitoringText();
  const [year, setYear, yearsWithData] = useYear('water');
  const keeping = useKeeping('water');
  const { version } = keeping;
  const regionName = useRegionNames();
  const sections = useApi(`water-sections:${version}`, monitoringApi.waterSections);
  const annual = useApi(`water-annual:${year}:${version}`, () => monitoringApi.waterAnnual(year));
  const w = m.water;
  const itemName = (item: string) => (m.waterItems as Record<string, string>)[item] ?? item;

  const rows = useMemo<Row[]>(() => {
    const byCode = new Map((annual.data?.sections ?? []).map((s) => [s.code, s]));
    return (sections.data?.sections ?? []).map((s) => ({ ...s, annual: byCode.get(s.code) }));
  }, [sections.data, annual.data]);
  const codes = useMemo(() => new Set((sections.data?.sections ?? []).map((s) => s.code)), [sections.data]);

  const points = useMemo<MapPoint[]>(
    () =>
      rows
        .filter((r) => r.lon !== null && r.lat !== null)
        .map((r) => {
          const cls = r.annual?.class ?? null;
          return {
            code: r.code,
            name: r.name,
            lon: r.lon!,
            lat: r.lat!,
            colour: cls ? WATER_CLASS_COLOURS[cls].colour : '#9aa3a8',
            lines: [
              `${w.river}${m.colon}${r.river}`,
              `${w.target}${m.colon}${w.className(r.targetClass)}`,
              `${w.class}${m.colon}${cls ? w.className(cls) : w.notAssessed}`,
              ...(r.annual?.exceeding.length ? [`${w.exceeding}${m.colon}${r.annual.exceeding.map((e) => `${itemName(e.item)} ${w.multiple(e.multiple)}`.trim()).join(m.listSep)}`] : []),
            ],
          };
        }),
    // itemName only reads `m`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, m, lang],
  );
  const withoutCoordinates = rows.length - points.length;

  const columns: TableColumnsType<Row> = [
    { title: w.code, dataIndex: 'code', width: 90 },
    {
      title: w.name,
      dataIndex: 'name',
      width: 200,
      render: (n: string, r) => (
        <Space size={4} wrap>
          <span data-testid="section-name">{n}</span>
          {r.drinkingWater && <Tag color="cyan">{w.drinking}</Tag>}
          {r.demo && <DemoTag />}
        </Space>
      ),
    },
    { title: w.river, dataIndex: 'river', width: 130 },
    { title: m.region, dataIndex: 'region', width: 110, render: (c: string, r) => regionName(c, r.regionName) },
    { title: w.waterbody, dataIndex: 'waterbody', width: 90, render: (b: 'river' | 'lake') => w.waterbodies[b] ?? b },
    { title: w.assessment, dataIndex: 'assessment', width: 110, render: (a: string) => m.registry.assessments[a] ?? a },
    { title: w.target, dataIndex: 'targetClass', width: 90, align: 'center', render: (c: WaterClass) => w.className(c) },
    {
      title: w.class,
      key: 'class',
      width: 130,
      align: 'center',
      sorter: (a, b) => (a.annual?.class ? classRank(a.annual.class) : 99) - (b.annual?.class ? classRank(b.annual.class) : 99),
      render: (_, r) => <ClassBadge value={r.annual?.class} />,
    },
    {
      title: w.meets,
      key: 'meets',
      width: 90,
      align: 'center',
      render: (_, r) => {
        const met = r.annual?.class ? r.annual.meetsTarget : null;
        if (met === null || met === undefined) return <Typography.Text type="secondary">{w.notAssessed}</Typography.Text>;
        return (
          <Tag color={met ? 'green' : 'red'} data-testid="water-meets" data-met={String(met)}>
            {met ? w.met : w.notMet}
          </Tag>
        );
      },
    },
    {
      title: w.exceeding,
      key: 'exceeding',
      width: 170,
      render: (_, r) => {
        const ex: Exceeding[] = r.annual?.exceeding ?? [];
        if (!r.annual?.class) return <Typography.Text type="secondary">{m.empty}</Typography.Text>;
        if (ex.length === 0) return <Typography.Text type="secondary">{w.noExceeding}</Typography.Text>;
        return (
          <Space size={[4, 4]} wrap data-testid="water-exceeding">
            {ex.map((e) => (
              <Tooltip key={e.item} title={`${itemName(e.item)}${m.paren(e.item)}`}>
                <Tag color="volcano" className="wrap-tag">
                  {itemName(e.item)} {w.multiple(e.multiple)}
                </Tag>
              </Tooltip>
            ))}
          </Space>
        );
      },
    },
    { title: w.samples, key: 'samples', width: 80, align: 'right', render: (_, r) => fmt(lang, r.annual?.samples ?? r.samples) },
    ...keeping.editColumn<Row>(),
  ];

  const shareColumns: TableColumnsType<WaterShare> = [
    { title: w.shareRegion, dataIndex: 'region', render: (c: string, s) => regionName(c, s.regionName) },
    { title: w.shareSections, dataIndex: 'sections', align: 'right' },
    { title: w.shareGood, dataIndex: 'classIToIII', align: 'right' },
    {
      title: <Head text={w.shareGoodRatio} unit={m.units.percent} />,
      dataIndex: 'classIToIIIShare',
      align: 'right',
      render: (v: number | null) => <span data-testid="share-good">{fmt(lang, v, 1)}</span>,
    },
    { title: w.shareBad, dataIndex: 'worseThanV', align: 'right' },
    {
      title: <Head text={w.shareBadRatio} unit={m.units.percent} />,
      dataIndex: 'worseThanVShare',
      align: 'right',
      render: (v: number | null) => fmt(lang, v, 1),
    },
  ];

  return (
    <div className="page" data-testid="monitoring-water-page">
      <Card
        className="section-card"
        title={w.title}
        extra={
          <MonitoringToolbar
            current="water"
            year={year}
            onYear={setYear}
            onImport={keeping.openImport}
            onRegister={keeping.openRegister}
            registryLoaded={sections.data !== undefined}
          />
        }
      >
        <Typography.Paragraph type="secondary">{w.intro}</Typography.Paragraph>
        <NoDataHint kind="water" year={year} years={yearsWithData} onYear={setYear} canImport={keeping.canKeep} />
        {requestState(sections) ?? (
          <>
            <Typography.Title level={5} className="mon-subtitle">
              {w.tableTitle(year)} <Typography.Text type="secondary">{w.count(rows.length)}</Typography.Text>
            </Typography.Title>
            <ClassLegend />
            {annual.error && requestState(annual)}
            <Table<Row>
              data-testid="water-sections-table"
              rowKey="code"
              size="small"
              loading={annual.loading}
              pagination={rows.length > 20 ? { pageSize: 20, size: 'small' } : false}
              columns={columns}
              dataSource={rows}
              scroll={{ x: 1370 }}
              sticky={STICKY}
              locale={{ emptyText: sections.data && !sections.data.sections.length ? <span data-testid="water-sections-none">{m.noneInPlan('water')}</span> : m.none }}
            />
          </>
        )}
      </Card>

      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card className="section-card" title={w.mapTitle}>
            {sections.data && (
              <>
                <PointsMap points={points} seriesName={w.seriesName} height={420} testId="water-map" />
                {withoutCoordinates > 0 && <Typography.Text type="secondary">{m.noCoordinates(withoutCoordinates)}</Typography.Text>}
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card className="section-card" title={w.sharesTitle(year)} data-testid="water-shares">
            {requestState(annual) ?? (
              <Table<WaterShare>
                data-testid="water-shares-table"
                rowKey="region"
                size="small"
                pagination={false}
                columns={shareColumns}
                dataSource={annual.data?.shares ?? []}
                locale={{ emptyText: m.none }}
              />
            )}
            <p className="secondary-text" data-testid="water-shares-note">{w.sharesNote(['water.classIToIIIShare', 'water.worseThanV'].map((m) => codeOf?.(m) ?? null).filter((c): c is number => c !== null))}</p>
          </Card>
        </Col>
      </Row>

      <IndicatorsPanel year={year} version={version} />

      {keeping.drawers(codes)}
    </div>
  );
}
