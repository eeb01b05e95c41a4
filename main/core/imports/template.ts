/**
 * The tidy template analysts can hand to partners: one value per row, with the columns
 * Boardpack reads without asking, and example rows in the workspace's own words (its areas
 * and indicators) so a partner sees exactly what to write.
 */
import Papa from 'papaparse';
import type { Sqlite } from '../store/sqlite';
import { listAreas } from '../areas';
import { listIndicators } from '../indicators';

export const TEMPLATE_COLUMNS = ['indicator', 'area_code', 'area_name', 'period', 'value', 'numerator', 'denominator', 'unit', 'note', 'label'] as const;
export const TEMPLATE_FILE_NAME = 'Boardpack import template.csv';

export function tidyTemplateCsv(db: Sqlite): string {
  const areas = listAreas(db).filter((a) => a.kind === 'district' || a.kind === 'unitary' || a.kind === 'county');
  const indicators = listIndicators(db).filter((i) => i.derivation === null);
  const area1 = areas[0] ?? { code: 'E07000130', name: 'Charnwood' };
  const area2 = areas[1] ?? { code: 'E07000129', name: 'Blaby' };
  const count = indicators.find((i) => i.unit === 'count')?.name ?? 'Number of first time entrants to the youth justice system';
  const percent = indicators.find((i) => i.unit === 'percent')?.name ?? '% of residents who feel safe outside after dark';
  const rows = [
    [...TEMPLATE_COLUMNS],
    [count, area1.code, area1.name, 'Q1 2024/25', '37', '', '', 'count', '', ''],
    [count, area2.code, area2.name, 'Q1 2024/25', '12', '', '', 'count', 'provisional', ''],
    [percent, area1.code, area1.name, '2023/24', '79.0', '790', '1000', '%', '', ''],
    [percent, area2.code, area2.name, '2023/24', 'NA', '', '', '%', 'survey not run in this area', ''],
  ];
  // A byte-order mark, so Excel opens it as UTF-8 (names with accents, "£").
  return `\uFEFF${Papa.unparse(rows, { newline: '\r\n' })}\r\n`;
}
