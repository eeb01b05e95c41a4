/** The exports feature as the rest of Boardpack sees it: other features and the hosts import only from here. */
export { exportsHandlers, saveOrReturn } from './handlers';
export { valuesCsvText } from './values-csv';
export { auditCsv } from './audit-csv';
export { suggestedFileName } from './filename';
