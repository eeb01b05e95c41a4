/** The app-wide undo and redo: the session's history. */
import type { FeatureHandlers, Session } from '../session';

export function historyHandlers(session: Session): FeatureHandlers<'history.get' | 'history.undo' | 'history.redo'> {
  return {
    'history.get': async () => session.history.state(),
    'history.undo': async () => session.history.undo(),
    'history.redo': async () => session.history.redo(),
  };
}
