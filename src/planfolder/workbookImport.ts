// Reads a plan workbook (the layout of workbookLayout.ts, as `plan export-workbook` writes it or as staff fill it
// in) into the raw contents of a plan folder, then builds the plan with the same checks as a folder (buildPlan):
// target texts parsed by the target language, every cross-reference checked. Every problem is located by sheet,
// row, column and field, in Chinese and English; nothing comes back unless everything is right.
import type ExcelJS from 'exceljs';
import { buildPlan } from '../plan/build.js';
import type { Plan } from '../plan/model.js';
import type { RawPlanFiles } from '../plan/schema.js';
import { cellText, columnLetter, type LocatedProblem } from '../importers/cells.js';
import { openWorkbook } from '../importers/upload.js';
import { indicatorColumns, PLAN_FIELDS, SHEETS, splitList, WORDS, type ColumnDef, type PlanFieldKey, type SheetDef } from './workbookLayout.js';

export type WorkbookProblem = LocatedProblem;

export type WorkbookImport = { ok: true; files: RawPlanFiles; plan: Plan } | { ok: false; problems: WorkbookProblem[] };

/** One problem as a line for the terminal. */
export function formatWorkbookProblem(p: WorkbookProblem): string {
  const where = [p.sheet && `工作表“${p.sheet}”`, p.row !== null && (p.column ? `${p.column}${p.row}` : `第 ${p.row} 行`), p.field && `【${p.field}】`].filter(Boolean).join(' ');
  const whereEn = [p.sheet && `sheet "${p.sheet}"`, p.row !== null && (p.column ? `cell ${p.column}${p.row}` : `row ${p.row}`), p.field && `(${p.field})`].filter(Boolean).join(' ');
  return `${where ? `${where}：` : ''}${p.message} / ${whereEn ? `${whereEn}: ` : ''}${p.messageEn}`;
}

interface Cell {
  text: string;
  row: number;
  column: string;
  field: string;
}

interface SheetRows {
  def: SheetDef;
  name: string;
  rows: { row: number; cells: Record<string, Cell> }[];
}

/** Where each part of the raw files came from, so problems found by buildPlan point at cells. */
interface Origin {
  file: string;
  path: (string | number)[];
  sheet: string;
  row: number;
  /** Column letters by the raw field path below `path`, e.g. "targets.2025" or "departments". */
  columns: Record<string, { column: string; field: string }>;
}

export async function readPlanWorkbook(bytes: Buffer, fileName: string): Promise<WorkbookImport> {
  const opened = await openWorkbook(bytes, fileName);
  if (!opened.wb) return { ok: false, problems: [{ sheet: null, row: null, column: null, field: null, ...opened.problem }] };
  return new Reader(opened.wb).read();
}

class Reader {
  private readonly problems: WorkbookProblem[] = [];
  private readonly origins: Origin[] = [];

  constructor(private readonly wb: ExcelJS.Workbook) {}

  private problem(at: { sheet: string | null; row?: number | null; column?: string | null; field?: string | null }, message: string, messageEn: string) {
    this.problems.push({ sheet: at.sheet, row: at.row ?? null, column: at.column ?? null, field: at.field ?? null, message, messageEn });
  }

  private cellProblem(c: Cell, sheet: string, message: string, messageEn: string) {
    this.problem({ sheet, row: c.row, column: c.column, field: c.field }, message, messageEn);
  }

  private sheet(def: SheetDef, columns: readonly ColumnDef[] = def.columns, required = true): SheetRows | null {
    const ws = this.wb.worksheets.find((w) => w.name.trim() === def.name || w.name.trim().toLowerCase() === def.nameEn.toLowerCase());
    if (!ws) {
      if (required) this.problem({ sheet: def.name }, `缺少工作表“${def.name}”`, `sheet "${def.name}" (${def.nameEn}) is missing`);
      return null;
    }
    const header = ws.getRow(1);
    const at = new Map<string, number>();
    for (let c = 1; c <= header.cellCount; c++) {
      const label = cellText(header.getCell(c).value).trim();
      const targetYear = def === SHEETS.indicators ? targetColumnYear(label) : null;
      // A target column may be headed "2027年目标值", "2027 目标" or "Target 2027"; its year must be a target year.
      const column = targetYear !== null ? columns.find((x) => x.key === `target:${targetYear}`) : columns.find((x) => x.zh === label || x.en.toLowerCase() === label.toLowerCase());
      if (targetYear !== null && !column) {
        const years = columns.filter((x) => x.key.startsWith('target:')).map((x) => x.key.slice('target:'.length));
        this.problem(
          { sheet: ws.name, row: 1, column: columnLetter(c), field: label },
          `${targetYear} 年不是规划目标年（“${SHEETS.horizons.name}”表：${years.join('、') || '无'}），请删除此列或在“${SHEETS.horizons.name}”表中增加该年`,
          `${targetYear} is not a target year of the plan (sheet ${SHEETS.horizons.name}: ${years.join(', ') || 'none'}); delete the column or add the year there`,
        );
      }
      if (column) {
        if (at.has(column.key)) this.problem({ sheet: ws.name, row: 1, column: columnLetter(c), field: column.zh }, `列“${column.zh}”重复出现`, `column "${column.en}" appears twice`);
        else at.set(column.key, c);
      }
    }
    let complete = true;
    for (const column of columns)
      if (column.required && !at.has(column.key)) {
        complete = false;
        this.problem({ sheet: ws.name, row: 1, field: column.zh }, `缺少列“${column.zh}”`, `column "${column.en}" is missing`);
      }
    this.checkMerges(ws, def, columns, at);
    if (!complete) return null;
    const rows: SheetRows['rows'] = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: Record<string, Cell> = {};
      let empty = true;
      for (const column of columns) {
        const c = at.get(column.key);
        const text = c === undefined ? '' : cellText(row.getCell(c).value).trim();
        if (text) empty = false;
        cells[column.key] = { text, row: r, column: c === undefined ? '' : columnLetter(c), field: column.zh };
      }
      if (!empty) rows.push({ row: r, cells });
    }
    return { def, name: ws.name, rows };
  }

  /** 表1 merges 领域, 任务 (and a group of indicators) downwards; a merge anywhere else hides which row a value is for. */
  private checkMerges(ws: ExcelJS.Worksheet, def: SheetDef, columns: readonly ColumnDef[], at: Map<string, number>) {
    const mergeable = def === SHEETS.indicators ? ['domain', 'task', 'group'].map((k) => at.get(k)) : def === SHEETS.projects ? [at.get('category')] : [];
    const merges = (ws.model as { merges?: string[] }).merges ?? [];
    for (const range of merges) {
      const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
      if (!m) continue;
      const [, c1, r1, c2] = m;
      const column = columns.find((_, i) => columnLetter(i + 1) === c1);
      const ok = c1 === c2 && Number(r1) >= 2 && mergeable.some((c) => c !== undefined && columnLetter(c) === c1);
      if (!ok)
        this.problem(
          { sheet: ws.name, row: Number(r1), column: c1, field: column?.zh ?? null },
          `合并单元格 ${range} 的位置不允许：只有“领域”“任务”等分类列可以上下合并，请取消合并并在每一行填写`,
          `merged cells ${range} are not allowed there: only category columns (domain, task) may be merged downwards; unmerge and fill in every row`,
        );
    }
  }

  private origin(file: string, path: (string | number)[], sheet: string, row: number, cells: Record<string, Cell>, fields: Record<string, string>) {
    const columns: Origin['columns'] = {};
    for (const [rawPath, key] of Object.entries(fields)) {
      const c = cells[key];
      if (c?.column) columns[rawPath] = { column: c.column, field: c.field };
    }
    this.origins.push({ file, path, sheet, row, columns });
  }

  private int(c: Cell, sheet: string, opts: { required: boolean; min?: number; max?: number }): number | undefined {
    if (!c.text) {
      if (opts.required) this.cellProblem(c, sheet, '必填，不能为空', 'required, cannot be empty');
      return undefined;
    }
    if (!/^\d+$/.test(c.text)) {
      this.cellProblem(c, sheet, `应为整数，而不是“${c.text}”`, `should be a whole number, not "${c.text}"`);
      return undefined;
    }
    const n = Number(c.text);
    if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
      this.cellProblem(c, sheet, `应在 ${opts.min}–${opts.max} 之间，而不是 ${n}`, `should be between ${opts.min} and ${opts.max}, not ${n}`);
      return undefined;
    }
    return n;
  }

  private num(c: Cell, sheet: string): number | undefined {
    if (!c.text) return undefined;
    if (!/^-?\d+(\.\d+)?$/.test(c.text)) {
      this.cellProblem(c, sheet, `应为数字，而不是“${c.text}”`, `should be a number, not "${c.text}"`);
      return undefined;
    }
    return Number(c.text);
  }

  private text(c: Cell, sheet: string, required = true): string {
    if (!c.text && required) this.cellProblem(c, sheet, '必填，不能为空', 'required, cannot be empty');
    return c.text;
  }

  private word<T extends string>(c: Cell, sheet: string, words: Record<T, string>, required = true): T | undefined {
    if (!c.text) {
      if (required) this.cellProblem(c, sheet, '必填，不能为空', 'required, cannot be empty');
      return undefined;
    }
    for (const [code, zh] of Object.entries(words) as [T, string][]) if (c.text === zh || c.text.toLowerCase() === code.toLowerCase()) return code;
    const allowed = Object.values<string>(words).join('、');
    this.cellProblem(c, sheet, `应为 ${allowed} 之一，而不是“${c.text}”`, `should be one of ${Object.keys(words).join(', ')} (${allowed}), not "${c.text}"`);
    return undefined;
  }

  private flag(c: Cell, sheet: string): boolean | undefined {
    if (!c.text) return undefined;
    if ([WORDS.yes, '#', 'true', 'yes', 'y', '1', '√'].includes(c.text.toLowerCase())) return true;
    if ([WORDS.no, 'false', 'no', 'n', '0', '×'].includes(c.text.toLowerCase())) return false;
    this.cellProblem(c, sheet, `应为“${WORDS.yes}”“${WORDS.no}”或留空，而不是“${c.text}”`, `should be 是 (yes), 否 (no) or empty, not "${c.text}"`);
    return undefined;
  }

  read(): WorkbookImport {
    const planSheet = this.sheet(SHEETS.plan);
    const horizonSheet = this.sheet(SHEETS.horizons);
    const validationSheet = this.sheet(SHEETS.validation, SHEETS.validation.columns, false);
    const regionSheet = this.sheet(SHEETS.regions);
    const domainSheet = this.sheet(SHEETS.domains);
    const departmentSheet = this.sheet(SHEETS.departments);
    const categorySheet = this.sheet(SHEETS.categories);
    const subItemSheet = this.sheet(SHEETS.subItems, SHEETS.subItems.columns, false);
    const noteSheet = this.sheet(SHEETS.notes, SHEETS.notes.columns, false);
    // The indicator sheet's target columns follow the target years.
    const years = (horizonSheet?.rows ?? []).map((r) => Number(r.cells.year!.text)).filter((y) => Number.isInteger(y));
    const indicatorSheet = this.sheet(SHEETS.indicators, indicatorColumns(years));
    const projectSheet = this.sheet(SHEETS.projects);
    if (!planSheet || !horizonSheet || !regionSheet || !domainSheet || !departmentSheet || !indicatorSheet || !categorySheet || !projectSheet) return this.fail();

    const plan = this.readPlan(planSheet, horizonSheet, validationSheet);
    const regions = this.readRegions(regionSheet);
    const domains = this.readDomains(domainSheet);
    const departments = this.readDepartments(departmentSheet);
    const indicators = this.readIndicators(indicatorSheet, domains, years);
    const projects = this.readProjects(projectSheet, categorySheet, subItemSheet, regions);
    const notes = this.readNotes(noteSheet);
    if (this.problems.length) return this.fail();

    const files = {
      'plan.yaml': plan,
      'regions.yaml': regions,
      'domains.yaml': domains,
      'departments.yaml': departments,
      'indicators.yaml': indicators,
      'projects.yaml': projects,
      'notes.yaml': notes,
    } as unknown as RawPlanFiles;
    const built = buildPlan(files);
    if (built.ok) return { ok: true, files, plan: built.plan };
    for (const p of built.problems) this.problems.push(this.locate(p.file, p.path, p.message, p.messageEn));
    return this.fail();
  }

  private fail(): WorkbookImport {
    return { ok: false, problems: this.problems };
  }

  /** Finds the cell a problem of the raw files came from: the longest recorded path that begins the problem's path. */
  private locate(file: string, path: (string | number)[], message: string, messageEn: string): WorkbookProblem {
    let best: Origin | undefined;
    for (const o of this.origins)
      if (o.file === file && o.path.length <= path.length && o.path.every((seg, i) => seg === path[i]) && (!best || o.path.length > best.path.length)) best = o;
    // A problem of a whole object (a period that ends before it starts) points at its first part.
    best ??= this.origins.find((o) => o.file === file && path.every((seg, i) => seg === o.path[i]));
    if (!best) return { sheet: null, row: null, column: null, field: null, message, messageEn };
    const rest = path.slice(best.path.length).map(String);
    for (let n = rest.length; n >= 0; n--) {
      const hit = best.columns[rest.slice(0, n).join('.')];
      if (hit) return { sheet: best.sheet, row: best.row, column: hit.column, field: hit.field, message, messageEn };
    }
    return { sheet: best.sheet, row: best.row, column: null, field: null, message, messageEn };
  }

  private readPlan(sheet: SheetRows, horizonSheet: SheetRows, validationSheet: SheetRows | null) {
    const s = sheet.name;
    const byLabel = new Map<PlanFieldKey, Cell>();
    for (const r of sheet.rows) {
      const label = r.cells.label!.text;
      const field = PLAN_FIELDS.find((f) => f.zh === label || f.key === label || ('formerly' in f && f.formerly === label));
      if (!field) {
        this.cellProblem(r.cells.label!, s, `未知的项目“${label}”，应为：${PLAN_FIELDS.map((f) => f.zh).join('、')}`, `unknown field "${label}"`);
        continue;
      }
      byLabel.set(field.key, { ...r.cells.value!, field: field.zh });
      this.origins.push({ file: 'plan.yaml', path: fieldPath(field.key), sheet: s, row: r.row, columns: { '': { column: r.cells.value!.column, field: field.zh } } });
    }
    const get = (key: PlanFieldKey): Cell => {
      const c = byLabel.get(key);
      if (c) return c;
      const f = PLAN_FIELDS.find((x) => x.key === key)!;
      this.problem({ sheet: s, field: f.zh }, `缺少项目“${f.zh}”`, `field "${f.en}" is missing`);
      return { text: '', row: 0, column: '', field: f.zh };
    };
    const horizons = horizonSheet.rows.map((r, k) => {
      this.origin('plan.yaml', ['horizons', k], horizonSheet.name, r.row, r.cells, { year: 'year', label: 'label', labelEn: 'labelEn' });
      return { year: this.int(r.cells.year!, horizonSheet.name, { required: true, min: 1949, max: 2100 }), label: this.text(r.cells.label!, horizonSheet.name), labelEn: this.text(r.cells.labelEn!, horizonSheet.name) };
    });
    const ranges: Record<string, { min: number; max: number }> = {};
    const plausibleChange: Record<string, number> = {};
    for (const r of validationSheet?.rows ?? []) {
      const vs = validationSheet!.name;
      const code = this.int(r.cells.code!, vs, { required: true });
      if (code === undefined) continue;
      const min = this.num(r.cells.min!, vs);
      const max = this.num(r.cells.max!, vs);
      const change = this.num(r.cells.change!, vs);
      if ((min === undefined) !== (max === undefined) && (r.cells.min!.text === '') !== (r.cells.max!.text === ''))
        this.cellProblem(r.cells.min!.text ? r.cells.max! : r.cells.min!, vs, '下限与上限须同时填写', 'give both the lower and the upper bound');
      if (min !== undefined && max !== undefined) {
        ranges[String(code)] = { min, max };
        this.origin('plan.yaml', ['validation', 'ranges', String(code)], vs, r.row, r.cells, { '': 'min', min: 'min', max: 'max' });
      }
      if (change !== undefined) {
        plausibleChange[String(code)] = change;
        this.origin('plan.yaml', ['validation', 'plausibleChange', String(code)], vs, r.row, r.cells, { '': 'change' });
      }
    }
    const yearOf = (key: PlanFieldKey) => this.int(get(key), s, { required: true, min: 1949, max: 2100 });
    const numberOf = (key: PlanFieldKey) => {
      const c = get(key);
      if (!c.text && c.column) this.cellProblem(c, s, '必填，不能为空', 'required, cannot be empty');
      return this.num(c, s);
    };
    const countyCell = get('countyIndicators');
    const countyIndicators = splitList(countyCell.text).map((t) => this.int({ ...countyCell, text: t }, s, { required: true }));
    return {
      id: this.text(get('id'), s),
      name: this.text(get('name'), s),
      nameEn: this.text(get('nameEn'), s),
      shortName: this.text(get('shortName'), s),
      issued: this.text(get('issued'), s),
      baseYear: yearOf('baseYear'),
      period: { start: yearOf('periodStart'), end: yearOf('periodEnd') },
      horizons,
      area: { text: this.text(get('areaText'), s), unit: this.text(get('areaUnit'), s) },
      region: this.text(get('region'), s),
      owner: this.text(get('owner'), s),
      countyIndicators,
      evidenceRequired: this.word(get('evidenceRequired'), s, WORDS.evidence),
      validation: {
        percentRange: { min: numberOf('percentMin'), max: numberOf('percentMax') },
        ranges,
        plausibleChangePercent: numberOf('plausibleChangePercent'),
        plausibleChange,
      },
      source: this.text(get('source'), s),
    };
  }

  private readRegions(sheet: SheetRows) {
    return sheet.rows.map((r, i) => {
      const c = r.cells;
      this.origin('regions.yaml', [i], sheet.name, r.row, c, { code: 'code', name: 'name', nameEn: 'nameEn', level: 'level', type: 'type', parent: 'parent' });
      return omitEmpty({
        code: this.text(c.code!, sheet.name),
        name: this.text(c.name!, sheet.name),
        nameEn: this.text(c.nameEn!, sheet.name),
        level: this.word(c.level!, sheet.name, WORDS.level),
        type: this.word(c.type!, sheet.name, WORDS.type),
        parent: c.parent!.text || undefined,
      });
    });
  }

  private readDomains(sheet: SheetRows) {
    const domains: { id: string; name: string; nameEn: string; taskAreas: { id: string; numeral: string; name: string; nameEn: string }[] }[] = [];
    for (const r of sheet.rows) {
      const c = r.cells;
      const id = this.text(c.domainId!, sheet.name);
      let domain = domains.find((d) => d.id === id);
      if (!domain) {
        domain = { id, name: this.text(c.domain!, sheet.name), nameEn: this.text(c.domainEn!, sheet.name), taskAreas: [] };
        this.origin('domains.yaml', [domains.length], sheet.name, r.row, c, { id: 'domainId', name: 'domain', nameEn: 'domainEn' });
        domains.push(domain);
      } else if (c.domain!.text && c.domain!.text !== domain.name) {
        this.cellProblem(c.domain!, sheet.name, `领域编号“${id}”已用于“${domain.name}”，同一编号的名称须一致`, `domain id "${id}" is already named "${domain.name}"`);
      }
      this.origin('domains.yaml', [domains.indexOf(domain), 'taskAreas', domain.taskAreas.length], sheet.name, r.row, c, { id: 'taskId', numeral: 'numeral', name: 'task', nameEn: 'taskEn' });
      domain.taskAreas.push({ id: this.text(c.taskId!, sheet.name), numeral: this.text(c.numeral!, sheet.name), name: this.text(c.task!, sheet.name), nameEn: this.text(c.taskEn!, sheet.name) });
    }
    return domains;
  }

  private readDepartments(sheet: SheetRows) {
    return sheet.rows.map((r, i) => {
      const c = r.cells;
      this.origin('departments.yaml', [i], sheet.name, r.row, c, { id: 'id', name: 'name', nameEn: 'nameEn', kind: 'kind', region: 'region', carbonSectors: 'carbonSectors' });
      const sectors = splitList(c.carbonSectors?.text ?? '').map((t) => this.word({ ...c.carbonSectors!, text: t }, sheet.name, WORDS.carbonSector));
      return omitEmpty({
        id: this.text(c.id!, sheet.name),
        name: this.text(c.name!, sheet.name),
        nameEn: this.text(c.nameEn!, sheet.name),
        kind: this.word(c.kind!, sheet.name, WORDS.kind),
        region: c.region!.text || undefined,
        carbonSectors: sectors.length ? sectors : undefined,
      });
    });
  }

  private readIndicators(sheet: SheetRows, domains: ReturnType<Reader['readDomains']>, years: readonly number[]) {
    const s = sheet.name;
    return sheet.rows.map((r, i) => {
      const c = r.cells;
      this.origin('indicators.yaml', [i], s, r.row, c, {
        code: 'code', taskArea: 'task', 'group.name': 'group', 'group.nameEn': 'groupEn', name: 'name', nameEn: 'nameEn', unit: 'unit', binding: 'binding',
        local: 'local', direction: 'direction', progress: 'progress', measure: 'measure', 'baseline.text': 'baseline', baseline: 'baseline', 'baseline.year': 'baselineYear', 'baseline.note': 'note',
        targets: `target:${years[0]}`, departments: 'departments', ...Object.fromEntries(years.map((y) => [`targets.${y}`, `target:${y}`])),
      });
      // 任务 by name (or by its id), within 领域 when one is given: the table names them, the folder links by id.
      const taskText = this.text(c.task!, s);
      const domainText = c.domain!.text;
      const candidates = domains.filter((d) => !domainText || d.name === domainText || d.id === domainText).flatMap((d) => d.taskAreas);
      const task = candidates.find((t) => t.name === taskText || t.id === taskText || `${t.numeral}${t.name}` === taskText);
      if (taskText && !task)
        this.cellProblem(c.task!, s, `未知的任务“${taskText}”${domainText ? `（领域“${domainText}”）` : ''}，应为“领域与任务”表中的任务：${candidates.map((t) => t.name).join('、')}`, `unknown task "${taskText}"; expected a task of sheet 领域与任务`);
      const groupName = c.group!.text;
      const baselineYear = this.int(c.baselineYear!, s, { required: false, min: 1949, max: 2100 });
      const targets: Record<string, string> = {};
      for (const y of years) {
        const t = c[`target:${y}`]!;
        if (t.text) targets[String(y)] = t.text;
        else this.cellProblem(t, s, `缺少 ${y} 年目标值（每个目标年都须填写）`, `the ${y} target is missing (every target year needs one)`);
      }
      return omitEmpty({
        code: this.int(c.code!, s, { required: true, min: 1 }),
        group: groupName ? { name: groupName, nameEn: c.groupEn!.text || groupName } : undefined,
        name: this.text(c.name!, s),
        nameEn: this.text(c.nameEn!, s),
        taskArea: task?.id ?? taskText,
        unit: this.text(c.unit!, s),
        binding: this.word(c.binding!, s, { true: WORDS.binding.true, false: WORDS.binding.false }) === 'true',
        local: this.flag(c.local!, s) || undefined,
        direction: this.word(c.direction!, s, WORDS.direction, false) ?? null,
        progress: this.flag(c.progress!, s) === false ? false : undefined,
        measure: this.word(c.measure!, s, WORDS.measure, false),
        baseline: omitEmpty({ text: this.text(c.baseline!, s), year: baselineYear, note: c.note!.text || undefined }),
        targets,
        departments: splitList(this.text(c.departments!, s)),
      });
    });
  }

  private readProjects(sheet: SheetRows, categorySheet: SheetRows, subItemSheet: SheetRows | null, regions: { code: string; name: string }[]) {
    const s = sheet.name;
    const categories = categorySheet.rows.map((r, i) => {
      const c = r.cells;
      this.origin('projects.yaml', ['categories', i], categorySheet.name, r.row, c, { id: 'id', name: 'name', appendixName: 'appendixName', nameEn: 'nameEn' });
      return { id: this.text(c.id!, categorySheet.name), name: this.text(c.name!, categorySheet.name), nameEn: this.text(c.nameEn!, categorySheet.name), appendixName: this.text(c.appendixName!, categorySheet.name) };
    });
    const regionCode = (cell: Cell, text: string): string | undefined => {
      const hit = regions.find((x) => x.code === text || x.name === text);
      if (!hit) this.cellProblem(cell, s, `未知的行政区“${text}”，应为“行政区”表中的名称或代码`, `unknown region "${text}"; expected a name or code from sheet 行政区`);
      return hit?.code;
    };
    const projects = sheet.rows
      // The total row the export adds under the table.
      .filter((r) => !(r.cells.no!.text === '' && ['合计', 'total'].includes(r.cells.category!.text.toLowerCase())))
      .map((r, i) => {
        const c = r.cells;
        this.origin('projects.yaml', ['projects', i], s, r.row, c, {
          no: 'no', category: 'category', subcategory: 'subcategory', name: 'name', nameEn: 'nameEn', content: 'content', investment: 'investment', leads: 'leads', period: 'period', regions: 'regions',
          links: 'linkIndicators', 'links.indicators': 'linkIndicators', 'links.why': 'linkWhy',
        });
        const categoryText = this.text(c.category!, s);
        const category = categories.find((x) => x.id === categoryText || x.name === categoryText || x.appendixName === categoryText);
        if (categoryText && !category)
          this.cellProblem(c.category!, s, `未知的工程类别“${categoryText}”，应为“工程类别”表中的名称：${categories.map((x) => x.appendixName).join('、')}`, `unknown project category "${categoryText}"`);
        const period = /^(\d{4})\s*[-－—~～至]+\s*(\d{4})$/.exec(c.period!.text);
        if (!period) this.cellProblem(c.period!, s, `建设年限应写作“起始年-完成年”，如 2021-2025，而不是“${c.period!.text}”`, `the period should read "start-end", e.g. 2021-2025, not "${c.period!.text}"`);
        // Investment in 亿元 with two decimals, exact: a number typed in Excel comes back as its shortest text.
        const inv = c.investment!.text;
        let investment: string | undefined;
        if (!/^\d+(\.\d{1,2})?$/.test(inv)) this.cellProblem(c.investment!, s, `总投资应为以亿元计、最多两位小数的数字，而不是“${inv}”`, `investment should be a number in 亿元 with at most two decimals, not "${inv}"`);
        else investment = inv.includes('.') ? inv.padEnd(inv.indexOf('.') + 3, '0') : `${inv}.00`;
        const regionsText = splitList(c.regions!.text);
        // ecoplan's initial links: indicator numbers and the reason go together.
        const linkCodes = splitList(c.linkIndicators?.text ?? '').map((t) => this.int({ ...c.linkIndicators!, text: t }, s, { required: true, min: 1 }));
        const linkWhy = c.linkWhy?.text ?? '';
        if (linkCodes.length && !linkWhy) this.cellProblem(c.linkWhy!, s, '填写了初始关联指标，须同时写明关联依据', 'linked indicators need a reason (关联依据)');
        if (!linkCodes.length && linkWhy) this.cellProblem(c.linkIndicators!, s, '写了关联依据，但没有填写初始关联指标序号', 'a reason is given but no linked indicators');
        return omitEmpty({
          no: this.int(c.no!, s, { required: true, min: 1 }),
          category: category?.id ?? categoryText,
          subcategory: c.subcategory!.text || undefined,
          name: this.text(c.name!, s),
          nameEn: this.text(c.nameEn!, s),
          content: this.text(c.content!, s),
          investment,
          leads: splitList(this.text(c.leads!, s)),
          period: period ? { start: Number(period[1]), end: Number(period[2]) } : undefined,
          regions: regionsText.length ? regionsText.map((t) => regionCode(c.regions!, t)) : undefined,
          subItems: undefined as { no: number | undefined; name: string; region?: string }[] | undefined,
          links: linkCodes.length && linkWhy ? { indicators: linkCodes, why: linkWhy } : undefined,
        });
      });
    for (const r of subItemSheet?.rows ?? []) {
      const c = r.cells;
      const ss = subItemSheet!.name;
      const no = this.int(c.project!, ss, { required: true });
      const k = projects.findIndex((p) => p.no === no);
      if (no !== undefined && k < 0) {
        this.cellProblem(c.project!, ss, `没有序号为 ${no} 的重点工程`, `no key project numbered ${no}`);
        continue;
      }
      if (k < 0) continue;
      const project = projects[k]!;
      project.subItems ??= [];
      this.origin('projects.yaml', ['projects', k, 'subItems', project.subItems.length], ss, r.row, c, { no: 'no', name: 'name', region: 'region' });
      const regionText = c.region!.text;
      project.subItems.push(omitEmpty({ no: this.int(c.no!, ss, { required: true, min: 1 }), name: this.text(c.name!, ss), region: regionText ? regionCode({ ...c.region!, field: c.region!.field }, regionText) : undefined }));
    }
    return { categories, projects };
  }

  private readNotes(sheet: SheetRows | null) {
    return (sheet?.rows ?? []).map((r, i) => {
      const c = r.cells;
      this.origin('notes.yaml', [i], sheet!.name, r.row, c, { no: 'no', text: 'text', indicators: 'indicators' });
      return { no: this.int(c.no!, sheet!.name, { required: true, min: 1 }), text: this.text(c.text!, sheet!.name), indicators: splitList(c.indicators!.text).map((t) => this.int({ ...c.indicators!, text: t }, sheet!.name, { required: true, min: 1 })) };
    });
  }
}

/** The raw path of a plan-sheet field (periodStart → period.start …). */
function fieldPath(key: PlanFieldKey): (string | number)[] {
  switch (key) {
    case 'periodStart':
      return ['period', 'start'];
    case 'periodEnd':
      return ['period', 'end'];
    case 'areaText':
      return ['area', 'text'];
    case 'areaUnit':
      return ['area', 'unit'];
    case 'percentMin':
      return ['validation', 'percentRange', 'min'];
    case 'percentMax':
      return ['validation', 'percentRange', 'max'];
    case 'plausibleChangePercent':
      return ['validation', 'plausibleChangePercent'];
    default:
      return [key];
  }
}

/** Drops undefined fields, so the plan folder written from a workbook reads like one written by hand. */
function omitEmpty<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** The year of an indicator-sheet header that names a target column ("2027年目标值", "2027 目标", "Target 2027"), else null. */
export function targetColumnYear(label: string): number | null {
  const m = /^(\d{4})\s*年?\s*目标值?$/.exec(label) ?? /^target\s*(\d{4})$/i.exec(label);
  return m ? Number(m[1]) : null;
}
