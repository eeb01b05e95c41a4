/**
 * Undo and redo across the whole app (Ctrl+Z, Ctrl+Y), like Excel's: one stack per open
 * workspace, kept in memory for the session.
 *
 * Every user action runs inside `recordChange`, which captures each row the action inserts,
 * updates or deletes through temporary triggers (created for the action and dropped with it,
 * so they never reach the saved file and cost nothing between actions). Undo writes the
 * captured "before" rows back; redo writes the "after" rows. Because the capture is generic,
 * a new feature gets undo by calling `recordChange`, with nothing else to write.
 *
 * Imports are large, so they are not captured row by row: an import's entry undoes through
 * the import journal (undoImport), and that undo is itself captured so it can be redone.
 *
 * Before writing, undo and redo check that each row still holds what the action left; if
 * something else changed it since, nothing is written and the user is told why.
 */
import type { HistoryEntry, HistoryState } from '../../../shared/api/types';
import type { Sqlite, SqlValue } from '../store/sqlite';
import { columnsOf, importSize, installCapture, removeCapture, rowNow, writeRow, type RowChange } from './repo';
import type { Workspace } from '../store/workspace';
import { recordAudit } from '../audit';
import { AnalystError } from '../errors';

/** Above this many captured rows an undone import cannot be redone (import the file again). */
const MAX_CAPTURED_ROWS = 300_000;

type Entry =
  | { id: number; label: string; at: string; kind: 'changes'; changes: RowChange[] }
  | { id: number; label: string; at: string; kind: 'import'; importId: number; undoChanges: RowChange[] | null };

class History {
  readonly done: Entry[] = [];
  readonly undone: Entry[] = [];
  capturing = false;
  nextId = 1;
}

const histories = new WeakMap<Workspace, History>();

function historyOf(workspace: Workspace): History {
  let history = histories.get(workspace);
  if (!history) {
    history = new History();
    histories.set(workspace, history);
  }
  return history;
}

/** An undo or redo that cannot be done; nothing was changed. */
export class HistoryError extends AnalystError {
  constructor(message: string) {
    super('conflict', message);
    this.name = 'HistoryError';
  }
}





/** Runs `work` inside the workspace's transaction and returns what it changed, row by row. */
function captured<T>(workspace: Workspace, work: () => T): { result: T; changes: RowChange[] } {
  const history = historyOf(workspace);
  const db = workspace.db;
  return workspace.mutate(() => {
    history.capturing = true;
    const triggers = installCapture(db);
    try {
      const result = work();
      return { result, changes: removeCapture(db, triggers) };
    } catch (error) {
      removeCapture(db, triggers);
      throw error;
    } finally {
      history.capturing = false;
    }
  });
}

/**
 * Runs one user action as one transaction and puts it on the undo stack under `label`
 * (in the user's words: "Edit the value of ... for Blaby, 2024/25 Q3"). An action inside
 * another joins the outer one. An action that changed nothing is not put on the stack.
 */
export function recordChange<T>(workspace: Workspace, label: string, work: () => T): T {
  const history = historyOf(workspace);
  if (history.capturing) return work();
  const { result, changes } = captured(workspace, work);
  if (changes.length > 0) {
    history.done.push({ id: history.nextId++, label, at: workspace.env.now().toISOString(), kind: 'changes', changes });
    history.undone.length = 0;
  }
  return result;
}

/** Puts a committed import on the undo stack; undoing it goes through the import journal. */
export function recordImport(workspace: Workspace, label: string, importId: number): void {
  const history = historyOf(workspace);
  history.done.push({ id: history.nextId++, label, at: workspace.env.now().toISOString(), kind: 'import', importId, undoChanges: null });
  history.undone.length = 0;
}

/** Called when an import is undone from the Import screen, outside the stack: its entry goes. */
export function forgetImport(workspace: Workspace, importId: number): void {
  const history = historyOf(workspace);
  for (const stack of [history.done, history.undone]) {
    const at = stack.findIndex((e) => e.kind === 'import' && e.importId === importId);
    if (at >= 0) stack.splice(at, 1);
  }
}




function sameRow(a: SqlValue[] | null, b: SqlValue[] | null): boolean {
  if (a === null || b === null) return a === b;
  // JSON turns 2.0 into 2; compare as numbers where both are numbers.
  return a.length === b.length && a.every((v, i) => v === b[i] || (typeof v === 'number' && typeof b[i] === 'number' && Math.abs(v - (b[i] as number)) < 1e-12));
}

/** Writes one side of a change set: 'before' walks backwards (undo), 'after' forwards (redo). */
function applyChanges(db: Sqlite, changes: readonly RowChange[], side: 'before' | 'after', label: string): void {
  const columns = new Map<string, string[]>();
  const cols = (t: string) => columns.get(t) ?? columns.set(t, columnsOf(db, t)).get(t)!;
  const ordered = side === 'before' ? [...changes].reverse() : changes;
  for (const change of ordered) {
    const c = cols(change.table);
    const expected = side === 'before' ? change.after : change.before;
    const wanted = side === 'before' ? change.before : change.after;
    const current = rowNow(db, change.table, c, change.rowid);
    if (!sameRow(current, expected)) {
      throw new HistoryError(`"${label}" cannot be ${side === 'before' ? 'undone' : 'redone'}: something else has changed the same ${change.table.replace(/_/g, ' ')} since. Nothing was changed.`);
    }
    writeRow(db, change.table, c, change.rowid, current, wanted);
  }
}

function audit(workspace: Workspace, action: 'undo' | 'redo', label: string): void {
  recordAudit(workspace.db, { action, entity: 'workspace', entityId: null, field: null, oldValue: null, newValue: label }, workspace.env.now(), workspace.env.osUser);
}

/**
 * Undoes the latest action. `undoImport` (synchronous, from the importer) is passed in so
 * this module does not depend on the import pipeline.
 */
export function undo(workspace: Workspace, undoImport: (importId: number) => unknown): HistoryState {
  const history = historyOf(workspace);
  const entry = history.done.at(-1);
  if (!entry) throw new HistoryError('There is nothing to undo.');
  if (entry.kind === 'changes') {
    workspace.mutate(() => {
      applyChanges(workspace.db, entry.changes, 'before', entry.label);
      audit(workspace, 'undo', entry.label);
    });
  } else if (entry.undoChanges) {
    // Undone, then redone: undo again by replaying what the journal's undo did.
    const changes = entry.undoChanges;
    workspace.mutate(() => {
      applyChanges(workspace.db, changes, 'after', entry.label);
      audit(workspace, 'undo', entry.label);
    });
  } else {
    const undoIt = () => {
      undoImport(entry.importId);
      audit(workspace, 'undo', entry.label);
    };
    // A very large import is undone without keeping every row for redo (it would hold them all
    // in memory); it can be imported again instead.
    if (importSize(workspace.db, entry.importId) > MAX_CAPTURED_ROWS) {
      workspace.mutate(undoIt);
      entry.undoChanges = null;
    } else {
      const { changes } = captured(workspace, undoIt);
      entry.undoChanges = changes.length <= MAX_CAPTURED_ROWS ? changes : null;
    }
  }
  history.done.pop();
  history.undone.push(entry);
  return historyState(workspace);
}

/** Redoes the latest undone action. */
export function redo(workspace: Workspace): HistoryState {
  const history = historyOf(workspace);
  const entry = history.undone.at(-1);
  if (!entry) throw new HistoryError('There is nothing to redo.');
  const changes = entry.kind === 'changes' ? entry.changes : entry.undoChanges;
  if (!changes) throw new HistoryError(`"${entry.label}" was too large to keep for redoing; import the files again instead.`);
  // An import's entry holds what its undo did, so redoing it means writing that back.
  const side = entry.kind === 'changes' ? 'after' : 'before';
  workspace.mutate(() => {
    applyChanges(workspace.db, changes, side, entry.label);
    audit(workspace, 'redo', entry.label);
  });
  history.undone.pop();
  history.done.push(entry);
  return historyState(workspace);
}

export function historyState(workspace: Workspace): HistoryState {
  const history = historyOf(workspace);
  const view = (e: Entry): HistoryEntry => ({ id: e.id, label: e.label, at: e.at, canRedo: e.kind === 'changes' || e.undoChanges !== null });
  return {
    undo: history.done.length > 0 ? view(history.done.at(-1)!) : null,
    redo: history.undone.length > 0 ? view(history.undone.at(-1)!) : null,
    done: history.done.map(view).reverse(),
    undone: history.undone.map(view).reverse(),
  };
}
