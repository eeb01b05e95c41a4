/** The commands that create, describe, serve and restore a workspace: all through the handlers. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { osUserName } from '../core/paths';
import { POLARITY_NAMES, UNIT_NAMES } from '../../shared/domain/vocabulary';
import { call, core, quickWasm, required, UsageError, withSession, type Command } from './common';

function rendererDir(): string {
  if (process.env.BOARDPACK_RENDERER_DIR) return process.env.BOARDPACK_RENDERER_DIR;
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/renderer');
}

export const workspaceCommands = {
  backups: {
    summary: 'List the earlier versions kept beside a workspace, newest first.',
    usage: 'boardpack backups --workspace W',
    options: { workspace: { type: 'string', help: 'the .boardpack file' } },
    async run(values) {
      const list = await withSession(null, (s) => call(s, 'workspace.backups', { path: path.resolve(required(values, 'workspace')) }));
      if (list.length === 0) console.log('No backups yet: they are kept from the second save on.');
      for (const b of list) console.log(`${b.name}\t${b.savedAt.slice(0, 19).replace('T', ' ')}\t${b.size.toLocaleString('en-GB')} bytes`);
      return 0;
    },
  },
  'restore-backup': {
    summary: 'Put an earlier version of a workspace back (the current version is kept as a backup).',
    usage: 'boardpack restore-backup --workspace W --backup NAME',
    options: { workspace: { type: 'string', help: 'the .boardpack file' }, backup: { type: 'string', help: 'the backup\'s name, from "boardpack backups"' } },
    async run(values) {
      const file = path.resolve(required(values, 'workspace'));
      const name = path.basename(required(values, 'backup'));
      const restored = await withSession(null, async (s) => {
        const chosen = (await call(s, 'workspace.backups', { path: file })).find((b) => b.name === name);
        await call(s, 'workspace.restoreBackup', { name, path: file });
        return chosen!;
      });
      console.log(`Restored ${restored.name}, saved ${restored.savedAt.slice(0, 19).replace('T', ' ')}.`);
      return 0;
    },
  },
  new: {
    summary: "Create a workspace: for a board's area (its districts and populations built in), or empty.",
    usage: 'boardpack new --workspace FILE [--area NAME_OR_CODE] [--indicators-from OTHER.boardpack]',
    options: {
      workspace: { type: 'string', help: 'the .boardpack file to create (it must not exist); its name is the title' },
      area: {
        type: 'string',
        help: 'whose board it is: a county (with its districts), unitary, district, community safety partnership or police force area, by ONS code or name ("Leicestershire" is the county; "Leicestershire police force area" or E23000021 the force), or a custom set of districts separated by ";" ("Blaby; Charnwood; Melton")',
      },
      'indicators-from': { type: 'string', help: "another workspace whose outcomes and indicator definitions (not values) to start with, e.g. the demo's" },
    },
    async run(values) {
      const file = path.resolve(required(values, 'workspace'));
      const area = values.area;
      if (typeof area !== 'string') {
        if (values['indicators-from'] !== undefined) throw new UsageError('--indicators-from needs --area: say whose board it is.');
        const created = await withSession(null, (s) => call(s, 'workspace.create', { path: file }));
        console.log(`Created an empty workspace: ${created.file}`);
        return 0;
      }
      const from = values['indicators-from'];
      const board = await withSession(null, (s) => call(s, 'workspace.createForBoard', { path: file, area, ...(typeof from === 'string' ? { indicatorsFrom: path.resolve(from) } : {}) }));
      for (const line of board.messages) console.log(line);
      return 0;
    },
  },
  demo: {
    summary: 'Write the demo workspace (2014/15 Q4 appendix and Leicestershire police.uk data).',
    usage: 'boardpack demo --workspace FILE',
    options: { workspace: { type: 'string', help: 'the .boardpack file to write (it must not exist)' } },
    async run(values) {
      const demo = await withSession(null, (s) => call(s, 'workspace.createDemo', { path: path.resolve(required(values, 'workspace')) }));
      console.log(`Wrote the demo workspace: ${demo.file}`);
      return 0;
    },
  },
  serve: {
    summary: 'Serve the app to a browser on this computer only; prints its URL first.',
    usage: 'boardpack serve --workspace FILE [--port N]',
    options: {
      workspace: { type: 'string', help: 'the .boardpack file to open' },
      port: { type: 'string', help: 'the loopback port (default: a random free port)' },
    },
    async run(values) {
      const file = path.resolve(required(values, 'workspace'));
      const port = values.port === undefined ? 0 : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
      const dir = rendererDir();
      if (!existsSync(path.join(dir, 'index.html'))) throw new Error('The app is not built yet: run "npm run build" first.');
      // The core runs in a process of its own, so this server answers even while an import runs.
      const { startHost, forkCore } = await core();
      const client = forkCore({ workspace: file, osUser: osUserName(), saveDelayMs: 500 });
      const { uploadDir } = await client.ready;
      const host = await startHost({ core: (method, args) => client.call(method, args), rendererDir: dir, port, uploadDir });
      console.log(host.url);
      console.log(`Boardpack is serving ${path.basename(file)} on this computer only. Press Ctrl+C to stop.`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await host.close();
      const unsaved = await client.stop();
      if (unsaved) throw new Error(`The workspace could not be saved: ${unsaved}`);
      return 0;
    },
  },
  info: {
    summary: 'Describe a workspace: areas, outcomes, indicators, reporting periods, counts.',
    usage: 'boardpack info --workspace FILE [--json]',
    options: {
      workspace: { type: 'string', help: 'the .boardpack file to read' },
      json: { type: 'boolean', help: 'print JSON' },
    },
    async run(values) {
      quickWasm();
      const o = await withSession(required(values, 'workspace'), (s) => call(s, 'workspace.overview', {}));
      if (values.json) {
        console.log(JSON.stringify(o, null, 2));
        return 0;
      }
      console.log(`${o.title}${o.isDemo ? ' (demo)' : ''}: ${o.file}`);
      console.log(`${o.counts.areas} areas, ${o.counts.outcomes} outcomes, ${o.counts.indicators} indicators, ${o.counts.observations} stored values, ${o.counts.imports} imports`);
      for (const p of o.reportingPeriods) console.log(`Reporting period ${p.name} (to ${p.lastMonth})${p.locked ? ', locked' : ''}: ${p.indicatorCount} indicators`);
      for (const out of o.outcomes) {
        console.log(`\n${out.title}`);
        for (const i of out.indicators) console.log(`  - ${i.name} [${UNIT_NAMES[i.unit]}, ${POLARITY_NAMES[i.polarity]}]`);
      }
      for (const line of o.attribution) console.log(`\n${line}`);
      return 0;
    },
  },
} satisfies Record<string, Command>;
