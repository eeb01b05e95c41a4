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
