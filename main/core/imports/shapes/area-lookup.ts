/** An ONS district -> community safety partnership -> police force area lookup (by its header names or its codes), from any sheet. */
import path from 'node:path';
import { applyAreaLookup } from '../apply-lookup';
import { areaLookupFromRows, looksLikeAreaLookup, type AreaLookupRow } from '../ons';
import { ImportError } from '../options';
import type { ImportShape, RecognisedFile } from './shape';

export interface RecognisedLookup extends RecognisedFile {
  rows: AreaLookupRow[];
}

export const areaLookup: ImportShape<RecognisedLookup> = {
  name: 'ONS area lookup',
  async recognise(file) {
    const sheets = await file.sheets();
    const usable = file.choice?.sheet !== undefined ? sheets.filter((s) => s.name === file.choice!.sheet) : sheets;
    const lookup = usable.find((s) => looksLikeAreaLookup(s.rows));
    if (!lookup) return null;
    const rows = areaLookupFromRows(lookup.rows, file.name);
    if (!rows.ok) throw new ImportError(rows.error);
    return { file: file.path, recordedSheet: '', format: 'area-lookup', rows: rows.value };
  },
  apply(r, tx) {
    const applied = applyAreaLookup(tx.db, r.rows, tx.importId);
    if (applied.added > 0) tx.changedStructure();
    tx.add({ added: 0, unchanged: 0, changed: [], created: applied.created });
    if (applied.notInWorkspace > 0) tx.report.skipped.push({ reason: `districts in ${path.basename(r.file)} that are not in this workspace`, count: applied.notInWorkspace });
    tx.report.files.push({
      file: path.basename(r.file),
      sheet: '',
      shape: 'area-lookup',
      summary: `an ONS district to community safety partnership to police force area lookup, ${r.rows.length} districts (${applied.rowsUsed} used, ${applied.added} new areas)`,
    });
  },
};
