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
  const match = /mid[-_ ]?((?:19|20)\d{2})(?!\d)/i.exec(basename(file));
  return match ? Number(match[1]) : undefined;
}

/**
 * Reads an ONS mid-year population estimates CSV. `year` defaults to the year in the file's
 * name ("..._mid2023_...").
 */
export async function readOnsPopulation(file: string, year?: number): Promise<Result<OnsPopulationRow[]>> {
  const name = basename(file);
  let estimateYear: number;
  if (year === undefined) {
    const inferred = inferEstimateYear(file);
    if (inferred === undefined) {
      return fail(`Cannot tell which year's estimates ${name} holds: its name has no year such as "mid2023". Rename the file or give the year.`);
    }
    estimateYear = inferred;
  } else {
    if (!Number.isInteger(year) || year < 1900 || year > 2100) return fail(`${year} is not a year for ${name}; give a year such as 2023.`);
    estimateYear = year;
  }

  const table = await readTable(file);
  if (!table.ok) return table;
  const { rows } = table.value;

  const found = findHeader(rows, (header) => header.includes('all ages') && (header.includes('code') || header.includes('area code')));
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
  const { index: headerIndex, header } = found;
  if (header.includes('sex')) {
    return fail(`${name}, row ${headerIndex + 1}: the table is split by sex (it has a "Sex" column); use the table for all persons.`);
  }
  const codeCol = firstIndex(header, ['code', 'area code']);
  const nameCol = firstIndex(header, ['name', 'area name']);
  const geographyCol = header.findIndex((h) => /^geography\d*$/.test(h) || h === 'area type');
  const allAgesCol = header.indexOf('all ages');
  if (nameCol < 0) return fail(`${name}, row ${headerIndex + 1}: there is no "Name" column.`);

  const out: OnsPopulationRow[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const row = rows[i] as string[];
    const rowNumber = i + 1;
    const code = cell(row, codeCol);
    const populationText = cell(row, allAgesCol);
    // Blank lines, and notes under the table ("Source: ONS", "Figures may not sum"), hold no figure.
    if (populationText === '' && !GSS_CODE.test(code)) continue;
    if (!GSS_CODE.test(code)) {
      errors.push(`row ${rowNumber}, column Code: "${code}" is not an ONS area code such as E10000018`);
      continue;
    }
    const population = parseCount(populationText);
    if (population === undefined) {
      errors.push(`row ${rowNumber}, column All ages: "${populationText}" is not a whole number of people`);
      continue;
    }
    const earlier = seen.get(code);
    if (earlier !== undefined) {
      errors.push(`row ${rowNumber}, column Code: ${code} is also on row ${earlier}`);
      continue;
    }
    seen.set(code, rowNumber);
    out.push({ code, name: cell(row, nameCol), geography: cell(row, geographyCol), population, year: estimateYear });
  }
  if (errors.length > 0) return fail(listErrors(name, errors));
  if (out.length === 0) return fail(`${name} has a header but no areas under it.`);
  return { ok: true, value: out };
}

/** Reads an ONS district -> CSP -> police force area lookup (LADyyCD, LADyyNM, CSPyyCD, ...). */
export async function readAreaLookup(file: string): Promise<Result<AreaLookupRow[]>> {
  const name = basename(file);
  const table = await readTable(file);
  if (!table.ok) return table;
  const { rows } = table.value;

  const wanted = [
    { key: 'districtCode', pattern: /^lad\d{2}cd$/, label: 'LADyyCD (district code)' },
    { key: 'districtName', pattern: /^lad\d{2}nm$/, label: 'LADyyNM (district name)' },
    { key: 'cspCode', pattern: /^csp\d{2}cd$/, label: 'CSPyyCD (community safety partnership code)' },
    { key: 'cspName', pattern: /^csp\d{2}nm$/, label: 'CSPyyNM (community safety partnership name)' },
    { key: 'forceCode', pattern: /^pfa\d{2}cd$/, label: 'PFAyyCD (police force area code)' },
    { key: 'forceName', pattern: /^pfa\d{2}nm$/, label: 'PFAyyNM (police force area name)' },
  ] as const;

  const found = findHeader(rows, (header) => header.some((h) => wanted[0].pattern.test(h)));
  if (found === undefined) {
    return fail(`${name} is not an ONS district to community safety partnership to police force area lookup: no header row with a LADyyCD column (e.g. LAD16CD).`);
  }
  const { index: headerIndex, header } = found;
  const columns = wanted.map((w) => ({ ...w, index: header.findIndex((h) => w.pattern.test(h)) }));
  const missing = columns.filter((c) => c.index < 0);
  if (missing.length > 0) {
    return fail(`${name}, row ${headerIndex + 1}: missing ${missing.length === 1 ? 'column' : 'columns'} ${missing.map((c) => c.label).join(', ')}.`);
  }
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
      const columnName = headerText[c.index]?.trim() ?? c.label;
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
  if (out.length === 0) return fail(`${name} has a header but no districts under it.`);
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

function findHeader(rows: string[][], isHeader: (header: string[]) => boolean): { index: number; header: string[] } | undefined {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const header = (rows[i] as string[]).map(normaliseHeader);
    if (isHeader(header)) return { index: i, header };
  }
  return undefined;
}

function normaliseHeader(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

function firstIndex(header: string[], names: string[]): number {
  for (const n of names) {
    const i = header.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
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
