// The key projects in a reporting round: a reporter sees the projects their department may report and whether this
// year's progress is in; a reviewer sees how many projects have reported. Progress itself is entered on the
// project's page (PUT /projects/{no}/progress/{year}); this card only asks the library and links there.
import { Link } from 'react-router-dom';
import { Card, Progress, Table, Tag } from 'antd';
import type { Department, User } from '../../types.js';
import { useApi } from '../../useApi.js';
import { projectsApi } from './api.js';
import { mayReport, StatusTag } from './bits.js';
import { useProjectStrings } from './strings.js';
import type { LibraryProject } from './types.js';

const TEXT = {
  zh: {
    mine: (year: number) => `本单位的重点工程项目（${year}年进展）`,
    all: (year: number) => `重点工程项目进展填报（${year}年）`,
    none: '本单位没有需要填报进展的重点工程项目。',
    reported: '已填报',
    missing: '未填报',
    thisYear: '本年度',
    latest: '最近一次填报',
    open: '填报或查看',
    count: (done: number, total: number) => `${done} / ${total} 个项目已填报`,
    hint: '项目进展在项目页面填报（“填报年度进展”），与指标任务分开、按版本记录。',
  },
  en: {
    mine: (year: number) => `Your department's key projects (progress ${year})`,
    all: (year: number) => `Key project progress reports (${year})`,
    none: 'Your department has no key project to report.',
    reported: 'reported',
    missing: 'not reported',
    thisYear: 'This year',
    latest: 'Latest report',
    open: 'Report or view',
    count: (done: number, total: number) => `${done} / ${total} projects reported`,
    hint: 'Project progress is reported on the project page ("Report progress"), versioned apart from the indicator tasks.',
  },
};

export function RoundProjectsCard({ year, user, departments }: { year: number; user: User; departments: Department[] }) {
  const { lang } = useProjectStrings();
  const x = TEXT[lang];
  const state = useApi(`round-projects:${year}`, () => projectsApi.library());
  const manager = user.role === 'admin' || user.role === 'reviewer';
  const all = (state.data?.projects ?? []).filter((p) => !p.retired && p.startYear <= year && year <= p.endYear);
  const mine = manager || user.role === 'viewer' ? all : all.filter((p) => mayReport(user, p, departments));
  const done = mine.filter((p) => p.latest?.year === year).length;
  const name = (p: LibraryProject) => (lang === 'en' && p.nameEn ? p.nameEn : p.name);
  return (
    <Card
      className="section-card"
      data-testid="round-projects"
      title={user.role === 'reporter' ? x.mine(year) : x.all(year)}
      extra={mine.length > 0 && <span data-testid="round-projects-count">{x.count(done, mine.length)}</span>}
      loading={!state.data && !state.error}
    >
      {mine.length > 0 && <Progress percent={Math.round((done * 100) / mine.length)} size="small" />}
      {mine.length === 0 && state.data ? (
        <p data-testid="round-projects-none">{x.none}</p>
      ) : (
        <Table<LibraryProject>
          size="small"
          rowKey="no"
          pagination={mine.length > 10 ? { pageSize: 10 } : false}
          dataSource={mine}
          columns={[
            { title: '#', dataIndex: 'no', width: 56 },
            { title: lang === 'en' ? 'Project' : '项目', render: (_, p) => name(p) },
            {
              title: x.thisYear,
              width: 110,
              render: (_, p) => (p.latest?.year === year ? <Tag color="green">{x.reported}</Tag> : <Tag color="orange">{x.missing}</Tag>),
            },
            { title: x.latest, width: 160, render: (_, p) => (p.latest ? <span>{p.latest.year} · <StatusTag status={p.latest.status} /></span> : '—') },
            { title: '', width: 120, render: (_, p) => <Link to={`/projects/${p.no}`} data-testid={`round-project-${p.no}`}>{x.open}</Link> },
          ]}
        />
      )}
      <p className="secondary-text">{x.hint}</p>
    </Card>
  );
}
