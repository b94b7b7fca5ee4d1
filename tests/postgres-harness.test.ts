// The PostgreSQL test harness itself (SQLite project, no cluster needed): without the server binaries the
// PostgreSQL tests fail with what to install — they never skip silently.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/planFolder.js';
import { postgresBin } from './helpers/postgres.js';

describe('PostgreSQL test harness', () => {
  it('fails, naming the package to install, when the PostgreSQL binaries are absent', () => {
    const root = join(tempDir(), 'postgresql');
    mkdirSync(join(root, '15', 'bin'), { recursive: true }); // a version folder without initdb
    expect(() => postgresBin(root, undefined)).toThrow(/apt-get install postgresql/);
    expect(() => postgresBin(join(tempDir(), 'nothing-here'), join(tempDir(), 'no-bin'))).toThrow(/PostgreSQL server binaries not found/);
  });

  it('finds the newest installed version', () => {
    const root = join(tempDir(), 'postgresql');
    for (const v of ['13', '16', '9'])
      mkdirSync(join(root, v, 'bin'), { recursive: true });
    for (const v of ['13', '16']) writeFileSync(join(root, v, 'bin', 'initdb'), '');
    expect(postgresBin(root, undefined)).toBe(join(root, '16', 'bin'));
  });
});
