// Builds what the app runs: the renderer (Vite) into dist/renderer, the Electron shell
// (main process as ESM, sandboxed preload as CommonJS) into dist/electron, and the command line
// into dist/cli (`node scripts/build.mjs cli` builds only the command line).
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import { readFileSync } from 'node:fs';
import { buildCli } from './build-cli.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = ['electron', ...Object.keys(pkg.dependencies ?? {})];

if (process.argv[2] === 'cli') {
  await buildCli();
  console.log('Built dist/cli.');
  process.exit(0);
}

await viteBuild({ configFile: 'vite.config.mts', logLevel: 'warn' });
await esbuild({
  // main.mjs: the Electron main process (window, menus, dialogs, the relay); core.mjs: the core,
  // which main starts in a utilityProcess.
  entryPoints: { main: 'main/electron/main.ts', core: 'main/process/core-main.ts' },
  outdir: 'dist/electron',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  external,
  logLevel: 'warning',
});
await esbuild({
  entryPoints: ['main/electron/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  logLevel: 'warning',
});
await buildCli();
console.log('Built dist/renderer, dist/electron and dist/cli.');
