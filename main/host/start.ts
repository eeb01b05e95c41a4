/**
 * `npm start` without the Electron binary: the core (the workspace used last, else the demo,
 * built on first run in the user's data folder) runs in a child process of its own, and this
 * process serves the app to this computer's browser and relays its API calls, so the page and
 * its progress bar keep answering while an import runs.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { osUserName, userDataDir } from '../core/paths';
import { forkCore } from '../process/core-client';
import { startHost } from './server';

const core = forkCore({ dataDir: userDataDir(), osUser: osUserName(), saveDelayMs: 500 });
const { workspace, notice, uploadDir } = await core.ready;
if (notice) console.log(notice);
const rendererDir = process.env.BOARDPACK_RENDERER_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/renderer');
const port = process.env.BOARDPACK_PORT ? Number(process.env.BOARDPACK_PORT) : 0;
const host = await startHost({ core: (method, args) => core.call(method, args), rendererDir, port, uploadDir });
console.log(host.url);
console.log(`Workspace: ${workspace.file}. Open the address above in a browser on this computer; press Ctrl+C to stop.`);

const stop = async () => {
  await host.close();
  const error = await core.stop();
  if (error) {
    console.error(`The workspace could not be saved: ${error}`);
    await core.stop({ discardUnsaved: true });
  }
  process.exit(error ? 1 : 0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
