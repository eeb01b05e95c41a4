/**
 * The Electron shell: one window, locked down, its menus and native dialogs. No logic and no
 * data live here: the core (handler table, workspace, sql.js) runs in a utilityProcess
 * (core-port.ts), and this process only relays checked messages between the window and it
 * (ipc.ts, main/process/relay.ts), so a long import never freezes the window.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, session as electronSession, shell, type IpcMainInvokeEvent } from 'electron';
import { osUserName } from '../core/paths';
import { ABOUT_CREDITS } from '../../shared/domain/attribution';
import { DesktopShell } from '../process/desktop';
import { exportToSave } from '../process/relay';
import { startCoreProcess } from './core-port';
import { registerIpc } from './ipc';
import { buildMenu, MENU_COMMANDS } from './menu';
import type { RecentItem } from '../process/desktop';
import { addContentSecurityPolicy, cancel, createMainWindow, denyPermissionCheck, denyPermissionRequest, isTrustedSender, newWindowDecision, shellFolders } from './policy';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.join(here, '../renderer/index.html');
const rendererUrl = new URL(`file://${rendererIndex.replace(/\\/g, '/')}`).href;
process.env.BOARDPACK_ASSETS ??= path.join(app.getAppPath(), 'assets');

// Portable mode (see shellFolders): Electron's own profile moves beside the executable too.
const { portableDir, dataDir } = shellFolders({ env: process.env, exePath: app.getPath('exe'), userData: app.getPath('userData'), exists: existsSync });
if (portableDir) app.setPath('userData', portableDir);

let mainWindow: BrowserWindow | null = null;
/** Set once the core is ready: rebuilds the menu with this Open recent list. */
let setMenu: (recent: RecentItem[]) => void = () => undefined;

// Which workspace a launch names, the title, Open recent, and opening a workspace (desktop.ts,
// tested in plain Node with the core in a real child process).
const desktop = new DesktopShell({
  setTitle: (title) => mainWindow?.setTitle(title),
  setRecentMenu: (recent) => setMenu(recent),
  reload: () => mainWindow?.webContents.reload(),
  bringToFront: () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  },
  showError: (message) => dialog.showErrorBox('Boardpack', message),
  addRecentDocument: (file) => {
    if (process.platform !== 'linux') app.addRecentDocument(file);
  },
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A second launch (double-clicking a .boardpack file while Boardpack runs) opens its workspace here.
  app.on('second-instance', (_event, argv, workingDirectory) => void desktop.secondInstance(argv, workingDirectory));
  app.on('open-file', (event, file) => {
    event.preventDefault();
    void desktop.open(file);
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
  const client = startCoreProcess(here, { dataDir, workspace: desktop.firstWorkspace(process.argv, process.cwd()), osUser: osUserName(), saveDelayMs: 500 });
  const { notice } = await client.ready;
  if (notice) void dialog.showMessageBox({ type: 'info', message: 'Boardpack opened another workspace', detail: notice });

  // Exports asked for without a path go to the file the native Save dialog returns; the core writes it.
  registerIpc(async (method, args) => {
    const save = exportToSave(method, args);
    if (!save || !mainWindow) return client.call(method, args);
    const chosen = await dialog.showSaveDialog(mainWindow, { defaultPath: save.defaultName, filters: [{ name: save.extension.toUpperCase(), extensions: [save.extension] }] });
    if (chosen.canceled || !chosen.filePath) return { ok: false, error: { code: 'invalid_arguments', message: 'Not saved: no file was chosen.' } };
    return client.call(method, { ...(args as object), path: chosen.filePath });
  }, isTrustedFrame);

  // The security policy (policy.ts, tested in test/reliability/electron-shell.test.ts): every
  // permission denied, the browser host's Content-Security-Policy on every response, one
  // locked-down window that never navigates, new windows denied, http(s) links to the browser.
  electronSession.defaultSession.setPermissionRequestHandler(denyPermissionRequest);
  electronSession.defaultSession.setPermissionCheckHandler(denyPermissionCheck);
  electronSession.defaultSession.webRequest.onHeadersReceived(addContentSecurityPolicy);

  mainWindow = createMainWindow(BrowserWindow, path.join(here, 'preload.cjs'));
  // The title names the workspace (the page's own <title> does not replace it).
  mainWindow.on('page-title-updated', cancel);
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

  const filters = [{ name: 'Boardpack workspace', extensions: ['boardpack'] }];
  app.setAboutPanelOptions({ applicationName: 'Boardpack', credits: ABOUT_CREDITS, copyright: 'Boardpack contributors' });
  setMenu = (recent) =>
    Menu.setApplicationMenu(
      buildMenu({
        // The page's New workspace dialog asks for the file and whose board it is (issue 11).
        newWorkspace: () => void wc.executeJavaScript(`window.dispatchEvent(new CustomEvent('boardpack:command', { detail: 'workspace:new' }))`),
        openWorkspace: () =>
          void (async () => {
            const r = await dialog.showOpenDialog(mainWindow!, { title: 'Open workspace', filters, properties: ['openFile'] });
            const file = r.filePaths[0];
            if (!r.canceled && file) await desktop.open(file);
          })(),
        recent,
        openRecent: (file) => void desktop.open(file),
        // A fixed command name as a DOM event in the page: no second IPC channel, no page input.
        command: (name) => {
          if (MENU_COMMANDS.includes(name)) void wc.executeJavaScript(`window.dispatchEvent(new CustomEvent('boardpack:command', { detail: ${JSON.stringify(name)} }))`);
        },
        saveCopy: () =>
          void (async () => {
            const r = await dialog.showSaveDialog(mainWindow!, { title: 'Save a copy', filters });
            if (r.canceled || !r.filePath) return;
            const saved = await client.call('workspace.saveCopy', { path: r.filePath });
            if (!saved.ok) dialog.showErrorBox('Boardpack', saved.error.message);
          })(),
      }),
    );
  // Title and Open recent now, and whenever the core opens another workspace; then any
  // workspace asked for while the core was starting.
  await desktop.attach(client);

  // On quit: the core saves and releases the workspace's lock file so other Boardpack windows
  // (and other computers on a shared drive) can open it.
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    void client.stop().then(async (error) => {
      if (error) {
        const choice = dialog.showMessageBoxSync({ type: 'error', message: 'Your changes could not be saved.', detail: error, buttons: ['Stay in Boardpack', 'Quit without saving'], defaultId: 0 });
        if (choice === 0) return;
        await client.stop({ discardUnsaved: true });
      }
      quitting = true;
      app.exit(0);
    });
  });
  app.on('window-all-closed', () => app.quit());
  await mainWindow.loadFile(rendererIndex);
}
