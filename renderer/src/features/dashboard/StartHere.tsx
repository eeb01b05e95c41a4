/**
 * The demo's "start here" panel: look at the latest quarter, import files, or create the
 * analyst's own workspace (Boardpack reopens it next time).
 */
import { useState } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { WorkspaceInfo } from '../../../../shared/api/types';
import { NewWorkspaceDialog } from '../areas/NewWorkspaceDialog';

export function StartHere(props: { info: WorkspaceInfo; latestPeriod: string | null; onShowPeriod(name: string): void }) {
  const [hidden, setHidden] = useState(false);
  const [creating, setCreating] = useState(false);
  if (hidden) return null;

  return (
    <MessageBar intent="info" className="start-here" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Start here</MessageBarTitle>
        This is the demo workspace: the published 2014/15 Q4 appendix and real police.uk and ONS figures for Leicestershire. Look around, then import
        your partners' files or create your own workspace.
      </MessageBarBody>
      <MessageBarActions>
        {props.latestPeriod && <Button onClick={() => props.onShowPeriod(props.latestPeriod!)}>Show {props.latestPeriod}</Button>}
        <Button onClick={() => window.dispatchEvent(new CustomEvent('boardpack:command', { detail: 'page:import' }))}>Import files</Button>
        <Button
          appearance="primary"
          onClick={() => setCreating(true)}
        >
          New workspace...
        </Button>
        <Button appearance="transparent" onClick={() => setHidden(true)}>
          Hide
        </Button>
      </MessageBarActions>
      {creating && <NewWorkspaceDialog info={props.info} onClose={() => setCreating(false)} />}
    </MessageBar>
  );
}
