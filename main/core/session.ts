/** Starting a session: the workspace to open, and building the demo on first run. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fillDemoWorkspace } from './demo';
import { assetsDir } from './paths';
import { Workspace, type WorkspaceEnv } from './store/workspace';

export const DEFAULT_WORKSPACE_NAME = 'Demo workspace.boardpack';

/** Writes the demo workspace to `file` (replacing nothing: the file must not exist). */
export async function writeDemoWorkspace(file: string, env: WorkspaceEnv, assets = assetsDir()): Promise<Workspace> {
  // Check first: building the demo takes seconds, and would be wasted on a name already taken.
  const exists = await fs.stat(file).then(() => true, () => false);
  if (exists) throw new Error(`"${file}" already exists; Boardpack will not overwrite it. Choose another name or delete it first.`);
  const workspace = await Workspace.inMemory(env);
  await fillDemoWorkspace(workspace, assets);
  await workspace.saveAs(file);
  return workspace;
}

/** Opens the default workspace in the user's data folder, creating it from the demo on first run. */
export async function openDefaultWorkspace(dataDir: string, env: WorkspaceEnv): Promise<Workspace> {
  const file = path.join(dataDir, DEFAULT_WORKSPACE_NAME);
  const exists = await fs.stat(file).then(() => true, () => false);
  if (!exists) {
    await fs.mkdir(dataDir, { recursive: true });
    return writeDemoWorkspace(file, env);
  }
  return Workspace.open(file, env);
}
