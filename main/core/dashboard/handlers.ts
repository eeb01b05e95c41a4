/** The dashboard's API methods: the appendix table of a period, with sparklines, and its exceptions. */
import { findArea } from '../areas';
import { seriesContext, sparklines } from '../charts';
import { requirePeriod } from '../periods';
import type { FeatureHandlers, Session } from '../session';
import { getMeta } from '../store/meta';
import { buildAppendix } from './appendix';
import { findExceptions } from './exceptions';

export function dashboardHandlers(session: Session): FeatureHandlers<'dashboard.get' | 'dashboard.exceptions'> {
  const ws = () => session.workspace;
  return {
    'dashboard.get': async ({ period, sparklines: withSparklines }) => {
      const db = ws().db;
      const found = requirePeriod(ws(), period);
      if (!withSparklines) return buildAppendix(db, found);
      // One pass: the appendix and the sparklines read the same series through one resolver.
      const shared = seriesContext(db);
      const code = getMeta(db, 'dashboard_area_code');
      return { ...buildAppendix(db, found, shared), sparklines: sparklines(db, found, code ? findArea(db, code) : undefined, shared) };
    },
    'dashboard.exceptions': async ({ period }) => findExceptions(ws().db, requirePeriod(ws(), period)),
  };
}
