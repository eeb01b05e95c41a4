/**
 * Outcomes and their indicators, in the appendix's order. Reordered by dragging a row, by the
 * Move up / Move down buttons, or with Alt+Up / Alt+Down on a focused row; each move is one
 * undoable step.
 */
import { useState, type DragEvent, type KeyboardEvent } from 'react';
import { Badge, Button, Tooltip } from '@fluentui/react-components';
import type { Indicator, IndicatorCatalogue, Outcome } from '../../../../shared/api/types';
import { MEASURE_TYPE_NAMES } from '../../../../shared/domain/definition-words';
import { UNIT_NAMES } from '../../../../shared/domain/vocabulary';
import { focusNextWhenGone } from '../../components/nextFocusable';

const DRAG_TYPE = 'application/x-boardpack-indicator';

export interface ListActions {
  select(indicator: Indicator): void;
  editOutcome(outcome: Outcome): void;
  archiveOutcome(outcome: Outcome, archived: boolean): void;
  archiveIndicator(indicator: Indicator, archived: boolean): void;
  /** New order of one group's indicators (outcome id, or null for the data series). */
  reorderIndicators(outcomeId: number | null, ids: number[], moved: Indicator): void;
  reorderOutcomes(ids: number[], moved: Outcome): void;
}

function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

function MoveButtons(props: { what: string; index: number; count: number; disabled: boolean; onMove(to: number): void }) {
  const { what, index, count, disabled, onMove } = props;
  return (
    <span className="move-buttons">
      <Button size="small" appearance="subtle" aria-label={`Move ${what} up`} title="Move up (Alt+Up)" disabled={disabled || index === 0} onClick={() => onMove(index - 1)}>
        ↑
      </Button>
      <Button size="small" appearance="subtle" aria-label={`Move ${what} down`} title="Move down (Alt+Down)" disabled={disabled || index === count - 1} onClick={() => onMove(index + 1)}>
        ↓
      </Button>
    </span>
  );
}

function IndicatorRows(props: { group: Indicator[]; outcomeId: number | null; selectedId: number | null; canReorder: boolean; actions: ListActions }) {
  const { group, outcomeId, selectedId, canReorder, actions } = props;
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const move = (from: number, to: number) => {
    if (to < 0 || to >= group.length || from === to) return;
    actions.reorderIndicators(outcomeId, moved(group, from, to).map((i) => i.id), group[from]!);
  };
  const onKeyDown = (e: KeyboardEvent, index: number) => {
    if (!e.altKey || !canReorder) return;
    if (e.key === 'ArrowUp') move(index, index - 1);
    else if (e.key === 'ArrowDown') move(index, index + 1);
    else return;
    e.preventDefault();
  };
  const onDrop = (e: DragEvent, index: number) => {
    e.preventDefault();
    e.stopPropagation();
    const from = group.findIndex((i) => i.id === dragging);
    setDragging(null);
    setOver(null);
    if (from >= 0) move(from, index);
  };
  return (
    <ul className="indicator-rows" aria-label={outcomeId === null ? 'Data series' : 'Indicators'}>
      {group.map((indicator, index) => (
        <li
          key={indicator.id}
          ref={focusNextWhenGone}
          className={['indicator-row', indicator.id === selectedId ? 'selected' : '', indicator.archived ? 'archived' : '', over === index ? 'drop-target' : ''].join(' ')}
          draggable={canReorder}
          onDragStart={(e) => {
            e.dataTransfer.setData(DRAG_TYPE, String(indicator.id));
            e.dataTransfer.effectAllowed = 'move';
            setDragging(indicator.id);
          }}
          onDragEnd={() => {
            setDragging(null);
            setOver(null);
          }}
          onDragOver={(e) => {
            if (dragging === null || !e.dataTransfer.types.includes(DRAG_TYPE)) return;
            e.preventDefault();
            e.stopPropagation();
            setOver(index);
          }}
          onDrop={(e) => onDrop(e, index)}
        >
          {canReorder && (
            <span className="drag-handle" aria-hidden="true" title="Drag to reorder">
              ⋮⋮
            </span>
          )}
          <button
            type="button"
            className="indicator-name"
            data-indicator-id={indicator.id}
            aria-current={indicator.id === selectedId ? 'true' : undefined}
            aria-keyshortcuts={canReorder ? 'Alt+ArrowUp Alt+ArrowDown' : undefined}
            onClick={() => actions.select(indicator)}
            onKeyDown={(e) => onKeyDown(e, index)}
          >
            {indicator.name}
            <span className="indicator-meta">
              {UNIT_NAMES[indicator.unit]}
              {indicator.unit === 'count' ? ` (${MEASURE_TYPE_NAMES[indicator.measureType]})` : ''}
              {indicator.derivation ? ', derived' : ''}
              {indicator.frequency ? `, ${indicator.frequency}` : ''}
            </span>
          </button>
          {indicator.archived && (
            <Badge appearance="outline" color="subtle" size="small">
              archived
            </Badge>
          )}
          <span className="row-actions">
            {canReorder && <MoveButtons what={indicator.name} index={index} count={group.length} disabled={false} onMove={(to) => move(index, to)} />}
            <Button size="small" appearance="subtle" aria-label={`${indicator.archived ? 'Restore' : 'Archive'} ${indicator.name}`} onClick={() => actions.archiveIndicator(indicator, !indicator.archived)}>
              {indicator.archived ? 'Restore' : 'Archive'}
            </Button>
          </span>
        </li>
      ))}
    </ul>
  );
}

export function IndicatorList(props: { catalogue: IndicatorCatalogue; search: string; showArchived: boolean; selectedId: number | null; actions: ListActions }) {
  const { catalogue, search, showArchived, selectedId, actions } = props;
  const words = search.trim().toLowerCase();
  const matches = (text: string) => words === '' || text.toLowerCase().includes(words);
  // Reordering a filtered list would be ambiguous: it works on the whole list only.
  const canReorder = words === '' && !showArchived;
  const outcomes = catalogue.outcomes.filter((o) => showArchived || !o.archived);
  const shown = (o: { title: string; indicators: Indicator[] }) =>
    o.indicators.filter((i) => (showArchived || !i.archived) && (matches(o.title) || matches(i.name)));
  const series = catalogue.dataSeries.filter((i) => (showArchived || !i.archived) && matches(i.name));
  const visible = outcomes.filter((o) => matches(o.title) || shown(o).length > 0);

  if (visible.length === 0 && series.length === 0) {
    return <p className="list-empty">{words ? `No outcome or indicator mentions "${search.trim()}".` : 'No outcomes yet: add one to start.'}</p>;
  }
  return (
    <div className="indicator-list">
      {visible.map((outcome) => {
        const index = outcomes.findIndex((o) => o.id === outcome.id);
        return (
          <section key={outcome.id} ref={focusNextWhenGone} className={outcome.archived ? 'outcome-group archived' : 'outcome-group'} aria-label={`Outcome: ${outcome.title}`}>
            <div className="outcome-head">
              <Tooltip content={outcome.title} relationship="description">
                <h3 className="outcome-title">{outcome.title}</h3>
              </Tooltip>
              {outcome.archived && (
                <Badge appearance="outline" color="subtle" size="small">
                  archived
                </Badge>
              )}
              <span className="row-actions">
                {canReorder && (
                  <MoveButtons
                    what={`the outcome ${outcome.title}`}
                    index={index}
                    count={outcomes.length}
                    disabled={false}
                    onMove={(to) => actions.reorderOutcomes(moved(outcomes, index, to).map((o) => o.id), outcome)}
                  />
                )}
                <Button size="small" appearance="subtle" aria-label={`Edit the outcome ${outcome.title}`} onClick={() => actions.editOutcome(outcome)}>
                  Edit
                </Button>
                <Button size="small" appearance="subtle" aria-label={`${outcome.archived ? 'Restore' : 'Archive'} the outcome ${outcome.title}`} onClick={() => actions.archiveOutcome(outcome, !outcome.archived)}>
                  {outcome.archived ? 'Restore' : 'Archive'}
                </Button>
              </span>
            </div>
            <IndicatorRows group={shown(outcome)} outcomeId={outcome.id} selectedId={selectedId} canReorder={canReorder} actions={actions} />
          </section>
        );
      })}
      {series.length > 0 && (
        <section className="outcome-group" aria-label="Data series">
          <div className="outcome-head">
            <h3 className="outcome-title">Data series (not printed; rates are worked out from them)</h3>
          </div>
          <IndicatorRows group={series} outcomeId={null} selectedId={selectedId} canReorder={canReorder} actions={actions} />
        </section>
      )}
    </div>
  );
}
