// The console's files as a browser gets them: compressed (brotli, else gzip), hashed assets
// cached for a year as immutable, the page itself always revalidated. A fixture build stands in for dist/web.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { tempDir } from './helpers/planFolder.js';
import { seededDatabase } from './helpers/store.js';

let app: FastifyInstance;
let close: () => Promise<void>;
// 40 KB of script: well over the 1 KB threshold.
const SCRIPT = 'export const rows = [' + Array.from({ length: 2000 }, (_, i) => `{id:${i},name:"row ${i}"}`).join(',') + '];\n';

beforeAll(async () => {
  const web = tempDir();
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), `<!doctype html><html><head><script type="module" src="/admin/assets/index-Ab3dE_9x.js"></script></head><body>${'<div></div>'.repeat(200)}</body></html>`);
  writeFileSync(join(web, 'assets', 'index-Ab3dE_9x.js'), SCRIPT);
  const store = await seededDatabase();
  app = await buildApp({ db: store.db, webDir: web });
  close = async () => {
    await app.close();
    await store.db.destroy();
  };
});
afterAll(() => close());

const get = (url: string, encoding?: string) => app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

describe('static assets', () => {
  it('sends a hashed script brotli-compressed to a browser that accepts br, cached a year as immutable', async () => {
    const res = await get('/admin/assets/index-Ab3dE_9x.js', 'gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.rawPayload.length).toBeLessThan(SCRIPT.length / 4);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT);
  });

  it('falls back to gzip, and to plain bytes for a client that asks for neither', async () => {
    const gz = await get('/admin/assets/index-Ab3dE_9x.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);
    const plain = await get('/admin/assets/index-Ab3dE_9x.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('has the page (and the console routes that load it) revalidated every time, never cached as immutable', async () => {
    for (const url of ['/admin/', '/admin/indicators/7']) {
      const res = await get(url, 'br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(brotliDecompressSync(res.rawPayload).toString(), url).toContain('index-Ab3dE_9x.js');
    }
  });

  it('compresses API answers too', async () => {
    const res = await get('/api/v1/plans/default/projects', 'br');
    expect(res.statusCode).toBe(200);
    expect(['br', 'gzip']).toContain(res.headers['content-encoding']);
  });
});
