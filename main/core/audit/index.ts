/** The audit feature as the rest of Boardpack sees it: other features and the hosts import only from here. */
export { auditFor, lastAuditId, recordAudit, recordUndoRedo, undoRedoOf, type AuditEntry, type AuditRange } from './repo';
export { auditHandlers } from './handlers';
