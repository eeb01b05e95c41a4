/**
 * The desktop integration's decisions, in plain Node so they are tested without Electron (its
 * binary is not installed on build machines): which workspace a launch names (its command line,
 * a second launch's, macOS's open-file), the window's title, File > Open recent, and the
 * sequence "a workspace is asked for -> the core opens it -> the title and the recent list follow".
 * main/electron/main.ts only connects these to Electron's events, window and menu.
 */
import path from 'node:path';
import type { ApiResponse } from '../../shared/api/contract';
import type { WorkspaceSummary } from './protocol';

const WORKSPACE_FILE = /\.boardpack$/i;

/** A Windows path (`C:\...`, `\\server\share\...`): resolved with Windows' rules, whatever runs this. */
const isWindowsPath = (arg: string) => /^[a-z]:[\\/]/i.test(arg) || /^\\\\[^\\]/.test(arg);

/**
 * The workspace file a launch names, as an absolute path, or null. Electron's own switches and
 * the app's path come first, and Chromium may add switches after the file (a second launch on
 * Windows does), so the file is the last argument that is not a switch and ends in .boardpack.
 * A relative name is relative to the folder the launch was started in (`cwd`: a second
 * launch's own working directory, not this process's).
 */
export function workspaceFromArgs(argv: readonly string[], cwd?: string, platform: NodeJS.Platform = process.platform): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const arg = argv[i]!.trim();
    if (arg.startsWith('-') || !WORKSPACE_FILE.test(arg)) continue;
    if (cwd === undefined) return arg;
    const windows = platform === 'win32' || isWindowsPath(arg) || isWindowsPath(cwd);
    return (windows ? path.win32 : path.posix).resolve(cwd, arg);
  }
  return null;
}

/** The window title: the workspace's file name, then the app's. */
export function windowTitle(file: string | null, title: string): string {
  const name = file ? (file.split(/[\\/]/).pop() ?? file).replace(/\.boardpack$/i, '') : title;
  return `${name} - Boardpack`;
}

/** One entry of File > Open recent. */
export interface RecentItem {
  /** "&1 C:\Boards\Safer.boardpack": numbered for the keyboard, "&" in the path doubled so it shows. */
  label: string;
  file: string;
}

/** File > Open recent: the workspaces used recently, newest first, without the one open. */
export function recentMenu(workspace: WorkspaceSummary | null): RecentItem[] {
  const recent = (workspace?.recent ?? []).filter((file) => file !== workspace?.file);
  return recent.map((file, i) => ({ label: `&${i + 1} ${file.replace(/&/g, '&&')}`, file }));
}

/** What the shell needs from the core (a CoreClient). */
export interface DesktopCore {
  readonly workspace: WorkspaceSummary | null;
  call(method: string, params: unknown): Promise<ApiResponse<unknown>>;
  onWorkspaceChanged(listener: (workspace: WorkspaceSummary) => void): void;
}

/** What the shell does to Electron's window, menu and dialogs. */
export interface DesktopHost {
  setTitle(title: string): void;
  /** Rebuilds the menu with this Open recent list. */
  setRecentMenu(items: RecentItem[]): void;
  /** Reloads the page on the workspace now open. */
  reload(): void;
  /** Brings the window forward (a second launch asked for it). */
  bringToFront(): void;
  showError(message: string): void;
  /** The OS's own recent documents (Windows jump list, macOS Dock), where there are any. */
  addRecentDocument?(file: string): void;
}

/**
 * The desktop session: one core, one window. Workspaces asked for before the core is ready
 * (macOS open-file at launch, a quick second launch) are opened once it is.
 */
export class DesktopShell {
  private core: DesktopCore | null = null;
  private pending: string | null = null;

  constructor(
    private readonly host: DesktopHost,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /** The workspace the core should open first: one asked for already, else the command line's. */
  firstWorkspace(argv: readonly string[], cwd: string): string | undefined {
    const first = this.pending ?? workspaceFromArgs(argv, cwd, this.platform) ?? undefined;
    this.pending = null;
    return first;
  }

  /** The core is ready: the title and Open recent follow its workspace from now on. */
  async attach(core: DesktopCore): Promise<void> {
    this.core = core;
    const show = (workspace: WorkspaceSummary | null) => {
      this.host.setTitle(windowTitle(workspace?.file ?? null, workspace?.title ?? 'Boardpack'));
      this.host.setRecentMenu(recentMenu(workspace));
    };
    show(core.workspace);
    core.onWorkspaceChanged((workspace) => {
      show(workspace);
      if (workspace.file) this.host.addRecentDocument?.(workspace.file);
    });
    const pending = this.pending;
    this.pending = null;
    if (pending) await this.open(pending);
  }

  /** A second launch (double-clicking a .boardpack file while Boardpack runs): its workspace opens here. */
  async secondInstance(argv: readonly string[], cwd: string): Promise<void> {
    this.host.bringToFront();
    const file = workspaceFromArgs(argv, cwd, this.platform);
    if (file) await this.open(file);
  }

  /** Opens a workspace (macOS open-file, File > Open workspace..., File > Open recent). */
  async open(file: string): Promise<void> {
    if (!this.core) {
      this.pending = file;
      return;
    }
    await this.switchTo('workspace.open', file);
  }

  /** Opens (or creates) a workspace in the core, then reloads the page on it; says why when it cannot. */
  async switchTo(method: 'workspace.open' | 'workspace.create', file: string): Promise<boolean> {
    if (!this.core) return false;
    const result = await this.core.call(method, { path: file });
    if (!result.ok) {
      this.host.showError(result.error.message);
      return false;
    }
    this.host.reload();
    return true;
  }
}
