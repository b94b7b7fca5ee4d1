// The head of a console page, as the monitoring, project and indicator pages draw it: a card whose title is the
// page's name, with the switch between the section's pages and the page's choices (year, region …) and actions on
// the right of the title, and the page's introduction or filters in its body. The page's other cards follow it,
// 16 px apart (.page).
import type { ReactNode } from 'react';
import { Card, Space } from 'antd';

export function PageHead({ title, nav, extra, children, testId }: { title: ReactNode; nav?: ReactNode; extra?: ReactNode; children?: ReactNode; testId?: string }) {
  return (
    <Card
      className="section-card page-head"
      data-testid={testId}
      title={title}
      extra={
        nav || extra ? (
          <Space wrap>
            {nav}
            {extra}
          </Space>
        ) : undefined
      }
      // Without an introduction or filters the card is its title bar only.
      styles={children ? undefined : { body: { display: 'none' } }}
    >
      {children}
    </Card>
  );
}
