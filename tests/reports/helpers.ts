// Helpers of the report tests: the fixture dataset in a fresh database, and reading a .docx back.
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { readTable } from '../../src/importers/table.js';
import { OBSERVATION_COLUMNS, validateObservationRows } from '../../src/plan/observations.js';
import { approvedObservations } from '../../src/reports/store.js';
import { recordObservations } from '../../src/store/observations.js';
import { seededDatabase } from '../helpers/store.js';

export const FIXTURE = join(import.meta.dirname, '../fixtures/shaoguan-2024.csv');

/** A seeded database with tests/fixtures/shaoguan-2024.csv imported as a user would (sheet → validation → storage). */
export async function fixtureStore() {
  const store = await seededDatabase();
  const table = await readTable(FIXTURE, OBSERVATION_COLUMNS);
  if (table.problems.length) throw new Error('fixture unreadable');
  const { inputs, issues } = validateObservationRows(store.plan, table.rows, { maxYear: 2026 });
  if (issues.length) throw new Error('fixture invalid');
  const outcome = await recordObservations(store.db, store.plan.meta.id, inputs, { origin: 'import', recordedBy: 'test' });
  if (!outcome.ok) throw new Error('fixture not recorded');
  return { ...store, observations: () => approvedObservations(store.db, store.plan.meta.id) };
}

export function unzip(docx: Buffer): Record<string, string> {
  const files = unzipSync(new Uint8Array(docx));
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, k.endsWith('.png') ? `<${v.length} bytes>` : Buffer.from(v).toString('utf8')]));
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The text of a piece of WordprocessingML: runs joined, paragraphs separated by newlines. */
export function textOf(xml: string): string {
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1]!)).join(''))
    .join('\n');
}

/** The cells of the first table after the paragraph whose text contains `caption`. */
export function tableAfter(xml: string, caption: string): string[][] {
  const at = xml.indexOf(caption);
  if (at < 0) throw new Error(`caption not found: ${caption}`);
  const start = xml.indexOf('<w:tbl>', at);
  const end = xml.indexOf('</w:tbl>', start);
  const tbl = xml.slice(start, end);
  return [...tbl.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) => [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => textOf(tc[0]).replace(/\n+/g, '').trim()));
}
