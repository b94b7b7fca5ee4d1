// 生态产品总值 · 生态补偿: a compensation fund allocated among the counties by weighted indicators taken from the
// GEP accounts and entered facts. The weights are a form; the allocation table explains every line and its total
// is checked against the fund. Saving a scheme (a new version, with a reason) is for administrators and reviewers.
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Form, Input, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { SignInRequired, useAuth } from '../../auth.js';
import { Loading, requestState } from '../../components/Status.js';
import { useApi } from '../../useApi.js';
import type { ApiError } from '../../api.js';
import { RefusedAlert } from '../../components/Status.js';
import { gepApi } from './api.js';
import { fmtExact, GepHeader, useExtentIndex, useRegions, YearSelect } from './bits.js';
import { label, useGepStrings } from './strings.js';
import type { Allocation, CompensationResponse, SavedScheme, Scheme } from './types.js';
import './gep.css';

interface FormValues {
  name: string;
  fundYuan: string;
  source?: string;
  indicators: { key: string; zh: string; en: string; weight: string; negative?: 'zero' | 'refuse' }[];
  reason?: string;
}

const decimal = /^\d+(\.\d+)?$/;

export function GepCompensation() {
  const { s } = useGepStrings();
  const c = s.compensation;
  const { user, status } = useAuth();
  const regions = useRegions();
  const extent = useExtentIndex();
  const schemes = useApi('gep-schemes', gepApi.schemes);
  const header = <GepHeader current="compensation" title={c.title} />;
  if (status === 'loading') return <div className="page gep-page">{header}<Loading /></div>;
  if (!user) return <div className="page gep-page">{header}<SignInRequired testId="gep-compensation-signin" /></div>;
  if (!regions || !extent.index || !schemes.data) return <div className="page gep-page">{header}{requestState(extent) ?? requestState(schemes) ?? <Loading />}</div>;
  const city = regions.find((r) => r.level === 'city')?.code ?? null;
  const years = city ? extent.index.yearsOf(city) : extent.index.years;
  return (
    <div className="page gep-page" data-testid="gep-compensation-page">
      {header}
      <CompensationBody schemes={schemes.data.schemes} years={years} staff={user.role === 'admin' || user.role === 'reviewer'} onSaved={schemes.retry} />
    </div>
  );
}

/** The form starts from the first saved scheme; choosing another scheme fills the form with it. */
function CompensationBody({ schemes, years, staff, onSaved }: { schemes: SavedScheme[]; years: number[]; staff: boolean; onSaved: () => void }) {
  const { s, lang } = useGepStrings();
  const c = s.compensation;
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FormValues>();
  const [year, setYear] = useState<number | null>(null);
  const [baseYear, setBaseYear] = useState<number | null>(null);
  const first = schemes[0];
  const [chosen, setChosen] = useState<string | null>(first?.name ?? null);
  const [initial] = useState<Partial<FormValues>>(() => (first ? { ...first.scheme, indicators: first.scheme.indicators.map((i) => ({ ...i })) } : { name: '', fundYuan: '', indicators: [] }));
  const [result, setResult] = useState<CompensationResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const watched = Form.useWatch('indicators', form);
  const indicators = useMemo(() => watched ?? [], [watched]);
  const needsBase = indicators.some((i) => i?.key === 'gep_change');
  const shownYear = year ?? years[0] ?? null;
  const shownBase = baseYear ?? years.at(-1) ?? null;

  const weightSum = useMemo(() => indicators.reduce((t, i) => t + (i && decimal.test(i.weight ?? '') ? Number(i.weight) : 0), 0), [indicators]);

  async function run(save: boolean) {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (!shownYear) return;
    const scheme: Scheme = {
      name: values.name.trim(),
      fundYuan: values.fundYuan.trim(),
      ...(values.source?.trim() ? { source: values.source.trim() } : {}),
      indicators: values.indicators.map((i) => ({ key: i.key.trim(), zh: i.zh.trim(), en: i.en.trim(), weight: i.weight.trim(), ...(i.negative ? { negative: i.negative } : {}) })),
    };
    setBusy(true);
    setError(null);
    try {
      const r = await gepApi.compensation({ year: shownYear, ...(needsBase && shownBase ? { baseYear: shownBase } : {}), scheme, ...(save ? { save: true, reason: values.reason?.trim() || undefined } : {}) });
      setResult(r);
      if (r.saved) {
        message.success(c.saved(r.saved.version));
        onSaved();
      }
    } catch (e) {
      setError(e as ApiError);
      setResult(null);
    } finally {
      setBusy(false);
    }
  }

  const columns: TableColumnsType<Allocation> = [
    { title: c.county, dataIndex: 'name', width: 130, className: 'gep-nowrap' },
    ...(result?.inputs[0] ? Object.keys(result.inputs[0].values) : []).map((k) => {
      const ind = indicators.find((i) => i?.key === k);
      return {
        title: ind ? (lang === 'en' ? ind.en : ind.zh) : k,
        key: k,
        align: 'right' as const,
        // A value may come as a number (the accounts) or as entered text: printed the same way.
        render: (_: unknown, a: Allocation) => fmtExact(String(result!.inputs.find((x) => x.region === a.region)?.values[k] ?? '—')),
      };
    }),
    { title: c.share, dataIndex: 'share', align: 'right', width: 110 },
    {
      title: c.amount,
      key: 'amount',
      align: 'right',
      width: 160,
      render: (_, a) => (
        <Space size={4}>
          {a.roundedUp && (
            <Tooltip title={c.roundedUp}>
              <Tag className="gep-unverified">+0.01</Tag>
            </Tooltip>
          )}
          <span data-testid="gep-allocation-amount">{fmtExact(a.amount.yuan)}</span>
        </Space>
      ),
    },
  ];

  const totalOk = result ? result.total.yuan === result.fund.yuan : false;

  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={c.scheme} size="small">
            <Form<FormValues> form={form} initialValues={initial} layout="vertical" requiredMark={false} data-testid="gep-scheme-form">
              <Form.Item label={c.scheme}>
                <Select<string>
                  data-testid="gep-scheme-select"
                  value={chosen ?? undefined}
                  onChange={(name) => {
                    const sch = schemes.find((x) => x.name === name);
                    setChosen(name);
                    if (sch) form.setFieldsValue({ ...sch.scheme, indicators: sch.scheme.indicators.map((i) => ({ ...i })) });
                  }}
                  options={schemes.map((x) => ({ value: x.name, label: `${x.name}（${s.inputs.version(x.version)}）` }))}
                />
              </Form.Item>
              <Form.Item name="name" label={c.name} rules={[{ required: true, whitespace: true, max: 120 }]}>
                <Input data-testid="gep-scheme-name" />
              </Form.Item>
              <Form.Item name="fundYuan" label={c.fund} rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/, message: lang === 'en' ? 'yuan, up to 2 decimals' : '以元计，最多两位小数' }]}>
                <Input data-testid="gep-scheme-fund" inputMode="decimal" />
              </Form.Item>
              <Form.Item name="source" label={s.inputs.source}>
                <Input />
              </Form.Item>
              <Typography.Text strong>{c.indicators}</Typography.Text>
              <Form.List name="indicators">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space.Compact key={f.key} block className="gep-indicator-row" data-testid="gep-indicator-row">
                        <Form.Item name={[f.name, 'key']} rules={[{ required: true, pattern: /^[a-z_]+$/, message: c.key }]} noStyle>
                          <Input placeholder={c.key} style={{ width: '30%' }} />
                        </Form.Item>
                        <Form.Item name={[f.name, lang === 'en' ? 'en' : 'zh']} rules={[{ required: true, whitespace: true }]} noStyle>
                          <Input placeholder={c.indicator} style={{ width: '30%' }} />
                        </Form.Item>
                        <Form.Item name={[f.name, lang === 'en' ? 'zh' : 'en']} rules={[{ required: true, whitespace: true }]} hidden>
                          <Input />
                        </Form.Item>
                        <Form.Item name={[f.name, 'weight']} rules={[{ required: true, pattern: decimal, message: c.weight }]} noStyle>
                          <Input placeholder={c.weight} style={{ width: '14%' }} data-testid="gep-indicator-weight" inputMode="decimal" />
                        </Form.Item>
                        <Form.Item name={[f.name, 'negative']} noStyle>
                          <Select allowClear placeholder={c.negative} style={{ width: '18%' }} options={[{ value: 'zero', label: c.negativeZero }, { value: 'refuse', label: c.negativeRefuse }]} />
                        </Form.Item>
                        <Button danger onClick={() => remove(f.name)} title={c.remove} style={{ width: '8%' }}>
                          ×
                        </Button>
                      </Space.Compact>
                    ))}
                    <div className="gep-gap">
                      <Button size="small" onClick={() => add({ key: '', zh: '', en: '', weight: '' })}>
                        {c.addIndicator}
                      </Button>
                      <Typography.Text type="secondary" style={{ marginLeft: 12 }} data-testid="gep-weight-sum">
                        {c.weightsSum(String(Number(weightSum.toFixed(6))))}
                      </Typography.Text>
                    </div>
                  </>
                )}
              </Form.List>
              <Typography.Paragraph type="secondary" className="gep-hint gep-gap">
                {c.knownKeys}
              </Typography.Paragraph>
              <Space wrap size={16}>
                <YearSelect years={years} value={shownYear} onChange={setYear} label={c.year} testId="gep-compensation-year" />
                {needsBase && <YearSelect years={years} value={shownBase} onChange={setBaseYear} label={c.baseYear} testId="gep-compensation-base" />}
              </Space>
              <div className="gep-gap">
                <Button type="primary" loading={busy} onClick={() => void run(false)} data-testid="gep-compensation-run">
                  {c.compute}
                </Button>
              </div>
              {staff ? (
                <Space.Compact className="gep-gap" style={{ width: '100%' }}>
                  <Form.Item name="reason" noStyle>
                    <Input placeholder={c.saveReason} />
                  </Form.Item>
                  <Button loading={busy} onClick={() => void run(true)} data-testid="gep-compensation-save">
                    {c.save}
                  </Button>
                </Space.Compact>
              ) : (
                <Typography.Paragraph type="secondary" className="gep-gap">
                  {c.onlyStaffSave}
                </Typography.Paragraph>
              )}
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          {error && <RefusedAlert error={error} testId="gep-compensation-error" />}
          {result && (
            <Card title={c.allocation(result.year)} size="small" extra={<Typography.Text type="secondary">{result.scheme}</Typography.Text>}>
              <Alert
                type={totalOk ? 'success' : 'error'}
                showIcon
                data-testid="gep-compensation-check"
                title={totalOk ? c.totalOk(fmtExact(result.total.yuan)) : c.totalBad(fmtExact(result.total.yuan), fmtExact(result.fund.yuan))}
              />
              <Table<Allocation>
                className="gep-gap gep-allocation"
                data-testid="gep-allocation"
                size="small"
                rowKey="region"
                pagination={false}
                columns={columns}
                dataSource={result.allocations}
                expandable={{
                  defaultExpandAllRows: false,
                  expandedRowRender: (a) => <div className="gep-explanation" data-testid="gep-explanation">{label(lang, a.explanation)}</div>,
                }}
                summary={() => (
                  <Table.Summary.Row className="summary-row">
                    <Table.Summary.Cell index={0} colSpan={columns.length}>
                      {c.total}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={columns.length} align="right">
                      <span data-testid="gep-allocation-total">{fmtExact(result.total.yuan)}</span>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
              />
              <Typography.Paragraph type="secondary" className="gep-formula gep-gap">
                {c.formula}
                {s.colon}
                {label(lang, result.formula)}
              </Typography.Paragraph>
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
