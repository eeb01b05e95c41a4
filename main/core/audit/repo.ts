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

/** Undo and redo rows of the actions with these labels (the audit keeps the label as the new value). */
export function undoRedoOf(db: Sqlite, labels: readonly string[]): Array<{ at: string; osUser: string; action: string; label: string }> {
  if (labels.length === 0) return [];
  return db
    .all<{ at: string; os_user: string; action: string; new_value: string }>(
      `SELECT at, os_user, action, new_value FROM audit WHERE entity = 'workspace' AND action IN ('undo', 'redo') AND new_value IN (${labels.map(() => '?').join(', ')}) ORDER BY id`,
      [...labels],
    )
    .map((r) => ({ at: r.at, osUser: r.os_user, action: r.action, label: r.new_value }));
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
