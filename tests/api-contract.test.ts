// The contract between the server and the console: the console's types (web/src/api/schema.d.ts) are generated from
// the OpenAPI document the server builds from its route schemas. A route whose shape changed without regenerating
// fails here, naming the command, before any browser test could notice. Nothing is written into the checkout.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSOLE_TYPES_FILE, REGENERATE, consoleTypes } from '../scripts/api-types.js';
import { openApiDocument } from '../src/server/openapi.js';
import { BIN, CLI_CWD } from './helpers/cli.js';
import { tempDir } from './helpers/planFolder.js';

type Operation = { responses?: Record<string, { content?: Record<string, unknown> }>; requestBody?: unknown };
type Schema = { $ref?: string; properties?: Record<string, Schema>; additionalProperties?: boolean | Schema; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; [k: string]: unknown };

const jsonSchemaOf = (part: unknown): Schema | undefined => (part as { content?: Record<string, { schema?: Schema }> } | undefined)?.content?.['application/json']?.schema;
/** Nothing but words: no type, no properties, no alternatives — any JSON at all. */
const isAny = (s: Schema | boolean) => s === true || (typeof s === 'object' && Object.keys(s).every((k) => ['description', 'title', 'nullable', 'default', 'example'].includes(k)));

/** The places in a JSON schema that accept any value, by path (`.versions[].changes{*}` is a record's value). */
function openParts(s: Schema | undefined, at: string, out: string[], components: Record<string, Schema>, seen = new Set<string>()): void {
  if (!s) return;
  if (s.$ref) {
    const name = s.$ref.split('/').pop()!;
    if (!seen.has(name)) openParts(components[name], at, out, components, new Set([...seen, name]));
    return;
  }
  if (isAny(s)) {
    out.push(`${at}: any value`);
    return;
  }
  const extra = s.additionalProperties;
  if (extra !== undefined && extra !== false && isAny(extra)) out.push(`${at}: an object of any keys and values`);
  else if (typeof extra === 'object') openParts(extra, `${at}{*}`, out, components, seen);
  for (const [k, v] of Object.entries(s.properties ?? {})) openParts(v, `${at}.${k}`, out, components, seen);
  if (s.items) openParts(s.items, `${at}[]`, out, components, seen);
  for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) openParts(alt, at, out, components, seen);
}

describe('the OpenAPI contract', () => {
  it('the checked-in console types are what the server’s document generates', async () => {
    const expected = await consoleTypes();
    const actual = readFileSync(CONSOLE_TYPES_FILE, 'utf8');
    // Compared line by line so that the failure shows the first line that drifted, not two 500 KB strings.
    if (actual !== expected) {
      const a = actual.split('\n');
      const e = expected.split('\n');
      const at = e.findIndex((line, i) => line !== a[i]);
      const line = at === -1 ? Math.min(a.length, e.length) : at;
      expect.fail(
        `web/src/api/schema.d.ts is out of date with the server's route schemas (first difference at line ${line + 1}: ` +
          `checked in ${JSON.stringify(a[line] ?? '<end of file>')}, generated ${JSON.stringify(e[line] ?? '<end of file>')}). ` +
          `Run \`${REGENERATE}\` and commit the file.`,
      );
    }
  }, 120_000);

  it('every operation describes a successful body and its error bodies, none of them open; uploads describe their form', async () => {
    const doc = (await openApiDocument()) as { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        const codes = Object.keys(op.responses ?? {});
        const ok = codes.filter((c) => c.startsWith('2'));
        if (!ok.length || ok.some((c) => !op.responses![c]!.content)) missing.push(`${method.toUpperCase()} ${path}: no success body`);
        if (!codes.some((c) => c.startsWith('4'))) missing.push(`${method.toUpperCase()} ${path}: no error body`);
      }
    expect(missing).toEqual([]);
    // No JSON body is left open: a schema with nothing in it, or an object of any keys with any values, would reach the
    // console and integrators as `unknown`.
    const open: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        for (const [code, r] of Object.entries(op.responses ?? {})) if (code.startsWith('2')) openParts(jsonSchemaOf(r), `${where} ${code}`, open, doc.components?.schemas ?? {});
        openParts(jsonSchemaOf(op.requestBody), `${where} body`, open, doc.components?.schemas ?? {});
      }
    expect(open).toEqual([]);
    // An upload's multipart form is part of the contract too (e.g. the round template import).
    const upload = doc.paths['/api/v1/plans/{planId}/rounds/{year}/import']!.post!.requestBody as { content: Record<string, { schema: { properties: Record<string, { format?: string }> } }> };
    expect(upload.content['multipart/form-data']!.schema.properties.file!.format).toBe('binary');
  }, 120_000);

  it('`ecoplan api openapi --out` publishes the same document, versioned with the package, without a database', async () => {
    const out = join(tempDir('ecoplan-openapi-'), 'openapi.json');
    const run = spawnSync(process.execPath, [BIN, 'api', 'openapi', '--out', out], { cwd: CLI_CWD, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const published = JSON.parse(readFileSync(out, 'utf8')) as { openapi: string; info: { version: string }; paths: Record<string, unknown> };
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(published.openapi).toBe('3.0.3');
    expect(published.info.version).toBe(pkg.version);
    // The same routes as the app's own document, e.g. the evaluation an integrator reads and the template upload.
    const inMemory = (await openApiDocument(pkg.version)) as { paths: Record<string, unknown> };
    expect(Object.keys(published.paths)).toEqual(Object.keys(inMemory.paths));
    expect(published.paths).toHaveProperty(['/api/v1/plans/{planId}/evaluation']);
  }, 180_000);
});

