// 生态产品总值 · GEP 核算: the account of a region and year by the specification (total, per capita, GEP/GDP,
// composition sunburst, region comparison, items with quantities, prices and clauses) or, clearly labelled, the
// equivalent-factor screening estimate; current or constant prices. Everything shown comes from the GEP API.
import { useMemo } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Segmented, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Loading, requestState } from '../../components/Status.js';
import { useApi } from '../../useApi.js';
import type { Lang } from '../../i18n.js';
import { gepApi } from './api.js';
import { DemoBanner, fmtExact, fmtNum, GepHeader, RegionPicker, useExtentIndex, useParam, useRegions, useRegionYear, wan, YearSelect } from './bits.js';
import { CATEGORY_COLOURS, GepChart, type GepChartOption } from './charts.js';
import { label, useGepStrings, type GepStrings } from './strings.js';
import type { AccountItem, AccountLine, EquivalentAccount, RegionsResponse, SpecAccount, SpecResponse } from './types.js';
import './gep.css';
import { lines } from '../../html.js';
import { unitText } from '../../format.js';

type Method = 'spec' | 'equivalent';

const yiOf = (yuan: string) => Number(yuan) / 1e8;

function sunburstOption(acc: SpecAccount, spec: SpecResponse | undefined, lang: Lang, s: GepStrings): GepChartOption {
  const typeName = new Map((spec?.ecosystemTypes ?? []).map((t) => [t.id, label(lang, t)]));
  // Every node carries its category's colour: items and types are told apart by ring and shade, not by hue.
  const data = acc.byCategory
    .filter((c) => Number(c.yuan) > 0)
    .map((c) => ({
      name: label(lang, c),
      itemStyle: { color: CATEGORY_COLOURS[c.id] },
      children: acc.items
        .filter((i) => i.included && i.category === c.id && Number(i.yuan) > 0)
        .map((i) => {
          const byType = new Map<string, number>();
          for (const l of i.lines) byType.set(l.type, (byType.get(l.type) ?? 0) + Number(l.yuan));
          return {
            name: label(lang, i),
            itemStyle: { color: CATEGORY_COLOURS[c.id], opacity: 0.78 },
            children: [...byType.entries()]
              .filter(([, v]) => v > 0)
              .map(([t, v]) => ({ name: typeName.get(t) ?? t, value: Number((v / 1e8).toFixed(4)), itemStyle: { color: CATEGORY_COLOURS[c.id], opacity: 0.5 } })),
          };
        }),
    }));
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const x = p as { name: string; value: number; treePathInfo?: { name: string }[] };
        const path = (x.treePathInfo ?? []).map((n) => n.name).filter(Boolean).join(' / ');
        return lines([path || x.name, `${fmtNum(lang, x.value, 2)} ${s.yi}`]);
      },
    },
    series: [
      {
        type: 'sunburst',
        data,
        radius: ['10%', '95%'],
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        emphasis: { focus: 'ancestor' },
        levels: [
          {},
          { r0: '10%', r: '36%', label: { rotate: 0, fontSize: 12, fontWeight: 'bold', color: '#fff', minAngle: 12 } },
          { r0: '36%', r: '68%', label: { rotate: 'radial', fontSize: 11, color: '#fff', minAngle: 7 } },
          { r0: '68%', r: '95%', label: { rotate: 'radial', fontSize: 10, color: '#1f2d26', minAngle: 9 } },
        ],
      },
    ],
  };
}

function regionsOption(data: RegionsResponse, lang: Lang, names: (code: string, fallback: string) => string): GepChartOption {
  const counties = data.regions.filter((r) => r.level === 'county');
  const cats = counties[0]?.byCategory ?? [];
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 60, right: 16, top: 36, bottom: 70 },
    xAxis: { type: 'category', data: counties.map((r) => names(r.region, r.name)), axisLabel: { interval: 0, rotate: 30, fontSize: 11 } },
    yAxis: { type: 'value', name: lang === 'en' ? '100 million yuan' : '亿元' },
    series: cats.map((c) => ({
      type: 'bar' as const,
      stack: 'gep',
      name: label(lang, c),
      itemStyle: { color: CATEGORY_COLOURS[c.id] },
      data: counties.map((r) => Number(yiOf(r.byCategory.find((x) => x.id === c.id)?.yuan ?? '0').toFixed(2))),
    })),
  };
}

function equivalentOption(acc: EquivalentAccount, lang: Lang): GepChartOption {
  const rows = [...acc.byService].filter((x) => Number(x.yuan) !== 0).reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 130, right: 40, top: 10, bottom: 30 },
    xAxis: { type: 'value', name: lang === 'en' ? '100 million yuan' : '亿元' },
    yAxis: { type: 'category', data: rows.map((x) => label(lang, x)) },
    series: [{ type: 'bar', data: rows.map((x) => Number(yiOf(x.yuan).toFixed(2))), itemStyle: { color: '#7a8f3c' } }],
  };
}

/** A unit price with its unit; a value-entered line's "price" is its price index. */
function priceText(lang: Lang, l: AccountLine, indexWord: string): string {
  return l.priceUnit === '1' ? `${indexWord} ${fmtNum(lang, l.price)}` : `${fmtNum(lang, l.price)} ${l.priceUnit}`;
}

/** A clause without the specification's full title, which the card's note names once. */
function shortClause(lang: Lang, clause: { zh: string; en: string }, spec: SpecResponse | undefined): string {
  const text = label(lang, clause);
  const title = spec ? label(lang, spec.specification) : '';
  if (lang === 'zh' && title && text.startsWith(title)) return `《规范》${text.slice(title.length).trim()}`;
  const en = /^NDRC\/NBS 2022 GEP accounting specification,\s*/;
  return lang === 'en' ? text.replace(en, 'Spec., ') : text;
}

function Filters({ method, setMethod, basis, setBasis, baseYear, setBaseYear, years }: { method: Method; setMethod: (m: Method) => void; basis: 'current' | 'constant'; setBasis: (b: 'current' | 'constant') => void; baseYear: number | null; setBaseYear: (y: number) => void; years: number[] }) {
  const { s } = useGepStrings();
  return (
    <Space wrap size={16}>
      <Space size={8}>
        <Typography.Text type="secondary">{s.method}</Typography.Text>
        <Segmented<Method>
          data-testid="gep-method"
          value={method}
          onChange={setMethod}
          options={[
            { value: 'spec', label: <Tooltip title={s.methodSpecHint}>{s.methodSpec}</Tooltip> },
            { value: 'equivalent', label: <Tooltip title={s.methodEquivalentHint}><span data-testid="gep-method-equivalent">{s.methodEquivalent}</span></Tooltip> },
          ]}
        />
      </Space>
      {method === 'spec' && (
        <Space size={8}>
          <Typography.Text type="secondary">{s.priceBasis}</Typography.Text>
          <Segmented<'current' | 'constant'>
            data-testid="gep-basis"
            value={basis}
            onChange={setBasis}
            options={[
              { value: 'current', label: s.current },
              { value: 'constant', label: <Tooltip title={s.constantHint}><span data-testid="gep-basis-constant">{s.constant(baseYear ?? years.at(-1) ?? 0)}</span></Tooltip> },
            ]}
          />
          {basis === 'constant' && <YearSelect years={[...years].reverse()} value={baseYear} onChange={setBaseYear} label={s.baseYear} testId="gep-base-year" />}
        </Space>
      )}
    </Space>
  );
}

function SpecView({ acc, spec, regions, names }: { acc: SpecAccount; spec: SpecResponse | undefined; regions: RegionsResponse | undefined; names: (code: string, fallback: string) => string }) {
  const { s, lang } = useGepStrings();
  const a = s.account;
  const sunburst = useMemo(() => sunburstOption(acc, spec, lang, s), [acc, spec, lang, s]);
  const regionChart = useMemo(() => (regions ? regionsOption(regions, lang, names) : null), [regions, lang, names]);
  const city = regions?.regions.find((r) => r.level === 'city');
  const specItem = useMemo(() => new Map((spec?.items ?? []).map((i) => [i.id, i])), [spec]);
  const typeName = useMemo(() => new Map((spec?.ecosystemTypes ?? []).map((t) => [t.id, label(lang, t)])), [spec, lang]);

  const columns: TableColumnsType<AccountItem> = [
    {
      title: a.item,
      key: 'item',
      width: 200,
      render: (_, i) => (
        <Space size={4} wrap>
          <span className="gep-dot" style={{ background: CATEGORY_COLOURS[i.category] }} />
          <span>{label(lang, i)}</span>
          {!i.included && <Tag>{a.excluded}</Tag>}
        </Space>
      ),
    },
    { title: a.category, key: 'cat', width: 100, render: (_, i) => label(lang, acc.byCategory.find((c) => c.id === i.category)!) },
    {
      title: a.quantity,
      key: 'q',
      align: 'right',
      width: 150,
      render: (_, i) => {
        const keys = new Set(i.lines.map((l) => l.line));
        if (!i.lines.length) return <Typography.Text type="secondary">{s.none}</Typography.Text>;
        if (keys.size > 1) return <Typography.Text type="secondary">{a.lines(i.lines.length)}</Typography.Text>;
        return fmtNum(lang, i.lines.reduce((t, l) => t + l.quantity, 0), 2);
      },
    },
    { title: a.unit, key: 'u', width: 90, render: (_, i) => (new Set(i.lines.map((l) => l.unit)).size === 1 ? unitText(lang, i.lines[0]!.unit) : s.none) },
    {
      title: a.price,
      key: 'p',
      align: 'right',
      width: 140,
      render: (_, i) => {
        const ps = new Set(i.lines.map((l) => `${l.price}|${l.priceUnit}`));
        if (ps.size !== 1) return <Typography.Text type="secondary">{s.none}</Typography.Text>;
        return priceText(lang, i.lines[0]!, a.index);
      },
    },
    { title: a.value, dataIndex: 'yuan', key: 'v', align: 'right', width: 130, render: (v: string) => <span data-testid="gep-item-value">{wan(lang, v)}</span> },
    {
      title: a.clause,
      key: 'clause',
      render: (_, i) => {
        const sp = specItem.get(i.id);
        if (!sp) return s.none;
        return (
          <Tooltip title={<div><div>{label(lang, sp.clause)}</div><div>{sp.methodSource}</div><div>{label(lang, sp.pricingMethod)}</div></div>}>
            <span className="gep-clause">{shortClause(lang, sp.clause, spec)}</span>
            {!sp.clause.verified && <span className="gep-unverified-mark">{a.clauseUnverifiedShort}</span>}
          </Tooltip>
        );
      },
    },
    {
      title: a.status,
      key: 'status',
      width: 110,
      render: (_, i) => (
        <Tooltip title={i.missingInputs.length ? `${a.missingInputs}${s.colon}${i.missingInputs.join(s.listSep)}` : undefined}>
          <Tag color={i.status === 'complete' ? 'green' : i.status === 'partial' ? 'gold' : 'default'}>{a.statusValue[i.status]}</Tag>
        </Tooltip>
      ),
    },
  ];

  const lineColumns: TableColumnsType<AccountLine & { key: string }> = [
    { title: a.item, key: 'line', render: (_, l) => label(lang, l) },
    { title: a.type, key: 'type', render: (_, l) => typeName.get(l.type) ?? l.type },
    { title: a.quantity, dataIndex: 'quantity', align: 'right', render: (v: number) => fmtNum(lang, v, 2) },
    { title: a.unit, dataIndex: 'unit', render: (u: string) => unitText(lang, u) },
    { title: a.price, key: 'price', align: 'right', render: (_, l) => priceText(lang, l, a.index) },
    { title: a.priceYear, dataIndex: 'priceYear' },
    { title: a.origin, dataIndex: 'origin', render: (o: string) => (o === 'entered' ? a.entered : a.modelled) },
    { title: a.value, dataIndex: 'yuan', align: 'right', render: (v: string) => wan(lang, v) },
    { title: a.priceSource, dataIndex: 'priceSource', ellipsis: { showTitle: true } },
  ];

  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card className="gep-stat" data-testid="gep-total-card">
            <Statistic title={`${a.total} · ${acc.prices.basis === 'constant' ? s.constant(acc.prices.baseYear) : s.current}`} value={fmtExact(acc.total.yi)} suffix={s.yi} />
            <div className="gep-categories">
              {acc.byCategory.map((c) => (
                <span key={c.id}>
                  <span className="gep-dot" style={{ background: CATEGORY_COLOURS[c.id] }} />
                  {label(lang, c)} {fmtExact(c.yi)}
                </span>
              ))}
            </div>
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card className="gep-stat" data-testid="gep-percapita-card">
            <Statistic title={a.perCapita} value={acc.perCapita ? fmtExact(acc.perCapita.yuan) : s.none} suffix={acc.perCapita ? a.perCapitaUnit : undefined} />
            {!acc.perCapita && <Typography.Text type="secondary">{a.noPopulation}</Typography.Text>}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card className="gep-stat" data-testid="gep-gdp-card">
            <Statistic title={a.gepToGdp} value={acc.gepToGdp ?? s.none} />
            {!acc.gepToGdp && <Typography.Text type="secondary">{a.noGdp}</Typography.Text>}
          </Card>
        </Col>
      </Row>
      {acc.areaCheck && (
        <Alert
          className="gep-gap"
          type={acc.areaCheck.ok ? 'success' : 'error'}
          showIcon
          data-testid="gep-area-check"
          title={`${a.areaCheck}${s.colon}${(acc.areaCheck.ok ? a.areaOk : a.areaBad)(fmtNum(lang, acc.areaCheck.sumHm2, 2), fmtNum(lang, acc.areaCheck.regionHm2, 2))}`}
        />
      )}
      <Row gutter={[16, 16]} className="gep-gap">
        <Col xs={24} lg={11}>
          <Card title={a.composition} size="small" extra={<Typography.Text type="secondary" className="gep-hint">{s.yi}</Typography.Text>}>
            <GepChart option={sunburst} height={420} testId="gep-sunburst" ariaLabel={a.composition} />
          </Card>
        </Col>
        <Col xs={24} lg={13}>
          <Card title={a.regions(acc.year)} size="small" extra={city && <Typography.Text type="secondary" className="gep-hint">{a.cityTotal(names(city.region, city.name), fmtExact(city.total.yi))}</Typography.Text>}>
            {regionChart ? <GepChart option={regionChart} height={420} testId="gep-regions-chart" ariaLabel={a.regions(acc.year)} /> : <Empty />}
          </Card>
        </Col>
      </Row>
      <Card title={a.items} size="small" className="gep-gap" extra={<Typography.Text type="secondary" className="gep-hint">{a.itemsHint}</Typography.Text>}>
        <Table<AccountItem>
          data-testid="gep-items"
          rowKey="id"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={acc.items}
          rowClassName={(i) => (i.included ? '' : 'gep-excluded')}
          expandable={{
            rowExpandable: (i) => i.lines.length > 0,
            expandedRowRender: (i) => (
              <Table size="small" pagination={false} rowKey="key" columns={lineColumns} dataSource={i.lines.map((l, k) => ({ ...l, key: `${l.line}|${l.type}|${k}` }))} />
            ),
          }}
          footer={() => spec && <Typography.Text type="secondary" className="gep-hint">{label(lang, spec.specification)}{s.colon}{label(lang, spec.clauseNote)}</Typography.Text>}
          summary={() => (
            <Table.Summary.Row className="summary-row">
              <Table.Summary.Cell index={0} colSpan={6}>
                {a.total}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                <span data-testid="gep-items-total">{wan(lang, acc.total.yuan)}</span>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={7} colSpan={2} />
            </Table.Summary.Row>
          )}
        />
      </Card>
    </>
  );
}

function EquivalentView({ acc, specTotal }: { acc: EquivalentAccount; specTotal: string | null }) {
  const { s, lang } = useGepStrings();
  const a = s.account;
  const option = useMemo(() => equivalentOption(acc, lang), [acc, lang]);
  return (
    <>
      <Alert
        type="warning"
        showIcon
        data-testid="gep-equivalent-label"
        title={label(lang, acc.label)}
        description={
          <div>
            <div>{a.standardEquivalent(fmtNum(lang, acc.standardEquivalentYuanPerHm2, 2))}（{acc.standardEquivalentSource}）</div>
            {specTotal && <div>{a.sideBySide(fmtExact(specTotal))}</div>}
            {acc.unverifiedRowsUsed.length > 0 && <div>{a.unverifiedRows(acc.unverifiedRowsUsed.join(s.listSep))}</div>}
          </div>
        }
      />
      <Row gutter={[16, 16]} className="gep-gap">
        <Col xs={24} md={8}>
          <Card data-testid="gep-equivalent-total">
            <Statistic title={`${a.equivalentLabel} · ${s.current}`} value={fmtExact(acc.total.yi)} suffix={s.yi} />
          </Card>
          <Card size="small" title={a.byType} className="gep-gap">
            <Table
              size="small"
              pagination={false}
              rowKey="type"
              dataSource={acc.byType}
              columns={[
                { title: a.type, key: 't', render: (_, r) => label(lang, r) },
                { title: a.area, dataIndex: 'areaHm2', align: 'right', render: (v: number) => fmtNum(lang, v, 2) },
                { title: s.yi, dataIndex: 'yi', align: 'right' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} md={16}>
          <Card size="small" title={a.byService}>
            <GepChart option={option} height={460} testId="gep-equivalent-chart" ariaLabel={a.byService} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

export function GepAccount() {
  const { s, lang } = useGepStrings();
  const regions = useRegions();
  const extent = useExtentIndex();
  const { region, year, years, setRegion, setYear } = useRegionYear(extent.index, regions);
  const [methodParam, setMethod] = useParam('method');
  const method: Method = methodParam === 'equivalent' ? 'equivalent' : 'spec';
  const [basisParam, setBasis] = useParam('prices');
  const basis = basisParam === 'constant' ? 'constant' : 'current';
  const [baseParam, setBase] = useParam('base');
  const allYears = extent.index?.years ?? [];
  const baseYear = allYears.includes(Number(baseParam)) ? Number(baseParam) : (allYears.at(-1) ?? null);
  const constantYear = method === 'spec' && basis === 'constant' ? baseYear : null;

  const spec = useApi('gep-spec', gepApi.spec);
  const ready = Boolean(region && year);
  const account = useApi(`gep-account:${region}:${year}:${method}:${constantYear}`, () =>
    ready ? gepApi.account({ region: region!, year: year!, method, constantYear }) : Promise.reject(new Error('no year')),
  );
  const regionTotals = useApi(`gep-regions:${year}:${constantYear}`, () => (year ? gepApi.regions(year, constantYear) : Promise.reject(new Error('no year'))));
  const specTotal = useApi(`gep-account:${region}:${year}:spec-total`, () =>
    ready && method === 'equivalent' ? gepApi.account({ region: region!, year: year!, method: 'spec' }) : Promise.resolve(null),
  );
  const names = useMemo(() => {
    const byCode = new Map((regions ?? []).map((r) => [r.code, r]));
    return (code: string, fallback: string) => {
      const r = byCode.get(code);
      return r ? (lang === 'en' && r.nameEn ? r.nameEn : r.name) : fallback;
    };
  }, [regions, lang]);

  const headerOf = (filters?: React.ReactNode) => (
    <GepHeader
      current="account"
      title={s.title}
      extra={
        <Button href={gepApi.exportUrl} download data-testid="gep-export">
          {s.account.exportXlsx}
        </Button>
      }
    >
      {filters}
    </GepHeader>
  );
  const header = headerOf();
  if (!regions || !extent.index) return <div className="page gep-page">{header}{requestState(extent) ?? <Loading />}</div>;
  if (!extent.index.years.length)
    return (
      <div className="page gep-page">
        {header}
        <Alert type="info" showIcon title={s.noYears} data-testid="gep-no-data" />
      </div>
    );

  return (
    <div className="page gep-page" data-testid="gep-account-page">
      {headerOf(
        <Space wrap size={16}>
          <RegionPicker regions={regions} value={region} onChange={setRegion} only={regions.filter((r) => extent.index!.yearsOf(r.code).length).map((r) => r.code)} />
          <YearSelect years={years} value={year} onChange={setYear} />
          <Filters method={method} setMethod={(m) => setMethod(m === 'spec' ? null : m)} basis={basis} setBasis={(b) => setBasis(b === 'current' ? null : b)} baseYear={baseYear} setBaseYear={setBase} years={allYears} />
        </Space>,
      )}
      <DemoBanner show={Boolean(region && year && extent.index.isDemo(region, year))} />
      {requestState(account) ??
        (account.data?.method === 'equivalent' ? (
          <EquivalentView acc={account.data} specTotal={specTotal.data && specTotal.data.method === 'spec' ? specTotal.data.total.yi : null} />
        ) : account.data ? (
          <SpecView acc={account.data} spec={spec.data} regions={regionTotals.data} names={names} />
        ) : null)}
    </div>
  );
}
