// Keeping the registries (administrators, reviewers): a drawer that registers an air station or a water section, or
// changes one with a reason. The form checks what the server checks (src/monitoring/registry.ts: required fields and
// their lengths, the code's characters, coordinate ranges, a reason for a change) so most mistakes are caught before
// sending; whatever the server still refuses (e.g. the code registered meanwhile by someone else) is shown with its
// own message in the current language.
import { useMemo, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import type { FormRule as Rule } from 'antd';
import { api, ApiError } from '../../api.js';
import { nameOf } from '../../i18n.js';
import { RefusedAlert } from '../../components/Status.js';
import { useApi } from '../../useApi.js';
import { monitoringApi } from './api.js';
import { useMeasureCodes } from '../../planTerms.js';
import { useMonitoringText, type MonitoringMessages } from './strings.js';
import type { AirStation, RegistrySaved, SectionBody, StationBody, StationLevel, TargetClass, WaterSection } from './types.js';

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, e instanceof Error ? e.message : String(e)));

// Limits of src/monitoring/registry.ts (codeOf, required, coordinate).
const CODE_MAX = 32;
const TEXT_MAX = 200;
const SOURCE_MAX = 500;
const CODE_PATTERN = /^[0-9A-Za-z_-]+$/;
const LON: [number, number] = [-180, 180];
const LAT: [number, number] = [-90, 90];
// The coordinate inputs take no min/max: InputNumber would silently clamp 200 to 180; the range rule says what is wrong.
const LEVELS: StationLevel[] = ['national', 'provincial', 'city'];
const ASSESSMENTS: SectionBody['assessment'][] = ['国考', '省考', '市考'];
const TARGET_CLASSES: TargetClass[] = ['I', 'II', 'III', 'IV', 'V'];

interface Values {
  code: string;
  name: string;
  river?: string;
  waterbody?: SectionBody['waterbody'];
  assessment?: SectionBody['assessment'];
  targetClass?: TargetClass;
  drinkingWater?: boolean;
  level?: StationLevel;
  region?: string | null;
  lon?: number | null;
  lat?: number | null;
  source: string;
  note?: string;
  reason?: string;
}

type Target = { kind: 'air'; entry: AirStation | null } | { kind: 'water'; entry: WaterSection | null };

/** A required text: not blank once trimmed, at most `max` characters (the server trims and counts the same way). */
function textRules(m: MonitoringMessages, field: string, max: number): Rule[] {
  return [
    {
      validator: (_, v: string | undefined) => {
        const t = (v ?? '').trim();
        if (!t) return Promise.reject(new Error(m.registry.required(field)));
        if (t.length > max) return Promise.reject(new Error(m.registry.tooLong(field, max)));
        return Promise.resolve();
      },
    },
  ];
}

function rangeRule(m: MonitoringMessages, field: string, [min, max]: [number, number]): Rule {
  return {
    validator: (_, v: number | null | undefined) =>
      v === null || v === undefined || (v >= min && v <= max) ? Promise.resolve() : Promise.reject(new Error(m.registry.range(field, min, max))),
  };
}

function initialValues(target: Target): Partial<Values> {
  if (target.kind === 'air') {
    const s = target.entry;
    if (!s) return { level: 'city', region: null };
    return { code: s.code, name: s.name, level: s.level, region: s.region, lon: s.lon, lat: s.lat, source: s.source, note: s.note ?? '' };
  }
  const s = target.entry;
  if (!s) return { waterbody: 'river', assessment: '市考', drinkingWater: false, region: null };
  return {
    code: s.code,
    name: s.name,
    river: s.river,
    waterbody: s.waterbody,
    assessment: s.assessment,
    targetClass: s.targetClass,
    drinkingWater: s.drinkingWater,
    region: s.region,
    lon: s.lon,
    lat: s.lat,
    source: s.source,
    note: s.note ?? '',
  };
}

/** The form's values as the API's body; empty optional fields travel as null. */
function commonBody(v: Values, editing: boolean) {
  return {
    name: v.name.trim(),
    region: v.region ?? null,
    lon: v.lon ?? null,
    lat: v.lat ?? null,
    source: v.source.trim(),
    note: v.note?.trim() ? v.note.trim() : null,
    ...(editing ? { reason: (v.reason ?? '').trim() } : {}),
  };
}
const stationBody = (v: Values, editing: boolean): StationBody => ({ ...commonBody(v, editing), level: v.level! });
const sectionBody = (v: Values, editing: boolean): SectionBody => ({
  ...commonBody(v, editing),
  river: (v.river ?? '').trim(),
  waterbody: v.waterbody!,
  assessment: v.assessment!,
  targetClass: v.targetClass!,
  drinkingWater: v.drinkingWater ?? false,
});

/** The drawer around the form; the form mounts afresh at each opening, so it starts from the entry it is given. */
export function RegistryDrawer({
  open,
  target,
  existingCodes,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** The kind of entry, and the entry to change (null: a new one). */
  target: Target;
  /** Codes already registered, so a new entry cannot silently take one. */
  existingCodes: ReadonlySet<string>;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { m } = useMonitoringText();
  const r = m.registry;
  const air = target.kind === 'air';
  const title = air ? (target.entry ? r.editStation(target.entry.code) : r.newStation) : target.entry ? r.editSection(target.entry.code) : r.newSection;
  return (
    <Drawer open={open} onClose={onClose} size={620} destroyOnHidden data-testid="registry-drawer" title={<span data-testid="registry-title">{title}</span>}>
      {open && <RegistryForm target={target} existingCodes={existingCodes} onClose={onClose} onSaved={onSaved} />}
    </Drawer>
  );
}

function RegistryForm({ target, existingCodes, onClose, onSaved }: { target: Target; existingCodes: ReadonlySet<string>; onClose: () => void; onSaved: () => void }) {
  const codeOf = useMeasureCodes();
  const { m, lang } = useMonitoringText();
  const r = m.registry;
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const top = useRef<HTMLDivElement>(null);
  const plan = useApi('plan', api.plan);
  const editing = target.entry !== null;
  const air = target.kind === 'air';
  const codeLabel = air ? m.air.code : m.water.code;
  const nameLabel = air ? m.air.name : m.water.name;

  const regionOptions = useMemo(
    () => (plan.data?.regions ?? []).map((g) => ({ value: g.code, label: `${nameOf(lang, g)} ${g.code}` })),
    [plan.data, lang],
  );

  // Called by the form once every rule has passed.
  const submit = async (v: Values) => {
    const code = (target.entry?.code ?? v.code).trim();
    setError(null);
    setBusy(true);
    try {
      const res: RegistrySaved = air ? await monitoringApi.saveStation(code, stationBody(v, editing)) : await monitoringApi.saveSection(code, sectionBody(v, editing));
      if (res.unchanged > 0) message.info(r.unchanged(code));
      else message.success(res.added > 0 ? r.added(code) : r.changed(code));
      onSaved();
      onClose();
    } catch (e) {
      const err = asApiError(e);
      // 401: the console asks to sign in again by itself.
      if (err.statusCode !== 401) {
        setError(err);
        top.current?.scrollIntoView({ block: 'start' });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div ref={top} />
      <Typography.Paragraph type="secondary">{editing ? r.introEdit : r.introNew}</Typography.Paragraph>
      {target.kind === 'air' && target.entry?.uncertain && (
        <Alert type="warning" showIcon title={`${m.air.uncertain}${m.colon}${target.entry.note ?? ''}`} style={{ marginBottom: 16 }} />
      )}
      {error && (
        <div className="mon-gap" style={{ marginBottom: 16 }}>
          <RefusedAlert error={error} title={r.refused} testId="registry-refused" />
        </div>
      )}
      <Form<Values> form={form} layout="vertical" initialValues={initialValues(target)} data-testid="registry-form" onFinish={(v) => void submit(v)}>
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item
              name="code"
              label={codeLabel}
              required
              rules={[
                ...textRules(m, codeLabel, CODE_MAX),
                {
                  validator: (_, v: string | undefined) => {
                    const t = (v ?? '').trim();
                    if (t && !CODE_PATTERN.test(t)) return Promise.reject(new Error(r.codeChars(codeLabel)));
                    if (!editing && existingCodes.has(t)) return Promise.reject(new Error(r.codeTaken(t)));
                    return Promise.resolve();
                  },
                },
              ]}
            >
              <Input disabled={editing} maxLength={CODE_MAX} data-testid="registry-code" />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="name" label={nameLabel} required rules={textRules(m, nameLabel, TEXT_MAX)}>
              <Input data-testid="registry-name" />
            </Form.Item>
          </Col>
        </Row>

        {air ? (
          <Form.Item name="level" label={m.air.level} rules={[{ required: true, message: r.choose(m.air.level) }]}>
            <Select<StationLevel> data-testid="registry-level" options={LEVELS.map((l) => ({ value: l, label: m.air.levels[l] }))} />
          </Form.Item>
        ) : (
          <>
            <Row gutter={16}>
              <Col span={14}>
                <Form.Item name="river" label={m.water.river} required rules={textRules(m, m.water.river, TEXT_MAX)}>
                  <Input data-testid="registry-river" />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item name="waterbody" label={m.water.waterbody} rules={[{ required: true, message: r.choose(m.water.waterbody) }]}>
                  <Select
                    data-testid="registry-waterbody"
                    options={(['river', 'lake'] as const).map((b) => ({ value: b, label: m.water.waterbodies[b] }))}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={16}>
              <Col span={9}>
                <Form.Item name="assessment" label={m.water.assessment} rules={[{ required: true, message: r.choose(m.water.assessment) }]}>
                  <Select data-testid="registry-assessment" options={ASSESSMENTS.map((a) => ({ value: a, label: r.assessments[a] ?? a }))} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="targetClass" label={m.water.target} rules={[{ required: true, message: r.choose(m.water.target) }]}>
                  <Select<TargetClass> data-testid="registry-target" options={TARGET_CLASSES.map((c) => ({ value: c, label: m.water.className(c) }))} />
                </Form.Item>
              </Col>
              <Col span={7}>
                <Form.Item name="drinkingWater" label={m.water.drinking} valuePropName="checked" tooltip={r.drinkingHelp(codeOf?.('water.drinkingSourceShare') ?? null)}>
                  <Switch data-testid="registry-drinking" />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}

        <Form.Item name="region" label={m.region} extra={r.regionHelp}>
          <Select<string>
            data-testid="registry-region"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={r.regionNone}
            loading={plan.loading}
            options={regionOptions}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="lon" label={r.lon} tooltip={r.coordHelp} rules={[rangeRule(m, r.lon, LON)]}>
              <InputNumber<number> data-testid="registry-lon" controls={false} placeholder={`${LON[0]} ～ ${LON[1]}`} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="lat" label={r.lat} tooltip={r.coordHelp} rules={[rangeRule(m, r.lat, LAT)]}>
              <InputNumber<number> data-testid="registry-lat" controls={false} placeholder={`${LAT[0]} ～ ${LAT[1]}`} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="source" label={m.source} required rules={textRules(m, m.source, SOURCE_MAX)}>
          <Input data-testid="registry-source" placeholder={r.sourcePlaceholder} />
        </Form.Item>
        <Form.Item name="note" label={m.note}>
          <Input.TextArea data-testid="registry-note" autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        {editing && (
          <Form.Item
            name="reason"
            label={r.reason}
            required
            rules={[{ validator: (_, v: string | undefined) => ((v ?? '').trim() ? Promise.resolve() : Promise.reject(new Error(r.reasonRequired))) }]}
          >
            <Input.TextArea data-testid="registry-reason" placeholder={r.reasonPlaceholder} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        )}
        <Space className="mon-gap">
          <Button type="primary" htmlType="submit" loading={busy} data-testid="registry-save">
            {r.save}
          </Button>
          <Button onClick={onClose} data-testid="registry-cancel">
            {r.cancel}
          </Button>
        </Space>
      </Form>
    </>
  );
}
