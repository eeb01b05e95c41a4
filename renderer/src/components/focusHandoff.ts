/**
 * Two controls that take each other's place (Publish and Unlock): a ref callback for each, under
 * one key. If one goes while it has focus and the other arrives in the same update, focus moves
 * to the newcomer instead of dropping to the top of the page.
 */
const waiting = new Set<string>();

export function focusHandoff(key: string): (el: HTMLElement | null) => (() => void) | undefined {
  return (el) => {
    if (!el) return undefined;
    if (waiting.delete(key)) el.focus();
    return () => {
      if (document.activeElement !== el) return;
      waiting.add(key);
      // Only for a newcomer of the same update: a later one does not take focus.
      setTimeout(() => waiting.delete(key), 0);
    };
  };
}
