/**
 * Fingertips (OHID public health profiles) "download data" CSV exports.
 *
 * Their header, as the Fingertips service writes it (26 columns):
 *   Indicator ID, Indicator Name, Parent Code, Parent Name, Area Code, Area Name, Area Type,
 *   Sex, Age, Category Type, Category, Time period, Value, Lower CI 95.0 limit,
 *   Upper CI 95.0 limit, Lower CI 99.8 limit, Upper CI 99.8 limit, Count, Denominator,
 *   Value note, Recent Trend, Compared to England value or percentiles,
 *   Compared to <parent> value or percentiles, Time period Sortable, New data, Compared to goal
 * Two things a general CSV reader trips on:
 * - indicator names are quoted and may hold line breaks;
 * - data rows are written one field short of the header (the last, "Compared to goal", is
 *   left off), which is not a misaligned row.
 * Periods such as "2020 - 22" (three calendar years pooled) and "2018/19 - 20/21" (three
 * financial years) are Fingertips' own way of writing a span of years.
 *
 * The export is turned into a tidy table (indicator, area code, area name, period, value,
 * count as numerator, denominator, note) that the ordinary table reader stores, so the
 * Import screen shows it and its problems like any other table. The 95% confidence limits
 * and Fingertips' value note are kept in each value's note ("95% CI 10.2 to 14.1"), as the
 * workspace has no place for published limits (its own are worked out from counts).
 *
 * Sex, Age and Category (inequality breakdowns) tell series apart: they are passed on as the
 * table's "Sex", "Age" and "Category" columns, which the table reader takes as breakdowns when
 * they vary (one series each, "Indicator: Male", or the analyst filters to one), never one
 * chosen silently.
 */
import type { ImportProblem } from '../../../shared/api/types';
import type { TableMappingOverride } from './table-shape';

/** The columns a Fingertips export must have to be read as one. */
const REQUIRED = ['indicator id', 'indicator name', 'area code', 'time period', 'value'] as const;

const norm = (h: string) => h.replace(/\s+/g, ' ').trim().toLowerCase();

export function isFingertipsHeader(header: readonly string[]): boolean {
  const names = new Set(header.map(norm));
  return REQUIRED.every((r) => names.has(r));
}

/** The tidy table's columns, in order. */
export const FINGERTIPS_TIDY_HEADER = ['Indicator Name', 'Area Code', 'Area Name', 'Time period', 'Value', 'Count', 'Denominator', 'Note', 'Sex', 'Age', 'Category'] as const;

/** Roles of the tidy table's columns (index into FINGERTIPS_TIDY_HEADER). */
export const FINGERTIPS_MAPPING: TableMappingOverride = {
  headerRow: 1,
  columns: [
    { index: 0, role: 'indicator' },
    { index: 1, role: 'area' },
    { index: 2, role: 'area_name' },
    { index: 3, role: 'period' },
    { index: 4, role: 'value' },
    { index: 5, role: 'numerator' },
    { index: 6, role: 'denominator' },
    { index: 7, role: 'note' },
  ],
};

export const FINGERTIPS_REASONS: readonly string[] = [
  'a Fingertips export: "Indicator Name" (each indicator\'s Fingertips ID is in the file summary)',
  'a Fingertips export: "Area Code" holds ONS codes',
  'a Fingertips export: "Area Name"',
  'a Fingertips export: "Time period" ("2020 - 22" read as 2020 to 2022)',
  'a Fingertips export: "Value"',
  'a Fingertips export: "Count", the numerator',
  'a Fingertips export: "Denominator"',
  'a Fingertips export: "Value note" and the 95% confidence limits',
];

export interface FingertipsTable {
  /** Header first; rows keep their positions, so row numbers are the file's (a refused row is blank). */
  rows: string[][];
  problems: ImportProblem[];
  /** Each indicator's Fingertips ID, its name as stored, and its one Sex, Age and Category ("Sex: Persons; Age: 18+ yrs"). */
  indicators: Array<{ id: string; name: string; breakdown: string }>;
  /** Sex, Age and Category columns (indexes in FINGERTIPS_TIDY_HEADER) that take several values for one indicator: breakdowns. */
  varying: number[];
}

/** The tidy table's Sex, Age and Category columns. */
export const FINGERTIPS_BREAKDOWN_COLUMNS = [8, 9, 10] as const;

export type FingertipsRead = { ok: true; value: FingertipsTable } | { ok: false; error: string };

/** "2020 - 22" -> "Jan 2020 - Dec 2022"; "2018/19 - 20/21" -> "Apr 2018 - Mar 2021"; anything else as it is. */
export function fingertipsPeriod(text: string): string {
  const t = text.trim();
  const years = /^((?:19|20)\d{2})\s*-\s*(\d{2})$/.exec(t);
  if (years) {
    const first = Number(years[1]);
    const last = Math.floor(first / 100) * 100 + Number(years[2]);
    if (last > first) return `Jan ${first} - Dec ${last}`;
  }
  const financial = /^((?:19|20)\d{2})\/(\d{2})\s*-\s*(\d{2})\/(\d{2})$/.exec(t);
  if (financial) {
    const first = Number(financial[1]);
    const endYear = Math.floor(first / 100) * 100 + Number(financial[4]);
    if (endYear > first + 1 && (Number(financial[3]) + 1) % 100 === Number(financial[4])) return `Apr ${first} - Mar ${endYear}`;
  }
  return t;
}

/**
 * Turns a Fingertips export (its rows as parsed, header first) into the tidy table the
 * table reader takes, or refuses it with the reason.
 */
export function readFingertips(rows: readonly string[][], file: string): FingertipsRead {
  const header = (rows[0] ?? []).map(norm);
  const col = (name: string) => header.indexOf(name);
  const at = (row: readonly string[], name: string) => {
    const i = col(name);
    return i < 0 ? '' : (row[i] ?? '').trim();
  };
  const lower95 = header.findIndex((h) => /^lower ci 95(\.0)? limit$/.test(h));
  const upper95 = header.findIndex((h) => /^upper ci 95(\.0)? limit$/.test(h));
  const width = header.length;
  const out: string[][] = [[...FINGERTIPS_TIDY_HEADER]];
  const problems: ImportProblem[] = [];
  const rowIds: string[] = [];
  const indicators = new Map<string, string>();
  // Per indicator: the Sex, Age and Category combinations seen, and the first row of each.
  const combos = new Map<string, Map<string, { row: number; sex: string; age: string; category: string }>>();
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.every((c) => c.trim() === '')) {
      out.push(['']);
      continue;
    }
    // Fingertips leaves the last field ("Compared to goal") off every data row.
    if (row.length !== width && row.length !== width - 1) {
      problems.push({
        file,
        sheet: '',
        row: i + 1,
        column: '',
        value: row.join(', ').slice(0, 120),
        problem: `the row has ${row.length} cells but the header has ${width}, so its cells may not line up with the columns`,
        fix: 'download the export again from Fingertips; if it was edited in a spreadsheet, check the row for a missing or extra comma',
      });
      out.push(['']);
      continue;
    }
    const id = at(row, 'indicator id');
    const name = at(row, 'indicator name').replace(/\s+/g, ' ');
    if (id !== '' && !indicators.has(id)) indicators.set(id, name);
    const sex = at(row, 'sex');
    const age = at(row, 'age');
    const categoryType = at(row, 'category type');
    const category = at(row, 'category');
    const categoryText = categoryType === '' && category === '' ? '' : `${categoryType}${categoryType && category ? ': ' : ''}${category}`;
    const key = `${sex}\u0001${age}\u0001${categoryText}`;
    let seen = combos.get(id);
    if (!seen) combos.set(id, (seen = new Map()));
    if (!seen.has(key)) seen.set(key, { row: i + 1, sex, age, category: categoryText });
    const notes: string[] = [];
    const valueNote = at(row, 'value note');
    if (valueNote) notes.push(valueNote);
    const lo = lower95 < 0 ? '' : (row[lower95] ?? '').trim();
    const hi = upper95 < 0 ? '' : (row[upper95] ?? '').trim();
    if (lo !== '' || hi !== '') notes.push(`95% CI ${lo || '?'} to ${hi || '?'}`);
    rowIds[out.length] = id;
    out.push([name, at(row, 'area code'), at(row, 'area name'), fingertipsPeriod(at(row, 'time period')), at(row, 'value'), at(row, 'count'), at(row, 'denominator'), notes.join('; '), sex, age, categoryText]);
  }

  // Indicators are stored by name: two Fingertips IDs of the same name are named apart by ID.
  const nameCount = new Map<string, number>();
  for (const name of indicators.values()) nameCount.set(name.toLowerCase(), (nameCount.get(name.toLowerCase()) ?? 0) + 1);
  const storedName = new Map([...indicators].map(([id, name]) => [id, (nameCount.get(name.toLowerCase()) ?? 0) > 1 ? `${name} (Fingertips ${id})` : name]));
  for (let i = 1; i < out.length; i++) {
    const renamed = storedName.get(rowIds[i] ?? '');
    if (renamed !== undefined) out[i]![0] = renamed;
  }
  indicators.clear();
  for (const [id, name] of storedName) indicators.set(id, name);
  const list = [...indicators].map(([id, name]) => {
    const seen = [...(combos.get(id)?.values() ?? [])];
    const only = seen.length === 1 ? seen[0] : undefined;
    const breakdown = only
      ? [only.sex && `Sex: ${only.sex}`, only.age && `Age: ${only.age}`, only.category && `Category: ${only.category}`].filter(Boolean).join('; ')
      : `${seen.length} series by ${(['sex', 'age', 'category'] as const).filter((k) => new Set(seen.map((c) => c[k])).size > 1).map((k) => (k === 'sex' ? 'Sex' : k === 'age' ? 'Age' : 'Category')).join(' and ')}`;
    return { id, name, breakdown };
  });
  const varying = FINGERTIPS_BREAKDOWN_COLUMNS.filter((index) => {
    const key = index === 8 ? 'sex' : index === 9 ? 'age' : 'category';
    return [...combos.values()].some((seen) => new Set([...seen.values()].map((c) => c[key])).size > 1);
  });
  return { ok: true, value: { rows: out, problems, indicators: list, varying } };
}
