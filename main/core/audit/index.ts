/** The audit feature as the rest of Boardpack sees it: other features and the hosts import only from here. */
export { auditFor, recordAudit, undoRedoOf, type AuditEntry } from './repo';
export { auditHandlers } from './handlers';
