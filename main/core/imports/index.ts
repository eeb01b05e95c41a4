/** The imports feature as the rest of Boardpack sees it: other features and the hosts import only from here. */
export { readAppendixTable } from './appendix';
export { applyAppendixTable, type IndicatorDefinition } from './apply-appendix';
export { crimeCountSeriesName } from './apply-counts';
export { importsHandlers } from './handlers';
export { cancelImport } from './running';
export { listImports } from './undo-import';
export { readAreaLookup, readOnsPopulation } from './ons';
export { aggregatePoliceUk, type PoliceUkAggregate } from './policeuk';
