/** The audit trail: who changed what, when, from what to what. */
import type { Sqlite } from '../store/sqlite';

export interface AuditEntry {
  action: 'create' | 'update' | 'delete' | 'archive' | 'restore' | 'import' | 'lock' | 'unlock' | 'undo' | 'redo';
  entity: string;
  entityId: number | null;
  field?: string | null;
  oldValue?: string | null;
  newValue?: string | null;
}

export function recordAudit(db: Sqlite, entry: AuditEntry, at: Date, osUser: string): void {
  db.run(
    'INSERT INTO audit (at, os_user, action, entity, entity_id, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [at.toISOString(), osUser, entry.action, entry.entity, entry.entityId, entry.field ?? null, entry.oldValue ?? null, entry.newValue ?? null],
  );
}

export function auditFor(db: Sqlite, entity: string, entityId: number): Array<{ at: string; osUser: string; action: string; field: string | null; oldValue: string | null; newValue: string | null }> {
  return db
    .all<{ at: string; os_user: string; action: string; field: string | null; old_value: string | null; new_value: string | null }>(
      'SELECT at, os_user, action, field, old_value, new_value FROM audit WHERE entity = ? AND entity_id = ? ORDER BY id',
      [entity, entityId],
    )
    .map((r) => ({ at: r.at, osUser: r.os_user, action: r.action, field: r.field, oldValue: r.old_value, newValue: r.new_value }));
}

/** The audit rows one action wrote, first to last id. */
export interface AuditRange {
  first: number;
  last: number;
}

/** The id of the newest audit row (0 when there is none). */
export function lastAuditId(db: Sqlite): number {
  return db.first<{ id: number | null }>('SELECT max(id) AS id FROM audit')?.id ?? 0;
}

/**
 * An undo or redo of a whole action, under its label. `of` is the range of audit rows the
 * action wrote (kept in the row's field as "audit 120-125"), which is how a value's history
 * finds the undos of its own edits without matching labels.
 */
export function recordUndoRedo(db: Sqlite, entry: { action: 'undo' | 'redo'; label: string; of: AuditRange | null }, at: Date, osUser: string): void {
  const field = entry.of ? `audit ${entry.of.first}-${entry.of.last}` : null;
  recordAudit(db, { action: entry.action, entity: 'workspace', entityId: null, field, oldValue: null, newValue: entry.label }, at, osUser);
}

/**
 * Undo and redo rows of the actions that wrote these audit rows of one thing (a value's
 * cell: entity 'value', the indicator, the cell's field), each with the audit row it took
 * back or put again (its action: 'create', 'update', 'delete').
 */
export function undoRedoOf(db: Sqlite, entity: string, entityId: number, field: string): Array<{ at: string; osUser: string; action: 'undo' | 'redo'; of: string }> {
  const own = db.all<{ id: number; action: string }>('SELECT id, action FROM audit WHERE entity = ? AND entity_id = ? AND field = ? ORDER BY id', [entity, entityId, field]);
  if (own.length === 0) return [];
  const rows = db.all<{ at: string; os_user: string; action: 'undo' | 'redo'; field: string }>(
    "SELECT at, os_user, action, field FROM audit WHERE entity = 'workspace' AND action IN ('undo', 'redo') AND id > ? AND field LIKE 'audit %' ORDER BY id",
    [own[0]!.id],
  );
  const found: Array<{ at: string; osUser: string; action: 'undo' | 'redo'; of: string }> = [];
  for (const r of rows) {
    const m = /^audit (\d+)-(\d+)$/.exec(r.field);
    if (!m) continue;
    const [first, last] = [Number(m[1]), Number(m[2])];
    // An action writes one audit row per thing it changes: the first of this thing's in range.
    const of = own.find((o) => o.id >= first && o.id <= last);
    if (of) found.push({ at: r.at, osUser: r.os_user, action: r.action, of: of.action });
  }
  return found;
}

/** One row of the audit table as stored. */
export interface AuditRow {
  id: number;
  at: string;
  osUser: string;
  action: string;
  entity: string;
  entityId: number | null;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
}

/** Every audit row, newest first. */
export function listAuditRows(db: Sqlite): AuditRow[] {
  return db
    .all<{ id: number; at: string; os_user: string; action: string; entity: string; entity_id: number | null; field: string | null; old_value: string | null; new_value: string | null }>(
      'SELECT id, at, os_user, action, entity, entity_id, field, old_value, new_value FROM audit ORDER BY id DESC',
    )
    .map((r) => ({ id: r.id, at: r.at, osUser: r.os_user, action: r.action, entity: r.entity, entityId: r.entity_id, field: r.field, oldValue: r.old_value, newValue: r.new_value }));
}
