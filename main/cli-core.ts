/** What the command line needs from the core, loaded on first use (see `core` in cli.ts). */
export { createHandlers, createSession, dispatch } from './core/app';
export { writeDemoWorkspace } from './core/workspace';
export { Workspace } from './core/store/workspace';
export { listBackups, restoreBackup } from './core/store/backups';
export { startHost } from './host/server';
export { valuesCsvText } from './core/exports';
export { forkCore } from './process/core-client';
export { createBoardWorkspace, describeNewBoard, titleFromFile } from './core/areas';
export { setMeta } from './core/store/meta';
