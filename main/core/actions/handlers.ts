/** The action log's API methods: list, save, close, reopen, delete. */
import type { FeatureHandlers, Session } from '../session';
import { closeAction, removeAction, reopenAction, saveAction } from './action-log';
import { listActions } from './repo';

type Methods = 'actions.list' | 'actions.save' | 'actions.close' | 'actions.reopen' | 'actions.delete';

export function actionsHandlers(session: Session): FeatureHandlers<Methods> {
  const ws = () => session.workspace;
  return {
    'actions.list': async ({ openOnly }) => listActions(ws().db, { openOnly }),
    'actions.save': async (input) => saveAction(ws(), session.history, input),
    'actions.close': async ({ id, closedOn }) => closeAction(ws(), session.history, id, closedOn),
    'actions.reopen': async ({ id }) => reopenAction(ws(), session.history, id),
    'actions.delete': async ({ id }) => removeAction(ws(), session.history, id),
  };
}
