// The same command on the same data gives the same JSON on both engines: the example dataset
// loaded by `ecoplan demo load` into a SQLite file and into a PostgreSQL database, then `evaluate --json`,
// `projects summary --json` and `carbon inventory --json` on each, compared whole — apart from generated ids and
// timestamps, which differ between any two loads. PostgreSQL project only: it needs the test cluster.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { tempDir } from '../helpers/planFolder.js';
import { createDatabase } from '../helpers/postgres.js';

const cwd = tempDir('ecoplan-contract-');
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`ecoplan ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
};

/** Generated per load: ids (UUIDs, batch ids) and instants (ISO timestamps). Everything else must be equal. */
const GENERATED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/i;
function normalise(v: unknown): unknown {
  if (typeof v === 'string') return GENERATED.test(v) ? '<generated>' : v;
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x)]));
  return v;
}

const COMMANDS: [name: string, args: string[]][] = [
  ['evaluate 2023', ['evaluate', '--json', '--year', '2023']],
  ['evaluate 2024 乐昌市', ['evaluate', '--json', '--year', '2024', '--region', '440281']],
  ['projects summary', ['projects', 'summary', '--json']],
  ['carbon inventory 2023', ['carbon', 'inventory', '--json', '--year', '2023']],
];

describe('the same answers on SQLite and PostgreSQL', () => {
  it('gives the same JSON for evaluate, projects summary and carbon inventory on the example dataset', async () => {
    const sqlite = join(tempDir(), 'contract.db');
    const postgres = await createDatabase(inject('pgAdminUrl'));
    for (const db of [sqlite, postgres]) run('demo', 'load', '--db', db);
    for (const [name, args] of COMMANDS) {
      const a = JSON.parse(run(...args, '--db', sqlite)) as unknown;
      const b = JSON.parse(run(...args, '--db', postgres)) as unknown;
      // A command that answered nothing would compare equal on both: each answer must carry data.
      expect(JSON.stringify(a).length, name).toBeGreaterThan(500);
      expect(normalise(b), name).toEqual(normalise(a));
    }
  });
});
