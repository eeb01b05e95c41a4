/**
 * The Electron shell: one window, locked down, wired to the same handler table as every
 * other host. No logic lives here.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, session as electronSession, shell, type IpcMainInvokeEvent } from 'electron';
import { createHandlers, type Session } from '../core/app';
import { osUserName } from '../core/paths';
import { openStartWorkspace, rememberWorkspace } from '../core/workspace';
import { Workspace } from '../core/store/workspace';
import { registerIpc } from './ipc';
import { buildMenu, MENU_COMMANDS } from './menu';
import { addContentSecurityPolicy, cancel, createMainWindow, denyPermissionCheck, denyPermissionRequest, isTrustedSender, newWindowDecision, shellFolders } from './policy';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.join(here, '../renderer/index.html');
const rendererUrl = new URL(`file://${rendererIndex.replace(/\\/g, '/')}`).href;
process.env.BOARDPACK_ASSETS ??= path.join(app.getAppPath(), 'assets');

// Portable mode (see shellFolders): Electron's own profile moves beside the executable too.
const { portableDir, dataDir } = shellFolders({ env: process.env, exePath: app.getPath('exe'), userData: app.getPath('userData'), exists: existsSync });
if (portableDir) app.setPath('userData', portableDir);

let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.whenReady().then(start, (error: unknown) => {
    dialog.showErrorBox('Boardpack could not start', String((error as Error).message ?? error));
    app.quit();
  });
}

/** Only our own page, in our own window's main frame, may call the API (policy.ts). */
function isTrustedFrame(event: IpcMainInvokeEvent): boolean {
  return isTrustedSender(event, mainWindow, rendererUrl);
}

async function start(): Promise<void> {
  const env = { now: () => new Date(), osUser: osUserName() };
  const { workspace, notice } = await openStartWorkspace(dataDir, env);
  const session: Session = { workspace, env, onWorkspaceChanged: (file) => rememberWorkspace(dataDir, file) };
  if (notice) void dialog.showMessageBox({ type: 'info', message: 'Boardpack opened the demo workspace', detail: notice });
  const handlers = createHandlers(session);
  registerIpc(handlers, isTrustedFrame);

  // The security policy (policy.ts, tested in test/reliability/electron-shell.test.ts): every
  // permission denied, the browser host's Content-Security-Policy on every response, one
  // locked-down window that never navigates, new windows denied, http(s) links to the browser.
  electronSession.defaultSession.setPermissionRequestHandler(denyPermissionRequest);
  electronSession.defaultSession.setPermissionCheckHandler(denyPermissionCheck);
  electronSession.defaultSession.webRequest.onHeadersReceived(addContentSecurityPolicy);

  mainWindow = createMainWindow(BrowserWindow, path.join(here, 'preload.cjs'));
  const wc = mainWindow.webContents;
  wc.on('will-navigate', cancel);
  wc.on('will-redirect', cancel);
  wc.on('will-attach-webview', cancel);
  wc.setWindowOpenHandler((details) => {
    const { openExternal, response } = newWindowDecision(details);
    // electronegativity OPEN_EXTERNAL_JS_CHECK explained: only a URL that parses and is http(s)
    // reaches the user's browser (newWindowDecision); file:, javascript:, smb: and custom schemes never do.
    if (openExternal) void shell.openExternal(openExternal);
    return response;
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());

  const openWith = async (pick: () => Promise<Workspace | null>) => {
    try {
      const next = await pick();
      if (!next) return;
      // Close the workspace we leave (saving it and releasing its lock); never drop unsaved work silently.
      const previous = session.workspace;
      try {
        await previous.close();
      } catch (error) {
        const choice = dialog.showMessageBoxSync(mainWindow!, {
          type: 'warning',
          message: 'Your changes to the open workspace could not be saved.',
          detail: `${String((error as Error).message)}\n\nStay to use "Save a copy", or switch and lose those changes.`,
          buttons: ['Stay', 'Switch and lose the changes'],
          defaultId: 0,
          cancelId: 0,
        });
        if (choice === 0) {
          await next.close().catch(() => undefined);
          return;
        }
        await previous.close({ discardUnsaved: true }).catch(() => undefined);
      }
      session.workspace = next;
      await rememberWorkspace(dataDir, next.file).catch(() => undefined);
      wc.reload();
    } catch (error) {
      dialog.showErrorBox('Boardpack', String((error as Error).message ?? error));
    }
  };
  const filters = [{ name: 'Boardpack workspace', extensions: ['boardpack'] }];
  Menu.setApplicationMenu(
    buildMenu({
      newWorkspace: () =>
        void openWith(async () => {
          const r = await dialog.showSaveDialog(mainWindow!, { title: 'New workspace', filters });
          return r.canceled || !r.filePath ? null : Workspace.create(r.filePath, env);
        }),
      openWorkspace: () =>
        void openWith(async () => {
          const r = await dialog.showOpenDialog(mainWindow!, { title: 'Open workspace', filters, properties: ['openFile'] });
          const file = r.filePaths[0];
          return r.canceled || !file ? null : Workspace.open(file, env);
        }),
      // A fixed command name as a DOM event in the page: no second IPC channel, no page input.
      command: (name) => {
        if (MENU_COMMANDS.includes(name)) void wc.executeJavaScript(`window.dispatchEvent(new CustomEvent('boardpack:command', { detail: ${JSON.stringify(name)} }))`);
      },
      saveCopy: () =>
        void openWith(async () => {
          const r = await dialog.showSaveDialog(mainWindow!, { title: 'Save a copy', filters });
          if (!r.canceled && r.filePath) await session.workspace.saveCopy(r.filePath);
          return null;
        }),
    }),
  );

  // On quit: save, and release the workspace's lock file so other Boardpack windows (and other
  // computers on a shared drive) can open it.
  app.on('before-quit', (event) => {
    event.preventDefault();
    session.workspace.close().then(
      () => app.exit(0),
      (error: unknown) => {
        const choice = dialog.showMessageBoxSync({ type: 'error', message: 'Your changes could not be saved.', detail: String((error as Error).message), buttons: ['Stay in Boardpack', 'Quit without saving'], defaultId: 0 });
        if (choice === 1) void session.workspace.close({ discardUnsaved: true }).finally(() => app.exit(0));
      },
    );
  });
  app.on('window-all-closed', () => app.quit());
  await mainWindow.loadFile(rendererIndex);
}
