/**
 * police.uk street-level crime files -> monthly counts per district and crime type.
 *
 * Each file is one force's month (or several): one row per crime or anti-social behaviour
 * incident, with its LSOA, e.g. "Charnwood 012B". The LSOA name minus its last token is the
 * district, matched to the workspace's districts by a forgiving name comparison
 * (`normaliseAreaName`). Nothing is dropped silently: every data row read ends up in exactly
 * one of
 *
 *   counted            in a workspace district, with a valid month and crime type
 *   no location        no LSOA name (police.uk withholds locations for some crimes)
 *   outside districts  an LSOA in another district (Leicester, Rutland, a neighbour), by name
 *   rejected           a bad Month or a short row (or, in a workspace district, a blank Crime
 *                      type), each named as a problem
 *
 *   not covered        in a workspace district, but the import has no file of that district's
 *                      own police force for that month (a neighbouring force's file, British
 *                      Transport Police): counting them would replace the district's month
 *                      with a fraction of it, so they are left out and the district's figures
 *                      stay as they were
 *   duplicates         a Crime ID already counted (the same file twice, or files joined)
 *
 * so `rowsRead = rowsCounted + noLocation + outsideDistricts + notCovered + duplicates +
 * rejected`, per file and in total.
 *
 * Coverage: a police.uk file is one force's month ("Falls within" names the force). A district's
 * month is written, zeros included, only when the import holds that month's file of the force
 * that covers the district (DISTRICT_FORCES, or the workspace's own force areas); every other
 * district and month is left exactly as it was, so missing stays missing.
 *
 * Speed: the files are streamed through Papa Parse in 64 KB chunks (`chunk` callback, rows as
 * arrays, no header objects). Rows come grouped by month and LSOA, so the per-row work is
 * mostly comparing three strings with the previous row's; a change costs a Map lookup (each
 * distinct LSOA name is resolved to a district once) and an array increment counts the row.
 * Nothing is allocated per row.
 */
import { stat } from 'node:fs/promises';
import { basename, resolve as resolvePath } from 'node:path';
import type { Month } from '../../../shared/domain/types';
import { normaliseAreaName } from '../../../shared/domain/area-names';
import { DISTRICT_FORCES } from './district-forces';
import { hashedWhileRead } from './read-once';
import { abortError, streamCsvRows } from './text-source';

/** The columns of a police.uk street-level crime file, as published. */
export const POLICE_UK_COLUMNS = [
  'Crime ID',
  'Month',
  'Reported by',
  'Falls within',
  'Longitude',
  'Latitude',
  'Location',
  'LSOA code',
  'LSOA name',
  'Crime type',
  'Last outcome category',
  'Context',
] as const;

/** The extra crime type the import adds: every crime type except anti-social behaviour. */
export const ALL_CRIME = 'All crime';
export const ANTI_SOCIAL_BEHAVIOUR = 'Anti-social behaviour';

/** Problems listed per file before the rest are summarised in one line. */
const MAX_ROW_PROBLEMS_PER_FILE = 20;

export interface PoliceUkOptions {
  /** Workspace districts: district name (any spelling `normaliseAreaName` forgives) -> area code. */
  districts: ReadonlyMap<string, string>;
  /**
   * The police force area covering each district, by area code, where the workspace knows it
   * (its own force areas); other districts are looked up in the built-in DISTRICT_FORCES by
   * code, then by name. A district whose force is unknown is never written.
   */
  forces?: ReadonlyMap<string, string>;
  signal?: AbortSignal;
  /** Called as the files are read: bytes read so far over all files, and their total size. */
  onProgress?: (bytesRead: number, bytesTotal: number) => void;
}

export interface PoliceUkCount {
  month: Month;
  areaCode: string;
  crimeType: string;
  count: number;
}

export interface PoliceUkFileSummary {
  file: string;
  bytes: number;
  /** False when the file could not be used at all (unreadable, empty, not a police.uk file). */
  ok: boolean;
  /** Data rows, not counting the header or blank lines. */
  rowsRead: number;
  rowsCounted: number;
  noLocation: number;
  outsideDistricts: number;
  /** In a workspace district, but that month's file of the district's own force is not in the import. */
  notCovered: number;
  /** Crimes whose Crime ID was already counted. */
  duplicates: number;
  rejected: number;
  months: Month[];
  /** The forces the file's rows fall within ("Falls within"), as written, in the order met. */
  forces: string[];
}

export interface PoliceUkProblem {
  severity: 'error' | 'warning';
  file: string;
  /** 1-based, as in a spreadsheet: the header is row 1. */
  row?: number;
  column?: string;
  value?: string;
  /** A sentence a user can act on, naming the file (and row, column and value when known). */
  message: string;
}

export interface PoliceUkExcludedDistrict {
  /** The district as written in the files (LSOA name minus its last token). */
  district: string;
  rows: number;
}

export interface PoliceUkTotals {
  files: number;
  bytes: number;
  rowsRead: number;
  rowsCounted: number;
  noLocation: number;
  outsideDistricts: number;
  notCovered: number;
  duplicates: number;
  rejected: number;
}

/** Rows in a workspace district whose month the import cannot speak for. */
export interface PoliceUkUncovered {
  district: string;
  areaCode: string;
  /** The district's own force, or null when Boardpack does not know it. */
  force: string | null;
  months: Month[];
  rows: number;
}

export interface PoliceUkAggregate {
  /** Months with at least one valid row in the files, sorted. */
  months: Month[];
  /** The area codes of `options.districts`, sorted. */
  areaCodes: string[];
  /** The crime types of the rows counted, plus "All crime", sorted. */
  crimeTypes: string[];
  /**
   * The workspace districts the counts are for, by the workspace's name for each, A to Z: those
   * with at least one month the files cover (its own force's file for the month is among them).
   */
  districtsCounted: string[];
  /**
   * One count for every month in `months` x area in `areaCodes` x type in `crimeTypes` that
   * the files cover (the district's own force's file for that month is among them), zeros
   * included (so a month the files cover is never confused with a missing month), sorted by
   * month, area code, crime type. A district-month the files do not cover has no counts.
   */
  counts: PoliceUkCount[];
  files: PoliceUkFileSummary[];
  totals: PoliceUkTotals;
  /** Rows left out because their district is not a workspace district, most rows first. */
  outsideDistricts: PoliceUkExcludedDistrict[];
  /** Workspace districts with rows the import cannot speak for, most rows first. */
  notCovered: PoliceUkUncovered[];
  problems: PoliceUkProblem[];
}

export { normaliseAreaName };

/** "Charnwood 012B" -> "Charnwood". A name without an LSOA-style suffix is kept whole. */
export function districtOfLsoaName(lsoaName: string): string {
  const name = lsoaName.trim();
  const space = name.lastIndexOf(' ');
  if (space < 0) return name;
  const last = name.slice(space + 1);
  return /^\d{3,4}[A-Za-z]?$/.test(last) ? name.slice(0, space).trim() : name;
}

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * A comparable form of a police force's name: "Leicestershire Police" (police.uk's "Falls
 * within") = "Leicestershire" (the ONS force area), "Devon & Cornwall Police" = "Devon and
 * Cornwall", "City of London Police" = "London, City of", "Metropolitan Police Service" =
 * "Metropolitan Police", "Hampshire and Isle of Wight Constabulary" = "Hampshire".
 */
export function normaliseForceName(name: string): string {
  let s = name.normalize('NFKC').toLowerCase().trim();
  s = s.replace(/\s+(police service|police force|police|constabulary|service)$/, '');
  s = normaliseAreaName(s);
  s = s.replace(/^metropolitan( police)?$/, 'metropolitan');
  s = s.replace(/^hampshire and isle of wight$/, 'hampshire');
  return s;
}

const BUILT_IN_FORCE_BY_CODE = new Map(DISTRICT_FORCES.map(([code, , force]) => [code, force] as const));
const BUILT_IN_FORCE_BY_NAME = new Map(DISTRICT_FORCES.map(([, name, force]) => [normaliseAreaName(name), force] as const));

/** The police force area covering a district (ONS code first, then name), from the built-in table. */
export function builtInForceOf(code: string, name: string): string | undefined {
  return BUILT_IN_FORCE_BY_CODE.get(code.trim().toUpperCase()) ?? BUILT_IN_FORCE_BY_NAME.get(normaliseAreaName(name));
}

/**
 * A copy of a string that shares no memory with the chunk it was cut from. V8 keeps a whole
 * parent string (here a chunk of the file) alive as long as any slice of it lives, so the
 * strings kept beyond a chunk (Crime IDs, map keys, names, problem messages) are copied once;
 * without this, the LSOA cache alone kept ~30 MB of old chunks alive. Joined to a character and
 * cut again, the text is copied into a string of its own, at half the cost of a round trip
 * through a Buffer (measured), which counts: every counted crime's ID is copied.
 */
function detach(text: string): string {
  return (' ' + text).slice(1);
}

/** Where an LSOA lies: >= 0 a workspace area's index; NO_LOCATION; <= -2 outside district -(i + 2). */
const NO_LOCATION = -1;
/** Crime type lookups that reject the row. */
const BLANK_TYPE = -1;
const RESERVED_TYPE = -2;

/** What all files add up to: months, crime types, districts and the counts themselves. */
class Tally {
  readonly months: string[] = [];
  readonly crimeTypes: string[] = [];
  readonly outsideNames: string[] = [];
  readonly outsideCounts: number[] = [];
  /** cells[month * nAreas + area][crimeType] = rows */
  readonly cells: (number[] | undefined)[] = [];
  /** monthForces[month] = the normalised forces whose rows the files hold for that month */
  readonly monthForces: Set<string>[] = [];
  /** Crime IDs counted so far: police.uk gives each crime one, so a repeat is the same crime. */
  readonly crimeIds = new Set<string>();
  readonly problems: PoliceUkProblem[] = [];
  private readonly monthIndex = new Map<string, number>();
  private readonly crimeTypeIndex = new Map<string, number>();
  private readonly outsideIndex = new Map<string, number>();
  private readonly lsoaPlace = new Map<string, number>();
  private readonly districtPlace = new Map<string, number>();

  constructor(
    readonly areaCodes: readonly string[],
    private readonly areaIndexOfName: ReadonlyMap<string, number>,
  ) {}

  get nAreas(): number {
    return this.areaCodes.length;
  }

  /** Index of a month, or -1 if the text is not a YYYY-MM month. */
  monthOf(text: string): number {
    let m = this.monthIndex.get(text);
    if (m !== undefined) return m;
    const trimmed = detach(text.trim());
    if (!MONTH_PATTERN.test(trimmed)) return -1;
    m = this.monthIndex.get(trimmed);
    if (m === undefined) {
      m = this.months.length;
      this.months.push(trimmed);
      this.monthForces.push(new Set());
      this.monthIndex.set(trimmed, m);
    }
    if (text !== trimmed) this.monthIndex.set(detach(text), m);
    return m;
  }

  /** Index of a crime type, or BLANK_TYPE / RESERVED_TYPE. */
  crimeTypeOf(text: string): number {
    const known = this.crimeTypeIndex.get(text);
    if (known !== undefined) return known;
    const trimmed = detach(text.trim());
    if (trimmed === '') return BLANK_TYPE;
    if (trimmed.toLowerCase() === ALL_CRIME.toLowerCase()) return RESERVED_TYPE;
    let t = this.crimeTypeIndex.get(trimmed);
    if (t === undefined) {
      t = this.crimeTypes.length;
      this.crimeTypes.push(trimmed);
      this.crimeTypeIndex.set(trimmed, t);
    }
    if (text !== trimmed) this.crimeTypeIndex.set(detach(text), t);
    return t;
  }

  /** Where an LSOA lies (see NO_LOCATION); each distinct LSOA and district name is worked out once. */
  placeOf(lsoaName: string): number {
    const known = this.lsoaPlace.get(lsoaName);
    if (known !== undefined) return known;
    const key = detach(lsoaName);
    const district = districtOfLsoaName(key);
    let place = this.districtPlace.get(district);
    if (place === undefined) {
      place = this.placeOfDistrict(district);
      this.districtPlace.set(district, place);
    }
    this.lsoaPlace.set(key, place);
    return place;
  }

  private placeOfDistrict(district: string): number {
    if (district === '') return NO_LOCATION;
    const normalised = normaliseAreaName(district);
    const area = this.areaIndexOfName.get(normalised);
    if (area !== undefined) return area;
    let outside = this.outsideIndex.get(normalised);
    if (outside === undefined) {
      outside = this.outsideNames.length;
      this.outsideIndex.set(normalised, outside);
      this.outsideNames.push(district);
      this.outsideCounts.push(0);
    }
    return -(outside + 2);
  }
}

/** One file's reading: its header, its counters, its problems. */
class FileCounter {
  readonly name: string;
  readonly summary: PoliceUkFileSummary;
  headerSeen = false;
  private monthCol = -1;
  private lsoaCol = -1;
  private typeCol = -1;
  private forceCol = -1;
  private idCol = -1;
  private minLength = 0;
  /** Rows counted per cell (month * nAreas + area), to take back those of cells not covered. */
  readonly cellRows: number[] = [];
  private readonly forces = new Set<string>();
  private lastForceText: string | undefined = undefined;
  private lastForceMonth = -1;
  private rowProblems = 0;
  private readonly monthSet = new Set<string>();
  // Rows come grouped by month and LSOA, so most lookups are answered by the previous row.
  private lastMonthText: string | undefined = undefined;
  private lastMonth = -1;
  private lastTypeText: string | undefined = undefined;
  private lastType = -1;
  private lastLsoa: string | undefined = undefined;
  private lastPlace = NO_LOCATION;

  constructor(
    private readonly tally: Tally,
    readonly file: string,
    bytes: number,
  ) {
    this.name = basename(file);
    this.summary = { file, bytes, ok: true, rowsRead: 0, rowsCounted: 0, noLocation: 0, outsideDistricts: 0, notCovered: 0, duplicates: 0, rejected: 0, months: [], forces: [] };
  }

  fail(message: string): void {
    this.summary.ok = false;
    this.tally.problems.push({ severity: 'error', file: this.file, message });
  }

  problem(severity: 'error' | 'warning', row: number | undefined, column: string | undefined, value: string | undefined, message: string): void {
    this.rowProblems++;
    if (this.rowProblems > MAX_ROW_PROBLEMS_PER_FILE) return;
    const problem: PoliceUkProblem = { severity, file: this.file, message: detach(message) };
    if (row !== undefined) problem.row = row;
    if (column !== undefined) problem.column = column;
    if (value !== undefined) problem.value = detach(value);
    this.tally.problems.push(problem);
  }

  /** Handles a block of parsed rows; false stops reading the file (it is not a police.uk file). */
  onRows(rows: string[][], firstRowNumber: number): boolean {
    let start = 0;
    if (!this.headerSeen) {
      // The header is the first non-blank row.
      while (start < rows.length && isBlank(rows[start] as string[])) start++;
      if (start >= rows.length) return true;
      this.headerSeen = true;
      if (!this.readHeader(rows[start] as string[])) return false;
      start++;
    }
    this.countRows(rows, start, firstRowNumber);
    return true;
  }

  private readHeader(cells: string[]): boolean {
    const header = cells.map((h) => h.trim().toLowerCase());
    const missing = POLICE_UK_COLUMNS.filter((c) => !header.includes(c.toLowerCase()));
    if (missing.length > 0) {
      const hint = cells.length === 1 && /[;\t|]/.test(cells[0] ?? '') ? ' (its columns are not separated by commas)' : '';
      const list = missing.map((c) => `"${c}"`).join(', ');
      this.fail(`${this.name} is not a police.uk street-level crime file${hint}: it has no ${missing.length === 1 ? 'column' : 'columns'} ${list}.`);
      return false;
    }
    this.monthCol = header.indexOf('month');
    this.lsoaCol = header.indexOf('lsoa name');
    this.typeCol = header.indexOf('crime type');
    this.forceCol = header.indexOf('falls within');
    this.idCol = header.indexOf('crime id');
    this.minLength = Math.max(this.monthCol, this.lsoaCol, this.typeCol, this.forceCol, this.idCol) + 1;
    return true;
  }

  /** The hot loop: state is held in locals while a block is counted, then written back. */
  private countRows(rows: string[][], start: number, firstRowNumber: number): void {
    const tally = this.tally;
    const { cells, outsideCounts, nAreas, crimeIds, monthForces } = tally;
    const { monthCol, lsoaCol, typeCol, forceCol, idCol, minLength, cellRows } = this;
    let { lastMonthText, lastMonth, lastTypeText, lastType, lastLsoa, lastPlace } = this;
    /** The counts of (lastMonth, lastPlace), while both stay the same. */
    let cell: number[] | undefined;
    let rowsRead = 0;
    let counted = 0;
    let noLocation = 0;
    let outside = 0;
    let rejected = 0;
    let duplicates = 0;
    let cellIndex = -1;
    for (let i = start; i < rows.length; i++) {
      const row = rows[i] as string[];
      if (row.length < minLength) {
        if (isBlank(row)) continue;
        rowsRead++;
        rejected++;
        const n = firstRowNumber + i;
        this.problem('error', n, undefined, undefined, `${this.name}, row ${n}: the row has ${row.length} ${row.length === 1 ? 'column' : 'columns'}, expected ${POLICE_UK_COLUMNS.length}; it was left out.`);
        continue;
      }
      rowsRead++;

      const monthText = row[monthCol] as string;
      if (monthText !== lastMonthText) {
        const m = tally.monthOf(monthText);
        if (m < 0) {
          if (isBlank(row)) {
            // ",,,,,,,,,,," as spreadsheets leave below a table: not a row.
            rowsRead--;
            continue;
          }
          rejected++;
          const n = firstRowNumber + i;
          this.problem('error', n, 'Month', monthText, `${this.name}, row ${n}, column Month: "${monthText}" is not a month; expected YYYY-MM, e.g. 2023-01. The row was left out.`);
          continue;
        }
        lastMonthText = monthText;
        lastMonth = m;
        cell = undefined;
        this.monthSet.add(tally.months[m] as string);
      }

      // The force whose file this is: every row of a force's month says the same.
      const forceText = row[forceCol] as string;
      if (forceText !== this.lastForceText || lastMonth !== this.lastForceMonth) {
        const force = detach(forceText.trim());
        if (force !== '') {
          (monthForces[lastMonth] as Set<string>).add(normaliseForceName(force));
          this.forces.add(force);
        }
        this.lastForceText = forceText;
        this.lastForceMonth = lastMonth;
      }

      // Location before crime type: half the rows lie outside the districts and need no more.
      const lsoa = row[lsoaCol] as string;
      if (lsoa !== lastLsoa) {
        lastPlace = lsoa === '' ? NO_LOCATION : tally.placeOf(lsoa);
        lastLsoa = lsoa;
        cell = undefined;
      }
      if (lastPlace < 0) {
        if (lastPlace === NO_LOCATION) noLocation++;
        else {
          outside++;
          (outsideCounts[-lastPlace - 2] as number)++;
        }
        continue;
      }

      const typeText = row[typeCol] as string;
      if (typeText !== lastTypeText) {
        const t = tally.crimeTypeOf(typeText);
        if (t < 0) {
          rejected++;
          const n = firstRowNumber + i;
          const why = t === BLANK_TYPE ? 'the crime type is blank' : `"${typeText}" is not a police.uk crime type (Boardpack adds "${ALL_CRIME}" itself)`;
          this.problem('error', n, 'Crime type', typeText, `${this.name}, row ${n}, column Crime type: ${why}; the row was left out.`);
          continue;
        }
        lastTypeText = typeText;
        lastType = t;
      }

      // Anti-social behaviour has no Crime ID; every crime has its own.
      const crimeId = row[idCol] as string;
      if (crimeId !== '') {
        if (crimeIds.has(crimeId)) {
          duplicates++;
          continue;
        }
        crimeIds.add(detach(crimeId));
      }

      if (cell === undefined) {
        cellIndex = lastMonth * nAreas + lastPlace;
        cell = cells[cellIndex];
        if (cell === undefined) {
          cell = [];
          cells[cellIndex] = cell;
        }
      }
      cell[lastType] = (cell[lastType] ?? 0) + 1;
      cellRows[cellIndex] = (cellRows[cellIndex] ?? 0) + 1;
      counted++;
    }
    Object.assign(this, { lastMonthText, lastMonth, lastTypeText, lastType, lastLsoa, lastPlace });
    const s = this.summary;
    s.rowsRead += rowsRead;
    s.rowsCounted += counted;
    s.noLocation += noLocation;
    s.outsideDistricts += outside;
    s.duplicates += duplicates;
    s.rejected += rejected;
  }

  /** Moves the rows counted in a cell the files do not cover to "not covered"; returns how many. */
  takeBack(cellIndex: number): number {
    const rows = this.cellRows[cellIndex] ?? 0;
    if (rows > 0) {
      this.cellRows[cellIndex] = 0;
      this.summary.rowsCounted -= rows;
      this.summary.notCovered += rows;
    }
    return rows;
  }

  /** After the last row: file-level problems and the months the file covers. */
  finish(outcome: { ok: true } | { ok: false; error: string }): void {
    if (!outcome.ok) {
      this.fail(outcome.error);
    } else if (!this.headerSeen) {
      this.fail(`${this.name} is empty; expected a police.uk street-level crime file with a header row.`);
    } else if (this.summary.ok && this.summary.rowsRead === 0) {
      this.tally.problems.push({ severity: 'warning', file: this.file, message: `${this.name} has a header but no rows; nothing was counted from it.` });
    }
    if (this.rowProblems > MAX_ROW_PROBLEMS_PER_FILE) {
      const more = this.rowProblems - MAX_ROW_PROBLEMS_PER_FILE;
      this.tally.problems.push({ severity: 'error', file: this.file, message: `${this.name}: ${more} more rows with problems are not listed (${this.rowProblems} in all).` });
    }
    this.summary.months = [...this.monthSet].sort(compareText);
    this.summary.forces = [...this.forces];
  }
}

/**
 * Reads police.uk street-level crime files one after another and counts their rows by month,
 * district and crime type. Problems a user can meet come back as values in `problems`; the
 * promise rejects only when `options.signal` aborts (with the signal's reason).
 */
export async function aggregatePoliceUk(files: string[], options: PoliceUkOptions): Promise<PoliceUkAggregate> {
  const { signal, onProgress } = options;
  if (signal?.aborted) throw abortError(signal);

  // Districts: normalised name -> area index; several names may share a code.
  const areaCodes = [...new Set(options.districts.values())].sort(compareText);
  const areaIndexOfCode = new Map(areaCodes.map((code, i) => [code, i] as const));
  const areaIndexOfName = new Map<string, number>();
  const nameOfCode = new Map<string, string>();
  for (const [name, code] of options.districts) {
    areaIndexOfName.set(normaliseAreaName(name), areaIndexOfCode.get(code) as number);
    if (!nameOfCode.has(code)) nameOfCode.set(code, name);
  }
  const forceOfArea = areaCodes.map((code) => options.forces?.get(code) ?? builtInForceOf(code, nameOfCode.get(code) as string) ?? null);
  const tally = new Tally(areaCodes, areaIndexOfName);

  // Sizes first, for progress; a file that cannot be read is reported when it is opened.
  const sizes = await Promise.all(files.map((f) => stat(f).then((s) => (s.isFile() ? s.size : 0), () => 0)));
  const bytesTotal = sizes.reduce((a, b) => a + b, 0);
  let bytesBefore = 0;
  onProgress?.(0, bytesTotal);

  const summaries: PoliceUkFileSummary[] = [];
  const counters: FileCounter[] = [];
  const seenPaths = new Map<string, string>();
  for (const [f, file] of files.entries()) {
    const counter = new FileCounter(tally, file, sizes[f] ?? 0);
    summaries.push(counter.summary);
    counters.push(counter);
    const resolved = resolvePath(file);
    const earlier = seenPaths.get(resolved);
    if (earlier !== undefined) {
      counter.fail(`${counter.name} is listed twice; it was read once (as ${basename(earlier)}) so its rows are not counted again.`);
      continue;
    }
    seenPaths.set(resolved, file);

    const size = counter.summary.bytes;
    // Hashed as it is counted: the import records every file's sha256 without reading it again.
    const outcome = await hashedWhileRead(file, () => streamCsvRows(
      file,
      {
        onRows: (rows, firstRowNumber) => counter.onRows(rows, firstRowNumber),
        onParseProblem: (row, message) => {
          counter.problem('warning', row, undefined, undefined, `${counter.name}${row === undefined ? '' : `, row ${row}`}: ${message}; check the file opens correctly in a spreadsheet.`);
        },
      },
      {
        ...(signal ? { signal } : {}),
        ...(onProgress ? { onBytes: (read: number) => onProgress(bytesBefore + Math.min(read, size), bytesTotal) } : {}),
        sha256: true,
      },
    ));
    bytesBefore += size;
    onProgress?.(bytesBefore, bytesTotal);
    counter.finish(outcome);
  }

  const { problems, months, crimeTypes, cells, outsideNames, outsideCounts, nAreas } = tally;

  // Several files for one month: legitimate for neighbouring forces; a copy's crimes share Crime IDs.
  const filesOfMonth = new Map<string, string[]>();
  for (const s of summaries) for (const m of s.months) filesOfMonth.set(m, [...(filesOfMonth.get(m) ?? []), basename(s.file)]);
  for (const [month, names] of [...filesOfMonth].sort((a, b) => compareText(a[0], b[0]))) {
    if (names.length > 1) {
      problems.push({
        severity: 'warning',
        file: '',
        message: `${month} is in ${names.length} files (${names.join(', ')}); a crime in more than one of them (the same Crime ID) is counted once.`,
      });
    }
  }

  const sortedMonths = [...months].sort(compareText);
  for (const gap of missingMonths(sortedMonths)) {
    problems.push({ severity: 'warning', file: '', message: `No file covers ${gap}, between the first and last months imported; it has no counts.` });
  }

  // Which district-months the files speak for: those whose own force's file for the month is here.
  const covered = (m: number, a: number): boolean => {
    const force = forceOfArea[a];
    return force !== null && force !== undefined && (tally.monthForces[m] as Set<string>).has(normaliseForceName(force));
  };
  const notCovered: PoliceUkUncovered[] = [];
  for (let a = 0; a < nAreas; a++) {
    let rows = 0;
    const uncoveredMonths: Month[] = [];
    for (const month of sortedMonths) {
      const m = months.indexOf(month);
      if (covered(m, a)) continue;
      let cellRows = 0;
      for (const counter of counters) cellRows += counter.takeBack(m * nAreas + a);
      if (cellRows > 0) {
        rows += cellRows;
        uncoveredMonths.push(month);
      }
    }
    if (rows > 0) {
      const areaCode = areaCodes[a] as string;
      notCovered.push({ district: nameOfCode.get(areaCode) as string, areaCode, force: forceOfArea[a] ?? null, months: uncoveredMonths, rows });
    }
  }
  notCovered.sort((x, y) => y.rows - x.rows || compareText(x.district, y.district));

  const duplicateCrimes = summaries.reduce((n, s) => n + s.duplicates, 0);
  if (duplicateCrimes > 0) {
    problems.push({
      severity: 'warning',
      file: '',
      message: `${duplicateCrimes.toLocaleString('en-GB')} ${duplicateCrimes === 1 ? 'crime appears' : 'crimes appear'} more than once (the same Crime ID${summaries.filter((s) => s.duplicates > 0).length > 1 ? ', in ' + summaries.filter((s) => s.duplicates > 0).map((s) => basename(s.file)).join(', ') : ''}); each crime was counted once. Anti-social behaviour has no Crime ID: if a file was joined from copies, its anti-social behaviour may be counted twice.`,
    });
  }

  // Zero-filled counts for the district-months covered, sorted; "All crime" summed from the
  // types other than anti-social behaviour.
  const typeOrder = [...crimeTypes.keys()].sort((a, b) => compareText(crimeTypes[a] as string, crimeTypes[b] as string));
  const isAsb = crimeTypes.map((t) => t.toLowerCase() === ANTI_SOCIAL_BEHAVIOUR.toLowerCase());
  const reportedTypes = [...crimeTypes, ALL_CRIME].sort(compareText);
  const counts: PoliceUkCount[] = [];
  for (const month of sortedMonths) {
    const m = months.indexOf(month);
    for (let a = 0; a < nAreas; a++) {
      if (!covered(m, a)) continue;
      const cell = cells[m * nAreas + a];
      const areaCode = areaCodes[a] as string;
      let allCrime = 0;
      for (const t of crimeTypes.keys()) if (!isAsb[t]) allCrime += cell?.[t] ?? 0;
      let allCrimeWritten = false;
      for (const t of typeOrder) {
        const crimeType = crimeTypes[t] as string;
        if (!allCrimeWritten && compareText(ALL_CRIME, crimeType) < 0) {
          counts.push({ month, areaCode, crimeType: ALL_CRIME, count: allCrime });
          allCrimeWritten = true;
        }
        counts.push({ month, areaCode, crimeType, count: cell?.[t] ?? 0 });
      }
      if (!allCrimeWritten) counts.push({ month, areaCode, crimeType: ALL_CRIME, count: allCrime });
    }
  }

  const totals: PoliceUkTotals = { files: files.length, bytes: 0, rowsRead: 0, rowsCounted: 0, noLocation: 0, outsideDistricts: 0, notCovered: 0, duplicates: 0, rejected: 0 };
  for (const s of summaries) {
    totals.bytes += s.bytes;
    totals.rowsRead += s.rowsRead;
    totals.rowsCounted += s.rowsCounted;
    totals.noLocation += s.noLocation;
    totals.outsideDistricts += s.outsideDistricts;
    totals.notCovered += s.notCovered;
    totals.duplicates += s.duplicates;
    totals.rejected += s.rejected;
  }

  const outsideDistricts = outsideNames
    .map((district, i) => ({ district, rows: outsideCounts[i] as number }))
    .sort((a, b) => b.rows - a.rows || compareText(a.district, b.district));

  const districtsCounted = areaCodes
    .filter((_, a) => sortedMonths.some((month) => covered(months.indexOf(month), a)))
    .map((code) => nameOfCode.get(code) as string)
    .sort(compareText);

  return { months: sortedMonths, areaCodes, crimeTypes: reportedTypes, districtsCounted, counts, files: summaries, totals, outsideDistricts, notCovered, problems };
}

/** Plain code-unit order: the same on every machine, whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isBlank(row: readonly string[]): boolean {
  for (const cell of row) if (cell.trim() !== '') return false;
  return true;
}

/** Months strictly between the first and last of a sorted list that the list lacks. */
function missingMonths(sorted: readonly Month[]): Month[] {
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return [];
  const have = new Set(sorted);
  const gaps: Month[] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month >= last) break;
    if (!have.has(month)) gaps.push(month);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return gaps;
}
