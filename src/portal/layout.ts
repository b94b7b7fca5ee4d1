// The public portal's page frame: one function renders every page (the public survey's pages use it too), with
// the landmarks, skip link, navigation, language and large-text switches, all as plain links so that the site works
// without JavaScript and as static files (every link is relative to the page's own path).
//
// Addresses: a page has a route ("index.html", "indicators/7.html") and a variant: Chinese at the root, English
// under en/, the large-text mode (适老化) under large/ and large/en/. A variant is a path, not a cookie or a script,
// so it works in the static export and survives every link the visitor follows.
import type { SubRegionTerm } from '../plan/views.js';

export type PortalLang = 'zh' | 'en';

export interface PortalVariant {
  lang: PortalLang;
  large: boolean;
}

export const VARIANTS: readonly PortalVariant[] = [
  { lang: 'zh', large: false },
  { lang: 'en', large: false },
  { lang: 'zh', large: true },
  { lang: 'en', large: true },
];

/** The path prefix of a variant: "", "en/", "large/", "large/en/". */
export function variantPrefix(v: PortalVariant): string {
  return `${v.large ? 'large/' : ''}${v.lang === 'en' ? 'en/' : ''}`;
}

/** The variant and route of a page path ("large/en/indicators/7.html" → large English, "indicators/7.html"). */
export function parsePagePath(path: string): { variant: PortalVariant; route: string } {
  let rest = path;
  let large = false;
  if (rest.startsWith('large/')) {
    large = true;
    rest = rest.slice('large/'.length);
  }
  let lang: PortalLang = 'zh';
  if (rest.startsWith('en/')) {
    lang = 'en';
    rest = rest.slice('en/'.length);
  }
  return { variant: { lang, large }, route: rest };
}

/** Escapes text for HTML content and attribute values. */
export function esc(s: string | number): string {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Where a page is: builds relative links from it to any path of the site. */
export class PageContext {
  readonly lang: PortalLang;
  readonly large: boolean;
  readonly route: string;
  readonly path: string;
  private readonly up: string;

  /**
   * `absolute`: links from the site's root ("/…") rather than relative ones, for pages only the server answers (the
   * survey, whose preview is also shown under /api/…, where a relative link would miss).
   */
  constructor(variant: PortalVariant, route: string, absolute = false) {
    this.lang = variant.lang;
    this.large = variant.large;
    this.route = route;
    this.path = variantPrefix(variant) + route;
    this.up = absolute ? '/' : '../'.repeat(this.path.split('/').length - 1);
  }

  /** A link to a file at the root of the site (data files, assets, documents): the same for every variant. */
  root(path: string): string {
    return this.up + path;
  }

  /** A link to another page in this page's variant (language and text size kept). */
  page(route: string): string {
    return this.up + variantPrefix(this) + route;
  }

  /** A link to this page in another variant. */
  variant(v: PortalVariant): string {
    return this.up + variantPrefix(v) + this.route;
  }

  /** Chinese or English text by the page's language. */
  t(zh: string, en: string): string {
    return this.lang === 'zh' ? zh : en;
  }
}

export interface PortalPageOptions {
  ctx: PageContext;
  /** The page's own title (the site's name is appended). */
  title: string;
  /** The main content, HTML. */
  body: string;
  /** Which navigation entry is current: a route such as "index.html", or "survey". */
  current?: string;
  /** Site name and data line shown in the header and footer. */
  site: { name: string; nameEn: string; footer: string; subRegions?: SubRegionTerm };
  description?: string;
}

export interface NavEntry {
  route: string;
  zh: string;
  en: string;
  /** Outside the generated site (the survey, served by the server only). */
  external?: boolean;
}

/**
 * The main navigation. The survey is served by the server at /survey/ and its variants (/en/survey/, …), not
 * exported: a static copy links to it for a host that forwards /survey/ to the server.
 */
export const NAV: readonly NavEntry[] = [
  { route: 'index.html', zh: '首页', en: 'Home' },
  { route: 'indicators.html', zh: '指标', en: 'Indicators' },
  // Named by the plan: a city's 县（市、区）, a county's 乡镇（街道） (site.subRegions).
  { route: 'counties.html', zh: '县（市、区）', en: 'Counties' },
  { route: 'open-data.html', zh: '数据开放', en: 'Open data' },
  { route: 'documents.html', zh: '信息公开文件', en: 'Documents' },
  { route: 'methods.html', zh: '评估方法', en: 'Methods' },
  { route: 'survey/', zh: '公众调查', en: 'Survey', external: true },
];

/**
 * The whole HTML page: skip link, header with the site name and switches, navigation, main, footer. The survey
 * pages call it with their own body and `current: 'survey'`.
 */
export function renderPortalPage(o: PortalPageOptions): string {
  const { ctx } = o;
  const other: PortalVariant = { lang: ctx.lang === 'zh' ? 'en' : 'zh', large: ctx.large };
  const size: PortalVariant = { lang: ctx.lang, large: !ctx.large };
  const siteName = ctx.t(o.site.name, o.site.nameEn);
  const nav = NAV.map((n) => {
    const href = ctx.page(n.route);
    const here = o.current === n.route || (n.external && o.current === 'survey');
    const label = n.route === 'counties.html' && o.site.subRegions ? ctx.t(o.site.subRegions.zh, o.site.subRegions.enPlural) : ctx.t(n.zh, n.en);
    return `<li><a href="${esc(href)}"${here ? ' aria-current="page"' : ''}>${esc(label)}</a></li>`;
  }).join('');
  return `<!doctype html>
<html lang="${ctx.lang === 'zh' ? 'zh-CN' : 'en'}"${ctx.large ? ' class="large"' : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)} · ${esc(siteName)}</title>
${o.description ? `<meta name="description" content="${esc(o.description)}">` : ''}
<link rel="stylesheet" href="${esc(ctx.root('assets/portal.css'))}">
<link rel="icon" href="${esc(ctx.root('assets/icon.svg'))}" type="image/svg+xml">
<link rel="alternate" hreflang="${other.lang === 'zh' ? 'zh-CN' : 'en'}" href="${esc(ctx.variant(other))}">
</head>
<body>
<a class="skip" href="#main">${esc(ctx.t('跳到主要内容', 'Skip to main content'))}</a>
<header class="site-header">
<div class="wrap header-row">
<a class="site-name" href="${esc(ctx.page('index.html'))}">${esc(siteName)}</a>
<ul class="switches" aria-label="${esc(ctx.t('显示设置', 'Display settings'))}">
<li><a href="${esc(ctx.variant(other))}" lang="${other.lang === 'zh' ? 'zh-CN' : 'en'}" hreflang="${other.lang === 'zh' ? 'zh-CN' : 'en'}">${other.lang === 'zh' ? '中文' : 'English'}</a></li>
<li><a href="${esc(ctx.variant(size))}">${esc(ctx.large ? ctx.t('标准字号', 'Standard text') : ctx.t('大字版（适老化）', 'Large text'))}</a></li>
</ul>
</div>
<nav class="wrap" aria-label="${esc(ctx.t('主导航', 'Main'))}"><ul class="nav">${nav}</ul></nav>
</header>
<main id="main" tabindex="-1" class="wrap">
${o.body}
</main>
<footer class="site-footer"><div class="wrap">${o.site.footer}</div></footer>
</body>
</html>
`;
}
