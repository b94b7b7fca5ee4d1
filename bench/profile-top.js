// Summarises V8 CPU profiles (`node --cpu-prof …` writes *.cpuprofile): the functions with the most self time,
// and self time by file (package or src/ file), so a profile can be quoted in docs/performance.md.
// Usage: node bench/profile-top.js <file.cpuprofile | directory> [--top 20] [--files 12] [--under NAME]
//   --under NAME: only the samples taken inside a function named NAME (its callees included), e.g. renderDocx.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const k = args.indexOf(name);
  return k < 0 ? dflt : Number(args.splice(k, 2)[1]);
};
const under = (() => {
  const k = args.indexOf('--under');
  return k < 0 ? null : args.splice(k, 2)[1];
})();
const top = opt('--top', 20);
const filesTop = opt('--files', 12);
if (!args.length) {
  console.error('usage: node bench/profile-top.js <file.cpuprofile | directory> [--top N] [--files N]');
  process.exit(2);
}

const root = process.cwd();
/** A short place for a script URL: the package name under node_modules, else the path relative to the checkout. */
function place(url) {
  if (!url) return '(native)';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 13).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (path.startsWith('node:')) return path;
  return path.startsWith('/') ? relative(root, path) : path;
}

function summarise(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** Whether a node runs inside a function named `under`. */
  const inside = new Map();
  const isInside = (id) => {
    if (!under) return true;
    if (inside.has(id)) return inside.get(id);
    const p = parent.get(id);
    const v = byId.get(id).callFrame.functionName === under || (p !== undefined && isInside(p));
    inside.set(id, v);
    return v;
  };
  const self = new Map(); // node id → µs
  // timeDeltas[i] is the time before sample i; attribute it to the sample's node.
  for (let i = 0; i < profile.samples.length; i++)
    if (isInside(profile.samples[i])) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const all = profile.endTime - profile.startTime;
  const total = under ? [...self.values()].reduce((a, b) => a + b, 0) : all;
  const fns = new Map();
  const files = new Map();
  for (const [id, us] of self) {
    const { callFrame: f } = byId.get(id);
    const where = place(f.url);
    const key = `${f.functionName || '(anonymous)'}  ${where}${f.url ? `:${f.lineNumber + 1}` : ''}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    files.set(where, (files.get(where) ?? 0) + us);
  }
  const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
  const ms = (us) => `${(us / 1000).toFixed(1).padStart(8)} ms`;
  console.log(`${relative(root, file)}: ${(all / 1000).toFixed(0)} ms profiled, ${profile.samples.length} samples${under ? `; ${(total / 1000).toFixed(0)} ms inside ${under} (percentages of that)` : ''}`);
  console.log('  top self time, by function:');
  for (const [k, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${ms(us)} ${pct(us)}  ${k}`);
  console.log('  self time by file or package:');
  for (const [k, us] of [...files].sort((a, b) => b[1] - a[1]).slice(0, filesTop)) console.log(`  ${ms(us)} ${pct(us)}  ${k}`);
}

for (const a of args) {
  if (statSync(a).isDirectory()) for (const f of readdirSync(a).filter((f) => f.endsWith('.cpuprofile')).sort()) summarise(join(a, f));
  else summarise(a);
}
