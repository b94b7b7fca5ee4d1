// Running the built `ecoplan` command in tests: `node bin/ecoplan.js`, never through npx (which would install the
// checkout as a package and run its `prepare` build mid-suite), from a working directory outside the checkout, so
// that whatever a command writes by default (./data/ecoplan.db, a report file) lands in a temp dir.
import { resolve } from 'node:path';
import { tempDir } from './planFolder.js';

export const BIN = resolve(import.meta.dirname, '../../bin/ecoplan.js');

/** The working directory of commands run in tests: a temp dir, one per test file. */
export const CLI_CWD = tempDir('ecoplan-cli-cwd-');
