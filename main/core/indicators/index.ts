/** The indicators feature as the rest of Boardpack sees it: other features and the hosts import only from here. */
export { requireIndicator } from './definitions';
export { indicatorsHandlers, requireIndicatorNamed } from './handlers';
export { addIndicator, addOutcome, indicatorById, outcomeById, listIndicators, listOutcomes, setDerivedRate, updateIndicator, type IndicatorDefinition } from './repo';
