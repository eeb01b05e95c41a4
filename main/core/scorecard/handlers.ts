/** The Scorecard page's method: the same model `boardpack export scorecard` writes. */
import { AnalystError } from '../errors';
import type { FeatureHandlers, Session } from '../session';
import { buildScorecard } from './scorecard';

export function scorecardHandlers(session: Session): FeatureHandlers<'scorecard.get'> {
  return {
    'scorecard.get': async ({ period, baseline, projectTo }) => {
      try {
        return buildScorecard(session.workspace.db, { period, baseline, ...(projectTo ? { projectTo } : {}) });
      } catch (error) {
        // buildScorecard throws only messages for the analyst (an unknown period, a malformed year).
        throw new AnalystError('invalid_arguments', (error as Error).message);
      }
    },
  };
}
