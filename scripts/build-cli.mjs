// The command line built to JavaScript, so `boardpack` starts as fast as Node itself instead of
// transpiling TypeScript on every run. main/cli.ts becomes dist/cli/boardpack.mjs, one small
// file with everything `--help` needs; the core (the handlers, the API schemas...) becomes one
// chunk beside it, loaded only when a command uses it, and exceljs and yauzl chunks of their own,
// loaded only by the imports and exports that read or write a workbook. Dependencies are bundled
// in, except those the code loads at run time through createRequire (sql.js and its .wasm,
// pdfmake, the fonts), which Node finds in node_modules as before.
//
// dist/cli/inputs.json lists the repository's source files the build read, so bin/boardpack.mjs
// can tell a stale build (a source edited since) and run the TypeScript instead.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds into `outdir` (dist/cli; tests build elsewhere so they never race a running CLI). */
export async function buildCli(outdir = join(root, 'dist/cli')) {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    // core.mjs: the core process `boardpack serve` starts (main/process/core-main.ts).
    entryPoints: { boardpack: 'main/cli.ts', core: 'main/process/core-main.ts' },
    outdir: resolve(outdir),
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: '[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Smaller files parse faster; names are kept, so error messages read as in the source.
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
    logLevel: 'warning',
    // Bundled CommonJS dependencies call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __bpCreateRequire } from 'node:module'; const require = __bpCreateRequire(import.meta.url);" },
  });
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules'));
  writeFileSync(join(outdir, 'inputs.json'), JSON.stringify({ builtAt: Date.now(), inputs }, null, 1));
}
