/** Where things live on disk: the app's assets and the user's data folder. */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The assets folder (demo data, icons). BOARDPACK_ASSETS overrides it for packaged builds,
 * where the Electron shell passes its resources folder.
 */
export function assetsDir(): string {
  if (process.env.BOARDPACK_ASSETS) return process.env.BOARDPACK_ASSETS;
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets');
}

/** The per-user data folder, as each OS expects it (no admin rights needed anywhere). */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.BOARDPACK_DATA_DIR) return env.BOARDPACK_DATA_DIR;
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Boardpack');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Boardpack');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Boardpack');
}

/** The OS user, for the audit trail and document properties. */
export function osUserName(): string {
  try {
    return os.userInfo().username || 'unknown user';
  } catch {
    return process.env.USERNAME ?? process.env.USER ?? 'unknown user';
  }
}

/** Files that, beside the executable, switch Boardpack to portable mode. */
export const PORTABLE_MARKERS = ['portable.txt', 'boardpack-portable'] as const;
export const PORTABLE_DATA_FOLDER = 'Boardpack Data';

/**
 * Portable mode (a USB stick, a folder on a locked-down laptop): when a marker file sits
 * beside the executable, data lives in a `Boardpack Data` folder beside it instead of the
 * user's profile. Returns that folder, or null when not portable.
 *
 * @param exeDir the folder holding the executable (for electron-builder's portable .exe, the
 *   folder the user started it from, not the temporary folder it unpacks itself to)
 * @param exists a file-exists check (injected so the rule is tested without touching disk)
 */
export function portableDataDir(exeDir: string, exists: (file: string) => boolean): string | null {
  return PORTABLE_MARKERS.some((marker) => exists(path.join(exeDir, marker))) ? path.join(exeDir, PORTABLE_DATA_FOLDER) : null;
}
