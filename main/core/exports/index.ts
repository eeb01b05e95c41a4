/** The exports feature as the rest of Boardpack sees it: other features and the hosts import only from here. */
export { exportsHandlers, saveOrReturn } from './handlers';
export { valuesCsvText } from './values-csv';
