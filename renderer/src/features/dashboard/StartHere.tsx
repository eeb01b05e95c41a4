/**
 * The demo's "start here" panel: look at the latest quarter, import files, or create the
 * analyst's own workspace (Boardpack reopens it next time).
 */
import { useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ReportingPeriod, WorkspaceInfo } from '../../../../shared/api/types';
import { call } from '../../api/client';
import { FormDialog } from '../../components/FormDialog';
import { startHereText } from './words';

/** Beside the demo, in the same folder, unless the analyst types another place. */
function suggestedPath(info: WorkspaceInfo): string {
  const file = info.file ?? '';
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  const folder = cut >= 0 ? file.slice(0, cut + 1) : '';
  return `${folder}Safer Communities Board.boardpack`;
}

export function StartHere(props: { info: WorkspaceInfo; periods: readonly ReportingPeriod[]; shown: ReportingPeriod | null; onShowPeriod(name: string): void }) {
  const latest = props.periods[0]?.name ?? null;
  const [hidden, setHidden] = useState(false);
  const [creating, setCreating] = useState(false);
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (hidden) return null;

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('workspace.create', { path: target });
      setCreating(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

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
          onClick={() => {
            setTarget(suggestedPath(props.info));
            setError(null);
            setCreating(true);
          }}
        >
          New workspace...
        </Button>
        <Button appearance="transparent" onClick={() => setHidden(true)}>
          Hide
        </Button>
      </MessageBarActions>
      {creating && (
        <FormDialog title="New workspace" submit="Create" busy={busy} error={error} canSubmit={target.trim() !== ''} onSubmit={() => void create()} onClose={() => setCreating(false)}>
          <p>An empty workspace file for your board. Boardpack opens it now and again next time; the demo stays where it is.</p>
          <Field label="File" hint="A folder you can write to, e.g. on the network drive; the name ends in .boardpack.">
            <Input value={target} onChange={(_, d) => setTarget(d.value)} autoFocus />
          </Field>
        </FormDialog>
      )}
    </MessageBar>
  );
}
