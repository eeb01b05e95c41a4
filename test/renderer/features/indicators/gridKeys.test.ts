/**
 * The values grid's keys and paste, as the analyst uses them (Excel's conventions): where the
 * active cell goes, when editing starts and with what, what the cell editor does with Enter,
 * Tab, Esc and the arrows, and where a block pasted from Excel lands.
 */
import { describe, expect, it } from 'vitest';
import { editorKeyAction, gridKeyAction, pasteCells, type KeyPress } from '../../../../renderer/src/features/indicators/gridKeys';
import { parseTsv } from '../../../../renderer/src/features/indicators/tsv';

// Seven districts and the county down, 24 months across.
const SIZE = { rows: 8, cols: 24 };
const press = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({ key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('keys in the grid', () => {
  it('arrows move one cell and stop at the edges', () => {
    const mid = { r: 3, c: 5 };
    expect(gridKeyAction(press('ArrowUp'), mid, SIZE)).toEqual({ kind: 'move', to: { r: 2, c: 5 }, extend: false });
    expect(gridKeyAction(press('ArrowDown'), mid, SIZE)).toEqual({ kind: 'move', to: { r: 4, c: 5 }, extend: false });
    expect(gridKeyAction(press('ArrowLeft'), mid, SIZE)).toEqual({ kind: 'move', to: { r: 3, c: 4 }, extend: false });
    expect(gridKeyAction(press('ArrowRight'), mid, SIZE)).toEqual({ kind: 'move', to: { r: 3, c: 6 }, extend: false });
    // At the top-left corner, up and left stay put; at the bottom-right, down and right do.
    expect(gridKeyAction(press('ArrowUp'), { r: 0, c: 0 }, SIZE)).toMatchObject({ to: { r: 0, c: 0 } });
    expect(gridKeyAction(press('ArrowLeft'), { r: 0, c: 0 }, SIZE)).toMatchObject({ to: { r: 0, c: 0 } });
    expect(gridKeyAction(press('ArrowDown'), { r: 7, c: 23 }, SIZE)).toMatchObject({ to: { r: 7, c: 23 } });
    expect(gridKeyAction(press('ArrowRight'), { r: 7, c: 23 }, SIZE)).toMatchObject({ to: { r: 7, c: 23 } });
  });

  it('Ctrl (or Cmd) with an arrow jumps to the edge; Shift extends the selection', () => {
    const mid = { r: 3, c: 5 };
    expect(gridKeyAction(press('ArrowDown', { ctrlKey: true }), mid, SIZE)).toEqual({ kind: 'move', to: { r: 7, c: 5 }, extend: false });
    expect(gridKeyAction(press('ArrowRight', { metaKey: true }), mid, SIZE)).toEqual({ kind: 'move', to: { r: 3, c: 23 }, extend: false });
    expect(gridKeyAction(press('ArrowUp', { ctrlKey: true }), mid, SIZE)).toEqual({ kind: 'move', to: { r: 0, c: 5 }, extend: false });
    expect(gridKeyAction(press('ArrowLeft', { ctrlKey: true, shiftKey: true }), mid, SIZE)).toEqual({ kind: 'move', to: { r: 3, c: 0 }, extend: true });
    expect(gridKeyAction(press('ArrowDown', { shiftKey: true }), mid, SIZE)).toEqual({ kind: 'move', to: { r: 4, c: 5 }, extend: true });
  });

  it('Home, End, Ctrl+Home, Ctrl+End, PageUp and PageDown (10 rows, stopping at the edge)', () => {
    const mid = { r: 3, c: 5 };
    expect(gridKeyAction(press('Home'), mid, SIZE)).toMatchObject({ to: { r: 3, c: 0 } });
    expect(gridKeyAction(press('End'), mid, SIZE)).toMatchObject({ to: { r: 3, c: 23 } });
    expect(gridKeyAction(press('Home', { ctrlKey: true }), mid, SIZE)).toMatchObject({ to: { r: 0, c: 0 } });
    expect(gridKeyAction(press('End', { ctrlKey: true }), mid, SIZE)).toMatchObject({ to: { r: 7, c: 23 } });
    expect(gridKeyAction(press('PageDown'), { r: 0, c: 2 }, { rows: 30, cols: 3 })).toMatchObject({ to: { r: 10, c: 2 } });
    expect(gridKeyAction(press('PageDown'), mid, SIZE)).toMatchObject({ to: { r: 7, c: 5 } });
    expect(gridKeyAction(press('PageUp'), mid, SIZE)).toMatchObject({ to: { r: 0, c: 5 } });
  });

  it('Tab moves right and Shift+Tab left, but at the edge Tab leaves the grid (the browser keeps the key)', () => {
    expect(gridKeyAction(press('Tab'), { r: 2, c: 5 }, SIZE)).toEqual({ kind: 'move', to: { r: 2, c: 6 }, extend: false });
    // Shift+Tab moves; it does not extend the selection.
    expect(gridKeyAction(press('Tab', { shiftKey: true }), { r: 2, c: 5 }, SIZE)).toEqual({ kind: 'move', to: { r: 2, c: 4 }, extend: false });
    expect(gridKeyAction(press('Tab'), { r: 2, c: 23 }, SIZE)).toEqual({ kind: 'none' });
    expect(gridKeyAction(press('Tab', { shiftKey: true }), { r: 2, c: 0 }, SIZE)).toEqual({ kind: 'none' });
    expect(gridKeyAction(press('Tab', { ctrlKey: true }), { r: 2, c: 5 }, SIZE)).toEqual({ kind: 'none' });
  });

  it('typing starts editing with the character typed; Enter and F2 edit the value as it is; Backspace empties it', () => {
    const at = { r: 1, c: 1 };
    expect(gridKeyAction(press('7'), at, SIZE)).toEqual({ kind: 'edit', text: '7', mode: 'enter' });
    expect(gridKeyAction(press('N', { shiftKey: true }), at, SIZE)).toEqual({ kind: 'edit', text: 'N', mode: 'enter' });
    expect(gridKeyAction(press('-'), at, SIZE)).toEqual({ kind: 'edit', text: '-', mode: 'enter' });
    expect(gridKeyAction(press('Enter'), at, SIZE)).toEqual({ kind: 'edit', text: null, mode: 'edit' });
    expect(gridKeyAction(press('F2'), at, SIZE)).toEqual({ kind: 'edit', text: null, mode: 'edit' });
    expect(gridKeyAction(press('Backspace'), at, SIZE)).toEqual({ kind: 'edit', text: '', mode: 'enter' });
  });

  it('shortcuts are not typed into a cell: Ctrl+C, Ctrl+V, Alt+letter and Ctrl+Enter stay with the page', () => {
    const at = { r: 1, c: 1 };
    for (const key of [press('c', { ctrlKey: true }), press('v', { metaKey: true }), press('d', { altKey: true }), press('Enter', { ctrlKey: true }), press('Shift', { shiftKey: true }), press('F5')]) {
      expect(gridKeyAction(key, at, SIZE), key.key).toEqual({ kind: 'none' });
    }
  });

  it('Ctrl+A selects every cell, Esc shrinks the selection, Delete clears it', () => {
    const at = { r: 1, c: 1 };
    expect(gridKeyAction(press('a', { ctrlKey: true }), at, SIZE)).toEqual({ kind: 'select-all' });
    expect(gridKeyAction(press('A', { ctrlKey: true, shiftKey: true }), at, SIZE)).toEqual({ kind: 'select-all' });
    expect(gridKeyAction(press('Escape'), at, SIZE)).toEqual({ kind: 'collapse' });
    expect(gridKeyAction(press('Delete'), at, SIZE)).toEqual({ kind: 'clear' });
  });
});

describe('keys in the cell editor', () => {
  const typed = { r: 3, c: 5, mode: 'enter' as const };
  const f2 = { r: 3, c: 5, mode: 'edit' as const };

  it('Enter saves and moves down, Shift+Enter up; Tab right, Shift+Tab left; never out of the grid', () => {
    expect(editorKeyAction({ key: 'Enter', shiftKey: false }, f2, SIZE)).toEqual({ kind: 'commit', then: { r: 4, c: 5 } });
    expect(editorKeyAction({ key: 'Enter', shiftKey: true }, f2, SIZE)).toEqual({ kind: 'commit', then: { r: 2, c: 5 } });
    expect(editorKeyAction({ key: 'Tab', shiftKey: false }, f2, SIZE)).toEqual({ kind: 'commit', then: { r: 3, c: 6 } });
    expect(editorKeyAction({ key: 'Tab', shiftKey: true }, f2, SIZE)).toEqual({ kind: 'commit', then: { r: 3, c: 4 } });
    expect(editorKeyAction({ key: 'Enter', shiftKey: false }, { r: 7, c: 23, mode: 'enter' }, SIZE)).toEqual({ kind: 'commit', then: { r: 7, c: 23 } });
    expect(editorKeyAction({ key: 'Tab', shiftKey: true }, { r: 0, c: 0, mode: 'edit' }, SIZE)).toEqual({ kind: 'commit', then: { r: 0, c: 0 } });
  });

  it('Esc cancels', () => {
    expect(editorKeyAction({ key: 'Escape', shiftKey: false }, typed, SIZE)).toEqual({ kind: 'cancel' });
    expect(editorKeyAction({ key: 'Escape', shiftKey: false }, f2, SIZE)).toEqual({ kind: 'cancel' });
  });

  it('after typing, the arrows save and move; after F2 or Enter they move the caret in the text', () => {
    expect(editorKeyAction({ key: 'ArrowRight', shiftKey: false }, typed, SIZE)).toEqual({ kind: 'commit', then: { r: 3, c: 6 } });
    expect(editorKeyAction({ key: 'ArrowUp', shiftKey: false }, typed, SIZE)).toEqual({ kind: 'commit', then: { r: 2, c: 5 } });
    expect(editorKeyAction({ key: 'ArrowLeft', shiftKey: false }, { r: 0, c: 0, mode: 'enter' }, SIZE)).toEqual({ kind: 'commit', then: { r: 0, c: 0 } });
    for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown']) expect(editorKeyAction({ key, shiftKey: false }, f2, SIZE), key).toEqual({ kind: 'none' });
    // Ordinary typing goes to the text box.
    expect(editorKeyAction({ key: '4', shiftKey: false }, typed, SIZE)).toEqual({ kind: 'none' });
    expect(editorKeyAction({ key: 'constructor', shiftKey: false }, typed, SIZE)).toEqual({ kind: 'none' });
  });
});

describe('pasting a block copied from Excel', () => {
  // Two districts by three months, as Excel puts it on the clipboard (CRLF, a trailing line break).
  const clipboard = '12\t15\t9\r\n4\t\t7\r\n';

  it('lands from the selected cell, one value per cell, empty cells included', () => {
    const block = parseTsv(clipboard);
    expect(block).toEqual([
      ['12', '15', '9'],
      ['4', '', '7'],
    ]);
    const { cells, outside } = pasteCells(block, { top: 2, bottom: 2, left: 10, right: 10 }, SIZE);
    expect(outside).toBe(0);
    expect(cells).toEqual([
      { pos: { r: 2, c: 10 }, text: '12' },
      { pos: { r: 2, c: 11 }, text: '15' },
      { pos: { r: 2, c: 12 }, text: '9' },
      { pos: { r: 3, c: 10 }, text: '4' },
      { pos: { r: 3, c: 11 }, text: '' },
      { pos: { r: 3, c: 12 }, text: '7' },
    ]);
  });

  it('counts the values that would fall outside the grid and places the rest', () => {
    // From the last district, second-to-last month: 1 row and 2 columns fit.
    const { cells, outside } = pasteCells(parseTsv(clipboard), { top: 7, bottom: 7, left: 22, right: 22 }, SIZE);
    expect(cells).toEqual([
      { pos: { r: 7, c: 22 }, text: '12' },
      { pos: { r: 7, c: 23 }, text: '15' },
    ]);
    expect(outside).toBe(6 - 2);
  });

  it('a single value fills the whole selection; into a single cell it goes just there', () => {
    const one = parseTsv('0\r\n');
    const filled = pasteCells(one, { top: 1, bottom: 2, left: 3, right: 5 }, SIZE);
    expect(filled.outside).toBe(0);
    expect(filled.cells.map((c) => `${c.pos.r},${c.pos.c}=${c.text}`)).toEqual(['1,3=0', '1,4=0', '1,5=0', '2,3=0', '2,4=0', '2,5=0']);
    expect(pasteCells(one, { top: 4, bottom: 4, left: 0, right: 0 }, SIZE)).toEqual({ cells: [{ pos: { r: 4, c: 0 }, text: '0' }], outside: 0 });
  });

  it('a block pasted over a larger selection starts at its top-left and does not repeat', () => {
    const { cells } = pasteCells(parseTsv('1\t2\r\n'), { top: 0, bottom: 3, left: 0, right: 3 }, SIZE);
    expect(cells).toEqual([
      { pos: { r: 0, c: 0 }, text: '1' },
      { pos: { r: 0, c: 1 }, text: '2' },
    ]);
  });
});
