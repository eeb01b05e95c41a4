/**
 * The values grid's keyboard and paste rules as plain decisions (ValuesGrid.tsx carries them
 * out): what a key does in the grid and in the cell editor, and where a pasted block lands.
 * Tested in test/renderer/features/indicators/gridKeys.test.ts.
 */

/** A cell's place in the grid: row and column, from 0. */
export interface Pos {
  r: number;
  c: number;
}

export interface GridSize {
  rows: number;
  cols: number;
}

/** The selected block, inclusive. */
export interface Range {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The parts of a keyboard event the rules read. */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export type GridKeyAction =
  /** Move the active cell (inside the grid); `extend` keeps the anchor, growing the selection. */
  | { kind: 'move'; to: Pos; extend: boolean }
  /** Edit the active cell: `text` null keeps its value (F2, Enter), else replaces it (typing). */
  | { kind: 'edit'; text: string | null; mode: 'enter' | 'edit' }
  /** Esc: the selection shrinks to the active cell and the message goes. */
  | { kind: 'collapse' }
  /** Delete: clear the selected values (or edit the active cell if none has a value). */
  | { kind: 'clear' }
  | { kind: 'select-all' }
  /** Not the grid's key: the browser keeps it (Tab at the grid's edge leaves the grid). */
  | { kind: 'none' };

/** A position kept inside the grid. */
export function clampPos(pos: Pos, size: GridSize): Pos {
  return { r: Math.max(0, Math.min(size.rows - 1, pos.r)), c: Math.max(0, Math.min(size.cols - 1, pos.c)) };
}

/**
 * What a key does while the grid (not an editor) has the focus, as in Excel: arrows move
 * (Ctrl to the edge, Shift to extend the selection), Home/End, PageUp/PageDown by 10, Enter or
 * F2 edit, Tab moves right (Shift+Tab left) and leaves the grid at its edge, Esc, Delete,
 * Backspace, Ctrl+A, and typing a character starts editing with it.
 */
export function gridKeyAction(e: KeyPress, active: Pos, size: GridSize): GridKeyAction {
  const { r, c } = active;
  const extend = e.shiftKey;
  const ctrl = e.ctrlKey || e.metaKey;
  const key = e.key;
  const move = (to: Pos, ext = extend): GridKeyAction => ({ kind: 'move', to: clampPos(to, size), extend: ext });
  if (key === 'ArrowUp') return move({ r: ctrl ? 0 : r - 1, c });
  if (key === 'ArrowDown') return move({ r: ctrl ? size.rows - 1 : r + 1, c });
  if (key === 'ArrowLeft') return move({ r, c: ctrl ? 0 : c - 1 });
  if (key === 'ArrowRight') return move({ r, c: ctrl ? size.cols - 1 : c + 1 });
  if (key === 'Home') return move({ r: ctrl ? 0 : r, c: 0 });
  if (key === 'End') return move({ r: ctrl ? size.rows - 1 : r, c: size.cols - 1 });
  if (key === 'PageDown') return move({ r: r + 10, c });
  if (key === 'PageUp') return move({ r: r - 10, c });
  if (key === 'Enter' && !ctrl) return { kind: 'edit', text: null, mode: 'edit' };
  if (key === 'F2') return { kind: 'edit', text: null, mode: 'edit' };
  if (key === 'Tab' && !ctrl) {
    // Like Excel inside the grid; at its edge Tab leaves it, as keyboard users expect.
    const next = c + (e.shiftKey ? -1 : 1);
    return next < 0 || next >= size.cols ? { kind: 'none' } : move({ r, c: next }, false);
  }
  if (key === 'Escape') return { kind: 'collapse' };
  if (key === 'Delete') return { kind: 'clear' };
  if (key === 'Backspace') return { kind: 'edit', text: '', mode: 'enter' };
  if (ctrl && key.toLowerCase() === 'a') return { kind: 'select-all' };
  if (key.length === 1 && !ctrl && !e.altKey) return { kind: 'edit', text: key, mode: 'enter' };
  return { kind: 'none' };
}

export type EditorKeyAction = { kind: 'commit'; then: Pos } | { kind: 'cancel' } | { kind: 'none' };

/**
 * What a key does in the cell editor: Enter saves and moves down (Shift+Enter up), Tab right
 * (Shift+Tab left), Esc cancels; in 'enter' mode (started by typing) the arrows save and move,
 * in 'edit' mode (F2, Enter) they move the caret.
 */
export function editorKeyAction(e: Pick<KeyPress, 'key' | 'shiftKey'>, editing: Pos & { mode: 'enter' | 'edit' }, size: GridSize): EditorKeyAction {
  const { r, c } = editing;
  const arrows: Record<string, Pos> = { ArrowUp: { r: r - 1, c }, ArrowDown: { r: r + 1, c }, ArrowLeft: { r, c: c - 1 }, ArrowRight: { r, c: c + 1 } };
  if (e.key === 'Enter') return { kind: 'commit', then: clampPos({ r: r + (e.shiftKey ? -1 : 1), c }, size) };
  if (e.key === 'Tab') return { kind: 'commit', then: clampPos({ r, c: c + (e.shiftKey ? -1 : 1) }, size) };
  if (e.key === 'Escape') return { kind: 'cancel' };
  const arrow = Object.hasOwn(arrows, e.key) ? arrows[e.key] : undefined;
  if (editing.mode === 'enter' && arrow) return { kind: 'commit', then: clampPos(arrow, size) };
  return { kind: 'none' };
}

/**
 * Where a pasted block lands: from the selection's top-left cell, one value per cell; a single
 * value fills the whole selection. Values that would fall outside the grid are counted, not placed.
 */
export function pasteCells(block: string[][], range: Range, size: GridSize): { cells: Array<{ pos: Pos; text: string }>; outside: number } {
  const single = block.length === 1 && block[0]!.length === 1;
  const cells: Array<{ pos: Pos; text: string }> = [];
  let outside = 0;
  if (single && (range.bottom > range.top || range.right > range.left)) {
    for (let r = range.top; r <= range.bottom; r++) for (let c = range.left; c <= range.right; c++) cells.push({ pos: { r, c }, text: block[0]![0]! });
  } else {
    block.forEach((line, i) =>
      line.forEach((value, j) => {
        const pos = { r: range.top + i, c: range.left + j };
        if (pos.r >= size.rows || pos.c >= size.cols) outside++;
        else cells.push({ pos, text: value });
      }),
    );
  }
  return { cells, outside };
}
