// Issue 18: ecoplan runs any city's plan, so nothing outside plans/ and the demo data may name one. Defaults come from
// the plan (its region code and name, its departments, its map). This scans the code for the embedded plan's city:
// its names, its code 440200 and its counties' codes (4402xx) and names. The demo data (src/demo/, the demo command)
// and the generated API types are exempt.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SCANNED = ['src', 'web/src'];
const EXEMPT = ['src/demo/', 'src/cli/demo.ts', 'web/src/api/schema.d.ts'];
/** The city, its code and its counties (GB/T 2260: 4402xx), in Chinese and pinyin. */
export const CITY_PATTERN = /韶关|shaoguan|4402\d{2}|武江|浈江|曲江|始兴|仁化|翁源|乳源|新丰|乐昌|南雄/i;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(e.name) ? [path] : [];
  });
}

/** Every line of the given files that names the city, as "file:line: text". */
export function cityMentions(files: readonly string[], read: (file: string) => string = (f) => readFileSync(join(ROOT, f), 'utf8')): string[] {
  const hits: string[] = [];
  for (const file of files) {
    if (EXEMPT.some((e) => file === e || file.startsWith(e))) continue;
    read(file)
      .split('\n')
      .forEach((line, i) => {
        if (CITY_PATTERN.test(line)) hits.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
  }
  return hits;
}

describe('no city in the code', () => {
  const files = SCANNED.flatMap(sourceFiles);

  it('scans the server, the CLI and the console (hundreds of files, not an empty list)', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(files).toContain('src/server/routes/carbon.ts');
    expect(files).toContain('web/src/pages/monitoring/PointsMap.tsx');
  });

  it('names no city, city code or county outside plans/ and the demo data', () => {
    const hits = cityMentions(files);
    expect(hits, `城市名称或代码出现在代码中 / the code names a city:\n${hits.join('\n')}`).toEqual([]);
  });

  it('would catch one: a county code, a county name, the city in pinyin, each reported as file:line', () => {
    const planted: Record<string, string> = {
      'src/a.ts': "const x = 1;\nconst region = '440203';\n",
      'web/src/b.tsx': '// 例如 乐昌市\n',
      'src/c.ts': "const MAP = 'Shaoguan-counties';\n",
      'src/demo/d.ts': "export const code = '440200';\n",
    };
    expect(cityMentions(Object.keys(planted), (f) => planted[f]!)).toEqual([
      "src/a.ts:2: const region = '440203';",
      'web/src/b.tsx:1: // 例如 乐昌市',
      "src/c.ts:1: const MAP = 'Shaoguan-counties';",
    ]);
  });

  it('and it fails on a real file of the checkout given a city line', () => {
    const file = 'src/server/routes/carbon.ts';
    const text = readFileSync(join(ROOT, file), 'utf8');
    const lines = text.split('\n');
    const withCity = [...lines.slice(0, 9), "const DEFAULT_REGION = '440200';", ...lines.slice(9)].join('\n');
    expect(cityMentions([file], () => withCity)).toEqual([`${relative(ROOT, join(ROOT, file))}:10: const DEFAULT_REGION = '440200';`]);
  });
});
