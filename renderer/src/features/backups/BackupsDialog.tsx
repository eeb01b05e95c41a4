/**
 * "Backups...": the earlier versions Boardpack keeps beside the workspace (the last five saves),
 * each with Restore. A restore is a long job: its progress shows at once with a bar and Cancel
 * (focus moves to Cancel, so Enter or Space stops it), and a cancelled restore leaves the
 * workspace exactly as it was. When the dialog closes, focus goes back to the Backups button.
 */
import { useEffect, useRef, useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import type { JobProgress } from '../../../../shared/api/types';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useReturnFocus } from '../../components/FormDialog';
import { restoreLabel, restoreProgressText, savedAtText, sizeText } from './restoreProgress';

export function BackupsDialog(props: { onClose(): void; onRestored(): void }) {
  useReturnFocus();
  const backups = useApi('workspace.backups', {});
  /** The backup being restored (its name), while the restore runs. */
  const [restoring, setRestoring] = useState<string | null>(null);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [message, setMessage] = useState<{ intent: 'error' | 'info'; text: string } | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  /** The Restore button to give the keyboard back to once a restore stopped. */
  const [returnTo, setReturnTo] = useState<string | null>(null);

  // The host answers jobs.progress at once from what the core last said, so polling is cheap.
  useEffect(() => {
    if (!restoring) return;
    let stopped = false;
    const timer = setInterval(() => {
      void call('jobs.progress', {})
        .then((p) => !stopped && p.running && p.kind === 'restore' && setProgress(p))
        .catch(() => undefined);
    }, 200);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [restoring]);

  // Cancel is where the keyboard is while a restore runs.
  useEffect(() => {
    if (restoring) cancelRef.current?.focus();
  }, [restoring]);

  // Back to the row's Restore button, where the keyboard was before (once it is enabled again).
  useEffect(() => {
    if (restoring || !returnTo) return;
    document.querySelector<HTMLElement>(`[data-backup="${CSS.escape(returnTo)}"]`)?.focus();
    setReturnTo(null);
  }, [restoring, returnTo]);

  const restore = async (name: string) => {
    setMessage(null);
    setProgress(null);
    setCancelling(false);
    setRestoring(name);
    try {
      await call('workspace.restoreBackup', { name });
      setRestoring(null);
      props.onRestored();
      props.onClose();
    } catch (e) {
      setRestoring(null);
      const text = e instanceof Error ? e.message : String(e);
      setMessage({ intent: /cancelled/i.test(text) ? 'info' : 'error', text });
      setReturnTo(name);
    }
  };

  const cancel = () => {
    setCancelling(true);
    void call('jobs.cancel', {}).catch(() => undefined);
  };

  return (
    <Dialog open modalType="modal" onOpenChange={(_, d) => !d.open && !restoring && props.onClose()}>
      <DialogSurface aria-describedby="backups-about" className="backups-dialog">
        <DialogBody>
          <DialogTitle>Backups</DialogTitle>
          <DialogContent>
            <p id="backups-about">
              Boardpack keeps the last five saved versions of this workspace beside it. Restoring one keeps the version open now as a backup too, so a restore can be undone by restoring that.
            </p>
            {backups.loading && !backups.data && <Spinner size="tiny" label="Reading the backups..." labelPosition="after" />}
            {backups.error && (
              <MessageBar intent="error">
                <MessageBarBody>{backups.error}</MessageBarBody>
              </MessageBar>
            )}
            {backups.data && backups.data.length === 0 && <p>No backups yet: they are kept from the second save on.</p>}
            {backups.data && backups.data.length > 0 && (
              <Table size="small" aria-label="Backups, newest first" className="backups-table">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Saved</TableHeaderCell>
                    <TableHeaderCell>Size</TableHeaderCell>
                    <TableHeaderCell>
                      <span className="sr-only">Restore</span>
                    </TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {backups.data.map((b) => (
                    <TableRow key={b.name}>
                      <TableCell>{savedAtText(b.savedAt)}</TableCell>
                      <TableCell>{sizeText(b.size)}</TableCell>
                      <TableCell>
                        <Button size="small" data-backup={b.name} aria-label={restoreLabel(b)} disabled={restoring !== null} onClick={() => void restore(b.name)}>
                          Restore
                        </Button>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            {restoring && (
              <div className="job-progress" role="status" aria-label="Restore progress">
                <span>{cancelling ? 'Cancelling...' : restoreProgressText(progress)}</span>
                <ProgressBar value={progress?.kind === 'restore' ? progress.fraction : 0} thickness="large" />
                <Button size="small" ref={cancelRef} onClick={cancel} disabled={cancelling}>
                  Cancel the restore
                </Button>
              </div>
            )}
            {message && (
              <MessageBar intent={message.intent} className="backups-message">
                <MessageBarBody>{message.text}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={props.onClose} disabled={restoring !== null}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
