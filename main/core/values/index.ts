/** The values feature as the rest of Boardpack sees it: other features and the hosts import only from here. */
export { valuesHandlers } from './handlers';
export { changedFields, definitionImpacts } from './impact';
export { listValues } from './listing';
export { monthlyValues, observationsOf, upsertObservations, type NewObservation } from './repo';
export { ValueResolver, populationYearFor, type ResolvedValue } from './series';
