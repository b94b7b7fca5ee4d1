// 历史: every version of an indicator's values for a region (GET /observations/history), in a drawer opened from a
// task row of a reporting round or from the indicator page's data table. A change to an existing value is a new
// version; the earlier ones stay and are marked as superseded.
import { useState } from 'react';
import { Button, Drawer, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../api.js';
import { useI18n } from '../i18n.js';
import type { ValueVersion } from '../types.js';
import { useApi } from '../useApi.js';
import { DemoTag } from './EvaluationBits.js';
import { figureText, formatTime } from './RoundBits.js';
import { requestState } from './Status.js';

interface Props {
  indicator: number;
  /** The indicator's name and the region's, as shown in the title. */
  name: string;
  region: string;
  regionName: string;
  unit: string;
  /** The year the drawer opens on (its versions only; 全部年份 shows every year). */
  year?: number;
  testId?: string;
}

type Row = ValueVersion & { current: boolean };

function HistoryTable({ versions, unit, year }: { versions: ValueVersion[]; unit: string; year: number | undefined }) {
  const { t } = useI18n();
  const years = [...new Set(versions.map((v) => v.year))].sort((a, b) => b - a);
  const [shown, setShown] = useState<number | 'all'>(year !== undefined && years.includes(year) ? year : 'all');
  const latest = new Map<string, number>();
  for (const v of versions) latest.set(`${v.year}|${v.kind}`, Math.max(latest.get(`${v.year}|${v.kind}`) ?? 0, v.version));
  const rows: Row[] = versions
    .filter((v) => shown === 'all' || v.year === shown)
    .map((v) => ({ ...v, current: latest.get(`${v.year}|${v.kind}`) === v.version }))
    .sort((a, b) => b.year - a.year || a.kind.localeCompare(b.kind) || b.version - a.version);
  const versionsOf = (r: Row) => latest.get(`${r.year}|${r.kind}`) ?? 1;

  const columns: TableColumnsType<Row> = [
    { title: t.history.year, dataIndex: 'year', width: 64 },
    { title: t.history.kind, dataIndex: 'kind', width: 96, render: (k: string) => (k === 'assigned' || k === 'value' ? t.rounds.kind(k) : k) },
    {
      title: t.history.version,
      key: 'version',
      width: 96,
      render: (_, r) => (
        <Space size={4}>
          <span>v{r.version}</span>
          {versionsOf(r) > 1 && (r.current ? <Tag color="green">{t.history.current}</Tag> : <Tag>{t.history.superseded}</Tag>)}
        </Space>
      ),
    },
    {
      title: t.history.value,
      key: 'value',
      width: 150,
      render: (_, r) => (
        <Space size={4} wrap>
          <span className="history-value">{figureText(t, r, unit) ?? t.common.empty}</span>
          {r.isDemo && <DemoTag />}
        </Space>
      ),
    },
    { title: t.history.source, dataIndex: 'source', render: (s: string) => <span className="obs-source">{s}</span> },
    { title: t.history.reason, dataIndex: 'reason', width: 150, render: (s: string | null) => s ?? <span className="secondary-text">{t.common.empty}</span> },
    {
      title: t.history.status,
      dataIndex: 'status',
      width: 84,
      render: (s: string) => (s === 'approved' ? <Tag color="green">{t.evaluation.obsApproved}</Tag> : <Tag color="orange">{t.evaluation.obsProvisional}</Tag>),
    },
    {
      title: t.history.recordedBy,
      key: 'recorded',
      width: 170,
      render: (_, r) => (
        <div>
          {r.recordedBy !== null && <div data-testid="history-recorded-by">{r.recordedBy}</div>}
          <div className="secondary-text nowrap">{formatTime(r.recordedAt)}</div>
        </div>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text type="secondary">{t.history.year}</Typography.Text>
        <Select<number | 'all'>
          className="filter-select year-select"
          data-testid="history-year"
          value={shown}
          onChange={setShown}
          options={[{ value: 'all', label: t.history.allYears }, ...years.map((y) => ({ value: y, label: t.rounds.yearOption(y) }))]}
        />
      </Space>
      <Table<Row>
        data-testid="history-table"
        rowKey={(r) => `${r.year}-${r.kind}-${r.version}`}
        size="small"
        pagination={false}
        columns={columns}
        dataSource={rows}
        rowClassName={(r) => (r.current ? '' : 'history-superseded')}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.history.empty} /> }}
      />
    </Space>
  );
}

function HistoryBody({ indicator, region, unit, year, attempt }: Pick<Props, 'indicator' | 'region' | 'unit' | 'year'> & { attempt: number }) {
  // Asked afresh each time the drawer opens: a review may have added a version meanwhile.
  const state = useApi(`history:${indicator}:${region}:${attempt}`, () => api.history(indicator, region));
  return requestState(state) ?? (state.data ? <HistoryTable versions={state.data.versions} unit={unit} year={year} /> : null);
}

/** A 历史 link and the drawer it opens. */
export function HistoryLink({ indicator, name, region, regionName, unit, year, testId = 'history-link' }: Props) {
  const { t } = useI18n();
  const [opened, setOpened] = useState(0);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        type="link"
        size="small"
        className="history-link"
        data-testid={testId}
        onClick={() => {
          setOpened((n) => n + 1);
          setOpen(true);
        }}
      >
        {t.history.link}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        size={1100}
        destroyOnHidden
        title={<span data-testid="history-title">{t.history.title(indicator, name, regionName)}</span>}
        rootClassName="history-drawer"
      >
        <div data-testid="history-drawer">
          <Typography.Paragraph type="secondary">{t.history.intro}</Typography.Paragraph>
          {open && <HistoryBody key={opened} indicator={indicator} region={region} unit={unit} year={year} attempt={opened} />}
        </div>
      </Drawer>
    </>
  );
}
