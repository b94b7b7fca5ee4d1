// The indicator page's target history: the indicator in each version of the plan (shown only once it was revised),
// and where its definition changed so that its values before and after are not comparable.
import { Alert, Card, Table, Tag } from 'antd';
import { useApi } from '../../useApi.js';
import { revisionsApi, type IndicatorHistory } from './api.js';
import { useRevisionStrings } from './strings.js';

export function IndicatorHistoryCard({ code }: { code: number }) {
  const { s } = useRevisionStrings();
  const state = useApi(`indicator-history:${code}`, () => revisionsApi.history(code));
  const h = state.data;
  // One version: the plan was never revised; the page above already shows its targets.
  if (!h || h.versions.length < 2) return null;
  const horizons = h.versions.find((v) => v.inForce)!.targets.map((t) => t.horizon);
  type Row = IndicatorHistory['versions'][number];
  return (
    <Card className="section-card" title={s.historyTitle} data-testid="indicator-history">
      {h.breaks.map((b) => (
        <Alert key={b.revision} type="warning" showIcon style={{ marginBottom: 12 }} title={s.historyBreak(b.year, b.fields.map((f) => s.field[f] ?? f).join('、'))} data-testid="indicator-break" />
      ))}
      <Table<Row>
        size="small"
        rowKey="revision"
        pagination={false}
        dataSource={h.versions}
        columns={[
          { title: s.no, key: 'no', width: 150, render: (_, v) => (v.revision === 0 ? s.historyOriginal : <Tag color="blue">{`#${v.revision}`}</Tag>) },
          { title: s.effective, key: 'year', width: 110, render: (_, v) => s.historyInForce(v.effectiveYear) },
          ...horizons.map((hz) => ({ title: s.target(hz), key: hz, render: (_: unknown, v: Row) => (v.inForce ? v.targets.find((t) => t.horizon === hz)?.text ?? '—' : s.historyRetired) })),
          { title: s.document, key: 'doc', render: (_, v) => v.document ?? '—' },
        ]}
      />
    </Card>
  );
}
