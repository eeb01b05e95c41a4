import { describe, expect, it } from 'vitest';
import { appendixIndicatorCount, buildAppendix } from '../../../../main/core/dashboard';
import { listIndicators } from '../../../../main/core/indicators';
import { listPeriods } from '../../../../main/core/periods';
import { setMeta } from '../../../../main/core/store/meta';
import { ValueResolver } from '../../../../main/core/values';
import { demoSession } from '../demo-support';

const printed = (model: ReturnType<typeof buildAppendix>) => model.outcomes.reduce((sum, o) => sum + o.indicators.length, 0);

describe('counting the indicators a period prints (workspace.overview) without building its appendix', () => {
  it('counts what the appendix prints, for draft and published periods and the published one worked out afresh', async () => {
    const { workspace } = await demoSession();
    const db = workspace.db;
    const periods = listPeriods(db);
    expect(periods.map((p) => p.locked).sort()).toEqual([false, true]);
    const withOutcome = listIndicators(db).filter((i) => i.outcomeId !== null).length;
    const shared = { resolver: new ValueResolver(db, new Map(listIndicators(db).map((i) => [i.id, i]))) };
    for (const period of [...periods, ...periods.map((p) => ({ ...p, locked: false }))]) {
      const expected = printed(buildAppendix(db, period));
      expect(appendixIndicatorCount(db, period)).toBe(expected);
      expect(appendixIndicatorCount(db, period, shared)).toBe(expected);
    }
    // The draft period leaves out indicators with no figures for its area: the count is not just every indicator.
    const draft = periods.find((p) => !p.locked)!;
    expect(appendixIndicatorCount(db, draft)).toBeGreaterThan(0);
    expect(appendixIndicatorCount(db, draft)).toBeLessThan(withOutcome);
  });

  it('counts none in a draft period when the workspace has no main area, as the appendix prints none', async () => {
    const { workspace } = await demoSession();
    const db = workspace.db;
    workspace.mutate(() => setMeta(db, 'dashboard_area_code', 'E99999999'));
    const draft = listPeriods(db).find((p) => !p.locked)!;
    expect(printed(buildAppendix(db, draft))).toBe(0);
    expect(appendixIndicatorCount(db, draft)).toBe(0);
  });
});
