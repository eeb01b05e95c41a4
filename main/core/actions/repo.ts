/** The board's action log: numbered actions with an officer, comments, a RAG status and a closing date. */
import type { ActionLogEntry } from '../../../shared/api/types';
import type { Rag } from '../../../shared/domain/types';
import type { Sqlite } from '../store/sqlite';

interface ActionRow {
  id: number;
  number: number;
  raised_on: string;
  action: string;
  officer: string;
  comments: string;
  status: Rag;
  closed_on: string | null;
  created_at: string;
  updated_at: string;
}

const toEntry = (r: ActionRow): ActionLogEntry => ({
  id: r.id,
  number: r.number,
  raisedOn: r.raised_on,
  action: r.action,
  officer: r.officer,
  comments: r.comments,
  status: r.status,
  closedOn: r.closed_on,
  updatedAt: r.updated_at,
});

/** What the analyst writes for an action; the rest (id, times) Boardpack keeps. */
export interface ActionFields {
  number: number;
  raisedOn: string;
  action: string;
  officer: string;
  comments: string;
  status: Rag;
}

export function listActions(db: Sqlite, opts: { openOnly?: boolean } = {}): ActionLogEntry[] {
  const where = opts.openOnly ? 'WHERE closed_on IS NULL' : '';
  return db.all<ActionRow>(`SELECT * FROM action_log ${where} ORDER BY number`).map(toEntry);
}

export function actionById(db: Sqlite, id: number): ActionLogEntry | undefined {
  const row = db.first<ActionRow>('SELECT * FROM action_log WHERE id = ?', [id]);
  return row && toEntry(row);
}

export function actionByNumber(db: Sqlite, number: number): ActionLogEntry | undefined {
  const row = db.first<ActionRow>('SELECT * FROM action_log WHERE number = ?', [number]);
  return row && toEntry(row);
}

/** The next free "No.": one more than the highest ever kept. */
export function nextActionNumber(db: Sqlite): number {
  return (db.first<{ n: number | null }>('SELECT max(number) AS n FROM action_log')?.n ?? 0) + 1;
}

export function addAction(db: Sqlite, fields: ActionFields, at: string): number {
  return db.insert(
    'INSERT INTO action_log (number, raised_on, action, officer, comments, status, closed_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)',
    [fields.number, fields.raisedOn, fields.action, fields.officer, fields.comments, fields.status, at, at],
  );
}

export function updateAction(db: Sqlite, id: number, fields: ActionFields, at: string): void {
  db.run('UPDATE action_log SET number = ?, raised_on = ?, action = ?, officer = ?, comments = ?, status = ?, updated_at = ? WHERE id = ?', [
    fields.number,
    fields.raisedOn,
    fields.action,
    fields.officer,
    fields.comments,
    fields.status,
    at,
    id,
  ]);
}

/** `closedOn` null reopens the action. */
export function setActionClosed(db: Sqlite, id: number, closedOn: string | null, at: string): void {
  db.run('UPDATE action_log SET closed_on = ?, updated_at = ? WHERE id = ?', [closedOn, at, id]);
}

export function deleteAction(db: Sqlite, id: number): void {
  db.run('DELETE FROM action_log WHERE id = ?', [id]);
}
