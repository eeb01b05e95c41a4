/**
 * The action log as the board reads it: the columns, the status words and the dates, in one
 * place so the page, the Excel sheet, the CSV and the PDF say the same thing.
 */
import type { Rag } from './types';
import { RAG_WORDS } from './vocabulary';

/** An action on the board's action log. */
export interface ActionLogEntry {
  id: number;
  /** The "No." the board knows it by. */
  number: number;
  raisedOn: string;
  action: string;
  /** The responsible officer. */
  officer: string;
  comments: string;
  /** The RAG the board last gave it (kept while closed, so reopening restores it). */
  status: Rag;
  /** null while open. */
  closedOn: string | null;
  updatedAt: string;
}

export const ACTION_LOG_TITLE = 'Action log';

export const ACTION_LOG_HEADERS = ['No.', 'Date raised', 'Action', 'Responsible officer', 'Comments', 'Status', 'Date closed'] as const;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2025-02-10" as "10 Feb 2025", the way the board's papers write dates. */
export function formatActionDate(date: string | null): string {
  if (!date) return '';
  const [y, m, d] = date.split('-');
  const month = MONTHS[Number(m) - 1];
  return month ? `${Number(d)} ${month} ${y}` : date;
}

/** "Closed" for a closed action, else its RAG in words: a word, never a colour alone. */
export function actionStatusText(entry: Pick<ActionLogEntry, 'status' | 'closedOn'>): string {
  return entry.closedOn ? 'Closed' : RAG_WORDS[entry.status];
}

/** One row as printed, in ACTION_LOG_HEADERS order. */
export function actionLogRowCells(entry: ActionLogEntry): string[] {
  return [String(entry.number), formatActionDate(entry.raisedOn), entry.action, entry.officer, entry.comments, actionStatusText(entry), formatActionDate(entry.closedOn)];
}
