/**
 * The Indicators page: outcomes and their indicators on the left (search, reorder, archive),
 * the chosen indicator's definition and values grid on the right.
 */
import { useEffect, useState } from 'react';
import { Button, Input, MessageBar, MessageBarActions, MessageBarBody, Spinner, Switch } from '@fluentui/react-components';
import { ToolbarRow } from '../../components/ToolbarRow';
import type { Indicator, Outcome } from '../../../../shared/api/types';
import { MEASURE_TYPE_NAMES, sumsOverTime } from '../../../../shared/domain/definition-words';
import { POLARITY_NAMES, UNIT_NAMES } from '../../../../shared/domain/vocabulary';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { DefinitionDrawer } from './DefinitionDrawer';
import { IndicatorList, type ListActions } from './IndicatorList';
import { OutcomeDialog } from './OutcomeDialog';
import { ValuesGrid } from './ValuesGrid';
import { useActionMessage } from '../history/useActionMessage';

function Definition({ indicator, derivedFrom }: { indicator: Indicator; derivedFrom: string | null }) {
  const facts: Array<[string, string]> = [
    ['Unit', UNIT_NAMES[indicator.unit]],
    ['Measure type', `${MEASURE_TYPE_NAMES[indicator.measureType]}${sumsOverTime(indicator.measureType) ? ' (months add up)' : ' (never added up over months)'}`],
    ['Polarity', POLARITY_NAMES[indicator.polarity]],
    ['Decimals', String(indicator.decimals)],
    ['Frequency', indicator.frequency || '-'],
    ['Source', indicator.source || '-'],
    ['Target', indicator.target === null ? '-' : String(indicator.target)],
    ['Tolerance', indicator.tolerancePercent === null ? '-' : `${indicator.tolerancePercent}%`],
    ['Comparator group', indicator.comparatorGroup || '-'],
  ];
  return (
    <>
      <dl className="definition-facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {derivedFrom && <p className="definition-note">Worked out by Boardpack: {derivedFrom} / population x 1,000.</p>}
      {indicator.footnote && <p className="definition-note">Footnote: {indicator.footnote}</p>}
      {indicator.notes && <p className="definition-note">Notes: {indicator.notes}</p>}
    </>
  );
}

export function IndicatorsPage() {
  const list = useApi('indicators.list', {});
  const [search, setSearch] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [drawer, setDrawer] = useState<{ indicator: Indicator | null } | null>(null);
  const [outcomeDialog, setOutcomeDialog] = useState<{ outcome: Outcome | null } | null>(null);
  // A notice about a change ("Saved ...") goes when that change is undone.
  const [notice, say] = useActionMessage<{ text: string; intent: 'success' | 'error'; undo: boolean }>();
  const setNotice = (n: { text: string; intent: 'success' | 'error'; undo: boolean } | null) => say(n, n?.undo === true);

  const catalogue = list.data;
  const all = catalogue ? [...catalogue.outcomes.flatMap((o) => o.indicators), ...catalogue.dataSeries] : [];
  const selected = all.find((i) => i.id === selectedId) ?? null;

  // Start on the first indicator so the page is never blank.
  useEffect(() => {
    if (selectedId === null && catalogue) {
      const first = catalogue.outcomes.find((o) => !o.archived)?.indicators.find((i) => !i.archived);
      if (first) setSelectedId(first.id);
    }
  }, [catalogue, selectedId]);

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setNotice({ text: done, intent: 'success', undo: true });
    } catch (e) {
      setNotice({ text: e instanceof Error ? e.message : String(e), intent: 'error', undo: false });
    }
  };

  const actions: ListActions = {
    select: (i) => setSelectedId(i.id),
    editOutcome: (o) => setOutcomeDialog({ outcome: o }),
    archiveOutcome: (o, archived) => void run(() => call(archived ? 'outcomes.archive' : 'outcomes.restore', { id: o.id }), `${archived ? 'Archived' : 'Restored'} the outcome "${o.title}".`),
    archiveIndicator: (i, archived) => void run(() => call(archived ? 'indicators.archive' : 'indicators.restore', { id: i.id }), `${archived ? 'Archived' : 'Restored'} "${i.name}".`),
    reorderIndicators: (outcomeId, ids, moved) => {
      const pressed = movePressed();
      void run(async () => {
        await call('indicators.reorder', { outcomeId, ids });
        // The moved row keeps the focus, so Alt+Up can be pressed again; or, when its Move
        // button was pressed, that button, so it can be pressed again.
        requestAnimationFrame(() => (pressed?.() ?? document.querySelector<HTMLButtonElement>(`[data-indicator-id="${moved.id}"]`))?.focus());
      }, `Moved "${moved.name}".`);
    },
    reorderOutcomes: (ids, moved) => {
      const pressed = movePressed();
      void run(async () => {
        await call('outcomes.reorder', { ids });
        requestAnimationFrame(() => pressed?.()?.focus());
      }, `Moved the outcome "${moved.title}".`);
    },
  };

  if (list.error && !catalogue) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{list.error}</MessageBarBody>
      </MessageBar>
    );
  }
  if (!catalogue) return <Spinner label="Loading the indicators..." />;
  const grid = selected ? <SelectedIndicator indicator={selected} all={all} onEdit={() => setDrawer({ indicator: selected })} /> : null;

  return (
    <section className="indicators-page" aria-labelledby="indicators-heading">
      <h2 id="indicators-heading" className="sr-only">
        Indicators
      </h2>
      <div className="indicators-side paper">
        <ToolbarRow label="Indicators" className="list-toolbar">
          <Button size="small" appearance="primary" onClick={() => setDrawer({ indicator: null })}>
            New indicator
          </Button>
          <Button size="small" onClick={() => setOutcomeDialog({ outcome: null })}>
            New outcome
          </Button>
          <Switch label="Show archived" checked={showArchived} onChange={(_, d) => setShowArchived(d.checked)} />
        </ToolbarRow>
        <Input className="indicator-search" type="search" aria-label="Search outcomes and indicators" placeholder="Search outcomes and indicators" value={search} onChange={(_, d) => setSearch(d.value)} />
        {(search.trim() !== '' || showArchived) && <p className="list-hint">Clear the search and hide archived items to reorder.</p>}
        <IndicatorList catalogue={catalogue} search={search} showArchived={showArchived} selectedId={selectedId} actions={actions} />
      </div>
      <div className="indicators-main">
        {notice && (
          <MessageBar intent={notice.intent} className="page-notice" role={notice.intent === 'error' ? 'alert' : 'status'}>
            <MessageBarBody>{notice.text}</MessageBarBody>
            <MessageBarActions
              containerAction={
                <Button size="small" appearance="transparent" aria-label="Dismiss" onClick={() => setNotice(null)}>
                  ✕
                </Button>
              }
            >
              {notice.undo && (
                <Button size="small" onClick={() => void run(() => call('history.undo', {}), 'Undone.').then(() => setNotice(null))}>
                  Undo
                </Button>
              )}
            </MessageBarActions>
          </MessageBar>
        )}
        {grid ?? <p className="paper empty">Choose an indicator on the left to see its definition and values.</p>}
      </div>
      {/* Mounted only while open: a closed Fluent drawer still leaves hidden focus stops in the page. */}
      {drawer !== null && (
      <DefinitionDrawer
        open
        indicator={drawer?.indicator ?? null}
        catalogue={catalogue}
        onClose={() => setDrawer(null)}
        onSaved={(i, message) => {
          setDrawer(null);
          setSelectedId(i.id);
          setNotice({ text: message, intent: 'success', undo: message !== 'Nothing had changed.' });
        }}
      />
      )}
      {outcomeDialog !== null && (
      <OutcomeDialog
        open
        outcome={outcomeDialog?.outcome ?? null}
        onClose={() => setOutcomeDialog(null)}
        onSaved={(_, message) => {
          setOutcomeDialog(null);
          setNotice({ text: message, intent: 'success', undo: true });
        }}
      />
      )}
    </section>
  );
}

function SelectedIndicator({ indicator, all, onEdit }: { indicator: Indicator; all: Indicator[]; onEdit(): void }) {
  const derivedFrom = indicator.derivation ? (all.find((i) => i.id === indicator.derivation!.fromIndicatorId)?.name ?? null) : null;
  return (
    <div className="paper indicator-detail">
      <div className="detail-head">
        <h3 className="detail-title">{indicator.name}</h3>
        {indicator.archived && <span className="archived-note">(archived)</span>}
        <Button size="small" onClick={onEdit}>
          Edit definition
        </Button>
      </div>
      <Definition indicator={indicator} derivedFrom={derivedFrom} />
      <ValuesGrid indicatorId={indicator.id} />
    </div>
  );
}

/**
 * When a Move up or Move down button has focus (it was pressed): a way to find the same button
 * once the list is drawn in its new order, or its other one if it is now off (moved to the top
 * or the bottom). The button is drawn again in its new place, so the element itself is lost.
 */
function movePressed(): (() => HTMLButtonElement | null) | null {
  const label = document.activeElement?.getAttribute('aria-label') ?? '';
  const what = /^Move (.+) (up|down)$/.exec(label);
  if (!what) return null;
  const button = (direction: string) => document.querySelector<HTMLButtonElement>(`button[aria-label="${CSS.escape(`Move ${what[1]} ${direction}`)}"]`);
  return () => {
    const same = button(what[2]!);
    return same && !same.disabled ? same : button(what[2] === 'up' ? 'down' : 'up');
  };
}
