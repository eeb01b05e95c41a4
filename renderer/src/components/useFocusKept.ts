/**
 * Keeps the analyst's place while the page works. A button or list pressed by keyboard is
 * disabled while its work runs, and the browser then drops focus to the page, so the next Tab
 * or Enter would start from the top. This puts focus back on that control once the work ends;
 * if the control has gone (Cancel with its progress, Import with its plan), on `fallback`. It
 * acts only when focus was lost: a control the analyst moved to meanwhile keeps it.
 */
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

export function useFocusKept(busy: boolean, fallback?: RefObject<HTMLElement | null>): void {
  /** The control focused last: Chromium takes focus off a control the moment it is disabled, before any effect runs. */
  const lastFocused = useRef<HTMLElement | null>(null);
  const before = useRef<HTMLElement | null>(null);
  const wasBusy = useRef(false);
  useEffect(() => {
    const noted = (event: FocusEvent) => {
      if (event.target instanceof HTMLElement) lastFocused.current = event.target;
    };
    if (document.activeElement instanceof HTMLElement && document.activeElement !== document.body) lastFocused.current = document.activeElement;
    document.addEventListener('focusin', noted);
    return () => document.removeEventListener('focusin', noted);
  }, []);
  useLayoutEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (busy && !wasBusy.current) before.current = lost ? lastFocused.current : null;
    if (!busy && wasBusy.current) {
      const back = before.current;
      before.current = null;
      if (lost) {
        if (back?.isConnected && !back.matches(':disabled')) back.focus();
        else fallback?.current?.focus();
      }
    }
    wasBusy.current = busy;
  }, [busy, fallback]);
}
