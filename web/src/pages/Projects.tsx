import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Card, Segmented, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../api.js';
import { requestState } from '../components/Status.js';
import { PALETTE } from '../echarts.js';
import { buildLookups, departmentNames, regionName, type Lookups } from '../format.js';
import { nameOf, useI18n, type Lang } from '../i18n.js';
import type { Project } from '../types.js';
import { useApi } from '../useApi.js';
import { isInteractive } from '../navigation.js';

function loadAll() {
  return Promise.all([api.plan(), api.projects(), api.departments()]).then(([plan, list, depts]) => ({ plan, list, depts }));
}

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

export function Projects() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = useApi('projects-page', loadAll);
  const data = state.data;
  const category = params.get('category') ?? '';

  const lookups = useMemo(() => buildLookups(data?.plan, data?.depts.departments), [data]);
  const rows = useMemo(
    () => (data ? data.list.projects.filter((p) => !category || p.categoryId === category) : []),
    [data, category],
  );

  const pending = requestState(state);
  if (pending || !data) return pending;

  const { list, plan } = data;
  const subtotal = list.categoryTotals.find((c) => c.categoryId === category);
  const categoryIndex = new Map(plan.categories.map((c, i) => [c.id, i]));

  const columns: TableColumnsType<Project> = [
    { title: t.project.no, dataIndex: 'no', width: 56, align: 'center' },
    {
      title: t.project.category,
      key: 'category',
      width: 150,
      render: (_, p) => (
        <span>
          <span className="legend-dot" style={{ background: PALETTE[(categoryIndex.get(p.categoryId) ?? 0) % PALETTE.length] }} />
          {categoryLabel(lang, p, lookups)}
        </span>
      ),
    },
    {
      title: t.project.name,
      key: 'name',
      width: 220,
      render: (_, p) => (
        <div>
          <Link to={`/projects/${p.no}`} className="project-link">
            {nameOf(lang, p)}
          </Link>
          {p.subcategory && (
            <div>
              <Tag className="subcategory-tag">{p.subcategory}</Tag>
            </div>
          )}
        </div>
      ),
    },
    {
      title: t.project.content,
      dataIndex: 'content',
      render: (content: string) => (
        <Typography.Paragraph
          className="project-content"
          ellipsis={{ rows: 2, expandable: 'collapsible', symbol: (expanded: boolean) => (expanded ? t.project.collapse : t.project.expand) }}
        >
          {content}
        </Typography.Paragraph>
      ),
    },
    { title: t.project.investment, dataIndex: 'investmentText', width: 100, align: 'right', className: 'num-cell' },
    {
      title: t.project.leads,
      key: 'leads',
      width: 170,
      render: (_, p) => (
        <div className="dept-list">
          {departmentNames(lang, p.leads, p.leadIds, lookups).map((name) => (
            <div key={name}>{name}</div>
          ))}
        </div>
      ),
    },
    { title: t.project.period, key: 'period', width: 96, align: 'center', render: (_, p) => t.project.periodValue(p.startYear, p.endYear) },
  ];

  return (
    <div className="page" data-testid="projects-page">
      <Card
        title={t.project.title}
        className="section-card"
        extra={
          <Typography.Text type="secondary" data-testid="project-count">
            {t.project.count(rows.length, list.projects.length)}
          </Typography.Text>
        }
      >
        <div className="filter-bar">
          <Segmented<string>
            data-testid="filter-category"
            value={category}
            onChange={(v) => {
              const next = new URLSearchParams(params);
              if (v) next.set('category', v);
              else next.delete('category');
              setParams(next);
            }}
            options={[
              { value: '', label: t.project.filterCategory },
              ...plan.categories.map((c) => ({ value: c.id, label: nameOf(lang, c) })),
            ]}
          />
        </div>
        <div data-testid="project-table">
          <Table<Project>
            rowKey="no"
            size="middle"
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 1140 }}
            rowClassName="clickable-row"
            onRow={(p) => ({
              onClick: (e) => {
                if (!isInteractive(e.target)) navigate(`/projects/${p.no}`);
              },
            })}
            expandable={{
              rowExpandable: (p) => p.subItems.length > 0,
              expandedRowRender: (p) => <SubItems project={p} lookups={lookups} />,
            }}
            summary={() => (
              <Table.Summary>
                {subtotal && (
                  <Table.Summary.Row className="summary-row" data-testid="project-subtotal">
                    <Table.Summary.Cell index={0} colSpan={5}>
                      {t.project.subtotalLine(nameOf(lang, { name: subtotal.category, nameEn: subtotal.categoryEn }), subtotal.count, subtotal.shareText)}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={5} align="right">
                      <span data-testid="project-subtotal-investment">{subtotal.investmentText}</span>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={6} colSpan={2} />
                  </Table.Summary.Row>
                )}
                <Table.Summary.Row className="summary-row" data-testid="project-total">
                  <Table.Summary.Cell index={0} colSpan={5}>
                    {t.project.totalLine(list.total.count)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">
                    <span data-testid="project-total-investment">{list.total.investmentText}</span>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={6} colSpan={2} />
                </Table.Summary.Row>
              </Table.Summary>
            )}
          />
        </div>
      </Card>
    </div>
  );
}
