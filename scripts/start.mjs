// `npm start`: builds the app, then opens it in Electron; where the Electron binary is not
// installed (it is downloaded separately, which locked-down or offline machines cannot do),
// serves the same app on 127.0.0.1 for a browser instead.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const built = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

// Look for the binary without require('electron'): that would try to download it.
function findElectron() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return null;
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}
const electronBinary = findElectron();

if (electronBinary) {
  const child = spawn(electronBinary, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('The Electron binary is not installed here, so Boardpack runs in your browser instead (same app, this computer only):');
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/host/start.ts'], { stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}
