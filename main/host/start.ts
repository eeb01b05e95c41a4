/**
 * `npm start` without the Electron binary: opens the workspace used last (else the demo, built
 * on first run in the user's data folder) and serves the app to this computer's browser.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHandlers, type Session } from '../core/app';
import { osUserName, userDataDir } from '../core/paths';
import { openStartWorkspace, rememberWorkspace } from '../core/workspace';
import { startHost } from './server';

const env = { now: () => new Date(), osUser: osUserName() };
const dataDir = userDataDir();
const { workspace, notice } = await openStartWorkspace(dataDir, env);
if (notice) console.log(notice);
const session: Session = { workspace, env, onWorkspaceChanged: (file) => rememberWorkspace(dataDir, file) };
const rendererDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/renderer');
const port = process.env.BOARDPACK_PORT ? Number(process.env.BOARDPACK_PORT) : 0;
const host = await startHost({ handlers: createHandlers(session), rendererDir, port });
console.log(host.url);
console.log(`Workspace: ${workspace.file}. Open the address above in a browser on this computer; press Ctrl+C to stop.`);

const stop = async () => {
  await host.close();
  await session.workspace.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
