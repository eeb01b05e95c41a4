/**
 * A message about a change ("Saved ...", "Changed 3 values") that belongs to that change: it
 * goes when the change is undone (from the toolbar, the keyboard or the menu), so the page never
 * says something that is no longer true.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { wasUndone } from './notice';

/**
 * `[message, say]`: `say(m, true)` ties `m` to the change just made (the newest on the undo
 * stack); `say(m)` shows a message tied to nothing (a copy, an error); `say(null)` clears it.
 */
export function useActionMessage<T>(): [T | null, (message: T | null, ofChange?: boolean) => void] {
  const history = useApi('history.get', {});
  const [state, setState] = useState<{ message: T; entryId: number | null } | null>(null);
  const serial = useRef(0);

  const say = useCallback((message: T | null, ofChange = false) => {
    const mine = ++serial.current;
    if (message === null) return setState(null);
    setState({ message, entryId: null });
    if (!ofChange) return;
    call('history.get', {}).then(
      (h) => {
        if (serial.current === mine && h.undo) setState({ message, entryId: h.undo.id });
      },
      () => undefined,
    );
  }, []);

  useEffect(() => {
    if (state?.entryId != null && history.data && wasUndone(history.data, state.entryId)) setState(null);
  }, [history.data, state]);

  return [state?.message ?? null, say];
}
