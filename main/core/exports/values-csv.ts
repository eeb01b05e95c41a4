/**
 * The underlying values as CSV, in the columns `boardpack values` prints. Cells that a
 * spreadsheet would run as a formula are neutralised in both forms.
 */
import type { ValueRow } from '../../../shared/api/types';
import { neutraliseFormula, valuesCsv } from './csv';

export const VALUE_COLUMNS = ['indicator', 'outcome', 'area_code', 'area_name', 'period_start', 'period_end', 'value', 'numerator', 'denominator', 'label', 'derived'] as const;

function cells(r: ValueRow): Array<string | number | boolean | null> {
  return [r.indicator, r.outcome, r.areaCode, r.areaName, r.periodStart, r.periodEnd, r.value, r.numerator, r.denominator, r.label, r.derived];
}

/** For a file Excel opens: byte-order mark, CRLF. */
export function valuesCsvFile(rows: readonly ValueRow[]): string {
  return valuesCsv(
    rows.map((r) => {
      const values = cells(r);
      return Object.fromEntries(VALUE_COLUMNS.map((c, i) => [c, values[i] ?? null]));
    }),
    [...VALUE_COLUMNS],
  );
}

/** For standard output and pipes: no byte-order mark, LF. */
export function valuesCsvText(rows: readonly ValueRow[]): string {
  const quote = (v: string | number | boolean | null): string => {
    const s = v === null ? '' : typeof v === 'string' ? neutraliseFormula(v) : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [VALUE_COLUMNS.join(','), ...rows.map((r) => cells(r).map(quote).join(','))].join('\n') + '\n';
}
