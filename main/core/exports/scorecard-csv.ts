/**
 * The plan scorecard as CSV: one line per indicator, its priority first, then the seven
 * columns as printed. Through the appendix's CSV writer (valuesCsv), so every cell is
 * neutralised against formula injection, the file starts with a byte order mark and lines end
 * in CRLF.
 */
import type { ScorecardModel } from '../../../shared/domain/scorecard';
import { scorecardHeaders, scorecardRowCells } from '../../../shared/domain/scorecard';
import { valuesCsv } from './csv';

export function scorecardCsv(model: ScorecardModel): string {
  const columns = ['Priority', ...scorecardHeaders(model)];
  const rows: Array<Record<string, string>> = [];
  for (const priority of model.priorities) {
    for (const row of priority.rows) {
      const cells = [priority.title, ...scorecardRowCells(row)];
      rows.push(Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ''])));
    }
  }
  return valuesCsv(rows, columns);
}
