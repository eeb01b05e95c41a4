/**
 * The Electron shell's security policy and folders, as plain decisions: what the window may do,
 * which links leave the app, which header every response carries, where data lives. main.ts
 * wires these to Electron; test/reliability/electron-shell.test.ts calls them directly (the
 * Electron binary is not installed on build machines).
 *
 * This module imports Electron's types only, never Electron itself, so it runs in plain Node.
 * The window's options and the header stay literals here, where Electronegativity
 * (`npm run security`) reads them.
 */
import path from 'node:path';
import type {
  BrowserWindowConstructorOptions,
  HandlerDetails,
  HeadersReceivedResponse,
  OnHeadersReceivedListenerDetails,
  WindowOpenHandlerResponse,
} from 'electron';
import { portableDataDir, userDataDir } from '../core/paths';

/**
 * Makes the one window, locked down: context isolation, sandbox, no Node, no webviews, no
 * middle-click. `BrowserWindow` is Electron's class, passed in so that this module needs no
 * Electron at run time.
 */
export function createMainWindow<W>(BrowserWindow: new (options: BrowserWindowConstructorOptions) => W, preload: string): W {
  return new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Boardpack',
    show: false,
    webPreferences: {
      // electronegativity PRELOAD_JS_CHECK explained: the preload (preload.ts) exposes exactly two
      // functions: invoke(method, args) over one IPC channel whose sender and arguments main checks,
      // and pathForFile(file), Electron's webUtils.getPathForFile for a dropped or chosen file.
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: true,
      // No middle-click "open in new window" (new windows are denied anyway).
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

/**
 * Adds the browser host's Content-Security-Policy to a response (every response the session
 * receives), keeping its other headers. The renderer's file:// page carries the same policy in
 * its <meta> tag; this header covers anything else. One literal, so scanners can read it;
 * electron-shell.test.ts checks it is the browser host's policy.
 */
export function addContentSecurityPolicy(details: Pick<OnHeadersReceivedListenerDetails, 'responseHeaders'>, callback: (response: HeadersReceivedResponse) => void): void {
  callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': ["default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"] } });
}

/** Every permission request (camera, notifications, geolocation...) is refused. */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/** Every permission check is answered no. */
export function denyPermissionCheck(): boolean {
  return false;
}

/**
 * The page never navigates away (links, redirects, dropped files) and never attaches a
 * webview: the event is cancelled.
 */
export function cancel(event: { preventDefault(): void }): void {
  event.preventDefault();
}

/**
 * A request for a new window is always denied; a link that parses and is http(s) opens in the
 * user's browser instead (`openExternal`). file:, javascript:, smb: and custom schemes never do.
 */
export function newWindowDecision(details: Pick<HandlerDetails, 'url'>): { openExternal: string | null; response: WindowOpenHandlerResponse } {
  const parsed = URL.canParse(details.url) ? new URL(details.url) : null;
  const external = parsed && (parsed.protocol === 'https:' || parsed.protocol === 'http:') ? parsed.href : null;
  return { openExternal: external, response: { action: 'deny' } };
}

/**
 * Only our own page, in our own window's main frame, may call the API: not a subframe, not
 * another window, not a page the window was somehow navigated to, not a frame already gone.
 */
export function isTrustedSender(
  event: { sender: unknown; senderFrame: { url: string } | null },
  window: { webContents: { mainFrame: unknown } } | null,
  pageUrl: string,
): boolean {
  const frame = event.senderFrame;
  return !!window && event.sender === window.webContents && frame !== null && frame === window.webContents.mainFrame && frame.url === pageUrl;
}

/**
 * The shell's folders. Portable mode: a marker file beside the executable keeps all data
 * (workspaces and Electron's own profile) in "Boardpack Data" beside it, before the per-user
 * folder. electron-builder's portable .exe unpacks itself to a temporary folder and says where
 * it was started from in PORTABLE_EXECUTABLE_DIR. BOARDPACK_DATA_DIR overrides both.
 *
 * @returns `portableDir`, Electron's userData folder in portable mode (null otherwise), and
 *   `dataDir`, where workspaces and settings live
 */
export function shellFolders(input: {
  env: NodeJS.ProcessEnv;
  /** app.getPath('exe') */
  exePath: string;
  /** app.getPath('userData'), Electron's own per-user folder */
  userData: string;
  exists(file: string): boolean;
}): { portableDir: string | null; dataDir: string } {
  const exeDir = input.env.PORTABLE_EXECUTABLE_DIR || path.dirname(input.exePath);
  const portableDir = portableDataDir(exeDir, input.exists);
  const dataDir = userDataDir({ ...input.env, BOARDPACK_DATA_DIR: input.env.BOARDPACK_DATA_DIR || portableDir || input.userData });
  return { portableDir, dataDir };
}
