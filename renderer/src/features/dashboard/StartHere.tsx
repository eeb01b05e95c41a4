/**
 * The demo's "start here" panel: look at the latest quarter, import files, or create the
 * analyst's own workspace (Boardpack reopens it next time).
 */
import { useState } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ReportingPeriod, WorkspaceInfo } from '../../../../shared/api/types';
import { startHereText } from './words';

export function StartHere(props: { info: WorkspaceInfo; periods: readonly ReportingPeriod[]; shown: ReportingPeriod | null; onShowPeriod(name: string): void }) {
  const latest = props.periods[0]?.name ?? null;
  const [hidden, setHidden] = useState(false);
  if (hidden) return null;

  return (
    <MessageBar intent="info" className="start-here" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Start here</MessageBarTitle>
        {startHereText(props.periods, props.shown)}
      </MessageBarBody>
      <MessageBarActions>
        {latest && latest !== props.shown?.name && <Button onClick={() => props.onShowPeriod(latest)}>Show {latest}</Button>}
        <Button onClick={() => window.dispatchEvent(new CustomEvent('boardpack:command', { detail: 'page:import' }))}>Import files</Button>
        <Button
          appearance="primary"
          // The app frame owns the dialog (it outlives this panel, which goes with the demo).
          onClick={() => window.dispatchEvent(new CustomEvent('boardpack:command', { detail: 'workspace:new' }))}
        >
          New workspace...
        </Button>
        <Button appearance="transparent" onClick={() => setHidden(true)}>
          Hide
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
