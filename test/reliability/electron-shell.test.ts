/**
 * The Electron shell, checked without Electron (its binary is not installed on build
 * machines): the portable-mode rule it uses, and that its Content-Security-Policy header
 * is the browser host's policy.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PORTABLE_DATA_FOLDER, portableDataDir, userDataDir } from '../../main/core/paths';
import { CONTENT_SECURITY_POLICY } from '../../main/host/server';

const REPO = path.resolve(import.meta.dirname, '../..');
const MAIN = readFileSync(path.join(REPO, 'main/electron/main.ts'), 'utf8');

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
    expect(MAIN).toMatch(/portableDataDir\(exeDir, existsSync\)/);
    expect(MAIN).toMatch(/process\.env\.PORTABLE_EXECUTABLE_DIR \|\| path\.dirname\(app\.getPath\('exe'\)\)/);
    expect(MAIN).toMatch(/app\.setPath\('userData', portableDir\)/);
    expect(MAIN).toMatch(/BOARDPACK_DATA_DIR \|\| portableDir \|\| app\.getPath\('userData'\)/);
    // And the non-portable default is still the per-user folder.
    expect(userDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toMatch(/Boardpack$/);
  });
});

describe('the Electron shell', () => {
  it('sends the browser host\'s Content-Security-Policy on every response', () => {
    const literal = /'Content-Security-Policy': \["([^"]+)"\]/.exec(MAIN)?.[1];
    expect(literal).toBe(CONTENT_SECURITY_POLICY);
  });

  it('keeps the window locked down', () => {
    for (const setting of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'webviewTag: false', "disableBlinkFeatures: 'Auxclick'"]) {
      expect(MAIN).toContain(setting);
    }
    expect(MAIN).toMatch(/setPermissionRequestHandler\(\(_wc, _permission, callback\) => callback\(false\)\)/);
    expect(MAIN).toMatch(/will-navigate', \(event\) => event\.preventDefault\(\)/);
  });
});
