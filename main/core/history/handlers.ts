/** The app-wide undo and redo. */
import { undoImportNow } from '../imports';
import type { FeatureHandlers, Session } from '../session';
import { historyState, redo, undo } from './history';

export function historyHandlers(session: Session): FeatureHandlers<'history.get' | 'history.undo' | 'history.redo'> {
  const ws = () => session.workspace;
  return {
    'history.get': async () => historyState(ws()),
    'history.undo': async () => undo(ws(), (importId) => undoImportNow(ws(), importId)),
    'history.redo': async () => redo(ws()),
  };
}
