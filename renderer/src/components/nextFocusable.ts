/**
 * The control a keyboard user reaches next after `after` (outside it), in the page's order: where
 * focus goes when the control that had it disappears with its panel, as Office moves on to the
 * next control rather than back to the top.
 */
const CONTROLS = 'button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])';
const FOCUSABLE = 'button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function nextFocusable(after: Element): HTMLElement | null {
  return focusableAround(after, Node.DOCUMENT_POSITION_FOLLOWING)[0] ?? null;
}

/** The control before `before` (outside it): where focus goes when the last row goes. */
export function previousFocusable(before: Element): HTMLElement | null {
  return focusableAround(before, Node.DOCUMENT_POSITION_PRECEDING).at(-1) ?? null;
}

/**
 * The controls after (or before) `el` in the page's order, disabled ones included: a page at
 * work disables its buttons, and these are where focus can go once the work is done.
 */
export function controlsAround(el: Element, side: 'after' | 'before'): HTMLElement[] {
  const position = side === 'after' ? Node.DOCUMENT_POSITION_FOLLOWING : Node.DOCUMENT_POSITION_PRECEDING;
  return [...document.querySelectorAll<HTMLElement>(CONTROLS)].filter((other) => !el.contains(other) && (el.compareDocumentPosition(other) & position) !== 0);
}

function focusableAround(el: Element, side: number): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((other) => !el.contains(other) && !other.closest('[hidden], [aria-hidden="true"]') && (el.compareDocumentPosition(other) & side) !== 0);
}

/**
 * A ref callback for a row that can leave the page while a control in it has focus (an
 * archived indicator, a deleted action): focus goes on to the next control after the row (the
 * one before it, for the last row) instead of to the top of the page. Keep it one function (not made per render), so React calls it only as the row
 * comes and goes.
 */
export function focusNextWhenGone(row: HTMLElement | null): (() => void) | undefined {
  if (!row) return undefined;
  return () => {
    if (row.contains(document.activeElement)) (nextFocusable(row) ?? previousFocusable(row))?.focus();
  };
}
