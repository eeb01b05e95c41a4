/**
 * A row of controls announced as a toolbar: Left and Right (Home, End) move between its
 * controls as in Office's ribbon groups, and Tab reaches each of them too. Plain markup
 * rather than Fluent's Toolbar, whose focus helper adds hidden focusable elements that
 * screen readers and axe (aria-hidden-focus) trip over.
 */
import type { KeyboardEvent, ReactNode } from 'react';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex="0"]';

function move(e: KeyboardEvent<HTMLDivElement>): void {
  if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
  // Inside a text box the arrows move the caret, as everywhere.
  const target = e.target as HTMLElement;
  if (target instanceof HTMLInputElement && target.type !== 'checkbox' && target.type !== 'radio') return;
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const at = items.indexOf(target);
  if (at < 0 || items.length === 0) return;
  const next = e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : (at + (e.key === 'ArrowRight' ? 1 : -1) + items.length) % items.length;
  e.preventDefault();
  items[next]?.focus();
}

export function ToolbarRow({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div role="toolbar" aria-label={label} className={`toolbar-row ${className ?? ''}`} onKeyDown={move}>
      {children}
    </div>
  );
}

/** A thin line between groups of a toolbar's controls. */
export function ToolbarSeparator() {
  return <span role="separator" aria-orientation="vertical" className="toolbar-separator" />;
}
