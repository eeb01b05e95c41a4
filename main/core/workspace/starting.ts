/**
 * Starting a session: the workspace to open (a file asked for, else the one used last, else the
 * demo, built on first run), and remembering which one that is for next time. The app's core
 * process and the command line start their sessions here; everything after goes through the
 * handler table.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fillDemoWorkspace } from './demo';
import { AnalystError } from '../errors';
import { assetsDir } from '../paths';
import { createSession, type Session } from '../session';
import { Workspace, type WorkspaceEnv } from '../store/workspace';

export const DEFAULT_WORKSPACE_NAME = 'Demo workspace.boardpack';

/** Writes the demo workspace to `file` (replacing nothing: the file must not exist). */
export async function writeDemoWorkspace(file: string, env: WorkspaceEnv, assets = assetsDir()): Promise<Workspace> {
  // Check first: building the demo takes seconds, and would be wasted on a name already taken.
  const exists = await fs.stat(file).then(() => true, () => false);
  if (exists) throw new AnalystError('conflict', `"${file}" already exists; Boardpack will not overwrite it. Choose another name or delete it first.`);
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

/** The app's own settings in the user's data folder (never the workspace's content). */
const SETTINGS_FILE = 'settings.json';

interface Settings {
  lastWorkspace?: string;
  /** Workspaces used recently, newest first (File > Open recent). */
  recent?: string[];
}

/** How many workspaces File > Open recent lists. */
export const RECENT_KEPT = 8;

async function readSettings(dataDir: string): Promise<Settings> {
  try {
    const parsed: unknown = JSON.parse(await fs.readFile(path.join(dataDir, SETTINGS_FILE), 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Settings) : {};
  } catch {
    return {}; // none yet, or unreadable: start as on first run
  }
}

/** Remembers the workspace in use, so the next start opens it again. */
export async function rememberWorkspace(dataDir: string, file: string | null): Promise<void> {
  if (!file) return;
  const before = await readSettings(dataDir);
  const resolved = path.resolve(file);
  const recent = [resolved, ...(Array.isArray(before.recent) ? before.recent.filter((f) => typeof f === 'string' && f !== resolved) : [])].slice(0, RECENT_KEPT);
  const settings: Settings = { ...before, lastWorkspace: resolved, recent };
  await fs.mkdir(dataDir, { recursive: true });
  // Written beside, then renamed: a crash never leaves half a settings file.
  const temporary = path.join(dataDir, `${SETTINGS_FILE}.${process.pid}.tmp`);
  await fs.writeFile(temporary, JSON.stringify(settings, null, 2));
  await fs.rename(temporary, path.join(dataDir, SETTINGS_FILE));
}

/** The workspaces used recently, newest first, leaving out those that no longer exist. */
export async function recentWorkspaces(dataDir: string): Promise<string[]> {
  const recent = (await readSettings(dataDir)).recent;
  if (!Array.isArray(recent)) return [];
  const kept: string[] = [];
  for (const file of recent) {
    if (typeof file === 'string' && (await fs.stat(file).then((st) => st.isFile(), () => false))) kept.push(file);
  }
  return kept;
}

/**
 * Opens the workspace used last; if it has gone, is open elsewhere or cannot be opened, the
 * default (demo) workspace opens instead and `notice` says why, for the user.
 */
export async function openStartWorkspace(dataDir: string, env: WorkspaceEnv): Promise<{ workspace: Workspace; notice: string | null }> {
  const last = (await readSettings(dataDir)).lastWorkspace;
  const fallback = path.join(dataDir, DEFAULT_WORKSPACE_NAME);
  if (last && path.resolve(last) !== path.resolve(fallback)) {
    try {
      return { workspace: await Workspace.open(last, env), notice: null };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { workspace: await openDefaultWorkspace(dataDir, env), notice: `The workspace used last ("${last}") could not be opened, so the demo opened instead. ${why}` };
    }
  }
  return { workspace: await openDefaultWorkspace(dataDir, env), notice: null };
}

/**
 * The workspace a core process opens first: the file it was given (a double-clicked
 * `.boardpack`, `boardpack serve --workspace`), else the one used last. When the file given
 * cannot be opened and there is a data folder, the one used last opens instead and `notice`
 * says why.
 */
export async function openFirstWorkspace(options: { workspace?: string; dataDir?: string }, env: WorkspaceEnv): Promise<{ workspace: Workspace; notice: string | null }> {
  if (options.workspace) {
    try {
      return { workspace: await Workspace.open(options.workspace, env), notice: null };
    } catch (error) {
      if (options.dataDir === undefined) throw error;
      const started = await openStartWorkspace(options.dataDir, env);
      const why = error instanceof Error ? error.message : String(error);
      return { workspace: started.workspace, notice: `"${options.workspace}" could not be opened, so the workspace used last opened instead. ${why}` };
    }
  }
  if (options.dataDir === undefined) throw new Error('No workspace to open was given.');
  return openStartWorkspace(options.dataDir, env);
}

/**
 * A session for one `boardpack` command. `open`: the workspace it works on, to read (no lock
 * is taken, so reports and exports work while the app has it open; never saved) or to write.
 * Without it (the commands that create or restore a workspace) the session starts with an
 * empty workspace in memory, which the handler that creates or restores one replaces.
 */
export async function openCommandSession(env: WorkspaceEnv, open?: { file: string; mode: 'read' | 'write' }): Promise<Session> {
  if (!open) return createSession({ workspace: await Workspace.inMemory(env), env });
  const file = path.resolve(open.file);
  const workspace = open.mode === 'write' ? await Workspace.open(file, env) : await Workspace.openForReading(file, env);
  return createSession({ workspace, env });
}

/** Ends a command's session: saves what it changed and releases the workspace's lock. */
export async function closeCommandSession(session: Session): Promise<void> {
  await session.workspace.close();
}
