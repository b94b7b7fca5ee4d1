// Issue 14, finding 2: every page the server sends carries a Content-Security-Policy that forbids inline script —
// the console, the API documentation, the printable report (which may load nothing at all) — and the API's answers
// are never sniffed into something else.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { tempDir } from './helpers/planFolder.js';
import { seededDatabase } from './helpers/store.js';

let store: Awaited<ReturnType<typeof seededDatabase>>;
let app: FastifyInstance;

beforeAll(async () => {
  store = await seededDatabase();
  const webDir = join(tempDir(), 'web');
  mkdirSync(webDir, { recursive: true });
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>console</title><script type="module" src="/admin/assets/x.js"></script>');
  app = await buildApp({ db: store.db, webDir });
});
afterAll(async () => {
  await app.close();
  await store.db.destroy();
});

/** The policy's directives by name. */
function directives(header: unknown): Map<string, string[]> {
  expect(typeof header, 'content-security-policy header').toBe('string');
  return new Map(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

/** A policy forbids inline script when scripts (or, lacking script-src, everything) come from no inline source. */
function forbidsInlineScript(header: unknown) {
  const d = directives(header);
  const scripts = d.get('script-src') ?? d.get('default-src');
  expect(scripts, 'script-src or default-src').toBeDefined();
  for (const bad of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:']) expect(scripts).not.toContain(bad);
  return d;
}

describe('Content-Security-Policy', () => {
  it('the console page and its client-side routes forbid inline script and foreign scripts', async () => {
    for (const url of ['/admin/', '/admin/projects?tab=timeline', '/admin/indicators/7']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      const d = forbidsInlineScript(res.headers['content-security-policy']);
      expect(d.get('script-src')).toEqual(["'self'"]);
      expect(d.get('object-src')).toEqual(["'none'"]);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('the API documentation (swagger-ui) forbids inline script too, and its page loads only scripts of this server', async () => {
    const res = await app.inject({ url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    forbidsInlineScript(res.headers['content-security-policy']);
    // swagger-ui's page must not depend on an inline script, or the policy would break it.
    const inline = [...res.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/\bsrc=/.test(m[1]!) && m[2]!.trim());
    expect(inline).toEqual([]);
  });

  it('API answers, errors included, carry the policy and nosniff', async () => {
    for (const url of ['/api/v1/health', '/api/v1/no-such-route']) {
      const res = await app.inject({ url });
      forbidsInlineScript(res.headers['content-security-policy']);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('the printable report may run nothing and fetch nothing: default-src none, inline styles only', async () => {
    const res = await app.inject({ url: '/api/v1/plans/default/reports/2021.html' });
    expect(res.statusCode).toBe(200);
    const d = forbidsInlineScript(res.headers['content-security-policy']);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.has('script-src')).toBe(false);
    expect(res.body).not.toMatch(/<script/i);
  });
});
