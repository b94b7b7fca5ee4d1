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

/**
 * The date picker names week days and months through dayjs's locale, which the console does not load (dayjs is
 * antd's dependency, not ours): without these it would show "Su Mo …" and "Nov" in the Chinese console.
 */
function withChineseCalendar(locale: Locale): Locale {
  const picker = locale.DatePicker;
  if (!picker) return locale;
  return {
    ...locale,
    DatePicker: {
      ...picker,
      lang: {
        ...picker.lang,
        shortWeekDays: ['日', '一', '二', '三', '四', '五', '六'],
        shortMonths: Array.from({ length: 12 }, (_, i) => `${i + 1}月`),
      },
    },
  };
}

export const antdLocales: Record<Lang, Locale> = { zh: withChineseCalendar(unwrap(zhCNModule)), en: unwrap(enUSModule) };
