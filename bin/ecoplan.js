#!/usr/bin/env node
// Entry point of the `ecoplan` command: runs the compiled CLI from dist/.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('ecoplan 尚未构建：请先运行 npm ci（或 npm run build）。 / ecoplan is not built yet: run npm ci (or npm run build) first.');
  process.exit(1);
}
await import(main.href);
