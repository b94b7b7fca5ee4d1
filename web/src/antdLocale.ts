import type { Locale } from 'antd/es/locale/index.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import enUSModule from 'antd/es/locale/en_US.js';
import type { Lang } from './i18n.js';

// TypeScript (NodeNext) reads antd's es/ files as CommonJS and types their default import as the module
// namespace, whereas Vite hands over the ES default export itself. Accept both shapes.
function unwrap(m: unknown): Locale {
  const x = m as Locale | { default: Locale };
  return 'default' in x ? x.default : x;
}

export const antdLocales: Record<Lang, Locale> = { zh: unwrap(zhCNModule), en: unwrap(enUSModule) };
