// 生态产品总值 · 年度比较: the GEP of a region in two years at current prices, the change decomposed into a
// quantity and a price effect (by category in the waterfall, by item in the table), and the extent change.
import { useMemo } from 'react';
import { Alert, Card, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Loading, requestState } from '../../components/Status.js';
import { useApi } from '../../useApi.js';
import type { Lang } from '../../i18n.js';
import { gepApi } from './api.js';
import { DemoBanner, fmtExact, fmtNum, GepHeader, RegionPicker, useExtentIndex, useParam, useRegions, wan, YearSelect } from './bits.js';
import { EFFECT_COLOURS, GepChart, waterfallSeries, type GepChartOption, type WaterfallStep } from './charts.js';
import { label, useGepStrings, type GepStrings } from './strings.js';
import type { Category, CompareResponse, ExtentChangeRow, SpecResponse } from './types.js';
import './gep.css';
import { lines } from '../../html.js';

const CATEGORIES: Category[] = ['material', 'regulating', 'cultural'];
const yi = (yuan: string) => Number(yuan) / 1e8;

/** Steps of the waterfall: the first year's GEP, quantity effects by category, price effects by category, the second year's GEP. */
export function waterfallSteps(c: CompareResponse, catName: (c: Category) => string, s: GepStrings): WaterfallStep[] {
  const sum = (cat: Category, f: 'quantityEffect' | 'priceEffect') => c.byItem.filter((i) => i.category === cat).reduce((t, i) => t + Number(i[f].yuan), 0);
  return [
    { label: s.compare.start(c.from), value: yi(c.fromTotal.yuan), kind: 'total' },
    ...CATEGORIES.map((cat) => ({ label: s.compare.quantity(catName(cat)), value: sum(cat, 'quantityEffect') / 1e8, kind: 'quantity' as const })),
    ...CATEGORIES.map((cat) => ({ label: s.compare.price(catName(cat)), value: sum(cat, 'priceEffect') / 1e8, kind: 'price' as const })),
    { label: s.compare.end(c.to), value: yi(c.toTotal.yuan), kind: 'total' },
  ];
}

/**
 * The value axis starts below the lowest running level (not at zero): a change of a few percent would otherwise be
 * a sliver on top of two tall totals. The totals' labels still give their full values.
 */
export function axisFloor(steps: WaterfallStep[]): number {
  let level = 0;
  const levels: number[] = [];
  for (const st of steps) {
    level = st.kind === 'total' ? st.value : level + st.value;
    levels.push(level);
  }
  const lo = Math.min(...levels);
  const hi = Math.max(...levels);
  const floor = lo - Math.max(hi - lo, Math.abs(hi) * 0.01) * 0.6;
  if (floor <= 0) return 0;
  const step = 10 ** Math.floor(Math.log10(floor));
  return Math.floor(floor / step) * step;
}

function waterfallOption(steps: WaterfallStep[], lang: Lang, s: GepStrings): GepChartOption {
  const { base, visible, signed } = waterfallSeries(steps);
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: unknown) => {
        const i = (ps as { dataIndex: number }[])[0]!.dataIndex;
        const st = steps[i]!;
        const v = signed[i]!;
        return lines([st.label, `${st.kind === 'total' ? '' : v >= 0 ? '+' : ''}${fmtNum(lang, v, 2)} ${s.yi}`]);
      },
    },
    grid: { left: 70, right: 20, top: 30, bottom: lang === 'en' ? 110 : 90 },
    xAxis: { type: 'category', data: steps.map((x) => x.label), axisLabel: { interval: 0, rotate: 30, fontSize: 11 } },
    yAxis: { type: 'value', name: lang === 'en' ? '100 million yuan' : '亿元', min: axisFloor(steps) },
    series: [
      { type: 'bar', stack: 'w', data: base, itemStyle: { color: 'transparent' }, emphasis: { disabled: true }, silent: true },
      {
        type: 'bar',
        stack: 'w',
        data: visible,
        barMaxWidth: 48,
        label: {
          show: true,
          position: 'top',
          fontSize: 11,
          formatter: (p: unknown) => {
            const i = (p as { dataIndex: number }).dataIndex;
            const v = signed[i]!;
            return steps[i]!.kind === 'total' ? fmtNum(lang, v, 2) : `${v >= 0 ? '+' : ''}${fmtNum(lang, v, 2)}`;
          },
        },
      },
    ],
  };
}

export function GepCompare() {
  const { s } = useGepStrings();
  const c = s.compare;
  const regions = useRegions();
  const extent = useExtentIndex();
  const spec = useApi('gep-spec', gepApi.spec);
  const [regionParam, setRegion] = useParam('region');
  const region = regionParam && regions?.some((r) => r.code === regionParam) ? regionParam : (regions?.find((r) => r.level === 'city')?.code ?? null);
  const years = region && extent.index ? extent.index.yearsOf(region) : [];
  const [fromParam, setFrom] = useParam('from');
  const [toParam, setTo] = useParam('to');
  const to = years.includes(Number(toParam)) ? Number(toParam) : (years[0] ?? null);
  const from = years.includes(Number(fromParam)) ? Number(fromParam) : (years.at(-1) ?? null);
  const valid = from !== null && to !== null && from < to;
  const result = useApi(`gep-compare:${region}:${from}:${to}`, () => (valid && region ? gepApi.compare(region, from, to) : Promise.reject(new Error('years'))));

  const headerOf = (filters?: React.ReactNode) => (
    <GepHeader current="compare" title={c.title}>
      {filters}
    </GepHeader>
  );
  const header = headerOf();
  if (!regions || !extent.index) return <div className="page gep-page">{header}{requestState(extent) ?? <Loading />}</div>;

  return (
    <div className="page gep-page" data-testid="gep-compare-page">
      {headerOf(
        <Space wrap size={16}>
          <RegionPicker regions={regions} value={region} onChange={setRegion} only={regions.filter((r) => extent.index!.yearsOf(r.code).length).map((r) => r.code)} />
          <YearSelect years={years} value={from} onChange={setFrom} label={c.from} testId="gep-from" />
          <YearSelect years={years} value={to} onChange={setTo} label={c.to} testId="gep-to" />
        </Space>,
      )}
      <DemoBanner show={Boolean(region && ((from !== null && extent.index.isDemo(region, from)) || (to !== null && extent.index.isDemo(region, to))))} />
      {!valid ? <Alert type="info" showIcon title={c.needTwo} data-testid="gep-compare-years" /> : (requestState(result) ?? (result.data && <CompareView data={result.data} spec={spec.data} />))}
    </div>
  );
}

function CompareView({ data, spec }: { data: CompareResponse; spec: SpecResponse | undefined }) {
  const { s, lang } = useGepStrings();
  const c = s.compare;
  const catName = useMemo(() => {
    const m = new Map((spec?.categories ?? []).map((x) => [x.id, label(lang, x)]));
    return (id: Category) => m.get(id) ?? id;
  }, [spec, lang]);
  const typeName = useMemo(() => new Map((spec?.ecosystemTypes ?? []).map((t) => [t.id, label(lang, t)])), [spec, lang]);
  const steps = useMemo(() => waterfallSteps(data, catName, s), [data, catName, s]);
  const option = useMemo(() => waterfallOption(steps, lang, s), [steps, lang, s]);
  const signedYi = (yiText: string) => `${Number(yiText) > 0 ? '+' : ''}${fmtExact(yiText)}`;

  const itemColumns: TableColumnsType<CompareResponse['byItem'][number]> = [
    { title: s.account.item, key: 'i', render: (_, i) => label(lang, i) },
    { title: s.account.category, key: 'c', render: (_, i) => catName(i.category) },
    { title: `${c.change}（${s.wan}）`, key: 'ch', align: 'right', render: (_, i) => wan(lang, i.change.yuan) },
    { title: `${c.quantityEffect}（${s.wan}）`, key: 'q', align: 'right', render: (_, i) => wan(lang, i.quantityEffect.yuan) },
    { title: `${c.priceEffect}（${s.wan}）`, key: 'p', align: 'right', render: (_, i) => wan(lang, i.priceEffect.yuan) },
  ];
  const extentColumns: TableColumnsType<ExtentChangeRow> = [
    { title: s.account.type, dataIndex: 'type', render: (t: string) => typeName.get(t) ?? t },
    { title: c.opening(data.from), dataIndex: 'opening', align: 'right', render: (v: number) => fmtNum(lang, v, 2) },
    { title: c.closing(data.to), dataIndex: 'closing', align: 'right', render: (v: number) => fmtNum(lang, v, 2) },
    { title: c.net, dataIndex: 'net', align: 'right', render: (v: number) => <span className={v < 0 ? 'gep-bad' : v > 0 ? 'gep-ok' : ''}>{`${v > 0 ? '+' : ''}${fmtNum(lang, v, 2)}`}</span> },
  ];

  return (
    <>
      <Row gutter={[16, 16]}>
        {[
          { t: c.start(data.from), v: fmtExact(data.fromTotal.yi), id: 'from' },
          { t: c.end(data.to), v: fmtExact(data.toTotal.yi), id: 'to' },
          { t: c.change, v: signedYi(data.change.yi), id: 'change' },
          { t: c.quantityEffect, v: signedYi(data.quantityEffect.yi), id: 'quantity' },
          { t: c.priceEffect, v: signedYi(data.priceEffect.yi), id: 'price' },
        ].map((x) => (
          <Col key={x.id} flex="1 1 200px">
            <Card className="gep-stat" size="small" data-testid={`gep-compare-${x.id}`}>
              <Statistic title={x.t} value={x.v} suffix={s.yi} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card title={c.waterfall} size="small" className="gep-gap" extra={<Typography.Text type="secondary" className="gep-hint">{c.waterfallHint}</Typography.Text>}>
        <div className="gep-area-bar">
          {(['quantity', 'price', 'negative', 'total'] as const).map((k) => (
            <span key={k}>
              <span className="gep-dot" style={{ background: EFFECT_COLOURS[k] }} />
              {k === 'quantity' ? c.quantityEffect : k === 'price' ? c.priceEffect : k === 'negative' ? c.legendFall : s.account.total}
            </span>
          ))}
        </div>
        <GepChart option={option} height={420} testId="gep-waterfall" ariaLabel={c.waterfall} />
        <Typography.Paragraph type="secondary" className="gep-formula">
          {c.formula}
          {s.colon}
          {label(lang, data.formula)}
        </Typography.Paragraph>
      </Card>
      <Row gutter={[16, 16]} className="gep-gap">
        <Col xs={24} xl={14}>
          <Card title={c.byItem} size="small">
            <Table
              data-testid="gep-compare-items"
              size="small"
              rowKey="id"
              pagination={false}
              columns={itemColumns}
              dataSource={data.byItem}
              summary={() => (
                <Table.Summary.Row className="summary-row">
                  <Table.Summary.Cell index={0} colSpan={2}>
                    {s.account.total}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {wan(lang, data.change.yuan)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {wan(lang, data.quantityEffect.yuan)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    {wan(lang, data.priceEffect.yuan)}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={c.extent} size="small">
            <Table data-testid="gep-extent-change" size="small" rowKey="type" pagination={false} columns={extentColumns} dataSource={data.extentChange.rows} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
