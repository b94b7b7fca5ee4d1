// 活动数据与因子: the activity data by year, region and sector, edited in the table (changed rows highlighted, a
// reason per changed value) or imported from the carbon workbook with upload progress and the refused rows listed;
// and every emission factor with its source, where administrators and reviewers set a local value with a reason.
// The server decides who may write what (PUT …/carbon/activity answers OUT_OF_SCOPE row by row).
import { useMemo, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Input, InputNumber, Modal, Progress, Select, Space, Table, Tabs, Tag, Typography, Form } from 'antd';
import type { TableColumnsType } from 'antd';
import { ApiError } from '../../api.js';
import { useAuth } from '../../auth.js';
import { RefusedAlert, requestState } from '../../components/Status.js';
import { useApi } from '../../useApi.js';
import { CarbonRefused, carbonApi } from './api.js';
import { CarbonFrame, RegionSelect, useChoices, useRegions, YearSelect } from './bits.js';
import { labelsOf } from './Inventory.js';
import { useCarbonText } from './strings.js';
import type { ActivityInput, ActivityRow, Catalogue, Factor, SaveResult, Sector } from './types.js';
import { STICKY } from '../../components/tables.js';

type Edit = { valueText: string; unit: string; source: string; note: string; reason: string };
const rowKey = (r: Pick<ActivityRow, 'regionCode' | 'year' | 'category' | 'subsector' | 'item'>) => `${r.regionCode}|${r.year}|${r.category}|${r.subsector ?? ''}|${r.item}`;

function ProblemsTable({ error }: { error: ApiError }) {
  const { c, lang } = useCarbonText();
  const rows = error instanceof CarbonRefused ? error.rows : [];
  return (
    <div className="carbon-gap" data-testid="carbon-refused">
      <RefusedAlert error={error} testId="carbon-refused-alert" title={rows.length ? c.data.refused : undefined} />
      {rows.length > 0 && (
        <Table
          className="carbon-gap"
          data-testid="carbon-problems"
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={rows.length > 20 ? { pageSize: 20, size: 'small' } : false}
          dataSource={rows}
          columns={[
            { title: c.data.row, dataIndex: 'row', width: 60, align: 'center', render: (r: number | null) => <span data-testid="carbon-problem-row">{r ?? c.empty}</span> },
            ...(rows.some((r) => r.sheet || r.column || r.field)
              ? [
                  { title: c.data.sheet, dataIndex: 'sheet', width: 90, render: (x: string | null) => x ?? c.empty },
                  { title: c.data.column, dataIndex: 'column', width: 60, render: (x: string | null) => x ?? c.empty },
                  { title: c.data.field, dataIndex: 'field', width: 90, render: (x: string | null) => x ?? c.empty },
                ]
              : []),
            { title: c.data.message, key: 'message', render: (_, r) => <span data-testid="carbon-problem-message">{lang === 'en' ? r.messageEn || r.message : r.message}</span> },
          ]}
        />
      )}
    </div>
  );
}

function ImportModal({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const { c } = useCarbonText();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [badType, setBadType] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [done, setDone] = useState<SaveResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async () => {
    if (!file) return;
    setDone(null);
    setError(null);
    setProgress(0);
    try {
      const r = await carbonApi.importWorkbook(file, (share) => setProgress(Math.round(share * 100)));
      setDone(r);
      onImported();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, String(e)));
    } finally {
      setProgress(null);
    }
  };
  return (
    <Modal open={open} onCancel={onClose} footer={null} width={820} title={c.data.import} data-testid="carbon-import">
      <Typography.Paragraph type="secondary">{c.data.importIntro}</Typography.Paragraph>
      <Space wrap>
        <input
          ref={input}
          type="file"
          accept=".xlsx"
          style={{ display: 'none' }}
          data-testid="carbon-import-file"
          onChange={(e) => {
            const f = e.target.files?.[0] ?? null;
            setDone(null);
            setError(null);
            const ok = !f || /\.xlsx$/i.test(f.name);
            setBadType(!ok);
            setFile(ok ? f : null);
          }}
        />
        <Button onClick={() => input.current?.click()} disabled={progress !== null}>
          {c.data.choose}
        </Button>
        <Typography.Text type={file ? undefined : 'secondary'}>{file ? file.name : c.data.noFile}</Typography.Text>
        <Button type="primary" disabled={!file} loading={progress !== null} onClick={() => void submit()} data-testid="carbon-import-submit">
          {c.data.submit}
        </Button>
      </Space>
      {badType && <Alert className="carbon-gap" type="warning" showIcon title={c.data.badType} />}
      {progress !== null && (
        <div className="carbon-gap" data-testid="carbon-import-progress">
          <Progress percent={progress} status="active" />
          <Typography.Text type="secondary">{progress < 100 ? c.data.uploading : c.data.processing}</Typography.Text>
        </div>
      )}
      {done && <Alert className="carbon-gap" type="success" showIcon title={c.data.saved(done)} data-testid="carbon-import-done" />}
      {error && <ProblemsTable error={error} />}
    </Modal>
  );
}

function AddRowModal({ open, onClose, onAdd, catalogue, defaults }: { open: boolean; onClose: () => void; onAdd: (r: ActivityInput) => void; catalogue: Catalogue; defaults: { region: string; year: number } }) {
  const { c, lang } = useCarbonText();
  const [form] = Form.useForm<ActivityInput>();
  const category = Form.useWatch('category', form);
  const cat = catalogue.categories.find((x) => x.code === category);
  const pick = (x: { zh: string; en: string }) => (lang === 'en' ? x.en : x.zh);
  return (
    <Modal open={open} onCancel={onClose} title={c.data.add} onOk={() => form.submit()} data-testid="carbon-add-row" destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ region: defaults.region, year: defaults.year }} onFinish={(v) => onAdd({ ...v, value: String(v.value) })}>
        <Form.Item name="region" label={c.region} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="year" label={c.year} rules={[{ required: true }]}>
          <InputNumber min={2005} max={2060} />
        </Form.Item>
        <Form.Item name="category" label={c.inventory.category} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={catalogue.categories.map((x) => ({ value: x.code, label: `${pick(x)}（${x.code}）` }))} />
        </Form.Item>
        {cat && cat.subsector !== 'none' && (
          <Form.Item name="subsector" label={c.inventory.subsector} rules={[{ required: cat.subsector === 'required' }]}>
            <Select allowClear options={catalogue.subsectors.map((x) => ({ value: x.code, label: pick(x) }))} />
          </Form.Item>
        )}
        <Form.Item name="item" label={c.inventory.item} rules={[{ required: true }]}>
          {cat && Array.isArray(cat.items) ? <Select options={cat.items.map((i) => ({ value: i.code, label: pick(i) }))} /> : <Input placeholder="constant-2020 / base-2020" />}
        </Form.Item>
        <Form.Item name="value" label={c.data.value} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="unit" label={c.data.unit} rules={[{ required: true }]}>
          <Select showSearch options={catalogue.units.map((u) => ({ value: u.zh, label: lang === 'en' ? `${u.en} (${u.zh})` : u.zh }))} />
        </Form.Item>
        <Form.Item name="source" label={c.data.source} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="note" label={c.data.note}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ActivityTab({ catalogue }: { catalogue: Catalogue }) {
  const { c, lang } = useCarbonText();
  const { message } = AntApp.useApp();
  const { user } = useAuth();
  const [choices, setChoices] = useChoices();
  const regions = useRegions();
  const region = choices.region ?? '';
  const [sector, setSector] = useState<Sector | ''>('');
  const year = choices.year ?? new Date().getFullYear() - 2;
  const [reload, setReload] = useState(0);
  const q = { year, region: region || undefined, sector: sector || undefined };
  const rows = useApi(`carbon-activity|${JSON.stringify(q)}#${reload}`, () => carbonApi.activity(q));
  const [edits, setEdits] = useState<Record<string, Edit>>({});
  const [added, setAdded] = useState<ActivityInput[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [importing, setImporting] = useState(false);
  const [adding, setAdding] = useState(false);
  const l = useMemo(() => labelsOf(catalogue, lang), [catalogue, lang]);
  const canWrite = user?.role === 'admin' || user?.role === 'reviewer' || user?.role === 'reporter';
  const mySectors = user?.role === 'reporter' && user.departmentId ? (Object.keys(catalogue.sectorDepartments) as Sector[]).filter((s) => catalogue.sectorDepartments[s].includes(user.departmentId!)) : null;

  const list = rows.data?.rows ?? [];
  const changed = list.filter((r) => {
    const e = edits[rowKey(r)];
    return e && (e.valueText !== r.valueText || e.unit !== r.unit || e.source !== r.source || e.note !== (r.note ?? ''));
  });
  const edit = (r: ActivityRow, patch: Partial<Edit>) =>
    setEdits((all) => ({ ...all, [rowKey(r)]: { ...(all[rowKey(r)] ?? { valueText: r.valueText, unit: r.unit, source: r.source, note: r.note ?? '', reason: '' }), ...patch } }));
  const current = (r: ActivityRow): Edit => edits[rowKey(r)] ?? { valueText: r.valueText, unit: r.unit, source: r.source, note: r.note ?? '', reason: '' };

  const save = async () => {
    setError(null);
    setBusy(true);
    try {
      const body: ActivityInput[] = [
        ...changed.map((r) => {
          const e = current(r);
          return { region: r.regionCode, year: r.year, category: r.category, ...(r.subsector ? { subsector: r.subsector } : {}), item: r.item, value: e.valueText, unit: e.unit, source: e.source, ...(e.note ? { note: e.note } : {}), ...(e.reason.trim() ? { reason: e.reason.trim() } : {}) };
        }),
        ...added,
      ];
      const res = await carbonApi.saveActivity(body);
      message.success(c.data.saved(res));
      setEdits({});
      setAdded([]);
      setReload((n) => n + 1);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, String(e)));
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<ActivityRow> = [
    { title: c.inventory.region, dataIndex: 'regionCode', width: 90, render: (x: string) => regions.name(x) },
    { title: c.data.sector, dataIndex: 'sector', width: 110, render: (s: string) => l.sector(s) },
    { title: c.inventory.category, dataIndex: 'category', width: 150, render: (x: string, r) => `${l.category(x)}${r.subsector ? ` · ${l.subsector(r.subsector)}` : ''}` },
    { title: c.inventory.item, dataIndex: 'item', width: 100, render: (x: string, r) => l.item(r.category, x) },
    {
      title: c.data.value,
      key: 'value',
      width: 130,
      render: (_, r) => (canWrite ? <Input size="small" value={current(r).valueText} onChange={(e) => edit(r, { valueText: e.target.value.trim() })} data-testid={`carbon-value-${rowKey(r)}`} /> : <span className="carbon-num">{r.valueText}</span>),
    },
    {
      title: c.data.unit,
      key: 'unit',
      width: 120,
      render: (_, r) => (canWrite ? <Select size="small" value={current(r).unit} onChange={(u) => edit(r, { unit: u })} options={catalogue.units.map((u) => ({ value: u.zh, label: u.zh }))} style={{ width: '100%' }} /> : r.unit),
    },
    { title: c.data.source, key: 'source', width: 200, render: (_, r) => (canWrite ? <Input size="small" value={current(r).source} onChange={(e) => edit(r, { source: e.target.value })} /> : <span className="carbon-source">{r.source}</span>) },
    {
      title: c.data.reason,
      key: 'reason',
      width: 180,
      render: (_, r) => (changed.includes(r) ? <Input size="small" status={current(r).reason.trim() ? undefined : 'warning'} placeholder={c.data.reasonNeeded} value={current(r).reason} onChange={(e) => edit(r, { reason: e.target.value })} data-testid="carbon-reason" /> : <span className="carbon-source">{r.reason ?? ''}</span>),
    },
    { title: c.data.version, key: 'version', width: 170, render: (_, r) => <span className="carbon-source">v{r.version} · {r.recordedBy}{r.isDemo ? ' · ' : ''}{r.isDemo && <Tag color="purple">{lang === 'en' ? 'demo' : '示例'}</Tag>}</span> },
  ];

  return (
    <div data-testid="carbon-activity">
      <div className="carbon-filters">
        <YearSelect value={year} years={Array.from({ length: 12 }, (_, i) => 2015 + i)} onChange={(y) => setChoices({ year: y })} />
        <Space size={6}>
          <RegionSelect value={region} all={c.data.allRegions} onChange={(r) => setChoices({ region: r })} />
        </Space>
        <Select<Sector | ''>
          value={sector}
          onChange={setSector}
          style={{ width: 200 }}
          options={[{ value: '', label: c.data.allSectors }, ...(Object.keys(catalogue.sectors) as Sector[]).map((s) => ({ value: s, label: l.sector(s) }))]}
          data-testid="carbon-sector"
        />
        <Button href={carbonApi.workbookUrl(year)}>{c.data.download}</Button>
        {canWrite && (
          <>
            <Button onClick={() => setImporting(true)} data-testid="carbon-import-open">
              {c.data.import}
            </Button>
            <Button onClick={() => setAdding(true)}>{c.data.add}</Button>
          </>
        )}
      </div>
      <Typography.Paragraph type="secondary">{c.data.intro}</Typography.Paragraph>
      {!canWrite && <Alert className="carbon-gap-bottom" type="info" showIcon title={c.data.readOnly} />}
      {mySectors && <Alert className="carbon-gap-bottom" type="info" showIcon title={c.data.reporterScope(mySectors.map((s) => l.sector(s)).join(c.listSep) || c.empty)} />}
      {(changed.length > 0 || added.length > 0) && (
        <Alert
          className="carbon-gap-bottom"
          type="warning"
          showIcon
          title={c.data.changed(changed.length + added.length)}
          action={
            <Space>
              <Button size="small" onClick={() => (setEdits({}), setAdded([]), setError(null))}>
                {c.data.cancel}
              </Button>
              <Button size="small" type="primary" loading={busy} onClick={() => void save()} data-testid="carbon-save">
                {c.data.save}
              </Button>
            </Space>
          }
        />
      )}
      {error && <ProblemsTable error={error} />}
      {added.length > 0 && (
        <Table
          className="carbon-gap-bottom"
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={false}
          dataSource={added}
          columns={[
            { title: c.inventory.region, dataIndex: 'region' },
            { title: c.year, dataIndex: 'year' },
            { title: c.inventory.category, dataIndex: 'category', render: (x: string) => l.category(x) },
            { title: c.inventory.item, dataIndex: 'item' },
            { title: c.data.value, dataIndex: 'value' },
            { title: c.data.unit, dataIndex: 'unit' },
            { title: c.data.source, dataIndex: 'source' },
          ]}
        />
      )}
      {requestState(rows) ?? (
        <Table
          data-testid="carbon-activity-table"
          size="small"
          rowKey={rowKey}
          dataSource={list}
          columns={columns}
          rowClassName={(r) => (changed.includes(r) ? 'carbon-changed' : '')}
          pagination={{ pageSize: 20, size: 'small', showSizeChanger: false }}
          scroll={{ x: 1250 }}
          sticky={STICKY}
        />
      )}
      <ImportModal open={importing} onClose={() => setImporting(false)} onImported={() => setReload((n) => n + 1)} />
      {adding && (
        <AddRowModal
          open
          catalogue={catalogue}
          defaults={{ region: region || regions.city || '', year }}
          onClose={() => setAdding(false)}
          onAdd={(r) => {
            setAdded((xs) => [...xs, r]);
            setAdding(false);
          }}
        />
      )}
    </div>
  );
}

function FactorHistory({ k }: { k: string }) {
  const { c } = useCarbonText();
  const h = useApi(`carbon-factor-history|${k}`, () => carbonApi.factorHistory(k));
  return (
    requestState(h) ?? (
      <Table
        size="small"
        rowKey="version"
        pagination={false}
        dataSource={h.data!.versions}
        columns={[
          { title: c.data.version, dataIndex: 'version', width: 70 },
          { title: c.data.value, dataIndex: 'value', width: 100, render: (v: string | null) => v ?? c.data.withdraw },
          { title: c.data.unit, dataIndex: 'unit', width: 110 },
          { title: c.data.reason, dataIndex: 'reason' },
          { title: c.data.recorded, key: 'by', width: 220, render: (_, r) => `${r.recordedBy} · ${r.recordedAt.slice(0, 16).replace('T', ' ')}` },
        ]}
      />
    )
  );
}

function FactorsTab() {
  const { c, lang } = useCarbonText();
  const { message } = AntApp.useApp();
  const { user } = useAuth();
  const [reload, setReload] = useState(0);
  const factors = useApi(`carbon-factors#${reload}`, carbonApi.factors);
  const [search, setSearch] = useState('');
  const [target, setTarget] = useState<{ factor: Factor; withdraw: boolean } | null>(null);
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const canSet = user?.role === 'admin' || user?.role === 'reviewer';
  const list = (factors.data?.factors ?? []).filter((f) => !search || `${f.key} ${f.zh} ${f.en} ${f.source}`.toLowerCase().includes(search.toLowerCase()));
  const open = (factor: Factor, withdraw: boolean) => {
    setTarget({ factor, withdraw });
    setValue(withdraw ? '' : String(factor.value));
    setReason('');
    setError(null);
  };
  const submit = async () => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      const r = await carbonApi.setFactor(target.factor.key, target.withdraw ? null : value.trim(), target.factor.unit, reason);
      message.success(c.data.overrideSaved(r.key, r.version));
      setTarget(null);
      setReload((n) => n + 1);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, String(e)));
    } finally {
      setBusy(false);
    }
  };
  const colour = { seen: 'green', secondary: 'blue', recalled: 'gold', local: 'purple' } as Record<string, string>;
  const columns: TableColumnsType<Factor> = [
    // A long dotted key may break only before a dot (fuel.rawCoal / .coalEquivalent), never inside a word.
    {
      title: c.data.key,
      dataIndex: 'key',
      width: 220,
      render: (k: string) => (
        <span className="carbon-formula">
          {k.split('.').map((part, i) => (i === 0 ? part : [<wbr key={i} />, `.${part}`]))}
        </span>
      ),
    },
    { title: c.data.factor, key: 'name', width: 200, render: (_, f) => (lang === 'en' ? f.en : f.zh) },
    { title: c.data.value, dataIndex: 'value', width: 100, align: 'right', render: (v: number, f) => <span className="carbon-num">{v}{f.override && <div className="carbon-source">{c.data.shipped(String(f.override.shipped ?? c.empty))}</div>}</span> },
    { title: c.data.unit, dataIndex: 'unit', width: 110 },
    { title: c.data.source, dataIndex: 'source', width: 460, render: (s: string) => <span className="carbon-source">{s}</span> },
    {
      title: c.data.verified,
      dataIndex: 'verified',
      width: 130,
      render: (v: string) => (
        <Tag color={colour[v]} className="wrap-tag">
          {c.data.verifiedText[v] ?? v}
        </Tag>
      ),
    },
    ...(canSet
      ? [
          {
            title: '',
            key: 'act',
            width: 120,
            render: (_: unknown, f: Factor) => (
              <Space direction="vertical" size={0}>
                <Button size="small" type="link" onClick={() => open(f, false)} data-testid={`carbon-override-${f.key}`}>
                  {c.data.override}
                </Button>
                {f.override && (
                  <Button size="small" type="link" danger onClick={() => open(f, true)}>
                    {c.data.withdraw}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <div data-testid="carbon-factors">
      <div className="carbon-filters">
        <Input.Search allowClear placeholder={c.data.search} value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: 320 }} />
        {factors.data && <Tag>{c.data.factorVersion(factors.data.version)}</Tag>}
        {!canSet && <Typography.Text type="secondary">{c.data.onlyAdmin}</Typography.Text>}
      </div>
      {requestState(factors) ?? (
        <Table
          data-testid="carbon-factor-table"
          size="small"
          rowKey="key"
          dataSource={list}
          columns={columns}
          expandable={{ rowExpandable: (f) => Boolean(f.override), expandedRowRender: (f) => <FactorHistory k={f.key} /> }}
          pagination={{ pageSize: 25, size: 'small', showSizeChanger: false }}
          scroll={{ x: 1320 }}
          sticky={STICKY}
        />
      )}
      <Modal
        open={target !== null}
        onCancel={() => setTarget(null)}
        onOk={() => void submit()}
        okButtonProps={{ disabled: !reason.trim() || (!target?.withdraw && !/^\d+(\.\d+)?$/.test(value.trim())), loading: busy, ...({ 'data-testid': 'carbon-override-ok' } as object) }}
        title={target ? `${target.withdraw ? c.data.withdraw : c.data.overrideTitle(target.factor.key)}` : ''}
      >
        {target && (
          <Form layout="vertical">
            <Typography.Paragraph className="carbon-source">
              {lang === 'en' ? target.factor.en : target.factor.zh} · {c.data.shipped(String(target.factor.override?.shipped ?? target.factor.value))} {target.factor.unit}
            </Typography.Paragraph>
            {!target.withdraw && (
              <Form.Item label={`${c.data.value}（${target.factor.unit}）`}>
                <Input value={value} onChange={(e) => setValue(e.target.value)} data-testid="carbon-override-value" />
              </Form.Item>
            )}
            <Form.Item label={c.data.overrideReason} extra={c.data.overrideReasonHelp} required>
              <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 2 }} data-testid="carbon-override-reason" />
            </Form.Item>
            {error && <RefusedAlert error={error} testId="carbon-override-error" />}
          </Form>
        )}
      </Modal>
    </div>
  );
}

export function DataPage() {
  const { c } = useCarbonText();
  const catalogue = useApi('carbon-catalogue', carbonApi.catalogue);
  return (
    <CarbonFrame page="data">
      {requestState(catalogue) ?? (
        <Card className="section-card">
          <Tabs
            items={[
              { key: 'activity', label: c.data.activity, children: <ActivityTab catalogue={catalogue.data!} /> },
              { key: 'factors', label: c.data.factors, children: <FactorsTab /> },
            ]}
          />
        </Card>
      )}
    </CarbonFrame>
  );
}
