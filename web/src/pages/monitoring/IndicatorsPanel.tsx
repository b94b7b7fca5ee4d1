// Indicators 7, 8, 9, 10 and 29 as computed by the server from the stored monitoring data, with their provenance
// (what was used, what was left out and why). Reviewers and administrators can propose them into the year's
// reporting round, where they await approval like any reported value; the server's answer is shown as it words it.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { DemoTag } from '../../components/EvaluationBits.js';
import type { TableColumnsType } from 'antd';
import { ApiError } from '../../api.js';
import { useAuth } from '../../auth.js';
import { Computing, RefusedAlert, requestState } from '../../components/Status.js';
import { useApi } from '../../useApi.js';
import { monitoringApi } from './api.js';
import { useRegionNames } from './bits.js';
import { useMonitoringText } from './strings.js';
import type { Excluded, MonitoredIndicator, ProposeResponse } from './types.js';
import { unitText } from '../../format.js';
import { STICKY } from '../../components/tables.js';

const ALL = '*';
const SHOWN_EXCLUDED = 3;

/** What was left out and why: the first few, the rest on request (a city's list names every station). */
function ExcludedList({ excluded }: { excluded: Excluded[] }) {
  const { m, lang } = useMonitoringText();
  const [open, setOpen] = useState(false);
  const shown = open ? excluded : excluded.slice(0, SHOWN_EXCLUDED);
  return (
    <div data-testid="indicator-excluded">
      <ul className="mon-excluded">
        {shown.map((x, i) => (
          <li key={`${x.code}-${i}`}>
            <strong>{x.code}</strong>
            {m.colon}
            {lang === 'en' ? x.reasonEn || x.reason : x.reason}
          </li>
        ))}
      </ul>
      {excluded.length > SHOWN_EXCLUDED && (
        <Button type="link" size="small" className="mon-more" onClick={() => setOpen(!open)}>
          {open ? m.indicators.fewer : m.indicators.more(excluded.length - SHOWN_EXCLUDED)}
        </Button>
      )}
    </div>
  );
}

export function IndicatorsPanel({ year, version, codes }: { year: number; version: number; codes?: number[] }) {
  const { m, lang } = useMonitoringText();
  const { user } = useAuth();
  const { modal } = AntApp.useApp();
  const regionName = useRegionNames();
  const state = useApi(`monitoring-indicators:${year}:${version}`, () => monitoringApi.indicators(year));
  const [busy, setBusy] = useState(false);
  const [proposed, setProposed] = useState<ProposeResponse | null>(null);
  const [refused, setRefused] = useState<ApiError | null>(null);
  const [region, setRegion] = useState<string | null>(null);
  const mi = m.indicators;
  const canPropose = user?.role === 'admin' || user?.role === 'reviewer';

  const propose = async () => {
    setBusy(true);
    setProposed(null);
    setRefused(null);
    try {
      setProposed(await monitoringApi.propose(year));
    } catch (e) {
      setRefused(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', null, String(e)));
    } finally {
      setBusy(false);
    }
  };

  const confirm = () =>
    modal.confirm({ title: mi.propose(year), content: mi.proposeConfirm(year), okText: mi.ok, cancelText: mi.cancel, onOk: propose });

  const all = (state.data?.values ?? []).filter((v) => !codes || codes.includes(v.indicatorCode));
  // One area at a time (the city first, as the API lists it), or every area.
  const regions = [...new Map(all.map((v) => [v.region, v.regionName])).entries()];
  const shown = region ?? regions[0]?.[0] ?? ALL;
  const values = shown === ALL ? all : all.filter((v) => v.region === shown);
  const columns: TableColumnsType<MonitoredIndicator> = [
    {
      title: mi.code,
      dataIndex: 'indicatorCode',
      width: 220,
      render: (c: number, v) => (
        <span>
          <Tag>{c}</Tag>
          {mi.names[v.measure] ?? ''}
        </span>
      ),
    },
    { title: mi.region, dataIndex: 'region', width: 130, render: (r: string, v) => regionName(r, v.regionName) },
    {
      title: mi.value,
      key: 'value',
      width: 130,
      align: 'right',
      render: (_, v) => (
        <Space size={4} wrap className="mon-value">
          {v.value === null ? (
            <Typography.Text type="secondary">{mi.noValue}</Typography.Text>
          ) : (
            <span data-testid="indicator-value" data-code={v.indicatorCode}>
              <strong>{v.value}</strong> {unitText(lang, v.unit)}
            </span>
          )}
          {v.state && <Tag color="green" className="wrap-tag">{mi.states[v.state] ?? v.state}</Tag>}
          {v.demo && <DemoTag />}
        </Space>
      ),
    },
    {
      title: mi.method,
      key: 'method',
      width: 260,
      render: (_, v) => (
        <div>
          <div className="mon-small">{lang === 'en' ? v.provenance.methodEn || v.provenance.method : v.provenance.method}</div>
          <Typography.Text type="secondary" className="mon-small">
            {v.provenance.standard}
          </Typography.Text>
          {v.comparability && !v.comparability.comparableAcrossSwitch ? (
            <div className="mon-small" data-testid="indicator-not-comparable" data-code={v.indicatorCode}>
              <Tag color="orange">{m.editions.notComparable}</Tag>
              {v.comparability[lang]}
            </div>
          ) : null}
          {v.reassessment && v.reassessment.value !== null && v.reassessment.value !== v.value ? (
            <div className="mon-small" data-testid="indicator-reassessed">
              {m.editions.reassessedValue(v.reassessment.standard, v.reassessment.value, v.unit)}
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: mi.used,
      key: 'used',
      width: 230,
      render: (_, v) => (
        <div className="mon-small">
          <div>{v.provenance.used.length ? v.provenance.used.join(m.listSep) : m.empty}</div>
          <Typography.Text type="secondary">
            {[v.provenance.validDays !== undefined ? mi.validDays(v.provenance.validDays) : null, v.provenance.sections !== undefined ? mi.sections(v.provenance.sections) : null]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: mi.excluded,
      key: 'excluded',
      width: 360,
      render: (_, v) =>
        v.provenance.excluded.length === 0 ? (
          <Typography.Text type="secondary">{mi.noneExcluded}</Typography.Text>
        ) : (
          <ExcludedList excluded={v.provenance.excluded} />
        ),
    },
  ];

  return (
    <Card
      className="section-card"
      title={mi.title(year)}
      data-testid="monitoring-indicators"
      extra={
        canPropose && (
          <Button type="primary" onClick={confirm} loading={busy} disabled={!state.data || all.length === 0} data-testid="indicators-propose">
            {mi.propose(year)}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{mi.intro}</Typography.Paragraph>
      {regions.length > 1 && (
        <Space className="mon-gap-bottom">
          <Typography.Text type="secondary">{mi.region}</Typography.Text>
          <Select<string>
            data-testid="indicators-region"
            value={shown}
            onChange={setRegion}
            style={{ minWidth: 180 }}
            options={[...regions.map(([code, name]) => ({ value: code, label: regionName(code, name) })), { value: ALL, label: mi.allRegions }]}
          />
        </Space>
      )}
      {proposed && (
        <Alert
          className="mon-gap-bottom"
          type="success"
          showIcon
          data-testid="indicators-proposed"
          title={mi.proposed(proposed.proposed, proposed.round)}
          description={
            proposed.skipped && proposed.skipped.length > 0 ? (
              <div data-testid="indicators-not-proposed">
                <div>{mi.notProposed(proposed.skipped.length)}</div>
                <ul className="mon-excluded">
                  {proposed.skipped.map((x) => (
                    <li key={`${x.indicatorCode}-${x.region}`}>
                      {mi.code} {x.indicatorCode} · {regionName(x.region)}
                      {m.colon}
                      {lang === 'en' ? x.reasonEn || x.reason : x.reason}
                    </li>
                  ))}
                </ul>
              </div>
            ) : undefined
          }
          closable={{ onClose: () => setProposed(null) }}
        />
      )}
      {refused && (
        <div className="mon-gap-bottom">
          <RefusedAlert error={refused} testId="indicators-propose-refused" title={mi.proposeRefused} />
        </div>
      )}
      {state.loading ? (
        <Computing title={mi.computing(year)} detail={mi.computingDetail} testId="indicators-computing" />
      ) : requestState(state) ?? (
        <Table<MonitoredIndicator>
            data-testid="indicators-table"
            rowKey={(v) => `${v.indicatorCode}-${v.region}`}
            size="small"
            pagination={false}
            columns={columns}
            dataSource={values}
            scroll={{ x: 1330 }}
            sticky={STICKY}
            locale={{ emptyText: m.none }}
          />
      )}
    </Card>
  );
}
