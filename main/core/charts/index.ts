/** The charts feature as the rest of Boardpack sees it: other features and the hosts import only from here. */
export { seriesContext, sparklines, trend, type SeriesContext } from './charts';
export { chartsHandlers } from './handlers';
