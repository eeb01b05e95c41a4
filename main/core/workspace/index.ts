/** The workspace feature as the rest of Boardpack sees it: other features and the hosts import only from here. */
export { workspaceHandlers, workspaceInfo } from './handlers';
export { closeCommandSession, openCommandSession, openFirstWorkspace, openStartWorkspace, recentWorkspaces, rememberWorkspace, writeDemoWorkspace } from './starting';
