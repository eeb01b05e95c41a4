/**
 * Ctrl+1, Ctrl+2... open the pages in the order of the tabs, and the native menu's View items
 * arrive as 'page:<name>' commands (main/electron/menu.ts).
 */
import { useEffect } from 'react';

export function usePageShortcuts<P extends string>(pages: readonly P[], go: (page: P) => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const n = Number(e.key);
      if (!Number.isInteger(n) || n < 1 || n > pages.length) return;
      e.preventDefault();
      go(pages[n - 1]!);
    };
    const onCommand = (e: Event) => {
      const detail = (e as CustomEvent<unknown>).detail;
      const page = typeof detail === 'string' && detail.startsWith('page:') ? (detail.slice(5) as P) : null;
      if (page && pages.includes(page)) go(page);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('boardpack:command', onCommand);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('boardpack:command', onCommand);
    };
  }, [pages, go]);
}
