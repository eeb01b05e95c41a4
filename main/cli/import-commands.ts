/** The commands that import files, list and undo imports, and write the import template. */
import path from 'node:path';
import type { ApiArgs } from '../../shared/api/contract';
import { IMPORT_COLUMN_ROLES, type ImportColumn, type ImportProblem } from '../../shared/api/types';
import { call, quickWasm, required, UsageError, withSession, type Command, type Values } from './common';

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
function tableChoice(values: Values): Omit<TableChoice, 'file'> | null {
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


export const importCommands = {
  imports: {
    summary: 'List the imports recorded in a workspace, newest first.',
    usage: 'boardpack imports --workspace W [--json]',
    options: { workspace: { type: 'string', help: 'the .boardpack file to read' }, json: { type: 'boolean', help: 'print JSON' } },
    async run(values) {
      const list = await withSession(required(values, 'workspace'), (s) => call(s, 'imports.list', {}));
      if (values.json) console.log(JSON.stringify(list, null, 2));
      else for (const i of list) console.log(`${i.id}\t${i.importedAt.slice(0, 16).replace('T', ' ')}\t${i.osUser}\t${i.files.join(', ')}${i.undoneAt ? '\t(undone)' : ''}`);
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
      const r = await withSession(required(values, 'workspace'), (s) => call(s, 'imports.undo', id === undefined ? {} : { id }), 'write');
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
      quickWasm();
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
      const report = await withSession(required(values, 'workspace'), (s) => call(s, 'import.files', args), values['dry-run'] === true ? 'read' : 'write');
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
      const written = await withSession(required(values, 'workspace'), (s) => call(s, 'import.template', { path: out }));
      console.log(`Wrote ${written.path}.`);
      return 0;
    },
  },
} satisfies Record<string, Command>;
