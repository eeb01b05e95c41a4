/**
 * The `boardpack` command line: the same handler table as the app, no UI. Each group of
 * commands is a module under cli/; every one reaches the core through cli/common.ts (a
 * session and the handler table), so the command line repeats no workspace policy.
 * Errors go to stderr as one clear sentence and a non-zero exit, never a stack trace.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { areasCommands } from './cli/areas-commands';
import { UsageError, type Command, type Values } from './cli/common';
import { importCommands } from './cli/import-commands';
import { reportCommands } from './cli/report-commands';
import { workspaceCommands } from './cli/workspace-commands';

export { spcVerdict } from './cli/report-commands';

/** In the order `boardpack --help` lists them. */
const COMMANDS: Record<string, Command> = {
  imports: importCommands.imports,
  backups: workspaceCommands.backups,
  'restore-backup': workspaceCommands['restore-backup'],
  'undo-import': importCommands['undo-import'],
  import: importCommands.import,
  template: importCommands.template,
  spc: reportCommands.spc,
  export: reportCommands.export,
  new: workspaceCommands.new,
  areas: areasCommands.areas,
  demo: workspaceCommands.demo,
  serve: workspaceCommands.serve,
  info: workspaceCommands.info,
  values: reportCommands.values,
};

function commandHelp(name: string, c: Command): string {
  const lines = [`${c.summary}`, '', `Usage: ${c.usage}`, '', 'Options:'];
  for (const [opt, o] of Object.entries(c.options)) lines.push(`  --${opt}${o.type === 'string' ? ' VALUE' : ''}  ${o.help}`);
  lines.push('  --help  show this help');
  return `boardpack ${name}: ${lines.join('\n')}`;
}

function mainHelp(): string {
  const lines = ['Boardpack: performance dashboards for partnership boards, offline.', '', 'Usage: boardpack COMMAND [options]', '', 'Commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(8)} ${c.summary}`);
  lines.push('', 'Run "boardpack COMMAND --help" for the options of a command.');
  return lines.join('\n');
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(mainHelp());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`boardpack: "${name}" is not a command. Run "boardpack --help" to see the commands.`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      console.log(commandHelp(name, command));
      return 0;
    }
    return await command.run(values as Values, positionals);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`boardpack ${name}: ${message.replace(/^TypeError \[ERR_PARSE_ARGS_[A-Z_]+\]: /, '')}`);
    return error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
  }
}

/**
 * Output cut short by the reader (`boardpack values ... | head -1`) ends quietly: the rest of the
 * output is dropped and the command finishes its work (an import still saves), with no EPIPE
 * stack trace.
 */
export function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stream.write = () => true;
  });
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly || process.env.BOARDPACK_CLI === '1') {
  quietOnClosedPipe(process.stdout);
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
