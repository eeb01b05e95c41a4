/**
 * Undoing an import: the rows it wrote go back to what they were (from the import journal),
 * unless a later import changed the same values or a published period uses them. An import is
 * put on the session's undo history as an `Undoable` whose undo is this one, and Recent
 * imports' Undo goes through the history too, so the two never disagree.
 */
import type { Month } from '../../../shared/domain/types';
import type { ImportRecord } from '../../../shared/api/types';
import { AnalystError } from '../errors';
import type { History, Undoable } from '../history';
import { LockedPeriodRule } from '../periods';
import type { Workspace } from '../store/workspace';
import {
  bulkJournalledCount,
  firstMonthsTheImportSet,
  importSize,
  importRecordRow,
  importRows,
  latestImportInForce,
  laterImportsChangingWhatItAdded,
  laterImportsTouchingSameRows,
  lockedPeriodTheImportSet,
  markImportUndone,
  revertImport,
  rowsAddedNotJournalled,
} from './journal-repo';

/** An undo that cannot be done, with the reason; nothing was changed. */
export class UndoError extends AnalystError {
  constructor(message: string) {
    super('conflict', message);
    this.name = 'UndoError';
  }
}

/** Above this many values added or changed, undoing an import does not keep its rows for redo. */
const MAX_KEPT_FOR_REDO = 300_000;

export interface ImportUndone {
  importId: number;
  files: string[];
  rowsRestored: number;
}

function importLabel(files: readonly string[]): string {
  return files.length === 1 ? `Import ${files[0]}` : `Import ${files.length} files`;
}

/** Import `importId` as the history holds it: undone through the import journal, whichever way it is undone. */
function importUndoable(workspace: Workspace, importId: number, files: readonly string[]): Undoable<ImportUndone> {
  const label = importLabel(files);
  return {
    key: `import ${importId}`,
    label,
    undoLabel: `Undo the import of ${files.length === 1 ? files[0] : `${files.length} files`}`,
    undo: () => undoImportNow(workspace, importId),
    keepForRedo: () => importSize(workspace.db, importId) <= MAX_KEPT_FOR_REDO,
    cannotRedo: `"${label}" was too large to keep for redoing; import the files again instead.`,
  };
}

/** Puts a committed import on the session's undo stack, labelled with its files. */
export function rememberImport(history: History, importId: number, files: readonly string[]): void {
  history.add(importUndoable(history.workspace, importId, files));
}

/**
 * Undoes an import (the latest one still in force when no id is given), restoring what it
 * replaced, through the session's history: the same undo as Ctrl+Z's, so the undo stack and
 * Recent imports agree whichever was used (see History.undoOutOfTurn).
 */
export async function undoImport(history: History, id?: number): Promise<ImportUndone> {
  const workspace = history.workspace;
  const target = id ?? latestImportInForce(workspace.db);
  if (target === undefined || target === null) throw new UndoError('There is no import to undo.');
  const record = importRecordRow(workspace.db, target);
  if (!record) throw new UndoError(`There is no import number ${target}.`);
  const files = (JSON.parse(record.files) as Array<{ file: string }>).map((f) => f.file);
  const result = history.undoOutOfTurn(importUndoable(workspace, target, files));
  await workspace.flush();
  return result;
}

/** The undo itself, synchronous so the app's undo history can capture it (see history/history.ts). */
function undoImportNow(workspace: Workspace, target: number): ImportUndone {
  const db = workspace.db;
  const record = importRecordRow(db, target);
  if (!record) throw new UndoError(`There is no import number ${target}.`);
  const files = (JSON.parse(record.files) as Array<{ file: string }>).map((f) => f.file);
  if (record.undone_at) throw new UndoError(`Import ${target} (${files.join(', ')}) was already undone on ${record.undone_at.slice(0, 10)}.`);
  // Values an import added are journalled in bulk (key {import_id}): a later import that changed
  // one of them journalled it with this import's id, which is what is looked for here.
  const laterOnAdded = laterImportsChangingWhatItAdded(db, target);
  const later = [...new Set([...laterImportsTouchingSameRows(db, target), ...laterOnAdded])].sort((x, y) => x - y);
  if (later.length > 0) throw new UndoError(`Later imports (${later.join(', ')}) changed some of the same values; undo ${later.length > 1 ? 'them' : 'it'} first.`);
  const locked = lockedPeriodTheImportSet(db, target);
  if (locked) throw new UndoError(`Import ${target} set figures of the locked (published) period "${locked.name}"; unlock it before undoing the import.`);
  // Values the import set (changed, or added) that a locked period has since published.
  const rule = LockedPeriodRule.of(db);
  const touched = firstMonthsTheImportSet(db, target);
  const published = touched.map((t) => rule.protecting(t.ind, { last: t.m as Month })).find((ref) => ref !== null);
  if (published) throw new UndoError(`Import ${target} set figures up to ${published.lastMonth}, which the locked (published) period "${published.name}" uses; unlock it before undoing the import.`);
  const bulk = bulkJournalledCount(db, target);
  const rowsRestored = workspace.mutate(() => {
    // Rows still carrying this import's id that no single journal entry restores: the ones it added.
    const addedRows = bulk > 0 ? rowsAddedNotJournalled(db, target) : 0;
    const n = revertImport(db, target) - bulk + addedRows;
    markImportUndone(db, target, workspace.env.now().toISOString());
    return n;
  });
  return { importId: target, files, rowsRestored };
}

export function listImports(workspace: Workspace): ImportRecord[] {
  return importRows(workspace.db).map((r) => ({
    id: r.id,
    files: (JSON.parse(r.files) as Array<{ file: string }>).map((f) => f.file),
    shape: r.format,
    counts: JSON.parse(r.counts) as Record<string, number>,
    osUser: r.os_user,
    importedAt: r.imported_at,
    undoneAt: r.undone_at,
  }));
}
