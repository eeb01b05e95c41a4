/**
 * Two controls that take each other's place (Publish and Unlock, an action's Close and Reopen):
 * a ref callback for each, under one key. If one goes while it has focus and the other arrives
 * in the same update, focus moves to the newcomer instead of dropping to the top of the page.
 */
const waiting = new Set<string>();
/** One callback per key, so React calls it only as its control comes and goes, not on every render. */
const callbacks = new Map<string, (el: HTMLElement | null) => (() => void) | undefined>();

export function focusHandoff(key: string): (el: HTMLElement | null) => (() => void) | undefined {
  let callback = callbacks.get(key);
  if (!callback) {
    callback = (el) => {
      if (!el) return undefined;
      if (waiting.delete(key)) el.focus();
      return () => {
        if (document.activeElement !== el) return;
        waiting.add(key);
        // Only for a newcomer of the same update: a later one does not take focus.
        setTimeout(() => waiting.delete(key), 0);
      };
    };
    callbacks.set(key, callback);
  }
  return callback;
}
