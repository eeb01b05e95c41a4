/**
 * Tidy and wide tables (one value per row, or periods or areas across), from any sheet of an
 * .xlsx, .csv, .tsv or .txt: the shape tried last. A large CSV (large-csv.ts) and a Fingertips
 * export (fingertips.ts) are read and stored the same way.
 */
import path from 'node:path';
import type { ImportProblem } from '../../../../shared/api/types';
import { LockedPeriodRule } from '../../periods';
import { applyTable } from '../apply-table';
import { rememberMapping } from '../mappings';
import { ImportError } from '../options';
import { chooseTable, type ChosenTable } from '../table-choice';
import { tablePlan } from '../table-plan';
import { readTable } from '../table-read';
import { TableReader, type ReadTable } from '../table-rows';
import type { ImportShape, ImportTransaction, RecognisedFile } from './shape';

/** A tidy or wide table: rows in memory, or (a large CSV) streamed when read. */
export interface RecognisedTable extends ChosenTable, RecognisedFile {
  rows: string[][] | null;
  delimiter: string;
  /** A publisher's export turned into a tidy table (Fingertips): what to add to the file's summary, and problems found while turning it. */
  publisher?: { summary: string; problems: ImportProblem[] };
  /** Its values, once planned. */
  read: ReadTable | null;
}

/** A chosen table as a recognised file. */
export function recognisedTable(table: ChosenTable, rows: string[][] | null, delimiter: string, publisher?: RecognisedTable['publisher']): RecognisedTable {
  return { ...table, recordedSheet: table.sheet, format: table.layout.shape, rows, delimiter, ...(publisher ? { publisher } : {}), read: null };
}

/** The plan and apply steps every table shape shares. */
export const TABLE_STEPS: Pick<ImportShape<RecognisedTable>, 'plan' | 'apply'> = {
  // Tables are read before the transaction (a large CSV streams, and can be cancelled).
  async plan(r, run) {
    const where = `"${path.basename(r.file)}"${r.sheet ? `, sheet "${r.sheet}"` : ''}`;
    if (r.layout.blocking && !run.options.dryRun) throw new ImportError(`${where}: ${r.layout.blocking} Choose what each column holds on the Import screen.`);
    const read = r.layout.blocking ? new TableReader(path.basename(r.file), r.sheet, r.layout, run.ctx, { checkWidth: false }).result : await readTable(r, run.ctx, run.options);
    run.report.tables ??= [];
    return { ...r, read };
  },
  apply: applyRecognisedTable,
};

export const table: ImportShape<RecognisedTable> = {
  name: 'tidy or wide table',
  async recognise(file) {
    const sheets = await file.sheets();
    const chosen = chooseTable(file.workspace, file.path, sheets, file.ctx, file.choice);
    if (!chosen) return null;
    return recognisedTable(chosen, sheets.find((s) => s.name === chosen.sheet)!.rows, ',');
  },
  ...TABLE_STEPS,
};

async function applyRecognisedTable(r: RecognisedTable, tx: ImportTransaction): Promise<void> {
  const { db, options, report } = tx;
  const name = path.basename(r.file);
  const read = r.read!;
  let duplicates: ImportProblem[] = [];
  let duplicateCount = 0;
  let refused: string | null = null;
  if (!r.layout.blocking) {
    const applied = await applyTable(db, read, {
      importId: tx.importId,
      createAreas: options.createAreas === true,
      indicatorChoices: options.indicators ?? [],
      locked: LockedPeriodRule.of(db),
      source: `imported from ${name}`,
      onStep: (done, total) => {
        if (options.shouldStop?.()) throw new ImportError('The import was cancelled: nothing was changed.');
        options.onProgress?.({ file: name, fraction: done / total, phase: 'storing' });
      },
      pause: tx.pause,
    });
    if (applied.ambiguousCount > 0) {
      // Never a silent choice between two figures: the whole import is refused.
      const first = applied.ambiguous[0]!;
      const more = applied.ambiguousCount - 1;
      refused = `Rows ${first.problem.replace(/^rows /, '')}: ${first.fix}.${more > 0 ? ` ${more.toLocaleString('en-GB')} more ${more === 1 ? 'row is' : 'rows are'} like it.` : ''}`;
      if (!options.dryRun) throw new ImportError(`"${name}"${r.sheet ? `, sheet "${r.sheet}"` : ''}: ${refused} Nothing was imported.`);
    }
    tx.add(applied);
    duplicates = [...applied.ambiguous, ...applied.duplicates];
    duplicateCount = applied.ambiguousCount + applied.duplicateCount;
    if (applied.conflictCount > applied.conflicts.length) {
      report.skipped.push({ reason: `of the values in ${name}, for months a locked (published) period uses: left as published (the first ${applied.conflicts.length} are listed as conflicts)`, count: applied.conflictCount });
    }
    if (applied.unmatchedValues > 0) {
      const names = read.areas.filter((a) => !a.existing && a.rows > 0).map((a) => a.name ?? a.text);
      report.skipped.push({ reason: `of the values in ${name}, for areas not in this workspace (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''})`, count: applied.unmatchedValues });
    }
    if (!options.dryRun && r.mappingSource !== 'detected') {
      rememberMapping(db, r.signature, {
        headerRow: r.layout.headerIndex + 1,
        columns: r.layout.columns.map((c) => ({ header: c.header, role: c.role })),
        fixed: r.layout.fixed,
        filters: r.layout.filters.map((f) => ({ column: f.header, value: f.value })),
        savedAt: tx.workspace.env.now().toISOString(),
      });
    }
  }
  const plan = tablePlan(r, read, duplicates, duplicateCount, options.createAreas === true, options.indicators ?? [], refused);
  if (read.rowsFilteredOut > 0) {
    const filters = r.layout.filters.map((f) => `"${f.header}" is "${f.value}"`).join(' and ');
    report.skipped.push({ reason: `of the rows of ${name}: not the ones where ${filters} (your filter)`, count: read.rowsFilteredOut });
  }
  for (const f of r.layout.filters) {
    const seen = read.breakdownValues.get(f.index) ?? [];
    if (!seen.some((x) => x.toLowerCase() === f.value.toLowerCase())) {
      report.warnings.push(`No row of ${name} has "${f.header}" = "${f.value}"; it holds ${seen.slice(0, 10).map((x) => `"${x}"`).join(', ')}${seen.length > 10 ? ', ...' : ''}.`);
    }
  }
  report.tables!.push(plan);
  if (plan.problemCount > 0) report.skipped.push({ reason: `of the rows of ${name}: each has a problem, listed with its row and column`, count: plan.problemCount });
  if (read.blankValues > 0) report.skipped.push({ reason: `of the value cells in ${name}: blank`, count: read.blankValues });
  const areaCount = read.areas.filter((a) => a.rows > 0).length;
  report.files.push({
    file: name,
    sheet: r.sheet,
    shape: r.layout.shape,
    summary: r.layout.blocking
      ? `a ${r.layout.shape} table that needs its columns chosen`
      : refused
      ? `a ${r.layout.shape} table that cannot be imported as mapped: ${refused}`
      : `${r.publisher ? `${r.publisher.summary}, read as ` : ''}a ${r.layout.shape} table: ${plan.valuesRead.toLocaleString('en-GB')} values of ${read.indicators.length} indicator${read.indicators.length === 1 ? '' : 's'} for ${areaCount} area${areaCount === 1 ? '' : 's'}`,
  });
}
