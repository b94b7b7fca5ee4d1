// A plan folder's region boundaries (optional): boundaries.yaml declares a GeoJSON file inside the folder with its
// source, licence and map review number (审图号); the console's maps draw it (GET /plans/{planId}/boundaries).
// The GeoJSON is checked against a closed shape and against the plan's regions, then kept as parsed (unknown keys
// dropped), so what the API serves is exactly what was checked.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, normalize, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import type { Plan } from '../plan/model.js';
import type { PlanProblem } from '../plan/problems.js';

export const BOUNDARIES_FILE = 'boundaries.yaml';
/** A boundary file larger than this is refused (the console fetches it whole). */
export const MAX_BOUNDARY_BYTES = 20 * 1024 * 1024;

const relativePath = z
  .string()
  .min(1)
  .refine((p) => !isAbsolute(p) && !normalize(p).split(/[\\/]/).includes('..'), { message: 'insideFolder' });

export const boundariesFileSchema = z.strictObject({
  /** The GeoJSON file, relative to the plan folder. */
  file: relativePath,
  source: z.string().min(1),
  licence: z.string().min(1),
  /** The licence text, relative to the plan folder (optional). */
  licenceFile: relativePath.optional(),
  /** 审图号 of an officially reviewed map; null for a map that is not one. */
  reviewNumber: z.string().min(1).nullable(),
  note: z.string().min(1).optional(),
});

const position = z.tuple([z.number(), z.number()]);
const ring = z.array(position).min(4);
const geometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);
export const geoJsonSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        id: z.union([z.string(), z.number()]).optional(),
        properties: z.object({
          /** The region's name as regions.yaml spells it: the console's maps key areas by it. */
          name: z.string().min(1),
          /** A label point [lon, lat] inside the area (optional). */
          cp: position.optional(),
        }),
        geometry: geometrySchema,
      }),
    )
    .min(1),
});
export type BoundaryGeoJson = z.infer<typeof geoJsonSchema>;

export interface PlanBoundaries {
  /** The GeoJSON file's path inside the plan folder. */
  file: string;
  source: string;
  licence: string;
  licenceText: string | null;
  reviewNumber: string | null;
  note: string | null;
  geojson: BoundaryGeoJson;
}

/** The texts of the files boundaries.yaml names, for the folder's content hash (none when absent or unreadable). */
export function boundaryFileTexts(dir: string, declared: unknown): [string, string][] {
  const parsed = boundariesFileSchema.safeParse(declared);
  if (!parsed.success) return [];
  const out: [string, string][] = [];
  for (const f of [parsed.data.file, parsed.data.licenceFile]) {
    const path = f && inside(dir, f);
    if (path && existsSync(path) && statSync(path).isFile() && statSync(path).size <= MAX_BOUNDARY_BYTES) out.push([f, readFileSync(path, 'utf8')]);
  }
  return out;
}

function inside(dir: string, file: string): string | null {
  const path = resolve(dir, file);
  const rel = relative(resolve(dir), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..') ? path : null;
}

/** Reads and checks the boundaries boundaries.yaml declares; every problem names the file and the field or feature. */
export function readBoundaries(dir: string, declared: unknown, plan: Plan): { ok: true; boundaries: PlanBoundaries } | { ok: false; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const fail = (file: string, path: (string | number)[], message: string, messageEn: string) => {
    problems.push({ file, path, message, messageEn });
    return { ok: false as const, problems };
  };
  const meta = boundariesFileSchema.safeParse(declared);
  if (!meta.success) {
    for (const issue of meta.error.issues) {
      const outside = issue.message === 'insideFolder';
      problems.push({
        file: BOUNDARIES_FILE,
        path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: outside ? '路径须在规划文件夹之内（相对路径，不含 ..）' : `字段无效：${issue.message}`,
        messageEn: outside ? 'the path must stay inside the plan folder (relative, no ..)' : `invalid field: ${issue.message}`,
      });
    }
    return { ok: false, problems };
  }
  const m = meta.data;
  const path = inside(dir, m.file);
  if (!path || !existsSync(path) || !statSync(path).isFile()) return fail(BOUNDARIES_FILE, ['file'], `边界文件“${m.file}”不存在`, `boundary file "${m.file}" does not exist`);
  if (statSync(path).size > MAX_BOUNDARY_BYTES)
    return fail(m.file, [], `边界文件超过 ${MAX_BOUNDARY_BYTES / 1024 / 1024} MB`, `the boundary file is larger than ${MAX_BOUNDARY_BYTES / 1024 / 1024} MB`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    return fail(m.file, [], `不是有效的 JSON：${(e as Error).message}`, `not valid JSON: ${(e as Error).message}`);
  }
  const geo = geoJsonSchema.safeParse(json);
  if (!geo.success) {
    for (const issue of geo.error.issues.slice(0, 20))
      problems.push({
        file: m.file,
        path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: `不是本平台可用的 GeoJSON 行政区边界（FeatureCollection，要素为 Polygon/MultiPolygon 且有 properties.name）：${issue.message}`,
        messageEn: `not a usable GeoJSON of region boundaries (a FeatureCollection of named Polygon/MultiPolygon features): ${issue.message}`,
      });
    return { ok: false, problems };
  }
  const names = new Set(plan.regions.map((r) => r.name));
  geo.data.features.forEach((f, i) => {
    if (!names.has(f.properties.name))
      problems.push({
        file: m.file,
        path: ['features', i, 'properties', 'name'],
        message: `要素名称“${f.properties.name}”不是 regions.yaml 中的行政区名称`,
        messageEn: `feature name "${f.properties.name}" is not the name of a region in regions.yaml`,
      });
  });
  let licenceText: string | null = null;
  if (m.licenceFile) {
    const lp = inside(dir, m.licenceFile);
    if (!lp || !existsSync(lp) || !statSync(lp).isFile()) problems.push({ file: BOUNDARIES_FILE, path: ['licenceFile'], message: `许可文件“${m.licenceFile}”不存在`, messageEn: `licence file "${m.licenceFile}" does not exist` });
    else licenceText = readFileSync(lp, 'utf8');
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    boundaries: { file: m.file, source: m.source, licence: m.licence, licenceText, reviewNumber: m.reviewNumber, note: m.note ?? null, geojson: geo.data },
  };
}
