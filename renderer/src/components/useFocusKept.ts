/**
 * Keeps the analyst's place while the page works. A button or list pressed by keyboard is
 * disabled while its work runs, and the browser then drops focus to the page, so the next Tab
 * or Enter would start from the top. This puts focus back on that control once the work ends;
 * if the control has gone (Cancel with its progress, Import with its plan), on `fallback`, or
 * without one on the control that came after it (before it, for the last one), as Office moves
 * on from a deleted row. It acts only when focus was lost: a control the analyst moved to
 * meanwhile keeps it.
 */
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { focusedLastOutsideDialog } from './focusOutsideDialog';
import { controlsAround } from './nextFocusable';

/** A control that can take focus now: still on the page, not disabled, not hidden. */
const usable = (el: HTMLElement) => el.isConnected && !el.matches(':disabled') && !el.closest('[hidden], [aria-hidden="true"]');

interface Place {
  control: HTMLElement;
  /** The controls after it, then those before it nearest first: taken while they exist. */
  neighbours: HTMLElement[];
}

export function useFocusKept(busy: boolean, fallback?: RefObject<HTMLElement | null>): void {
  /** The control focused last: Chromium takes focus off a control the moment it is disabled, before any effect runs. */
  const lastFocused = useRef<HTMLElement | null>(null);
  const before = useRef<Place | null>(null);
  const wasBusy = useRef(false);
  /** The gone control's neighbours, left for after the page's own effects (below). */
  const orphaned = useRef<HTMLElement[] | null>(null);
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
    if (busy && !wasBusy.current) {
      // A button in a dialog that closed as the work began (Delete in "Delete action 2?") has
      // gone with it: the place to keep is the control that opened the dialog.
      const control = lastFocused.current?.isConnected ? lastFocused.current : focusedLastOutsideDialog();
      before.current = lost && control ? { control, neighbours: [...controlsAround(control, 'after'), ...controlsAround(control, 'before').reverse()] } : null;
    }
    if (!busy && wasBusy.current) {
      const place = before.current;
      before.current = null;
      if (lost && place) {
        const target = usable(place.control) ? place.control : fallback?.current;
        if (target) target.focus();
        else orphaned.current = place.neighbours.filter(usable);
      } else if (lost) fallback?.current?.focus();
    }
    wasBusy.current = busy;
  }, [busy, fallback]);
  // The page's own choice comes first (a form closing gives focus to its opener in an effect of
  // its own): the neighbour takes focus only if it is still nowhere once those effects have run.
  useEffect(() => {
    const neighbours = orphaned.current;
    orphaned.current = null;
    if (!neighbours) return;
    const timer = setTimeout(() => {
      if (document.activeElement === null || document.activeElement === document.body) neighbours.find(usable)?.focus();
    }, 0);
    return () => clearTimeout(timer);
  }, [busy]);
}
