/**
 * The words of an import's summary (ImportPage shows them): per file what was recognised, the
 * totals, what was left out, the published values left alone, and what was (or would be)
 * created. A dry run says "Would add"; the real import "Added".
 */
import type { ImportReport } from '../../../../shared/api/types';

export interface ImportSummaryText {
  files: Array<{ key: string; file: string; detail: string }>;
  totals: string;
  skipped: string[];
  conflicts: string | null;
  created: string[];
}

export function importSummaryText(report: ImportReport): ImportSummaryText {
  const verb = report.dryRun ? 'Would add' : 'Added';
  return {
    files: report.files.map((f) => ({ key: `${f.file}/${f.sheet}`, file: f.file, detail: `${f.sheet ? ` (sheet "${f.sheet}")` : ''}: ${f.summary}` })),
    totals: `${verb} ${report.added} values; ${report.changed.length} changed; ${report.unchanged} unchanged.`,
    skipped: report.skipped.map((k) => `Left out ${k.count.toLocaleString('en-GB')} ${k.reason}.`),
    conflicts:
      report.conflicts.length > 0 ? `${report.conflicts.length} values belong to a published (locked) period and differ from what was published: they are left as published.` : null,
    created: report.created.map((c) => `${report.dryRun ? 'Would create' : 'Created'} ${c}.`),
  };
}
