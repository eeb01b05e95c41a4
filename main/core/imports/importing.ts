/**
 * Importing files into a workspace: read each file, recognise its shape, check it, and commit
 * everything in one transaction (or nothing). Every import is recorded with its files' sha256,
 * and every value it stores knows which import it came from. A dry run reports what would
 * happen and changes nothing.
 *
 * The shapes (the appendix layout, police.uk, ONS population, area lookups, Fingertips, tidy
 * and wide tables) are plug-ins, each in its own file under shapes/, tried in the order of
 * shapes/index.ts. This file runs them: recognise every file, plan (the slow reading, before
 * the transaction), apply in one transaction, and the report's verdict.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ImportReport } from '../../../shared/api/types';
import type { Workspace } from '../store/workspace';
import { fileAtHand } from './file-at-hand';
import { ImportError, type ImportOptions } from './options';
import { fileSha256 } from './read-once';
import { endImportPragmas, insertImportRecord, setImportCounts, startImportPragmas } from './repo';
import { RECOGNISED_SHAPES, SHAPES } from './shapes';
import type { AppliedSummary, ImportRun, ImportShape, ImportTransaction, RecognisedFile } from './shapes/shape';
import { matchContext } from './table-choice';

export { ImportError, type ImportOptions, type ImportStep, type MappingChoice } from './options';
export { STREAM_CSV_BYTES } from './shapes/large-csv';

/** A file and the shape that took it. */
interface Entry {
  shape: ImportShape;
  file: RecognisedFile;
}

async function recognise(file: string, workspace: Workspace, ctx: ImportRun['ctx'], options: ImportOptions): Promise<Entry> {
  const atHand = fileAtHand(file, workspace, ctx, options);
  for (const shape of SHAPES) {
    const recognised = await shape.recognise(atHand);
    if (recognised) return { shape, file: recognised };
  }
  const filled = (await atHand.sheets()).map((sheet) => sheet.rows.filter((r) => r.some((c) => c.trim() !== '')).length);
  if (filled.every((n) => n <= 1) && filled.some((n) => n === 1)) {
    throw new ImportError(`"${atHand.name}" has a header but no rows: there is nothing under it to import.`);
  }
  throw new ImportError(`"${atHand.name}" is not in a shape Boardpack recognises: no header row over a column of figures. ${RECOGNISED_SHAPES}`);
}

class DryRunRollback extends Error {}
/** Rolls back an import that would add or change nothing (see `importFilesNow`). */
class NothingToImport extends Error {}

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

/** Each shape with the files it took, in the order of the shapes' list. */
function byShape(entries: readonly Entry[]): Array<{ shape: ImportShape; files: RecognisedFile[] }> {
  return SHAPES.map((shape) => ({ shape, files: entries.filter((e) => e.shape === shape).map((e) => e.file) })).filter((g) => g.files.length > 0);
}

async function importFilesNow(workspace: Workspace, files: string[], options: ImportOptions): Promise<ImportReport> {
  if (files.length === 0) throw new ImportError('Choose at least one file to import.');
  for (const file of files) await checkNotFolder(file);
  const ctx = matchContext(workspace);
  const entries: Entry[] = [];
  for (const file of files) entries.push(await recognise(file, workspace, ctx, options));
  const env = workspace.env;
  const report: ImportReport = { dryRun: options.dryRun === true, importId: null, files: [], added: 0, changed: [], unchanged: 0, conflicts: [], skipped: [], warnings: [], created: [] };
  const run: ImportRun = { workspace, ctx, options, report };

  // Plan: the slow reading, before the transaction (a large CSV streams and can be cancelled;
  // police.uk files are counted together). Each file in turn, then each shape's files together.
  for (const e of entries) if (e.shape.plan) e.file = await e.shape.plan(e.file, run);
  for (const { shape, files: planned } of byShape(entries)) {
    if (!shape.planTogether) continue;
    const together = await shape.planTogether(planned, run);
    for (const e of entries.filter((x) => x.shape === shape)) e.file = together[planned.indexOf(e.file)]!;
  }
  // Every file's sha256 for the import's record: a file the plan streamed was hashed as it was read.
  const hashes = await Promise.all(files.map(fileSha256));

  // Changes other than values (areas from a lookup or a table, an appendix's period and outcomes) keep an import that changed no value.
  let structural = false;
  const pause = options.breathe ?? (async () => undefined);
  const work = async () => {
    const db = workspace.db;
    const importId = insertImportRecord(db, {
      files: entries.map((e) => ({ file: path.basename(e.file.file), sheet: e.file.recordedSheet })),
      sha256: hashes,
      formats: [...new Set(entries.map((e) => e.file.format))],
      osUser: env.osUser,
      importedAt: env.now().toISOString(),
    });
    const tx: ImportTransaction = {
      ...run,
      db,
      importId,
      pause,
      add(v: AppliedSummary) {
        report.added += v.added;
        report.unchanged += v.unchanged;
        report.changed.push(...v.changed);
        report.conflicts.push(...(v.conflicts ?? []));
        report.created.push(...(v.created ?? []));
      },
      changedStructure: () => {
        structural = true;
      },
    };
    for (const e of entries) {
      await pause();
      await e.shape.apply(e.file, tx);
    }
    for (const { shape, files: applied } of byShape(entries)) await shape.finish?.(applied, tx);
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
    setImportCounts(db, importId, { added: report.added, changed: report.changed.length, unchanged: report.unchanged, conflicts: report.conflicts.length });
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
  if (own) startImportPragmas(workspace.db);
  try {
    if (options.dryRun) await workspace.db.transactionAsync(work);
    else await workspace.mutateAsync(work);
  } catch (error) {
    if (!(error instanceof DryRunRollback) && !(error instanceof NothingToImport)) throw error;
    report.importId = null;
  } finally {
    if (own) endImportPragmas(workspace.db);
  }
  if (!options.dryRun) {
    const saving = path.basename(workspace.file ?? 'the workspace');
    options.onProgress?.({ file: saving, fraction: 0, phase: 'saving' });
    await workspace.flush();
    options.onProgress?.({ file: saving, fraction: 1, phase: 'saving' });
  }
  return report;
}
