/** The words and numbers the Backups dialog shows for a restore and the backups it lists (kept apart for unit tests). */
import type { Backup, JobProgress } from '../../../../shared/api/types';
import { jobPhaseText } from '../../../../shared/api/jobs';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** When a backup was saved, in the computer's own time, to the second (two saves a minute apart are told apart): "2 Dec 2026, 14:32:05". */
export function savedAtText(savedAt: string): string {
  const d = new Date(savedAt);
  if (Number.isNaN(d.getTime())) return savedAt;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}, ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** A file's size in words: "316 KB", "1.4 MB". */
export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en-GB')} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * The restore's line above its bar: "Restoring the backup: 45%", "Cancelling..." once Cancel
 * was pressed; before the core has said anything, the restore's own words at 0%.
 */
export function restoreProgressText(progress: JobProgress | null): string {
  if (progress?.cancelled) return 'Cancelling...';
  const words = progress && progress.kind === 'restore' ? jobPhaseText(progress) : 'Restoring the backup';
  return `${words || 'Restoring the backup'}: ${Math.round((progress?.kind === 'restore' ? progress.fraction : 0) * 100)}%`;
}

/** The label of a backup's Restore button, naming the version (each row's button is told apart). */
export function restoreLabel(backup: Backup): string {
  return `Restore the version saved ${savedAtText(backup.savedAt)}`;
}
