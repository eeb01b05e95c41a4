/** The dashboard's sentences about the period on screen (issue 14). */
import { describe, expect, it } from 'vitest';
import type { ReportingPeriod, Sparkline } from '../../../../shared/api/types';
import { dataEnd, monthInWords, startHereText } from '../../../../renderer/src/features/dashboard/words';

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
