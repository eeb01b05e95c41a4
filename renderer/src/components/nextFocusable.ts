/**
 * The control a keyboard user reaches next after `after` (outside it), in the page's order: where
 * focus goes when the control that had it disappears with its panel, as Office moves on to the
 * next control rather than back to the top.
 */
const FOCUSABLE = 'button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function nextFocusable(after: Element): HTMLElement | null {
  for (const el of document.querySelectorAll<HTMLElement>(FOCUSABLE)) {
    if (after.contains(el) || el.closest('[hidden], [aria-hidden="true"]')) continue;
    if (after.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) return el;
  }
  return null;
}
