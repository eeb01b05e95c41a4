/**
 * The agenda pack's progress as the dashboard shows it: first the charts drawn here, then the
 * core's job (preparing the indicators' pages, laying out the pages, writing the file), each
 * with how far it has got.
 */
import { jobPhaseText } from '../../../../shared/api/jobs';
import type { JobProgress } from '../../../../shared/api/types';

export interface PackProgress {
  text: string;
  /** 0 to 1, for the progress bar; undefined while it cannot be counted. */
  fraction: number | undefined;
  cancelled: boolean;
}

/** While the charts are drawn in this window. */
export function drawingProgress(done: number, total: number, cancelled: boolean): PackProgress {
  return { text: total > 0 ? `Drawing the charts: ${done} of ${total} indicators` : 'Drawing the charts', fraction: total > 0 ? done / total : undefined, cancelled };
}

/** While Boardpack makes the PDF: the job's phase and count ("Laying out the pages: 3 of 18"). */
export function jobStepProgress(job: JobProgress, cancelled: boolean): PackProgress {
  const counted = job.total > 0 || job.fraction > 0;
  const percent = job.total === 0 && job.fraction > 0 ? `: ${Math.round(job.fraction * 100)}%` : '';
  return { text: `${jobPhaseText(job) || 'Making the PDF'}${percent}`, fraction: counted ? job.fraction : undefined, cancelled: cancelled || job.cancelled };
}
