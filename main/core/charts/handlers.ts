/** The charts' API methods: a trend, the dashboard's sparklines, districts against their county. */
import { findArea, requireArea } from '../areas';
import { AnalystError } from '../errors';
import { requireIndicatorNamed } from '../indicators';
import { requirePeriod } from '../periods';
import type { FeatureHandlers, Session } from '../session';
import { getMeta } from '../store/meta';
import { districtComparison, sparklines, trend } from './charts';

export function chartsHandlers(session: Session): FeatureHandlers<'chart.trend' | 'chart.sparklines' | 'chart.districts'> {
  const ws = () => session.workspace;
  return {
    'chart.trend': async ({ indicator, area, from, to, rebase, view }) => trend(ws().db, requireIndicatorNamed(ws().db, indicator), requireArea(ws().db, area), { from, to, rebase, view }),
    'chart.sparklines': async ({ period }) => {
      const db = ws().db;
      const code = getMeta(db, 'dashboard_area_code');
      return sparklines(db, requirePeriod(ws(), period), code ? findArea(db, code) : undefined);
    },
    'chart.districts': async ({ indicator, period }) => {
      const db = ws().db;
      const code = getMeta(db, 'dashboard_area_code');
      const county = code ? findArea(db, code) : undefined;
      if (!county) throw new AnalystError('not_found', 'This workspace has no dashboard area (county) to compare districts with.');
      return districtComparison(db, requireIndicatorNamed(db, indicator), county, requirePeriod(ws(), period).name);
    },
  };
}
