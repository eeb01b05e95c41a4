/** The audit trail as CSV for Excel: the columns the Audit page shows, newest first. */
import type { AuditTrailRow } from '../../../shared/api/types';
import { valuesCsv } from './csv';

export const AUDIT_COLUMNS = ['When', 'Who', 'Action', 'What', 'Before', 'After'] as const;

export function auditCsv(rows: readonly AuditTrailRow[]): string {
  return valuesCsv(
    rows.map((r) => ({ When: r.at.replace('T', ' ').replace(/\.\d+Z$/, '').replace(/Z$/, ''), Who: r.who, Action: r.action, What: r.what, Before: r.before, After: r.after })),
    [...AUDIT_COLUMNS],
  );
}
