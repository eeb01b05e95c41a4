/**
 * The desktop integration (main/process/desktop.ts) without Electron: which workspace a launch
 * names (Windows and POSIX paths, Chromium's switches around it), the window title, File > Open
 * recent, and the sequence a second launch starts: the core, in a real child process, opens the
 * workspace, then the title and the recent list follow.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkCore } from '../../../main/process/core-client';
import { DesktopShell, recentMenu, windowTitle, workspaceFromArgs, type DesktopHost, type RecentItem } from '../../../main/process/desktop';
import { Workspace } from '../../../main/core/store/workspace';
import { writeDemoWorkspace } from '../../../main/core/workspace';
import { env } from '../core/demo-support';

describe('the workspace a launch names', () => {
  it('is the last argument ending in .boardpack that is not a switch, wherever Chromium puts its switches', () => {
    expect(workspaceFromArgs(['/opt/Boardpack/boardpack', '--no-sandbox', '/home/a/Board Q3.boardpack'])).toBe('/home/a/Board Q3.boardpack');
    // A second launch on Windows: Chromium's switches come after the file.
    const windows = ['C:\\Program Files\\Boardpack\\Boardpack.exe', '--allow-file-access-from-files', 'C:\\Users\\a\\Board Q3.BOARDPACK', '--original-process-start-time=13379'];
    expect(workspaceFromArgs(windows, 'C:\\Windows\\System32', 'win32')).toBe('C:\\Users\\a\\Board Q3.BOARDPACK');
    // `electron .` in development: the app's folder is not a workspace.
    expect(workspaceFromArgs(['/usr/lib/electron/electron', '.'])).toBeNull();
    expect(workspaceFromArgs(['/usr/lib/electron/electron', '.', 'board.boardpack'], '/home/a')).toBe('/home/a/board.boardpack');
    // Switches, backups and the executable itself are not workspaces.
    expect(workspaceFromArgs(['/opt/Boardpack/boardpack', '--open=/x.boardpack'])).toBeNull();
    expect(workspaceFromArgs(['/opt/Boardpack/boardpack', '/home/a/board.boardpack.bak'])).toBeNull();
    expect(workspaceFromArgs(['/home/a/odd.boardpack'])).toBeNull();
    expect(workspaceFromArgs([])).toBeNull();
  });

  it('is made absolute against the folder the launch started in (a second launch\'s, not this process\'s)', () => {
    expect(workspaceFromArgs(['Boardpack.exe', 'Safer.boardpack'], 'C:\\Users\\a\\Documents', 'win32')).toBe('C:\\Users\\a\\Documents\\Safer.boardpack');
    expect(workspaceFromArgs(['Boardpack.exe', '..\\Boards\\Safer.boardpack'], 'C:\\Users\\a\\Documents', 'win32')).toBe('C:\\Users\\a\\Boards\\Safer.boardpack');
    expect(workspaceFromArgs(['Boardpack.exe', '\\\\council\\share\\Board.boardpack'], 'C:\\Users\\a', 'win32')).toBe('\\\\council\\share\\Board.boardpack');
    // A Windows path keeps Windows' rules even where this runs on Linux (tests, CI).
    expect(workspaceFromArgs(['Boardpack.exe', 'D:/Boards/Q3.boardpack'], 'C:\\Users\\a', 'linux')).toBe('D:\\Boards\\Q3.boardpack');
    expect(workspaceFromArgs(['boardpack', '../boards/q3.boardpack'], '/home/a/docs', 'linux')).toBe('/home/a/boards/q3.boardpack');
  });
});

describe('the title and File > Open recent', () => {
  it('names the window after the workspace file', () => {
    expect(windowTitle('/home/a/Board Q3.boardpack', 'Safer Communities')).toBe('Board Q3 - Boardpack');
    expect(windowTitle('C:\\Users\\a\\Safer.boardpack', 'x')).toBe('Safer - Boardpack');
    expect(windowTitle(null, 'Untitled workspace')).toBe('Untitled workspace - Boardpack');
  });

  it('lists the recent workspaces, newest first and numbered, without the open one, showing an "&" as itself', () => {
    expect(recentMenu({ file: '/b/Now.boardpack', title: 'Now', recent: ['/b/Now.boardpack', '/b/Crime & ASB.boardpack', '/b/Old.boardpack'] })).toEqual([
      { label: '&1 /b/Crime && ASB.boardpack', file: '/b/Crime & ASB.boardpack' },
      { label: '&2 /b/Old.boardpack', file: '/b/Old.boardpack' },
    ]);
    expect(recentMenu(null)).toEqual([]);
  });
});

/** The window, menu and dialogs as the shell drives them, recorded. */
function recordingHost() {
  const seen = { titles: [] as string[], menus: [] as RecentItem[][], reloads: 0, fronts: 0, errors: [] as string[], osRecent: [] as string[] };
  const host: DesktopHost = {
    setTitle: (title) => seen.titles.push(title),
    setRecentMenu: (items) => seen.menus.push(items),
    reload: () => (seen.reloads += 1),
    bringToFront: () => (seen.fronts += 1),
    showError: (message) => seen.errors.push(message),
    addRecentDocument: (file) => seen.osRecent.push(file),
  };
  return { host, seen };
}

describe('a second launch, with the core in a real child process', () => {
  let dir: string;
  let board: string;
  let other: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-desktop-'));
    board = path.join(dir, 'Board Q3.boardpack');
    other = path.join(dir, 'Crime & ASB.boardpack');
    await (await writeDemoWorkspace(board, env)).close();
    await (await Workspace.create(other, env)).close();
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('opens the workspace it names; the title and Open recent follow; the next start remembers it', async () => {
    const { host, seen } = recordingHost();
    const desktop = new DesktopShell(host, 'linux');
    const dataDir = path.join(dir, 'data');
    // First launch, started in the workspaces' folder with a relative name.
    const first = desktop.firstWorkspace(['/opt/Boardpack/boardpack', '--no-sandbox', 'Board Q3.boardpack'], dir);
    expect(first).toBe(board);
    const core = forkCore({ dataDir, workspace: first, osUser: 'analyst', saveDelayMs: 0 });
    try {
      await core.ready;
      await desktop.attach(core);
      expect(seen.titles).toEqual(['Board Q3 - Boardpack']);
      expect(seen.menus).toEqual([[]]);

      // A second launch (double-clicking the other file) from another folder.
      await desktop.secondInstance(['/opt/Boardpack/boardpack', path.relative(os.tmpdir(), other), '--original-process-start-time=1'], os.tmpdir());
      expect(seen.fronts).toBe(1);
      expect(seen.errors).toEqual([]);
      expect(core.workspace?.file).toBe(other);
      expect(seen.titles.at(-1)).toBe('Crime & ASB - Boardpack');
      expect(seen.menus.at(-1)).toEqual([{ label: `&1 ${board}`, file: board }]);
      expect(seen.osRecent).toEqual([other]);
      expect(seen.reloads).toBe(1);
      const info = await core.call('workspace.info', {});
      expect(info.ok && (info.value as { file: string }).file).toBe(other);

      // File > Open recent takes it back to the first.
      await desktop.open(seen.menus.at(-1)![0]!.file);
      expect(seen.titles.at(-1)).toBe('Board Q3 - Boardpack');
      expect(seen.menus.at(-1)).toEqual([{ label: `&1 ${other.replace('&', '&&')}`, file: other }]);

      // A launch naming a file that is not there says why and changes nothing.
      const titles = seen.titles.length;
      await desktop.secondInstance(['/opt/Boardpack/boardpack', path.join(dir, 'Gone.boardpack')], dir);
      expect(seen.errors).toHaveLength(1);
      expect(seen.errors[0]).toMatch(/Gone\.boardpack/);
      expect(seen.errors[0]).not.toMatch(/ENOENT|at .*\.ts/);
      expect(seen.titles).toHaveLength(titles);
      expect(core.workspace?.file).toBe(board);
    } finally {
      expect(await core.stop()).toBeNull();
    }
    const settings = JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8')) as { lastWorkspace: string; recent: string[] };
    expect(settings.lastWorkspace).toBe(board);
    expect(settings.recent).toEqual([board, other]);
  }, 120_000);

  it('a workspace asked for while the core is still starting opens once it is ready', async () => {
    const { host, seen } = recordingHost();
    const desktop = new DesktopShell(host, 'linux');
    const core = forkCore({ dataDir: path.join(dir, 'data-early'), workspace: desktop.firstWorkspace(['/opt/Boardpack/boardpack'], dir) ?? board, osUser: 'analyst', saveDelayMs: 0 });
    try {
      // macOS open-file, or a quick second launch, before the core said it was ready.
      await desktop.secondInstance(['/opt/Boardpack/boardpack', other], dir);
      expect(seen.titles).toEqual([]);
      await core.ready;
      await desktop.attach(core);
      expect(core.workspace?.file).toBe(other);
      expect(seen.titles).toEqual(['Board Q3 - Boardpack', 'Crime & ASB - Boardpack']);
    } finally {
      await core.stop();
    }
  }, 120_000);
});
