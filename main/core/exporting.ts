/**
 * Exporting the appendix: one model (the one the dashboard shows) to xlsx, pdf or csv, with
 * the file name the officer expects ("Appendix 1 - ... 2014-15 Q4.pdf").
 */
import type { AppendixModel } from '../../shared/domain/appendix';
import { appendixCsv } from './export/csv';
import { suggestedFileName } from './export/filename';
import { writeAppendixPdf } from './export/pdf';
import { writeAppendixXlsx } from './export/xlsx';

export type ExportFormat = 'xlsx' | 'pdf' | 'csv';
export type ExportVariant = 'standard' | 'compact';

export async function renderAppendix(model: AppendixModel, format: ExportFormat, options: { author: string; variant?: ExportVariant }): Promise<{ bytes: Buffer; fileName: string }> {
  const fileName = suggestedFileName(model.title, format);
  switch (format) {
    case 'xlsx':
      return { bytes: await writeAppendixXlsx(model, options), fileName };
    case 'pdf':
      return { bytes: await writeAppendixPdf(model, options), fileName };
    case 'csv':
      return { bytes: Buffer.from(appendixCsv(model), 'utf8'), fileName };
  }
}
