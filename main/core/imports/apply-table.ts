/**
 * Stores the values read from a tidy or wide table, inside the import's transaction.
 *
 * A million values must store in about the time SQLite takes to insert them, so the work is
 * done in SQL over a temporary staging table rather than row by row in JavaScript:
 *
 * 1. new areas (when asked) and new indicators are created, each journalled for undo;
 * 2. the values go into `temp.import_stage` with one prepared statement (its primary key is
 *    the observation's key, so a second value for the same indicator, area and span is caught
 *    there and reported with both row numbers);
 * 3. one join with `observations` marks each staged value unchanged or changed, and values a
 *    locked (published) period published become conflicts (the locked-period rule);
 * 4. the journal rows (each stored row as it was, or NULL) and the new values are written by
 *    two INSERT ... SELECT statements.
 *
 * The statements themselves are in observations-repo.ts; this file decides what to store.
 */
import type { ImportProblem, ValueChange } from '../../../shared/api/types';
import { formatSpanLabel } from '../../../shared/domain/periods';
import type { AreaKind, MeasureType, Polarity, Unit } from '../../../shared/domain/types';
import { guessMeasureType, MEASURE_TYPES_OF } from '../../../shared/domain/definition-words';
import type { Sqlite } from '../store/sqlite';
import type { LockedPeriodRule } from '../periods';
import { areaByCode, upsertArea } from '../areas';
import { addIndicator } from '../indicators';
import { journalBefore } from './journal-repo';
import {
  anyValueStored,
  createStage,
  hasBulkJournalEntry,
  indicatorIdNamed,
  markStagedAgainstStored,
  markStagedLocked,
  prepareNewValueInserts,
  prepareStageInsert,
  stagedChanges,
  stagedCounts,
  stagedDuplicates,
  VALUE_PARAMS,
  writeStaged,
} from './observations-repo';
import { guessIndicator, indicatorKey, looksLikeValue } from './cells';
import type { AppliedValues } from './apply-counts';
import type { ReadTable } from './table-rows';

export interface IndicatorChoice {
  name: string;
  unit: Unit;
  polarity: Polarity;
  /** Guessed from the unit and name when not given. */
  measureType?: MeasureType;
}

export interface ApplyTableOptions {
  importId: number;
  createAreas: boolean;
  /** Unit and polarity the user confirmed for new indicators, by name. */
  indicatorChoices: readonly IndicatorChoice[];
  /** What locked (published) periods protect: values of it are conflicts, left as published. */
  locked: LockedPeriodRule;
  source: string;
  /**
   * Called every few thousand values stored (values done, values in all): reports progress, and
   * may throw to stop the import (Cancel), which rolls the whole transaction back.
   */
  onStep?: (done: number, total: number) => void;
  /**
   * Awaited after each `onStep`: lets the process answer other calls once a slice's time is up
   * (the import's `pause`), so a million values never hold the core for seconds on end.
   */
  pause?: () => Promise<void>;
}

/** How many values are stored between two `onStep` calls (a few milliseconds of work). */
const STEP = 4_096;

/** Between two steps of storing: progress, Cancel, and a turn for other calls when a slice is up. */
async function step(options: ApplyTableOptions, done: number, total: number): Promise<void> {
  options.onStep?.(done, total);
  if (done > 0) await options.pause?.();
}

export interface AppliedTable extends AppliedValues {
  /** Values left out because their area is not in the workspace (and was not created). */
  unmatchedValues: number;
  /** All values in published months, listed or not. */
  conflictCount: number;
  /** Rows that repeat another row exactly (same value too): read once. */
  duplicates: ImportProblem[];
  duplicateCount: number;
  /**
   * Rows with a different figure for the same indicator, area and period: the import must be
   * refused (never a silent first-wins), naming the column that tells them apart when one does.
   */
  ambiguous: ImportProblem[];
  ambiguousCount: number;
}

/** The kind of area an ONS code names (E06 unitary, E07 district...); 'comparator' otherwise. */
export function kindOfCode(code: string | null): AreaKind {
  const prefix = code?.slice(0, 3) ?? '';
  if (prefix === 'E06' || prefix === 'W06' || prefix === 'S12') return 'unitary';
  if (['E07', 'E08', 'E09', 'N09'].includes(prefix)) return 'district';
  if (prefix === 'E10') return 'county';
  if (prefix === 'E12') return 'region';
  if (prefix === 'E23' || prefix === 'W15') return 'force';
  if (prefix === 'E22' || prefix === 'W22') return 'csp';
  return 'comparator';
}

/** A code for an area the file names without one: "LOCAL-NORTH-WARD", unique in the workspace. */
function localCode(db: Sqlite, name: string): string {
  const base = `LOCAL-${name.toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'AREA'}`;
  let code = base;
  for (let n = 2; areaByCode(db, code); n++) code = `${base}-${n}`;
  return code;
}

export async function applyTable(db: Sqlite, table: ReadTable, options: ApplyTableOptions): Promise<AppliedTable> {
  const result: AppliedTable = { added: 0, unchanged: 0, changed: [], conflicts: [], created: [], unmatchedValues: 0, conflictCount: 0, duplicates: [], duplicateCount: 0, ambiguous: [], ambiguousCount: 0 };

  // 1. Areas and indicators.
  const areaIds = table.areas.map((a) => a.existing?.id ?? -1);
  const createdAreas: string[] = [];
  if (options.createAreas) {
    for (const [i, a] of table.areas.entries()) {
      if (a.existing || a.rows === 0) continue;
      const name = a.name ?? a.text;
      const code = a.code && !areaByCode(db, a.code) ? a.code : localCode(db, name);
      journalBefore(db, options.importId, 'areas', { code });
      areaIds[i] = upsertArea(db, { code, name, kind: kindOfCode(a.code), parentCode: null });
      createdAreas.push(`${name} (${code})`);
    }
  }
  if (createdAreas.length > 0) result.created.push(`${createdAreas.length === 1 ? 'the area' : `${createdAreas.length} areas:`} ${createdAreas.slice(0, 20).join(', ')}${createdAreas.length > 20 ? ', ...' : ''}`);
  const choices = new Map(options.indicatorChoices.map((c) => [indicatorKey(c.name), c]));
  // Indicators already in the workspace, including ones an earlier file of this import created.
  const stored = new Set<number>();
  const indicatorIds = table.indicators.map((ind) => {
    if (ind.existingId !== null) {
      stored.add(ind.existingId);
      return ind.existingId;
    }
    const made = indicatorIdNamed(db, ind.name);
    if (made !== undefined) {
      stored.add(made);
      return made;
    }
    const guess = guessIndicator(ind.name, { percent: ind.percent, unitText: ind.unitText, wholeNumbers: ind.decimals === 0 });
    const chosen = choices.get(indicatorKey(ind.name));
    const unit = chosen?.unit ?? guess.unit;
    const measureType = chosen?.measureType && MEASURE_TYPES_OF[unit].includes(chosen.measureType) ? chosen.measureType : guessMeasureType(ind.name, unit).type;
    const id = addIndicator(db, {
      outcomeId: null,
      name: ind.name,
      unit,
      measureType,
      polarity: chosen?.polarity ?? guess.polarity,
      decimals: unit === 'count' ? Math.min(ind.decimals, 6) : Math.max(1, Math.min(ind.decimals, 6)),
      frequency: '',
      source: options.source,
      tolerancePercent: 5,
    });
    result.created.push(`the indicator "${ind.name}"`);
    return id;
  });

  // Undo removes every value this import added with one journal entry (rows it changed are
  // journalled one by one below, and put back first).
  const bulkKey = JSON.stringify({ import_id: options.importId });
  if (!hasBulkJournalEntry(db, options.importId, bulkKey)) {
    journalBefore(db, options.importId, 'observations', { import_id: options.importId });
  }
  if (anyValueStored(db, [...stored])) await applyStaged(db, table, options, areaIds, indicatorIds, result);
  else await applyNew(db, table, options, areaIds, indicatorIds, result);
  if (result.conflicts.length > MAX_LISTED_CONFLICTS) result.conflicts.length = MAX_LISTED_CONFLICTS;
  return result;
}

/** Conflicts listed one by one; the report counts the rest. */
export const MAX_LISTED_CONFLICTS = 1000;

/** The parameters of value i, in the column order of the repository's VALUE_PARAMS; false when its area is left out. */
function valueParams(table: ReadTable, i: number, areaIds: number[], indicatorIds: number[], out: Array<string | number | null>): boolean {
  const v = table.values;
  const areaId = areaIds[v.area[i]!]!;
  if (areaId < 0) return false;
  const missing = v.missing[i]!;
  const numerator = v.numerator[i]!;
  const denominator = v.denominator[i]!;
  out[0] = indicatorIds[v.indicator[i]!]!;
  out[1] = areaId;
  out[2] = v.first[i]!;
  out[3] = v.last[i]!;
  out[4] = missing === 0 ? v.value[i]! : null;
  out[5] = Number.isNaN(numerator) ? null : numerator;
  out[6] = Number.isNaN(denominator) ? null : denominator;
  out[7] = v.label.get(i) ?? null;
  out[8] = v.footnote.get(i) ?? null;
  out[9] = missing === 0 ? null : missing === 1 ? 'NA' : '-';
  out[10] = v.note.get(i) ?? '';
  return true;
}

function describeValue(value: number | null, missing: string | null): string {
  return value === null ? (missing ?? 'NA') : String(value);
}

/** "Offence rate, Blaby, 2023-24": what a value is for, in the report's words. */
function valueWhat(table: ReadTable, i: number): string {
  const v = table.values;
  const area = table.areas[v.area[i]!]!;
  return `${table.indicators[v.indicator[i]!]!.name}, ${area.existing?.name ?? area.name ?? area.text}, ${formatSpanLabel({ first: v.first[i]!, last: v.last[i]! })}`;
}

function figureOf(table: ReadTable, i: number): string {
  const v = table.values;
  const m = v.missing[i]!;
  return m === 0 ? String(v.value[i]) : m === 1 ? 'NA' : '-';
}

/** Everything a value holds besides its key, to tell a repeated row from a contradicting one. */
function sameContent(table: ReadTable, i: number, j: number): boolean {
  const v = table.values;
  const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));
  return (
    v.missing[i] === v.missing[j] &&
    same(v.value[i]!, v.value[j]!) &&
    same(v.numerator[i]!, v.numerator[j]!) &&
    same(v.denominator[i]!, v.denominator[j]!) &&
    v.label.get(i) === v.label.get(j) &&
    v.note.get(i) === v.note.get(j) &&
    v.footnote.get(i) === v.footnote.get(j)
  );
}

/**
 * Two values with the same indicator, area and period (value `first` read first). A column
 * left out that holds different texts on their rows is a breakdown the mapping missed: the
 * import is refused, naming it. Different figures with nothing to tell them apart are refused
 * too. Only an exact repeat is read once.
 */
function judgeDuplicate(table: ReadTable, first: number, dup: number, result: AppliedTable): void {
  const v = table.values;
  const others = v.others;
  // The column that tells them apart: a text column first (a second column of figures differs too).
  let column = -1;
  for (let k = 0; k < others.columns.length; k++) {
    const a = others.ids[k]![first]!;
    const b = others.ids[k]![dup]!;
    if (a === b || (a < 0 && b < 0)) continue;
    const texts = [a, b].map((id) => (id < 0 ? '' : others.texts[k]![id]!));
    const words = texts.some((t) => t !== '' && !looksLikeValue(t));
    if (column < 0 || words) column = k;
    if (words) break;
  }
  const firstRow = v.row[first]!;
  const row = v.row[dup]!;
  const what = valueWhat(table, dup);
  if (column >= 0) {
    const header = table.layout.header[others.columns[column]!]?.trim() || `column ${others.columns[column]! + 1}`;
    const text = (id: number) => (id < 0 ? '(text not kept)' : others.texts[column]![id]!);
    result.ambiguousCount++;
    if (result.ambiguous.length < 100) {
      result.ambiguous.push({
        file: table.file,
        sheet: table.sheet,
        row,
        column: header,
        value: what,
        problem: `rows ${firstRow} and ${row} both give ${what} (${figureOf(table, first)} and ${figureOf(table, dup)}); only column "${header}" tells them apart ("${text(others.ids[column]![first]!)}" and "${text(others.ids[column]![dup]!)}")`,
        fix: `set column "${header}" to "Breakdown" so each of its values becomes its own series, or filter the table to one of its values (--filter "${header}=${text(others.ids[column]![first]!)}")`,
      });
    }
    return;
  }
  if (!sameContent(table, first, dup)) {
    result.ambiguousCount++;
    if (result.ambiguous.length < 100) {
      result.ambiguous.push({
        file: table.file,
        sheet: table.sheet,
        row,
        column: '',
        value: what,
        problem: `rows ${firstRow} and ${row} both give ${what} and differ only in their figures (${figureOf(table, first)} and ${figureOf(table, dup)}); no column tells them apart`,
        fix: 'keep one row for each indicator, area and period, or add a column that says what each row counts',
      });
    }
    return;
  }
  result.duplicateCount++;
  if (result.duplicates.length < 100) {
    result.duplicates.push({
      file: table.file,
      sheet: table.sheet,
      row,
      column: '',
      value: what,
      problem: `row ${firstRow} already has a value for the same indicator, area and period; the value on row ${firstRow} is kept`,
      fix: 'keep one row for each indicator, area and period',
    });
  }
}

/**
 * The order values are inserted in: the order of the observations table's unique key
 * (indicator, area, first month, last month), which makes each insert into that B-tree an
 * append rather than a search and split in the middle. Null when the values already come in
 * that order (a tidy file sorted by indicator, area and period). The sort is stable, so of two
 * values with the same key the one earlier in the file is still inserted (and kept) first.
 */
function keyOrder(table: ReadTable, areaIds: number[], indicatorIds: number[]): Uint32Array | null {
  const v = table.values;
  const n = v.value.length;
  const { indicator, area, first, last } = v;
  let sorted = true;
  let prevInd = -Infinity;
  let prevArea = -Infinity;
  for (let i = 0; i < n; i++) {
    const ind = indicatorIds[indicator[i]!]!;
    const a = areaIds[area[i]!]!;
    if (ind === prevInd && a === prevArea) {
      const f = first[i]!;
      const pf = first[i - 1]!;
      if (pf > f || (pf === f && last[i - 1]! > last[i]!)) {
        sorted = false;
        break;
      }
    } else if (ind < prevInd || (ind === prevInd && a < prevArea)) {
      sorted = false;
      break;
    }
    prevInd = ind;
    prevArea = a;
  }
  if (sorted) return null;
  const indOf = new Float64Array(n);
  const areaOf = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    indOf[i] = indicatorIds[indicator[i]!]!;
    areaOf[i] = areaIds[area[i]!]!;
  }
  const keys = Array.from({ length: n }, (_, i) => i);
  // Ties broken by position: the sort is stable whatever the engine does.
  keys.sort((x, y) => indOf[x]! - indOf[y]! || areaOf[x]! - areaOf[y]! || (first[x]! < first[y]! ? -1 : first[x]! > first[y]! ? 1 : 0) || (last[x]! < last[y]! ? -1 : last[x]! > last[y]! ? 1 : 0) || x - y);
  return Uint32Array.from(keys);
}

/**
 * None of the table's indicators has a stored value yet (a new series, or a first import): every
 * value is added, straight into `observations` with one prepared statement, in the order of its
 * unique key. A second value for the same key is caught by the unique index (the insert changes
 * nothing) and reported.
 */
async function applyNew(db: Sqlite, table: ReadTable, options: ApplyTableOptions, areaIds: number[], indicatorIds: number[], result: AppliedTable): Promise<void> {
  const v = table.values;
  const locked = options.locked;
  const n = v.value.length;
  // Values left out (area not in the workspace) or in published months (conflicts), in file order.
  const skip = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (areaIds[v.area[i]!]! < 0) {
      result.unmatchedValues++;
      skip[i] = 1;
    } else if (locked.protecting(indicatorIds[v.indicator[i]!]!, { last: v.last[i]! })) {
      skip[i] = 1;
      if (result.conflicts.length <= MAX_LISTED_CONFLICTS) {
        const area = table.areas[v.area[i]!]!;
        const missing = v.missing[i]!;
        result.conflicts.push({
          indicator: `${table.indicators[v.indicator[i]!]!.name}, ${area.existing?.name ?? area.name ?? area.text}`,
          span: formatSpanLabel({ first: v.first[i]!, last: v.last[i]! }),
          old: 'none',
          new: describeValue(missing === 0 ? v.value[i]! : null, missing === 0 ? null : missing === 1 ? 'NA' : '-'),
        });
      }
      result.conflictCount++;
    }
  }
  const order = keyOrder(table, areaIds, indicatorIds);
  const duplicates: number[] = [];
  const params: Array<string | number | null> = new Array(VALUE_PARAMS + 1).fill(null);
  params[VALUE_PARAMS] = options.importId;
  // Most values have no numerator, denominator, label, footnote or note: a statement with only
  // what varies binds half the parameters (the last month is bound only when it differs).
  const plain: Array<string | number | null> = [0, 0, '', null, null, null];
  const inserts = prepareNewValueInserts(db, options.importId);
  const { indicator, area, first, last, value, missing, numerator, denominator, label, footnote, note } = v;
  const extras = label.size > 0 || footnote.size > 0 || note.size > 0;
  try {
    for (let k = 0; k < n; k++) {
      if (k % STEP === 0) await step(options, k, n);
      const i = order === null ? k : order[k]!;
      if (skip[i] === 1) continue;
      const m = missing[i]!;
      if (Number.isNaN(numerator[i]!) && Number.isNaN(denominator[i]!) && (!extras || (!label.has(i) && !footnote.has(i) && !note.has(i)))) {
        plain[0] = indicatorIds[indicator[i]!]!;
        plain[1] = areaIds[area[i]!]!;
        const f = first[i]!;
        const l = last[i]!;
        plain[2] = f;
        plain[3] = l === f ? null : l;
        plain[4] = m === 0 ? value[i]! : null;
        plain[5] = m === 0 ? null : m === 1 ? 'NA' : '-';
        if (inserts.plain(plain)) result.added++;
        else duplicates.push(i);
      } else {
        valueParams(table, i, areaIds, indicatorIds, params);
        if (inserts.full(params)) result.added++;
        else duplicates.push(i);
      }
    }
    options.onStep?.(n, n);
  } finally {
    inserts.free();
  }
  if (duplicates.length === 0) return;
  duplicates.sort((x, y) => x - y);
  // The first value of each duplicated key.
  const keyOf = (i: number) => `${v.indicator[i]}|${v.area[i]}|${v.first[i]}|${v.last[i]}`;
  const wanted = new Map(duplicates.map((i) => [keyOf(i), -1]));
  for (let i = 0; i < v.value.length; i++) {
    const k = keyOf(i);
    if (wanted.get(k) === -1) wanted.set(k, i);
  }
  for (const i of duplicates) judgeDuplicate(table, wanted.get(keyOf(i))!, i, result);
}

/**
 * Some of the table's indicators have stored values: the values are staged, compared with
 * what is stored in one join, and only the added and changed ones written.
 */
async function applyStaged(db: Sqlite, table: ReadTable, options: ApplyTableOptions, areaIds: number[], indicatorIds: number[], result: AppliedTable): Promise<void> {
  const v = table.values;
  createStage(db);
  const params: Array<string | number | null> = new Array(VALUE_PARAMS + 2).fill(null);
  const stmt = prepareStageInsert(db);
  const order = keyOrder(table, areaIds, indicatorIds);
  try {
    for (let k = 0; k < v.value.length; k++) {
      if (k % STEP === 0) await step(options, k, v.value.length);
      const i = order === null ? k : order[k]!;
      if (!valueParams(table, i, areaIds, indicatorIds, params)) {
        result.unmatchedValues++;
        continue;
      }
      params[VALUE_PARAMS] = v.row[i]!;
      params[VALUE_PARAMS + 1] = i;
      stmt.run(params);
    }
    options.onStep?.(v.value.length, v.value.length);
  } finally {
    stmt.free();
  }
  for (const d of stagedDuplicates(db)) {
    for (const dup of d.dups.split(',')) judgeDuplicate(table, d.src_idx, Number(dup), result);
  }

  // Compare with what is stored: 0 added, 1 changed, 2 unchanged, 3 conflict (a published month).
  markStagedAgainstStored(db);
  for (const id of new Set(indicatorIds)) {
    const ref = options.locked.through(id);
    if (ref) markStagedLocked(db, id, ref.lastMonth);
  }
  for (const r of stagedCounts(db)) {
    if (r.st === 0) result.added += r.n;
    else if (r.st === 2) result.unchanged += r.n;
    else if (r.st === 3) result.conflictCount += r.n;
  }
  for (const r of stagedChanges(db)) {
    const change: ValueChange = {
      indicator: `${r.indicator}, ${r.area}`,
      span: formatSpanLabel({ first: r.first_month, last: r.last_month }),
      old: r.had === null ? 'none' : describeValue(r.old_value, r.old_missing),
      new: describeValue(r.value, r.missing),
    };
    if (r.st === 1) result.changed.push(change);
    else if (result.conflicts.length <= MAX_LISTED_CONFLICTS) result.conflicts.push(change);
  }

  // Journal the rows about to change (added ones are covered by the import's bulk entry), then write.
  writeStaged(db, options.importId);
}
