/**
 * The page tabs: a WAI-ARIA tab list with a roving tab stop (Tab reaches the selected tab;
 * Left/Right, Home and End move and select). Written here rather than Fluent's TabList, whose
 * arrow-key helper puts focusable, aria-hidden sentinel elements inside the list (axe's
 * aria-hidden-focus, serious).
 */
import { useRef, type KeyboardEvent } from 'react';

export function PageTabs<T extends string>(props: { label: string; tabs: ReadonlyArray<{ value: T; text: string }>; selected: T; panelId: string; onSelect(value: T): void }) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const move = (e: KeyboardEvent, from: number) => {
    const n = props.tabs.length;
    const to = e.key === 'ArrowRight' ? (from + 1) % n : e.key === 'ArrowLeft' ? (from - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : null;
    if (to === null) return;
    e.preventDefault();
    const value = props.tabs[to]!.value;
    props.onSelect(value);
    refs.current.get(value)?.focus();
  };
  return (
    <div className="page-tabs" role="tablist" aria-label={props.label}>
      {props.tabs.map((t, i) => (
        <button
          key={t.value}
          ref={(el) => {
            if (el) refs.current.set(t.value, el);
            else refs.current.delete(t.value);
          }}
          type="button"
          role="tab"
          id={`tab-${t.value}`}
          aria-selected={t.value === props.selected}
          aria-controls={props.panelId}
          tabIndex={t.value === props.selected ? 0 : -1}
          className={t.value === props.selected ? 'page-tab selected' : 'page-tab'}
          onClick={() => props.onSelect(t.value)}
          onKeyDown={(e) => move(e, i)}
        >
          {t.text}
        </button>
      ))}
    </div>
  );
}
