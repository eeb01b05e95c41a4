/**
 * ONS mid-year population estimates: a code column over totals headed "All ages", "Population"
 * or a year, from any sheet (in a workbook of persons, males and females, the persons sheet).
 */
import path from 'node:path';
import { applyPopulations } from '../apply-counts';
import { findPopulationHeader, onsPopulationFromRows, type OnsPopulationRow } from '../ons';
import { ImportError } from '../options';
import type { ImportShape, RecognisedFile } from './shape';

export interface RecognisedPopulation extends RecognisedFile {
  /** The sheet the estimates were read from. */
  sheet: string;
  rows: OnsPopulationRow[];
}

export const onsPopulation: ImportShape<RecognisedPopulation> = {
  name: 'ONS mid-year population estimates',
  async recognise(file) {
    const sheets = await file.sheets();
    const usable = file.choice?.sheet !== undefined ? sheets.filter((s) => s.name === file.choice!.sheet) : sheets;
    const populations = usable.filter((s) => findPopulationHeader(s.rows, { file: file.name, sheet: s.name }) !== undefined);
    // A workbook of estimates has a sheet for persons, then males and females: persons is the total.
    const population = populations.find((s) => /persons/i.test(s.name)) ?? populations[0];
    if (!population) return null;
    const rows = onsPopulationFromRows(population.rows, { file: file.name, sheet: population.name, year: file.options.populationYear });
    if (!rows.ok) throw new ImportError(rows.error);
    return { file: file.path, recordedSheet: '', format: 'ons-population', sheet: population.name, rows: rows.value };
  },
  async apply(r, tx) {
    const applied = await applyPopulations(tx.db, r.rows, tx.importId, `ONS mid-year estimates (${path.basename(r.file)})`, tx.pause);
    tx.add(applied);
    if (applied.notInWorkspace > 0) tx.report.skipped.push({ reason: `areas in ${path.basename(r.file)} that are not in this workspace`, count: applied.notInWorkspace });
    const years = [...new Set(r.rows.map((x) => x.year))].join(', ');
    tx.report.files.push({ file: path.basename(r.file), sheet: r.sheet, shape: 'ons-population', summary: `ONS mid-year population estimates (${years}), ${new Set(r.rows.map((x) => x.code)).size} areas` });
  },
};
