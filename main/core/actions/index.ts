/** The actions feature as the rest of Boardpack sees it: other features and the hosts import only from here. */
export { today } from './action-log';
export { actionsHandlers } from './handlers';
export { listActions } from './repo';
