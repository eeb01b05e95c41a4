/**
 * Undo and redo across the whole app (Ctrl+Z, Ctrl+Y), like Excel's: one stack per open
 * workspace, owned by the session (`session.history`) and started afresh when the session
 * opens another workspace.
 *
 * Every user action runs inside `record`, which captures each row the action inserts,
 * updates or deletes through temporary triggers (created for the action and dropped with it,
 * so they never reach the saved file and cost nothing between actions). Undo writes the
 * captured "before" rows back; redo writes the "after" rows. Because the capture is generic,
 * a new feature gets undo by calling `record`, with nothing else to write.
 *
 * An action too large to capture row by row (an import) is put on the stack with `add`, by
 * the feature that did it, as an `Undoable`: the feature says how to undo it, and the history
 * captures that undo so it can be redone. The history knows nothing more about it. Undoing
 * such an action from elsewhere (Recent imports) goes through `undoOutOfTurn`, so the stack
 * and the feature never disagree.
 *
 * Before writing, undo and redo check that each row still holds what the action left; if
 * something else changed it since, nothing is written and the user is told why.
 */
import type { HistoryEntry, HistoryState } from '../../../shared/api/types';
import type { Sqlite, SqlValue } from '../store/sqlite';
import { columnsOf, installCapture, removeCapture, rowNow, writeRow, type RowChange } from './repo';
import type { Workspace } from '../store/workspace';
import { lastAuditId, recordUndoRedo, type AuditRange } from '../audit';
import { AnalystError } from '../errors';

/** Above this many captured rows an undo is not kept for redoing. */
const MAX_CAPTURED_ROWS = 300_000;

/**
 * An action a feature did itself and puts on the stack with `History.add`: the history
 * undoes it by calling `undo`, and keeps what that wrote so it can be redone.
 */
export interface Undoable<T = unknown> {
  /** What the feature calls this action, to find it again ("import 12"); one entry per key. */
  readonly key: string;
  /** The action as the stack lists it: "Import appendix.tsv". */
  readonly label: string;
  /** Undoing it when it is not the latest action is an action of its own, with this label. */
  readonly undoLabel: string;
  /** Undoes the action, synchronously (the history runs it inside the workspace's transaction). */
  undo(): T;
  /** False when capturing its undo would hold too many rows in memory: it can be undone, not redone. */
  keepForRedo(): boolean;
  /** What to tell the user when it was not kept for redoing. */
  readonly cannotRedo: string;
}

type Entry = { id: number; label: string; at: string; audit: AuditRange | null } & (
  | { kind: 'changes'; changes: RowChange[] }
  /** `undoChanges`: what its latest undo wrote (redo writes their "before" side); null when not kept. */
  | { kind: 'undoable'; undoable: Undoable; undoChanges: RowChange[] | null }
);

/** An undo or redo that cannot be done; nothing was changed. */
export class HistoryError extends AnalystError {
  constructor(message: string) {
    super('conflict', message);
    this.name = 'HistoryError';
  }
}

/** The undo and redo stacks of one open workspace. */
export class History {
  private readonly done: Entry[] = [];
  private readonly undone: Entry[] = [];
  private capturing = false;
  private nextId = 1;

  constructor(readonly workspace: Workspace) {}

  /**
   * Runs one user action as one transaction and puts it on the undo stack under `label`
   * (in the user's words: "Edit the value of ... for Blaby, 2024/25 Q3"). An action inside
   * another joins the outer one. An action that changed nothing is not put on the stack.
   */
  record<T>(label: string, work: () => T): T {
    if (this.capturing) return work();
    const firstAudit = lastAuditId(this.workspace.db) + 1;
    const { result, changes } = this.captured(work);
    if (changes.length > 0) {
      const lastAudit = lastAuditId(this.workspace.db);
      this.push({ ...this.stamp(label), audit: lastAudit >= firstAudit ? { first: firstAudit, last: lastAudit } : null, kind: 'changes', changes });
    }
    return result;
  }

  /** Puts an action the feature has done (and committed) on the undo stack. */
  add(undoable: Undoable): void {
    this.forget(undoable.key);
    this.push({ ...this.stamp(undoable.label), audit: null, kind: 'undoable', undoable, undoChanges: null });
  }

  /** Undoes the latest action. */
  undo(): HistoryState {
    this.undoLatest();
    return this.state();
  }

  /** Redoes the latest undone action. */
  redo(): HistoryState {
    const entry = this.undone.at(-1);
    if (!entry) throw new HistoryError('There is nothing to redo.');
    const changes = entry.kind === 'changes' ? entry.changes : entry.undoChanges;
    if (!changes) throw new HistoryError(entry.kind === 'undoable' ? entry.undoable.cannotRedo : `"${entry.label}" cannot be redone.`);
    // An undoable's entry holds what its undo did, so redoing it means writing that back.
    const side = entry.kind === 'changes' ? 'after' : 'before';
    this.workspace.mutate(() => {
      applyChanges(this.workspace.db, changes, side, entry.label);
      this.audit('redo', entry);
    });
    this.undone.pop();
    this.done.push(entry);
    return this.state();
  }

  /**
   * Undoes an action the feature names, wherever it is (Undo in Recent imports): the latest
   * action is undone exactly as Ctrl+Z would, so Redo brings it back; an older one, or one
   * from before this session, is undone as a new action (`undoLabel`) that Ctrl+Z can take
   * back, and its old entry leaves the stack (it cannot be undone twice).
   */
  undoOutOfTurn<T>(undoable: Undoable<T>): T {
    const latest = this.done.at(-1);
    if (latest?.kind === 'undoable' && latest.undoable.key === undoable.key) return this.undoLatest() as T;
    // Too large to keep row by row: undone for good (the stack's other entries check every row
    // before writing, so none of them can write over it unnoticed).
    const result = undoable.keepForRedo() ? this.record(undoable.undoLabel, () => undoable.undo()) : this.workspace.mutate(() => undoable.undo());
    this.forget(undoable.key);
    return result;
  }

  state(): HistoryState {
    const view = (e: Entry): HistoryEntry => ({ id: e.id, label: e.label, at: e.at, canRedo: e.kind === 'changes' || e.undoChanges !== null });
    return {
      undo: this.done.length > 0 ? view(this.done.at(-1)!) : null,
      redo: this.undone.length > 0 ? view(this.undone.at(-1)!) : null,
      done: this.done.map(view).reverse(),
      undone: this.undone.map(view).reverse(),
    };
  }

  /** Undoes the latest action; an undoable's own undo returns what it returns. */
  private undoLatest(): unknown {
    const entry = this.done.at(-1);
    if (!entry) throw new HistoryError('There is nothing to undo.');
    let result: unknown;
    if (entry.kind === 'changes') {
      this.workspace.mutate(() => {
        applyChanges(this.workspace.db, entry.changes, 'before', entry.label);
        this.audit('undo', entry);
      });
    } else {
      const undoIt = () => {
        result = entry.undoable.undo();
        this.audit('undo', entry);
      };
      // A very large action is undone without keeping every row for redo (it would hold them
      // all in memory); it can be done again instead.
      if (!entry.undoable.keepForRedo()) {
        this.workspace.mutate(undoIt);
        entry.undoChanges = null;
      } else {
        const { changes } = this.captured(undoIt);
        entry.undoChanges = changes.length <= MAX_CAPTURED_ROWS ? changes : null;
      }
    }
    this.done.pop();
    this.undone.push(entry);
    return result;
  }

  /** Runs `work` inside the workspace's transaction and returns what it changed, row by row. */
  private captured<T>(work: () => T): { result: T; changes: RowChange[] } {
    const db = this.workspace.db;
    return this.workspace.mutate(() => {
      this.capturing = true;
      const triggers = installCapture(db);
      try {
        const result = work();
        return { result, changes: removeCapture(db, triggers) };
      } catch (error) {
        removeCapture(db, triggers);
        throw error;
      } finally {
        this.capturing = false;
      }
    });
  }

  private stamp(label: string): { id: number; label: string; at: string } {
    return { id: this.nextId++, label, at: this.workspace.env.now().toISOString() };
  }

  private push(entry: Entry): void {
    this.done.push(entry);
    this.undone.length = 0;
  }

  /** Takes the undoable with this key off both stacks. */
  private forget(key: string): void {
    for (const stack of [this.done, this.undone]) {
      const at = stack.findIndex((e) => e.kind === 'undoable' && e.undoable.key === key);
      if (at >= 0) stack.splice(at, 1);
    }
  }

  private audit(action: 'undo' | 'redo', entry: Entry): void {
    recordUndoRedo(this.workspace.db, { action, label: entry.label, of: entry.audit }, this.workspace.env.now(), this.workspace.env.osUser);
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
