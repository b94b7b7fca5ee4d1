// 重点工程项目库: the appendix's projects as a living library — statistics, a filterable table (filters kept in the
// address), a Gantt timeline coloured by latest status, investment roll-ups and warnings; management actions for
// those allowed to take them. Everything comes from the public API.
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Badge, Button, Card, Checkbox, Input, Progress, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, ApiError } from '../api.js';
import { useAuth } from '../auth.js';
import { requestState } from '../components/Status.js';
import { PALETTE } from '../echarts.js';
import { buildLookups, departmentNames, indicatorName, regionName, type Lookups } from '../format.js';
import { nameOf, useI18n, type Lang } from '../i18n.js';
import type { Project } from '../types.js';
import { useApi } from '../useApi.js';
import { isInteractive } from '../navigation.js';
import { projectDefaults, projectsApi } from './projects/api.js';
import { mayManage, StatusTag, WarningBadges } from './projects/bits.js';
import { ImportModal, ExportButton } from './projects/ImportExport.js';
import { InvestmentSection, SummaryStats } from './projects/InvestmentSection.js';
import { ProjectFormDrawer } from './projects/ManageForms.js';
import { ProjectTimeline } from './projects/ProjectTimeline.js';
import { useProjectStrings } from './projects/strings.js';
import { PROJECT_STATUSES, type LibraryFilters, type LibraryProject, type LibraryResponse, type ProjectWarning, type SummaryResponse } from './projects/types.js';
import { sortWarnings, WarningList } from './projects/WarningList.js';
import './projects/projects.css';
import { STICKY } from '../components/tables.js';

export function categoryLabel(lang: Lang, p: Pick<Project, 'category' | 'categoryId'>, lk: Lookups): string {
  const c = lk.categories.get(p.categoryId);
  return lang === 'en' && c?.nameEn ? c.nameEn : p.category;
}

export function SubItems({ project, lookups }: { project: Project; lookups: Lookups }) {
  const { lang } = useI18n();
  return (
    <ol className="sub-items" data-testid={`sub-items-${project.no}`}>
      {project.subItems.map((s) => (
        <li key={s.no} value={s.no}>
          <span>{s.name}</span>
          {s.region && (
            <Tag color="green" className="sub-item-region">
              {regionName(lang, s.region, lookups)}
            </Tag>
          )}
        </li>
      ))}
    </ol>
  );
}

const FILTER_KEYS = ['category', 'department', 'region', 'status', 'indicator', 'q', 'includeRetired'] as const;
const TABS = ['list', 'timeline', 'investment', 'warnings'] as const;
type Tab = (typeof TABS)[number];

function filtersOf(params: URLSearchParams): LibraryFilters {
  const f: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  if (f.includeRetired !== 'true') delete f.includeRetired;
  return f as LibraryFilters;
}

/** Projects as the library lists them; fields the older API lacks are given their empty value. */
function normalise(list: LibraryResponse): LibraryResponse {
  return {
    ...list,
    warnings: list.warnings ?? [],
    projects: list.projects.map(projectDefaults),
  };
}

function loadPage(filters: LibraryFilters, year: number | undefined) {
  // The summary is optional for the page: without it the table and timeline still work.
  const summary = projectsApi.summary(year).catch((e: unknown) => (e instanceof ApiError && e.statusCode === 401 ? Promise.reject(e) : null));
  return Promise.all([projectsApi.library(filters), summary, api.plan(), api.departments(), api.indicators()]).then(([list, summary, plan, depts, indicators]) => ({
    list: normalise(list),
    summary: summary as SummaryResponse | null,
    plan,
    depts,
    indicators,
  }));
}

export function Projects() {
  const { s, t, lang } = useProjectStrings();
  const navigate = useNavigate();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const [refresh, setRefresh] = useState(0);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const filters = useMemo(() => filtersOf(params), [params]);
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'list';
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam > 1900 ? yearParam : undefined;
  const key = `projects-page:${JSON.stringify(filters)}:${year ?? ''}#${refresh}`;
  const state = useApi(key, () => loadPage(filters, year));
  const data = state.data;
  const lookups = useMemo(() => buildLookups(data?.plan, data?.depts.departments), [data]);

  const setParam = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };

  const pending = requestState(state);
  if (pending || !data) return pending;

  const { list, plan, summary, depts, indicators } = data;
  const rows = list.projects;
  const warningsByProject = new Map<number, ProjectWarning[]>();
  for (const w of list.warnings) warningsByProject.set(w.projectNo, [...(warningsByProject.get(w.projectNo) ?? []), w]);
  const categoryIndex = new Map(plan.categories.map((c, i) => [c.id, i]));
  const filtered = FILTER_KEYS.some((k) => k !== 'includeRetired' && filters[k]) || filters.includeRetired === 'true';
  const allWarnings = summary?.warnings ?? list.warnings;
  const retiredCount = rows.filter((p) => p.retired).length;
  const manage = mayManage(user);

  // The columns fit the card at 1440 px (1170 px with the expand column); narrower, the table scrolls under the
  // fixed number column with its scroll bar kept in sight (STICKY).
  const columns: TableColumnsType<LibraryProject> = [
    { title: s.columns.no, dataIndex: 'no', width: 56, align: 'center', fixed: 'left' },
    {
      title: s.columns.category,
      key: 'category',
      width: 120,
      render: (_, p) => (
        <span>
          <span className="legend-dot" style={{ background: PALETTE[(categoryIndex.get(p.categoryId) ?? 0) % PALETTE.length] }} />
          {categoryLabel(lang, p, lookups)}
        </span>
      ),
    },
    {
      title: s.columns.name,
      key: 'name',
      width: 200,
      render: (_, p) => (
        <div>
          <Link to={`/projects/${p.no}`} className="project-link">
            {nameOf(lang, p)}
          </Link>
          <div>
            {p.subcategory && <Tag className="subcategory-tag">{s.subcategory(p.subcategory)}</Tag>}
            {p.retired && (
              <Tag color="default" data-testid={`retired-${p.no}`}>
                {s.retiredTag}
              </Tag>
            )}
          </div>
        </div>
      ),
    },
    { title: s.columns.investment, dataIndex: 'investmentText', width: 96, align: 'right', className: 'num-cell' },
    {
      title: s.columns.leads,
      key: 'leads',
      width: 130,
      render: (_, p) => (
        <div className="dept-list">
          {departmentNames(lang, p.leads, p.leadIds, lookups).map((name) => (
            <div key={name}>{name}</div>
          ))}
        </div>
      ),
    },
    { title: s.columns.period, key: 'period', width: 90, align: 'center', render: (_, p) => t.project.periodValue(p.startYear, p.endYear) },
    {
      title: s.columns.status,
      key: 'status',
      width: 90,
      align: 'center',
      render: (_, p) => (
        <div>
          <StatusTag status={p.latest?.status} testId={`status-${p.no}`} />
          {p.latest && <div className="secondary-text">{s.reportedYear(p.latest.year)}</div>}
        </div>
      ),
    },
    {
      title: s.columns.progress,
      key: 'progress',
      width: 110,
      render: (_, p) =>
        p.latest?.physicalProgress === null || p.latest?.physicalProgress === undefined ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Progress percent={p.latest.physicalProgress} size="small" status={p.latest.status === 'completed' ? 'success' : 'normal'} format={(v) => `${v}%`} />
        ),
    },
    {
      title: s.columns.completion,
      key: 'completion',
      width: 100,
      align: 'right',
      className: 'num-cell',
      render: (_, p) => (p.completionRate === null ? '—' : `${p.completionRate}%`),
    },
    {
      title: s.columns.warnings,
      key: 'warnings',
      width: 130,
      render: (_, p) => <WarningBadges warnings={warningsByProject.get(p.no) ?? []} />,
    },
  ];

  const filterBar = (
    <div className="filter-bar project-filters" data-testid="project-filters">
      <Select
        allowClear
        placeholder={s.filters.category}
        value={filters.category}
        onChange={(v?: string) => setParam('category', v)}
        style={{ width: 200 }}
        data-testid="filter-category"
        options={plan.categories.map((c) => ({ value: c.id, label: nameOf(lang, c) }))}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={s.filters.department}
        value={filters.department}
        onChange={(v?: string) => setParam('department', v)}
        style={{ width: 200 }}
        data-testid="filter-department"
        options={depts.departments.map((d) => ({ value: d.id, label: nameOf(lang, d) }))}
      />
      <Select
        allowClear
        placeholder={s.filters.region}
        value={filters.region}
        onChange={(v?: string) => setParam('region', v)}
        style={{ width: 150 }}
        data-testid="filter-region"
        options={plan.regions.map((r) => ({ value: r.code, label: nameOf(lang, r) }))}
      />
      <Select
        allowClear
        placeholder={s.filters.status}
        value={filters.status}
        onChange={(v?: string) => setParam('status', v)}
        style={{ width: 130 }}
        data-testid="filter-status"
        options={[...PROJECT_STATUSES.map((st) => ({ value: st, label: s.status[st] })), { value: 'not_reported', label: s.filters.noReport }]}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={s.filters.indicator}
        value={filters.indicator}
        onChange={(v?: string) => setParam('indicator', v)}
        style={{ width: 240 }}
        data-testid="filter-indicator"
        options={indicators.indicators.map((i) => ({ value: String(i.code), label: `${i.code} ${indicatorName(lang, i)}` }))}
      />
      <Input.Search
        allowClear
        placeholder={s.filters.search}
        defaultValue={filters.q}
        key={filters.q ?? ''}
        onSearch={(v) => setParam('q', v.trim() || undefined)}
        style={{ width: 240 }}
        data-testid="filter-search"
      />
      <Checkbox checked={filters.includeRetired === 'true'} onChange={(e) => setParam('includeRetired', e.target.checked ? 'true' : undefined)} data-testid="filter-retired">
        {s.filters.includeRetired}
      </Checkbox>
      {filtered && (
        <Button
          type="link"
          onClick={() => {
            const next = new URLSearchParams(params);
            for (const k of FILTER_KEYS) next.delete(k);
            setParams(next);
          }}
          data-testid="filter-reset"
        >
          {s.filters.reset}
        </Button>
      )}
    </div>
  );

  const table = (
    <div data-testid="project-table">
      <Table<LibraryProject>
        rowKey="no"
        size="middle"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1170 }}
        sticky={STICKY}
        rowClassName={(p) => `clickable-row${p.retired ? ' retired-row' : ''}`}
        onRow={(p) => ({
          onClick: (e) => {
            if (!isInteractive(e.target)) navigate(`/projects/${p.no}`);
          },
        })}
        expandable={{
          expandedRowRender: (p) => (
            <div className="project-expanded">
              <Typography.Paragraph className="project-content">{p.content}</Typography.Paragraph>
              {p.subItems.length > 0 && <SubItems project={p} lookups={lookups} />}
            </div>
          ),
        }}
        summary={() => (
          <Table.Summary>
            <Table.Summary.Row className="summary-row" data-testid="project-total">
              <Table.Summary.Cell index={0} colSpan={4}>
                {/* The server's table 2 over the listed active projects (the whole library when unfiltered). */}
                {filtered ? s.filteredTotal(list.total.count) : s.total(list.total.count)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                <span data-testid="project-total-investment">{list.total.investmentText}</span>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} colSpan={6} />
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </div>
  );

  const redCount = allWarnings.filter((w) => w.level === 'red').length;
  const yearOptions = (summary?.byYear ?? []).map((y) => y.year);

  return (
    <div className="page" data-testid="projects-page">
      <Card
        title={s.pageTitle}
        className="section-card"
        extra={
          <Space wrap>
            {manage && (
              <Button type="primary" onClick={() => setAdding(true)} data-testid="project-add">
                {s.actions.add}
              </Button>
            )}
            {user && user.role !== 'viewer' && (
              <Button onClick={() => setImporting(true)} data-testid="import-xlsx">
                {s.actions.import}
              </Button>
            )}
            <ExportButton />
          </Space>
        }
      >
        {summary ? <SummaryStats summary={summary} warnings={allWarnings} retiredCount={retiredCount} /> : null}
      </Card>

      <Card className="section-card">
        {filterBar}
        <Tabs
          activeKey={tab}
          onChange={(k) => setParam('tab', k === 'list' ? undefined : k)}
          tabBarExtraContent={
            <Typography.Text type="secondary" data-testid="project-count">
              {s.count(rows.length, filtered ? (summary?.total.count ?? -1) : rows.length)}
            </Typography.Text>
          }
          items={[
            { key: 'list', label: s.tabs.list, children: table },
            { key: 'timeline', label: s.tabs.timeline, children: tab === 'timeline' ? <ProjectTimeline projects={rows} /> : null },
            {
              key: 'investment',
              label: s.tabs.investment,
              children:
                tab === 'investment' ? (
                  summary ? (
                    <div>
                      <Space className="investment-year">
                        <span>{s.charts.yearFilter}:</span>
                        <Select
                          value={year ?? 0}
                          style={{ width: 140 }}
                          onChange={(v: number) => setParam('year', v ? String(v) : undefined)}
                          data-testid="summary-year"
                          options={[{ value: 0, label: s.charts.allYears }, ...yearOptions.map((y) => ({ value: y, label: String(y) }))]}
                        />
                      </Space>
                      <InvestmentSection summary={summary} />
                    </div>
                  ) : (
                    <Typography.Text type="secondary">{s.charts.noData}</Typography.Text>
                  )
                ) : null,
            },
            {
              key: 'warnings',
              label: (
                <span data-testid="tab-warnings">
                  {s.tabs.warnings} <Badge count={allWarnings.length} color={redCount > 0 ? '#cf1322' : '#d48806'} size="small" />
                </span>
              ),
              children: tab === 'warnings' ? <WarningList warnings={sortWarnings(allWarnings)} /> : null,
            },
          ]}
        />
      </Card>

      {manage && (
        <ProjectFormDrawer
          open={adding}
          project={null}
          plan={plan}
          departments={depts.departments}
          onClose={() => setAdding(false)}
          onSaved={(p) => navigate(`/projects/${p.no}`)}
        />
      )}
      {user && (
        <ImportModal open={importing} progressOnly={!manage} onClose={() => setImporting(false)} onImported={() => setRefresh((n) => n + 1)} />
      )}
    </div>
  );
}
