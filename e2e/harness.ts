// What every browser test needs: a real `ecoplan serve` on a fresh database and a free port, and Debian's
// Chromium driven by playwright-core, with a page at the console's usual size. Screenshots go to SHOTS.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { tempDir } from '../tests/helpers/planFolder.js';

export const ROOT = resolve(import.meta.dirname, '..');
export const SHOTS = join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function startServer(extraArgs: string[]): Promise<{ child: ChildProcess; port: number }> {
  const args = [join(ROOT, 'bin/ecoplan.js'), 'serve', '--port', '0', '--db', join(tempDir(), 'e2e.db'), ...extraArgs];
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
}

/** Starts the server (with `--demo` when asked) and Chromium; fails with what to install when something is missing. */
export async function openConsole(opts: { demo?: boolean } = {}): Promise<Console> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH)`);
  if (!existsSync(join(ROOT, 'dist/web/index.html'))) throw new Error('console not built: run npm run build');
  mkdirSync(SHOTS, { recursive: true });
  const { child, port } = await startServer(opts.demo ? ['--demo'] : []);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  return {
    base: `http://127.0.0.1:${port}`,
    browser,
    page,
    async close() {
      await browser.close();
      child.kill('SIGTERM');
    },
  };
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
