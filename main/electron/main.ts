/**
 * The Electron shell: one window, locked down, wired to the same handler table as every
 * other host. No logic lives here.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, session as electronSession, shell, type IpcMainInvokeEvent } from 'electron';
import { createHandlers, type Session } from '../core/api';
import { osUserName, userDataDir } from '../core/paths';
import { openDefaultWorkspace } from '../core/session';
import { Workspace } from '../core/store/workspace';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.join(here, '../renderer/index.html');
const rendererUrl = new URL(`file://${rendererIndex.replace(/\\/g, '/')}`).href;
process.env.BOARDPACK_ASSETS ??= path.join(app.getAppPath(), 'assets');

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
  const workspace = await openDefaultWorkspace(userDataDir({ ...process.env, BOARDPACK_DATA_DIR: process.env.BOARDPACK_DATA_DIR ?? app.getPath('userData') }), env);
  const session: Session = { workspace, env };
  const handlers = createHandlers(session);
  registerIpc(handlers, isTrustedFrame);

  // Deny every permission request (camera, notifications, geolocation...).
  electronSession.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  electronSession.defaultSession.setPermissionCheckHandler(() => false);

  mainWindow = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Boardpack',
    show: false,
    webPreferences: {
      preload: path.join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: true,
    },
  });
  const wc = mainWindow.webContents;
  wc.on('will-navigate', (event) => event.preventDefault());
  wc.on('will-redirect', (event) => event.preventDefault());
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.setWindowOpenHandler(({ url }) => {
    // Links open in the user's browser, and only http(s) ones.
    const parsed = URL.canParse(url) ? new URL(url) : null;
    if (parsed && (parsed.protocol === 'https:' || parsed.protocol === 'http:')) void shell.openExternal(parsed.href);
    return { action: 'deny' };
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());

  const openWith = async (pick: () => Promise<Workspace | null>) => {
    try {
      const next = await pick();
      if (!next) return;
      await session.workspace.flush().catch(() => undefined);
      session.workspace = next;
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
      saveCopy: () =>
        void openWith(async () => {
          const r = await dialog.showSaveDialog(mainWindow!, { title: 'Save a copy', filters });
          if (!r.canceled && r.filePath) await session.workspace.saveCopy(r.filePath);
          return null;
        }),
    }),
  );

  app.on('before-quit', (event) => {
    if (!session.workspace.saveState.dirty) return;
    event.preventDefault();
    session.workspace.flush().then(
      () => app.exit(0),
      (error: unknown) => {
        const choice = dialog.showMessageBoxSync({ type: 'error', message: 'Your changes could not be saved.', detail: String((error as Error).message), buttons: ['Stay in Boardpack', 'Quit without saving'], defaultId: 0 });
        if (choice === 1) app.exit(0);
      },
    );
  });
  app.on('window-all-closed', () => app.quit());
  await mainWindow.loadFile(rendererIndex);
}
