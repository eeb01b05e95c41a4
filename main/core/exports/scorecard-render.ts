/**
 * Exporting the plan scorecard to xlsx, pdf or csv, with the file name to offer
 * ("Plan Scorecard - Safer Communities Performance Dashboard 2024-25 Q3.pdf").
 */
import type { ScorecardModel } from '../../../shared/domain/scorecard';
import { suggestedFileName } from './filename';
import { scorecardCsv } from './scorecard-csv';
import { writeScorecardPdf } from './scorecard-pdf';
import { writeScorecardXlsx } from './scorecard-xlsx';

export async function renderScorecard(model: ScorecardModel, format: 'xlsx' | 'pdf' | 'csv', options: { author: string }): Promise<{ bytes: Buffer; fileName: string }> {
  const fileName = suggestedFileName(model.title, format);
  switch (format) {
    case 'xlsx':
      return { bytes: await writeScorecardXlsx(model, options), fileName };
    case 'pdf':
      return { bytes: await writeScorecardPdf(model, options), fileName };
    case 'csv':
      return { bytes: Buffer.from(scorecardCsv(model), 'utf8'), fileName };
  }
}
