// Project warnings as the server words them (red first): overdue, behind schedule, over budget, stalled.
import { Link } from 'react-router-dom';
import { Empty, List, Tag } from 'antd';
import { WARNING_COLOURS } from '../../echarts.js';
import { bilingual, useProjectStrings } from './strings.js';
import type { ProjectWarning } from './types.js';

export function sortWarnings(ws: ProjectWarning[]): ProjectWarning[] {
  const rank = (w: ProjectWarning) => (w.level === 'red' ? 0 : 1);
  return [...ws].sort((a, b) => rank(a) - rank(b) || a.projectNo - b.projectNo);
}

/** The server's sentence without its leading "12. 项目名称：" when the project is already named beside it. */
export function withoutProjectPrefix(text: string, no: number): string {
  const m = new RegExp(`^${no}\\. [^：:]*[：:]\\s*`).exec(text);
  return m ? text.slice(m[0].length) : text;
}

export function WarningList({ warnings, linkProjects = true, testId = 'project-warnings' }: { warnings: ProjectWarning[]; linkProjects?: boolean; testId?: string }) {
  const { s, lang } = useProjectStrings();
  if (warnings.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={s.warningsEmpty} data-testid={`${testId}-empty`} />;
  return (
    <List
      size="small"
      data-testid={testId}
      dataSource={sortWarnings(warnings)}
      renderItem={(w) => (
        <List.Item className={`project-warning project-warning-${w.level}`} data-level={w.level} style={{ borderLeft: `4px solid ${WARNING_COLOURS[w.level]}`, paddingLeft: 12 }}>
          <div>
            <Tag color={w.level === 'red' ? 'red' : 'gold'}>{s.warningLevel[w.level]}</Tag>
            <Tag>{s.warningKind[w.kind] ?? w.kind}</Tag>
            {linkProjects && (
              <Link to={`/projects/${w.projectNo}`} className="warning-project">
                {w.projectNo} {w.projectName}
              </Link>
            )}
            <div className="warning-sentence">{linkProjects ? withoutProjectPrefix(bilingual(lang, w), w.projectNo) : bilingual(lang, w)}</div>
          </div>
        </List.Item>
      )}
    />
  );
}
