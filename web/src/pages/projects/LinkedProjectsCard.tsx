// On an indicator's page: the key projects meant to move it (the other side of a project's linked indicators).
import { Link } from 'react-router-dom';
import { Card, Empty, Tag } from 'antd';
import { nameOf } from '../../i18n.js';
import { useApi } from '../../useApi.js';
import { linkedProjects } from './api.js';
import { useProjectStrings } from './strings.js';
import './projects.css';

export function LinkedProjectsCard({ code }: { code: number }) {
  const { s, lang } = useProjectStrings();
  const state = useApi(`indicator-projects:${code}`, () => linkedProjects(code));
  // A failure here must not spoil the indicator page: the card just stays empty.
  const projects = state.data ?? [];
  return (
    <Card className="section-card" title={s.indicatorCard.title} data-testid="indicator-projects" loading={state.loading}>
      {projects.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={s.indicatorCard.empty} />
      ) : (
        <ul className="project-link-list">
          {projects.map((p) => (
            <li key={p.no} data-testid={`indicator-project-${p.no}`}>
              <Tag color="blue">{s.detail.title(p.no)}</Tag>
              <Link to={`/projects/${p.no}`}>{nameOf(lang, p)}</Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
