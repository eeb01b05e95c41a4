/**
 * The appendix layout (10 columns headed "Outcomes ... District Comparison"), from .xlsx, .csv,
 * .tsv or .txt, the header row possibly below a title block: a reporting period's judgements,
 * outcomes and indicators for the workspace's dashboard area.
 */
import path from 'node:path';
import type { ImportReport } from '../../../../shared/api/types';
import { areaByCode, upsertArea } from '../../areas';
import { getMeta, setMeta } from '../../store/meta';
import type { Workspace } from '../../store/workspace';
import { readAppendixTable, type AppendixTable } from '../appendix';
import { applyAppendixTable } from '../apply-appendix';
import { ImportError } from '../options';
import type { TableSheet } from '../table-file';
import type { ImportShape, RecognisedFile } from './shape';

/** Used when the workspace has no dashboard area yet: a published appendix describes one. */
export const LOCAL_AREA = { code: 'LOCAL-AREA', name: 'Partnership area' } as const;

export interface RecognisedAppendix extends RecognisedFile {
  sheet: string;
  table: AppendixTable;
  dashboardTitle: string | null;
}

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

export const appendix: ImportShape<RecognisedAppendix> = {
  name: 'appendix layout',
  async recognise(file) {
    for (const sheet of await file.sheets()) {
      const match = findAppendix(sheet, `"${file.name}"`);
      if (!match) continue;
      const table = readAppendixTable(match.rows, match.source);
      if (!table.ok) throw new ImportError(table.error);
      const titleMatch = match.title ? /^appendix\s+\d+\s*[-–]\s*(.+?)\s+\d{4}[/-]\d{2}\s+Q[1-4]$/i.exec(match.title) : null;
      return { file: file.path, recordedSheet: sheet.name, format: 'appendix', sheet: sheet.name, table: table.value, dashboardTitle: titleMatch?.[1] ?? null };
    }
    return null;
  },
  apply(r, tx) {
    const { db, report } = tx;
    const area = dashboardArea(tx.workspace, report);
    if (r.dashboardTitle && !getMeta(db, 'dashboard_title')) setMeta(db, 'dashboard_title', r.dashboardTitle);
    const applied = applyAppendixTable(db, r.table, { areaId: area.id, importId: tx.importId, reasonPrefix: `As in ${path.basename(r.file)}` });
    if (applied.periodCreated || applied.outcomesCreated + applied.indicatorsCreated > 0) tx.changedStructure();
    if (applied.periodCreated) report.created.push(`the reporting period "${r.table.periodName}"`);
    if (applied.outcomesCreated + applied.indicatorsCreated > 0) report.created.push(`${applied.outcomesCreated} outcomes and ${applied.indicatorsCreated} indicators`);
    tx.add(applied);
    const indicators = r.table.outcomes.reduce((n, o) => n + o.indicators.length, 0);
    report.files.push({ file: path.basename(r.file), sheet: r.sheet, shape: 'appendix', periodName: r.table.periodName, indicators, summary: `the appendix layout for ${r.table.periodName}, ${indicators} indicators` });
  },
};

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
