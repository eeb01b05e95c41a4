/** The dashboard's sentences about the period on screen, and the undo notices' words (issue 14). */
import { describe, expect, it } from 'vitest';
import type { HistoryState, ReportingPeriod, Sparkline } from '../../shared/api/types';
import { dataEnd, monthInWords, startHereText } from '../../renderer/src/features/dashboard/words';
import { NOTICE_CHARACTERS, shortLabel, wasUndone } from '../../renderer/src/features/history/notice';

const period = (name: string, lastMonth: string, locked: boolean): ReportingPeriod => ({ id: name.length, name, lastMonth, title: null, locked });
const DRAFT = period('2024/25 Q3', '2024-12', false);
const PUBLISHED = period('2014/15 Q4', '2015-03', true);
const spark = (kind: 'monthly' | 'yearly', last: string | null): Sparkline => ({ indicatorId: 1, kind, points: [1, 2], decimals: 0, first: null, last, spc: null });

describe('Start here speaks of the period on screen', () => {
  it('names the period shown and only the others as also held', () => {
    const text = startHereText([DRAFT, PUBLISHED], DRAFT);
    expect(text).toContain('On screen: 2024/25 Q3, worked out from real police.uk and ONS figures');
    expect(text).toContain('It also holds 2014/15 Q4 (published): pick it under Reporting period.');
    expect(text).not.toContain('On screen: 2014/15 Q4');
  });
  it('says a published period is as the board published it', () => {
    const text = startHereText([DRAFT, PUBLISHED], PUBLISHED);
    expect(text).toContain('On screen: 2014/15 Q4, an appendix as the board published it (locked).');
    expect(text).toContain('It also holds 2024/25 Q3: pick it');
  });
  it('lists several other periods', () => {
    expect(startHereText([period('2024/25 Q4', '2025-03', false), DRAFT, PUBLISHED], DRAFT)).toContain('It also holds 2024/25 Q4, 2014/15 Q4 (published): pick one');
  });
});

describe('where the data end', () => {
  it('is the latest month of any monthly series; yearly series and empty ones do not count', () => {
    expect(dataEnd([spark('monthly', '2024-11'), spark('monthly', '2024-12'), spark('yearly', '2025-03'), spark('monthly', null)])).toBe('2024-12');
    expect(dataEnd([spark('yearly', '2015-03')])).toBeNull();
  });
  it('writes months in full', () => {
    expect(monthInWords('2024-12')).toBe('December 2024');
    expect(monthInWords('2025-01')).toBe('January 2025');
  });
});

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
