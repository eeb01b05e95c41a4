/**
 * The Electron shell, checked without Electron (its binary is not installed on build
 * machines): main/electron/policy.ts holds every decision the shell makes (the window's
 * settings, navigation, new windows, permissions, the Content-Security-Policy header, the
 * portable-mode folders) as plain functions that main.ts hands to Electron; these tests call
 * them as Electron would.
 */
import path from 'node:path';
import type { BrowserWindowConstructorOptions, HeadersReceivedResponse } from 'electron';
import { describe, expect, it } from 'vitest';
import { PORTABLE_DATA_FOLDER, portableDataDir, userDataDir } from '../../main/core/paths';
import { addContentSecurityPolicy, cancel, createMainWindow, denyPermissionCheck, denyPermissionRequest, isTrustedSender, newWindowDecision, shellFolders } from '../../main/electron/policy';
import { CONTENT_SECURITY_POLICY } from '../../main/host/server';

describe('portable mode', () => {
  const exeDir = path.join(path.sep, 'media', 'usb', 'Boardpack');
  const existsOnly = (...files: string[]) => (file: string) => files.includes(file);

  it('keeps data in "Boardpack Data" beside the executable when portable.txt is there', () => {
    expect(portableDataDir(exeDir, existsOnly(path.join(exeDir, 'portable.txt')))).toBe(path.join(exeDir, PORTABLE_DATA_FOLDER));
    expect(PORTABLE_DATA_FOLDER).toBe('Boardpack Data');
  });

  it('also when the marker is boardpack-portable', () => {
    expect(portableDataDir(exeDir, existsOnly(path.join(exeDir, 'boardpack-portable')))).toBe(path.join(exeDir, 'Boardpack Data'));
  });

  it('is off without a marker, or with a marker somewhere else', () => {
    expect(portableDataDir(exeDir, existsOnly())).toBeNull();
    expect(portableDataDir(exeDir, existsOnly(path.join(exeDir, 'data', 'portable.txt'), path.join(path.dirname(exeDir), 'portable.txt')))).toBeNull();
  });

  it('is what the Electron shell uses, before the per-user folder, with the portable .exe\'s real folder', () => {
    const userData = path.join(path.sep, 'home', 'a', '.config', 'Boardpack');
    const unpacked = path.join(path.sep, 'tmp', '2Xa9', 'Boardpack.exe');
    const folders = (env: NodeJS.ProcessEnv, exePath: string, exists: (file: string) => boolean) => shellFolders({ env, exePath, userData, exists });
    // A marker beside the executable: Electron's profile and the workspaces both move beside it.
    const beside = folders({}, path.join(exeDir, 'Boardpack.exe'), existsOnly(path.join(exeDir, 'portable.txt')));
    expect(beside).toEqual({ portableDir: path.join(exeDir, PORTABLE_DATA_FOLDER), dataDir: path.join(exeDir, PORTABLE_DATA_FOLDER) });
    // The portable .exe runs from a temporary folder; the marker is looked for where the user started it.
    const portableExe = folders({ PORTABLE_EXECUTABLE_DIR: exeDir }, unpacked, existsOnly(path.join(exeDir, 'boardpack-portable')));
    expect(portableExe.portableDir).toBe(path.join(exeDir, PORTABLE_DATA_FOLDER));
    expect(folders({ PORTABLE_EXECUTABLE_DIR: exeDir }, unpacked, existsOnly(path.join(path.dirname(unpacked), 'portable.txt'))).portableDir).toBeNull();
    // No marker: Electron's per-user folder, untouched.
    expect(folders({}, path.join(exeDir, 'Boardpack.exe'), existsOnly())).toEqual({ portableDir: null, dataDir: userData });
    // BOARDPACK_DATA_DIR wins over both (the workspaces only; Electron's profile still goes portable).
    const override = path.join(path.sep, 'data', 'boards');
    expect(folders({ BOARDPACK_DATA_DIR: override }, path.join(exeDir, 'Boardpack.exe'), existsOnly(path.join(exeDir, 'portable.txt')))).toEqual({ portableDir: path.join(exeDir, PORTABLE_DATA_FOLDER), dataDir: override });
    // And the non-portable default is still the per-user folder.
    expect(userDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toMatch(/Boardpack$/);
  });
});

describe('the Electron shell', () => {
  it('sends the browser host\'s Content-Security-Policy on every response', () => {
    const responses: HeadersReceivedResponse[] = [];
    addContentSecurityPolicy({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src *"] } }, (r) => responses.push(r));
    addContentSecurityPolicy({}, (r) => responses.push(r));
    expect(responses).toEqual([
      // The page's own headers are kept, and a laxer policy from elsewhere is replaced.
      { responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } },
      { responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } },
    ]);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it('keeps the window locked down', () => {
    class RecordedWindow {
      constructor(readonly options: BrowserWindowConstructorOptions) {}
    }
    const preload = path.join(path.sep, 'app', 'dist', 'electron', 'preload.cjs');
    const window = createMainWindow(RecordedWindow, preload);
    expect(window).toBeInstanceOf(RecordedWindow);
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toMatchObject({
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    // Nothing that would loosen it.
    for (const loose of ['nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'webSecurity', 'allowRunningInsecureContent', 'experimentalFeatures', 'enableBlinkFeatures'] as const) {
      expect(window.options.webPreferences).not.toHaveProperty(loose);
    }
  });

  it('denies every permission request and check', () => {
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fileSystem']) {
      denyPermissionRequest(null, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false, false, false]);
    expect(denyPermissionCheck()).toBe(false);
  });

  it('never navigates away, follows redirects or attaches a webview', () => {
    let prevented = 0;
    const event = { preventDefault: () => void prevented++ };
    cancel(event);
    cancel(event);
    expect(prevented).toBe(2);
  });

  it('denies every new window; only http(s) links open, in the user\'s browser', () => {
    const cases: Array<[string, string | null]> = [
      ['https://www.police.uk/pu/your-area/', 'https://www.police.uk/pu/your-area/'],
      ['http://example.org/a b', 'http://example.org/a%20b'],
      ['HTTPS://ONS.GOV.UK', 'https://ons.gov.uk/'],
      ['file:///C:/Windows/System32/calc.exe', null],
      ['javascript:alert(1)', null],
      ['smb://server/share', null],
      ['ms-msdt:/id PCWDiagnostic', null],
      ['data:text/html,<script>alert(1)</script>', null],
      ['not a url', null],
      ['', null],
    ];
    for (const [url, opened] of cases) {
      expect(newWindowDecision({ url }), url).toEqual({ openExternal: opened, response: { action: 'deny' } });
    }
  });

  it('answers API calls only from its own page in its own window\'s main frame', () => {
    const page = 'file:///C:/Program%20Files/Boardpack/resources/app.asar/dist/renderer/index.html';
    const mainFrame = { url: page };
    const window = { webContents: { mainFrame } };
    expect(isTrustedSender({ sender: window.webContents, senderFrame: mainFrame }, window, page)).toBe(true);
    // A subframe showing the same page, another window, a navigated page, a frame already gone, no window yet.
    expect(isTrustedSender({ sender: window.webContents, senderFrame: { url: page } }, window, page)).toBe(false);
    const other = { webContents: { mainFrame: { url: page } } };
    expect(isTrustedSender({ sender: other.webContents, senderFrame: other.webContents.mainFrame }, window, page)).toBe(false);
    const navigated = { url: 'https://example.org/' };
    expect(isTrustedSender({ sender: window.webContents, senderFrame: navigated }, { webContents: { mainFrame: navigated } }, page)).toBe(false);
    expect(isTrustedSender({ sender: window.webContents, senderFrame: null }, window, page)).toBe(false);
    expect(isTrustedSender({ sender: window.webContents, senderFrame: mainFrame }, null, page)).toBe(false);
  });
});
