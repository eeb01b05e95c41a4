/**
 * Long jobs as every side sees them: which API calls start one, the progress of "nothing
 * running", the import's older progress shape derived from a job's, and the progress in
 * words for the screen. Kept apart from the contract so the renderer can use it without zod.
 */
import type { ImportProgress, JobKind, JobPhase, JobProgress } from './types';

/** The API calls that run as a long job, and which kind: progress events and Cancel refer to them. */
export const JOB_METHODS: Readonly<Record<string, JobKind>> = {
  'import.files': 'import',
  'import.uploaded': 'import',
  'export.agendaPack': 'export',
  'workspace.restoreBackup': 'restore',
};

/** What the analyst is told when they cancel the agenda pack export (by the core, or the window if it was still drawing the charts). */
export const AGENDA_PACK_CANCELLED = 'Agenda pack not exported: you cancelled it, so no file was saved.';

export const NO_JOB: JobProgress = { running: false, kind: null, phase: null, done: 0, total: 0, fraction: 0, file: '', cancelled: false };

/** The progress a job starts with, before it has said anything. */
export function startingJob(kind: JobKind): JobProgress {
  const phase: JobPhase = kind === 'import' ? 'reading' : kind === 'export' ? 'preparing' : 'restoring';
  return { ...NO_JOB, running: true, kind, phase };
}

const IMPORT_PHASES = new Set<JobPhase>(['reading', 'storing', 'saving']);

/** `import.progress`: the running job's progress if it is an import, else "no import running". */
export function importProgressOf(job: JobProgress): ImportProgress {
  if (!job.running || job.kind !== 'import') return { running: false, file: '', fraction: 0, cancelled: false };
  return { running: true, file: job.file, fraction: job.fraction, cancelled: job.cancelled, ...(job.phase && IMPORT_PHASES.has(job.phase) ? { phase: job.phase as ImportProgress['phase'] } : {}) };
}

const PHASE_WORDS: Record<JobPhase, string> = {
  reading: 'Reading the files',
  storing: 'Storing the values',
  saving: 'Saving the workspace',
  preparing: "Preparing the indicators' pages",
  'laying-out': 'Laying out the pages',
  writing: 'Writing the file',
  restoring: 'Restoring the backup',
};

/** What the job is doing, in words: "Preparing the indicators' pages: 3 of 12". */
export function jobPhaseText(job: Pick<JobProgress, 'phase' | 'done' | 'total'>): string {
  if (!job.phase) return '';
  const words = PHASE_WORDS[job.phase];
  return job.total > 0 ? `${words}: ${Math.min(job.done, job.total)} of ${job.total}` : words;
}
