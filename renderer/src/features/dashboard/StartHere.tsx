/**
 * The demo's "start here" panel: look at the latest quarter, import files, or create the
 * analyst's own workspace (Boardpack reopens it next time).
 */
import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ReportingPeriod, WorkspaceInfo } from '../../../../shared/api/types';
import { nextFocusable } from '../../components/nextFocusable';
import { startHereText } from './words';

export function StartHere(props: { info: WorkspaceInfo; periods: readonly ReportingPeriod[]; shown: ReportingPeriod | null; onShowPeriod(name: string): void }) {
  const latest = props.periods[0]?.name ?? null;
  const [hidden, setHidden] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  /** Does `change`, which removes the focused button (or the whole panel), then focuses the next control, not the top of the page. */
  const thenNext = (from: Element, change: () => void) => {
    const hadFocus = from.contains(document.activeElement);
    const next = nextFocusable(from);
    flushSync(change);
    if (hadFocus && (document.activeElement === null || document.activeElement === document.body)) next?.focus();
  };
  if (hidden) return null;

  return (
    <MessageBar ref={panel} intent="info" className="start-here" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Start here</MessageBarTitle>
        {startHereText(props.periods, props.shown)}
      </MessageBarBody>
      <MessageBarActions>
        {latest && latest !== props.shown?.name && <Button onClick={(event) => thenNext(event.currentTarget, () => props.onShowPeriod(latest))}>Show {latest}</Button>}
        <Button onClick={() => window.dispatchEvent(new CustomEvent('boardpack:command', { detail: 'page:import' }))}>Import files</Button>
        <Button
          appearance="primary"
          // The app frame owns the dialog (it outlives this panel, which goes with the demo).
          onClick={() => window.dispatchEvent(new CustomEvent('boardpack:command', { detail: 'workspace:new' }))}
        >
          New workspace...
        </Button>
        <Button appearance="transparent" onClick={() => panel.current && thenNext(panel.current, () => setHidden(true))}>
          Hide
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
