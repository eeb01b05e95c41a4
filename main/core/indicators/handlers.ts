/** The Indicators page's API methods, joined into the handler table by api.ts. */
import type { ApiArgs, ApiResult, MethodName } from '../../../shared/api/contract';
import type { EditingResults } from '../../../shared/api/editing-contract';
import type { Workspace } from '../store/workspace';
import { catalogue, reorderIndicators, reorderOutcomes, saveIndicator, saveOutcome, setIndicatorArchived, setOutcomeArchived } from './definitions';
import { setValues, valueHistory, valuesGrid } from '../values/editing';

type EditingHandlers = { [M in keyof EditingResults & MethodName]: (args: ApiArgs<M>) => Promise<ApiResult<M>> };

export function editingHandlers(ws: () => Workspace): EditingHandlers {
  return {
    'indicators.list': async () => catalogue(ws()),
    'outcomes.save': async (input) => saveOutcome(ws(), input),
    'outcomes.archive': async ({ id }) => setOutcomeArchived(ws(), id, true),
    'outcomes.restore': async ({ id }) => setOutcomeArchived(ws(), id, false),
    'outcomes.reorder': async ({ ids }) => {
      reorderOutcomes(ws(), ids);
      return catalogue(ws());
    },
    'indicators.save': async ({ dryRun, ...input }) => saveIndicator(ws(), input, { dryRun }),
    'indicators.archive': async ({ id }) => setIndicatorArchived(ws(), id, true),
    'indicators.restore': async ({ id }) => setIndicatorArchived(ws(), id, false),
    'indicators.reorder': async ({ outcomeId, ids }) => {
      reorderIndicators(ws(), outcomeId, ids);
      return catalogue(ws());
    },
    'values.grid': async ({ indicatorId }) => valuesGrid(ws(), indicatorId),
    'values.set': async (input) => setValues(ws(), input),
    'values.history': async (input) => valueHistory(ws(), input),
  };
}
