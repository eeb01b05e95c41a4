#!/usr/bin/env node
// The `boardpack` command: runs main/cli.ts through tsx, so the repo needs no build step
// for the command line.
import { register } from 'tsx/esm/api';

register();
process.env.BOARDPACK_CLI = '1';
await import('../main/cli.ts');
