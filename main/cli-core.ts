/**
 * What the command line needs from the core, loaded on first use (see `core` in cli/common.ts):
 * the handler table every host calls, and the session a command runs it on. The CLI opens and
 * creates workspaces, lists and restores backups only through the handlers.
 */
export { createHandlers, dispatch } from './core/app';
export { closeCommandSession, openCommandSession } from './core/workspace';
export { startHost } from './host/server';
export { valuesCsvText } from './core/exports';
export { forkCore } from './process/core-client';
