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
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Workspace } from './store/workspace';
import { areaByCode, listAreas, upsertArea } from './store/repo/areas';
import { getMeta, setMeta } from './store/repo/meta';
import { readAppendixTable, type AppendixTable } from './import/appendix';
import type { ImportRecord, ImportReport, ValueChange } from '../../shared/api/types';
import { aggregatePoliceUk, normaliseAreaName, type PoliceUkAggregate } from './import/policeuk';
import { readOnsPopulation, type OnsPopulationRow } from './import/ons';
import { applyPoliceCounts, applyPopulations, frozenThrough } from './import/apply-counts';
import { laterImportsTouchingSameRows, revertImport } from './store/repo/import-journal';
import { applyAppendixTable } from './import/apply-appendix';
import { readTableFile, type TableSheet } from './import/table-file';

/** A problem with the files, in words an analyst can act on; nothing was changed. */
export class ImportError extends Error {}

/** Used when the workspace has no dashboard area yet: a published appendix describes one. */
export const LOCAL_AREA = { code: 'LOCAL-AREA', name: 'Partnership area' } as const;

type Recognised =
  | { shape: 'appendix'; file: string; sheet: string; table: AppendixTable; dashboardTitle: string | null }
  | { shape: 'police.uk'; file: string }
  | { shape: 'ons-population'; file: string; rows: OnsPopulationRow[] };

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
    return buffer.subarray(0, bytesRead).toString('utf8').replace(/^(\uFEFF)+/, '').split(/\r?\n/).slice(0, count);
  } finally {
    await handle.close();
  }
}

async function recognise(file: string): Promise<Recognised> {
  const name = path.basename(file);
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') {
    const lines = await firstLines(file, 6).catch(() => [] as string[]);
    const header = (lines[0] ?? '').toLowerCase();
    if (['crime id', 'month', 'lsoa name', 'crime type'].every((c) => header.includes(c))) return { shape: 'police.uk', file };
    if (lines.some((l) => /(^|,)"?code"?,/i.test(l) && /all ages/i.test(l))) {
      const rows = await readOnsPopulation(file);
      if (!rows.ok) throw new ImportError(rows.error);
      return { shape: 'ons-population', file, rows: rows.value };
    }
  }
  const sheets = await readTableFile(file);
  if (!sheets.ok) throw new ImportError(sheets.error);
  for (const sheet of sheets.value) {
    const match = findAppendix(sheet, `"${name}"`);
    if (!match) continue;
    const table = readAppendixTable(match.rows, match.source);
    if (!table.ok) throw new ImportError(table.error);
    const titleMatch = match.title ? /^appendix\s+\d+\s*[-–]\s*(.+?)\s+\d{4}[/-]\d{2}\s+Q[1-4]$/i.exec(match.title) : null;
    return { shape: 'appendix', file, sheet: sheet.name, table: table.value, dashboardTitle: titleMatch?.[1] ?? null };
  }
  throw new ImportError(
    `"${name}" is not in a shape Boardpack recognises yet. Recognised now: the appendix layout (a header row starting "Outcomes, Overall Progress RAG, Overall Comment, Supporting Indicators"), police.uk street-level crime files, and ONS mid-year population estimates (Code, Name, Geography, All ages).`,
  );
}

async function sha256(file: string): Promise<string> {
  return createHash('sha256').update(await fs.readFile(file)).digest('hex');
}

class DryRunRollback extends Error {}

/** Workspace districts by every spelling police.uk might use. */
function districtsOf(workspace: Workspace): Map<string, string> {
  return new Map(listAreas(workspace.db).filter((a) => a.kind === 'district' || a.kind === 'unitary').map((a) => [normaliseAreaName(a.name), a.code]));
}

export async function importFiles(workspace: Workspace, files: string[], options: { dryRun?: boolean; signal?: AbortSignal } = {}): Promise<ImportReport> {
  if (files.length === 0) throw new ImportError('Choose at least one file to import.');
  const recognised: Recognised[] = [];
  for (const file of files) recognised.push(await recognise(file));
  const hashes = await Promise.all(files.map(sha256));
  const env = workspace.env;
  const report: ImportReport = { dryRun: options.dryRun === true, importId: null, files: [], added: 0, changed: [], unchanged: 0, conflicts: [], skipped: [], created: [] };

  // police.uk files are counted together, before the transaction (reading is the slow part).
  const policeFiles = recognised.filter((r) => r.shape === 'police.uk').map((r) => r.file);
  let police: PoliceUkAggregate | null = null;
  if (policeFiles.length > 0) {
    const districts = districtsOf(workspace);
    if (districts.size === 0) throw new ImportError('This workspace has no districts to count police.uk crimes into. Add its areas first (the demo workspace has Leicestershire\'s).');
    police = await aggregatePoliceUk(policeFiles, { districts, signal: options.signal });
    const errors = police.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) throw new ImportError(errors.slice(0, 5).map((p) => p.message).join(' ') + (errors.length > 5 ? ` (and ${errors.length - 5} more problems)` : ''));
    if (police.totals.noLocation > 0) report.skipped.push({ reason: 'police.uk rows with no location (no LSOA)', count: police.totals.noLocation });
    for (const d of police.outsideDistricts) report.skipped.push({ reason: `police.uk rows in ${d.district}, which is not a district of this workspace`, count: d.rows });
  }

  const work = () => {
    const db = workspace.db;
    const importId = db.insert('INSERT INTO imports (files, sha256, format, counts, os_user, imported_at) VALUES (?, ?, ?, ?, ?, ?)', [
      JSON.stringify(recognised.map((r) => ({ file: path.basename(r.file), sheet: r.shape === 'appendix' ? r.sheet : '' }))),
      hashes.join(','),
      [...new Set(recognised.map((r) => r.shape))].join(','),
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
      if (r.shape === 'appendix') {
        const area = dashboardArea(workspace, report);
        if (r.dashboardTitle && !getMeta(db, 'dashboard_title')) setMeta(db, 'dashboard_title', r.dashboardTitle);
        const applied = applyAppendixTable(db, r.table, { areaId: area.id, importId, reasonPrefix: `As in ${path.basename(r.file)}` });
        if (applied.periodCreated) report.created.push(`the reporting period "${r.table.periodName}"`);
        if (applied.outcomesCreated + applied.indicatorsCreated > 0) report.created.push(`${applied.outcomesCreated} outcomes and ${applied.indicatorsCreated} indicators`);
        add(applied);
        const indicators = r.table.outcomes.reduce((n, o) => n + o.indicators.length, 0);
        report.files.push({ file: path.basename(r.file), sheet: r.sheet, shape: 'appendix', periodName: r.table.periodName, indicators, summary: `the appendix layout for ${r.table.periodName}, ${indicators} indicators` });
      } else if (r.shape === 'ons-population') {
        const applied = applyPopulations(db, r.rows, importId, `ONS mid-year estimates (${path.basename(r.file)})`);
        add(applied);
        if (applied.notInWorkspace > 0) report.skipped.push({ reason: `areas in ${path.basename(r.file)} that are not in this workspace`, count: applied.notInWorkspace });
        const years = [...new Set(r.rows.map((x) => x.year))].join(', ');
        report.files.push({ file: path.basename(r.file), sheet: '', shape: 'ons-population', summary: `ONS mid-year population estimates (${years}), ${r.rows.length} areas` });
      } else {
        const summary = police!.files.find((f) => f.file === r.file || path.basename(f.file) === path.basename(r.file));
        const months = summary?.months ?? [];
        report.files.push({
          file: path.basename(r.file),
          sheet: '',
          shape: 'police.uk',
          summary: `police.uk street-level crime${months.length > 0 ? ` for ${months[0]}${months.length > 1 ? ` to ${months[months.length - 1]}` : ''}` : ''}, ${summary?.rowsRead ?? 0} rows, ${summary?.rowsCounted ?? 0} in this workspace's districts`,
        });
      }
    }
    if (police) add(applyPoliceCounts(db, police.counts, importId));
    db.run('UPDATE imports SET counts = ? WHERE id = ?', [JSON.stringify({ added: report.added, changed: report.changed.length, unchanged: report.unchanged, conflicts: report.conflicts.length }), importId]);
    report.importId = importId;
    if (options.dryRun) throw new DryRunRollback();
  };

  try {
    if (options.dryRun) workspace.db.transaction(work);
    else workspace.mutate(work);
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
    report.importId = null;
  }
  if (!options.dryRun) await workspace.flush();
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

/** An undo that cannot be done, with the reason; nothing was changed. */
export class UndoError extends Error {}

/** Undoes an import (the latest one still in force when no id is given), restoring what it replaced. */
export async function undoImport(workspace: Workspace, id?: number): Promise<{ importId: number; files: string[]; rowsRestored: number }> {
  const db = workspace.db;
  const target = id ?? db.first<{ id: number }>('SELECT max(id) AS id FROM imports WHERE undone_at IS NULL')?.id ?? undefined;
  if (target === undefined || target === null) throw new UndoError('There is no import to undo.');
  const record = db.first<{ id: number; files: string; undone_at: string | null }>('SELECT id, files, undone_at FROM imports WHERE id = ?', [target]);
  if (!record) throw new UndoError(`There is no import number ${target}.`);
  const files = (JSON.parse(record.files) as Array<{ file: string }>).map((f) => f.file);
  if (record.undone_at) throw new UndoError(`Import ${target} (${files.join(', ')}) was already undone on ${record.undone_at.slice(0, 10)}.`);
  const later = laterImportsTouchingSameRows(db, target);
  if (later.length > 0) throw new UndoError(`Later imports (${later.join(', ')}) changed some of the same values; undo ${later.length > 1 ? 'them' : 'it'} first.`);
  const locked = db.first<{ name: string }>(
    `SELECT p.name FROM import_journal j JOIN reporting_periods p ON p.locked = 1 AND (
       (j.table_name IN ('outcome_assessments', 'indicator_assessments') AND p.id = json_extract(j.row_key, '$.period_id'))
       OR (j.table_name = 'reporting_periods' AND p.name = json_extract(j.row_key, '$.name')))
     WHERE j.import_id = ? LIMIT 1`,
    [target],
  );
  if (locked) throw new UndoError(`Import ${target} set figures of the locked (published) period "${locked.name}"; unlock it before undoing the import.`);
  const frozen = frozenThrough(db);
  const frozenHit =
    frozen &&
    db.first("SELECT 1 AS hit FROM import_journal WHERE import_id = ? AND table_name = 'observations' AND json_extract(row_key, '$.last_month') <= ? LIMIT 1", [target, frozen]);
  if (frozenHit) throw new UndoError(`Import ${target} set figures up to ${frozen}, which a locked (published) period uses; unlock it before undoing the import.`);
  const rowsRestored = workspace.mutate(() => {
    const n = revertImport(db, target);
    db.run('UPDATE imports SET undone_at = ? WHERE id = ?', [workspace.env.now().toISOString(), target]);
    return n;
  });
  await workspace.flush();
  return { importId: target, files, rowsRestored };
}

export function listImports(workspace: Workspace): ImportRecord[] {
  return workspace.db
    .all<{ id: number; files: string; format: string; counts: string; os_user: string; imported_at: string; undone_at: string | null }>('SELECT * FROM imports ORDER BY id DESC')
    .map((r) => ({
      id: r.id,
      files: (JSON.parse(r.files) as Array<{ file: string }>).map((f) => f.file),
      shape: r.format,
      counts: JSON.parse(r.counts) as Record<string, number>,
      osUser: r.os_user,
      importedAt: r.imported_at,
      undoneAt: r.undone_at,
    }));
}

/**
 * Imports files the renderer sent as bytes (a dropped or chosen file has no path a browser
 * may read): they are written to a private temporary folder, imported, and removed.
 */
export async function importUploaded(workspace: Workspace, files: Array<{ name: string; base64: string }>, options: { dryRun?: boolean } = {}): Promise<ImportReport> {
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
