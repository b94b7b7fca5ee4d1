// Monitoring data over HTTP (contract in docs/api.md): registries, daily AQI, annual air statistics, annual
// water classes, the streamed import (admin, reviewer) and the plan's indicators computed from monitoring with their proposal into the
// year's reporting round. Thin: the computation is src/monitoring/ (pure), storage src/store/monitoring.ts.
import { safeFileName } from '../../plan/text.js';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ImportFileError, importMonitoringFile } from '../../importers/monitoring.js';
import { UploadRefused } from '../../importers/upload.js';
import { uploadBody } from '../upload.js';
import { reindexDays, type StationDay } from '../../monitoring/air.js';
import { AQI_STANDARDS, ASSESSMENT_STANDARDS, coverage, PHASES, QUALITY_STANDARDS, standardByName, type AqiStandard } from '../../standards/editions.js';
import { MONITORING_MEASURES, provenanceNote, withinArea } from '../../monitoring/indicators.js';
import { WATER_CLASSES, type WaterClass } from '../../standards/waterQuality.js';
import { sectionYear, shareOf } from '../../monitoring/water.js';
import { validateSection, validateStation } from '../../monitoring/registry.js';
import type { Plan } from '../../plan/model.js';
import { roundTasks } from '../../plan/rounds.js';
import { planInForce } from '../../plan/revisions.js';
import { ensureRegistry, importReport, listSections, RegistryError, saveRegistry, listStations, stationRegistry, waterSamplesOfYear, monitoringYears } from '../../store/monitoring.js';
import { indicatorsStored, inPlanArea, regionDaysStored, regionRefs, stationDaysOfYearStored, toSectionInfo } from '../../store/monitoringResults.js';
import { findRound, saveDraft, submitTask, WorkflowError } from '../../store/rounds.js';
import type { Database } from '../../store/schema.js';
import type { ObservationCache } from '../dataCache.js';
import { ApiError, errorBodySchema, notFound } from '../errors.js';
import { fileResponse, sendDownload } from '../download.js';
import type { PlanCache } from '../planCache.js';
import type { Offload } from '../offload/index.js';
import { REGION_CODE_RE } from '../../plan/schema.js';

const tags = ['监测数据 Monitoring'];
const waterClass = z.enum(WATER_CLASSES);
/** Upload limit of a monitoring file (a province-year of hourly data as CSV is about 100 MB). */
export const MAX_MONITORING_UPLOAD_BYTES = 512 * 1024 * 1024;

const yearQuery = z.coerce.number().int().min(1980).max(2100);
const num = z.number().nullable();
const issueSchema = z.object({ row: z.number().int(), column: z.string().nullable(), field: z.string().nullable(), reason: z.string(), message: z.string(), messageEn: z.string() });
const bilingual = z.object({ zh: z.string(), en: z.string() });
const editionsSchema = z.object({
  aqi: z.string().describe('日 AQI 的版本；跨越 2026-03-01 的年份为“HJ 633-2012 + HJ 633-2026”'),
  quality: z.enum(QUALITY_STANDARDS),
  phase: z.enum(PHASES).nullable(),
  assessment: z.enum(ASSESSMENT_STANDARDS),
  assessmentMethod: bilingual.nullable().describe('“按 HJ 663-2013 方法（HJ 663-2026 未核实）”'),
});
const attainmentSchema = { pm25Attains: z.boolean().nullable().describe('PM2.5 年评价达二级 / PM2.5 attains grade II'), attainsAll: z.boolean().nullable().describe('六项均达二级 / all six attain grade II') };
const annualStats = {
  validDays: z.number().int(),
  goodDays: z.number().int(),
  goodRatio: num,
  so2Mean: num,
  no2Mean: num,
  pm10Mean: num,
  pm25Mean: num,
  co95: num,
  o3_90: num,
  exceedanceDays: z.number().int(),
  ...attainmentSchema,
  standards: editionsSchema.nullable().describe('产生这些数值的版本 / the editions that produced these values'),
  aqiPeriods: z.array(z.object({ standard: z.enum(AQI_STANDARDS), from: z.string(), to: z.string(), days: z.number().int(), validDays: z.number().int(), goodDays: z.number().int() })),
  rule: bilingual.nullable().describe('跨越标准更替年份的计算规则 / the rule for a year spanning the switch'),
  reassessment: z
    .object({
      standards: z.object({ aqi: z.literal('HJ 633-2026'), quality: z.literal('GB 3095-2026'), assessment: z.literal('HJ 663-2026'), assessmentMethod: bilingual }),
      comparison: z.boolean().describe('含新标准施行前的日子：对比评价 / includes days before the new standards: a comparison'),
      validDays: z.number().int(),
      goodDays: z.number().int(),
      goodRatio: num,
      exceedanceDays: z.number().int(),
      transitional: z.object(attainmentSchema).nullable().describe('GB 3095-2026 过渡阶段限值（2030 年及以前）'),
      final: z.object({ ...attainmentSchema, comparison: z.boolean() }).describe('GB 3095-2026 最终限值（2031 年起施行）'),
    })
    .describe('同一年按 2026 版标准重新评价，与法定结果并列 / the same year re-assessed under the 2026 editions, beside the official values'),
};
const excludedSchema = z.object({ code: z.string(), reason: z.string(), reasonEn: z.string() });
const indicatorValueSchema = z.object({
  indicatorCode: z.number().int().describe('规划中该计算来源对应的指标 / the plan’s indicator of this measure'),
  measure: z.enum(MONITORING_MEASURES).describe('计算来源 / what was computed'),
  region: z.string(),
  regionName: z.string(),
  value: z.string().nullable(),
  state: z.string().nullable().describe('indicator 10: noWorseThanClassV (无劣Ⅴ类水体) when no section is worse than Ⅴ'),
  unit: z.string(),
  demo: z.boolean(),
  provenance: z.object({ method: z.string(), methodEn: z.string(), standard: z.string(), used: z.array(z.string()), validDays: z.number().int().optional(), sections: z.number().int().optional(), excluded: z.array(excludedSchema) }),
  editions: editionsSchema.nullable().optional().describe('指标 7、8：产生该年数值的版本 / indicators 7, 8: the editions that produced the value'),
  comparability: z.object({ comparableAcrossSwitch: z.boolean(), zh: z.string(), en: z.string() }).optional().describe('指标 7、8：2026-03-01 前后的值是否可比 / whether values either side of the switch compare'),
  reassessment: z.object({ value: z.string().nullable(), standard: z.string(), comparison: z.boolean() }).optional().describe('指标 7、8：按 2026 版标准重新评价的值 / the value re-assessed under the 2026 editions'),
});

/** Daily AQI of a station or of a region (GET /monitoring/air/daily); run off the request thread by Offload. */
export async function airDaily(db: Kysely<Database>, plan: Plan, planRevision: number, query: { year: number; station?: string; region?: string; standard?: string }) {
  const { year, station, region } = query;
  if (!station === !region) throw new ApiError(400, 'STATION_OR_REGION', '请指定 station 或 region 之一', 'give exactly one of station or region');
  let named: AqiStandard | null = null;
  if (query.standard !== undefined) {
    const name = standardByName(query.standard);
    if (name === null || !(AQI_STANDARDS as readonly string[]).includes(name))
      throw new ApiError(400, 'BAD_STANDARD', `standard：未知的 AQI 版本“${query.standard}”；可用：${AQI_STANDARDS.join('、')}`, `standard: unknown AQI edition "${query.standard}"; use one of: ${AQI_STANDARDS.join(', ')}`);
    named = name as AqiStandard;
    if (coverage(named, `${year}-12-31`) === 'withdrawn')
      throw new ApiError(400, 'STANDARD_NOT_IN_FORCE', `standard：${named} 自 2026-03-01 起废止，不用于 ${year} 年此后的日子；新版本可用于较早的年份作对比`, `standard: ${named} was withdrawn on 2026-03-01 and is not applied to later days of ${year}; a later edition may be applied to earlier years as a comparison`);
  }
  const stations = (await stationRegistry(db)).filter((s) => inPlanArea(plan, s.region_code));
  let days: StationDay[];
  if (station) {
    if (!stations.some((s) => s.code === station)) throw notFound(`站点“${station}”`, `station "${station}"`);
    days = (await stationDaysOfYearStored(db, year, [station])).get(station) ?? [];
  } else {
    const ref = regionRefs(plan).find((g) => g.code === region);
    if (!ref) throw notFound(`行政区“${region}”`, `region "${region}"`);
    days = await regionDaysStored(db, plan, planRevision, year, ref.code);
  }
  if (named) days = reindexDays(days, named);
  return {
    year,
    standard: named,
    comparison: named !== null && days.some((d) => coverage(named, d.date) === 'before'),
    days: days.map((d) => ({ date: d.date, standard: d.standard, valid: d.aqi !== null, aqi: d.aqi, level: d.level, category: d.category, color: d.color, primaryPollutants: d.primaryPollutants, so2: d.so2, no2: d.no2, pm10: d.pm10, pm25: d.pm25, co: d.co, o3_8h_max: d.o3_8h_max })),
  };
}

/** Annual water classes of every section and the shares by region (GET /monitoring/water/annual). */
export async function waterAnnual(db: Kysely<Database>, plan: Plan, year: number) {
  const sections = (await listSections(db)).filter((s) => inPlanArea(plan, s.region_code));
  const samples = await waterSamplesOfYear(db, year);
  const years = sections.map((s) => ({ info: toSectionInfo(s), year: sectionYear(toSectionInfo(s), samples.filter((x) => x.section_code === s.code)) }));
  const city = plan.meta.region;
  const shares = regionRefs(plan)
    .filter((g) => g.code === city || years.some((y) => y.info.regionCode === g.code))
    .map((g) => {
      const classes = years.filter((y) => (g.code === city ? withinArea(city, y.info.regionCode) : y.info.regionCode === g.code) && y.year.class !== null).map((y) => y.year.class!);
      return { region: g.code, regionName: g.name, ...shareOf(classes) };
    });
  return { year, sections: years.map((y) => ({ ...y.year, itemClasses: y.year.itemClasses as Record<string, WaterClass> })), shares };
}

export const monitoringRoutes: FastifyPluginAsync<{ plans: PlanCache; data: ObservationCache; heavy: Offload }> = async (app, { plans, data, heavy }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  await ensureRegistry(app.db);
  const regionName = (plan: Plan, code: string | null) => (code ? (plan.regions.find((g) => g.code === code)?.name ?? code) : '未知 / unknown');

  r.get('/monitoring/years', {
    schema: {
      tags,
      summary: '有监测数据的年份（空气、地表水），由近及远 / years with monitoring data, newest first',
      description: '控制台据此默认显示最近有数据的年份，并在所选年份无数据时提示。 The console opens on the latest year with data and says when a chosen year has none.',
      response: { 200: z.object({ air: z.array(z.number().int()), water: z.array(z.number().int()) }) },
    },
  }, async () => monitoringYears(app.db, 2015, new Date().getFullYear()));

  // Registries, daily and annual results of a plan: under /plans/{planId}/monitoring for any plan, and under
  // /monitoring for the default plan (the paths integrators use since before plans were several).
  const planOf = async (req: { params: unknown }) => (await plans.get((req.params as { planId?: string }).planId ?? 'default')).plan;
  const planIdOf = async (req: { params: unknown }) => (await planOf(req)).meta.id;
  for (const scoped of [false, true]) {
    const at = (path: string) => (scoped ? `/plans/:planId/monitoring${path}` : `/monitoring${path}`);
    const planParams = scoped ? { params: z.object({ planId: z.string() }) } : {};
    r.get(at('/air/stations'), {
      schema: {
        tags,
        ...planParams,
        summary: '空气监测站点名录（本规划范围内）/ the plan’s air monitoring stations',
        response: {
          200: z.object({
            stations: z.array(z.object({ code: z.string(), name: z.string(), region: z.string().nullable(), regionName: z.string(), lon: num, lat: num, level: z.enum(['national', 'provincial', 'city']), source: z.string(), note: z.string().nullable(), hours: z.number().int(), uncertain: z.boolean(), regionMethod: z.string().nullable(), demo: z.boolean() })),
          }),
        },
      },
    }, async (req) => {
      const plan = await planOf(req);
      return {
        stations: (await listStations(app.db)).filter((s) => inPlanArea(plan, s.region_code)).map((s) => ({ code: s.code, name: s.name, region: s.region_code, regionName: regionName(plan, s.region_code), lon: s.lon, lat: s.lat, level: s.level, source: s.source, note: s.note, hours: s.hours, uncertain: s.uncertain === 1, regionMethod: s.region_method, demo: s.is_demo === 1 })),
      };
    });

    r.get(at('/water/sections'), {
      schema: {
        tags,
        ...planParams,
        summary: '地表水监测断面名录（本规划范围内）/ the plan’s surface-water sections',
        response: {
          200: z.object({
            sections: z.array(
              z.object({ code: z.string(), name: z.string(), river: z.string(), waterbody: z.enum(['river', 'lake']), assessment: z.enum(['国考', '省考', '市考']), targetClass: z.enum(['I', 'II', 'III', 'IV', 'V']), drinkingWater: z.boolean(), region: z.string().nullable(), regionName: z.string(), lon: num, lat: num, source: z.string(), note: z.string().nullable(), samples: z.number().int(), regionMethod: z.string().nullable(), demo: z.boolean() }),
            ),
          }),
        },
      },
    }, async (req) => {
      const plan = await planOf(req);
      return {
        sections: (await listSections(app.db)).filter((s) => inPlanArea(plan, s.region_code)).map((s) => ({ ...toSectionInfo(s), region: s.region_code, regionName: regionName(plan, s.region_code), lon: s.lon, lat: s.lat, source: s.source, note: s.note, samples: s.samples, regionMethod: s.region_method, demo: s.is_demo === 1 })),
      };
    });

    // Registries: admins and reviewers add a station or section, or change one with a reason (audited, before → after).
    // The body's shape is checked here; validateStation/validateSection then check each field's content (required
    // texts and their lengths, the region, coordinate ranges) with a bilingual message naming the field.
    const registryCommon = {
      name: z.string().describe('名称 / name (required, at most 200 characters)'),
      region: z.string().nullable().optional().describe('行政区代码或名称 / region code or name of the plan'),
      lon: z.number().nullable().optional().describe('WGS-84, −180 to 180'),
      lat: z.number().nullable().optional().describe('WGS-84, −90 to 90'),
      source: z.string().describe('来源 / source (required, at most 500 characters)'),
      note: z.string().nullable().optional(),
      reason: z.string().max(1000).optional().describe('修改已登记条目时必填 / required when changing a registered entry'),
    };
    const stationBody = z.object({ ...registryCommon, level: z.enum(['national', 'provincial', 'city', '国控', '省控', '市控']) });
    const sectionBody = z.object({
      ...registryCommon,
      river: z.string().describe('河流或水体 / river or water body (required)'),
      waterbody: z.enum(['river', 'lake']),
      assessment: z.enum(['国考', '省考', '市考']),
      targetClass: z.enum(['I', 'II', 'III', 'IV', 'V']),
      drinkingWater: z.boolean().optional().describe('饮用水源地 / a drinking-water source (default false)'),
    });
    const saveEntry = async (plan: Plan, kind: 'air' | 'water', code: string, body: z.infer<typeof stationBody> | z.infer<typeof sectionBody>, user: { id: string; username: string }, ip: string) => {
      const raw = { ...body, code };
      const checked = kind === 'air' ? validateStation(raw, plan.regions) : validateSection(raw, plan.regions);
      if ('issues' in checked)
        throw new ApiError(400, 'VALIDATION_FAILED', checked.issues.map((i) => `${i.field}：${i.message}`).join('；'), checked.issues.map((i) => `${i.field}: ${i.messageEn}`).join('; '));
      try {
        return await saveRegistry(app.db, kind, [checked.entry], { by: user, reason: body.reason ?? null, ip, within: (region) => inPlanArea(plan, region) });
      } catch (e) {
        if (e instanceof RegistryError) throw new ApiError(e.statusCode, e.code, e.message, e.messageEn);
        throw e;
      }
    };
    const saved = z.object({ added: z.number().int(), changed: z.number().int(), unchanged: z.number().int() });
    r.put(at('/air/stations/:code'), {
      preHandler: app.requireUser(['admin', 'reviewer']),
      schema: {
        tags,
        summary: '登记或修改空气监测站点（修改须说明原因）/ register or change an air station (a change needs a reason)',
        params: scoped ? z.object({ planId: z.string(), code: z.string().max(32) }) : z.object({ code: z.string().max(32) }),
        body: stationBody,
        response: { 200: saved, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 409: errorBodySchema },
      },
    }, async (req) => saveEntry(await planOf(req), 'air', req.params.code, req.body, req.user!, req.ip));
    r.put(at('/water/sections/:code'), {
      preHandler: app.requireUser(['admin', 'reviewer']),
      schema: {
        tags,
        summary: '登记或修改地表水断面（修改须说明原因）/ register or change a water section (a change needs a reason)',
        params: scoped ? z.object({ planId: z.string(), code: z.string().max(32) }) : z.object({ code: z.string().max(32) }),
        body: sectionBody,
        response: { 200: saved, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 409: errorBodySchema },
      },
    }, async (req) => saveEntry(await planOf(req), 'water', req.params.code, req.body, req.user!, req.ip));

    r.get(at('/air/daily'), {
      schema: {
        tags,
        ...planParams,
        summary: '逐日 AQI（站点或行政区）/ daily AQI of a station or a region',
        querystring: z.object({
          year: yearQuery,
          station: z.string().optional(),
          region: z.string().regex(REGION_CODE_RE).optional(),
          standard: z.string().optional().describe('按指定的 AQI 版本重新计算每一天（HJ 633-2026 用于较早日期为对比）；默认每天按当日施行的版本 / re-index every day by this edition (HJ 633-2026 for earlier days is a comparison); default: each day by its own'),
        }),
        response: {
          200: z.object({
            year: z.number().int(),
            standard: z.enum(AQI_STANDARDS).nullable().describe('指定的版本；null 为各日按当日施行的版本 / the edition named, or null: each day its own'),
            comparison: z.boolean(),
            days: z.array(z.object({ date: z.string(), standard: z.enum(AQI_STANDARDS).describe('该日 AQI 的版本 / the edition of the day’s AQI'), valid: z.boolean(), aqi: num, level: num, category: z.string().nullable(), color: z.string().nullable(), primaryPollutants: z.array(z.string()), so2: num, no2: num, pm10: num, pm25: num, co: num, o3_8h_max: num })),
          }),
          400: errorBodySchema,
          404: errorBodySchema,
        },
      },
    }, async (req) => heavy.run('monitoring.airDaily', { ...req.query, planId: await planIdOf(req) }));

    r.get(at('/air/annual'), {
      schema: {
        tags,
        ...planParams,
        summary: '年度统计（站点与行政区；各日按当日施行的版本，另附按 2026 版标准的重新评价）/ annual statistics of stations and regions, with the re-assessment under the 2026 editions',
        querystring: z.object({ year: yearQuery }),
        response: {
          200: z.object({
            year: z.number().int(),
            stations: z.array(z.object({ code: z.string(), name: z.string(), region: z.string().nullable(), ...annualStats })),
            regions: z.array(z.object({ region: z.string(), regionName: z.string(), stations: z.array(z.string()), ...annualStats })),
          }),
        },
      },
    }, async (req) => heavy.run('monitoring.airAnnual', { year: req.query.year, planId: await planIdOf(req) }));

    r.get(at('/water/annual'), {
      schema: {
        tags,
        ...planParams,
        summary: '断面年度水质类别与行政区比例 / annual class of each section and shares by region',
        querystring: z.object({ year: yearQuery }),
        response: {
          200: z.object({
            year: z.number().int(),
            sections: z.array(
              z.object({ code: z.string(), name: z.string(), river: z.string(), waterbody: z.enum(['river', 'lake']), targetClass: z.enum(['I', 'II', 'III', 'IV', 'V']), samples: z.number().int(), class: waterClass.nullable(), itemClasses: z.record(z.string(), waterClass), exceeding: z.array(z.object({ item: z.string(), multiple: num })), meetsTarget: z.boolean().nullable() }),
            ),
            shares: z.array(z.object({ region: z.string(), regionName: z.string(), sections: z.number().int(), classIToIII: z.number().int(), classIToIIIShare: num, worseThanV: z.number().int(), worseThanVShare: num })),
          }),
        },
      },
    }, async (req) => heavy.run('monitoring.waterAnnual', { year: req.query.year, planId: await planIdOf(req) }));
  }

  r.post('/monitoring/import', {
    preHandler: [app.requireUser(['admin', 'reviewer']), app.heavyImport],
    schema: {
      tags,
      summary: '导入监测数据（.csv/.xlsx，长表或宽表；有问题则不写入，除非 skipInvalid）/ import monitoring data (all or nothing unless skipInvalid)', upload: uploadBody('监测数据文件（.csv 或 .xlsx）/ the .csv or .xlsx file', { kind: z.enum(['air', 'water']).optional(), skipInvalid: z.enum(['true', 'false']).optional() }),
      querystring: z.object({ kind: z.enum(['air', 'water']).optional(), skipInvalid: z.enum(['true', 'false']).optional() }),
      response: {
        200: z.object({ kind: z.enum(['air', 'water']), layout: z.enum(['long', 'wide']), rows: z.number().int(), imported: z.number().int(), duplicates: z.number().int(), skipped: z.number().int(), errors: z.array(issueSchema), counts: z.record(z.string(), z.number().int()), reportFile: z.string().nullable(), importId: z.string(), ignoredColumns: z.array(z.string()) }),
        400: errorBodySchema,
        401: errorBodySchema,
        403: errorBodySchema,
        413: errorBodySchema,
        422: errorBodySchema.extend({ errors: z.array(issueSchema), counts: z.record(z.string(), z.number().int()), rows: z.number().int() }),
      },
    },
  }, async (req, reply) => {
    const file = await req.file({ limits: { fileSize: MAX_MONITORING_UPLOAD_BYTES, files: 1 } });
    if (!file) throw new ApiError(400, 'NO_FILE', '请选择要上传的 .csv 或 .xlsx 文件', 'attach the .csv or .xlsx file');
    // Fields sent before the file part, or the same names in the query string.
    const field = (name: string) => {
      const f = file.fields[name] as { value?: unknown } | undefined;
      return typeof f?.value === 'string' ? f.value : undefined;
    };
    const kindText = field('kind') ?? req.query.kind;
    if (kindText !== undefined && kindText !== 'air' && kindText !== 'water') throw new ApiError(400, 'BAD_KIND', `kind 应为 air 或 water，收到“${kindText}”`, `kind must be air or water, got "${kindText}"`);
    const skipText = field('skipInvalid') ?? req.query.skipInvalid ?? 'false';
    if (skipText !== 'true' && skipText !== 'false') throw new ApiError(400, 'BAD_SKIP_INVALID', `skipInvalid 应为 true 或 false，收到“${skipText}”`, `skipInvalid must be true or false, got "${skipText}"`);
    const dir = mkdtempSync(join(tmpdir(), 'ecoplan-upload-'));
    const path = join(dir, safeFileName(file.filename).toLowerCase().endsWith('.xlsx') ? 'upload.xlsx' : 'upload.csv');
    try {
      await pipeline(file.file, createWriteStream(path));
      if (file.file.truncated) throw new ApiError(413, 'FILE_TOO_LARGE', `文件过大，上限 ${MAX_MONITORING_UPLOAD_BYTES / 1048576} MB`, `file too large; the limit is ${MAX_MONITORING_UPLOAD_BYTES / 1048576} MB`);
      const res = await importMonitoringFile(app.db, path, { kind: kindText as 'air' | 'water' | undefined, skipInvalid: skipText === 'true', reportPath: null, fileName: safeFileName(file.filename), by: req.user! }).catch((e) => {
        if (e instanceof ImportFileError) throw new ApiError(400, e.code, e.message, e.messageEn);
        if (e instanceof UploadRefused && e.status !== 413) throw new ApiError(400, e.code, e.message, e.messageEn);
        throw e;
      });
      if (!res.ok) {
        const n = Object.values(res.counts).reduce((a, b) => a + b, 0);
        return reply.code(422).send({
          statusCode: 422,
          code: 'IMPORT_INVALID',
          message: `“${res.file}”有 ${n} 处问题（${res.skipped} 行），未导入任何数据；可修正后重新导入，或选择“跳过无效行”：${res.errors.slice(0, 3).map((e) => e.message).join('；')}${n > 3 ? '……' : ''}`,
          messageEn: `"${res.file}" has ${n} problem(s) in ${res.skipped} row(s); nothing was imported. Fix them, or import with skipInvalid: ${res.errors.slice(0, 3).map((e) => e.messageEn).join('; ')}${n > 3 ? ' …' : ''}`,
          errors: res.errors,
          counts: res.counts as Record<string, number>,
          rows: res.rows,
        });
      }
      return { kind: res.kind, layout: res.layout, rows: res.rows, imported: res.imported, duplicates: res.duplicates, skipped: res.skipped, errors: res.errors, counts: res.counts as Record<string, number>, reportFile: res.reportFile, importId: res.importId!, ignoredColumns: res.ignoredColumns };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  r.get('/monitoring/imports/:id/report.csv', {
    preHandler: app.requireUser(['admin', 'reviewer']),
    schema: { tags, summary: '跳过的行（导入报告）/ the rows an import skipped, as CSV', params: z.object({ id: z.string() }), response: { 200: fileResponse('CSV', 'text/csv') } },
  }, async (req, reply) => {
    const row = await importReport(app.db, req.params.id);
    if (!row?.report_csv) throw notFound('导入报告', 'import report');
    return sendDownload(reply, { type: 'text/csv; charset=utf-8', fileName: `${row.file_name}.skipped.csv`, fallback: 'report.csv', body: row.report_csv });
  });

  r.get('/plans/:planId/monitoring/indicators', {
    schema: {
      tags,
      summary: '由监测数据计算的指标（规划中计算来源为监测的指标，如默认规划的 7、8、9、10、29；含数据来源说明）/ the plan’s indicators computed from monitoring data, with provenance',
      params: z.object({ planId: z.string() }),
      querystring: z.object({ year: yearQuery }),
      response: { 200: z.object({ year: z.number().int(), values: z.array(indicatorValueSchema) }), 404: errorBodySchema },
    },
  }, async (req) => heavy.run('monitoring.indicators', { planId: req.params.planId, year: req.query.year }));

  r.post('/plans/:planId/monitoring/indicators/propose', {
    preHandler: app.requireUser(['admin', 'reviewer']),
    schema: {
      tags,
      summary: '将计算值作为该年度调度的提交值，待审核员审定 / put the computed values into the year’s round as submitted values',
      params: z.object({ planId: z.string() }),
      body: z.object({ year: z.number().int() }),
      response: {
        200: z.object({ proposed: z.number().int(), round: z.number().int(), skipped: z.array(z.object({ indicatorCode: z.number().int(), region: z.string(), reason: z.string(), reasonEn: z.string() })) }),
        401: errorBodySchema,
        403: errorBodySchema,
        404: errorBodySchema,
        409: errorBodySchema,
      },
    },
  }, async (req) => {
    const { plan, revision } = await plans.get(req.params.planId);
    const { year } = req.body;
    const round = await findRound(app.db, plan.meta.id, year);
    if (!round || round.status !== 'open')
      throw new ApiError(409, 'NO_OPEN_ROUND', `${year} 年度调度${round ? '已关闭' : '尚未开启'}，无法提交计算值；请管理员先开启该年度调度`, `the ${year} round is ${round ? 'closed' : 'not open'}: the computed values cannot be proposed; an administrator opens the round first`);
    const values = await indicatorsStored(app.db, plan, revision, year);
    const tasks = roundTasks(planInForce(plan, year));
    const skipped: { indicatorCode: number; region: string; reason: string; reasonEn: string }[] = [];
    let proposed = 0;
    for (const v of values) {
      const task = tasks.find((t) => t.indicatorCode === v.indicatorCode && t.regionCode === v.region && t.kind === 'value');
      if (!task) continue; // not a task of the round (e.g. indicator 10 for a county)
      // The 劣Ⅴ indicator (the default plan's 10, a reduction of the share) is proposed only as the state 无劣Ⅴ类水体, the one
      // reading the data give whatever the plan's wording; a share above 0 is left to the department.
      const state = v.measure === 'water.worseThanV' ? v.state : null;
      const valueText = v.measure === 'water.worseThanV' ? null : v.value;
      if (valueText === null && state === null) {
        const why = v.measure === 'water.worseThanV' && v.value !== null ? [`劣Ⅴ类比例为 ${v.value}%：不是“无劣Ⅴ类水体”，该指标（如比例下降幅度）须由填报单位依上年情况填报`, `the share worse than Ⅴ is ${v.value} %: not “none worse than Ⅴ”; the indicator (e.g. the share’s reduction) is reported by the department from last year’s`] : [`数据不足：${v.provenance.excluded.map((e) => e.reason).join('；') || '无数据'}`, `not enough data: ${v.provenance.excluded.map((e) => e.reasonEn).join('; ') || 'no data'}`];
        skipped.push({ indicatorCode: v.indicatorCode, region: v.region, reason: why[0]!, reasonEn: why[1]! });
        continue;
      }
      const source = `监测数据自动计算（ecoplan 监测模块：${v.provenance.used.join('、')}${v.demo ? '，示例数据' : ''}）`.slice(0, 200);
      try {
        // Draft and submission together: a refused submission leaves no draft behind.
        await app.db.transaction().execute(async (trx) => {
          await saveDraft(trx, round, task, { valueText, state: state as 'noWorseThanClassV' | null, checks: [], source, note: provenanceNote(v), reason: null }, req.user!);
          await submitTask(trx, round, task, req.user!);
        });
        proposed++;
      } catch (e) {
        if (!(e instanceof WorkflowError)) throw e;
        skipped.push({ indicatorCode: v.indicatorCode, region: v.region, reason: e.message, reasonEn: e.messageEn });
      }
    }
    data.invalidate();
    return { proposed, round: year, skipped };
  });
};
