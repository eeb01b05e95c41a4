/**
 * Choosing how to read a table: the sheet that holds the data, and its column mapping (the one
 * the analyst chose, else one remembered for a file with the same header, else the detected one).
 */
import path from 'node:path';
import type { ImportTablePlan } from '../../../shared/api/types';
import { listAreas } from '../areas';
import { listIndicators } from '../indicators';
import type { Workspace } from '../store/workspace';
import { areaKey, indicatorKey } from './cells';
import { overrideFromRemembered, rememberedMapping } from './mappings';
import { ImportError, type MappingChoice } from './options';
import type { TableSheet } from './table-file';
import { detectLayout, headerSignature, type MatchContext, type TableLayout } from './table-shape';

/** A table's sheet and mapping, as chosen. */
export interface ChosenTable {
  file: string;
  sheet: string;
  /** The sheets that hold a readable table. */
  sheets: string[];
  layout: TableLayout;
  signature: string;
  mappingSource: ImportTablePlan['mappingSource'];
}

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

/** The sheet that holds the data and how to read it; null when no sheet holds a table. */
export function chooseTable(
  workspace: Workspace,
  file: string,
  sheets: TableSheet[],
  ctx: MatchContext,
  choice: MappingChoice | undefined,
  detect: (rows: string[][]) => TableLayout | null = (rows) => detectLayout(rows, ctx),
): ChosenTable | null {
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
  return { file, sheet: best.sheet.name, sheets: candidates.map((c) => c.sheet.name), layout, signature, mappingSource };
}
