/**
 * Tidy and wide tables from partners: finding the header row, guessing what each column
 * holds (with the reason, for the analyst to check), and the signature a recurring file shape
 * is remembered by.
 *
 * - Tidy: one value per row, with columns for indicator, area, period and value (and
 *   optionally numerator, denominator, unit, note, label).
 * - Wide: periods across ("2012/13", "Q1 2014/15" headers) with indicators or areas down, or
 *   areas across (headers that are the workspace's areas or ONS codes).
 * - Breakdowns: a text column that takes several values for one area and period (offence
 *   group, measure, sex, age band, deprivation quintile) tells series apart. Each combination
 *   becomes its own indicator ("Offence rate: Robbery"), or the analyst filters the table to
 *   one value of the column.
 */
import { createHash } from 'node:crypto';
import { formatSpanLabel, parsePeriodLabel } from '../../../shared/domain/periods';
import type { ImportColumn, ImportColumnRole } from '../../../shared/api/types';
import { areaKey, GSS_CODE, indicatorKey, looksLikeValue } from './cells';

export interface AreaRef {
  id: number;
  code: string;
  name: string;
}

/** What the workspace already has, for matching cells to it. */
export interface MatchContext {
  areasByCode: Map<string, AreaRef>;
  areasByKey: Map<string, AreaRef>;
  indicatorsByKey: Map<string, { id: number; name: string }>;
}

export interface TableMappingOverride {
  headerRow?: number;
  columns?: Array<{ index: number; role: ImportColumnRole }>;
  fixed?: { indicator?: string; area?: string; period?: string };
  /** Only rows whose column (named by its header) holds the value. */
  filters?: ReadonlyArray<{ column: string; value: string }>;
}

/** A filter matched to its column. */
export interface TableFilter {
  index: number;
  header: string;
  value: string;
}

export interface TableLayout {
  /** 0-based index of the header row in the sheet's rows. */
  headerIndex: number;
  header: string[];
  /** Cells in the header row as the file has it (rows of another length are reported). */
  sourceWidth: number;
  columns: ImportColumn[];
  fixed: { indicator?: string; area?: string; period?: string };
  filters: TableFilter[];
  shape: 'tidy' | 'wide';
  blocking: string | null;
}

/** Rows looked at for the header and for guessing columns. */
export const SAMPLE_ROWS = 200;

export function matchArea(ctx: MatchContext, text: string): AreaRef | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return ctx.areasByCode.get(t.toUpperCase()) ?? ctx.areasByKey.get(areaKey(t));
}

export function normaliseHeader(h: string): string {
  return h.normalize('NFKC').toLowerCase().replace(/[_\s]+/g, ' ').replace(/[:*]+$/, '').trim();
}

const HEADER_RULES: Array<{ role: ImportColumnRole; test: RegExp }> = [
  { role: 'indicator', test: /^(indicator|indicators|indicator name|indicator title|measure|measure name|metric|series|kpi|pi|performance indicator|supporting indicators?)$/ },
  { role: 'period', test: /^(period|time period|reporting period|period name|date|month|quarter|year|financial year|time|period covered)$/ },
  { role: 'value', test: /^(value|values|figure|result|amount|data|actual|count|number|rate|score|percentage|%)$/ },
  { role: 'numerator', test: /^(numerator|num|count of events)$/ },
  { role: 'denominator', test: /^(denominator|denom|population|base|cohort)$/ },
  { role: 'unit', test: /^(unit|units|unit of measure|measure type|value type)$/ },
  { role: 'note', test: /^(note|notes|comment|comments|footnote|footnotes|remarks)$/ },
  { role: 'label', test: /^(label|value label|period label|as shown)$/ },
  // Candidates only: a breakdown is kept when it takes several values for one area and period.
  { role: 'breakdown', test: /^(sex|gender|age|ages|age band|age group|offence group|offence type|offence subgroup|offence|crime type|crime group|category|category type|deprivation quintile|imd quintile|deprivation decile|quintile|decile|ethnicity|ethnic group|breakdown|sub ?group)$/ },
  { role: 'area', test: /^(area|area code|areacode|ons code|gss code|geography code|code|area name|areaname|district|district name|local authority|local authority name|la|la name|la code|geography|geography name|ward|ward name|name|csp|lad\d\dcd|lad\d\dnm)$/ },
];

function share(cells: string[], test: (c: string) => boolean): number {
  const filled = cells.filter((c) => c.trim() !== '');
  if (filled.length === 0) return 0;
  return filled.filter((c) => test(c.trim())).length / filled.length;
}

function isPeriodHeader(h: string): boolean {
  const t = h.trim();
  // A bare number other than a plausible year is a number, not a period.
  if (/^\d+$/.test(t) && !/^(19|20)\d{2}$/.test(t)) return false;
  return t !== '' && parsePeriodLabel(t).ok;
}

/** The header: the first row with two or more filled cells that a filled row follows. */
function findHeaderIndex(rows: string[][]): number {
  const limit = Math.min(rows.length - 1, 40);
  const filled = (r: string[] | undefined) => (r ?? []).filter((c) => c.trim() !== '').length;
  for (let i = 0; i < limit; i++) {
    if (filled(rows[i]) >= 2 && filled(rows[i + 1]) >= 2) return i;
  }
  return -1;
}

/** The nearest non-blank line above the header: often names what a wide table holds. */
function titleAbove(rows: string[][], headerIndex: number): string | undefined {
  for (let i = headerIndex - 1; i >= 0; i--) {
    const cells = (rows[i] ?? []).map((c) => c.trim()).filter((c) => c !== '');
    if (cells.length === 1) return cells[0];
    if (cells.length > 1) return undefined;
  }
  return undefined;
}

const quote = (h: string) => `"${h.trim() || '(blank)'}"`;

/**
 * Guesses what each column holds. Returns null when the rows are not a table of figures at
 * all (no header row, or no column of figures), so other readers can explain the file.
 */
export function detectLayout(rows: string[][], ctx: MatchContext, override?: TableMappingOverride): TableLayout | null {
  const headerIndex = override?.headerRow !== undefined ? override.headerRow - 1 : findHeaderIndex(rows);
  if (headerIndex < 0 || headerIndex >= rows.length) return null;
  const header = (rows[headerIndex] ?? []).map((h) => h.trim());
  const sourceWidth = header.length;
  const width = Math.max(header.length, ...rows.slice(headerIndex + 1, headerIndex + 1 + SAMPLE_ROWS).map((r) => r.length));
  while (header.length < width) header.push('');
  const body = rows.slice(headerIndex + 1, headerIndex + 1 + SAMPLE_ROWS).filter((r) => r.some((c) => c.trim() !== ''));
  const column = (j: number) => body.map((r) => r[j] ?? '');
  const columns: ImportColumn[] = header.map((h, index) => ({ index, header: h, role: 'ignore' as ImportColumnRole, reason: '' }));
  const numeric = columns.map((c) => share(column(c.index), looksLikeValue));
  const hasFigures = numeric.some((s) => s >= 0.6);
  if (!hasFigures && !override?.columns) return null;

  // 1. Headers that are periods or areas, over columns of figures: a wide table.
  for (const c of columns) {
    if (numeric[c.index]! < 0.5 || c.header === '') continue;
    if (isPeriodHeader(c.header)) {
      const span = parsePeriodLabel(c.header);
      c.role = 'period_values';
      c.reason = `header ${quote(c.header)} is a period (${span.ok ? formatSpanLabel(span.value) : c.header}) over a column of figures`;
    } else if (matchArea(ctx, c.header) || GSS_CODE.test(c.header)) {
      const area = matchArea(ctx, c.header);
      c.role = 'area_values';
      c.reason = area ? `header ${quote(c.header)} is the area ${area.name} (${area.code})` : `header ${quote(c.header)} is an ONS area code`;
    }
  }
  const wide = columns.some((c) => c.role === 'period_values' || c.role === 'area_values');

  // 2. Headers that name a role.
  const taken = new Set<ImportColumnRole>();
  for (const c of columns) {
    if (c.role !== 'ignore') continue;
    const h = normaliseHeader(c.header);
    const rule = HEADER_RULES.find((r) => r.test.test(h));
    if (!rule) continue;
    let role = rule.role;
    if (wide && role === 'value') continue;
    const cells = column(c.index);
    if (role === 'area') {
      const codes = share(cells, (x) => GSS_CODE.test(x));
      if (taken.has('area')) {
        role = 'area_name';
        c.reason = `header ${quote(c.header)} names areas; areas are matched by the first area column`;
      } else {
        c.reason = codes >= 0.8 ? `column ${quote(c.header)} holds ONS codes` : `header ${quote(c.header)} names areas`;
      }
    } else if (taken.has(role) && role !== 'breakdown') {
      continue;
    } else {
      c.reason = `header ${quote(c.header)} says it is the ${roleWords(role)}`;
    }
    c.role = role;
    taken.add(role);
  }

  // 3. Columns left: guess from what they hold.
  for (const c of columns) {
    if (c.role !== 'ignore') continue;
    const cells = column(c.index);
    if (cells.every((x) => x.trim() === '')) {
      c.reason = 'the column is empty';
      continue;
    }
    const codes = share(cells, (x) => GSS_CODE.test(x));
    const areas = share(cells, (x) => matchArea(ctx, x) !== undefined);
    const periods = share(cells, (x) => parsePeriodLabel(x).ok);
    const indicators = share(cells, (x) => ctx.indicatorsByKey.has(indicatorKey(x)));
    if (codes >= 0.8 && !taken.has('area')) {
      c.role = 'area';
      c.reason = `column ${quote(c.header)} holds ONS codes`;
    } else if (areas >= 0.5 && !taken.has('area')) {
      c.role = 'area';
      c.reason = `column ${quote(c.header)} holds names of this workspace's areas`;
    } else if ((codes >= 0.8 || areas >= 0.5) && !taken.has('area_name')) {
      c.role = 'area_name';
      c.reason = `column ${quote(c.header)} also names areas; areas are matched by the first area column`;
    } else if (periods >= 0.8 && !taken.has('period') && numeric[c.index]! < 0.8) {
      c.role = 'period';
      c.reason = `column ${quote(c.header)} holds periods`;
    } else if (indicators >= 0.5 && !taken.has('indicator')) {
      c.role = 'indicator';
      c.reason = `column ${quote(c.header)} holds names of this workspace's indicators`;
    } else if (numeric[c.index]! >= 0.8 && !wide && !taken.has('value')) {
      c.role = 'value';
      c.reason = `column ${quote(c.header)} holds figures`;
    } else if (numeric[c.index]! >= 0.8) {
      const value = columns.find((x) => x.role === 'value');
      c.reason = value ? `another column of figures (column ${quote(value.header)} is read as the value); choose "Value" here if this one holds it` : 'a column of figures; choose what it holds if it matters';
      continue;
    } else {
      c.reason = 'not recognised; choose what it holds if it matters';
      continue;
    }
    taken.add(c.role);
  }
  // In a wide table a text column left over names the indicator on each row.
  if (wide && !taken.has('indicator')) {
    const first = columns.find((c) => c.role === 'ignore' && numeric[c.index]! < 0.5 && column(c.index).some((x) => x.trim() !== ''));
    if (first) {
      first.role = 'indicator';
      first.reason = `a text column of a wide table, ${quote(first.header)}, names what each row holds`;
      taken.add('indicator');
    }
  }

  findBreakdowns(columns, body, numeric);

  const fixed: TableLayout['fixed'] = {};
  if (!taken.has('indicator')) {
    const title = titleAbove(rows, headerIndex);
    if (title) fixed.indicator = title;
  }

  // The user's choices win over every guess.
  if (override?.columns) {
    for (const o of override.columns) {
      const c = columns[o.index];
      if (c && c.role !== o.role) {
        c.role = o.role;
        c.reason = 'as you chose';
      } else if (c) {
        c.reason = c.reason || 'as you chose';
      }
    }
  }
  if (override?.fixed) {
    for (const key of ['indicator', 'area', 'period'] as const) {
      const v = override.fixed[key];
      if (v !== undefined) {
        if (v.trim() === '') delete fixed[key];
        else fixed[key] = v.trim();
      }
    }
  }
  const { filters, problem } = matchFilters(columns, override?.filters ?? []);
  const shape = columns.some((c) => c.role === 'period_values' || c.role === 'area_values') ? 'wide' : 'tidy';
  return { headerIndex, header, sourceWidth, columns, fixed, filters, shape, blocking: problem ?? blockingProblem(columns, fixed) };
}

/** Up to `max` distinct non-blank texts of a column, in the order first seen. */
function distinct(cells: readonly string[], max: number): string[] {
  const seen: string[] = [];
  for (const c of cells) {
    const t = c.trim();
    if (t !== '' && !seen.includes(t)) {
      seen.push(t);
      if (seen.length >= max) break;
    }
  }
  return seen;
}

const listWords = (values: readonly string[], more: boolean) => values.map((v) => `"${v}"`).join(', ') + (more ? ', ...' : '');

/**
 * Text columns that take several values for one indicator, area and period (in the rows looked
 * at) tell series apart: breakdowns. A column whose header names a breakdown ("Sex") but that
 * holds one value throughout names no series and is left out.
 */
function findBreakdowns(columns: ImportColumn[], body: string[][], numeric: number[]): void {
  const keyColumns = columns.filter((c) => c.role === 'indicator' || c.role === 'area' || c.role === 'period').map((c) => c.index);
  const keyOf = (r: string[]) => keyColumns.map((j) => (r[j] ?? '').trim()).join('\u0001');
  const keys = body.map(keyOf);
  for (const c of columns) {
    const named = c.role === 'breakdown';
    if (!named && (c.role !== 'ignore' || numeric[c.index]! >= 0.5)) continue;
    const cells = body.map((r) => r[c.index] ?? '');
    const values = distinct(cells, 6);
    if (values.length === 0) {
      if (named) Object.assign(c, { role: 'ignore', reason: 'the column is empty' });
      continue;
    }
    const first = new Map<string, string>();
    let varies = false;
    for (let i = 0; i < body.length && !varies; i++) {
      const text = cells[i]!.trim();
      const before = first.get(keys[i]!);
      if (before === undefined) first.set(keys[i]!, text);
      else if (before !== text) varies = true;
    }
    if (varies) {
      c.role = 'breakdown';
      c.reason = `column ${quote(c.header)} takes several values for the same ${keyColumns.length > 0 ? 'indicator, area and period' : 'row'} (${listWords(values.slice(0, 5), values.length > 5)}): each becomes its own series, or filter to one`;
    } else if (named) {
      c.role = 'ignore';
      c.reason =
        values.length === 1
          ? `column ${quote(c.header)} holds ${quote(values[0]!)} on every row: it names no series`
          : `column ${quote(c.header)} never takes two values for the same area and period: it names no series`;
    }
  }
}

/** The analyst's filters matched to columns by header; a filter naming no column is a problem. */
function matchFilters(columns: ImportColumn[], wanted: ReadonlyArray<{ column: string; value: string }>): { filters: TableFilter[]; problem: string | null } {
  const filters: TableFilter[] = [];
  for (const f of wanted) {
    const c = columns.find((x) => normaliseHeader(x.header) === normaliseHeader(f.column)) ?? columns.find((x) => columnLetter(x.index) === f.column.trim().toUpperCase());
    if (!c) {
      const names = columns.filter((x) => x.header !== '').map((x) => quote(x.header));
      return { filters, problem: `There is no column ${quote(f.column)} to filter on; the columns are ${names.join(', ')}.` };
    }
    if (c.role !== 'ignore' && c.role !== 'breakdown') {
      return { filters, problem: `Column ${quote(c.header)} holds the ${roleWords(c.role)}, so it cannot also filter the rows; filter on a breakdown column.` };
    }
    c.role = 'ignore';
    c.reason = `only rows where it is ${quote(f.value)} (your filter)`;
    filters.push({ index: c.index, header: c.header, value: f.value.trim() });
  }
  return { filters, problem: null };
}

/** "A", "B", ... "AA": how a spreadsheet names column `index` (0-based). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function roleWords(role: ImportColumnRole): string {
  switch (role) {
    case 'area_name':
      return 'area name';
    case 'period_values':
      return 'values for the period in the header';
    case 'area_values':
      return 'values for the area in the header';
    case 'breakdown':
      return 'breakdown (one series for each value)';
    case 'ignore':
      return 'nothing to import';
    default:
      return role;
  }
}

/** What a mapping lacks before it can be imported, in words; null when it has all it needs. */
export function blockingProblem(columns: ImportColumn[], fixed: TableLayout['fixed']): string | null {
  const has = (role: ImportColumnRole) => columns.some((c) => c.role === role);
  const count = (role: ImportColumnRole) => columns.filter((c) => c.role === role).length;
  const missing: string[] = [];
  const acrossPeriods = has('period_values');
  const acrossAreas = has('area_values');
  if (acrossPeriods && acrossAreas) return 'Some headers are read as periods and others as areas; a table can have periods across or areas across, not both. Set the wrong ones to "ignore".';
  for (const role of ['indicator', 'area', 'period', 'value', 'numerator', 'denominator', 'unit', 'note', 'label'] as const) {
    if (count(role) > 1) return `${count(role)} columns are set to "${roleWords(role)}"; choose one.`;
  }
  if (!has('indicator') && !fixed.indicator) missing.push('the indicator (a column, or type the indicator\'s name)');
  if (!acrossAreas && !has('area') && !fixed.area) missing.push('the area (a column of area codes or names, or type the area)');
  if (!acrossPeriods && !has('period') && !fixed.period) missing.push('the period (a column, or type the period)');
  if (!acrossPeriods && !acrossAreas && !has('value')) missing.push('the value (a column of figures)');
  if (missing.length === 0) return null;
  return `Boardpack cannot tell ${missing.length > 1 ? 'these' : 'this'} from the table: ${missing.join('; ')}.`;
}

/**
 * The shape's fingerprint: the normalised header, with period headers (which move on every
 * quarter) folded into one token, so next quarter's file with one more column still matches.
 */
export function headerSignature(header: string[]): string {
  const tokens: string[] = [];
  for (const h of header) {
    const t = isPeriodHeader(h) ? '<period>' : normaliseHeader(h);
    if (t === '<period>' && tokens[tokens.length - 1] === '<period>') continue;
    tokens.push(t);
  }
  while (tokens.length > 0 && tokens[tokens.length - 1] === '') tokens.pop();
  return createHash('sha256').update(tokens.join('\u0001')).digest('hex').slice(0, 16);
}
