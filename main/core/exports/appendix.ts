/**
 * Exporting the appendix: one model (the one the dashboard shows) to xlsx, pdf or csv, with
 * the file name the officer expects ("Appendix 1 - ... 2014-15 Q4.pdf").
 */
import type { AppendixModel } from '../../../shared/domain/appendix';
import { appendixCsv } from './csv';
import { suggestedFileName } from './filename';
import { writeAppendixPdf } from './pdf';
import { writeAppendixXlsx } from './xlsx';
import { writeAppendixWithActionLogXlsx, type ActionLogSheetOptions } from './actions-xlsx';
import type { ActionLogEntry } from '../../../shared/api/types';

export type ExportFormat = 'xlsx' | 'pdf' | 'csv';
export type ExportVariant = 'standard' | 'compact';

export async function renderAppendix(model: AppendixModel, format: ExportFormat, options: { author: string; variant?: ExportVariant; actionLog?: ActionLogSheetOptions & { entries: readonly ActionLogEntry[] } }): Promise<{ bytes: Buffer; fileName: string }> {
  const fileName = suggestedFileName(model.title, format);
  switch (format) {
    case 'xlsx':
      // The action log, when there is one, travels as a second sheet.
      return { bytes: options.actionLog ? await writeAppendixWithActionLogXlsx(model, options, options.actionLog) : await writeAppendixXlsx(model, options), fileName };
    case 'pdf':
      return { bytes: await writeAppendixPdf(model, options), fileName };
    case 'csv':
      return { bytes: Buffer.from(appendixCsv(model), 'utf8'), fileName };
  }
}
