/**
 * The `boardpack` command line: the same handler table as the app, no UI.
 * Errors go to stderr as one clear sentence and a non-zero exit, never a stack trace.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ApiArgs, ApiResult, MethodName } from '../shared/api/contract';
import { IMPORT_COLUMN_ROLES, type ImportColumn, type ImportProblem } from '../shared/api/types';
import type { Session } from './core/app';
import { osUserName } from './core/paths';
import type { WorkspaceEnv } from './core/store/workspace';
import type { Trend } from '../shared/api/types';
import { formatNumber } from '../shared/domain/format';
import { NO_TARGET_ASSURANCE, POLARITY_NAMES, UNIT_NAMES, assuranceSentence, variationWords } from '../shared/domain/vocabulary';

/**
 * The core (sql.js, exceljs, zod schemas...) loads only when a command needs it, so
 * `boardpack --help` starts as fast as Node itself (the build step bundles this file, and the
 * core becomes a chunk of its own). The words (shared/domain, a few kB) load with the entry.
 */
const core = () => import('./cli-core');

class UsageError extends Error {}

interface Command {
  summary: string;
  usage: string;
  options: Record<string, { type: 'string' | 'boolean'; help: string; multiple?: boolean }>;
  run(values: Record<string, string | boolean | string[] | undefined>, positionals: string[]): Promise<number>;
}

const env = (): WorkspaceEnv => ({ now: () => new Date(), osUser: osUserName(), saveDelayMs: 0 });

function required(values: Record<string, string | boolean | string[] | undefined>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.length === 0) throw new UsageError(`--${name} is required.`);
  return v;
}

/** Reports and exports only read the workspace (so they work while the app has it open); imports write. */
async function withWorkspace<T>(file: string, work: (session: Session) => Promise<T>, mode: 'read' | 'write' = 'read'): Promise<T> {
  const resolved = path.resolve(file);
  const { Workspace, createSession } = await core();
  const workspace = mode === 'write' ? await Workspace.open(resolved, env()) : await Workspace.openForReading(resolved, env());
  const session = createSession({ workspace, env: env() });
  try {
    return await work(session);
  } finally {
    await session.workspace.close();
  }
}

/** Calls the handler table exactly as the other hosts do, turning an error value into a thrown message. */
async function call<M extends MethodName>(session: Session, method: M, args: ApiArgs<M>): Promise<ApiResult<M>> {
  const { dispatch, createHandlers } = await core();
  const response = await dispatch(createHandlers(session), method, args);
  if (!response.ok) throw new Error(response.error.message);
  return response.value as ApiResult<M>;
}

function rendererDir(): string {
  if (process.env.BOARDPACK_RENDERER_DIR) return process.env.BOARDPACK_RENDERER_DIR;
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/renderer');
}

/**
 * The `spc` command's verdict, in the Charts page's words: "Variation: common cause variation.
 * No target: no assurance to judge." or "... Target 5.0. The target will be hit and miss: it
 * lies between the process limits."
 */
export function spcVerdict(t: Pick<Trend, 'variation' | 'assurance' | 'target' | 'decimals' | 'provisional'>): string {
  const assurance = t.target === null ? NO_TARGET_ASSURANCE : `Target ${formatNumber(t.target, t.decimals)}. ${assuranceSentence(t.assurance)}`;
  return `Variation: ${variationWords(t.variation)}. ${assurance}${t.provisional ? ' Limits are provisional (fewer than 12 points).' : ''}`;
}

/** Columns listed one by one; a table thousands of columns wide is summarised. */
const MAX_COLUMN_LINES = 40;
/** Problems of one kind shown as examples; the rest are counted. */
const EXAMPLES_PER_KIND = 3;

/** A table's columns as lines: every column that holds something, and a count of the rest. */
function columnLines(columns: readonly ImportColumn[]): string[] {
  const line = (c: ImportColumn) => `  ${c.header || '(blank)'}: ${c.role} (${c.reason})`;
  if (columns.length <= MAX_COLUMN_LINES) return columns.map(line);
  const used = columns.filter((c) => c.role !== 'ignore');
  const shown = [...used, ...columns.filter((c) => c.role === 'ignore').slice(0, Math.max(0, MAX_COLUMN_LINES - used.length))].sort((x, y) => x.index - y.index);
  return [...shown.slice(0, Math.max(MAX_COLUMN_LINES, used.length)).map(line), `  ... and ${(columns.length - shown.length).toLocaleString('en-GB')} more columns, not imported (blank headers or not recognised).`];
}

/**
 * Problems as lines, grouped by kind (the same problem and fix): a kind with a few problems
 * lists each; a bigger one gives its count and the first few rows. Output stays short however
 * many rows are wrong.
 */
function problemLines(problems: readonly ImportProblem[], total: number): string[] {
  const kinds = new Map<string, ImportProblem[]>();
  for (const p of problems) {
    const key = `${p.problem.replace(/\d[\d,]*/g, 'N')}\u0001${p.fix}\u0001${p.column}`;
    const list = kinds.get(key) ?? [];
    list.push(p);
    kinds.set(key, list);
  }
  const where = (p: ImportProblem) => `row ${p.row}${p.column ? `, column ${p.column}` : ''}${p.value ? `, "${p.value}"` : ''}`;
  const lines: string[] = [];
  for (const list of kinds.values()) {
    const first = list[0]!;
    if (list.length <= EXAMPLES_PER_KIND) {
      for (const p of list) lines.push(`  ${where(p)}: ${p.problem}; ${p.fix}.`);
    } else {
      lines.push(`  ${list.length.toLocaleString('en-GB')} rows: ${first.problem.replace(/^row \d+ /, 'a row ')}; ${first.fix}. For example ${list.slice(0, EXAMPLES_PER_KIND).map(where).join('; ')}.`);
    }
  }
  if (total > problems.length) lines.push(`  ... and ${(total - problems.length).toLocaleString('en-GB')} more problems.`);
  return lines;
}

type TableChoice = NonNullable<ApiArgs<'import.files'>['mappings']>[number];

const UNITS = ['count', 'rate_per_1000', 'percent', 'ratio'] as const;
const POLARITIES = ['lower', 'higher', 'none'] as const;

/** `--new-indicator "NAME=UNIT,POLARITY"`: the unit and polarity the Import screen lets the analyst set for a new indicator. */
function newIndicatorChoices(specs: string | boolean | string[] | undefined): Pick<ApiArgs<'import.files'>, 'indicators'> {
  if (!Array.isArray(specs) || specs.length === 0) return {};
  return {
    indicators: specs.map((spec) => {
      const eq = spec.lastIndexOf('=');
      const name = eq > 0 ? spec.slice(0, eq).trim() : '';
      const [unit = '', polarity = 'none'] = (eq > 0 ? spec.slice(eq + 1) : '').split(',').map((x) => x.trim().toLowerCase());
      const u = UNITS.find((x) => x === unit);
      const p = POLARITIES.find((x) => x === polarity);
      if (!name || !u || !p) throw new UsageError(`--new-indicator "${spec}" should be NAME=UNIT,POLARITY with UNIT one of ${UNITS.join(', ')} and POLARITY one of ${POLARITIES.join(', ')}.`);
      return { name, unit: u, polarity: p };
    }),
  };
}

/** The Import screen's table choices from `import` options, or null when none is given. */
function tableChoice(values: Record<string, string | boolean | string[] | undefined>): Omit<TableChoice, 'file'> | null {
  const choice: Omit<TableChoice, 'file'> = {};
  if (typeof values.sheet === 'string') choice.sheet = values.sheet;
  if (values['header-row'] !== undefined) {
    const row = Number(values['header-row']);
    if (!Number.isInteger(row) || row < 1 || row > 1000) throw new UsageError(`--header-row must be a row number from 1 to 1000, not "${String(values['header-row'])}".`);
    choice.headerRow = row;
  }
  const columns = Array.isArray(values.column) ? values.column : [];
  if (columns.length > 0) {
    choice.headers = columns.map((spec) => {
      const eq = spec.lastIndexOf('=');
      const column = eq > 0 ? spec.slice(0, eq).trim() : '';
      const role = eq > 0 ? spec.slice(eq + 1).trim().toLowerCase().replace(/[\s-]+/g, '_') : '';
      if (!column || !(IMPORT_COLUMN_ROLES as readonly string[]).includes(role)) {
        throw new UsageError(`--column "${spec}" should be COLUMN=ROLE, with ROLE one of ${IMPORT_COLUMN_ROLES.join(', ')}.`);
      }
      return { column, role: role as (typeof IMPORT_COLUMN_ROLES)[number] };
    });
  }
  const filters = (Array.isArray(values.filter) ? values.filter : []).map((f) => {
    const at = f.indexOf('=');
    if (at <= 0) throw new UsageError(`--filter takes COLUMN=VALUE, e.g. --filter "Offence group=Robbery", not "${f}".`);
    return { column: f.slice(0, at).trim(), value: f.slice(at + 1).trim() };
  });
  if (filters.length > 0) choice.filters = filters;
  const fixed: NonNullable<TableChoice['fixed']> = {};
  for (const key of ['indicator', 'area', 'period'] as const) {
    const v = values[key];
    if (typeof v === 'string') fixed[key] = v;
  }
  if (Object.keys(fixed).length > 0) choice.fixed = fixed;
  return Object.keys(choice).length > 0 ? choice : null;
}

const COMMANDS: Record<string, Command> = {
  imports: {
    summary: 'List the imports recorded in a workspace, newest first.',
    usage: 'boardpack imports --workspace W [--json]',
    options: { workspace: { type: 'string', help: 'the .boardpack file to read' }, json: { type: 'boolean', help: 'print JSON' } },
    async run(values) {
      const list = await withWorkspace(required(values, 'workspace'), (s) => call(s, 'imports.list', {}));
      if (values.json) console.log(JSON.stringify(list, null, 2));
      else for (const i of list) console.log(`${i.id}\t${i.importedAt.slice(0, 16).replace('T', ' ')}\t${i.osUser}\t${i.files.join(', ')}${i.undoneAt ? '\t(undone)' : ''}`);
      return 0;
    },
  },
  backups: {
    summary: 'List the earlier versions kept beside a workspace, newest first.',
    usage: 'boardpack backups --workspace W',
    options: { workspace: { type: 'string', help: 'the .boardpack file' } },
    async run(values) {
      const list = await (await core()).listBackups(path.resolve(required(values, 'workspace')));
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
      const restored = await (await core()).restoreBackup(path.resolve(required(values, 'workspace')), required(values, 'backup'));
      console.log(`Restored ${restored.name}, saved ${restored.savedAt.slice(0, 19).replace('T', ' ')}.`);
      return 0;
    },
  },
  'undo-import': {
    summary: 'Undo an import (the latest one by default), restoring the values it replaced.',
    usage: 'boardpack undo-import --workspace W [--id N]',
    options: { workspace: { type: 'string', help: 'the .boardpack file' }, id: { type: 'string', help: 'the import number (see "boardpack imports")' } },
    async run(values) {
      const id = values.id === undefined ? undefined : Number(values.id);
      if (id !== undefined && (!Number.isInteger(id) || id < 1)) throw new UsageError(`--id must be an import number, not "${values.id}".`);
      const r = await withWorkspace(required(values, 'workspace'), (s) => call(s, 'imports.undo', id === undefined ? {} : { id }), 'write');
      console.log(`Undid import ${r.importId} (${r.files.join(', ')}): ${r.rowsRestored} rows restored.`);
      return 0;
    },
  },
  import: {
    summary: 'Import files into a workspace: tidy and wide tables, the appendix layout (.xlsx, .csv, .tsv), police.uk crime files, ONS population estimates and area lookups.',
    usage:
      'boardpack import FILE... --workspace W [--dry-run] [--json] [--create-areas] [--year YYYY]\n' +
      '       [--sheet NAME] [--header-row N] [--column COLUMN=ROLE]... [--indicator NAME] [--area CODE_OR_NAME] [--period PERIOD]\n' +
      '       [--new-indicator NAME=UNIT,POLARITY]... [--filter "COLUMN=VALUE"]...\n' +
      `  COLUMN is the column's header, its letter (C) or its number (3); ROLE is one of ${IMPORT_COLUMN_ROLES.join(', ')}.\n` +
      '  The table options are the Import screen\'s choices; they apply to every file named. The exit status is 0 when the\n' +
      '  import went through (or, with --dry-run, would), 1 when it was refused or nothing in the files could be imported.',
    options: {
      workspace: { type: 'string', help: 'the .boardpack file to import into' },
      'dry-run': { type: 'boolean', help: 'say what would happen, change nothing' },
      json: { type: 'boolean', help: 'print JSON' },
      'create-areas': { type: 'boolean', help: 'create areas a table names that the workspace does not have' },
      year: { type: 'string', help: 'the year of ONS population estimates whose file does not say it (e.g. 2023)' },
      sheet: { type: 'string', help: 'the sheet of a workbook that holds the table' },
      'header-row': { type: 'string', help: 'the row number of the table\'s header (1 = the first row)' },
      column: { type: 'string', multiple: true, help: 'what a column holds, COLUMN=ROLE (repeat for each column), e.g. --column "Count=numerator" --column F=ignore' },
      indicator: { type: 'string', help: 'the indicator of every row, when no column names it' },
      area: { type: 'string', help: 'the area of every row (ONS code or name), when no column names it' },
      period: { type: 'string', help: 'the period of every row (e.g. 2023/24, Q3 2024/25, 2024-06), when no column names it' },
      'new-indicator': { type: 'string', multiple: true, help: 'a new indicator\'s unit and polarity instead of Boardpack\'s guess (repeatable): "NAME=UNIT,POLARITY", UNIT count, rate_per_1000, percent or ratio, POLARITY lower, higher or none' },
      filter: {
        type: 'string',
        multiple: true,
        help: 'import only the rows of a table whose column holds the value, e.g. --filter "Offence group=Violence against the person" (repeat for more columns); without it each value of a breakdown column becomes its own series',
      },
    },
    async run(values, positionals) {
      if (positionals.length === 0) throw new UsageError('name at least one file to import.');
      const paths = positionals.map((p) => path.resolve(p));
      const year = values.year === undefined ? undefined : Number(values.year);
      if (year !== undefined && (!Number.isInteger(year) || year < 1900 || year > 2100)) throw new UsageError(`--year must be a year such as 2023, not "${values.year}".`);
      const mapping = tableChoice(values);
      const args: ApiArgs<'import.files'> = {
        paths,
        dryRun: values['dry-run'] === true,
        ...(values['create-areas'] === true ? { createAreas: true } : {}),
        ...(year !== undefined ? { populationYear: year } : {}),
        ...(mapping ? { mappings: paths.map((p) => ({ file: path.basename(p), ...mapping })) } : {}),
        ...newIndicatorChoices(values['new-indicator']),
      };
      const report = await withWorkspace(required(values, 'workspace'), (s) => call(s, 'import.files', args), values['dry-run'] === true ? 'read' : 'write');
      // A dry run exits as the real import would: 1 when nothing in the files could be imported.
      const status = report.status === 'refused' ? 1 : 0;
      if (values.json) {
        console.log(JSON.stringify(report, null, 2));
        return status;
      }
      for (const f of report.files) console.log(`${f.file}${f.sheet ? ` (sheet "${f.sheet}")` : ''}: ${f.summary}`);
      for (const t of report.tables ?? []) {
        console.log(`${t.file}${t.sheet ? ` (sheet "${t.sheet}")` : ''}, header on row ${t.headerRow}, columns (${t.mappingSource}):`);
        for (const line of columnLines(t.columns)) console.log(line);
        for (const [k, v] of Object.entries(t.fixed)) console.log(`  every row's ${k}: ${v}`);
        if (t.blocking) console.log(`  ${t.blocking}`);
        for (const line of problemLines(t.problems, t.problemCount)) console.log(line);
        for (const a of t.unmatchedAreas) console.log(`  not in this workspace: ${a.name}${a.code ? ` (${a.code})` : ''}, ${a.rows} values${values['create-areas'] === true ? '' : ' (--create-areas creates it)'}`);
        for (const b of t.breakdowns) {
          console.log(`  breakdown "${b.column}": ${b.filter === null ? 'each value its own series' : `only "${b.filter}"`} (${b.values.map((x) => `"${x}"`).join(', ')})`);
        }
        if (t.breakdowns.length > 0) for (const s of t.series) console.log(`  series: ${s.name}: ${s.values} values${s.isNew ? ' (new)' : ''}`);
        for (const n of t.newIndicators) console.log(`  new indicator: ${n.name}: ${n.unit}, polarity ${n.polarity} (${n.reason}); measure type ${n.measureType} (${n.measureTypeReason})`);
      }
      console.log(`${report.dryRun ? 'Would add' : 'Added'} ${report.added} values; ${report.changed.length} changed; ${report.unchanged} unchanged.`);
      for (const c of report.changed) console.log(`  changed: ${c.indicator}, ${c.span}: ${c.old} -> ${c.new}`);
      for (const c of report.conflicts) console.log(`  conflict (published period, left as it was): ${c.indicator}, ${c.span}: ${c.old} -> ${c.new}`);
      for (const w of report.warnings) console.log(`Warning: ${w}`);
      for (const k of report.skipped) console.log(`Left out ${k.count.toLocaleString('en-GB')} ${k.reason}.`);
      for (const c of report.created) console.log(`${report.dryRun ? 'Would create' : 'Created'} ${c}.`);
      if (report.dryRun) console.log('Dry run: nothing was changed.');
      if (status !== 0) console.error(`boardpack import: nothing in ${report.files.length === 1 ? `"${report.files[0]!.file}"` : 'the files'} could be imported${report.dryRun ? ' (dry run)' : ''}; see the problems above.`);
      return status;
    },
  },
  template: {
    summary: 'Write the tidy CSV template partners can fill in (one value per row), with example rows in the workspace\'s words.',
    usage: 'boardpack template --workspace W --out FILE',
    options: { workspace: { type: 'string', help: 'the .boardpack file whose areas and indicators the examples use' }, out: { type: 'string', help: 'where to write the .csv' } },
    async run(values) {
      const out = path.resolve(required(values, 'out'));
      const written = await withWorkspace(required(values, 'workspace'), (s) => call(s, 'import.template', { path: out }));
      console.log(`Wrote ${written.path}.`);
      return 0;
    },
  },
  spc: {
    summary: "Statistical process control (XmR) for an indicator's monthly series in an area.",
    usage: 'boardpack spc --workspace W --indicator NAME --area CODE_OR_NAME [--from YYYY-MM] [--to YYYY-MM] [--rebase YYYY-MM] [--json]',
    options: {
      workspace: { type: 'string', help: 'the .boardpack file to read' },
      indicator: { type: 'string', help: "an indicator's name, or a unique part of it" },
      area: { type: 'string', help: 'an ONS code or area name' },
      from: { type: 'string', help: 'first month, YYYY-MM' },
      to: { type: 'string', help: 'last month, YYYY-MM' },
      rebase: { type: 'string', help: 'recalculate the limits from this month, YYYY-MM' },
      json: { type: 'boolean', help: 'print JSON' },
    },
    async run(values) {
      const args: ApiArgs<'chart.trend'> = { indicator: required(values, 'indicator'), area: required(values, 'area') };
      if (typeof values.from === 'string') args.from = values.from;
      if (typeof values.to === 'string') args.to = values.to;
      if (typeof values.rebase === 'string') args.rebase = [values.rebase];
      const t = await withWorkspace(required(values, 'workspace'), (s) => call(s, 'chart.trend', args));
      if (t.points.length === 0) throw new Error(`"${t.indicator}" has no monthly values for ${t.area.name} in that range.`);
      if (values.json) {
        const points = t.points.map((p) => ({ period_start: p.periodStart, period_end: p.periodEnd, value: p.value, mean: p.mean, lpl: p.lpl, upl: p.upl, special_cause: p.specialCause, rules: p.rules }));
        console.log(JSON.stringify({ indicator: t.indicator, area: t.area, points, variation: t.variation, assurance: t.assurance, provisional: t.provisional }, null, 2));
        return 0;
      }
      const n = (v: number) => v.toFixed(Math.max(2, t.decimals));
      console.log(`${t.indicator}, ${t.area.name}`);
      console.log(['period', 'value', 'mean', 'lower limit', 'upper limit', 'special cause', 'rules'].join('\t'));
      for (const p of t.points) console.log([p.periodStart, n(p.value), n(p.mean), n(p.lpl), n(p.upl), p.specialCause, p.rules.join(' ')].join('\t'));
      console.log(spcVerdict(t));
      return 0;
    },
  },
  export: {
    summary: 'Export the appendix or the plan scorecard of a reporting period, or the action log, to Excel, PDF or CSV.',
    usage:
      'boardpack export appendix --workspace W --period "2014/15 Q4" --format xlsx|pdf|csv --out FILE [--variant compact]\n' +
      '       boardpack export scorecard --workspace W --baseline 2023/24 --period "2024/25 Q3" [--project-to 2025/26] --format xlsx|pdf|csv --out FILE\n' +
      '       boardpack export actions --workspace W --format xlsx|pdf|csv --out FILE [--open-only]',
    options: {
      workspace: { type: 'string', help: 'the .boardpack file to read' },
      period: { type: 'string', help: 'the reporting period, e.g. "2014/15 Q4"' },
      format: { type: 'string', help: 'xlsx, pdf or csv' },
      out: { type: 'string', help: 'the file to write (replaced if it exists and is not open elsewhere)' },
      variant: { type: 'string', help: 'appendix only: standard (one row per indicator, the default) or compact (one row per outcome)' },
      baseline: { type: 'string', help: 'scorecard only: the baseline financial year, e.g. 2023/24' },
      'project-to': { type: 'string', help: "scorecard only: the financial year to project to (default: the period's year)" },
      'open-only': { type: 'boolean', help: 'actions only: leave out closed actions' },
    },
    async run(values, positionals) {
      const what = positionals[0];
      if (what !== 'appendix' && what !== 'scorecard' && what !== 'actions') throw new UsageError('say what to export: "boardpack export appendix ...", "boardpack export scorecard ..." or "boardpack export actions ...".');
      const format = required(values, 'format');
      if (format !== 'xlsx' && format !== 'pdf' && format !== 'csv') throw new UsageError(`--format must be xlsx, pdf or csv, not "${format}".`);
      const out = path.resolve(required(values, 'out'));
      if (what === 'actions') {
        const written = await withWorkspace(required(values, 'workspace'), (s) => call(s, 'export.actions', { format, openOnly: values['open-only'] === true, path: out }));
        console.log(`Wrote ${written.path} (${written.bytes.toLocaleString('en-GB')} bytes).`);
        return 0;
      }
      const period = required(values, 'period');
      const result = await withWorkspace(required(values, 'workspace'), (s) => {
        if (what === 'scorecard') {
          const projectTo = values['project-to'];
          return call(s, 'export.scorecard', { period, baseline: required(values, 'baseline'), format, path: out, ...(typeof projectTo === 'string' ? { projectTo } : {}) });
        }
        const variant = values.variant === undefined ? undefined : String(values.variant);
        if (variant !== undefined && variant !== 'standard' && variant !== 'compact') throw new UsageError(`--variant must be standard or compact, not "${variant}".`);
        return call(s, 'export.appendix', { period, format, variant, path: out });
      });
      console.log(`Wrote ${result.path} (${result.bytes.toLocaleString('en-GB')} bytes).`);
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
        const c = await core();
        const ws = await c.Workspace.create(file, env());
        ws.mutate(() => c.setMeta(ws.db, 'title', c.titleFromFile(ws.file ?? file)));
        await ws.close();
        console.log(`Created an empty workspace: ${ws.file}`);
        return 0;
      }
      const from = values['indicators-from'];
      const c = await core();
      const board = await c.createBoardWorkspace(file, env(), { area, ...(typeof from === 'string' ? { indicatorsFrom: path.resolve(from) } : {}) });
      await board.workspace.close();
      for (const line of c.describeNewBoard(board)) console.log(line);
      return 0;
    },
  },
  areas: {
    summary: "List a workspace's areas, or change them: add, rename, retire, main, group, use-group, delete-group.",
    usage:
      'boardpack areas --workspace W [--json]\n' +
      '       boardpack areas add CODE_OR_NAME --workspace W [--parent CODE]       (from the built-in geography)\n' +
      '       boardpack areas add --code CODE --name NAME --kind KIND --workspace W [--parent CODE]   (by hand)\n' +
      '       boardpack areas rename CODE_OR_NAME --name NEW --workspace W\n' +
      '       boardpack areas retire CODE_OR_NAME --workspace W [--on YYYY-MM-DD] [--restore]\n' +
      "       boardpack areas main CODE_OR_NAME --workspace W                      (the board's main area)\n" +
      '       boardpack areas group NAME --members CODE,CODE,... --workspace W [--default]\n' +
      '       boardpack areas use-group NAME|--none --workspace W\n' +
      '       boardpack areas delete-group NAME --workspace W',
    options: {
      workspace: { type: 'string', help: 'the .boardpack file' },
      json: { type: 'boolean', help: 'list as JSON' },
      parent: { type: 'string', help: 'add: the code of the area above it (in the workspace)' },
      code: { type: 'string', help: 'add by hand: the area code' },
      name: { type: 'string', help: "add by hand, rename: the area's name" },
      kind: { type: 'string', help: 'add by hand: county, district, unitary, region, force, csp or comparator' },
      on: { type: 'string', help: 'retire: from this date, YYYY-MM-DD (default today)' },
      restore: { type: 'boolean', help: 'retire: bring a retired area back' },
      members: { type: 'string', help: 'group: the areas, ONS codes or names separated by commas' },
      default: { type: 'boolean', help: 'group: use it when an indicator names no group' },
      none: { type: 'boolean', help: 'use-group: compare with every area of the main area\'s kind' },
    },
    async run(values, positionals) {
      const [action, target, ...extra] = positionals;
      const file = required(values, 'workspace');
      if (extra.length > 0) throw new UsageError(`unexpected "${extra.join(' ')}": put names with spaces in quotes.`);
      if (action === undefined) {
        const page = await withWorkspace(file, (s) => call(s, 'areas.page', {}));
        if (values.json) {
          console.log(JSON.stringify(page, null, 2));
          return 0;
        }
        console.log(['code', 'name', 'kind', 'parent', 'population years', 'status'].join('\t'));
        for (const a of page.areas) {
          const status = [a.main ? 'main area' : '', a.retiredOn ? `retired ${a.retiredOn}` : ''].filter(Boolean).join(', ');
          console.log([a.code, a.name, a.kind, a.parentCode ?? '', a.populationYears.join(' '), status].join('\t'));
        }
        for (const g of page.groups) console.log(`Comparator group "${g.name}"${g.name === page.defaultGroup ? ' (default)' : ''}: ${g.memberCodes.join(', ')}`);
        return 0;
      }
      const need = (what: string) => {
        if (!target) throw new UsageError(`say which ${what}: "boardpack areas ${action} ${what.toUpperCase().replace(/ /g, '_')} --workspace W".`);
        return target;
      };
      let messages: string[] = [];
      let done: string;
      await withWorkspace(
        file,
        async (s) => {
          if (action === 'add') {
            if (target) {
              const r = await call(s, 'areas.add', { from: target, ...(typeof values.parent === 'string' ? { parentCode: values.parent } : {}) });
              messages = r.messages;
              const added = r.areas[r.areas.length - 1];
              done = `Added ${r.areas.find((a) => a.code === target.toUpperCase() || a.name.toLowerCase() === target.toLowerCase())?.name ?? added?.name ?? target}.`;
            } else {
              const kind = required(values, 'kind');
              const kinds = ['county', 'district', 'unitary', 'region', 'force', 'csp', 'comparator'] as const;
              if (!(kinds as readonly string[]).includes(kind)) throw new UsageError(`--kind must be one of ${kinds.join(', ')}, not "${kind}".`);
              await call(s, 'areas.add', { code: required(values, 'code'), name: required(values, 'name'), kind: kind as (typeof kinds)[number], ...(typeof values.parent === 'string' ? { parentCode: values.parent } : {}) });
              done = `Added ${String(values.name)} (${String(values.code).toUpperCase()}).`;
            }
          } else if (action === 'rename') {
            const name = required(values, 'name');
            await call(s, 'areas.rename', { area: need('area'), name });
            done = `Renamed ${target} to ${name}.`;
          } else if (action === 'retire') {
            const on = values.restore ? null : typeof values.on === 'string' ? values.on : new Date().toISOString().slice(0, 10);
            await call(s, 'areas.retire', { area: need('area'), on });
            done = on === null ? `Brought ${target} back.` : `Retired ${target} from ${on}; its values are kept.`;
          } else if (action === 'main') {
            await call(s, 'areas.setMain', { area: need('area') });
            done = `${target} is now the board's main area.`;
          } else if (action === 'group') {
            const members = required(values, 'members').split(',').map((m) => m.trim()).filter(Boolean);
            const r = await call(s, 'areas.saveGroup', { name: need('group name'), members, makeDefault: values.default === true });
            messages = r.messages;
            done = `Saved the comparator group "${target}" (${members.length} areas)${values.default === true ? ', used when an indicator names no group' : ''}.`;
          } else if (action === 'use-group') {
            if (values.none !== true) need('group name');
            await call(s, 'areas.useGroup', { name: values.none === true ? null : target! });
            done = values.none === true ? "Comparing with every area of the main area's kind." : `Using the comparator group "${target}" when an indicator names none.`;
          } else if (action === 'delete-group') {
            await call(s, 'areas.deleteGroup', { name: need('group name') });
            done = `Deleted the comparator group "${target}".`;
          } else {
            throw new UsageError(`"${action}" is not an areas command; use add, rename, retire, main, group, use-group or delete-group.`);
          }
        },
        'write',
      );
      for (const m of messages) console.log(m);
      console.log(done!);
      return 0;
    },
  },
  demo: {
    summary: 'Write the demo workspace (2014/15 Q4 appendix and Leicestershire police.uk data).',
    usage: 'boardpack demo --workspace FILE',
    options: { workspace: { type: 'string', help: 'the .boardpack file to write (it must not exist)' } },
    async run(values) {
      const ws = await (await core()).writeDemoWorkspace(path.resolve(required(values, 'workspace')), env());
      await ws.close();
      console.log(`Wrote the demo workspace: ${ws.file}`);
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
      const o = await withWorkspace(required(values, 'workspace'), (s) => call(s, 'workspace.overview', {}));
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
  values: {
    summary: 'Print stored and derived values as CSV.',
    usage: 'boardpack values --workspace FILE [--indicator TEXT] [--area CODE_OR_NAME] [--from YYYY-MM] [--to YYYY-MM]',
    options: {
      workspace: { type: 'string', help: 'the .boardpack file to read' },
      indicator: { type: 'string', help: "an indicator's name, or a unique part of it" },
      area: { type: 'string', help: 'an ONS code (E07000130) or area name (Charnwood)' },
      from: { type: 'string', help: 'first month, YYYY-MM' },
      to: { type: 'string', help: 'last month, YYYY-MM' },
    },
    async run(values) {
      const args: ApiArgs<'values.list'> = {};
      for (const key of ['indicator', 'area', 'from', 'to'] as const) {
        const v = values[key];
        if (typeof v === 'string') args[key] = v;
      }
      const { rows, notes } = await withWorkspace(required(values, 'workspace'), async (s) => ({
        rows: await call(s, 'values.list', args),
        // Why an area gets no rate or total from the areas within it (they do not cover it).
        notes: args.indicator ? await call(s, 'values.coverage', { indicator: args.indicator, ...(args.area ? { area: args.area } : {}) }) : [],
      }));
      process.stdout.write((await core()).valuesCsvText(rows));
      for (const n of notes) console.error(`Note: ${n}`);
      return 0;
    },
  },
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
    return await command.run(values as Record<string, string | boolean | string[] | undefined>, positionals);
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
