// What every browser test needs: a real `ecoplan serve` on a fresh database and a free port, and Debian's
// Chromium driven by playwright-core, with a page at the console's usual size. Screenshots go to SHOTS.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect, onTestFailed } from 'vitest';
import { tempDir } from '../tests/helpers/planFolder.js';

export const ROOT = resolve(import.meta.dirname, '..');
// Screenshots, for people to look at: test-results/ (ignored by git, read by no build and no test), or where
// ECOPLAN_SHOTS says. They are the only thing the test suite writes into the checkout (tests/helpers/checkout-guard.ts).
export const SHOTS = process.env.ECOPLAN_SHOTS ?? join(ROOT, 'test-results');
// Commands and servers run in a temp dir, so nothing they write by default lands in the checkout.
const CWD = tempDir('ecoplan-e2e-cwd-');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The session cookie's name (src/server/auth.ts).
const SESSION_COOKIE = 'ecoplan_session';

/**
 * When the running test fails, what the user saw and what went wrong on the page: a screenshot under SHOTS/failed/
 * and, on stderr, the page's address, its script errors and the requests answered 4xx/5xx or never answered.
 * A failure under load is often not reproducible; this is what explains it afterwards.
 */
function watchForFailure(page: Page) {
  const trouble: string[] = [];
  page.on('pageerror', (e) => trouble.push(`script error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') trouble.push(`console error: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) trouble.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => trouble.push(`failed ${r.method()} ${r.url()}: ${r.failure()?.errorText ?? ''}`));
  try {
    onTestFailed(async ({ task }) => {
      if (page.isClosed()) return;
      const name = task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
      mkdirSync(join(SHOTS, 'failed'), { recursive: true });
      await page.screenshot({ path: join(SHOTS, 'failed', `${name}.png`), fullPage: true, timeout: 10_000 }).catch(() => {});
      console.error(`[failed: ${task.name}] page ${page.url()}\n${trouble.map((t) => `  ${t}`).join('\n') || '  (no script error, no failed request)'}`);
    });
  } catch {
    // newPage called outside a test (beforeAll): nothing to attach to.
  }
}

/** Runs the ecoplan command to completion; rejects with its output when it fails. */
export function ecoplan(args: string[]): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/ecoplan.js'), ...args], { cwd: CWD, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? ok(out) : fail(new Error(`ecoplan ${args.join(' ')} exited with ${code}: ${out}`))));
  });
}

function startServer(db: string, extraArgs: string[]): Promise<{ child: ChildProcess; port: number }> {
  const args = [join(ROOT, 'bin/ecoplan.js'), 'serve', '--port', '0', '--db', db, ...extraArgs];
  const child = spawn(process.execPath, args, { cwd: CWD, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
  return new Promise((ok, fail) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) ok({ child, port: Number(m[1]) });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => fail(new Error(`ecoplan serve exited with ${code}: ${err}`)));
  });
}

export interface Console {
  base: string;
  browser: Browser;
  /** The page of the running test: each test gets its own browser context (cookies, storage) from newPage. */
  readonly page: Page;
  /**
   * A fresh browser context and page for a test (the previous test's context is closed), at the console's usual
   * size and in Chinese; signed in as `as` when given, through the API, so the test does not depend on an earlier
   * test's sign-in. Call it in beforeEach, or again in a test that needs another user. `viewport` and `lang` (the
   * console's language, as its switch stores it) for a test of another window size or of the English view.
   */
  /**
   * A page in a fresh browser context. `motion` (default 'reduce'): the system's reduce-motion setting, which the
   * console follows by turning antd's animations off — so a click never lands on a dialog still zooming in on a
   * loaded machine; 'no-preference' for a test of the animated console.
   */
  newPage(opts?: { as?: string; viewport?: { width: number; height: number }; lang?: 'zh' | 'en'; motion?: 'reduce' | 'no-preference' }): Promise<Page>;
  close(): Promise<void>;
  /** A JSON answer of the API, asked as a visitor (no session); the status must be 200. */
  getJson<T>(path: string): Promise<T>;
  /** The same in the page's session: page.request shares the browser context's cookies (the signed-in user). */
  sessionJson<T>(path: string): Promise<T>;
  /**
   * A call of the API as a demo user, outside the browser: how a test sets up its own data before it starts
   * (e.g. a round opened, a value submitted). A FormData body is sent as multipart. The status must be 2xx;
   * answers the JSON body.
   */
  call<T>(user: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

/**
 * Starts the server (with `--demo` when asked, see below; on `db` when given, else on a fresh database) and Chromium,
 * one of each per test file; fails with what to install when something is missing.
 */
export async function openConsole(opts: { demo?: boolean | 'full'; db?: string } = {}): Promise<Console> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH)`);
  if (!existsSync(join(ROOT, 'dist/web/index.html'))) throw new Error('console not built: run npm run build');
  mkdirSync(SHOTS, { recursive: true });
  // `demo: true` is the example dataset only (fast to start); 'full' is what a user gets from `serve --demo`,
  // with a year of monitoring data and an open 2025 round.
  const { child, port } = await startServer(opts.db ?? join(tempDir(), 'e2e.db'), opts.demo === 'full' ? ['--demo'] : opts.demo ? ['--demo', '--no-demo-extras'] : []);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const base = `http://127.0.0.1:${port}`;
  // One API session per demo user and test file: sign-in is limited to 10 a minute per address (a real limit of
  // the server, kept in tests), so contexts get a copy of the user's session cookie instead of signing in anew.
  // A session that a test ended (signing out) is noticed by /auth/me and replaced.
  const sessions = new Map<string, { token: string; csrf: string }>();
  const cookieOf = (token: string) => `${SESSION_COOKIE}=${token}`;
  async function session(user: string): Promise<{ token: string; csrf: string }> {
    const known = sessions.get(user);
    if (known && (await fetch(`${base}/api/v1/auth/me`, { headers: { cookie: cookieOf(known.token) } })).status === 200) return known;
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user, password: DEMO_PASSWORD }),
    });
    const body = (await res.json()) as { csrfToken?: string };
    expect(res.status, `sign-in of ${user}: ${JSON.stringify(body)}`).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    const fresh = { token: cookie!.slice(SESSION_COOKIE.length + 1).split(';')[0]!, csrf: body.csrfToken! };
    sessions.set(user, fresh);
    return fresh;
  }
  let context: BrowserContext | null = null;
  let current: Page | null = null;
  const pageNow = () => {
    if (!current) throw new Error('no page yet: call ui.newPage() (in beforeEach)');
    return current;
  };
  return {
    base,
    browser,
    get page() {
      return pageNow();
    },
    async newPage(o: { as?: string; viewport?: { width: number; height: number }; lang?: 'zh' | 'en'; motion?: 'reduce' | 'no-preference' } = {}) {
      await context?.close();
      context = await browser.newContext({ viewport: o.viewport ?? { width: 1440, height: 1000 }, locale: o.lang === 'en' ? 'en-US' : 'zh-CN', reducedMotion: o.motion ?? 'reduce' });
      // The language switch's stored choice (web/src/i18n.ts, LANG_STORAGE_KEY), set before the console's script runs.
      if (o.lang) await context.addInitScript((lang: string) => localStorage.setItem('ecoplan.lang', lang), o.lang);
      if (o.as) {
        const { token } = await session(o.as);
        await context.addCookies([{ name: SESSION_COOKIE, value: token, url: base, httpOnly: true, sameSite: 'Lax' }]);
      }
      current = await context.newPage();
      watchForFailure(current);
      return current;
    },
    async close() {
      await browser.close();
      child.kill('SIGTERM');
    },
    async getJson<T>(path: string) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      return (await res.json()) as T;
    },
    async sessionJson<T>(path: string) {
      const res = await pageNow().request.get(`${base}${path}`);
      expect(res.status(), path).toBe(200);
      return (await res.json()) as T;
    },
    async call<T>(user: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) {
      const { token, csrf } = await session(user);
      // A FormData body (a file upload) is sent as multipart, with the boundary fetch chooses.
      const json = body !== undefined && !(body instanceof FormData);
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { cookie: cookieOf(token), 'x-csrf-token': csrf, ...(json ? { 'content-type': 'application/json' } : {}) },
        body: body === undefined ? undefined : json ? JSON.stringify(body) : (body as FormData),
      });
      const text = await res.text();
      expect(res.status, `${method} ${path} as ${user}: ${text}`).toBeLessThan(300);
      return (text ? JSON.parse(text) : null) as T;
    },
  };
}

/**
 * A screenshot under SHOTS, taken from the top so the sticky header is drawn once. `waitToasts`: first wait for
 * antd's messages to go; `pointerAway` (default): first move the mouse off whatever it hovers.
 */
export async function shot(page: Page, name: string, opts: { fullPage?: boolean; waitToasts?: boolean; pointerAway?: boolean } = {}) {
  await page.evaluate(() => window.scrollTo(0, 0));
  if (opts.waitToasts) await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
  if (opts.pointerAway ?? true) await page.mouse.move(0, 0);
  await page.screenshot({ path: join(SHOTS, name), fullPage: opts.fullPage ?? true });
}

/** How many opaque pixels of a chart's canvases (ECharts draws large series on a layer of their own) have about this colour. */
export async function pixelsOf(chart: Locator, hex: string): Promise<number> {
  const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return chart.evaluate((div: HTMLElement, want: number[]) => {
    let n = 0;
    for (const c of div.querySelectorAll('canvas')) {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      for (let i = 0; i < data.length; i += 4)
        if (data[i + 3] === 255 && Math.abs(data[i]! - want[0]!) + Math.abs(data[i + 1]! - want[1]!) + Math.abs(data[i + 2]! - want[2]!) < 12) n += 1;
    }
    return n;
  }, rgb);
}

/** How many distinct colours a chart's first canvas shows: more than a few means it has drawn something. */
export function canvasColours(chart: Locator): Promise<number> {
  return chart
    .locator('canvas')
    .first()
    .evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      const seen = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 97) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      return seen.size;
    });
}

/**
 * An antd dropdown that is open and has finished its opening motion (no `-enter`/`-leave` classes): the state in
 * which a user picks an option. Clicking an option while the list still moves could miss it on a loaded machine.
 */
export const OPEN_DROPDOWN = '.ant-select-dropdown:visible:not([class*="-enter"]):not([class*="-leave"])';

/** The demo accounts' password (`ecoplan serve --demo`). */
export const DEMO_PASSWORD = 'ecoplan-demo-2024';

/** Ceiling for a whole report written on demand (Word or HTML) on a busy machine; the wait itself is on the answer. */
export const REPORT_WAIT = 150_000;

/** Signs in through the header's 登录 button and waits to be back where the user was. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  const from = new URL(page.url()).pathname;
  await page.getByTestId('login-button').click();
  await page.getByTestId('login-form').waitFor();
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
  expect(new URL(page.url()).pathname).toBe(from);
}

/**
 * Signs out through the header's menu and waits for the 登录 button. Says which step failed: the menu item's click
 * sent no request, the server did not answer (a loaded machine: up to 60 s), it refused, or the page did not follow.
 * With both cores busy a click can land on the menu while it is still opening or already closing (the item is then
 * not under the pointer): as a user would, open the menu and click again, up to three times.
 */
export async function signOut(page: Page) {
  const isLogout = (r: { method(): string; url(): string }) => r.method() === 'POST' && r.url().endsWith('/api/v1/auth/logout');
  const answer = page.waitForResponse((r) => isLogout(r.request()), { timeout: 90_000 });
  answer.catch(() => {}); // awaited below; a failed attempt must not leave an unhandled rejection
  let sent = false;
  const onRequest = (r: { method(): string; url(): string }) => {
    if (isLogout(r)) sent = true;
  };
  page.on('request', onRequest);
  try {
    for (let attempt = 1; attempt <= 3 && !sent; attempt++) {
      if (!(await page.getByTestId('menu-logout').isVisible())) await page.getByTestId('user-menu').click();
      if (sent) break; // a late request from the attempt before
      await page.getByTestId('menu-logout').click();
      await expect.poll(() => sent, { timeout: 10_000 }).toBe(true).catch(() => {});
    }
  } finally {
    page.off('request', onRequest);
  }
  if (!sent) throw new Error('sign-out: three clicks on 退出登录 sent no POST /auth/logout (10 s each)');
  const res = await answer.catch(() => {
    throw new Error('sign-out: POST /auth/logout had no answer within 90 s');
  });
  expect(res.status(), `POST /auth/logout: ${await res.text().catch(() => '')}`).toBe(200);
  await page.getByTestId('login-button').waitFor();
}
