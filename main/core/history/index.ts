/** The history feature as the rest of Boardpack sees it: other features and the hosts import only from here. */
export { historyHandlers } from './handlers';
export { History, type Undoable } from './history';
