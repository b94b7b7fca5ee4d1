// 生态产品总值 · 自然资源资产负债表: the SEEA asset account of a region and year — opening stock, additions and
// reductions by cause, closing stock, the identity checked by the API — physical first, monetary where a price
// exists; exported as CSV (the API offers no balance-sheet workbook; Excel opens the file).
import { useMemo } from 'react';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Loading, requestState } from '../../components/Status.js';
import { useApi } from '../../useApi.js';
import { gepApi } from './api.js';
import { DemoBanner, fmtExact, GepHeader, RegionPicker, useParam, useRegions, YearSelect } from './bits.js';
import { label, useGepStrings, type GepStrings } from './strings.js';
import type { BalanceRow, BalanceSheetResponse } from './types.js';
import type { Lang } from '../../i18n.js';
import './gep.css';
import { unitText } from '../../format.js';

const FIRST_YEAR = 2000;

/** Trailing zeros of the API's six-decimal texts are noise on screen: "1221457.800000" → "1,221,457.8". */
const tidy = (text: string) => fmtExact(text.includes('.') ? text.replace(/\.?0+$/, '') : text);

const flows = (lang: Lang, xs: BalanceRow['increases']) => xs.map((x) => `${label(lang, x)} ${tidy(x.value)}`);

/** The sheet as CSV (UTF-8 with BOM, so that Excel reads the Chinese). */
export function balanceCsv(b: BalanceSheetResponse, lang: Lang, s: GepStrings): string {
  const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const head = [s.balance.asset, s.balance.unit, s.balance.opening, s.balance.increases, s.balance.decreases, s.balance.closing, s.balance.check, s.balance.price, s.balance.openingValue, s.balance.closingValue];
  const rows = b.rows.map((r) => [
    label(lang, r),
    r.unit,
    r.opening,
    flows(lang, r.increases).join('; '),
    flows(lang, r.decreases).join('; '),
    r.closing,
    r.balanced ? s.balance.balanced : s.balance.unbalanced(r.discrepancy),
    r.monetary ? `${r.monetary.price} ${r.monetary.priceUnit}` : '',
    r.monetary?.opening.yuan ?? '',
    r.monetary?.closing.yuan ?? '',
  ]);
  return '\ufeff' + [[`${b.regionName} ${b.year}`, b.layout], head, ...rows].map((r) => r.map(q).join(',')).join('\r\n') + '\r\n';
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function GepBalanceSheet() {
  const { s, lang } = useGepStrings();
  const b = s.balance;
  const regions = useRegions();
  const [regionParam, setRegion] = useParam('region');
  const [yearParam, setYear] = useParam('year');
  const region = regionParam && regions?.some((r) => r.code === regionParam) ? regionParam : (regions?.find((r) => r.level === 'city')?.code ?? null);
  const assets = useApi(`gep-assets:${region}`, () => (region ? gepApi.inputs({ kind: 'asset', region }) : Promise.reject(new Error('region'))));
  const years = useMemo(() => [...new Set((assets.data?.facts ?? []).map((f) => f.year))].sort((x, y) => y - x), [assets.data]);
  const asked = Number(yearParam);
  const year = years.includes(asked) ? asked : (years[0] ?? (Number.isInteger(asked) && asked >= FIRST_YEAR ? asked : null));
  const demo = (assets.data?.facts ?? []).some((f) => f.year === year && f.isDemo);
  const sheet = useApi(`gep-balance:${region}:${year}`, () => (region && year ? gepApi.balanceSheet(region, year) : Promise.reject(new Error('year'))));

  const columns: TableColumnsType<BalanceRow> = [
    { title: b.asset, key: 'asset', width: 130, render: (_, r) => label(lang, r) },
    { title: b.unit, dataIndex: 'unit', width: 70, render: (u: string) => unitText(lang, u) },
    { title: b.opening, dataIndex: 'opening', align: 'right', render: tidy },
    { title: b.increases, key: 'inc', render: (_, r) => flows(lang, r.increases).map((x) => <div key={x}>+ {x}</div>) },
    { title: b.decreases, key: 'dec', render: (_, r) => flows(lang, r.decreases).map((x) => <div key={x}>− {x}</div>) },
    { title: b.closing, dataIndex: 'closing', align: 'right', render: (v: string) => <span data-testid="gep-balance-closing">{tidy(v)}</span> },
    {
      title: b.check,
      key: 'check',
      width: 110,
      render: (_, r) => (r.balanced ? <Tag color="green" data-testid="gep-balanced">{b.balanced}</Tag> : <Tag color="red">{b.unbalanced(tidy(r.discrepancy))}</Tag>),
    },
    {
      title: b.monetary,
      children: [
        { title: b.price, key: 'price', align: 'right', render: (_, r) => (r.monetary ? `${r.monetary.price} ${r.monetary.priceUnit}` : s.none) },
        { title: b.openingValue, key: 'ov', align: 'right', render: (_, r) => (r.monetary ? fmtExact(r.monetary.opening.yuan) : s.none) },
        { title: b.closingValue, key: 'cv', align: 'right', render: (_, r) => (r.monetary ? fmtExact(r.monetary.closing.yuan) : s.none) },
      ],
    },
  ];

  const headerOf = (filters?: React.ReactNode) => (
    <GepHeader current="balance" title={b.title}>
      {filters}
    </GepHeader>
  );
  const header = headerOf();
  if (!regions) return <div className="page gep-page">{header}<Loading /></div>;
  return (
    <div className="page gep-page" data-testid="gep-balance-page">
      {headerOf(
        <Space wrap size={16}>
          <RegionPicker regions={regions} value={region} onChange={setRegion} />
          {years.length > 0 && <YearSelect years={years} value={year} onChange={setYear} />}
        </Space>,
      )}
      <DemoBanner show={demo} />
      {requestState(assets) ??
        (!years.length ? (
          <Alert type="info" showIcon title={b.noRows} data-testid="gep-balance-empty" />
        ) : (
          requestState(sheet) ??
          (sheet.data && (
            <Card
              size="small"
              title={`${sheet.data.regionName} ${s.yearOption(sheet.data.year)}`}
              extra={
                <Button onClick={() => download(`${sheet.data!.regionName}-${sheet.data!.year}-balance-sheet.csv`, balanceCsv(sheet.data!, lang, s))} data-testid="gep-balance-export">
                  {b.exportCsv}
                </Button>
              }
            >
              <Typography.Paragraph type="secondary">
                {b.layout}{lang === 'en' ? '. ' : '；'}{b.physicalFirst} ({sheet.data.layout})
              </Typography.Paragraph>
              {sheet.data.continuityBreaks.length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  className="gep-demo"
                  data-testid="gep-balance-breaks"
                  title={b.breaks}
                  description={sheet.data.continuityBreaks.map((x) => {
                    const row = sheet.data!.rows.find((r) => r.asset === x.asset);
                    return <div key={x.asset}>{b.breakLine(row ? label(lang, row) : x.asset, x.year, tidy(x.closing), tidy(x.nextOpening))}</div>;
                  })}
                />
              )}
              <Table<BalanceRow> data-testid="gep-balance" size="small" bordered rowKey="asset" pagination={false} columns={columns} dataSource={sheet.data.rows} />
            </Card>
          ))
        ))}
    </div>
  );
}
