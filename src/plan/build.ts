// Builds the Plan from the raw contents of a plan folder: schema validation of each file, then every
// cross-reference (unknown department, duplicate code, unparseable target, …). Pure: the folder reader does the I/O.
import {
  GOVERNMENT_LEVELS,
  type Baseline,
  type Department,
  type Domain,
  type Indicator,
  type IndicatorTarget,
  type Plan,
  type PlanNote,
  type Project,
  type ProjectCategory,
  type Region,
} from './model.js';
import { PLAN_FILES, type PlanFileName, type RawPlanFiles } from './schema.js';
import { problemsFromZod, type PlanProblem } from './problems.js';
import { parseTarget, renderTargetEn, stateCodeOf, TargetParseError } from './targets.js';

export type BuildResult = { ok: true; plan: Plan } | { ok: false; problems: PlanProblem[] };

export const NO_DATA_TEXT = '暂无统计数据';

const LEVEL_ZH = { city: '市级', county: '县级', town: '乡级' } as const;
const KIND_ZH = { county: '县级人民政府', town: '乡镇人民政府（街道办事处）' } as const satisfies Record<keyof typeof GOVERNMENT_LEVELS, string>;
/** Which types each level has: 镇/乡/街道 are towns; a prefecture city may also be a county-level plan's parent. */
const TYPES_OF_LEVEL: Record<Region['level'], readonly Region['type'][]> = {
  city: ['prefecture-city'],
  county: ['district', 'county', 'autonomous-county', 'county-level-city'],
  town: ['town', 'township', 'subdistrict'],
};

/** Validates each file against its schema; `contents` holds the parsed YAML of each file (undefined if missing). */
export function validateFiles(contents: Partial<Record<PlanFileName, unknown>>): { files?: RawPlanFiles; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const files: Partial<RawPlanFiles> = {};
  for (const [name, schema] of Object.entries(PLAN_FILES) as [PlanFileName, (typeof PLAN_FILES)[PlanFileName]][]) {
    if (!(name in contents) || contents[name] === undefined) {
      problems.push({ file: name, path: [], message: '缺少此文件', messageEn: 'file is missing' });
      continue;
    }
    const result = schema.safeParse(contents[name]);
    if (result.success) (files as Record<string, unknown>)[name] = result.data;
    else problems.push(...problemsFromZod(name, result.error));
  }
  return problems.length ? { problems } : { files: files as RawPlanFiles, problems };
}

export function buildPlan(contents: Partial<Record<PlanFileName, unknown>>): BuildResult {
  const validated = validateFiles(contents);
  if (!validated.files) return { ok: false, problems: validated.problems };
  const f = validated.files;
  const problems: PlanProblem[] = [];
  const problem = (file: PlanFileName, path: (string | number)[], message: string, messageEn: string) =>
    problems.push({ file, path, message, messageEn });

  const duplicates = <T>(file: PlanFileName, items: readonly T[], key: (t: T) => string | number, field: string, prefix: (string | number)[] = []) => {
    const seen = new Map<string | number, number>();
    items.forEach((item, i) => {
      const k = key(item);
      const first = seen.get(k);
      if (first !== undefined)
        problem(file, [...prefix, i, field], `重复的${field}“${k}”（第 ${first + 1} 项已使用）`, `duplicate ${field} "${k}" (already used by item ${first + 1})`);
      else seen.set(k, i);
    });
  };

  // Plan metadata.
  const p = f['plan.yaml'];
  if (p.period.start > p.period.end) problem('plan.yaml', ['period'], '规划期起始年晚于结束年', 'period starts after it ends');
  p.horizons.forEach((h, i) => {
    if (h.year < p.period.start || h.year > p.period.end)
      problem('plan.yaml', ['horizons', i, 'year'], `目标年 ${h.year} 不在规划期 ${p.period.start}-${p.period.end} 内`, `target year ${h.year} is outside the period`);
  });
  duplicates('plan.yaml', p.horizons, (h) => h.year, 'year', ['horizons']);
  // Ascending, so the first horizon is the near-term one everywhere (round targets, report columns, demo data).
  p.horizons.forEach((h, i) => {
    const before = p.horizons[i - 1];
    if (before && h.year < before.year)
      problem('plan.yaml', ['horizons', i, 'year'], `目标年须从早到晚排列：${h.year} 排在 ${before.year} 之后`, `target years must be in ascending order: ${h.year} comes after ${before.year}`);
  });

  // Regions.
  const regionsRaw = f['regions.yaml'];
  duplicates('regions.yaml', regionsRaw, (r) => r.code, 'code');
  const regionCodes = new Set(regionsRaw.map((r) => r.code));
  regionsRaw.forEach((r, i) => {
    if (r.parent && !regionCodes.has(r.parent))
      problem('regions.yaml', [i, 'parent'], `未知的上级行政区“${r.parent}”`, `unknown parent region "${r.parent}"`);
    // The plan's own region needs no parent (a county plan's county is its top); every other non-city region does.
    if (r.level !== 'city' && !r.parent && r.code !== p.region)
      problem('regions.yaml', [i, 'parent'], '县级、乡级行政区须注明上级行政区', 'a county- or town-level region needs a parent');
    // Towns carry the 9-digit 统计用区划代码 (county code + 3); cities and counties the 6-digit GB/T 2260 code.
    const digits = r.level === 'town' ? 9 : 6;
    if (r.code.length !== digits)
      problem('regions.yaml', [i, 'code'], `${LEVEL_ZH[r.level]}行政区代码应为 ${digits} 位`, `a ${r.level}-level region code has ${digits} digits`);
    else if (r.level === 'town' && r.parent && !r.code.startsWith(r.parent))
      problem('regions.yaml', [i, 'code'], `乡级行政区代码“${r.code}”应以上级行政区代码“${r.parent}”开头`, `town code "${r.code}" should begin with its parent's code "${r.parent}"`);
    if (!TYPES_OF_LEVEL[r.level].includes(r.type))
      problem('regions.yaml', [i, 'type'], `类型“${r.type}”不属于${LEVEL_ZH[r.level]}行政区（应为 ${TYPES_OF_LEVEL[r.level].join('、')}）`, `type "${r.type}" is not a ${r.level}-level type (expected ${TYPES_OF_LEVEL[r.level].join(', ')})`);
  });
  if (!regionCodes.has(p.region))
    problem('plan.yaml', ['region'], `规划范围行政区“${p.region}”不在 regions.yaml 中`, `plan region "${p.region}" is not in regions.yaml`);
  const regionRef = (file: PlanFileName, path: (string | number)[], code: string | undefined) => {
    if (code !== undefined && !regionCodes.has(code))
      problem(file, path, `未知的行政区代码“${code}”，期望 regions.yaml 中的代码`, `unknown region code "${code}"; expected a code from regions.yaml`);
  };

  // Domains and task areas.
  const domainsRaw = f['domains.yaml'];
  duplicates('domains.yaml', domainsRaw, (d) => d.id, 'id');
  const taskAreaIndex = new Map<string, { domainIndex: number; taskIndex: number }>();
  domainsRaw.forEach((d, di) =>
    d.taskAreas.forEach((t, ti) => {
      if (taskAreaIndex.has(t.id))
        problem('domains.yaml', [di, 'taskAreas', ti, 'id'], `重复的任务 id“${t.id}”`, `duplicate task area id "${t.id}"`);
      else taskAreaIndex.set(t.id, { domainIndex: di, taskIndex: ti });
    }),
  );

  // Departments.
  const departmentsRaw = f['departments.yaml'];
  duplicates('departments.yaml', departmentsRaw, (d) => d.id, 'id');
  duplicates('departments.yaml', departmentsRaw, (d) => d.name, 'name');
  const regionByCode = new Map(regionsRaw.map((r) => [r.code, r]));
  departmentsRaw.forEach((d, i) => {
    regionRef('departments.yaml', [i, 'region'], d.region);
    // A sub-region government answers for one region of its own level: rounds give it that region's tasks and its
    // reporters write for it alone, so a county government on a town (or the reverse) would report the wrong figures.
    if (d.kind === 'county' || d.kind === 'town') {
      const level = GOVERNMENT_LEVELS[d.kind];
      const region = d.region === undefined ? undefined : regionByCode.get(d.region);
      if (d.region === undefined)
        problem('departments.yaml', [i, 'region'], `${KIND_ZH[d.kind]}须注明所辖行政区代码（region）`, `a ${d.kind} government needs the code of its ${level}-level region (region)`);
      else if (region && region.level !== level)
        problem('departments.yaml', [i, 'region'], `${KIND_ZH[d.kind]}的行政区“${d.region}”（${region.name}）是${LEVEL_ZH[region.level]}行政区，应为${LEVEL_ZH[level]}行政区`, `the region "${d.region}" (${region.nameEn}) of a ${d.kind} government is ${region.level}-level; expected a ${level}-level region`);
    }
    if (d.carbonSectors && new Set(d.carbonSectors).size !== d.carbonSectors.length)
      problem('departments.yaml', [i, 'carbonSectors'], '碳核算部门（carbonSectors）重复', 'a carbon sector is listed twice');
  });
  const departmentByName = new Map(departmentsRaw.map((d) => [d.name, d]));
  const departmentRef = (file: PlanFileName, path: (string | number)[], name: string) => {
    if (!departmentByName.has(name))
      problem(file, path, `未知的责任单位“${name}”，期望 departments.yaml 中的名称`, `unknown department "${name}"; expected a name from departments.yaml`);
  };

  // Indicators.
  const indicatorsRaw = f['indicators.yaml'];
  duplicates('indicators.yaml', indicatorsRaw, (x) => x.code, 'code');
  // A measure names one indicator: a computed value must have exactly one place to go.
  const measured = new Map<string, number>();
  indicatorsRaw.forEach((x, i) => {
    if (!x.measure) return;
    const first = measured.get(x.measure);
    if (first === undefined) measured.set(x.measure, i);
    else problem('indicators.yaml', [i, 'measure'], `计算来源“${x.measure}”已由指标 ${indicatorsRaw[first]!.code} 使用：每种计算值只能对应一个指标`, `measure "${x.measure}" is already that of indicator ${indicatorsRaw[first]!.code}: a computed value has one indicator`);
  });
  const horizonYears = p.horizons.map((h) => String(h.year));
  const builtIndicators: Indicator[] = [];
  indicatorsRaw.forEach((x, i) => {
    const where = taskAreaIndex.get(x.taskArea);
    if (!where)
      problem('indicators.yaml', [i, 'taskArea'], `未知的任务“${x.taskArea}”，期望 domains.yaml 中的任务 id`, `unknown task area "${x.taskArea}"; expected a task area id from domains.yaml`);
    x.departments.forEach((d, j) => departmentRef('indicators.yaml', [i, 'departments', j], d));
    for (const y of horizonYears)
      if (!(y in x.targets)) problem('indicators.yaml', [i, 'targets'], `缺少 ${y} 年目标值`, `missing the ${y} target`);
    for (const y of Object.keys(x.targets))
      if (!horizonYears.includes(y))
        problem('indicators.yaml', [i, 'targets', y], `${y} 不是规划目标年（${horizonYears.join('、')}）`, `${y} is not a horizon of the plan (${horizonYears.join(', ')})`);
    const targets: Partial<Indicator['targets']> = {};
    for (const [y, text] of Object.entries(x.targets)) {
      try {
        const target = parseTarget(text);
        targets[y] = { text, textEn: renderTargetEn(target), ...target } as IndicatorTarget;
      } catch (e) {
        if (!(e instanceof TargetParseError)) throw e;
        problem('indicators.yaml', [i, 'targets', y], `无法解析目标值“${text}”：${e.expected}`, `cannot parse target "${text}"`);
      }
    }
    const baseline = parseBaseline(x.baseline, p.baseYear);
    if ('error' in baseline) {
      problem('indicators.yaml', [i, 'baseline', 'text'], baseline.error[0], baseline.error[1]);
      return;
    }
    if (baseline.year > p.baseYear)
      problem('indicators.yaml', [i, 'baseline', 'year'], `现状值年份 ${baseline.year} 晚于基准年 ${p.baseYear}`, `baseline year ${baseline.year} is after the base year ${p.baseYear}`);
    if (baseline.value !== null && x.direction === null)
      problem('indicators.yaml', [i, 'direction'], '数值型指标须注明方向 increase 或 decrease', 'a numeric indicator needs a direction: increase or decrease');
    if (!where) return;
    const domain = domainsRaw[where.domainIndex]!;
    const task = domain.taskAreas[where.taskIndex]!;
    builtIndicators.push({
      code: x.code,
      name: x.name,
      nameEn: x.nameEn,
      group: x.group?.name ?? null,
      groupEn: x.group?.nameEn ?? null,
      unit: x.unit,
      domain: domain.name,
      domainId: domain.id,
      taskArea: task.name,
      taskAreaId: task.id,
      taskAreaNumeral: task.numeral,
      binding: x.binding,
      local: x.local ?? false,
      direction: x.direction,
      assessProgress: x.progress ?? x.direction !== null,
      measure: x.measure ?? null,
      baseline,
      targets: targets as Indicator['targets'],
      departments: x.departments,
      departmentIds: x.departments.map((d) => departmentByName.get(d)?.id ?? ''),
      notes: [],
    });
  });
  // A group (e.g. 环境空气质量 for 7–8) is a run of consecutive rows in one task area.
  const groups = new Map<string, number[]>();
  indicatorsRaw.forEach((x, i) => x.group && groups.set(x.group.name, [...(groups.get(x.group.name) ?? []), i]));
  for (const [name, rows] of groups) {
    const tasks = new Set(rows.map((r) => indicatorsRaw[r]!.taskArea));
    const contiguous = rows.every((r, k) => k === 0 || r === rows[k - 1]! + 1);
    if (tasks.size > 1 || !contiguous)
      problem('indicators.yaml', [rows[0]!, 'group'], `指标组“${name}”的各项须相邻且属于同一任务`, `the rows of group "${name}" must be adjacent and in one task area`);
  }

  if (!departmentsRaw.some((d) => d.id === p.owner))
    problem('plan.yaml', ['owner'], `未知的牵头单位“${p.owner}”，期望 departments.yaml 中的 id`, `unknown owner "${p.owner}"; expected a department id`);
  for (const [field, map] of [['ranges', p.validation.ranges], ['plausibleChange', p.validation.plausibleChange]] as const)
    for (const code of Object.keys(map))
      if (!indicatorsRaw.some((x) => x.code === Number(code)))
        problem('plan.yaml', ['validation', field, code], `未知的指标序号 ${code}`, `unknown indicator code ${code}`);
  for (const [code, r] of Object.entries({ percent: p.validation.percentRange, ...p.validation.ranges }))
    if (r.min > r.max) problem('plan.yaml', ['validation', code === 'percent' ? 'percentRange' : 'ranges'], `取值范围下限 ${r.min} 大于上限 ${r.max}`, `range minimum ${r.min} is above its maximum ${r.max}`);
  p.countyIndicators.forEach((c, i) => {
    if (!indicatorsRaw.some((x) => x.code === c)) problem('plan.yaml', ['countyIndicators', i], `未知的指标序号 ${c}`, `unknown indicator code ${c}`);
  });

  // Key projects and categories.
  const pr = f['projects.yaml'];
  duplicates('projects.yaml', pr.categories, (c) => c.id, 'id', ['categories']);
  duplicates('projects.yaml', pr.projects, (x) => x.no, 'no', ['projects']);
  const categories: ProjectCategory[] = pr.categories.map((c, order) => ({ ...c, order: order + 1 }));
  const categoryById = new Map(categories.map((c) => [c.id, c]));
  const projects: Project[] = [];
  pr.projects.forEach((x, i) => {
    const at = (...rest: (string | number)[]) => ['projects', i, ...rest];
    const category = categoryById.get(x.category);
    if (!category)
      problem('projects.yaml', at('category'), `未知的项目类别“${x.category}”，期望 categories 中的 id`, `unknown category "${x.category}"; expected an id from categories`);
    x.leads.forEach((d, j) => departmentRef('projects.yaml', at('leads', j), d));
    x.regions?.forEach((r, j) => regionRef('projects.yaml', at('regions', j), r));
    x.subItems?.forEach((s, j) => regionRef('projects.yaml', at('subItems', j, 'region'), s.region));
    if (x.subItems) duplicates('projects.yaml', x.subItems, (s) => s.no, 'no', at('subItems'));
    x.links?.indicators.forEach((c, j) => {
      if (!indicatorsRaw.some((ind) => ind.code === c))
        problem('projects.yaml', at('links', 'indicators', j), `未知的指标序号 ${c}`, `unknown indicator code ${c}`);
    });
    if (x.links && new Set(x.links.indicators).size !== x.links.indicators.length)
      problem('projects.yaml', at('links', 'indicators'), '关联指标序号重复', 'an indicator code is linked twice');
    if (x.period.start > x.period.end)
      problem('projects.yaml', at('period'), `建设时限起始年 ${x.period.start} 晚于结束年 ${x.period.end}`, `period starts (${x.period.start}) after it ends (${x.period.end})`);
    if (!category) return;
    projects.push({
      no: x.no,
      name: x.name,
      nameEn: x.nameEn,
      category: category.name,
      categoryId: category.id,
      subcategory: x.subcategory ?? null,
      content: x.content,
      investment: Number(x.investment),
      investmentText: x.investment,
      leads: x.leads,
      leadIds: x.leads.map((d) => departmentByName.get(d)?.id ?? ''),
      regions: x.regions ?? [],
      startYear: x.period.start,
      endYear: x.period.end,
      subItems: (x.subItems ?? []).map((s) => ({ no: s.no, name: s.name, region: s.region ?? null })),
    });
  });

  // Notes.
  const notesRaw = f['notes.yaml'];
  duplicates('notes.yaml', notesRaw, (n) => n.no, 'no');
  const codes = new Set(indicatorsRaw.map((x) => x.code));
  notesRaw.forEach((n, i) =>
    n.indicators.forEach((c, j) => {
      if (!codes.has(c)) problem('notes.yaml', [i, 'indicators', j], `未知的指标序号 ${c}`, `unknown indicator code ${c}`);
    }),
  );

  if (problems.length) return { ok: false, problems };

  const notes: PlanNote[] = notesRaw.map((n) => ({ no: n.no, text: n.text, indicators: n.indicators }));
  for (const ind of builtIndicators) ind.notes = notes.filter((n) => n.indicators.includes(ind.code)).map((n) => n.no);
  const regions: Region[] = regionsRaw.map((r) => ({ ...r, parent: r.parent ?? null }));
  const departments: Department[] = departmentsRaw.map((d) => ({ ...d, region: d.region ?? null, carbonSectors: d.carbonSectors ?? [] }));
  const domains: Domain[] = domainsRaw.map((d, di) => ({
    id: d.id,
    name: d.name,
    nameEn: d.nameEn,
    order: di + 1,
    taskAreas: d.taskAreas.map((t, ti) => ({ ...t, domain: d.id, order: ti + 1 })),
  }));
  return {
    ok: true,
    plan: {
      meta: {
        id: p.id,
        name: p.name,
        nameEn: p.nameEn,
        shortName: p.shortName,
        issued: p.issued,
        baseYear: p.baseYear,
        horizons: p.horizons,
        period: p.period,
        area: { value: Number(p.area.text), text: p.area.text, unit: p.area.unit },
        region: p.region,
        owner: p.owner,
        countyIndicators: p.countyIndicators,
        evidenceRequired: p.evidenceRequired,
        validation: p.validation,
        source: p.source,
      },
      domains,
      departments,
      regions,
      indicators: builtIndicators.sort((a, b) => a.code - b.code),
      categories,
      projects: projects.sort((a, b) => a.no - b.no),
      initialLinks: pr.projects
        .filter((x) => x.links)
        .map((x) => ({ project: x.no, indicators: x.links!.indicators, why: x.links!.why }))
        .sort((a, b) => a.project - b.project),
      notes,
    },
  };
}

/** Reads a 现状值 cell: a number ("74.43"), a state (在编, 建立 …) or 暂无统计数据. */
export function parseBaseline(raw: { text: string; year?: number; note?: string }, baseYear: number): Baseline | { error: [string, string] } {
  const year = raw.year ?? baseYear;
  const note = raw.note ?? null;
  if (raw.text === NO_DATA_TEXT) return { year, value: null, text: raw.text, decimals: null, state: null, noData: true, note };
  const num = /^\d+(?:\.(\d+))?$/.exec(raw.text);
  if (num) return { year, value: Number(raw.text), text: raw.text, decimals: num[1]?.length ?? 0, state: null, noData: false, note };
  const state = stateCodeOf(raw.text);
  if (state) return { year, value: null, text: raw.text, decimals: null, state, noData: false, note };
  return {
    error: [
      `无法识别的现状值“${raw.text}”：期望数值、状态（如 建立、在编）或“${NO_DATA_TEXT}”`,
      `unrecognised baseline "${raw.text}": expected a number, a state (e.g. 建立) or "${NO_DATA_TEXT}"`,
    ],
  };
}
