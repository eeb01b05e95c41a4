/**
 * Managing the board's action log: add, edit, close, reopen and delete an action. Each is one
 * user action on the app-wide undo stack (history.record) with its audit rows written in the
 * same transaction, so an undone change leaves its audit trail behind as the record.
 */
import type { ActionLogEntry } from '../../../shared/api/types';
import { formatActionDate } from '../../../shared/domain/action-log';
import type { Rag } from '../../../shared/domain/types';
import type { History } from '../history';
import { actionById, actionByNumber, addAction, deleteAction, nextActionNumber, setActionClosed, updateAction, type ActionFields } from './repo';
import { recordAudit, type AuditEntry } from '../audit';
import type { Workspace } from '../store/workspace';
import { AnalystError } from '../errors';

/** A request the log cannot carry out; the message says why, for the analyst. */
export class ActionLogError extends AnalystError {
  constructor(code: 'not_found' | 'conflict' | 'invalid_arguments', message: string) {
    super(code, message);
    this.name = 'ActionLogError';
  }
}

export interface ActionInput {
  id?: number;
  number?: number;
  raisedOn: string;
  action: string;
  officer: string;
  comments: string;
  status: Rag;
}

/** Today's date where the analyst is (a UK board's day, not UTC's). */
export function today(workspace: Workspace): string {
  const now = workspace.env.now();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function requireAction(workspace: Workspace, id: number): ActionLogEntry {
  const found = actionById(workspace.db, id);
  if (!found) throw new ActionLogError('not_found', 'That action is no longer in the log (it may have been deleted, or its adding undone). Reload the action log.');
  return found;
}

function audit(workspace: Workspace, entry: AuditEntry): void {
  recordAudit(workspace.db, entry, workspace.env.now(), workspace.env.osUser);
}

const AUDITED: Array<[keyof ActionFields, string]> = [
  ['number', 'number'],
  ['raisedOn', 'raised_on'],
  ['action', 'action'],
  ['officer', 'officer'],
  ['comments', 'comments'],
  ['status', 'status'],
];

/** Adds an action (no id) or changes one. */
export function saveAction(workspace: Workspace, history: History, input: ActionInput): ActionLogEntry {
  const db = workspace.db;
  const existing = input.id === undefined ? undefined : requireAction(workspace, input.id);
  const number = input.number ?? existing?.number ?? nextActionNumber(db);
  const holder = actionByNumber(db, number);
  if (holder && holder.id !== existing?.id) {
    throw new ActionLogError('conflict', `No. ${number} is already used by another action ("${holder.action.slice(0, 60)}"); choose another number (the next free one is ${nextActionNumber(db)}).`);
  }
  if (existing?.closedOn && input.raisedOn > existing.closedOn) {
    throw new ActionLogError('invalid_arguments', `Action ${number} was closed on ${formatActionDate(existing.closedOn)}, so it cannot have been raised later (${formatActionDate(input.raisedOn)}).`);
  }
  const fields: ActionFields = { number, raisedOn: input.raisedOn, action: input.action, officer: input.officer, comments: input.comments, status: input.status };
  const at = workspace.env.now().toISOString();
  if (!existing) {
    return history.record(`Add action ${number}`, () => {
      const id = addAction(db, fields, at);
      audit(workspace, { action: 'create', entity: 'action', entityId: id, newValue: `No. ${number}: ${fields.action}` });
      return actionById(db, id)!;
    });
  }
  const before: ActionFields = { number: existing.number, raisedOn: existing.raisedOn, action: existing.action, officer: existing.officer, comments: existing.comments, status: existing.status };
  const changed = AUDITED.filter(([key]) => before[key] !== fields[key]);
  if (changed.length === 0) return existing;
  return history.record(`Edit action ${number}`, () => {
    updateAction(db, existing.id, fields, at);
    for (const [key, column] of changed) {
      audit(workspace, { action: 'update', entity: 'action', entityId: existing.id, field: column, oldValue: String(before[key]), newValue: String(fields[key]) });
    }
    return actionById(db, existing.id)!;
  });
}

/** Closes an open action, on `closedOn` or today. */
export function closeAction(workspace: Workspace, history: History, id: number, closedOn?: string): ActionLogEntry {
  const found = requireAction(workspace, id);
  if (found.closedOn) throw new ActionLogError('conflict', `Action ${found.number} is already closed (on ${formatActionDate(found.closedOn)}).`);
  const date = closedOn ?? today(workspace);
  if (date < found.raisedOn) {
    throw new ActionLogError('invalid_arguments', `Action ${found.number} was raised on ${formatActionDate(found.raisedOn)}, so it cannot be closed earlier (${formatActionDate(date)}).`);
  }
  return history.record(`Close action ${found.number}`, () => {
    setActionClosed(workspace.db, id, date, workspace.env.now().toISOString());
    audit(workspace, { action: 'update', entity: 'action', entityId: id, field: 'closed_on', oldValue: null, newValue: date });
    return actionById(workspace.db, id)!;
  });
}

/** Opens a closed action again, with the status it had. */
export function reopenAction(workspace: Workspace, history: History, id: number): ActionLogEntry {
  const found = requireAction(workspace, id);
  if (!found.closedOn) throw new ActionLogError('conflict', `Action ${found.number} is already open.`);
  return history.record(`Reopen action ${found.number}`, () => {
    setActionClosed(workspace.db, id, null, workspace.env.now().toISOString());
    audit(workspace, { action: 'update', entity: 'action', entityId: id, field: 'closed_on', oldValue: found.closedOn, newValue: null });
    return actionById(workspace.db, id)!;
  });
}

/** Deletes an action; the audit row keeps what it said, and Undo brings it back. */
export function removeAction(workspace: Workspace, history: History, id: number): { deleted: number } {
  const found = requireAction(workspace, id);
  return history.record(`Delete action ${found.number}`, () => {
    deleteAction(workspace.db, id);
    audit(workspace, { action: 'delete', entity: 'action', entityId: id, oldValue: JSON.stringify(found) });
    return { deleted: found.number };
  });
}
