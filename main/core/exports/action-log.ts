/** Exporting the action log on its own: Excel, CSV or PDF, named for the board and the day. */
import type { ActionLogEntry } from '../../../shared/api/types';
import { ACTION_LOG_HEADERS, ACTION_LOG_TITLE, actionLogRowCells } from '../../../shared/domain/action-log';
import { writeActionLogPdf } from './actions-pdf';
import { writeActionLogXlsx } from './actions-xlsx';
import { valuesCsv } from './csv';
import { suggestedFileName } from './filename';

export interface ActionLogExportOptions {
  author: string;
  /** The board's dashboard title, e.g. "Safer Communities Performance Dashboard". */
  heading: string;
  asAt: string;
  openOnly?: boolean;
}

/** The log as a table for Excel: one line per action, formula-like cells neutralised. */
export function actionLogCsv(entries: readonly ActionLogEntry[]): string {
  const headers = [...ACTION_LOG_HEADERS];
  return valuesCsv(
    entries.map((entry) => {
      const cells = actionLogRowCells(entry);
      return Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']));
    }),
    headers,
  );
}

export async function renderActionLog(entries: readonly ActionLogEntry[], format: 'xlsx' | 'csv' | 'pdf', options: ActionLogExportOptions): Promise<{ bytes: Buffer; fileName: string }> {
  const title = `${ACTION_LOG_TITLE} - ${options.heading}`;
  const fileName = suggestedFileName(`${title} ${options.asAt}`, format);
  switch (format) {
    case 'xlsx':
      return { bytes: await writeActionLogXlsx(entries, { ...options }), fileName };
    case 'csv':
      return { bytes: Buffer.from(actionLogCsv(entries), 'utf8'), fileName };
    case 'pdf':
      return { bytes: await writeActionLogPdf(entries, { author: options.author, title, asAt: options.asAt, openOnly: options.openOnly }), fileName };
  }
}
