// 温室气体清单: a region's inventory for a year — gross and net of the forest sink, by gas with the GWP set chosen,
// fuel → sector Sankey, sector treemap, every line with its formula and the source of each parameter, purchased
// electricity (scope 2) apart, and the Excel workbook. Everything is as GET …/carbon/inventory computes it.
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Popconfirm, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useAuth } from '../../auth.js';
import type { TableColumnsType } from 'antd';
import { requestState } from '../../components/Status.js';
import { useApi } from '../../useApi.js';
import { usePlanTerms } from '../../planTerms.js';
import { carbonApi } from './api.js';
import { CarbonFrame, DemoBanner, GridSelect, GwpSelect, RegionSelect, useChoices, useFormat, useRegions, YearSelect } from './bits.js';
import { CarbonChart, SECTOR_COLOURS, type CarbonChartOption } from './charts.js';
import { useCarbonText } from './strings.js';
import type { ActivityRow, Catalogue, Gas, Inventory as InventoryData, InventoryLine, Sector } from './types.js';
import { STICKY } from '../../components/tables.js';

export type Labels = ReturnType<typeof labelsOf>;

/** Names of sectors, categories, sub-sectors and items from the catalogue, in the current language. */
export function labelsOf(cat: Catalogue | undefined, lang: 'zh' | 'en') {
  const pick = (x: { zh: string; en: string } | undefined, code: string) => (x ? (lang === 'en' ? x.en : x.zh) : code);
  return {
    sector: (s: string) => pick(cat?.sectors[s as Sector], s),
    category: (code: string) => pick(cat?.categories.find((x) => x.code === code), code),
    subsector: (code: string | null) => (code ? pick(cat?.subsectors.find((x) => x.code === code), code) : ''),
    fuel: (code: string) => pick(cat?.fuels.find((x) => x.code === code), code),
    item: (category: string, code: string) => {
      const items = cat?.categories.find((x) => x.code === category)?.items;
      return Array.isArray(items) ? pick(items.find((i) => i.code === code), code) : code;
    },
  };
}

function sankeyOption(inv: InventoryData, l: Labels, unit: string): CarbonChartOption {
  const flows = inv.totals.fuelFlows.filter((f) => f.co2e > 0);
  const fuels = [...new Set(flows.map((f) => f.fuel))];
  const subs = [...new Set(flows.map((f) => f.subsector))];
  return {
    tooltip: { trigger: 'item', valueFormatter: (v) => `${Number(v).toFixed(1)} ${unit}` },
    series: [
      {
        type: 'sankey',
        left: 8,
        right: 150,
        top: 10,
        bottom: 10,
        nodeGap: 16,
        emphasis: { focus: 'adjacency' },
        lineStyle: { color: 'gradient', opacity: 0.45 },
        label: { fontSize: 12 },
        data: [...fuels.map((f) => ({ name: l.fuel(f), itemStyle: { color: '#a16207' } })), ...subs.map((s) => ({ name: l.subsector(s), itemStyle: { color: '#c2410c' } }))],
        links: flows.map((f) => ({ source: l.fuel(f.fuel), target: l.subsector(f.subsector), value: Number((f.co2e / 1e4).toFixed(2)) })),
      },
    ],
  };
}

/** Scope-1 lines of a sector summed by category; a negative category (methane recovered) is netted into its sector's largest. */
function treemapOption(inv: InventoryData, l: Labels, unit: string): CarbonChartOption {
  const bySector = new Map<string, Map<string, number>>();
  for (const x of inv.lines) {
    if (x.scope !== 1 || x.sector === 'lulucf' || x.sector === 'macro') continue;
    const m = bySector.get(x.sector) ?? new Map<string, number>();
    const key = x.category === 'fuelCombustion' ? `fuel:${x.subsector}` : x.category;
    m.set(key, (m.get(key) ?? 0) + x.co2e);
    bySector.set(x.sector, m);
  }
  const data = [...bySector].map(([sector, cats]) => {
    const entries = [...cats].sort((a, b) => b[1] - a[1]);
    const negative = entries.filter(([, v]) => v < 0).reduce((a, [, v]) => a + v, 0);
    const kept = entries.filter(([, v]) => v > 0);
    if (kept.length) kept[0] = [kept[0]![0], kept[0]![1] + negative];
    return {
      name: l.sector(sector),
      itemStyle: { color: SECTOR_COLOURS[sector] },
      children: kept.map(([k, v]) => ({ name: k.startsWith('fuel:') ? `${l.category('fuelCombustion')}·${l.subsector(k.slice(5))}` : l.category(k), value: Number((v / 1e4).toFixed(2)) })),
    };
  });
  return {
    tooltip: { valueFormatter: (v) => `${Number(v).toFixed(1)} ${unit}` },
    series: [
      {
        type: 'treemap',
        roam: false,
        nodeClick: false,
        breadcrumb: { show: false },
        top: 4,
        left: 4,
        right: 4,
        bottom: 4,
        upperLabel: { show: true, height: 22, color: '#fff', fontWeight: 'bold' },
        label: { show: true, formatter: '{b}\n{c}', fontSize: 12 },
        levels: [{ itemStyle: { borderColor: '#fff', borderWidth: 2, gapWidth: 2 } }, { colorSaturation: [0.35, 0.6], itemStyle: { borderColorSaturation: 0.7, gapWidth: 1, borderWidth: 1 } }],
        data,
      },
    ],
  };
}

const keyOf = (r: Pick<ActivityRow, 'regionCode' | 'category' | 'subsector' | 'item'>) => `${r.regionCode}|${r.category}|${r.subsector ?? ''}|${r.item}`;

function LineDetail({ line, activity }: { line: InventoryLine; activity: ActivityRow | undefined }) {
  const { c } = useCarbonText();
  const f = useFormat();
  const a = line.activity;
  return (
    <div data-testid="carbon-line-detail">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={c.inventory.formula}>
          <span className="carbon-formula">{line.formula}</span>
        </Descriptions.Item>
        <Descriptions.Item label={c.inventory.activity}>
          {a.valueText} {a.unit}
          {a.conversions.map((x, i) => (
            <div key={i} className="carbon-source">
              {c.inventory.conversion}：1 {x.from} = {f.num(x.factor, 6)} {x.to}（{x.source}）
            </div>
          ))}
          {a.unit !== a.unitUsed && <div>{c.inventory.converted(f.num(a.value, 3), a.unitUsed)}</div>}
          {activity && (
            <div className="carbon-source">
              {c.inventory.source}：{activity.source}
              {activity.version > 1 ? ` · v${activity.version}` : ''}
            </div>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Table
        className="carbon-gap"
        size="small"
        rowKey={(r) => r.name}
        pagination={false}
        dataSource={line.inputs}
        columns={[
          { title: c.inventory.param, dataIndex: 'name', width: 110, render: (n: string, r) => (r.local ? <span>{n} <Tag color="purple">{c.inventory.local}</Tag></span> : n) },
          { title: c.inventory.value, dataIndex: 'value', width: 120, align: 'right', render: (v: number) => <span className="carbon-num">{f.num(v, 6)}</span> },
          { title: c.inventory.unit, dataIndex: 'unit', width: 120 },
          { title: c.inventory.source, dataIndex: 'source', render: (s: string) => <span className="carbon-source">{s || c.empty}</span> },
        ]}
      />
    </div>
  );
}

/**
 * 发布到公开平台: inventories have no approval step, so a reviewer publishes a year's city totals for the portal's
 * home (POST …/carbon/publications/publish, after a confirmation saying what becomes public) and can take them off
 * again with a reason (…/withdraw); the latest event of the year says whether it is public.
 */
function PublishControl({ year, gwp }: { year: number; gwp: Parameters<typeof carbonApi.publish>[1] }) {
  const { c } = useCarbonText();
  const { user } = useAuth();
  const { message } = AntApp.useApp();
  const record = useApi('carbon-publications', carbonApi.publications);
  const { level } = usePlanTerms();
  const [withdrawing, setWithdrawing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  if (!user || (user.role !== 'reviewer' && user.role !== 'admin')) return null;
  const last = (record.data?.events ?? []).filter((e) => e.year === year).at(-1);
  const failed = (e: unknown) => void message.error(e instanceof Error ? e.message : String(e));
  const publish = async () => {
    try {
      await carbonApi.publish(year, gwp);
      void message.success(c.inventory.publishDone(year, level));
      record.retry();
    } catch (e) {
      failed(e);
    }
  };
  const withdraw = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      await carbonApi.withdraw(year, reason.trim());
      void message.success(c.inventory.withdrawDone(year, level));
      setWithdrawing(false);
      form.resetFields();
      record.retry();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };
  if (last?.action === 'publish')
    return (
      <Space size={4} wrap>
        <Tag color="green" data-testid="carbon-published">
          {c.inventory.published(year, last.at.slice(0, 16).replace('T', ' '), level)}
        </Tag>
        <Button size="small" danger onClick={() => setWithdrawing(true)} data-testid="carbon-withdraw">
          {c.inventory.withdraw}
        </Button>
        <Modal
          open={withdrawing}
          title={c.inventory.withdrawTitle(year, level)}
          okText={c.inventory.withdraw}
          okButtonProps={{ danger: true, loading: busy, 'data-testid': 'carbon-withdraw-ok' }}
          onOk={() => void withdraw().catch(() => {})}
          onCancel={() => setWithdrawing(false)}
          destroyOnHidden
        >
          <Typography.Paragraph type="secondary">{c.inventory.withdrawHelp}</Typography.Paragraph>
          <Form form={form} layout="vertical" preserve={false}>
            <Form.Item name="reason" label={c.inventory.withdrawReason} rules={[{ required: true, whitespace: true, message: c.inventory.withdrawReasonRequired }]}>
              <Input.TextArea rows={2} maxLength={1000} data-testid="carbon-withdraw-reason" />
            </Form.Item>
          </Form>
        </Modal>
      </Space>
    );
  return (
    <Popconfirm title={c.inventory.publish(year, level)} description={<div style={{ maxWidth: 340 }}>{c.inventory.publishConfirm(year, level)}</div>} onConfirm={publish}>
      <Button data-testid="carbon-publish">{c.inventory.publish(year, level)}</Button>
    </Popconfirm>
  );
}

export function Inventory() {
  const { c, lang } = useCarbonText();
  const f = useFormat();
  const [choices, setChoices] = useChoices();
  const regions = useRegions();
  const region = choices.region ?? regions.city ?? '';
  const catalogue = useApi('carbon-catalogue', carbonApi.catalogue);
  const series = useApi(`carbon-series|${region}`, () => carbonApi.series({ region: region || undefined }));
  const years = useMemo(() => (series.data?.series ?? []).filter((s) => s.totals.gross !== 0).map((s) => s.year), [series.data]);
  const year = choices.year ?? years.at(-1) ?? null;
  const q = { year: year ?? 0, region: region || undefined, gwp: choices.gwp, grid: choices.grid };
  const inv = useApi(`carbon-inv|${JSON.stringify(q)}`, () => (year === null ? Promise.reject(new Error('no year')) : carbonApi.inventory(q)));
  const activity = useApi(`carbon-act|${year}`, () => (year === null ? Promise.resolve({ rows: [] }) : carbonApi.activity({ year })));
  const l = useMemo(() => labelsOf(catalogue.data, lang), [catalogue.data, lang]);
  const actByKey = useMemo(() => new Map((activity.data?.rows ?? []).map((r) => [keyOf(r), r])), [activity.data]);

  const filters = year !== null && (
    <>
      <YearSelect value={year} years={years} onChange={(y) => setChoices({ year: y })} />
      <RegionSelect value={region} onChange={(r) => setChoices({ region: r })} />
      <GwpSelect value={choices.gwp} sets={catalogue.data?.gwpSets} onChange={(g) => setChoices({ gwp: g })} />
      <GridSelect value={choices.grid} onChange={(g) => setChoices({ grid: g })} />
      <Button href={carbonApi.workbookUrl(year, choices.gwp)} data-testid="carbon-export">
        {c.inventory.export}
      </Button>
      <PublishControl year={year} gwp={choices.gwp} />
    </>
  );

  const waiting = requestState(series);
  if (waiting || year === null)
    return <CarbonFrame page="inventory">{waiting ?? <Empty description={c.none} data-testid="carbon-no-data" />}</CarbonFrame>;
  const body = requestState(inv);
  const d = inv.data;
  const usedRegions = d?.inventory.regionsUsed ?? [];
  const demo = (activity.data?.rows ?? []).some((r) => r.isDemo && usedRegions.includes(r.regionCode));

  return (
    <CarbonFrame page="inventory" filters={filters}>
      {body ?? (d && <InventoryBody inv={d.inventory} l={l} demo={demo} actByKey={actByKey} regionName={regions.name} f={f} />)}
    </CarbonFrame>
  );
}

function InventoryBody({ inv, l, demo, actByKey, regionName, f }: { inv: InventoryData; l: Labels; demo: boolean; actByKey: Map<string, ActivityRow>; regionName: (c: string) => string; f: ReturnType<typeof useFormat> }) {
  const { c, lang } = useCarbonText();
  const t = inv.totals;
  const gases: Gas[] = ['CO2', 'CH4', 'N2O'];
  const gwpOf = (g: Gas) => (g === 'CO2' ? 1 : inv.gwpValues[g]);
  const scope1 = inv.lines.filter((x) => x.scope === 1);
  const scope2 = inv.lines.filter((x) => x.scope !== 1);
  const sankey = useMemo(() => sankeyOption(inv, l, c.wanTco2e), [inv, l, c.wanTco2e]);
  const treemap = useMemo(() => treemapOption(inv, l, c.wanTco2e), [inv, l, c.wanTco2e]);
  const stat = (label: string, value: number, testId: string) => (
    <Col xs={12} md={8} xl={4}>
      <Card size="small">
        <Statistic className="carbon-stat" title={label} value={f.wan(value)} suffix={<span className="carbon-stat-unit">{c.wanTco2e}</span>} data-testid={testId} />
      </Card>
    </Col>
  );
  const sectorFilters = [...new Set(scope1.map((x) => x.sector))].map((s) => ({ text: l.sector(s), value: s }));
  const columns: TableColumnsType<InventoryLine & { key: string }> = [
    { title: c.inventory.sector, dataIndex: 'sector', width: 120, filters: sectorFilters, onFilter: (v, r) => r.sector === v, render: (s: string) => <Tag color={SECTOR_COLOURS[s]} className="wrap-tag">{l.sector(s)}</Tag> },
    { title: c.inventory.category, dataIndex: 'category', width: 210, render: (x: string, r) => `${l.category(x)}${r.subsector ? ` · ${l.subsector(r.subsector)}` : ''}` },
    { title: c.inventory.item, dataIndex: 'item', width: 100, render: (x: string, r) => l.item(r.category, x) },
    { title: c.inventory.region, dataIndex: 'regionCode', width: 120, render: (x: string) => regionName(x) },
    { title: c.inventory.gas, dataIndex: 'gas', width: 64, filters: gases.map((g) => ({ text: c.gas[g], value: g })), onFilter: (v, r) => r.gas === v, render: (g: Gas) => c.gas[g] },
    { title: c.inventory.activity, key: 'activity', width: 150, align: 'right', render: (_, r) => <span className="carbon-num">{r.activity.valueText} {r.activity.unit}</span> },
    { title: c.inventory.gpc, dataIndex: 'gpc', width: 70 },
    { title: `${c.inventory.co2e}`, dataIndex: 'co2e', width: 130, align: 'right', sorter: (a, b) => a.co2e - b.co2e, defaultSortOrder: 'descend', render: (v: number) => <span className="carbon-num">{f.num(v, 1)}</span> },
  ];
  const withKeys = (xs: InventoryLine[]) => xs.map((x, i) => ({ ...x, key: `${x.regionCode}|${x.category}|${x.subsector}|${x.item}|${x.gas}|${i}` }));
  const detail = (r: InventoryLine) => <LineDetail line={r} activity={actByKey.get(keyOf(r))} />;

  return (
    <div data-testid="carbon-inventory-body">
      <DemoBanner show={demo} />
      <Typography.Paragraph type="secondary">
        {c.inventory.intro(regionName(inv.regionCode), inv.year)}
        {inv.rolledUp && ` ${c.inventory.rolledUp(inv.regionsUsed.length)}`}
      </Typography.Paragraph>
      {inv.warnings.length > 0 && (
        <Alert className="carbon-gap-bottom" type="info" showIcon title={c.warnings} description={<ul className="mon-excluded">{inv.warnings.map((w, i) => <li key={i}>{lang === 'en' ? w.en : w.zh}</li>)}</ul>} data-testid="carbon-warnings" />
      )}
      {!inv.lines.length ? (
        <Empty description={c.inventory.noLines(inv.year)} />
      ) : (
        <>
          <Row gutter={[12, 12]}>
            {stat(c.inventory.gross, t.gross, 'carbon-gross')}
            {stat(c.inventory.net, t.net, 'carbon-net')}
            {stat(c.inventory.sink, t.lulucf, 'carbon-sink')}
            {stat(c.inventory.scope2, t.scope2, 'carbon-scope2')}
            {stat(c.inventory.energyCO2, t.energyCO2, 'carbon-energy-co2')}
            {t.electricityExport > 0 && stat(c.inventory.exported, t.electricityExport, 'carbon-export-memo')}
          </Row>
          <Card className="carbon-gap" size="small" title={c.inventory.byGas} extra={<span className="carbon-source">{c.inventory.gwpSource(inv.gwpSet, inv.gwpValues.source)}</span>}>
            <Table
              data-testid="carbon-by-gas"
              size="small"
              rowKey="gas"
              pagination={false}
              dataSource={gases.map((g) => ({ gas: g, ...t.byGas[g] }))}
              columns={[
                { title: c.inventory.gas, dataIndex: 'gas', render: (g: Gas) => c.gas[g] },
                { title: c.inventory.mass, dataIndex: 'mass', align: 'right', render: (v: number) => <span className="carbon-num">{f.num(v, 1)}</span> },
                { title: `${c.inventory.gwpValue}（${inv.gwpSet}）`, key: 'gwp', align: 'right', render: (_, r) => <span data-testid={`carbon-gwp-${r.gas}`}>{gwpOf(r.gas)}</span> },
                { title: c.inventory.co2e, dataIndex: 'co2e', align: 'right', render: (v: number) => <span className="carbon-num">{f.num(v, 1)}</span> },
                { title: c.inventory.share, key: 'share', align: 'right', render: (_, r) => <span data-testid={`carbon-share-${r.gas}`}>{r.shareText === null ? c.empty : `${r.shareText}%`}</span> },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={3}>
                    <strong>{c.inventory.gasTotal}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <strong className="carbon-num">{f.num(t.gross, 1)}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    <strong data-testid="carbon-share-total">{t.gross > 0 ? '100.0%' : c.empty}</strong>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
            <Typography.Paragraph type="secondary" className="carbon-source carbon-gas-note">
              {c.inventory.gasNote}
            </Typography.Paragraph>
          </Card>
          <Row gutter={[16, 16]} className="carbon-gap">
            <Col xs={24} xl={13}>
              <Card size="small" title={c.inventory.sankey}>
                <Typography.Paragraph type="secondary" className="carbon-source">
                  {c.inventory.sankeyHelp}
                </Typography.Paragraph>
                {t.fuelFlows.length ? (
                  <div data-testid="carbon-sankey-wrap" data-links={t.fuelFlows.filter((x) => x.co2e > 0).length}>
                    <CarbonChart option={sankey} height={420} testId="carbon-sankey" ariaLabel={c.inventory.sankey} />
                  </div>
                ) : (
                  <Empty description={c.none} />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={11}>
              <Card size="small" title={c.inventory.treemap}>
                <Typography.Paragraph type="secondary" className="carbon-source">
                  {c.inventory.treemapHelp}
                </Typography.Paragraph>
                <CarbonChart option={treemap} height={420} testId="carbon-treemap" ariaLabel={c.inventory.treemap} />
              </Card>
            </Col>
          </Row>
          <Card className="carbon-gap" size="small" title={c.inventory.table}>
            <Typography.Paragraph type="secondary" className="carbon-source">
              {c.inventory.tableHelp}
            </Typography.Paragraph>
            <Table
              data-testid="carbon-lines"
              size="small"
              dataSource={withKeys(scope1)}
              columns={columns}
              expandable={{ expandedRowRender: detail }}
              pagination={{ pageSize: 15, size: 'small', showSizeChanger: false }}
              scroll={{ x: 980 }}
              sticky={STICKY}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={8}>
                    <strong>{c.inventory.total}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <strong className="carbon-num">{f.num(t.gross + t.lulucf, 1)}</strong>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          </Card>
          <Card className="carbon-gap" size="small" title={c.inventory.scope2Title} data-testid="carbon-scope2-card">
            <Typography.Paragraph type="secondary" className="carbon-source">
              {c.inventory.scope2Help}
            </Typography.Paragraph>
            {scope2.length ? (
              <Table
                data-testid="carbon-scope2-lines"
                size="small"
                dataSource={withKeys(scope2)}
                columns={[...columns.slice(1, 4), { title: c.inventory.scope, dataIndex: 'scope', width: 70, render: (s: 1 | 2 | null) => c.inventory.scopeText(s) }, ...columns.slice(5)]}
                expandable={{ expandedRowRender: detail }}
                pagination={scope2.length > 10 ? { pageSize: 10, size: 'small' } : false}
              />
            ) : (
              <Empty description={c.none} />
            )}
          </Card>
        </>
      )}
    </div>
  );
}
