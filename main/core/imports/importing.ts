/**
 * Importing files into a workspace: read each file, recognise its shape, check it, and commit
 * everything in one transaction (or nothing). Every import is recorded with its files' sha256,
 * and every value it stores knows which import it came from. A dry run reports what would
 * happen and changes nothing.
 *
 * Shapes recognised so far: the appendix layout (10 columns headed "Outcomes ... District
 * Comparison") from .xlsx, .csv, .tsv or .txt; police.uk street-level crime files (counted into
 * monthly totals by workspace district and crime type); ONS mid-year population estimates.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Workspace } from '../store/workspace';
import { areaByCode, listAreas, upsertArea } from '../areas';
import { getMeta, setMeta } from '../store/meta';
import { readAppendixTable, type AppendixTable } from './appendix';
import type { ImportReport, ValueChange } from '../../../shared/api/types';
import { aggregatePoliceUk, normaliseAreaName, type PoliceUkAggregate } from './policeuk';
import { loadGeography, type Geography } from '../areas';
import { areaLookupFromRows, findPopulationHeader, looksLikeAreaLookup, onsPopulationFromRows, type AreaLookupRow, type OnsPopulationRow } from './ons';
import { applyPoliceCounts, applyPopulations } from './apply-counts';
import { LockedPeriodRule } from '../periods';
import { applyAppendixTable } from './apply-appendix';
import { readTableFile, sniffDelimiter, type TableSheet } from './table-file';
import type { ImportColumnRole, ImportProblem, ImportTablePlan } from '../../../shared/api/types';
import { formatSpanLabel } from '../../../shared/domain/periods';
import { guessMeasureType, MEASURE_TYPES_OF } from '../../../shared/domain/definition-words';
import { detectLayout, headerSignature, type MatchContext, type TableLayout, type TableMappingOverride } from './table-shape';
import { MAX_LISTED_PROBLEMS, TableReader, type ReadTable } from './table-rows';
import { FINGERTIPS_BREAKDOWN_COLUMNS, FINGERTIPS_MAPPING, FINGERTIPS_REASONS, isFingertipsHeader, readFingertips } from './fingertips';
import { applyTable, type IndicatorChoice } from './apply-table';
import { applyAreaLookup } from './apply-lookup';
import { overrideFromRemembered, rememberedMapping, rememberMapping } from './mappings';
import { areaKey, guessIndicator, indicatorKey } from './cells';
import { readXlsxStreaming, STREAM_XLSX_BYTES } from './xlsx-stream';
import { decodeText, streamCsvRows } from './text-source';
import { fileSha256, readOnce } from './read-once';
import { listIndicators } from '../indicators';
import Papa from 'papaparse';
import { AnalystError } from '../errors';

/** A problem with the files, in words an analyst can act on; nothing was changed. */
export class ImportError extends AnalystError {
  constructor(message: string) {
    super('invalid_arguments', message);
    this.name = 'ImportError';
  }
}

/** Used when the workspace has no dashboard area yet: a published appendix describes one. */
export const LOCAL_AREA = { code: 'LOCAL-AREA', name: 'Partnership area' } as const;

type Recognised =
  | { shape: 'appendix'; file: string; sheet: string; table: AppendixTable; dashboardTitle: string | null }
  | { shape: 'police.uk'; file: string }
  | { shape: 'ons-population'; file: string; sheet: string; rows: OnsPopulationRow[] }
  | { shape: 'area-lookup'; file: string; rows: AreaLookupRow[] }
  | RecognisedTable;

/** A tidy or wide table: rows in memory, or (a large CSV) streamed when read. */
interface RecognisedTable {
  shape: 'table';
  file: string;
  sheet: string;
  sheets: string[];
  layout: TableLayout;
  signature: string;
  mappingSource: ImportTablePlan['mappingSource'];
  rows: string[][] | null;
  delimiter: string;
  /** A publisher's export turned into a tidy table (Fingertips): what to add to the file's summary, and problems found while turning it. */
  publisher?: { summary: string; problems: ImportProblem[] };
}

/** A column mapping the user chose for one file (and sheet). */
export interface MappingChoice extends TableMappingOverride {
  file: string;
  sheet?: string;
  /** Columns named by header text, letter ("C") or number ("3", from 1), as the CLI takes them. */
  headers?: ReadonlyArray<{ column: string; role: ImportColumnRole }>;
}

/** A choice with its `headers` turned into column indexes against the table's header row. */
function resolveHeaders(choice: MappingChoice, rows: string[][], detected: TableLayout | null | undefined, file: string): MappingChoice {
  if (!choice.headers || choice.headers.length === 0) return choice;
  const headerIndex = choice.headerRow !== undefined ? choice.headerRow - 1 : (detected?.headerIndex ?? 0);
  const header = (rows[headerIndex] ?? []).map((h) => h.replace(/\s+/g, ' ').trim());
  const width = Math.max(header.length, ...rows.slice(headerIndex + 1, headerIndex + 50).map((r) => r.length));
  const columns = [...(choice.columns ?? [])];
  for (const { column, role } of choice.headers) {
    const wanted = column.replace(/\s+/g, ' ').trim().toLowerCase();
    let index = header.findIndex((h) => h.toLowerCase() === wanted);
    if (index < 0 && /^\d+$/.test(wanted)) index = Number(wanted) - 1;
    else if (index < 0 && /^[a-z]{1,3}$/.test(wanted)) index = [...wanted.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    if (index < 0 || index >= width) {
      const shown = header.filter((h) => h !== '').slice(0, 12).map((h) => `"${h}"`).join(', ');
      throw new ImportError(`"${path.basename(file)}" has no column "${column}" in its header (row ${headerIndex + 1}); its columns are ${shown}. Name a column by its header, its letter (C) or its number (3).`);
    }
    const at = columns.findIndex((c) => c.index === index);
    if (at >= 0) columns.splice(at, 1);
    columns.push({ index, role });
  }
  return { ...choice, headerRow: headerIndex + 1, columns, headers: [] };
}

export interface ImportOptions {
  dryRun?: boolean;
  signal?: AbortSignal;
  /** Column mappings the user chose, by file name: they win over detection and remembered ones. */
  mappings?: readonly MappingChoice[];
  /** Create areas a table names that the workspace does not have (else their rows are left out). */
  createAreas?: boolean;
  /** Unit and polarity for new indicators, when the user changed Boardpack's guess. */
  indicators?: readonly IndicatorChoice[];
  /** The year of ONS population estimates when the file does not say (its name, title, header or sheet). */
  populationYear?: number;
  /** Called as the import goes: the phase, and how far it has got (0 to 1) in it. */
  onProgress?: (progress: ImportStep) => void;
  /**
   * Asked while values are stored (a step that runs without a break): true stops the import, which
   * then changes nothing. Cancel from another process arrives this way (see running.ts).
   */
  shouldStop?: () => boolean;
  /** Awaited often while values are stored: lets other calls be answered between slices (running.ts). */
  breathe?: () => Promise<void>;
}

export interface ImportStep {
  file: string;
  fraction: number;
  phase?: 'reading' | 'storing' | 'saving';
}

/** CSV files larger than this are streamed (their first rows are enough to detect the layout). */
export const STREAM_CSV_BYTES = 8 * 1024 * 1024;
/** An .xlsx whose formulas lost their error results is read again whole, up to this size. */
const REREAD_XLSX_BYTES = 5 * 1024 * 1024;

interface AppendixTableMatch {
  rows: string[][];
  title: string | null;
  source: string;
}

/** Finds the appendix table in a sheet: the header row may sit below a title block. */
export function findAppendix(sheet: TableSheet, source: string): AppendixTableMatch | null {
  const headerIndex = sheet.rows.slice(0, 40).findIndex((r) => /^outcomes?$/i.test((r[0] ?? '').trim()) && /supporting indicators/i.test(r[3] ?? ''));
  if (headerIndex < 0) return null;
  const body: string[][] = [];
  for (const row of sheet.rows.slice(headerIndex)) {
    if (row.slice(0, 10).every((c) => c.trim() === '')) break;
    body.push(row.slice(0, 10));
  }
  // The title is the nearest non-blank line above the header (a blank line often separates them).
  const titleRow = sheet.rows
    .slice(0, headerIndex)
    .reverse()
    .map((r) => r.find((c) => c.trim() !== ''))
    .find((c) => c !== undefined);
  return { rows: body, title: titleRow?.trim() ?? null, source: `${source}${sheet.name ? `, sheet "${sheet.name}"` : ''}` };
}

/** The first lines of a text file, without reading all of a large one. */
async function firstLines(file: string, count: number): Promise<string[]> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return decodeText(buffer.subarray(0, bytesRead), bytesRead === buffer.length).text.split(/\r?\n/).slice(0, count);
  } finally {
    await handle.close();
  }
}

const RECOGNISED_SHAPES =
  'Recognised: tidy tables (one value per row, with indicator, area, period and value columns; download the template from the Import screen), wide tables (periods or areas across), the appendix layout (a header row starting "Outcomes, Overall Progress RAG, Overall Comment, Supporting Indicators"), police.uk street-level crime files, ONS mid-year population estimates (Code, Name, Geography, All ages) and ONS district to CSP to police force area lookups.';

/** What the workspace has, for matching a table's areas and indicators. */
export function matchContext(workspace: Workspace): MatchContext {
  // A name two areas share ("Leicestershire": the county and the police force area) means the
  // council area: districts and counties first.
  const rank: Record<string, number> = { district: 0, unitary: 1, county: 2, comparator: 3, csp: 4, force: 5, region: 6 };
  const areas = [...listAreas(workspace.db)].sort((x, y) => (rank[x.kind] ?? 9) - (rank[y.kind] ?? 9));
  const areasByCode = new Map(areas.map((a) => [a.code.toUpperCase(), { id: a.id, code: a.code, name: a.name }]));
  const areasByKey = new Map<string, { id: number; code: string; name: string }>();
  for (const a of areas) if (!areasByKey.has(areaKey(a.name))) areasByKey.set(areaKey(a.name), { id: a.id, code: a.code, name: a.name });
  const indicatorsByKey = new Map(listIndicators(workspace.db, { includeArchived: true }).map((i) => [indicatorKey(i.name), { id: i.id, name: i.name }]));
  return { areasByCode, areasByKey, indicatorsByKey };
}

/** The first rows of a big CSV, decoded and parsed, for detecting its layout. */
async function sampleCsv(file: string): Promise<{ rows: string[][]; delimiter: string; utf8: boolean }> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(256 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    // Only UTF-8 files are streamed (the stream decodes UTF-8); others are read whole.
    const decoded = decodeText(buffer.subarray(0, bytesRead), true);
    const utf8 = decoded.encoding === 'utf-8';
    let text = utf8 ? decoded.text : '';
    // Drop the last line: it may be cut in the middle.
    const cut = text.lastIndexOf('\n');
    if (cut > 0) text = text.slice(0, cut);
    const delimiter = path.extname(file).toLowerCase() === '.tsv' ? '\t' : sniffDelimiter(text);
    return { rows: Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false }).data, delimiter, utf8 };
  } finally {
    await handle.close();
  }
}

function chooseTable(
  workspace: Workspace,
  file: string,
  sheets: TableSheet[],
  ctx: MatchContext,
  choice: MappingChoice | undefined,
  detect: (rows: string[][]) => TableLayout | null = (rows) => detectLayout(rows, ctx),
): Omit<RecognisedTable, 'rows' | 'delimiter'> | null {
  const candidates: Array<{ sheet: TableSheet; layout: TableLayout }> = [];
  for (const sheet of sheets) {
    const layout = detect(sheet.rows);
    if (layout) candidates.push({ sheet, layout });
  }
  const named = choice?.sheet !== undefined ? sheets.find((s) => s.name === choice.sheet) : undefined;
  if (choice?.sheet !== undefined && !named && sheets.length > 1) {
    throw new ImportError(`"${path.basename(file)}" has no sheet called "${choice.sheet}"; its sheets are ${sheets.map((s) => `"${s.name}"`).join(', ')}.`);
  }
  // The sheet that holds the data: the one asked for, else a readable table with the most rows.
  const best = named
    ? { sheet: named, layout: detect(named.rows) }
    : [...candidates].sort((a, b) => Number(a.layout.blocking !== null) - Number(b.layout.blocking !== null) || b.sheet.rows.length - a.sheet.rows.length)[0];
  if (!best) return null;
  let layout = best.layout;
  const header = layout ? layout.header : (best.sheet.rows[(choice?.headerRow ?? 1) - 1] ?? []);
  const signature = headerSignature(layout?.header ?? header);
  let mappingSource: ImportTablePlan['mappingSource'] = 'detected';
  // Filters the analyst gave now win over remembered ones.
  const filters = choice?.filters;
  if (choice && (choice.columns || choice.fixed || choice.headerRow || (choice.headers?.length ?? 0) > 0)) {
    layout = detectLayout(best.sheet.rows, ctx, resolveHeaders(choice, best.sheet.rows, best.layout, file));
    mappingSource = 'yours';
  } else if (layout) {
    const remembered = rememberedMapping(workspace.db, signature);
    if (remembered) {
      const override = overrideFromRemembered(remembered, layout.header);
      const again = detectLayout(best.sheet.rows, ctx, filters ? { ...override, filters } : override);
      if (again) {
        layout = again;
        mappingSource = 'remembered';
      }
    } else if (filters) {
      layout = detectLayout(best.sheet.rows, ctx, { filters });
      mappingSource = 'yours';
    }
  }
  if (!layout) return null;
  return { shape: 'table', file, sheet: best.sheet.name, sheets: candidates.map((c) => c.sheet.name), layout, signature, mappingSource };
}

async function recognise(file: string, workspace: Workspace, ctx: MatchContext, options: ImportOptions): Promise<Recognised> {
  const name = path.basename(file);
  const ext = path.extname(file).toLowerCase();
  const choice = options.mappings?.find((m) => m.file === name);
  if (ext === '.csv' || ext === '.txt') {
    const lines = await firstLines(file, 6).catch(() => [] as string[]);
    const header = (lines[0] ?? '').toLowerCase();
    if (['crime id', 'month', 'lsoa name', 'crime type'].every((c) => header.includes(c))) return { shape: 'police.uk', file };
  }
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') {
    const size = await fs.stat(file).then((st) => st.size).catch(() => 0);
    const lines = await firstLines(file, 1).catch(() => [] as string[]);
    const fingertips = isFingertipsHeader(Papa.parse<string[]>(lines[0] ?? '').data[0] ?? []);
    if (size > STREAM_CSV_BYTES && !fingertips) {
      const sample = await sampleCsv(file);
      if (sample.utf8) {
        const table = chooseTable(workspace, file, [{ name: '', rows: sample.rows }], ctx, choice);
        if (table) return { ...table, rows: null, delimiter: sample.delimiter };
      }
    }
  }
  let sheets: TableSheet[];
  const xlsxSize = ext === '.xlsx' ? await fs.stat(file).then((st) => st.size).catch(() => 0) : 0;
  if (ext === '.xlsx' && xlsxSize > STREAM_XLSX_BYTES) {
    const streamed = await readXlsxStreaming(file, { signal: options.signal });
    if (!streamed.ok) throw new ImportError(streamed.error);
    sheets = streamed.value.sheets;
    const size = await fs.stat(file).then((st) => st.size);
    const appendixLike = sheets.some((sheet) => findAppendix(sheet, '') !== null);
    if (appendixLike || (streamed.value.lostFormulaResults && size <= REREAD_XLSX_BYTES)) {
      // The whole-workbook reader gives merged cells and error results exactly.
      const whole = await readTableFile(file);
      if (!whole.ok) throw new ImportError(whole.error);
      sheets = whole.value;
    }
  } else {
    const read = await readTableFile(file);
    if (!read.ok) throw new ImportError(read.error);
    sheets = read.value;
  }
  const reference = referenceTable(file, sheets, choice, options);
  if (reference) return reference;
  const fingertips = fingertipsTable(workspace, file, sheets, ctx, choice);
  if (fingertips) return fingertips;
  for (const sheet of sheets) {
    const match = findAppendix(sheet, `"${name}"`);
    if (!match) continue;
    const table = readAppendixTable(match.rows, match.source);
    if (!table.ok) throw new ImportError(table.error);
    const titleMatch = match.title ? /^appendix\s+\d+\s*[-–]\s*(.+?)\s+\d{4}[/-]\d{2}\s+Q[1-4]$/i.exec(match.title) : null;
    return { shape: 'appendix', file, sheet: sheet.name, table: table.value, dashboardTitle: titleMatch?.[1] ?? null };
  }
  const table = chooseTable(workspace, file, sheets, ctx, choice);
  if (table) {
    const rows = sheets.find((s) => s.name === table.sheet)!.rows;
    return { ...table, rows, delimiter: ',' };
  }
  const filled = sheets.map((sheet) => sheet.rows.filter((r) => r.some((c) => c.trim() !== '')).length);
  if (filled.every((n) => n <= 1) && filled.some((n) => n === 1)) {
    throw new ImportError(`"${name}" has a header but no rows: there is nothing under it to import.`);
  }
  throw new ImportError(`"${name}" is not in a shape Boardpack recognises: no header row over a column of figures. ${RECOGNISED_SHAPES}`);
}

/**
 * ONS population estimates (by their header: a code column over totals headed "All ages",
 * "Population" or a year) and district -> CSP -> force area lookups (by their header names or
 * their codes), from any sheet of the file; null for other files.
 */
function referenceTable(file: string, sheets: TableSheet[], choice: MappingChoice | undefined, options: ImportOptions): Recognised | null {
  const name = path.basename(file);
  const usable = choice?.sheet !== undefined ? sheets.filter((s) => s.name === choice.sheet) : sheets;
  const populations = usable.filter((s) => findPopulationHeader(s.rows, { file: name, sheet: s.name }) !== undefined);
  // A workbook of estimates has a sheet for persons, then males and females: persons is the total.
  const population = populations.find((s) => /persons/i.test(s.name)) ?? populations[0];
  if (population) {
    const rows = onsPopulationFromRows(population.rows, { file: name, sheet: population.name, year: options.populationYear });
    if (!rows.ok) throw new ImportError(rows.error);
    return { shape: 'ons-population', file, sheet: population.name, rows: rows.value };
  }
  const lookup = usable.find((s) => looksLikeAreaLookup(s.rows));
  if (lookup) {
    const rows = areaLookupFromRows(lookup.rows, name);
    if (!rows.ok) throw new ImportError(rows.error);
    return { shape: 'area-lookup', file, rows: rows.value };
  }
  return null;
}

/** A Fingertips "download data" export, read as the tidy table it holds; null for other files. */
function fingertipsTable(workspace: Workspace, file: string, sheets: TableSheet[], ctx: MatchContext, choice: MappingChoice | undefined): RecognisedTable | null {
  const name = path.basename(file);
  const sheet = sheets.find((s) => isFingertipsHeader(s.rows[0] ?? []));
  if (!sheet) return null;
  const read = readFingertips(sheet.rows, name);
  if (!read.ok) throw new ImportError(read.error);
  const rows = read.value.rows;
  // Sex, Age and Category are breakdowns where they vary for an indicator anywhere in the file
  // (not only in the rows detection samples); elsewhere each holds one value, named in the summary.
  const breakdowns = FINGERTIPS_BREAKDOWN_COLUMNS.map((index) => ({ index, role: (read.value.varying.includes(index) ? 'breakdown' : 'ignore') as ImportColumnRole }));
  const mapping = { ...FINGERTIPS_MAPPING, columns: [...(FINGERTIPS_MAPPING.columns ?? []), ...breakdowns] };
  const detect = (r: string[][]): TableLayout | null => {
    const layout = detectLayout(r, ctx, mapping);
    if (layout) {
      for (const c of layout.columns) {
        const fixedReason = FINGERTIPS_REASONS[c.index];
        if (fixedReason) c.reason = fixedReason;
        else if (c.role === 'breakdown') c.reason = `a Fingertips export: "${c.header}" takes several values for one indicator: each becomes its own series, or filter to one`;
        else c.reason = `a Fingertips export: "${c.header}" holds one value for each indicator (named in the file summary)`;
      }
    }
    return layout;
  };
  // The analyst's choices (filters, roles) are made on top of the export's own mapping.
  const merged = choice ? { ...choice, headerRow: choice.headerRow ?? 1, columns: [...mapping.columns, ...(choice.columns ?? [])] } : undefined;
  const table = chooseTable(workspace, file, [{ name: sheet.name, rows }], ctx, merged, detect);
  if (!table) return null;
  const indicators = read.value.indicators.map((i) => `${i.id} ${i.name}${i.breakdown ? ` (${i.breakdown})` : ''}`);
  const summary = `a Fingertips export of indicator${indicators.length === 1 ? '' : 's'} ${indicators.slice(0, 10).join('; ')}${indicators.length > 10 ? `; and ${indicators.length - 10} more` : ''}`;
  return { ...table, rows, delimiter: ',', publisher: { summary, problems: read.value.problems } };
}

/** Reads a recognised table's rows into values (streaming a large CSV), before the transaction. */
async function readTable(t: RecognisedTable, ctx: MatchContext, options: ImportOptions): Promise<ReadTable> {
  const name = path.basename(t.file);
  const reader = new TableReader(name, t.sheet, t.layout, ctx, { checkWidth: path.extname(t.file).toLowerCase() !== '.xlsx' });
  const firstDataRow = t.layout.headerIndex + 2;
  if (t.rows) {
    reader.addRows(t.rows.slice(t.layout.headerIndex + 1), firstDataRow);
    const extra = t.publisher?.problems ?? [];
    if (extra.length > 0) {
      const result = reader.result;
      result.problems.unshift(...extra);
      result.problems.sort((x, y) => x.row - y.row);
      result.problems.length = Math.min(result.problems.length, MAX_LISTED_PROBLEMS);
      result.problemCount += extra.length;
      result.rowsRead += extra.length;
    }
    return reader.result;
  }
  const size = (await fs.stat(t.file)).size;
  let quoteProblem: string | null = null;
  const outcome = await streamCsvRows(
    t.file,
    {
      onRows(rows, first) {
        if (first + rows.length <= firstDataRow) return;
        const skip = Math.max(0, firstDataRow - first);
        reader.addRows(skip > 0 ? rows.slice(skip) : rows, first + skip);
      },
      onParseProblem(row, message) {
        if (/quote/i.test(message) && quoteProblem === null) quoteProblem = `"${name}", row ${row ?? '?'}: ${message}; a quoted cell is never closed.`;
      },
    },
    { signal: options.signal, delimiter: t.delimiter, onBytes: (bytes) => options.onProgress?.({ file: name, fraction: Math.min(1, bytes / size), phase: 'reading' }) },
  );
  if (!outcome.ok) throw new ImportError(outcome.error);
  if (quoteProblem) throw new ImportError(quoteProblem);
  // The stream decodes UTF-8 (the file's first 256 KB were). Bytes further on that are not
  // (a Windows-1252 dash pasted in later) come out as U+FFFD: read the whole file again,
  // decoded as what it is, rather than keep damaged names.
  if (hasReplacementCharacters(reader.result)) {
    const whole = await readTableFile(t.file);
    if (!whole.ok) throw new ImportError(whole.error);
    const again = new TableReader(name, t.sheet, t.layout, ctx, { checkWidth: true });
    again.addRows((whole.value[0]?.rows ?? []).slice(t.layout.headerIndex + 1), firstDataRow);
    return again.result;
  }
  return reader.result;
}

const REPLACEMENT = '\uFFFD';
function hasReplacementCharacters(read: ReadTable): boolean {
  const v = read.values;
  return (
    read.indicators.some((i) => i.name.includes(REPLACEMENT) || i.unitText.includes(REPLACEMENT)) ||
    read.areas.some((a) => a.text.includes(REPLACEMENT) || (a.name ?? '').includes(REPLACEMENT)) ||
    read.problems.some((p) => p.value.includes(REPLACEMENT)) ||
    [...v.note.values(), ...v.label.values()].some((x) => x.includes(REPLACEMENT))
  );
}

/** The plan the analyst sees for a table: mapping, first values as they will be held, problems. */
function tablePlan(t: RecognisedTable, read: ReadTable, extraProblems: ImportProblem[], extraCount: number, createAreas: boolean, choices: readonly IndicatorChoice[], refused: string | null): ImportTablePlan {
  const v = read.values;
  const perIndicator = new Array<number>(read.indicators.length).fill(0);
  for (const i of v.indicator) perIndicator[i]!++;
  const preview: ImportTablePlan['preview'] = [];
  for (let i = 0; i < v.value.length && preview.length < 20; i++) {
    const area = read.areas[v.area[i]!]!;
    const areaName = area.existing ? area.existing.name : `${area.name ?? area.text} (${createAreas ? 'new area' : 'not in this workspace: left out'})`;
    const missing = v.missing[i]!;
    preview.push({
      row: v.row[i]!,
      indicator: read.indicators[v.indicator[i]!]!.name,
      area: areaName,
      period: formatSpanLabel({ first: v.first[i]!, last: v.last[i]! }),
      first: v.first[i]!,
      last: v.last[i]!,
      value: missing === 0 ? String(v.value[i]) + (v.footnote.get(i) ?? '') : missing === 1 ? 'NA' : '-',
      numerator: Number.isNaN(v.numerator[i]!) ? '' : String(v.numerator[i]),
      denominator: Number.isNaN(v.denominator[i]!) ? '' : String(v.denominator[i]),
      label: v.label.get(i) ?? '',
      note: v.note.get(i) ?? '',
    });
  }
  const chosen = new Map(choices.map((c) => [indicatorKey(c.name), c]));
  return {
    file: path.basename(t.file),
    sheet: t.sheet,
    sheets: t.sheets,
    shape: t.layout.shape,
    headerRow: t.layout.headerIndex + 1,
    signature: t.signature,
    mappingSource: t.mappingSource,
    columns: shownColumns(t.layout.columns),
    fixed: t.layout.fixed,
    blocking: t.layout.blocking ?? refused,
    preview,
    problems: [...read.problems, ...extraProblems].slice(0, 300),
    problemCount: read.problemCount + extraCount,
    rowsRead: read.rowsRead,
    valuesRead: v.value.length,
    unmatchedAreas: read.areas.filter((a) => !a.existing && a.rows > 0).map((a) => ({ name: a.name ?? a.text, code: a.code, rows: a.rows })),
    breakdowns: [...read.breakdownValues].map(([index, values]) => ({
      index,
      column: t.layout.header[index] ?? '',
      values,
      filter: t.layout.filters.find((f) => f.index === index)?.value ?? null,
    })),
    rowsFilteredOut: read.rowsFilteredOut,
    series: read.indicators.slice(0, 500).map((i, k) => ({ name: i.name, values: perIndicator[k]!, isNew: i.existingId === null })),
    newIndicators: read.indicators
      .filter((i) => i.existingId === null)
      .map((i) => {
        const guess = guessIndicator(i.name, { percent: i.percent, unitText: i.unitText, wholeNumbers: i.decimals === 0 });
        const c = chosen.get(indicatorKey(i.name));
        const unit = c?.unit ?? guess.unit;
        const measure = c?.measureType && MEASURE_TYPES_OF[unit].includes(c.measureType) ? { type: c.measureType, reason: 'as you chose' } : guessMeasureType(i.name, unit);
        return {
          name: i.name,
          unit,
          polarity: c?.polarity ?? guess.polarity,
          decimals: i.decimals,
          reason: c ? 'as you chose' : guess.reason,
          measureType: measure.type,
          measureTypeReason: measure.reason,
        };
      }),
  };
}

/** Columns sent to the Import screen: all that hold something, and at most a few hundred of the rest (a row of a million blank cells makes a million columns). */
const MAX_PLAN_COLUMNS = 500;
function shownColumns(columns: ImportTablePlan['columns']): ImportTablePlan['columns'] {
  if (columns.length <= MAX_PLAN_COLUMNS) return columns;
  const used = columns.filter((c) => c.role !== 'ignore');
  const rest = columns.filter((c) => c.role === 'ignore' && c.header !== '').slice(0, Math.max(0, MAX_PLAN_COLUMNS - used.length));
  return [...used, ...rest].sort((x, y) => x.index - y.index);
}

class DryRunRollback extends Error {}
/** Rolls back an import that would add or change nothing (see `importFilesNow`). */
class NothingToImport extends Error {}

/**
 * Workspace districts by every name police.uk might use: their own, and (from the built-in
 * geography) the names of the districts they replaced, since LSOA names keep the old
 * district's name ("Allerdale 012B" lies in Cumberland). Retired areas take no new counts.
 */
function districtsOf(workspace: Workspace, geography: Geography | null): Map<string, string> {
  const districts = new Map<string, string>();
  const local = listAreas(workspace.db).filter((a) => (a.kind === 'district' || a.kind === 'unitary') && !a.retiredOn);
  for (const a of local) districts.set(a.name, a.code);
  const own = new Set(local.map((a) => normaliseAreaName(a.name)));
  for (const a of local) {
    for (const name of geography?.namesOf(a.code).slice(1) ?? []) if (!own.has(normaliseAreaName(name))) districts.set(name, a.code);
  }
  return districts;
}

/** "12,040 police.uk rows in 12 other districts, most in Leicester (11,000), Rutland (700) and Daventry (40)": one line, not one per area. */
export function outsideSummary(outside: readonly { district: string; rows: number }[]): { reason: string; count: number } | null {
  if (outside.length === 0) return null;
  const count = outside.reduce((n, d) => n + d.rows, 0);
  const top = outside.slice(0, 3).map((d) => `${d.district} (${d.rows.toLocaleString('en-GB')})`);
  const listed = top.length === 1 ? top[0]! : `${top.slice(0, -1).join(', ')} and ${top[top.length - 1]}`;
  const where = outside.length === 1 ? `${outside[0]!.district}, which is not a district of this workspace` : `${outside.length} districts that are not this workspace's, most in ${listed}`;
  return { reason: `police.uk rows in ${where}`, count };
}

/** The force area above each workspace district (district -> CSP -> force), where the workspace holds one. */
function forcesOf(workspace: Workspace): Map<string, string> {
  const areas = listAreas(workspace.db);
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const forces = new Map<string, string>();
  for (const area of areas) {
    if (area.kind !== 'district' && area.kind !== 'unitary') continue;
    for (let up = byCode.get(area.parentCode ?? ''), steps = 0; up && steps < 5; up = byCode.get(up.parentCode ?? ''), steps++) {
      if (up.kind === 'force') {
        forces.set(area.code, up.name);
        break;
      }
    }
  }
  return forces;
}

/** Police.uk files with the same contents as one before them are read once; each copy is named in a warning. */
function withoutCopies(files: readonly { file: string; hash: string }[], report: ImportReport): string[] {
  const firstOfHash = new Map<string, string>();
  const kept: string[] = [];
  for (const { file, hash } of files) {
    const first = firstOfHash.get(hash);
    if (first === undefined) {
      firstOfHash.set(hash, file);
      kept.push(file);
    } else {
      report.warnings.push(`${path.basename(file)} is a copy of ${path.basename(first)} (the same contents); it was read once.`);
    }
  }
  return kept;
}

export async function importFiles(workspace: Workspace, files: string[], options: ImportOptions = {}): Promise<ImportReport> {
  try {
    return await importFilesNow(workspace, files, options);
  } catch (error) {
    if (options.signal?.aborted && !(error instanceof ImportError)) throw new ImportError('The import was cancelled: nothing was changed.');
    throw error;
  }
}

/** A folder named as a file, said in words before anything tries to read it (other read errors are named where the file is read). */
async function checkNotFolder(file: string): Promise<void> {
  const stat = await fs.stat(file).catch(() => null);
  if (stat?.isDirectory()) throw new ImportError(`"${path.basename(file)}" is a folder, not a file: choose the files inside it.`);
}

async function importFilesNow(workspace: Workspace, files: string[], options: ImportOptions): Promise<ImportReport> {
  if (files.length === 0) throw new ImportError('Choose at least one file to import.');
  for (const file of files) await checkNotFolder(file);
  const ctx = matchContext(workspace);
  const recognised: Recognised[] = [];
  for (const file of files) recognised.push(await recognise(file, workspace, ctx, options));
  const hashes = await Promise.all(files.map(fileSha256));
  const env = workspace.env;
  const report: ImportReport = { dryRun: options.dryRun === true, importId: null, files: [], added: 0, changed: [], unchanged: 0, conflicts: [], skipped: [], warnings: [], created: [] };

  // Tables are read before the transaction too (a large CSV streams, and can be cancelled).
  const tables = new Map<RecognisedTable, ReadTable>();
  for (const r of recognised) {
    if (r.shape !== 'table') continue;
    const where = `"${path.basename(r.file)}"${r.sheet ? `, sheet "${r.sheet}"` : ''}`;
    if (r.layout.blocking && !options.dryRun) throw new ImportError(`${where}: ${r.layout.blocking} Choose what each column holds on the Import screen.`);
    tables.set(r, r.layout.blocking ? new TableReader(path.basename(r.file), r.sheet, r.layout, ctx, { checkWidth: false }).result : await readTable(r, ctx, options));
  }
  if (tables.size > 0) report.tables = [];

  // police.uk files are counted together, before the transaction (reading is the slow part).
  const policeFiles = withoutCopies(
    recognised.flatMap((r, i) => (r.shape === 'police.uk' ? [{ file: r.file, hash: hashes[i] as string }] : [])),
    report,
  );
  let police: PoliceUkAggregate | null = null;
  if (policeFiles.length > 0) {
    const districts = districtsOf(workspace, await loadGeography().catch(() => null));
    if (districts.size === 0) throw new ImportError('This workspace has no districts to count police.uk crimes into. Start a workspace for your board with New workspace (or "boardpack new --workspace FILE --area NAME"), or add its districts with "boardpack areas add".');
    const what = policeFiles.length === 1 ? path.basename(policeFiles[0]!) : `${policeFiles.length} police.uk files`;
    const forces = forcesOf(workspace);
    // The plan's count is reused by the import that follows it when no file changed.
    police = await readOnce(workspace, policeFiles, JSON.stringify([[...districts], [...forces]]), () =>
      aggregatePoliceUk(policeFiles, {
        districts,
        forces,
        signal: options.signal,
        onProgress: (read, total) => options.onProgress?.({ file: what, fraction: total > 0 ? Math.min(1, read / total) : 1, phase: 'reading' }),
      }),
    );
    const errors = police.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) throw new ImportError(errors.slice(0, 5).map((p) => p.message).join(' ') + (errors.length > 5 ? ` (and ${errors.length - 5} more problems)` : ''));
    for (const p of police.problems) if (p.severity === 'warning' && p.file === '') report.warnings.push(p.message);
    report.policeUk = { districts: police.districtsCounted, crimeTypes: police.crimeTypes, months: police.months };
    if (police.totals.noLocation > 0) report.skipped.push({ reason: 'police.uk rows with no location (no LSOA)', count: police.totals.noLocation });
    if (police.totals.duplicates > 0) report.skipped.push({ reason: 'police.uk crimes already counted (the same Crime ID)', count: police.totals.duplicates });
    for (const d of police.notCovered) {
      const why = d.force === null
        ? `Boardpack does not know which police force covers ${d.district}`
        : `this import has no ${d.force} file for ${d.months.length === 1 ? d.months[0] : `${d.months.length} of those months`}`;
      report.skipped.push({ reason: `police.uk rows in ${d.district} from another force's file: ${why}, so ${d.district}'s figures were left as they were`, count: d.rows });
    }
    const outside = outsideSummary(police.outsideDistricts);
    if (outside) report.skipped.push(outside);
  }

  // Changes other than values: areas from a lookup or a table, an appendix's period and outcomes.
  let structural = false;
  const pause = options.breathe ?? (async () => undefined);
  const work = async () => {
    const db = workspace.db;
    const importId = db.insert('INSERT INTO imports (files, sha256, format, counts, os_user, imported_at) VALUES (?, ?, ?, ?, ?, ?)', [
      JSON.stringify(recognised.map((r) => ({ file: path.basename(r.file), sheet: r.shape === 'appendix' || r.shape === 'table' ? r.sheet : '' }))),
      hashes.join(','),
      [...new Set(recognised.map((r) => (r.shape === 'table' ? r.layout.shape : r.shape)))].join(','),
      '{}',
      env.osUser,
      env.now().toISOString(),
    ]);
    const add = (v: { added: number; unchanged: number; changed: ValueChange[]; conflicts?: ValueChange[]; created?: string[] }) => {
      report.added += v.added;
      report.unchanged += v.unchanged;
      report.changed.push(...v.changed);
      report.conflicts.push(...(v.conflicts ?? []));
      report.created.push(...(v.created ?? []));
    };
    for (const r of recognised) {
      await pause();
      if (r.shape === 'appendix') {
        const area = dashboardArea(workspace, report);
        if (r.dashboardTitle && !getMeta(db, 'dashboard_title')) setMeta(db, 'dashboard_title', r.dashboardTitle);
        const applied = applyAppendixTable(db, r.table, { areaId: area.id, importId, reasonPrefix: `As in ${path.basename(r.file)}` });
        if (applied.periodCreated || applied.outcomesCreated + applied.indicatorsCreated > 0) structural = true;
        if (applied.periodCreated) report.created.push(`the reporting period "${r.table.periodName}"`);
        if (applied.outcomesCreated + applied.indicatorsCreated > 0) report.created.push(`${applied.outcomesCreated} outcomes and ${applied.indicatorsCreated} indicators`);
        add(applied);
        const indicators = r.table.outcomes.reduce((n, o) => n + o.indicators.length, 0);
        report.files.push({ file: path.basename(r.file), sheet: r.sheet, shape: 'appendix', periodName: r.table.periodName, indicators, summary: `the appendix layout for ${r.table.periodName}, ${indicators} indicators` });
      } else if (r.shape === 'ons-population') {
        const applied = await applyPopulations(db, r.rows, importId, `ONS mid-year estimates (${path.basename(r.file)})`, pause);
        add(applied);
        if (applied.notInWorkspace > 0) report.skipped.push({ reason: `areas in ${path.basename(r.file)} that are not in this workspace`, count: applied.notInWorkspace });
        const years = [...new Set(r.rows.map((x) => x.year))].join(', ');
        report.files.push({ file: path.basename(r.file), sheet: r.sheet, shape: 'ons-population', summary: `ONS mid-year population estimates (${years}), ${new Set(r.rows.map((x) => x.code)).size} areas` });
      } else if (r.shape === 'area-lookup') {
        const applied = applyAreaLookup(db, r.rows, importId);
        if (applied.added > 0) structural = true;
        add({ added: 0, unchanged: 0, changed: [], created: applied.created });
        if (applied.notInWorkspace > 0) report.skipped.push({ reason: `districts in ${path.basename(r.file)} that are not in this workspace`, count: applied.notInWorkspace });
        report.files.push({
          file: path.basename(r.file),
          sheet: '',
          shape: 'area-lookup',
          summary: `an ONS district to community safety partnership to police force area lookup, ${r.rows.length} districts (${applied.rowsUsed} used, ${applied.added} new areas)`,
        });
      } else if (r.shape === 'table') {
        const name = path.basename(r.file);
        const read = tables.get(r)!;
        let duplicates: ImportProblem[] = [];
        let duplicateCount = 0;
        let refused: string | null = null;
        if (!r.layout.blocking) {
          const applied = applyTable(db, read, {
            importId,
            createAreas: options.createAreas === true,
            indicatorChoices: options.indicators ?? [],
            locked: LockedPeriodRule.of(db),
            source: `imported from ${name}`,
            onStep: (done, total) => {
              if (options.shouldStop?.()) throw new ImportError('The import was cancelled: nothing was changed.');
              options.onProgress?.({ file: name, fraction: done / total, phase: 'storing' });
            },
          });
          if (applied.ambiguousCount > 0) {
            // Never a silent choice between two figures: the whole import is refused.
            const first = applied.ambiguous[0]!;
            const more = applied.ambiguousCount - 1;
            refused = `Rows ${first.problem.replace(/^rows /, '')}: ${first.fix}.${more > 0 ? ` ${more.toLocaleString('en-GB')} more ${more === 1 ? 'row is' : 'rows are'} like it.` : ''}`;
            if (!options.dryRun) throw new ImportError(`"${name}"${r.sheet ? `, sheet "${r.sheet}"` : ''}: ${refused} Nothing was imported.`);
          }
          add(applied);
          duplicates = [...applied.ambiguous, ...applied.duplicates];
          duplicateCount = applied.ambiguousCount + applied.duplicateCount;
          if (applied.conflictCount > applied.conflicts.length) {
            report.skipped.push({ reason: `of the values in ${name}, for months a locked (published) period uses: left as published (the first ${applied.conflicts.length} are listed as conflicts)`, count: applied.conflictCount });
          }
          if (applied.unmatchedValues > 0) {
            const names = read.areas.filter((a) => !a.existing && a.rows > 0).map((a) => a.name ?? a.text);
            report.skipped.push({ reason: `of the values in ${name}, for areas not in this workspace (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''})`, count: applied.unmatchedValues });
          }
          if (!options.dryRun && r.mappingSource !== 'detected') {
            rememberMapping(db, r.signature, {
              headerRow: r.layout.headerIndex + 1,
              columns: r.layout.columns.map((c) => ({ header: c.header, role: c.role })),
              fixed: r.layout.fixed,
              filters: r.layout.filters.map((f) => ({ column: f.header, value: f.value })),
              savedAt: env.now().toISOString(),
            });
          }
        }
        const plan = tablePlan(r, read, duplicates, duplicateCount, options.createAreas === true, options.indicators ?? [], refused);
        if (read.rowsFilteredOut > 0) {
          const filters = r.layout.filters.map((f) => `"${f.header}" is "${f.value}"`).join(' and ');
          report.skipped.push({ reason: `of the rows of ${name}: not the ones where ${filters} (your filter)`, count: read.rowsFilteredOut });
        }
        for (const f of r.layout.filters) {
          const seen = read.breakdownValues.get(f.index) ?? [];
          if (!seen.some((x) => x.toLowerCase() === f.value.toLowerCase())) {
            report.warnings.push(`No row of ${name} has "${f.header}" = "${f.value}"; it holds ${seen.slice(0, 10).map((x) => `"${x}"`).join(', ')}${seen.length > 10 ? ', ...' : ''}.`);
          }
        }
        report.tables!.push(plan);
        if (plan.problemCount > 0) report.skipped.push({ reason: `of the rows of ${name}: each has a problem, listed with its row and column`, count: plan.problemCount });
        if (read.blankValues > 0) report.skipped.push({ reason: `of the value cells in ${name}: blank`, count: read.blankValues });
        const areaCount = read.areas.filter((a) => a.rows > 0).length;
        report.files.push({
          file: name,
          sheet: r.sheet,
          shape: r.layout.shape,
          summary: r.layout.blocking
            ? `a ${r.layout.shape} table that needs its columns chosen`
            : refused
            ? `a ${r.layout.shape} table that cannot be imported as mapped: ${refused}`
            : `${r.publisher ? `${r.publisher.summary}, read as ` : ''}a ${r.layout.shape} table: ${plan.valuesRead.toLocaleString('en-GB')} values of ${read.indicators.length} indicator${read.indicators.length === 1 ? '' : 's'} for ${areaCount} area${areaCount === 1 ? '' : 's'}`,
        });
      } else {
        const summary = police!.files.find((f) => f.file === r.file);
        const months = summary?.months ?? [];
        const forces = summary?.forces ?? [];
        if (summary && summary.rowsRead === 0) report.warnings.push(`${path.basename(r.file)} has a header but no rows: there is nothing in it to count.`);
        const elsewhere = summary && summary.rowsRead > 0 && summary.rowsCounted === 0
          ? `: a file for ${forces.length > 0 ? forces.join(', ') : 'another force'}, which covers none of this workspace's districts, so nothing in it changes this workspace`
          : '';
        report.files.push({
          file: path.basename(r.file),
          sheet: '',
          shape: 'police.uk',
          summary: summary
            ? `police.uk street-level crime${forces.length > 0 ? ` (${forces.join(', ')})` : ''}${months.length > 0 ? ` for ${months[0]}${months.length > 1 ? ` to ${months[months.length - 1]}` : ''}` : ''}, ${summary.rowsRead} rows, ${summary.rowsCounted} in this workspace's districts${elsewhere}`
            : `police.uk street-level crime: a copy of another file in this import, read once`,
        });
      }
    }
    if (police) add(await applyPoliceCounts(db, police.counts, importId, pause));
    const blocking = (report.tables ?? []).find((t) => t.blocking !== null);
    if (blocking) {
      // Only a dry run gets here (the import itself stops at a blocking table): it says what the
      // import would do, which is refuse the whole of it, with the same status.
      report.status = 'refused';
      report.added = 0;
      report.changed = [];
      report.unchanged = 0;
      report.created = [];
      report.warnings.push(`The import would be refused, so nothing would change: "${blocking.file}"${blocking.sheet ? `, sheet "${blocking.sheet}"` : ''}: ${blocking.blocking}`);
      throw new NothingToImport();
    }
    // An import that changes nothing is not recorded, and creates nothing (no indicator made
    // for rows that were all refused). The report still says what was read and why.
    if (report.added === 0 && report.changed.length === 0 && !structural) {
      report.created = [];
      const rowsWithProblems = (report.tables ?? []).reduce((n, t) => n + t.problemCount, 0);
      const blocked = (report.tables ?? []).some((t) => t.blocking !== null);
      const nothingRead = report.unchanged === 0 && report.conflicts.length === 0;
      report.status = blocked || nothingRead ? 'refused' : 'unchanged';
      if (report.status === 'unchanged') {
        report.warnings.push(`Nothing ${options.dryRun ? 'would change' : 'changed'}: every value in the file${files.length > 1 ? 's' : ''} is already in this workspace${report.conflicts.length > 0 ? ' or in a locked (published) period' : ''}, so no import is recorded.`);
      } else {
        report.warnings.push(
          `Nothing in the file${files.length > 1 ? 's' : ''} could be imported${blocked ? ': choose what each column holds first' : rowsWithProblems > 0 ? ': every row has a problem (listed with its row and column) or was left out' : ': every row was left out (the reasons are listed)'}; no import is recorded and nothing ${options.dryRun ? 'would be' : 'was'} created.`,
        );
      }
      throw new NothingToImport();
    }
    report.status = 'imported';
    db.run('UPDATE imports SET counts = ? WHERE id = ?', [JSON.stringify({ added: report.added, changed: report.changed.length, unchanged: report.unchanged, conflicts: report.conflicts.length }), importId]);
    report.importId = importId;
    if (options.dryRun) throw new DryRunRollback();
  };

  // The rollback journal and temporary tables (the import's staging table) stay in memory:
  // sql.js keeps the database in memory anyway, and its file layer makes every journal page
  // write a copy. Rollback works the same. (sql.js reopens the database on every save, which
  // resets these, so they are set before each import.)
  //
  // Foreign keys are not checked during the import's own transaction: every id it stores comes
  // from a row it just looked up or created (indicators, areas, the import record), and the
  // three parent lookups per stored value cost about a tenth of a big import. (The pragma has no
  // effect inside a transaction, so an import nested in another one is checked as before.)
  const own = !workspace.db.inTransaction;
  if (own) workspace.db.exec('PRAGMA journal_mode = MEMORY; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF');
  try {
    if (options.dryRun) await workspace.db.transactionAsync(work);
    else await workspace.mutateAsync(work);
  } catch (error) {
    if (!(error instanceof DryRunRollback) && !(error instanceof NothingToImport)) throw error;
    report.importId = null;
  } finally {
    if (own) workspace.db.exec('PRAGMA foreign_keys = ON');
  }
  if (!options.dryRun) {
    const saving = path.basename(workspace.file ?? 'the workspace');
    options.onProgress?.({ file: saving, fraction: 0, phase: 'saving' });
    await workspace.flush();
    options.onProgress?.({ file: saving, fraction: 1, phase: 'saving' });
  }
  return report;
}

/** The area an appendix describes: the workspace's dashboard area, created when it has none. */
function dashboardArea(workspace: Workspace, report: ImportReport) {
  const db = workspace.db;
  const code = getMeta(db, 'dashboard_area_code');
  const existing = code ? areaByCode(db, code) : undefined;
  if (existing) return existing;
  upsertArea(db, { code: LOCAL_AREA.code, name: LOCAL_AREA.name, kind: 'county', parentCode: null });
  setMeta(db, 'dashboard_area_code', LOCAL_AREA.code);
  report.created.push(`the area "${LOCAL_AREA.name}" that the appendix describes`);
  return areaByCode(db, LOCAL_AREA.code)!;
}

/**
 * Imports files the renderer sent as bytes (a dropped or chosen file has no path a browser
 * may read): they are written to a private temporary folder, imported, and removed.
 */
export async function importUploaded(workspace: Workspace, files: Array<{ name: string; base64: string }>, options: ImportOptions = {}): Promise<ImportReport> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'boardpack-import-'));
  try {
    const paths: string[] = [];
    for (const [i, f] of files.entries()) {
      // Keep the user's file name (it appears in the report), never a path from outside.
      const safe = path.basename(f.name).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_') || `file-${i + 1}`;
      const target = path.join(folder, `${i + 1}`, safe);
      await fs.mkdir(path.dirname(target));
      await fs.writeFile(target, Buffer.from(f.base64, 'base64'));
      paths.push(target);
    }
    return await importFiles(workspace, paths, options);
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}
