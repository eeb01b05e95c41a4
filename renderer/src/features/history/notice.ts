/** The words of undo notices and when a message about a change stops being true (no React here). */
import type { HistoryState } from '../../../../shared/api/types';

/** The longest action name said in full in the bar; longer ones are cut at a word ("..."), with the whole in the tooltip. */
export const NOTICE_CHARACTERS = 70;

export function shortLabel(label: string, max = NOTICE_CHARACTERS): string {
  if (label.length <= max) return label;
  const cut = label.lastIndexOf(' ', max - 3);
  return `${label.slice(0, cut > max / 2 ? cut : max - 3).replace(/[\s,;:.(-]+$/, '')}...`;
}

/** True when `entryId` is known to the history and no longer on its undo stack (it was undone). */
export function wasUndone(history: HistoryState, entryId: number): boolean {
  const done = history.done.some((e) => e.id === entryId);
  const undone = history.undone.some((e) => e.id === entryId);
  return undone && !done;
}
