// How a table wider than its card behaves everywhere in the console: its header stays under the console's sticky
// header and its horizontal scroll bar stays at the window's bottom while its rows are read (antd's `sticky`), so a
// column out of view is always one visible scroll bar away, not at the end of a long table.
import type { TableProps } from 'antd';

/** The console header's height (App.tsx THEME Layout.headerHeight), under which table headers stick. */
const HEADER_HEIGHT = 60;

export const STICKY: TableProps['sticky'] = { offsetHeader: HEADER_HEIGHT };
