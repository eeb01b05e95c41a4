/**
 * What an analyst types or pastes into a value cell, read the way Excel users write numbers:
 * "1,259", "6.35", "55.4%", "1,259*" (a footnote marker), "NA" or [x] (not available), "-" or
 * [z] (not applicable), or nothing to clear the cell.
 */
import type { Indicator } from '../../../shared/api/types';
import { UNIT_NAMES } from '../../../shared/domain/vocabulary';
import { formatIndicatorValue, parseDisplayedValue, shorthandMissing } from '../../../shared/domain/format';
import { fail, ok, type Result } from '../../../shared/domain/types';

export type CellEntry = { kind: 'clear' } | { kind: 'value'; value: number | null; missing: 'NA' | '-' | null; footnoteMarker: string | null };

export function readCellText(text: string, indicator: Indicator): Result<CellEntry> {
  const trimmed = text.trim();
  if (trimmed === '') return ok({ kind: 'clear' });
  if (/^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!)$/i.test(trimmed)) {
    return fail(`'${trimmed}' is an Excel error, not a value; type NA for not available, or leave the cell empty`);
  }
  // Pasted from an official statistics table: [x], [c] and [z], as imports read them.
  const shorthand = shorthandMissing(trimmed);
  if (shorthand) return ok({ kind: 'value', value: null, missing: shorthand, footnoteMarker: null });
  const parsed = parseDisplayedValue(trimmed);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (v.label) return fail(`'${trimmed}' names a period in brackets; put the value in the column for that period instead`);
  if (v.percent && indicator.unit !== 'percent') return fail(`'${trimmed}' has a % sign, but this indicator is a ${UNIT_NAMES[indicator.unit]}`);
  if (v.value !== null && v.value < 0 && (indicator.unit === 'count' || indicator.unit === 'rate_per_1000')) {
    return fail(`'${trimmed}' is below zero; a ${UNIT_NAMES[indicator.unit]} cannot be negative`);
  }
  return ok({ kind: 'value', value: v.value, missing: v.value === null ? (v.missing ?? 'NA') : null, footnoteMarker: v.footnoteMarker });
}

/** A number as an analyst would type it back: full precision, no thousands separators, no exponent. */
export function plainNumber(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(12).replace(/\.?0+$/, '');
}

/** The text editing starts from, and the audit trail keeps: "1259*", "6.3456", "NA". */
export function entryText(e: { value: number | null; missing: 'NA' | '-' | null; footnoteMarker: string | null } | null): string {
  if (!e) return '';
  return e.value === null ? (e.missing ?? 'NA') : `${plainNumber(e.value)}${e.footnoteMarker ?? ''}`;
}

/** The text the grid and the appendix print. */
export function printedText(e: { value: number | null; missing: 'NA' | '-' | null; footnoteMarker: string | null } | null, indicator: Indicator): string {
  if (!e) return '';
  return formatIndicatorValue({ value: e.value, unit: indicator.unit, decimals: indicator.decimals, footnoteMarker: e.footnoteMarker, missing: e.missing ?? undefined });
}

/** Formats a kept entry text ("1259*") as printed ("1,259*"); text it cannot read is shown as it is. */
export function printedFromEntryText(text: string | null, indicator: Indicator): string {
  if (text === null || text === '') return '';
  const read = readCellText(text, indicator);
  if (!read.ok || read.value.kind === 'clear') return text;
  return printedText(read.value, indicator);
}
