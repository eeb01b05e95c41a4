/** The undo notices' words, and when a message about a change stops being true (issue 14). */
import { describe, expect, it } from 'vitest';
import type { HistoryState } from '../../../../shared/api/types';
import { NOTICE_CHARACTERS, shortLabel, wasUndone } from '../../../../renderer/src/features/history/notice';

describe('undo notices', () => {
  it('keep short labels whole and cut long ones at a word', () => {
    expect(shortLabel('Set the progress RAG of Burglary rate')).toBe('Set the progress RAG of Burglary rate');
    const long = `Edit the comment for ${'Reduce offending and re-offending, with a particular focus on earlier intervention '.repeat(3)}`;
    const cut = shortLabel(long);
    expect(cut.length).toBeLessThanOrEqual(NOTICE_CHARACTERS);
    expect(cut.endsWith('...')).toBe(true);
    // Cut between words: what is kept is a prefix of the label ending at a whole word.
    const kept = cut.slice(0, -3);
    expect(long.startsWith(kept)).toBe(true);
    expect(long.charAt(kept.length)).toMatch(/[\s,]/);
  });
  it('say a change was undone only when the history knows it and it is on the redo side', () => {
    const entry = (id: number) => ({ id, label: `change ${id}`, at: '2025-02-10T09:00:00Z', canRedo: true });
    const state = (done: number[], undone: number[]): HistoryState => ({ undo: null, redo: null, done: done.map(entry), undone: undone.map(entry) });
    expect(wasUndone(state([3, 2], []), 3)).toBe(false);
    expect(wasUndone(state([2], [3]), 3)).toBe(true);
    // Not yet known (the history has not reloaded since the save): not undone.
    expect(wasUndone(state([2], []), 3)).toBe(false);
  });
});
