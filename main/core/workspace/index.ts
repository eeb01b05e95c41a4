/** The workspace feature as the rest of Boardpack sees it: other features and the hosts import only from here. */
export { workspaceHandlers } from './handlers';
export { openStartWorkspace, rememberWorkspace, writeDemoWorkspace } from './starting';
