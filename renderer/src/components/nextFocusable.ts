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

/**
 * A ref callback for a row that can leave the page while a control in it has focus (an
 * archived indicator): focus goes on to the next control after the row instead of to the top
 * of the page. Keep it one function (not made per render), so React calls it only as the row
 * comes and goes.
 */
export function focusNextWhenGone(row: HTMLElement | null): (() => void) | undefined {
  if (!row) return undefined;
  return () => {
    if (row.contains(document.activeElement)) nextFocusable(row)?.focus();
  };
}
