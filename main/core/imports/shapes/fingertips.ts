/** A Fingertips (OHID) "download data" export, from any sheet, read as the tidy table it holds. */
import type { ImportColumnRole } from '../../../../shared/api/types';
import { FINGERTIPS_BREAKDOWN_COLUMNS, FINGERTIPS_MAPPING, FINGERTIPS_REASONS, isFingertipsHeader, readFingertips } from '../fingertips';
import { ImportError } from '../options';
import { chooseTable } from '../table-choice';
import { detectLayout, type TableLayout } from '../table-shape';
import type { ImportShape } from './shape';
import { recognisedTable, TABLE_STEPS, type RecognisedTable } from './table';

export const fingertips: ImportShape<RecognisedTable> = {
  name: 'Fingertips export',
  async recognise(file) {
    const sheet = (await file.sheets()).find((s) => isFingertipsHeader(s.rows[0] ?? []));
    if (!sheet) return null;
    const { ctx, choice } = file;
    const read = readFingertips(sheet.rows, file.name);
    if (!read.ok) throw new ImportError(read.error);
    const rows = read.value.rows;
    // Sex, Age and Category are breakdowns where they vary for an indicator anywhere in the file
    // (not only in the rows detection samples); elsewhere each holds one value, named in the summary.
    const breakdowns = FINGERTIPS_BREAKDOWN_COLUMNS.map((index) => ({ index, role: (read.value.varying.includes(index) ? 'breakdown' : 'ignore') as ImportColumnRole }));
    const mapping = { ...FINGERTIPS_MAPPING, columns: [...(FINGERTIPS_MAPPING.columns ?? []), ...breakdowns] };
    const detect = (r: string[][]): TableLayout | null => {
      const layout = detectLayout(r, ctx, mapping);
      if (layout) {
        for (const c of layout.columns) {
          const fixedReason = FINGERTIPS_REASONS[c.index];
          if (fixedReason) c.reason = fixedReason;
          else if (c.role === 'breakdown') c.reason = `a Fingertips export: "${c.header}" takes several values for one indicator: each becomes its own series, or filter to one`;
          else c.reason = `a Fingertips export: "${c.header}" holds one value for each indicator (named in the file summary)`;
        }
      }
      return layout;
    };
    // The analyst's choices (filters, roles) are made on top of the export's own mapping.
    const merged = choice ? { ...choice, headerRow: choice.headerRow ?? 1, columns: [...mapping.columns, ...(choice.columns ?? [])] } : undefined;
    const table = chooseTable(file.workspace, file.path, [{ name: sheet.name, rows }], ctx, merged, detect);
    if (!table) return null;
    const indicators = read.value.indicators.map((i) => `${i.id} ${i.name}${i.breakdown ? ` (${i.breakdown})` : ''}`);
    const summary = `a Fingertips export of indicator${indicators.length === 1 ? '' : 's'} ${indicators.slice(0, 10).join('; ')}${indicators.length > 10 ? `; and ${indicators.length - 10} more` : ''}`;
    return recognisedTable(table, rows, ',', { summary, problems: read.value.problems });
  },
  ...TABLE_STEPS,
};
