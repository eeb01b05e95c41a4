/**
 * The Electron shell: one window, locked down, wired to the same handler table as every
 * other host. No logic lives here.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, session as electronSession, shell, type IpcMainInvokeEvent } from 'electron';
import { createHandlers, type Session } from '../core/app';
import { osUserName, portableDataDir, userDataDir } from '../core/paths';
import { openStartWorkspace, rememberWorkspace } from '../core/workspace';
import { Workspace } from '../core/store/workspace';
import { registerIpc } from './ipc';
import { buildMenu, MENU_COMMANDS } from './menu';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.join(here, '../renderer/index.html');
const rendererUrl = new URL(`file://${rendererIndex.replace(/\\/g, '/')}`).href;
process.env.BOARDPACK_ASSETS ??= path.join(app.getAppPath(), 'assets');

// Portable mode: a marker file beside the executable keeps all data (workspaces and Electron's
// own profile) in "Boardpack Data" beside it. electron-builder's portable .exe unpacks itself
// to a temporary folder and says where it was started from in PORTABLE_EXECUTABLE_DIR.
const exeDir = process.env.PORTABLE_EXECUTABLE_DIR || path.dirname(app.getPath('exe'));
const portableDir = portableDataDir(exeDir, existsSync);
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

/** Only our own page, in our own window's main frame, may call the API. */
function isTrustedFrame(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return !!mainWindow && event.sender === mainWindow.webContents && frame !== null && frame === mainWindow.webContents.mainFrame && frame.url === rendererUrl;
}

async function start(): Promise<void> {
  const env = { now: () => new Date(), osUser: osUserName() };
  const dataDir = userDataDir({ ...process.env, BOARDPACK_DATA_DIR: process.env.BOARDPACK_DATA_DIR || portableDir || app.getPath('userData') });
  const { workspace, notice } = await openStartWorkspace(dataDir, env);
  const session: Session = { workspace, env, onWorkspaceChanged: (file) => rememberWorkspace(dataDir, file) };
  if (notice) void dialog.showMessageBox({ type: 'info', message: 'Boardpack opened the demo workspace', detail: notice });
  const handlers = createHandlers(session);
  registerIpc(handlers, isTrustedFrame);

  // Deny every permission request (camera, notifications, geolocation...).
  electronSession.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  electronSession.defaultSession.setPermissionCheckHandler(() => false);
  // The browser host's policy on every response this session receives (test/main/reliability/
  // electron-shell.test.ts checks they match). The renderer's file:// page carries the same policy
  // in its <meta> tag; this header covers anything else. One literal, so scanners can read it.
  electronSession.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': ["default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"] } });
  });

  mainWindow = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Boardpack',
    show: false,
    webPreferences: {
      // electronegativity PRELOAD_JS_CHECK explained: the preload (preload.ts) exposes exactly one
      // function, invoke(method, args), over one IPC channel whose sender and arguments main checks.
      preload: path.join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: true,
      // No middle-click "open in new window" (new windows are denied below anyway).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const wc = mainWindow.webContents;
  wc.on('will-navigate', (event) => event.preventDefault());
  wc.on('will-redirect', (event) => event.preventDefault());
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.setWindowOpenHandler(({ url }) => {
    // Links open in the user's browser, and only http(s) ones.
    const parsed = URL.canParse(url) ? new URL(url) : null;
    // electronegativity OPEN_EXTERNAL_JS_CHECK explained: only a URL that parses and is http(s)
    // reaches the user's browser; file:, javascript:, smb: and custom schemes never do.
    if (parsed && (parsed.protocol === 'https:' || parsed.protocol === 'http:')) void shell.openExternal(parsed.href);
    return { action: 'deny' };
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
