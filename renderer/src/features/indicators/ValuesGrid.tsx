/**
 * An indicator's values like a worksheet: areas down and periods across (or transposed),
 * arrows to move, typing or F2 or Enter to edit, Enter/Tab to save and move on, Esc to cancel,
 * Delete to clear, Ctrl+C to copy for Excel, Ctrl+V to paste a block from Excel (after a
 * preview of what will change). Derived and published values are shown but not editable.
 *
 * A semantic <table role="grid"> with a roving tabindex: one cell is in the tab order, the
 * arrows move it. (react-data-grid's stable release supports React 16 only; its React 19
 * builds are betas.)
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Switch, ToggleButton } from '@fluentui/react-components';
import { ToolbarRow, ToolbarSeparator } from '../../components/ToolbarRow';
import type { GridArea, GridCell, GridPeriod, ValuesGrid as Grid } from '../../../../shared/api/types';
import { formatMonthLong, formatSpanLabel, parsePeriodLabel } from '../../../../shared/domain/periods';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { parseTsv, toTsv } from './tsv';
import { clampPos, editorKeyAction, gridKeyAction, pasteCells, type Pos } from './gridKeys';
import { PastePreview, type PendingPaste } from './PastePreview';
import { ValueHistoryDialog } from './ValueHistoryDialog';
import { useActionMessage } from '../history/useActionMessage';

interface Editing extends Pos {
  text: string;
  /** 'enter': started by typing, arrows save and move; 'edit': F2 or Enter, arrows move the caret. */
  mode: 'enter' | 'edit';
}

const EMPTY_CELL: GridCell = { text: '', edit: '', derived: false, how: null, editable: true, readOnlyReason: null };

function frozenCell(grid: Grid): GridCell {
  return { ...EMPTY_CELL, editable: false, readOnlyReason: `Published: "${grid.lockedPeriod}" is locked, so values up to ${formatMonthLong(grid.frozenThrough!)} keep their published figures.` };
}

export function ValuesGrid({ indicatorId }: { indicatorId: number }) {
  const state = useApi('values.grid', { indicatorId });
  const grid = state.data && state.data.indicator.id === indicatorId ? state.data : null;
  const [transposed, setTransposed] = useState(false);
  const [rolling, setRolling] = useState<boolean | null>(null);
  const [added, setAdded] = useState<GridPeriod[]>([]);
  const [active, setActive] = useState<Pos>({ r: 0, c: 0 });
  const [anchor, setAnchor] = useState<Pos>({ r: 0, c: 0 });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A message about an edit goes when that edit is undone.
  const [status, setStatus] = useActionMessage<string>();
  const [paste, setPaste] = useState<PendingPaste | null>(null);
  const [historyOf, setHistoryOf] = useState<{ area: GridArea; period: GridPeriod } | null>(null);
  const [newPeriod, setNewPeriod] = useState('');
  const [periodProblem, setPeriodProblem] = useState<string | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  // Fluent's focus manager (tabster) moved the focus on Tab before the editor saw the key, which
  // blurred (and saved) the cell without moving on: the grid handles its own Tab, as a worksheet
  // does, and lets the browser take Tab out of it at its edges.
  const ownTab = { 'data-tabster': JSON.stringify({ uncontrolled: { completely: true } }) };
  const cellRefs = useRef(new Map<string, HTMLTableCellElement>());
  // A click on another cell both blurs the editor and asks to save: save each edit once.
  const committed = useRef<Editing | null>(null);
  // Saves queue in the order they were typed.
  const saving = useRef<Promise<void>>(Promise.resolve());
  // After an edit ends the focus goes back to the active cell before the next key arrives.
  const refocus = useRef(false);

  useEffect(() => {
    setAdded([]);
    setActive({ r: 0, c: 0 });
    setAnchor({ r: 0, c: 0 });
    setEditing(null);
    setError(null);
    setStatus(null);
    setRolling(null);
  }, [indicatorId]);

  const hasMonths = !!grid?.periods.some((p) => p.kind === 'month');
  const hasRolling = !!grid?.periods.some((p) => p.kind === 'rolling_12');
  // Months and rolling 12 months together are two runs of columns: the rolling ones start hidden.
  const showRolling = rolling ?? !hasMonths;

  /** The periods shown, each with where its cells come from (null: a column the analyst added). */
  const periods = useMemo(() => {
    if (!grid) return [];
    const shown = grid.periods.map((p, i) => ({ period: p, source: i as number | null })).filter((x) => showRolling || x.period.kind !== 'rolling_12' || !hasMonths);
    for (const p of added) if (!grid.periods.some((g) => g.first === p.first && g.last === p.last)) shown.push({ period: p, source: null });
    return shown;
  }, [grid, added, showRolling, hasMonths]);

  const areas = grid?.areas ?? [];
  const rowCount = transposed ? periods.length : areas.length;
  const colCount = transposed ? areas.length : periods.length;

  const at = useCallback(
    (pos: Pos) => {
      const a = transposed ? pos.c : pos.r;
      const p = transposed ? pos.r : pos.c;
      const area = areas[a];
      const column = periods[p];
      if (!area || !column || !grid) return null;
      const cell = column.source === null ? (column.period.frozen ? frozenCell(grid) : EMPTY_CELL) : area.cells[column.source]!;
      return { area, period: column.period, cell };
    },
    [areas, periods, transposed, grid],
  );

  // Keep the active cell inside the grid when it shrinks (a toggle, another indicator).
  useEffect(() => {
    if (rowCount === 0 || colCount === 0) return;
    if (active.r >= rowCount || active.c >= colCount) {
      const p = { r: Math.min(active.r, rowCount - 1), c: Math.min(active.c, colCount - 1) };
      setActive(p);
      setAnchor(p);
    }
  }, [rowCount, colCount, active]);

  // The active cell has the focus whenever the grid has it and no cell is being edited.
  useLayoutEffect(() => {
    if (editing) return;
    if (!refocus.current && !wrapper.current?.contains(document.activeElement)) return;
    refocus.current = false;
    cellRefs.current.get(`${active.r}:${active.c}`)?.focus();
  }, [active, editing, grid]);

  const range = {
    top: Math.min(active.r, anchor.r),
    bottom: Math.max(active.r, anchor.r),
    left: Math.min(active.c, anchor.c),
    right: Math.max(active.c, anchor.c),
  };
  const inRange = (r: number, c: number) => r >= range.top && r <= range.bottom && c >= range.left && c <= range.right;

  const moveTo = (pos: Pos, extend = false) => {
    const p = clampPos(pos, { rows: rowCount, cols: colCount });
    setActive(p);
    if (!extend) setAnchor(p);
  };

  const describe = (x: { area: GridArea; period: GridPeriod }) => `${x.area.name}, ${x.period.label}`;

  const startEditing = (pos: Pos, text: string | null, mode: Editing['mode']) => {
    const target = at(pos);
    if (!target) return;
    if (!target.cell.editable) {
      setError(`${describe(target)} cannot be edited. ${target.cell.readOnlyReason ?? ''}`.trim());
      return;
    }
    setError(null);
    setEditing({ ...pos, text: text ?? target.cell.edit, mode });
  };

  const write = async (cells: Array<{ pos: Pos; text: string }>) => {
    const list = cells.flatMap(({ pos, text }) => {
      const target = at(pos);
      return target ? [{ areaCode: target.area.code, first: target.period.first, last: target.period.last, text }] : [];
    });
    if (list.length === 0) return true;
    try {
      const result = await call('values.set', { indicatorId, cells: list });
      setError(null);
      const refused = result.refused.length > 0 ? ` ${result.refused.length} left as they were.` : '';
      if (result.changes.length === 1) {
        const c = result.changes[0]!;
        setStatus(`${c.areaName}, ${c.period}: ${c.old || 'empty'} → ${c.new || 'empty'}. Ctrl+Z undoes it.${refused}`, true);
      } else if (result.changes.length > 1) setStatus(`Changed ${result.changes.length} values. Ctrl+Z undoes them.${refused}`, true);
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    }
  };

  /**
   * Saves the cell being edited and moves on at once, as Excel does: the next keys typed belong
   * to the next cell, not to the one still saving. Saves run one after another; a refused value
   * reopens its cell with the text as typed and the message saying what to fix.
   */
  const commit = (then: Pos | null) => {
    if (!editing || committed.current === editing) return;
    committed.current = editing;
    const from = editing;
    const target = at(from);
    setEditing(null);
    // A key (Enter, Tab, an arrow) keeps the keyboard in the grid; a click elsewhere goes there.
    refocus.current = then !== null;
    if (then) moveTo(then);
    if (!target || from.text.trim() === target.cell.edit.trim()) return;
    saving.current = saving.current.then(async () => {
      const ok = await write([{ pos: from, text: from.text }]);
      if (ok) return;
      setActive({ r: from.r, c: from.c });
      setAnchor({ r: from.r, c: from.c });
      setEditing({ ...from, mode: 'edit' });
    });
  };

  const cancel = () => {
    if (!editing) return;
    committed.current = editing;
    setEditing(null);
    setError(null);
    refocus.current = true;
  };

  const selectedTsv = (withHeaders: boolean) => {
    const rows: string[][] = [];
    const r0 = withHeaders ? 0 : range.top;
    const r1 = withHeaders ? rowCount - 1 : range.bottom;
    const c0 = withHeaders ? 0 : range.left;
    const c1 = withHeaders ? colCount - 1 : range.right;
    if (withHeaders) rows.push([transposed ? 'Period' : 'Area', ...Array.from({ length: c1 - c0 + 1 }, (_, i) => colLabel(c0 + i))]);
    for (let r = r0; r <= r1; r++) {
      const line: string[] = withHeaders ? [rowLabel(r)] : [];
      for (let c = c0; c <= c1; c++) line.push(at({ r, c })?.cell.text ?? '');
      rows.push(line);
    }
    return toTsv(rows);
  };

  const rowLabel = (r: number) => (transposed ? (periods[r]?.period.label ?? '') : (areas[r]?.name ?? ''));
  const colLabel = (c: number) => (transposed ? (areas[c]?.name ?? '') : (periods[c]?.period.label ?? ''));

  const copy = async (withHeaders: boolean) => {
    const text = selectedTsv(withHeaders);
    try {
      await navigator.clipboard.writeText(text);
      setStatus(withHeaders ? 'Copied the table: paste it into Excel.' : 'Copied: paste it into Excel.');
    } catch {
      setError('Boardpack could not reach the clipboard; select the cells and press Ctrl+C.');
    }
  };

  /** A block from Excel lands from the selected cell; a single value fills the selection. */
  const preparePaste = async (text: string) => {
    const block = parseTsv(text);
    if (block.length === 0) return;
    const { cells, outside } = pasteCells(block, range, { rows: rowCount, cols: colCount });
    const list = cells.flatMap(({ pos, text: t }) => {
      const target = at(pos);
      return target ? [{ areaCode: target.area.code, first: target.period.first, last: target.period.last, text: t }] : [];
    });
    try {
      const preview = await call('values.set', { indicatorId, cells: list, dryRun: true, pasted: true });
      setPaste({ cells: list, preview, outside, rows: block.length, columns: Math.max(...block.map((l) => l.length)) });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  // Copy and paste arrive as document events (no editable element has the focus).
  useEffect(() => {
    const inGrid = () => !!wrapper.current?.contains(document.activeElement) && !editing && !paste;
    const onCopy = (e: ClipboardEvent) => {
      if (!inGrid() || !e.clipboardData) return;
      e.clipboardData.setData('text/plain', selectedTsv(false));
      e.preventDefault();
      setStatus('Copied: paste it into Excel.');
    };
    const onPaste = (e: ClipboardEvent) => {
      if (!inGrid() || !e.clipboardData) return;
      e.preventDefault();
      void preparePaste(e.clipboardData.getData('text/plain'));
    };
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  });

  const onGridKeyDown = (e: KeyboardEvent) => {
    if (editing || rowCount === 0) return;
    const action = gridKeyAction(e, active, { rows: rowCount, cols: colCount });
    if (action.kind === 'none') return;
    e.preventDefault();
    if (action.kind === 'move') moveTo(action.to, action.extend);
    else if (action.kind === 'edit') startEditing(active, action.text, action.mode);
    else if (action.kind === 'collapse') {
      setAnchor(active);
      setError(null);
    } else if (action.kind === 'clear') {
      const cells: Array<{ pos: Pos; text: string }> = [];
      for (let i = range.top; i <= range.bottom; i++) for (let j = range.left; j <= range.right; j++) if (at({ r: i, c: j })?.cell.editable && at({ r: i, c: j })?.cell.text) cells.push({ pos: { r: i, c: j }, text: '' });
      if (cells.length === 0) startEditing(active, '', 'enter');
      else void write(cells);
    } else if (action.kind === 'select-all') {
      setAnchor({ r: 0, c: 0 });
      setActive({ r: rowCount - 1, c: colCount - 1 });
    }
  };

  const onEditorKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!editing) return;
    const action = editorKeyAction(e, editing, { rows: rowCount, cols: colCount });
    if (action.kind === 'none') return;
    if (action.kind === 'commit') commit(action.then);
    else cancel();
    e.preventDefault();
    e.stopPropagation();
  };

  const addPeriod = () => {
    if (!grid) return;
    const parsed = parsePeriodLabel(newPeriod, { yearDashTwoDigits: 'financial_year' });
    if (!parsed.ok) {
      setPeriodProblem(parsed.error);
      return;
    }
    const span = parsed.value;
    const frozen = grid.frozenThrough !== null && span.last <= grid.frozenThrough;
    setAdded((list) => [...list, { first: span.first, last: span.last, label: formatSpanLabel(span), kind: span.first === span.last ? 'month' : 'other', frozen }]);
    setPeriodProblem(null);
    setNewPeriod('');
    setStatus(`Added the column ${formatSpanLabel(span)}${frozen ? ' (published, so read only)' : ''}: type or paste its values.`);
  };

  if (state.error && !grid) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{state.error}</MessageBarBody>
      </MessageBar>
    );
  }
  if (!grid) return <p className="grid-loading">Loading the values...</p>;

  const selected = at(active);
  const name = grid.indicator.name;

  return (
    <section className="values-grid" aria-label={`Values of ${name}`}>
      <ToolbarRow label="Values" className="grid-toolbar">
        <ToggleButton size="small" checked={transposed} onClick={() => setTransposed((t) => !t)} title={transposed ? 'Periods down, areas across' : 'Areas down, periods across'}>
          Transpose
        </ToggleButton>
        {hasMonths && hasRolling && <Switch label="Rolling 12 months" checked={showRolling} onChange={(_, d) => setRolling(d.checked)} />}
        <ToolbarSeparator />
        <Button size="small" onClick={() => void copy(true)}>
          Copy table
        </Button>
        <Button size="small" disabled={!selected} onClick={() => selected && setHistoryOf({ area: selected.area, period: selected.period })}>
          History of the selected value
        </Button>
        <ToolbarSeparator />
        <Field className="add-period" validationMessage={periodProblem} size="small" label={{ children: 'Add a period', className: 'sr-only' }}>
          <Input
            size="small"
            placeholder="Add a period, e.g. 2015/16 or Jan 2025"
            value={newPeriod}
            onChange={(_, d) => setNewPeriod(d.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') addPeriod();
            }}
          />
        </Field>
        {/* Stays focusable once the column is added (the box is then empty), so focus is not lost. */}
        <Button size="small" onClick={addPeriod} disabledFocusable={newPeriod.trim() === ''}>
          Add column
        </Button>
      </ToolbarRow>
      {rowCount === 0 || colCount === 0 ? (
        <p className="grid-empty">No values yet. Add a period above, then type or paste its values.</p>
      ) : (
        <div className="grid-scroll" ref={wrapper} {...ownTab}>
          <table role="grid" className="values-table" aria-label={`Values of ${name}`} aria-rowcount={rowCount + 1} aria-colcount={colCount + 1} aria-multiselectable="true" onKeyDown={onGridKeyDown}>
            <thead>
              <tr aria-rowindex={1}>
                <th scope="col" className="corner">
                  {transposed ? 'Period' : 'Area'}
                </th>
                {Array.from({ length: colCount }, (_, c) => {
                  const p = transposed ? null : periods[c]?.period;
                  return (
                    <th key={c} scope="col" aria-colindex={c + 2} className={p?.frozen ? 'frozen' : undefined} title={p?.frozen ? `Published in ${grid.lockedPeriod}` : undefined}>
                      {colLabel(c)}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: rowCount }, (_, r) => {
                const p = transposed ? periods[r]?.period : null;
                return (
                  <tr key={r} aria-rowindex={r + 2}>
                    <th scope="row" className={p?.frozen ? 'frozen' : undefined}>
                      {rowLabel(r)}
                    </th>
                    {Array.from({ length: colCount }, (_, c) => {
                      const x = at({ r, c })!;
                      const isActive = active.r === r && active.c === c;
                      const isEditing = editing && editing.r === r && editing.c === c;
                      const classes = ['cell', x.cell.derived ? 'derived' : '', !x.cell.editable && !x.cell.derived ? 'frozen' : '', inRange(r, c) ? 'in-range' : '', isActive ? 'active' : ''].join(' ');
                      return (
                        <td
                          key={c}
                          role="gridcell"
                          aria-colindex={c + 2}
                          aria-selected={inRange(r, c)}
                          aria-readonly={!x.cell.editable || undefined}
                          aria-description={x.cell.how ?? x.cell.readOnlyReason ?? undefined}
                          tabIndex={isActive && !isEditing ? 0 : -1}
                          className={classes}
                          title={x.cell.how ?? x.cell.readOnlyReason ?? undefined}
                          ref={(el) => {
                            if (el) cellRefs.current.set(`${r}:${c}`, el);
                            else cellRefs.current.delete(`${r}:${c}`);
                          }}
                          onMouseDown={(e) => {
                            if (isEditing) return;
                            if (editing) commit(null);
                            moveTo({ r, c }, e.shiftKey);
                          }}
                          onDoubleClick={() => startEditing({ r, c }, null, 'edit')}
                        >
                          {isEditing ? (
                            <input
                              className="cell-editor"
                              aria-label={`${describe(x)}, value`}
                              autoFocus
                              value={editing.text}
                              onChange={(e) => setEditing({ ...editing, text: e.target.value })}
                              onKeyDown={onEditorKeyDown}
                              onBlur={() => commit(null)}
                            />
                          ) : (
                            x.cell.text
                          )}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div className="grid-status" aria-live="polite">
        {selected && (
          <span className="selected-cell">
            <strong>{describe(selected)}</strong>: {selected.cell.text || 'empty'}
            {selected.cell.derived ? ` (${selected.cell.how})` : selected.cell.readOnlyReason ? ` (${selected.cell.readOnlyReason})` : selected.cell.text ? ' (stored)' : ''}
          </span>
        )}
        {status && !error && <span className="grid-message">{status}</span>}
      </div>
      {error && (
        <MessageBar intent="warning" role="alert" className="grid-error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <p className="grid-key">
        <span className="key-derived">Italic grey</span>: worked out by Boardpack (hover to see how); edit what it comes from.{' '}
        {grid.lockedPeriod && (
          <>
            <span className="key-frozen">Shaded</span>: published in {grid.lockedPeriod} (up to {formatMonthLong(grid.frozenThrough!)}), read only.{' '}
          </>
        )}
        Type to edit, F2 to change, Enter or Tab to save, Esc to cancel; Ctrl+C and Ctrl+V work with Excel.
      </p>
      {grid.coverageNotes.length > 0 && (
        <ul className="grid-key grid-coverage" aria-label="Areas with no figure worked out">
          {grid.coverageNotes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {/* Mounted only while a paste waits: a mounted Fluent dialog, even closed, starts tabster's
          modal manager, which puts two hidden focus stops at the top and bottom of the page. */}
      {paste && (
      <PastePreview
        pending={paste}
        onCancel={() => setPaste(null)}
        onApply={async () => {
          if (!paste) return;
          try {
            const result = await call('values.set', { indicatorId, cells: paste.cells, pasted: true });
            setStatus(`Pasted ${result.changes.length} value${result.changes.length === 1 ? '' : 's'}. Ctrl+Z undoes the paste.`, true);
            setError(null);
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          }
          setPaste(null);
          requestAnimationFrame(() => cellRefs.current.get(`${active.r}:${active.c}`)?.focus());
        }}
      />
      )}
      {historyOf && <ValueHistoryDialog indicatorId={indicatorId} area={historyOf.area} period={historyOf.period} onClose={() => setHistoryOf(null)} />}
    </section>
  );
}
