/** The scorecard feature as the rest of Boardpack sees it: other features and the hosts import only from here. */
export { buildScorecard } from './scorecard';
