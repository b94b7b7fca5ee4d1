import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../api.js';
import { BaselineValue, BindingTag, LocalTag } from '../components/IndicatorBits.js';
import { requestState } from '../components/Status.js';
import { buildLookups, departmentNames, indicatorDomain, indicatorName, indicatorSearchText, indicatorTaskArea, targetText, taskAreaText, unitText } from '../format.js';
import { nameOf, useI18n } from '../i18n.js';
import { horizonsOf } from '../../../src/plan/horizons.js';
import type { Indicator } from '../types.js';
import { useApi } from '../useApi.js';
import { isInteractive } from '../navigation.js';
import { STICKY } from '../components/tables.js';

// Filters live in the query string so that a filtered view can be bookmarked and shared.
const FILTER_KEYS = ['domain', 'task', 'attr', 'dept', 'q'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

function loadAll() {
  return Promise.all([api.plan(), api.indicators(), api.departments()]).then(([plan, list, depts]) => ({
    plan,
    indicators: list.indicators,
    departments: depts.departments,
  }));
}

export function Indicators() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = useApi('indicators-page', loadAll);
  const data = state.data;

  const filter = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as Record<FilterKey, string>;
  const setFilter = (changes: Partial<Record<FilterKey, string | undefined>>, replace = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace });
  };

  const lookups = useMemo(() => buildLookups(data?.plan, data?.departments), [data]);
  const haystacks = useMemo(() => new Map((data?.indicators ?? []).map((i) => [i.code, indicatorSearchText(i, lookups)])), [data, lookups]);

  const rows = useMemo(() => {
    if (!data) return [];
    const q = filter.q.trim().toLowerCase();
    const deptName = lookups.departments.get(filter.dept)?.name;
    return data.indicators.filter(
      (i) =>
        (!filter.domain || i.domainId === filter.domain) &&
        (!filter.task || i.taskAreaId === filter.task) &&
        (!filter.attr || (filter.attr === 'binding') === i.binding) &&
        (!filter.dept || i.departmentIds.includes(filter.dept) || (deptName !== undefined && i.departments.includes(deptName))) &&
        (!q || (haystacks.get(i.code) ?? '').includes(q)),
    );
  }, [data, lookups, haystacks, filter.domain, filter.task, filter.attr, filter.dept, filter.q]);

  const pending = requestState(state);
  if (pending || !data) return pending;

  const { plan } = data;
  const domainOptions = plan.domains.map((d) => ({ value: d.id, label: nameOf(lang, d) }));
  const taskOptions = plan.domains
    .filter((d) => !filter.domain || d.id === filter.domain)
    .flatMap((d) => d.taskAreas)
    .map((ta) => ({ value: ta.id, label: taskAreaText(lang, ta) }));
  // Only units that answer for at least one indicator: choosing any other would always give an empty table.
  const usedDepartments = new Set(data.indicators.flatMap((i) => i.departmentIds));
  const departmentOptions = data.departments
    .filter((d) => usedDepartments.has(d.id))
    .map((d) => ({ value: d.id, label: nameOf(lang, d) }));

  const columns: TableColumnsType<Indicator> = [
    { title: t.indicator.code, dataIndex: 'code', width: 64, align: 'center', sorter: (a, b) => a.code - b.code, fixed: 'left' },
    { title: t.indicator.domain, key: 'domain', width: lang === 'en' ? 96 : 74, render: (_, i) => indicatorDomain(lang, i, lookups) },
    { title: t.indicator.taskArea, key: 'taskArea', width: 126, render: (_, i) => indicatorTaskArea(lang, i, lookups) },
    {
      title: t.indicator.name,
      key: 'name',
      minWidth: lang === 'en' ? 180 : 200,
      render: (_, i) => (
        <span>
          <Link to={`/indicators/${i.code}`} className="indicator-link">
            {indicatorName(lang, i)}
          </Link>
          {i.local && <LocalTag />}
        </span>
      ),
    },
    { title: t.indicator.unit, dataIndex: 'unit', width: lang === 'en' ? 100 : 80, render: (u: string) => unitText(lang, u) },
    {
      title: t.indicator.attribute,
      key: 'binding',
      // The tag's English words ("Reference", "Binding") need more room than 约束性/预期性.
      width: lang === 'en' ? 104 : 72,
      align: 'center',
      render: (_, i) => <BindingTag binding={i.binding} />,
    },
    {
      title: t.indicator.baseline,
      key: 'baseline',
      width: 118,
      render: (_, i) => <BaselineValue indicator={i} baseYear={plan.meta.baseYear} />,
    },
    // One column per target year of the plan (plan.yaml horizons).
    ...horizonsOf(plan).map((h): TableColumnsType<Indicator>[number] => ({ title: t.indicator.targetYear(h), key: `t${h}`, width: 140, render: (_, i) => targetText(lang, i.targets[h]) })),
    {
      title: t.indicator.departments,
      key: 'departments',
      width: 150,
      render: (_, i) => (
        <div className="dept-list">
          {departmentNames(lang, i.departments, i.departmentIds, lookups).map((name) => (
            <div key={name}>{name}</div>
          ))}
        </div>
      ),
    },
  ];

  const anyFilter = FILTER_KEYS.some((k) => filter[k]);

  return (
    <div className="page" data-testid="indicators-page">
      <Card
        title={t.indicator.title}
        className="section-card"
        extra={
          <Typography.Text type="secondary" data-testid="indicator-count">
            {t.indicator.count(rows.length, data.indicators.length)}
          </Typography.Text>
        }
      >
        <Space wrap className="filter-bar" data-testid="indicator-filters">
          <Select
            allowClear
            className="filter-select"
            data-testid="filter-domain"
            placeholder={t.indicator.filterDomain}
            value={filter.domain || undefined}
            options={domainOptions}
            onChange={(v?: string) => {
              // A task area of another domain would leave the table empty: drop it with the domain change.
              const keepTask = v && filter.task && plan.domains.find((d) => d.id === v)?.taskAreas.some((ta) => ta.id === filter.task);
              setFilter({ domain: v, task: keepTask ? filter.task : undefined });
            }}
          />
          <Select
            allowClear
            className="filter-select wide"
            data-testid="filter-task"
            placeholder={t.indicator.filterTask}
            value={filter.task || undefined}
            options={taskOptions}
            onChange={(v?: string) => setFilter({ task: v })}
          />
          <Select
            allowClear
            className="filter-select"
            data-testid="filter-attr"
            placeholder={t.indicator.filterAttribute}
            value={filter.attr || undefined}
            options={[
              { value: 'binding', label: t.indicator.binding },
              { value: 'reference', label: t.indicator.reference },
            ]}
            onChange={(v?: string) => setFilter({ attr: v })}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            className="filter-select wide"
            data-testid="filter-dept"
            placeholder={t.indicator.filterDepartment}
            value={filter.dept || undefined}
            options={departmentOptions}
            onChange={(v?: string) => setFilter({ dept: v })}
          />
          <Input.Search
            allowClear
            className="filter-search"
            data-testid="filter-search"
            placeholder={t.indicator.search}
            value={filter.q}
            onChange={(e) => setFilter({ q: e.target.value }, true)}
          />
          <Button onClick={() => setParams(new URLSearchParams())} disabled={!anyFilter}>
            {t.indicator.reset}
          </Button>
        </Space>
        <div data-testid="indicator-table">
          <Table<Indicator>
            rowKey="code"
            size="small"
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 1170 }}
            sticky={STICKY}
            rowClassName="clickable-row"
            onRow={(i) => ({
              onClick: (e) => {
                if (!isInteractive(e.target)) navigate(`/indicators/${i.code}`);
              },
            })}
          />
        </div>
      </Card>
    </div>
  );
}
