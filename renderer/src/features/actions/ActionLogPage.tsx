/**
 * The board's action log: No., date raised, action, responsible officer, comments and status
 * (Red, Amber, Green as a word on its colour, or Closed). Add, edit, close and reopen, delete
 * (after asking), show open actions only, export. Every change goes on the app's undo stack, so
 * the app's toast says what happened and offers Undo (Ctrl+Z).
 */
import { useEffect, useRef, useState } from 'react';
import { Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import type { ActionLogEntry } from '../../../../shared/api/types';
import { ACTION_LOG_HEADERS, actionStatusText, formatActionDate } from '../../../../shared/domain/action-log';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { ActionForm, draftFrom, type ActionDraft } from './ActionForm';
import { downloadBase64 } from '../../components/download';
import { useReturnFocus } from '../../components/FormDialog';
import './actions.css';
import { focusHandoff } from '../../components/focusHandoff';
import { focusNextWhenGone } from '../../components/nextFocusable';
import { useFocusKept } from '../../components/useFocusKept';

type Editing = { entry: ActionLogEntry | null } | null;
type Notice = { intent: 'success' | 'error'; text: string };

function todayHere(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function StatusCell({ entry }: { entry: ActionLogEntry }) {
  if (entry.closedOn) {
    return (
      <td className="action-status closed">
        Closed <span className="closed-on">{formatActionDate(entry.closedOn)}</span>
      </td>
    );
  }
  return (
    <td className={`action-status rag-${entry.status}`}>
      <span className="status-word">{actionStatusText(entry)}</span>
    </td>
  );
}

export function ActionLogPage() {
  const [openOnly, setOpenOnly] = useState(false);
  const log = useApi('actions.list', {});
  const [editing, setEditing] = useState<Editing>(null);
  /** The button that opened the form (Add action, or a row's Edit): focus goes back to it when the form closes. */
  const formOpener = useRef<HTMLElement | null>(null);
  const open = (next: NonNullable<Editing>, opener: HTMLElement) => {
    formOpener.current = opener;
    setEditing(next);
  };
  useEffect(() => {
    if (editing !== null) return;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost && formOpener.current?.isConnected) formOpener.current.focus();
    formOpener.current = null;
  }, [editing]);
  const [confirmDelete, setConfirmDelete] = useState<ActionLogEntry | null>(null);
  // Focus back to the Delete button, and the page visible to screen readers again, when the question goes.
  useReturnFocus(confirmDelete !== null);
  const [busy, setBusy] = useState(false);
  // Back on the control pressed once its work is done (it is disabled meanwhile).
  useFocusKept(busy);
  const [notice, setNotice] = useState<Notice | null>(null);

  const all = log.data ?? [];
  const shown = openOnly ? all.filter((a) => !a.closedOn) : all;
  const openCount = all.filter((a) => !a.closedOn).length;
  const nextNumber = all.reduce((max, a) => Math.max(max, a.number), 0) + 1;

  /** Runs one change; the app's toast says what happened (with Undo), so only a refusal is shown here. */
  const change = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setNotice(null);
    try {
      await work();
      return true;
    } catch (e) {
      setNotice({ intent: 'error', text: e instanceof Error ? e.message : String(e) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const save = async (draft: ActionDraft) => {
    const id = editing?.entry?.id;
    const saved = await change(() =>
      call('actions.save', {
        ...(id !== undefined ? { id } : {}),
        ...(draft.number.trim() !== '' ? { number: Number(draft.number.trim()) } : {}),
        raisedOn: draft.raisedOn,
        action: draft.action,
        officer: draft.officer,
        comments: draft.comments,
        status: draft.status,
      }),
    );
    if (saved) setEditing(null);
  };

  const exportLog = async (format: 'xlsx' | 'csv' | 'pdf') => {
    setBusy(true);
    setNotice(null);
    try {
      const file = await call('export.actions', { format, openOnly });
      if (file.base64) downloadBase64(file.base64, file.fileName, format);
      setNotice({ intent: 'success', text: `Exported "${file.fileName}".` });
    } catch (e) {
      setNotice({ intent: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="action-log-page" aria-labelledby="action-log-heading">
      <div className="toolbar">
        <h2 id="action-log-heading" className="page-heading">
          Action log
        </h2>
        <Button appearance="primary" onClick={(event) => open({ entry: null }, event.currentTarget)} disabled={editing !== null}>
          Add action
        </Button>
        <Checkbox label="Open actions only" checked={openOnly} onChange={(_, d) => setOpenOnly(d.checked === true)} />
        <span className="action-count" role="status">
          {log.data ? `${all.length} ${all.length === 1 ? 'action' : 'actions'}, ${openCount} open` : ''}
        </span>
        <div className="export-buttons" role="group" aria-label="Export the action log">
          <Button onClick={() => void exportLog('xlsx')} disabled={busy}>
            Export Excel
          </Button>
          <Button onClick={() => void exportLog('csv')} disabled={busy}>
            Export CSV
          </Button>
          <Button onClick={() => void exportLog('pdf')} disabled={busy}>
            Export PDF
          </Button>
        </div>
      </div>
      {notice && (
        <MessageBar intent={notice.intent} className="action-notice">
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      {editing && (
        <ActionForm
          key={editing.entry?.id ?? 'new'}
          editing={editing.entry}
          initial={draftFrom(editing.entry, todayHere())}
          nextNumber={nextNumber}
          busy={busy}
          onSave={(d) => void save(d)}
          onCancel={() => setEditing(null)}
        />
      )}
      {log.error && (
        <MessageBar intent="error">
          <MessageBarBody>{log.error}</MessageBarBody>
        </MessageBar>
      )}
      {log.loading && !log.data && <Spinner label="Loading the action log..." />}
      {log.data && shown.length === 0 && (
        <div className="paper empty" role="status">
          {all.length === 0 ? (
            <>
              <h3>No actions yet</h3>
              <p>Add the actions the board agreed, with the responsible officer and a status; they export with the appendix.</p>
            </>
          ) : (
            <p>No open actions: every action in the log is closed. Untick "Open actions only" to see them.</p>
          )}
        </div>
      )}
      {shown.length > 0 && (
        <div className="paper">
          <table className="action-log" aria-label={openOnly ? 'Open actions' : 'Action log'}>
            <colgroup>
              <col style={{ width: '4%' }} />
              <col style={{ width: '8%' }} />
              <col style={{ width: '28%' }} />
              <col style={{ width: '13%' }} />
              <col style={{ width: '25%' }} />
              <col style={{ width: '9%' }} />
              <col style={{ width: '13%' }} />
            </colgroup>
            <thead>
              <tr>
                {ACTION_LOG_HEADERS.filter((h) => h !== 'Date closed').map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
                <th scope="col">
                  <span className="sr-only">Change</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((entry) => (
                <tr key={entry.id} ref={focusNextWhenGone} className={entry.closedOn ? 'is-closed' : undefined}>
                  <td className="num">{entry.number}</td>
                  <td className="date">{formatActionDate(entry.raisedOn)}</td>
                  <td className="text">{entry.action}</td>
                  <td>{entry.officer}</td>
                  <td className="text">{entry.comments}</td>
                  <StatusCell entry={entry} />
                  <td className="row-buttons">
                    <Button size="small" aria-label={`Edit action ${entry.number}`} onClick={(event) => open({ entry }, event.currentTarget)} disabled={busy}>
                      Edit
                    </Button>
                    {entry.closedOn ? (
                      <Button size="small" ref={focusHandoff(`action-state-${entry.id}`)} aria-label={`Reopen action ${entry.number}`} disabled={busy} onClick={() => void change(() => call('actions.reopen', { id: entry.id }))}>
                        Reopen
                      </Button>
                    ) : (
                      <Button size="small" ref={focusHandoff(`action-state-${entry.id}`)} aria-label={`Close action ${entry.number}`} disabled={busy} onClick={() => void change(() => call('actions.close', { id: entry.id }))}>
                        Close
                      </Button>
                    )}
                    <Button size="small" appearance="subtle" aria-label={`Delete action ${entry.number}`} disabled={busy} onClick={() => setConfirmDelete(entry)}>
                      Delete
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="action-key">Status: Red, Amber or Green as the board last judged it; Closed with the date it was closed.</p>
        </div>
      )}
      {/* Mounted only while asking: a closed Fluent dialog still leaves hidden focus stops in the page. */}
      {confirmDelete !== null && (
      <Dialog open onOpenChange={(_, d) => !d.open && setConfirmDelete(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Delete action {confirmDelete?.number}?</DialogTitle>
            <DialogContent>
              "{confirmDelete?.action}" will be removed from the log. Closing keeps it on record instead. Undo brings a deleted action back.
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                onClick={() => {
                  const entry = confirmDelete;
                  setConfirmDelete(null);
                  if (entry) void change(() => call('actions.delete', { id: entry.id }));
                }}
              >
                Delete
              </Button>
              <Button onClick={() => setConfirmDelete(null)}>Keep it</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      )}
    </section>
  );
}
