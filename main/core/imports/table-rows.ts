/**
 * Reads the rows of a tidy or wide table, as laid out by `detectLayout`, into values ready to
 * store: indicator, area, span, value (with numerator, denominator, label, note). Rows arrive
 * a block at a time (a million-row CSV is never held as text), and the values are kept in
 * columns of plain arrays, not one object per value.
 *
 * Every cell that cannot be read becomes a problem naming the file, sheet, row, column, the
 * value, what is wrong and what would fix it; its row is left out and the rest is read.
 */
import { parsePeriodLabel, rollingTwelveMonths } from '../../../shared/domain/periods';
import type { ImportProblem } from '../../../shared/api/types';
import type { Result, Span } from '../../../shared/domain/types';
import { areaKey, GSS_CODE, indicatorKey, readValueCell, type CellValue } from './cells';
import { columnLetter, matchArea, type AreaRef, type MatchContext, type TableLayout } from './table-shape';

/** Problems listed one by one; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 300;
/** Distinct new indicators or unknown areas one table may bring (a runaway column is a mistake). */
const MAX_NEW_NAMES = 5000;
const MAX_CACHED_PERIODS = 20000;

export interface TableIndicator {
  name: string;
  existingId: number | null;
  unitText: string;
  percent: boolean;
  decimals: number;
}

export interface TableArea {
  text: string;
  /** The ONS code to create it with, when the file gives one. */
  code: string | null;
  /** A name for it from an area name column, when the file has one. */
  name: string | null;
  existing: AreaRef | null;
  rows: number;
}

/** Values in columns: entry i of each array belongs to value i. */
export interface TableValues {
  indicator: number[];
  area: number[];
  first: string[];
  last: string[];
  /** NaN where the value is missing. */
  value: number[];
  /** 0: a value; 1: NA (not available); 2: - (not applicable). */
  missing: number[];
  /** NaN where absent. */
  numerator: number[];
  denominator: number[];
  row: number[];
  /** Sparse: only values that have one. */
  label: Map<number, string>;
  note: Map<number, string>;
  footnote: Map<number, string>;
  /**
   * The text of each column left out (role "ignore"), interned: entry i of `ids[k]` is value i's
   * text in column `columns[k]`. When two values share an indicator, area and period, this
   * names the column that tells them apart.
   */
  others: { columns: number[]; ids: number[][]; texts: string[][] };
}

export interface ReadTable {
  file: string;
  sheet: string;
  layout: TableLayout;
  values: TableValues;
  indicators: TableIndicator[];
  areas: TableArea[];
  problems: ImportProblem[];
  problemCount: number;
  rowsRead: number;
  blankValues: number;
  /** Values seen in each breakdown or filtered column (the first few dozen), by column index. */
  breakdownValues: Map<number, string[]>;
  rowsFilteredOut: number;
}

/** Distinct texts kept per column, for naming breakdowns and telling duplicates apart. */
const MAX_TRACKED_TEXTS = 5000;
const MAX_SHOWN_BREAKDOWN_VALUES = 50;

export class TableReader {
  readonly result: ReadTable;
  private readonly col: Partial<Record<string, number>> = {};
  private readonly periodColumns: Array<{ index: number; span: Span | null; header: string }> = [];
  private readonly areaColumns: Array<{ index: number; area: number; header: string }> = [];
  private readonly indicatorIndex = new Map<string, number>();
  private readonly areaIndex = new Map<string, number>();
  private readonly spans = new Map<string, Result<Span>>();
  private readonly width: number;
  private readonly monthOption: { yearDashTwoDigits?: 'month' };
  private readonly twelveMonthsEnding: boolean;
  private readonly breakdownColumns: number[] = [];
  private readonly filters: Array<{ index: number; wanted: string }>;
  private readonly interned: Array<Map<string, number>> = [];

  constructor(
    file: string,
    sheet: string,
    layout: TableLayout,
    private readonly ctx: MatchContext,
    private readonly options: { checkWidth: boolean },
  ) {
    this.result = {
      file,
      sheet,
      layout,
      values: { indicator: [], area: [], first: [], last: [], value: [], missing: [], numerator: [], denominator: [], row: [], label: new Map(), note: new Map(), footnote: new Map(), others: { columns: [], ids: [], texts: [] } },
      indicators: [],
      areas: [],
      problems: [],
      problemCount: 0,
      rowsRead: 0,
      blankValues: 0,
      breakdownValues: new Map(),
      rowsFilteredOut: 0,
    };
    this.filters = layout.filters.map((f) => ({ index: f.index, wanted: f.value.trim().toLowerCase() }));
    const filtered = new Set(layout.filters.map((f) => f.index));
    for (const c of layout.columns) {
      if (c.role === 'breakdown') this.breakdownColumns.push(c.index);
      if (c.role === 'breakdown' || filtered.has(c.index)) this.result.breakdownValues.set(c.index, []);
      if (c.role === 'ignore' && !filtered.has(c.index) && this.result.values.others.columns.length < 20) {
        this.result.values.others.columns.push(c.index);
        this.result.values.others.ids.push([]);
        this.result.values.others.texts.push([]);
        this.interned.push(new Map());
      }
    }
    for (const c of layout.columns) {
      if (c.role === 'period_values') {
        const span = parsePeriodLabel(c.header);
        this.periodColumns.push({ index: c.index, span: span.ok ? span.value : null, header: c.header });
      } else if (c.role === 'area_values') {
        this.areaColumns.push({ index: c.index, area: this.areaFor(c.header, null), header: c.header });
      } else if (c.role !== 'ignore' && this.col[c.role] === undefined) {
        this.col[c.role] = c.index;
      }
    }
    this.width = layout.sourceWidth;
    const periodHeader = this.col.period !== undefined ? (layout.header[this.col.period] ?? '') : '';
    // "12 months ending" over "Mar-23": each period is the 12 months to that month, not the month.
    this.twelveMonthsEnding = /\b(12|twelve) months? (ending|to)\b|^year (ending|to)\b|^rolling 12/i.test(periodHeader.trim());
    this.monthOption = /^month/i.test(periodHeader.trim()) || this.twelveMonthsEnding ? { yearDashTwoDigits: 'month' } : {};
  }

  private problem(row: number, columnIndex: number | null, value: string, problem: string, fix: string): void {
    this.result.problemCount++;
    if (this.result.problems.length >= MAX_LISTED_PROBLEMS) return;
    const header = columnIndex === null ? '' : (this.result.layout.header[columnIndex] ?? '').trim() || `column ${columnLetter(columnIndex)}`;
    this.result.problems.push({ file: this.result.file, sheet: this.result.sheet, row, column: header, value, problem, fix });
  }

  // The last indicator and area text read, and what it became: tidy files come in runs of the
  // same indicator and area, and comparing with the previous row's text is cheaper than hashing
  // it again for a map lookup. (A text that could not be read, -1, is looked up every time.)
  private lastIndicatorText = '';
  private lastIndicator = -1;
  private lastAreaText = '';
  private lastAreaName: string | null = null;
  private lastArea = -1;

  private indicatorFor(name: string): number {
    if (name === this.lastIndicatorText && this.lastIndicator >= 0) return this.lastIndicator;
    const i = this.indicatorForText(name);
    this.lastIndicatorText = name;
    this.lastIndicator = i;
    return i;
  }

  private indicatorForText(name: string): number {
    const seen = this.indicatorIndex.get(name);
    if (seen !== undefined) return seen;
    const key = indicatorKey(name);
    let i = this.indicatorIndex.get(key);
    if (i === undefined) {
      if (this.result.indicators.length >= MAX_NEW_NAMES) return -1;
      const existing = this.ctx.indicatorsByKey.get(key);
      i = this.result.indicators.length;
      this.result.indicators.push({ name: existing?.name ?? name.replace(/\s+/g, ' ').trim(), existingId: existing?.id ?? null, unitText: '', percent: false, decimals: 0 });
      this.indicatorIndex.set(key, i);
    }
    if (this.indicatorIndex.size < MAX_NEW_NAMES * 4) this.indicatorIndex.set(name, i);
    return i;
  }

  private areaFor(text: string, nameColumnText: string | null): number {
    if (text === this.lastAreaText && nameColumnText === this.lastAreaName && this.lastArea >= 0) return this.lastArea;
    const i = this.areaForText(text, nameColumnText);
    this.lastAreaText = text;
    this.lastAreaName = nameColumnText;
    this.lastArea = i;
    return i;
  }

  private areaForText(text: string, nameColumnText: string | null): number {
    const t = text.trim();
    // The area column may hold names while the other area column holds the ONS codes (names
    // first, as many published tables have them): the code is the area's identity either way.
    const otherCode = nameColumnText !== null && GSS_CODE.test(nameColumnText.toUpperCase()) && !GSS_CODE.test(t.toUpperCase()) ? nameColumnText.toUpperCase() : null;
    const cacheKey = otherCode ? `${t}\u0001${otherCode}` : t;
    let i = this.areaIndex.get(cacheKey);
    if (i === undefined) {
      const existing = (otherCode ? matchArea(this.ctx, otherCode) : undefined) ?? matchArea(this.ctx, t) ?? null;
      const code = GSS_CODE.test(t.toUpperCase()) ? t.toUpperCase() : otherCode;
      const key = existing ? `#${existing.id}` : code ?? `~${areaKey(t)}`;
      i = this.areaIndex.get(key);
      if (i === undefined) {
        if (this.result.areas.length >= MAX_NEW_NAMES) return -1;
        i = this.result.areas.length;
        this.result.areas.push({ text: t, code, name: otherCode ? t : code ? nameColumnText : t, existing, rows: 0 });
        this.areaIndex.set(key, i);
      }
      this.areaIndex.set(cacheKey, i);
    }
    const area = this.result.areas[i]!;
    if (area.name === null && nameColumnText) area.name = nameColumnText;
    return i;
  }

  private span(text: string): Result<Span> {
    let s = this.spans.get(text);
    if (!s) {
      s = parsePeriodLabel(text, this.monthOption);
      if (s.ok && this.twelveMonthsEnding && s.value.first === s.value.last) s = { ok: true, value: rollingTwelveMonths(s.value.last) };
      if (this.spans.size < MAX_CACHED_PERIODS) this.spans.set(text, s);
    }
    return s;
  }

  /** Reads a block of rows; `firstRowNumber` is the spreadsheet's number of rows[0]. */
  addRows(rows: readonly string[][], firstRowNumber: number): void {
    for (let r = 0; r < rows.length; r++) this.addRow(rows[r]!, firstRowNumber + r);
  }

  addRow(row: readonly string[], rowNumber: number): void {
    let blank = true;
    for (const cell of row) {
      if (cell.trim() !== '') {
        blank = false;
        break;
      }
    }
    if (blank) return;
    this.result.rowsRead++;
    const col = this.col;
    const fixed = this.result.layout.fixed;
    if (this.options.checkWidth && row.length !== this.width) {
      const extraBlank = row.length > this.width && row.slice(this.width).every((c) => c.trim() === '');
      if (!extraBlank) {
        this.problem(
          rowNumber,
          null,
          row.join(', ').slice(0, 120),
          `the row has ${row.length} cells but the header has ${this.width}, so its cells may not line up with the columns`,
          'check the row for a missing or extra separator, or put quotes around cells that contain one',
        );
        return;
      }
    }
    for (const [index, seen] of this.result.breakdownValues) {
      const t = (row[index] ?? '').trim();
      if (t !== '' && seen.length < MAX_SHOWN_BREAKDOWN_VALUES && !seen.includes(t)) seen.push(t);
    }
    for (const f of this.filters) {
      if ((row[f.index] ?? '').trim().toLowerCase() !== f.wanted) {
        this.result.rowsFilteredOut++;
        return;
      }
    }
    let indicatorText = col.indicator !== undefined ? (row[col.indicator] ?? '').trim() : (fixed.indicator ?? '');
    if (indicatorText !== '' && this.breakdownColumns.length > 0) indicatorText = seriesName(indicatorText, this.breakdownColumns.map((j) => row[j] ?? ''));
    if (indicatorText === '') {
      this.problem(rowNumber, col.indicator ?? null, '', 'the indicator is blank', 'write the indicator\'s name in the row, or leave the whole row out');
      return;
    }
    const indicator = this.indicatorFor(indicatorText);
    if (indicator < 0) {
      this.problem(rowNumber, col.indicator ?? null, indicatorText, `the table names more than ${MAX_NEW_NAMES} different indicators`, 'check the indicator column is the right one');
      return;
    }
    const ind = this.result.indicators[indicator]!;
    if (col.unit !== undefined && ind.unitText === '') ind.unitText = (row[col.unit] ?? '').trim();
    const nameText = col.area_name !== undefined ? (row[col.area_name] ?? '').trim() || null : null;
    let area = -1;
    if (this.areaColumns.length === 0) {
      const areaText = col.area !== undefined ? (row[col.area] ?? '').trim() : (fixed.area ?? '');
      if (areaText === '') {
        this.problem(rowNumber, col.area ?? null, '', 'the area is blank', 'write the area\'s ONS code or name');
        return;
      }
      area = this.areaFor(areaText, nameText);
      if (area < 0) {
        this.problem(rowNumber, col.area ?? null, areaText, `the table names more than ${MAX_NEW_NAMES} different areas`, 'check the area column is the right one');
        return;
      }
    }
    let rowSpan: Span | null = null;
    if (this.periodColumns.length === 0) {
      const periodText = col.period !== undefined ? (row[col.period] ?? '').trim() : (fixed.period ?? '');
      const span = this.span(periodText);
      if (!span.ok) {
        this.problem(rowNumber, col.period ?? null, periodText, periodText === '' ? 'the period is blank' : span.error.replace(/; write .*$/, ''), 'write the period as e.g. 2014/15, Q3 2014/15, Mar 2015, 2024-06 or 12 months to Mar 2015');
        return;
      }
      rowSpan = span.value;
    }
    let numerator = NaN;
    let denominator = NaN;
    for (const part of ['numerator', 'denominator'] as const) {
      const j = col[part];
      if (j === undefined) continue;
      const cell = readValueCell(row[j] ?? '');
      if (cell.kind === 'error') {
        this.problem(rowNumber, j, (row[j] ?? '').trim(), cell.problem, cell.fix);
        return;
      }
      if (cell.kind === 'number') {
        if (part === 'numerator') numerator = cell.value;
        else denominator = cell.value;
      }
    }
    const label = col.label !== undefined ? (row[col.label] ?? '').trim() : '';
    const note = col.note !== undefined ? (row[col.note] ?? '').trim() : '';

    if (this.periodColumns.length > 0) {
      for (const p of this.periodColumns) {
        if (!p.span) continue;
        this.push(row, row[p.index] ?? '', p.index, rowNumber, indicator, area, p.span, numerator, denominator, label, note);
      }
    } else if (this.areaColumns.length > 0) {
      for (const a of this.areaColumns) {
        if (a.area < 0) continue;
        this.push(row, row[a.index] ?? '', a.index, rowNumber, indicator, a.area, rowSpan!, numerator, denominator, label, note);
      }
    } else {
      this.push(row, row[col.value!] ?? '', col.value!, rowNumber, indicator, area, rowSpan!, numerator, denominator, label, note);
    }
  }

  private push(row: readonly string[], raw: string, columnIndex: number, rowNumber: number, indicator: number, area: number, span: Span, numerator: number, denominator: number, label: string, note: string): void {
    const cell: CellValue = readValueCell(raw);
    if (cell.kind === 'blank') {
      this.result.blankValues++;
      return;
    }
    if (cell.kind === 'error') {
      this.problem(rowNumber, columnIndex, raw.trim(), cell.problem, cell.fix);
      return;
    }
    const v = this.result.values;
    const i = v.value.length;
    v.indicator.push(indicator);
    v.area.push(area);
    v.first.push(span.first);
    v.last.push(span.last);
    v.row.push(rowNumber);
    v.numerator.push(numerator);
    v.denominator.push(denominator);
    const others = v.others;
    for (let k = 0; k < others.columns.length; k++) {
      const text = (row[others.columns[k]!] ?? '').trim();
      const names = this.interned[k]!;
      let id = names.get(text);
      if (id === undefined) {
        // A column of free text with thousands of values is not a breakdown: stop keeping it.
        id = names.size < MAX_TRACKED_TEXTS ? names.size : -1;
        if (id >= 0) {
          names.set(text, id);
          others.texts[k]!.push(text);
        }
      }
      others.ids[k]!.push(id);
    }
    if (cell.kind === 'missing') {
      v.value.push(NaN);
      v.missing.push(cell.missing === 'NA' ? 1 : 2);
    } else {
      v.value.push(cell.value);
      v.missing.push(0);
      const ind = this.result.indicators[indicator]!;
      if (cell.percent) ind.percent = true;
      if (cell.decimals > ind.decimals) ind.decimals = Math.min(cell.decimals, 6);
      if (cell.footnoteMarker) v.footnote.set(i, cell.footnoteMarker);
      if (cell.label && !label) v.label.set(i, cell.label);
    }
    if (label) v.label.set(i, label);
    if (note) v.note.set(i, note);
    this.result.areas[area]!.rows++;
  }
}

export { columnLetter };

/** The indicator a breakdown row belongs to: "Offence rate: Violence against the person". Blank parts are left out. */
export function seriesName(indicator: string, parts: readonly string[]): string {
  const named = parts.map((p) => p.trim().replace(/\s+/g, ' ')).filter((p) => p !== '');
  return named.length === 0 ? indicator : `${indicator}: ${named.join(', ')}`;
}
