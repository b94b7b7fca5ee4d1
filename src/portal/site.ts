// The whole portal as a set of files keyed by their path in the site: the server answers from it (one site per data
// version, each file made on first request and kept) and `ecoplan portal export` writes every file of it to disk.
// One source of truth for both, so the static copy and the live site cannot drift apart.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { PORTAL_CSS, PORTAL_ICON } from './assets.js';
import { PageContext, parsePagePath, VARIANTS, variantPrefix } from './layout.js';
import type { PortalModel } from './model.js';
import { openDataFiles } from './openData.js';
import type { XlsxWriter } from './xlsx.js';
import { aboutPage, countiesPage, documentsPage, homePage, indicatorPage, indicatorsPage, methodsPage, openDataPage } from './pages.js';

export interface SiteFile {
  path: string;
  contentType: string;
  body: Buffer;
  etag: string;
  /** Made on first use (the server's clients that accept gzip). */
  gzip(): Buffer;
  /** Served as a download (data files, documents) rather than shown. */
  download: boolean;
}

const HTML = 'text/html; charset=utf-8';

type Maker = { contentType: string; download: boolean; make: () => string | Buffer | Promise<Buffer> };

export class PortalSite {
  private readonly makers = new Map<string, Maker>();
  private readonly made = new Map<string, Promise<SiteFile>>();

  /** `xlsx` writes the open-data workbooks (the server passes its worker pool; by default this thread). */
  constructor(readonly model: PortalModel, opts: { xlsx?: XlsxWriter } = {}) {
    const m = model;
    const pages: [string, (ctx: PageContext) => string][] = [
      ['index.html', (ctx) => homePage(m, ctx)],
      ['indicators.html', (ctx) => indicatorsPage(m, ctx)],
      ['counties.html', (ctx) => countiesPage(m, ctx)],
      ['open-data.html', (ctx) => openDataPage(m, ctx)],
      ['documents.html', (ctx) => documentsPage(m, ctx)],
      ['methods.html', (ctx) => methodsPage(m, ctx)],
      ['about.html', (ctx) => aboutPage(m, ctx)],
      ...m.plan.indicators.map((ind): [string, (ctx: PageContext) => string] => [`indicators/${ind.code}.html`, (ctx) => indicatorPage(m, ctx, ind)]),
    ];
    for (const v of VARIANTS)
      for (const [route, render] of pages) this.makers.set(variantPrefix(v) + route, { contentType: HTML, download: false, make: () => render(new PageContext(v, route)) });
    this.makers.set('assets/portal.css', { contentType: 'text/css; charset=utf-8', download: false, make: () => PORTAL_CSS });
    this.makers.set('assets/icon.svg', { contentType: 'image/svg+xml', download: false, make: () => PORTAL_ICON });
    for (const f of openDataFiles(m, async (path) => (await this.file(path)!).body, opts.xlsx)) this.makers.set(f.path, { contentType: f.contentType, download: true, make: f.make });
    for (const d of m.documents) this.makers.set(d.sitePath, { contentType: d.contentType, download: true, make: () => d.body });
  }

  /** Every path of the site, pages first. */
  paths(): string[] {
    return [...this.makers.keys()];
  }

  has(path: string): boolean {
    return this.makers.has(path);
  }

  /** The file at a path of the site, or null; made once. */
  file(path: string): Promise<SiteFile> | null {
    const maker = this.makers.get(path);
    if (!maker) return null;
    let f = this.made.get(path);
    if (!f) {
      f = (async () => {
        const raw = await maker.make();
        const body = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
        let gz: Buffer | undefined;
        return {
          path,
          contentType: maker.contentType,
          body,
          download: maker.download,
          etag: `"p-${createHash('sha1').update(path).update(body).digest('hex').slice(0, 20)}"`,
          gzip: () => (gz ??= gzipSync(body, { level: 6 })),
        };
      })();
      f.catch(() => this.made.delete(path));
      this.made.set(path, f);
    }
    return f;
  }
}

/**
 * The site path a request URL names: "/" → index.html, "/en/" → en/index.html; null for anything that is not a
 * plain relative path (no "..", no empty segments, no backslashes).
 */
export function sitePathOf(url: string): string | null {
  let p = url.split('?')[0]!.split('#')[0]!;
  try {
    p = decodeURIComponent(p);
  } catch {
    return null;
  }
  if (!p.startsWith('/') || p.includes('\\') || p.includes('\0')) return null;
  p = p.slice(1);
  if (p === '' || p.endsWith('/')) p += 'index.html';
  if (p.split('/').some((s) => s === '' || s === '.' || s === '..')) return null;
  return p;
}

export { parsePagePath };
