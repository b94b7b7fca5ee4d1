// The OpenAPI document of the HTTP API, built from the app's own route schemas without listening: the one contract
// between the server, the console (its types are generated from this document: web/src/api/schema.d.ts) and any
// integrator (`ecoplan api openapi --out openapi.json`).
import { buildApp } from './app.js';
import { openDatabase } from '../store/db.js';

/** The document as an object: the app is built over an empty in-memory database (routes need none to register). */
export async function openApiDocument(version?: string): Promise<Record<string, unknown>> {
  const { db } = await openDatabase(':memory:');
  const app = await buildApp({ db, webDir: '/nonexistent', version, workerThreads: 0 });
  try {
    await app.ready();
    // Fastify lists the routes in the order they are registered: the same code gives the same text.
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
    await db.destroy();
  }
}

/** The document as the text published: JSON, two-space indented, ending in a newline. */
export async function openApiText(version?: string): Promise<string> {
  return `${JSON.stringify(await openApiDocument(version), null, 2)}\n`;
}
