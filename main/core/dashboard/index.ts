/** The dashboard feature as the rest of Boardpack sees it: other features and the hosts import only from here. */
export { DEFAULT_DASHBOARD_TITLE, appendixIndicatorCount, buildAppendix } from './appendix';
export { dashboardHandlers } from './handlers';
