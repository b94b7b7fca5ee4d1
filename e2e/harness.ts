// What every browser test needs: a real `ecoplan serve` on a fresh database and a free port, and Debian's
// Chromium driven by playwright-core, with a page at the console's usual size. Screenshots go to SHOTS.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { tempDir } from '../tests/helpers/planFolder.js';

export const ROOT = resolve(import.meta.dirname, '..');
export const SHOTS = join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Runs the ecoplan command to completion; rejects with its output when it fails. */
export function ecoplan(args: string[]): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/ecoplan.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? ok(out) : fail(new Error(`ecoplan ${args.join(' ')} exited with ${code}: ${out}`))));
  });
}

function startServer(db: string, extraArgs: string[]): Promise<{ child: ChildProcess; port: number }> {
  const args = [join(ROOT, 'bin/ecoplan.js'), 'serve', '--port', '0', '--db', db, ...extraArgs];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
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
  page: Page;
  close(): Promise<void>;
  /** A JSON answer of the API, asked as a visitor (no session); the status must be 200. */
  getJson<T>(path: string): Promise<T>;
  /** The same in the page's session: page.request shares the browser context's cookies (the signed-in user). */
  sessionJson<T>(path: string): Promise<T>;
}

/**
 * Starts the server (with `--demo` when asked, see below; on `db` when given, else on a fresh database) and Chromium; fails
 * with what to install when something is missing.
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
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    browser,
    page,
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
      const res = await page.request.get(`${base}${path}`);
      expect(res.status(), path).toBe(200);
      return (await res.json()) as T;
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

/** The demo accounts' password (`ecoplan serve --demo`). */
export const DEMO_PASSWORD = 'ecoplan-demo-2024';

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

export async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-logout').click();
  await page.getByTestId('login-button').waitFor();
}
