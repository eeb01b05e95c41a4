#!/usr/bin/env node
// The `boardpack` command. Runs the built command line (dist/cli, made by `npm run build`) when
// it is there and no source file it was built from has changed since; otherwise runs
// main/cli.ts through tsx, so a checkout works without a build step (only slower to start).
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
process.env.BOARDPACK_CLI = '1';
// The bundle lives in dist/cli, so tell it where the repository's assets and renderer are.
process.env.BOARDPACK_ASSETS ??= `${root}assets`;
process.env.BOARDPACK_RENDERER_DIR ??= `${root}dist/renderer`;

function builtIsCurrent() {
  if (process.env.BOARDPACK_CLI_FROM_SOURCE === '1') return false;
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(`${root}dist/cli/inputs.json`, 'utf8'));
    return inputs.every((file) => statSync(root + file).mtimeMs <= builtAt);
  } catch {
    return false; // not built, or a source file has gone
  }
}

if (builtIsCurrent()) {
  await import('../dist/cli/boardpack.mjs');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../main/cli.ts');
}
