/** The Indicators page's API methods: outcomes and indicator definitions, and finding an indicator by name. */
import type { Indicator } from '../../../shared/api/types';
import { AnalystError } from '../errors';
import type { FeatureHandlers, Session } from '../session';
import type { Sqlite } from '../store/sqlite';
import { catalogue, reorderIndicators, reorderOutcomes, saveIndicator, saveOutcome, setIndicatorArchived, setOutcomeArchived } from './definitions';
import { findIndicator } from './repo';

/** The one indicator this text names (whole or part of its name), or an error that says what it matched. */
export function requireIndicatorNamed(db: Sqlite, text: string): Indicator {
  const found = findIndicator(db, text);
  if (!found) throw new AnalystError('not_found', `No indicator is called "${text}" (or has it in its name).`);
  if (Array.isArray(found)) {
    throw new AnalystError('invalid_arguments', `"${text}" matches ${found.length} indicators: ${found.slice(0, 5).map((i) => `"${i.name}"`).join(', ')}${found.length > 5 ? ', ...' : ''}. Give more of the name.`);
  }
  return found;
}

type Methods =
  | 'indicators.list' | 'outcomes.save' | 'outcomes.archive' | 'outcomes.restore' | 'outcomes.reorder'
  | 'indicators.save' | 'indicators.archive' | 'indicators.restore' | 'indicators.reorder';

export function indicatorsHandlers(session: Session): FeatureHandlers<Methods> {
  const ws = () => session.workspace;
  return {
    'indicators.list': async () => catalogue(ws()),
    'outcomes.save': async (input) => saveOutcome(ws(), session.history, input),
    'outcomes.archive': async ({ id }) => setOutcomeArchived(ws(), session.history, id, true),
    'outcomes.restore': async ({ id }) => setOutcomeArchived(ws(), session.history, id, false),
    'outcomes.reorder': async ({ ids }) => {
      reorderOutcomes(ws(), session.history, ids);
      return catalogue(ws());
    },
    'indicators.save': async ({ dryRun, ...input }) => saveIndicator(ws(), session.history, input, { dryRun }),
    'indicators.archive': async ({ id }) => setIndicatorArchived(ws(), session.history, id, true),
    'indicators.restore': async ({ id }) => setIndicatorArchived(ws(), session.history, id, false),
    'indicators.reorder': async ({ outcomeId, ids }) => {
      reorderIndicators(ws(), session.history, outcomeId, ids);
      return catalogue(ws());
    },
  };
}
