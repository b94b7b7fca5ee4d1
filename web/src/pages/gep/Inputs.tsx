// 生态产品总值 · 数据录入: extents by ecosystem type with the area-sum check, item inputs in forms rendered from the
// item spec the API returns (labels and units from GET /gep/spec), prices and parameters with source and year
// (a reason is required when a value changes), and the Excel round trip (upload progress, per-cell problems).
// The server decides who may write what; the page only hides what the user's role cannot do.
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Form, Input, Modal, Popconfirm, Progress, Row, Select, Space, Table, Tabs, Tag, Tooltip, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, type ApiError } from '../../api.js';
import { SignInRequired, useAuth } from '../../auth.js';
import { Loading, RefusedAlert, requestState } from '../../components/Status.js';
import { useApi } from '../../useApi.js';
import { gepApi, WorkbookRefused } from './api.js';
import { fmtNum, GepHeader, RegionPicker, useExtentIndex, useParam, useRegions, YearSelect } from './bits.js';
import { label, useGepStrings } from './strings.js';
import type { Fact, FactWrite, Price, PriceWrite, SpecItem, SpecResponse, WorkbookProblem } from './types.js';
import './gep.css';
import { unitText } from '../../format.js';
import { STICKY } from '../../components/tables.js';
import { governedRegion } from '../../../../src/plan/model.js';

const FIRST_YEAR = 2000;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const cellKey = (key: string, sub: string) => `${key}|${sub}`;

/** Years one can enter: this year back to 2000, newest first. */
function entryYears(): number[] {
  const now = new Date().getFullYear();
  return Array.from({ length: now - FIRST_YEAR + 1 }, (_, i) => now - i);
}

/** What the user may write: every region (staff), one region (a county or town government's reporter), or nothing. */
function useScope() {
  const { user } = useAuth();
  const departments = useApi('departments', api.departments);
  if (!user) return { kind: 'none' as const };
  if (user.role === 'admin' || user.role === 'reviewer') return { kind: 'all' as const, staff: true };
  if (user.role !== 'reporter') return { kind: 'none' as const };
  const d = departments.data?.departments.find((x) => x.id === user.departmentId);
  const region = governedRegion(d);
  return region ? { kind: 'region' as const, region, staff: false } : { kind: 'none' as const };
}

/** Current facts of a kind for a region and year, keyed by key|sub. */
function useFacts(kind: 'extent' | 'input', region: string | null, year: number | null, version: number) {
  const state = useApi(`gep-facts:${kind}:${region}:${year}:${version}`, () => (region && year ? gepApi.inputs({ kind, region, year }) : Promise.resolve({ facts: [] as Fact[] })));
  const byKey = useMemo(() => new Map((state.data?.facts ?? []).map((f) => [cellKey(f.key, f.sub), f])), [state.data]);
  return { ...state, byKey };
}

/** Facts to write: the cells whose text differs from the current value (blank cells are left alone). */
function changedFacts(kind: 'extent' | 'input', region: string, year: number, cells: Record<string, string>, current: Map<string, Fact>, unitOf: (key: string) => string, source: string): { facts: FactWrite[]; changesExisting: boolean; bad: string[] } {
  const facts: FactWrite[] = [];
  const bad: string[] = [];
  let changesExisting = false;
  for (const [k, raw] of Object.entries(cells)) {
    const text = raw.trim().replace(/,/g, '');
    if (!text) continue;
    const [key, sub] = k.split('|') as [string, string];
    const cur = current.get(k);
    if (cur && Number(cur.value) === Number(text)) continue;
    if (!DECIMAL.test(text)) {
      bad.push(k);
      continue;
    }
    if (cur) changesExisting = true;
    facts.push({ kind, region, year, key, ...(sub ? { sub } : {}), value: text, unit: unitOf(key), source });
  }
  return { facts, changesExisting, bad };
}

function SaveBar({ busy, onSave, needReason, testId }: { busy: boolean; onSave: (source: string, reason: string) => void; needReason: boolean; testId: string }) {
  const { s } = useGepStrings();
  const [source, setSource] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const sourceMissing = tried && !source.trim();
  const reasonMissing = tried && needReason && !reason.trim();
  return (
    <Row gutter={[12, 8]} className="gep-gap" align="top">
      <Col xs={24} md={10}>
        <Form.Item label={s.inputs.source} validateStatus={sourceMissing ? 'error' : undefined} help={sourceMissing ? s.inputs.sourceRequired : undefined} style={{ marginBottom: 0 }}>
          <Input value={source} onChange={(e) => setSource(e.target.value)} placeholder={s.inputs.sourcePlaceholder} data-testid={`${testId}-source`} maxLength={300} />
        </Form.Item>
      </Col>
      <Col xs={24} md={10}>
        <Form.Item label={s.inputs.reason} validateStatus={reasonMissing ? 'error' : undefined} help={reasonMissing ? s.inputs.reasonRequired : undefined} style={{ marginBottom: 0 }}>
          <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={s.inputs.reasonPlaceholder} data-testid={`${testId}-reason`} maxLength={1000} />
        </Form.Item>
      </Col>
      <Col xs={24} md={4}>
        <Button
          type="primary"
          loading={busy}
          data-testid={`${testId}-save`}
          onClick={() => {
            setTried(true);
            if (!source.trim() || (needReason && !reason.trim())) return;
            onSave(source.trim(), reason.trim());
          }}
        >
          {s.inputs.save}
        </Button>
      </Col>
    </Row>
  );
}

function useSaver(onDone: () => void) {
  const { s } = useGepStrings();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  async function save(facts: FactWrite[], reason: string) {
    if (!facts.length) {
      message.info(s.inputs.nothing);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await gepApi.saveFacts(facts, reason || undefined);
      message.success(s.inputs.saved(r) + (r.status === 'provisional' ? s.inputs.savedProvisional : ''));
      onDone();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, save };
}

function ExtentTab({ spec, region, year }: { spec: SpecResponse; region: string; year: number }) {
  const { s, lang } = useGepStrings();
  const i = s.inputs;
  const [version, setVersion] = useState(0);
  const facts = useFacts('extent', region, year, version);
  const check = useApi(`gep-extent:${region}:${year}:${version}`, () => gepApi.extent(region, year));
  // Only what the user typed is state; the rest shows the current values (the tab is keyed by region and year).
  const [edits, setEdits] = useState<Record<string, string>>({});
  const saver = useSaver(() => {
    setEdits({});
    setVersion((v) => v + 1);
  });
  const cells = useMemo(() => ({ ...Object.fromEntries([...facts.byKey.values()].map((f) => [cellKey(f.key, ''), f.value])), ...edits }), [facts.byKey, edits]);

  const sum = spec.ecosystemTypes.reduce((t, ty) => t + (Number((cells[cellKey(ty.id, '')] ?? '').replace(/,/g, '')) || 0), 0);
  const area = check.data?.regionAreaHm2 ?? null;
  const tolerance = check.data?.areaCheck?.tolerance ?? 0.005;
  const ok = area !== null && Math.abs(sum - area) <= area * tolerance;
  const pending = changedFacts('extent', region, year, cells, facts.byKey, () => 'hm²', '');

  if (facts.loading) return <Loading />;
  return (
    <>
      <Table
        data-testid="gep-extent-form"
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={spec.ecosystemTypes}
        columns={[
          { title: s.account.type, key: 't', render: (_, ty) => label(lang, ty) },
          {
            title: `${i.value}（${i.hm2}）`,
            key: 'v',
            width: 240,
            render: (_, ty) => (
              <Input
                data-testid={`gep-extent-${ty.id}`}
                value={cells[cellKey(ty.id, '')] ?? ''}
                status={cells[cellKey(ty.id, '')] && !DECIMAL.test(cells[cellKey(ty.id, '')]!.replace(/,/g, '')) ? 'error' : undefined}
                onChange={(e) => setEdits((c) => ({ ...c, [cellKey(ty.id, '')]: e.target.value }))}
                inputMode="decimal"
                suffix="hm²"
              />
            ),
          },
          {
            title: i.current,
            key: 'c',
            render: (_, ty) => {
              const f = facts.byKey.get(cellKey(ty.id, ''));
              return f ? (
                <Typography.Text type="secondary">
                  {f.value} {f.unit} · {i.version(f.version)}
                  {f.status === 'provisional' && <Tag className="gep-unverified">{s.provisional}</Tag>}
                </Typography.Text>
              ) : (
                s.none
              );
            },
          },
        ]}
      />
      <Alert
        className="gep-gap"
        type={area === null ? 'info' : ok ? 'success' : 'error'}
        showIcon
        data-testid="gep-extent-check"
        title={area === null ? i.noRegionArea : ok ? i.areaOk : i.areaBad}
        description={
          <div className="gep-area-bar">
            <span>
              {i.areaSum}
              {s.colon}
              <b data-testid="gep-extent-sum">{fmtNum(lang, sum, 2)}</b> hm²
            </span>
            {area !== null && (
              <>
                <span>
                  {i.regionArea}
                  {s.colon}
                  {fmtNum(lang, area, 2)} hm²
                </span>
                <span>
                  {i.difference}
                  {s.colon}
                  {fmtNum(lang, sum - area, 2)} hm²
                </span>
                <span>{i.tolerance(fmtNum(lang, tolerance * 100, 2))}</span>
              </>
            )}
          </div>
        }
      />
      {saver.error && <RefusedAlert error={saver.error} testId="gep-extent-error" />}
      <SaveBar
        busy={saver.busy}
        needReason={pending.changesExisting}
        testId="gep-extent"
        onSave={(source, reason) => {
          if (area !== null && !ok) return;
          const p = changedFacts('extent', region, year, cells, facts.byKey, () => 'hm²', source);
          void saver.save(p.facts, reason);
        }}
      />
    </>
  );
}

interface MatrixRow {
  key: string;
  zh: string;
  en: string;
  unit: string;
  perType: boolean;
  kind: 'input' | 'line';
}

function ItemsTab({ spec, region, year }: { spec: SpecResponse; region: string; year: number }) {
  const { s, lang } = useGepStrings();
  const i = s.inputs;
  const [itemParam, setItem] = useParam('item');
  const item: SpecItem = spec.items.find((x) => x.id === itemParam) ?? spec.items.find((x) => x.inputs.length > 0) ?? spec.items[0]!;
  const [version, setVersion] = useState(0);
  const facts = useFacts('input', region, year, version);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const saver = useSaver(() => {
    setEdits({});
    setVersion((v) => v + 1);
  });
  const cells = useMemo(() => ({ ...Object.fromEntries([...facts.byKey.values()].map((f) => [cellKey(f.key, f.sub), f.value])), ...edits }), [facts.byKey, edits]);

  const rows: MatrixRow[] = [
    ...item.inputs.map((x) => ({ key: x.key, zh: x.zh, en: x.en, unit: x.unit, perType: x.perType, kind: 'input' as const })),
    ...item.lines.map((l) => ({ key: l.inputKey, zh: l.zh, en: l.en, unit: l.unit, perType: l.perType, kind: 'line' as const })),
  ];
  const unitOf = new Map(rows.map((r) => [r.key, r.unit]));
  const mine = Object.fromEntries(Object.entries(cells).filter(([k]) => unitOf.has(k.split('|')[0]!)));
  const pending = changedFacts('input', region, year, mine, facts.byKey, (k) => unitOf.get(k) ?? '1', '');
  const types = spec.ecosystemTypes.filter((t) => item.types.includes(t.id));
  const anyPerType = rows.some((r) => r.perType);

  const cell = (r: MatrixRow, sub: string) => {
    const k = cellKey(r.key, sub);
    const cur = facts.byKey.get(k);
    const v = cells[k] ?? '';
    return (
      <Input
        size="small"
        data-testid={`gep-input-${r.key}${sub ? `-${sub}` : ''}`}
        value={v}
        status={v && !DECIMAL.test(v.replace(/,/g, '')) ? 'error' : undefined}
        title={cur ? `${cur.value} ${cur.unit} · ${i.version(cur.version)} · ${cur.source}` : undefined}
        onChange={(e) => setEdits((c) => ({ ...c, [k]: e.target.value }))}
        inputMode="decimal"
      />
    );
  };
  const columns: TableColumnsType<MatrixRow> = [
    {
      title: i.item,
      key: 'label',
      fixed: 'left',
      width: 220,
      render: (_, r) => (
        <span>
          {label(lang, r)}
          <span className="gep-unit">{unitText(lang, r.unit)}</span>
          {r.kind === 'line' && <Tooltip title={i.itemLines}><Tag className="gep-unverified">{i.directTag}</Tag></Tooltip>}
        </span>
      ),
    },
    { title: i.regionWide, key: 'all', width: 130, render: (_, r) => cell(r, '') },
    ...(anyPerType ? types : []).map((t) => ({ title: label(lang, t), key: t.id, width: 120, render: (_: unknown, r: MatrixRow) => (r.perType ? cell(r, t.id) : null) })),
  ];

  return (
    <>
      <Space wrap size={16}>
        <Typography.Text type="secondary">{i.item}</Typography.Text>
        <Select<string>
          data-testid="gep-item-select"
          value={item.id}
          onChange={setItem}
          style={{ width: 260 }}
          options={spec.categories.map((c) => ({ label: label(lang, c), options: spec.items.filter((x) => x.category === c.id).map((x) => ({ value: x.id, label: label(lang, x) })) }))}
        />
      </Space>
      <Descriptions className="gep-gap" size="small" column={1} bordered data-testid="gep-item-spec">
        <Descriptions.Item label={s.account.clause}>
          {label(lang, item.clause)}
          {!item.clause.verified && <Tag className="gep-unverified">{s.account.clauseUnverified}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={i.physical}>
          <span className="gep-formula">{item.physicalFormula}</span>
        </Descriptions.Item>
        <Descriptions.Item label={i.valueFormula}>
          <span className="gep-formula">{item.valueFormula}</span>
        </Descriptions.Item>
        <Descriptions.Item label={i.pricing}>{label(lang, item.pricingMethod)}</Descriptions.Item>
        <Descriptions.Item label={i.methodSource}>{item.methodSource}</Descriptions.Item>
        {item.note && <Descriptions.Item label={i.note}>{item.note}</Descriptions.Item>}
      </Descriptions>
      {anyPerType && <Typography.Paragraph type="secondary" className="gep-gap">{i.perTypeHint}</Typography.Paragraph>}
      {facts.loading ? <Loading /> : <Table<MatrixRow> className="gep-gap" data-testid="gep-item-form" size="small" pagination={false} rowKey="key" columns={columns} dataSource={rows} scroll={{ x: 'max-content' }} />}
      {saver.error && <RefusedAlert error={saver.error} testId="gep-items-error" />}
      <SaveBar busy={saver.busy} needReason={pending.changesExisting} testId="gep-items" onSave={(source, reason) => void saver.save(changedFacts('input', region, year, mine, facts.byKey, (k) => unitOf.get(k) ?? '1', source).facts, reason)} />
    </>
  );
}

interface PriceForm {
  year: number;
  value: string;
  unit: string;
  source: string;
  indexKey?: string;
  reason?: string;
}

function PricesTab({ spec, staff }: { spec: SpecResponse; staff: boolean }) {
  const { s, lang } = useGepStrings();
  const i = s.inputs;
  const { message } = AntApp.useApp();
  const [version, setVersion] = useState(0);
  const prices = useApi(`gep-prices:${version}`, gepApi.prices);
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<{ price: Price; add: boolean } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<PriceForm>();
  const named = useMemo(() => new Map(spec.prices.map((p) => [p.key, p])), [spec]);
  const rows = (prices.data?.prices ?? []).filter((p) => {
    const q = filter.trim().toLowerCase();
    if (!q) return true;
    const n = named.get(p.key);
    return p.key.toLowerCase().includes(q) || (n && (n.zh.includes(q) || n.en.toLowerCase().includes(q)));
  });

  function open(price: Price, add: boolean) {
    setEditing({ price, add });
    setError(null);
    form.setFieldsValue({ year: add ? price.year + 1 : price.year, value: add ? '' : price.value, unit: price.unit, source: add ? '' : price.source, indexKey: price.indexKey ?? undefined, reason: '' });
  }

  async function submit() {
    if (!editing) return;
    const v = await form.validateFields();
    const existing = prices.data?.prices.find((p) => p.key === editing.price.key && p.year === v.year);
    const changes = existing && (existing.value !== v.value.trim() || existing.unit !== v.unit.trim() || existing.source !== v.source.trim());
    if (changes && !v.reason?.trim()) {
      form.setFields([{ name: 'reason', errors: [i.reasonRequired] }]);
      return;
    }
    const write: PriceWrite = { key: editing.price.key, year: v.year, value: v.value.trim(), unit: v.unit.trim(), source: v.source.trim(), ...(v.indexKey?.trim() ? { indexKey: v.indexKey.trim() } : {}) };
    setBusy(true);
    setError(null);
    try {
      const r = await gepApi.savePrices([write], v.reason?.trim() || undefined);
      message.success(i.saved(r));
      setEditing(null);
      setVersion((x) => x + 1);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  }

  const columns: TableColumnsType<Price> = [
    { title: i.priceKey, dataIndex: 'key', width: 210, render: (k: string) => <Typography.Text code>{k}</Typography.Text> },
    {
      title: i.priceName,
      key: 'n',
      width: 240,
      render: (_, p) => {
        const n = named.get(p.key);
        return n ? (
          <span>
            {label(lang, n)} <Tag>{i.priceKind[n.kind]}</Tag>
          </span>
        ) : (
          s.none
        );
      },
    },
    { title: i.priceYear, dataIndex: 'year', width: 70 },
    { title: i.value, dataIndex: 'value', align: 'right', width: 110 },
    { title: i.unit, dataIndex: 'unit', width: 90 },
    { title: i.indexKey, dataIndex: 'indexKey', width: 110, render: (v: string | null) => v ?? s.none },
    { title: i.priceSource, dataIndex: 'source', width: 220, ellipsis: { showTitle: true } },
    { title: '', key: 'v', width: 120, render: (_, p) => <Typography.Text type="secondary">{i.version(p.version)}{p.isDefault ? ` · ${i.isDefault}` : ''}</Typography.Text> },
    ...(staff
      ? [
          {
            title: '',
            key: 'edit',
            width: 150,
            render: (_: unknown, p: Price) => (
              <Space size={0}>
                <Button size="small" type="link" onClick={() => open(p, false)} data-testid={`gep-price-edit-${p.key}-${p.year}`}>
                  {i.edit}
                </Button>
                <Button size="small" type="link" onClick={() => open(p, true)}>
                  {i.add}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      {!staff && <Alert type="info" showIcon title={i.pricesOnlyStaff} className="gep-demo" />}
      <Input.Search allowClear placeholder={i.filterPrices} style={{ width: 300 }} value={filter} onChange={(e) => setFilter(e.target.value)} />
      {requestState(prices) ?? <Table<Price> className="gep-gap" data-testid="gep-prices" size="small" rowKey={(p) => `${p.key}|${p.year}`} columns={columns} dataSource={rows} pagination={{ pageSize: 20, showSizeChanger: false }} scroll={{ x: 1320 }} sticky={STICKY} />}
      <Modal
        open={editing !== null}
        title={editing ? i.editTitle(editing.price.key) : ''}
        onCancel={() => setEditing(null)}
        onOk={() => void submit()}
        confirmLoading={busy}
        okText={i.save}
        destroyOnHidden
      >
        {error && <RefusedAlert error={error} testId="gep-price-error" />}
        <Form<PriceForm> form={form} layout="vertical" requiredMark={false} className="gep-gap">
          <Form.Item name="year" label={i.priceYear} rules={[{ required: true }]}>
            <Select<number> disabled={!editing?.add} options={entryYears().map((y) => ({ value: y, label: s.yearOption(y) }))} />
          </Form.Item>
          <Form.Item name="value" label={i.value} rules={[{ required: true, pattern: DECIMAL, message: i.value }]}>
            <Input data-testid="gep-price-value" inputMode="decimal" />
          </Form.Item>
          <Form.Item name="unit" label={i.unit} rules={[{ required: true, whitespace: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="source" label={i.priceSource} rules={[{ required: true, whitespace: true, message: i.sourceRequired }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={300} data-testid="gep-price-source" />
          </Form.Item>
          <Form.Item name="indexKey" label={i.indexKey}>
            <Input placeholder="index.cpi" />
          </Form.Item>
          <Form.Item name="reason" label={i.reason}>
            <Input placeholder={i.reasonPlaceholder} data-testid="gep-price-reason" maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function WorkbookTab({ staff }: { staff: boolean }) {
  const { s, lang } = useGepStrings();
  const i = s.inputs;
  const [reason, setReason] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const outcome = (o: { inserted: number; versioned: number; unchanged: number } | undefined) => (o ? i.saved(o).replace(/^[^：:]*[：:]\s*/, '') : s.none);

  async function upload(file: File) {
    setProgress(0);
    setDone(null);
    setError(null);
    try {
      const r = await gepApi.importWorkbook(file, reason.trim() || undefined, setProgress);
      setDone(i.imported(outcome(r.facts), outcome(r.prices)));
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setProgress(null);
    }
  }
  const cells: WorkbookProblem[] = error instanceof WorkbookRefused ? error.cells : [];

  return (
    <>
      <Card size="small" title={i.export}>
        <Space wrap>
          <Button href={gepApi.exportUrl} download data-testid="gep-workbook-export">
            {i.export}
          </Button>
          <Typography.Text type="secondary">{i.exportHint}</Typography.Text>
        </Space>
      </Card>
      <Card size="small" title={i.upload} className="gep-gap">
        {!staff ? (
          <Alert type="info" showIcon title={i.importOnlyStaff} />
        ) : (
          <>
            <Space wrap align="center">
              <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={`${i.reason}（${i.reasonPlaceholder}）`} style={{ width: 320 }} data-testid="gep-import-reason" />
              <Upload
                accept=".xlsx"
                showUploadList={false}
                beforeUpload={(file) => {
                  void upload(file);
                  return false;
                }}
              >
                <Button type="primary" loading={progress !== null} data-testid="gep-import">
                  {i.upload}
                </Button>
              </Upload>
            </Space>
            <Typography.Paragraph type="secondary" className="gep-gap">
              {i.uploadHint}
            </Typography.Paragraph>
            {progress !== null && (
              <div data-testid="gep-import-progress">
                <Progress percent={Math.round(progress * 100)} status="active" />
                <Typography.Text type="secondary">{progress >= 1 ? i.importing : i.uploading}</Typography.Text>
              </div>
            )}
            {done && <Alert type="success" showIcon title={done} data-testid="gep-import-done" />}
            {error && <RefusedAlert error={error} title={cells.length ? `${i.refused}（${i.problems(cells.length)}）` : undefined} testId="gep-import-error" />}
            {cells.length > 0 && (
              <Table<WorkbookProblem & { n: number }>
                className="gep-gap"
                data-testid="gep-import-problems"
                size="small"
                rowKey="n"
                pagination={{ pageSize: 20, showSizeChanger: false }}
                dataSource={cells.map((c, n) => ({ ...c, n }))}
                columns={[
                  { title: i.file, dataIndex: 'file', width: 160, ellipsis: true },
                  { title: i.sheet, dataIndex: 'sheet', width: 130, render: (v: string | null) => v ?? s.none },
                  { title: i.row, dataIndex: 'row', width: 60, render: (v: number | null) => v ?? s.none },
                  { title: i.column, dataIndex: 'column', width: 60, render: (v: string | null) => v ?? s.none },
                  { title: i.field, dataIndex: 'field', width: 90, render: (v: string | null) => v ?? s.none },
                  { title: i.problem, key: 'm', render: (_, c) => (lang === 'en' ? c.messageEn : c.message) },
                ]}
              />
            )}
          </>
        )}
      </Card>
    </>
  );
}

/** For reviewers: the values of the region and year awaiting review, and approving them (POST /gep/inputs/approve). */
function PendingReview({ region, regionName, year }: { region: string; regionName: string; year: number }) {
  const { s, lang } = useGepStrings();
  const i = s.inputs;
  const { message } = AntApp.useApp();
  const [version, setVersion] = useState(0);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const facts = useApi(`gep-pending:${region}:${year}:${version}`, () => gepApi.inputs({ region, year }));
  const pending = (facts.data?.facts ?? []).filter((f) => f.status === 'provisional');
  if (!pending.length) return null;
  const approve = async () => {
    setBusy(true);
    try {
      const r = await gepApi.approveFacts(region, year, reason.trim() || undefined);
      message.success(i.approved(r.approved));
      setVersion((v) => v + 1);
    } catch (e) {
      const err = e as { message?: string; messageEn?: string | null };
      message.error(lang === 'en' && err.messageEn ? err.messageEn : (err.message ?? String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Alert
      type="warning"
      showIcon
      className="gep-demo"
      data-testid="gep-pending"
      title={i.pending(pending.length, regionName, year)}
      action={
        <Space>
          <Input size="small" placeholder={i.approveReason} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="gep-approve-reason" />
          <Popconfirm title={i.approve} description={<div style={{ maxWidth: 320 }}>{i.approveConfirm}</div>} onConfirm={approve}>
            <Button size="small" type="primary" loading={busy} data-testid="gep-approve">
              {i.approve}
            </Button>
          </Popconfirm>
        </Space>
      }
    />
  );
}

export function GepInputs() {
  const { s } = useGepStrings();
  const i = s.inputs;
  const { user, status } = useAuth();
  const scope = useScope();
  const regions = useRegions();
  const spec = useApi('gep-spec', gepApi.spec);
  const [tab, setTab] = useParam('tab');
  const [regionParam, setRegion] = useParam('region');
  const [yearParam, setYear] = useParam('year');
  const allowed = scope.kind === 'region' ? [scope.region] : (regions ?? []).map((r) => r.code);
  const region = regionParam && allowed.includes(regionParam) ? regionParam : scope.kind === 'region' ? scope.region : (regions?.find((r) => r.level === 'city')?.code ?? null);
  const extent = useExtentIndex();
  const years = entryYears();
  const asked = Number(yearParam);
  // Default: the latest year the region has an extent for, else last year (the latest complete one).
  const year = years.includes(asked) ? asked : ((region && extent.index?.yearsOf(region)[0]) || years[1]!);
  const staff = scope.kind === 'all';

  const header = <GepHeader current="inputs" title={i.title} />;
  if (status === 'loading') return <div className="page gep-page">{header}<Loading /></div>;
  if (!user) return <div className="page gep-page">{header}<SignInRequired testId="gep-inputs-signin" /></div>;
  if (!regions || !spec.data) return <div className="page gep-page">{header}{requestState(spec) ?? <Loading />}</div>;
  const regionName = regions.find((r) => r.code === region)?.name ?? region ?? '';
  const pickers = (
    <Space wrap size={16} className="gep-filters">
      <RegionPicker regions={regions} value={region} onChange={setRegion} only={allowed} testId="gep-input-region" />
      <YearSelect years={years} value={year} onChange={setYear} testId="gep-input-year" />
    </Space>
  );
  const canFacts = scope.kind !== 'none';

  return (
    <div className="page gep-page" data-testid="gep-inputs-page">
      {header}
      {scope.kind === 'none' && <Alert type="info" showIcon className="gep-demo" title={i.readOnly} />}
      {scope.kind === 'region' && <Alert type="info" showIcon className="gep-demo" title={i.reporterScope(regionName)} data-testid="gep-reporter-scope" />}
      {staff && region && <PendingReview key={`${region}|${year}`} region={region} regionName={regionName} year={year} />}
      <Card className="section-card">
        <Tabs
          activeKey={tab ?? 'extent'}
          onChange={setTab}
          items={[
            ...(canFacts && region
              ? [
                  { key: 'extent', label: i.tabs.extent, children: <>{pickers}<ExtentTab key={`${region}|${year}`} spec={spec.data} region={region} year={year} /></> },
                  { key: 'items', label: i.tabs.items, children: <>{pickers}<ItemsTab key={`${region}|${year}`} spec={spec.data} region={region} year={year} /></> },
                ]
              : []),
            { key: 'prices', label: i.tabs.prices, children: <PricesTab spec={spec.data} staff={staff} /> },
            { key: 'workbook', label: i.tabs.workbook, children: <WorkbookTab staff={staff} /> },
          ]}
        />
      </Card>
    </div>
  );
}
