/** The periods feature as the rest of Boardpack sees it: other features and the hosts import only from here. */
export { periodsHandlers, requirePeriod } from './handlers';
export { actionLogFor } from './judgements';
export { addPeriod, indicatorAssessments, listPeriods, outcomeAssessments, periodByName, setIndicatorAssessment, setOutcomeAssessment } from './repo';
export { LockedPeriodRule, lockedPeriodReason, publishedValueReason, type LockedPeriodRef } from './locked';
