/**
 * ONS files the workspace's areas and rates come from:
 *
 * - mid-year population estimates (`readOnsPopulation`): one row per area, columns Code, Name,
 *   Geography, All ages, possibly followed by one column per single year of age. ONS publishes
 *   them with a byte-order mark, CRLF line endings and quoted names with commas
 *   ("Kingston upon Hull, City of"); copies saved from the spreadsheet version may have title
 *   lines above the header and notes below the table, which are skipped;
 * - the district -> Community Safety Partnership -> Police Force Area lookup
 *   (`readAreaLookup`), e.g. `lad16-csp16-pfa16-lookup.csv` (LAD16CD, LAD16NM, CSP16CD, ...;
 *   any year's edition).
 *
 * Both read the whole file (they are tens of kilobytes) and return either every row or an
 * error naming the file, row and column, never a partial table.
 */
import { basename } from 'node:path';
import { fail, type Result } from '../../../shared/domain/types';
import { isBlankRow, parseCsvText, readTextFile } from './text-source';

export interface OnsPopulationRow {
  /** GSS code, e.g. E10000018. */
  code: string;
  name: string;
  /** As ONS writes it: "County", "Non-metropolitan District", "Region", ... ('' if absent). */
  geography: string;
  population: number;
  /** The mid-year of the estimate: 2023 for mid-2023. */
  year: number;
}

export interface AreaLookupRow {
  districtCode: string;
  districtName: string;
  cspCode: string;
  cspName: string;
  forceCode: string;
  forceName: string;
}

/** Rows looked at for the header: spreadsheet copies put a few title lines above it. */
const HEADER_SEARCH_ROWS = 20;

/** Errors listed in one message before the rest are summarised. */
const MAX_LISTED_ERRORS = 5;

const GSS_CODE = /^[EWSNKJ]\d{8}$/;

/** "mid2023", "mid-2023", "MYE mid_2023" in a file name -> 2023. */
export function inferEstimateYear(file: string): number | undefined {
  return midYear(basename(file));
}

/**
 * Reads an ONS mid-year population estimates CSV. `year` defaults to the year the file gives
 * (see `onsPopulationFromRows`).
 */
export async function readOnsPopulation(file: string, year?: number): Promise<Result<OnsPopulationRow[]>> {
  const name = basename(file);
  if (year !== undefined && (!Number.isInteger(year) || year < 1900 || year > 2100)) return fail(`${year} is not a year for ${name}; give a year such as 2023.`);
  const table = await readTable(file);
  if (!table.ok) return table;
  return onsPopulationFromRows(table.value.rows, { file: name, sheet: '', year });
}

/** Header words of the column that holds each area's total population. */
const STRONG_TOTAL_HEADERS = new Set(['all ages', 'population', 'total population', 'usual resident population', 'population estimate', 'mid-year population estimate', 'mid-year estimate']);
/** Headers that are the total only in a file that says it holds populations. */
const TOTAL_HEADERS = new Set(['persons', 'all persons', 'total']);
/** A header that is a year, or a year with population words: "2023", "Mid-2023", "Population 2023", "mid_2023 all ages". */
const YEAR_HEADER = /^(?:(?:all ages|population|total population|persons|estimate|mid[- _]?year|mye)[ ,:_-]*)?(?:mid[- _]?)?((?:19|20)\d{2})(?:[ ,:_-]*(?:population|all ages|persons|estimate))?$/;
const CODE_HEADERS = new Set(['code', 'area code', 'geography code', 'ons code', 'gss code', 'la code', 'local authority code', 'mnemonic', 'area codes']);
const NAME_HEADERS = new Set(['name', 'area name', 'geography name', 'la name', 'local authority name', 'local authority', 'area', 'area names']);
/** Columns a tidy table of figures has and a population table does not. */
const TIDY_HEADERS = new Set(['indicator', 'indicator name', 'measure', 'period', 'time period', 'value', 'date', 'quarter', 'month', 'financial year']);

/** Words that say a table is of population estimates, and enough of the text before new text to catch one across the join. */
const POPULATION_WORDS = /population|mid[-_ ]?year|\bmye|estimates/i;
const WORDS_OVERLAP = 16;

interface PopulationHeader {
  index: number;
  header: string[];
  codeCol: number;
  nameCol: number;
  geographyCol: number;
  /** Each column of totals, with the year its header names (null: the year comes from elsewhere). */
  counts: Array<{ col: number; year: number | null }>;
}

/**
 * The header of an ONS-style population table, wherever it is in the first rows: a code column
 * and a column of totals headed "All ages", "Population" or a year ("2023", "Mid-2023"; several
 * years may sit side by side), and nothing a table of indicators has.
 */
export function findPopulationHeader(rows: readonly string[][], source: { file: string; sheet: string }): PopulationHeader | undefined {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  // A header of bare years ("2022", "2023") is a population table only when something says so
  // (the file, the sheet or a title row above the header): a table of crimes by year has the
  // same shape. Each row above is searched once, with the end of the text before it.
  let saysPopulation = POPULATION_WORDS.test(`${source.file} ${source.sheet} `);
  let tail = `${source.file} ${source.sheet} `.slice(-WORDS_OVERLAP);
  for (let i = 0; i < limit; i++) {
    if (i > 0) {
      const added = `${tail}${i > 1 ? ' ' : ''}${rows[i - 1]!.join(' ')}`;
      saysPopulation ||= POPULATION_WORDS.test(added);
      tail = added.slice(-WORDS_OVERLAP);
    }
    const header = headerOf(rows[i]);
    if (header.some((h) => TIDY_HEADERS.has(h))) continue;
    const codeCol = header.findIndex((h) => CODE_HEADERS.has(h) || /^[a-z]{2,5}\d{2}cd$/.test(h));
    if (codeCol < 0) continue;
    const geographyCode = header.includes('geography code');
    let nameCol = header.findIndex((h) => NAME_HEADERS.has(h) || /^[a-z]{2,5}\d{2}nm$/.test(h));
    if (nameCol < 0 && geographyCode) nameCol = header.indexOf('geography');
    const geographyCol = header.findIndex((h, j) => j !== nameCol && (/^geography\d*$/.test(h) || h === 'area type'));
    const allAges = header.indexOf('all ages');
    let counts: PopulationHeader['counts'];
    if (allAges >= 0) counts = [{ col: allAges, year: null }];
    else {
      counts = header.flatMap((h, col) => {
        const m = YEAR_HEADER.exec(h);
        return m && col !== codeCol && col !== nameCol && (saysPopulation || /population|all ages|mid/.test(h)) ? [{ col, year: Number(m[1]) }] : [];
      });
      if (counts.length === 0) {
        const total = header.findIndex((h) => STRONG_TOTAL_HEADERS.has(h) || (saysPopulation && TOTAL_HEADERS.has(h)));
        if (total >= 0) counts = [{ col: total, year: null }];
      }
    }
    if (counts.length === 0) continue;
    return { index: i, header, codeCol, nameCol, geographyCol, counts };
  }
  return undefined;
}

/** "Mid-2023", "mid 2023", "mid-year 2023" in a title, sheet or file name -> 2023. */
function midYear(text: string): number | undefined {
  const match = /mid[-_ ]?(?:year[-_ ]?)?((?:19|20)\d{2})(?!\d)/i.exec(text);
  return match ? Number(match[1]) : undefined;
}

/**
 * Reads the rows of an ONS population table (a CSV's, or an .xlsx sheet's). The year of the
 * estimates comes from, in order: `year` (the CLI's --year or the Import screen's field), the
 * column's header ("2023", "Mid-2023"), or the file's name, a title line above the header and
 * the sheet's name ("mid-2023"), which must agree.
 */
export function onsPopulationFromRows(rows: readonly string[][], source: { file: string; sheet: string; year?: number }): Result<OnsPopulationRow[]> {
  const name = source.file;
  const found = findPopulationHeader(rows, source);
  if (found === undefined) {
    const withCode = findHeader(rows, (header) => header.includes('code') || header.includes('area code'));
    if (withCode !== undefined) {
      const columns = (rows[withCode.index] as string[]).map((c) => c.trim()).filter((c) => c !== '');
      const shown = columns.slice(0, 8).join(', ') + (columns.length > 8 ? ', ...' : '');
      return fail(`${name}, row ${withCode.index + 1}: there is no "All ages" column (the total population of each area); the columns are ${shown}.`);
    }
    const first = rows.find((r) => !isBlankRow(r));
    const saw = first ? `; its first row is "${first.slice(0, 6).join(', ')}${first.length > 6 ? ', ...' : ''}"` : '';
    return fail(`${name} is not an ONS population estimates table: no header row with "Code" and "All ages" columns${saw}.`);
  }
  const { index: headerIndex, header, codeCol, nameCol, geographyCol } = found;
  if (header.includes('sex')) {
    return fail(`${name}, row ${headerIndex + 1}: the table is split by sex (it has a "Sex" column); use the table for all persons.`);
  }
  if (nameCol < 0) return fail(`${name}, row ${headerIndex + 1}: there is no "Name" column.`);
  const headerText = rows[headerIndex] as string[];

  // Which column holds which year.
  let counts = found.counts;
  const given = source.year;
  if (given !== undefined && (!Number.isInteger(given) || given < 1900 || given > 2100)) return fail(`${given} is not a year for ${name}; give a year such as 2023.`);
  if (counts.some((c) => c.year !== null)) {
    if (given !== undefined) {
      counts = counts.filter((c) => c.year === given);
      if (counts.length === 0) return fail(`${name} has no column for ${given}; its years are ${found.counts.map((c) => c.year).join(', ')}.`);
    }
  } else {
    let year = given;
    if (year === undefined) {
      const titles = rows.slice(0, headerIndex).map((r) => r.join(' '));
      const clues = [
        { where: 'its name', year: midYear(name) },
        ...titles.map((t) => ({ where: `the title "${t.trim().slice(0, 80)}"`, year: midYear(t) })),
        { where: `the sheet's name "${source.sheet}"`, year: midYear(source.sheet) ?? (/^\s*((?:19|20)\d{2})\s*$/.exec(source.sheet) ? Number(source.sheet.trim()) : undefined) },
      ].filter((c): c is { where: string; year: number } => c.year !== undefined);
      const years = [...new Set(clues.map((c) => c.year))];
      if (years.length > 1) {
        return fail(`${name} names more than one year (${clues.map((c) => `${c.year} in ${c.where}`).join(', ')}); give the year of the estimates (the Import screen's year field, or --year on the command line).`);
      }
      year = years[0];
    }
    if (year === undefined) {
      return fail(`Cannot tell which year's estimates ${name} holds: its name, title and header give no year such as "mid-2023". Give the year (the Import screen's year field, or --year on the command line), or rename the file.`);
    }
    counts = counts.map((c) => ({ ...c, year }));
  }

  const out: OnsPopulationRow[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const row = rows[i] as string[];
    const rowNumber = i + 1;
    const code = cell(row, codeCol).toUpperCase();
    // Blank lines, and notes under the table ("Source: ONS", "Figures may not sum"), hold no figure.
    if (counts.every((c) => cell(row, c.col) === '') && !GSS_CODE.test(code)) continue;
    if (!GSS_CODE.test(code)) {
      if (isNote(row)) continue;
      errors.push(`row ${rowNumber}, column ${headerText[codeCol]?.trim() || 'Code'}: "${cell(row, codeCol)}" is not an ONS area code such as E10000018`);
      continue;
    }
    const earlier = seen.get(code);
    if (earlier !== undefined) {
      errors.push(`row ${rowNumber}, column ${headerText[codeCol]?.trim() || 'Code'}: ${code} is also on row ${earlier}`);
      continue;
    }
    seen.set(code, rowNumber);
    for (const c of counts) {
      const populationText = cell(row, c.col);
      const population = parseCount(populationText);
      if (population === undefined) {
        errors.push(`row ${rowNumber}, column ${headerText[c.col]?.trim() || 'All ages'}: "${populationText}" is not a whole number of people`);
        continue;
      }
      out.push({ code, name: cell(row, nameCol), geography: cell(row, geographyCol), population, year: c.year as number });
    }
  }
  if (errors.length > 0) return fail(listErrors(name, errors));
  if (out.length === 0) return fail(`${name} has a header but no rows: no areas under it.`);
  return { ok: true, value: out };
}

/** A line of notes under a table ("Source: ...", "Note 1: ..."): one filled cell of words. */
function isNote(row: readonly string[]): boolean {
  const filled = row.map((c) => c.trim()).filter((c) => c !== '');
  return filled.length === 1 && /[a-z]{3,}/i.test(filled[0]!) && !/\d{4,}/.test(filled[0]!.replace(/\b(19|20)\d{2}\b/g, ''));
}

/** Reads an ONS district -> CSP -> police force area lookup (LADyyCD, LADyyNM, CSPyyCD, ...; or any headers, by its codes). */
export async function readAreaLookup(file: string): Promise<Result<AreaLookupRow[]>> {
  const table = await readTable(file);
  if (!table.ok) return table;
  return areaLookupFromRows(table.value.rows, basename(file));
}

const LOOKUP_COLUMNS = [
  { key: 'districtCode', pattern: /^lad\d{2}cd$/, label: 'LADyyCD (district code)' },
  { key: 'districtName', pattern: /^lad\d{2}nm$/, label: 'LADyyNM (district name)' },
  { key: 'cspCode', pattern: /^csp\d{2}cd$/, label: 'CSPyyCD (community safety partnership code)' },
  { key: 'cspName', pattern: /^csp\d{2}nm$/, label: 'CSPyyNM (community safety partnership name)' },
  { key: 'forceCode', pattern: /^pfa\d{2}cd$/, label: 'PFAyyCD (police force area code)' },
  { key: 'forceName', pattern: /^pfa\d{2}nm$/, label: 'PFAyyNM (police force area name)' },
] as const;

/** The codes of each level of the lookup, whatever the vintage (LAD16, LAD19, LAD23...). */
const LEVEL_CODES = {
  district: { pattern: /^(E06|E07|E08|E09|W06)\d{6}$/, words: 'district codes (E06, E07, E08, E09, W06)' },
  csp: { pattern: /^(E22|W22)\d{6}$/, words: 'community safety partnership codes (E22, W22)' },
  force: { pattern: /^(E23|W15)\d{6}$/, words: 'police force area codes (E23, W15)' },
} as const;
type Level = keyof typeof LEVEL_CODES;

interface LookupLayout {
  headerIndex: number;
  columns: Array<{ key: (typeof LOOKUP_COLUMNS)[number]['key']; index: number; label: string }>;
}

/**
 * Finds a lookup's columns by what they hold: a column of district codes, one of CSP codes and
 * one of force area codes (90% of their cells), each with its names in the column whose header
 * pairs with the code's ("lad-code" / "lad-name", "PFA21CD" / "PFA21NM") or, failing that, the
 * column just after it. Headers may be renamed and the file ; or tab separated.
 */
export function findLookupByCodes(rows: readonly string[][]): LookupLayout | { error: string } | undefined {
  const limit = Math.min(rows.length - 1, HEADER_SEARCH_ROWS);
  for (let h = 0; h < limit; h++) {
    const header = headerOf(rows[h]);
    if (header.filter((c) => c !== '').length < 3) continue;
    const body: (readonly string[])[] = [];
    for (let i = h + 1; i < rows.length && body.length < 200; i++) if (!isBlankRow(rows[i]!)) body.push(rows[i]!);
    if (body.length === 0) continue;
    // Each column's non-blank cells, read once (a wide file has a hundred columns to try).
    const columnCells = new Map<number, string[]>();
    const cellsOf = (j: number) => {
      let cells = columnCells.get(j);
      if (!cells) columnCells.set(j, (cells = body.map((r) => (r[j] ?? '').trim().toUpperCase()).filter((c) => c !== '')));
      return cells;
    };
    const share = (j: number, test: RegExp) => {
      const cells = cellsOf(j);
      return cells.length === 0 ? 0 : cells.filter((c) => test.test(c)).length / cells.length;
    };
    /** share(j, test) >= least, stopping once the cells that fail leave too few to reach it. */
    const mostly = (j: number, test: RegExp, least: number) => {
      const cells = cellsOf(j);
      if (cells.length === 0) return 0 >= least;
      let misses = 0;
      for (const c of cells) if (!test.test(c) && (cells.length - ++misses) / cells.length < least) return false;
      return true;
    };
    const width = Math.max(header.length, ...body.map((r) => r.length));
    const found: Partial<Record<Level, number>> = {};
    for (const level of Object.keys(LEVEL_CODES) as Level[]) {
      for (let j = 0; j < width; j++) {
        if (Object.values(found).includes(j)) continue;
        if (mostly(j, LEVEL_CODES[level].pattern, 0.9) && !LEVEL_CODES[level].pattern.test((rows[h]![j] ?? '').trim().toUpperCase())) {
          found[level] = j;
          break;
        }
      }
    }
    const levels = Object.keys(found) as Level[];
    // A table with a district column alone is an ordinary table of figures, not a lookup; nor
    // is one with columns of figures beside its codes (a row number such as ONS's FID is not one).
    if (levels.length <= 1) continue;
    let figures = false;
    for (let j = 0; j < width && !figures; j++) figures = !/^(fid|objectid|object id|id|row|no\.?|#)$/.test(header[j] ?? '') && mostly(j, /^-?[\d,]+(\.\d+)?%?$/, 0.8);
    if (figures) continue;
    if (levels.length < 3) {
      const lacking = (Object.keys(LEVEL_CODES) as Level[]).filter((l) => found[l] === undefined);
      return { error: `row ${h + 1}: the file has ${levels.map((l) => LEVEL_CODES[l].words).join(' and ')} but no column of ${lacking.map((l) => LEVEL_CODES[l].words).join(' or ')}` };
    }
    const codeColumns = new Set(Object.values(found));
    const nameOf = (level: Level): number | { error: string } => {
      const j = found[level]!;
      const codeHeader = header[j] ?? '';
      const paired = codeHeader.replace(/cd$/, 'nm').replace(/code/, 'name');
      const byHeader = paired !== codeHeader ? header.findIndex((x, k) => x === paired && !codeColumns.has(k)) : -1;
      if (byHeader >= 0) return byHeader;
      const next = j + 1;
      if (!codeColumns.has(next) && share(next, /[A-Za-z]/) >= 0.9 && share(next, GSS_CODE) < 0.1) return next;
      return { error: `row ${h + 1}: no column of names beside the ${LEVEL_CODES[level].words} in column "${(rows[h]![j] ?? '').trim()}"` };
    };
    const names = { district: nameOf('district'), csp: nameOf('csp'), force: nameOf('force') };
    for (const n of Object.values(names)) if (typeof n !== 'number') return n;
    const columns: LookupLayout['columns'] = [
      { key: 'districtCode', index: found.district!, label: 'district code' },
      { key: 'districtName', index: names.district as number, label: 'district name' },
      { key: 'cspCode', index: found.csp!, label: 'community safety partnership code' },
      { key: 'cspName', index: names.csp as number, label: 'community safety partnership name' },
      { key: 'forceCode', index: found.force!, label: 'police force area code' },
      { key: 'forceName', index: names.force as number, label: 'police force area name' },
    ];
    return { headerIndex: h, columns };
  }
  return undefined;
}

/** True when the rows look like an area lookup (by ONS header names or by their codes). */
export function looksLikeAreaLookup(rows: readonly string[][]): boolean {
  if (findHeader(rows, (header) => header.some((h) => LOOKUP_COLUMNS[0].pattern.test(h)) && header.some((h) => LOOKUP_COLUMNS[2].pattern.test(h)))) return true;
  const byCodes = findLookupByCodes(rows);
  return byCodes !== undefined;
}

/** Reads the rows of a district -> CSP -> police force area lookup. */
export function areaLookupFromRows(rows: readonly string[][], name: string): Result<AreaLookupRow[]> {
  let layout: LookupLayout;
  const found = findHeader(rows, (header) => header.some((h) => LOOKUP_COLUMNS[0].pattern.test(h)));
  const columnsByName = found ? LOOKUP_COLUMNS.map((w) => ({ ...w, index: found.header.findIndex((h) => w.pattern.test(h)) })) : [];
  if (found && columnsByName.every((c) => c.index >= 0)) {
    layout = { headerIndex: found.index, columns: columnsByName };
  } else {
    const byCodes = findLookupByCodes(rows);
    if (byCodes && !('error' in byCodes)) layout = byCodes;
    else if (found) {
      const missing = columnsByName.filter((c) => c.index < 0);
      return fail(`${name}, row ${found.index + 1}: missing ${missing.length === 1 ? 'column' : 'columns'} ${missing.map((c) => c.label).join(', ')}.`);
    } else if (byCodes) {
      return fail(`${name}, ${byCodes.error}.`);
    } else {
      return fail(`${name} is not an ONS district to community safety partnership to police force area lookup: no header row with a LADyyCD column (e.g. LAD16CD), and no columns of district, CSP and police force area codes.`);
    }
  }
  const { headerIndex, columns } = layout;
  const headerText = rows[headerIndex] as string[];

  const out: AreaLookupRow[] = [];
  const errors: string[] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const row = rows[i] as string[];
    if (isBlankRow(row)) continue;
    const values = columns.map((c) => cell(row, c.index));
    let bad = false;
    for (const [k, c] of columns.entries()) {
      const value = values[k] as string;
      const columnName = headerText[c.index]?.trim() || c.label;
      if (c.key.endsWith('Code') && !GSS_CODE.test(value)) {
        errors.push(`row ${i + 1}, column ${columnName}: "${value}" is not an ONS area code`);
        bad = true;
      } else if (c.key.endsWith('Name') && value === '') {
        errors.push(`row ${i + 1}, column ${columnName}: the name is blank`);
        bad = true;
      }
    }
    if (bad) continue;
    const [districtCode, districtName, cspCode, cspName, forceCode, forceName] = values as [string, string, string, string, string, string];
    out.push({ districtCode, districtName, cspCode, cspName, forceCode, forceName });
  }
  if (errors.length > 0) return fail(listErrors(name, errors));
  if (out.length === 0) return fail(`${name} has a header but no rows: no districts under it.`);
  return { ok: true, value: out };
}

async function readTable(file: string): Promise<Result<{ rows: string[][] }>> {
  const name = basename(file);
  const text = await readTextFile(file);
  if (!text.ok) return fail(text.error);
  if (text.text.trim() === '') return fail(`${name} is empty.`);
  const parsed = parseCsvText(text.text);
  const problem = parsed.problems[0];
  if (problem) {
    return fail(`${name}${problem.rowNumber === undefined ? '' : `, row ${problem.rowNumber}`}: ${problem.message}; check the file opens correctly in a spreadsheet.`);
  }
  return { ok: true, value: { rows: parsed.rows } };
}

function findHeader(rows: readonly string[][], isHeader: (header: string[]) => boolean): { index: number; header: string[] } | undefined {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const header = headerOf(rows[i]);
    if (isHeader(header)) return { index: i, header };
  }
  return undefined;
}

function normaliseHeader(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** A row's cells as headers: each row is normalised once, however many shapes look at it. */
const normalisedRows = new WeakMap<readonly string[], string[]>();
function headerOf(row: readonly string[] | undefined): string[] {
  if (!row) return [];
  let header = normalisedRows.get(row);
  if (!header) normalisedRows.set(row, (header = row.map(normaliseHeader)));
  return header;
}

function cell(row: string[], index: number): string {
  return index < 0 ? '' : (row[index] ?? '').trim();
}

/** "734015", "734,015", " 734 015 " -> 734015; anything else (blank, decimals, "-") -> undefined. */
function parseCount(text: string): number | undefined {
  const digits = text.replace(/[,\s]/g, '');
  if (!/^\d+$/.test(digits)) return undefined;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : undefined;
}

function listErrors(name: string, errors: string[]): string {
  const listed = errors.slice(0, MAX_LISTED_ERRORS).join('; ');
  const more = errors.length > MAX_LISTED_ERRORS ? `; and ${errors.length - MAX_LISTED_ERRORS} more` : '';
  return `${name}: ${listed}${more}.`;
}
