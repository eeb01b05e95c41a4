/**
 * Export buttons for the appendix on screen: the file is built by the same handler table
 * from the same model, then saved through the browser's (or Electron's) download, which asks
 * where to put it.
 */
import { useRef, useState } from 'react';
import { Button, Checkbox, MessageBar, MessageBarBody, ProgressBar, Spinner } from '@fluentui/react-components';
import { call } from '../../api/client';
import { AGENDA_PACK_CANCELLED } from '../../../../shared/api/jobs';
import { drawingProgress, jobStepProgress, type PackProgress } from './packProgress';
import type { AppendixModel } from '../../../../shared/domain/appendix';
import { downloadBase64 } from '../../components/download';
import { useFocusKept } from '../../components/useFocusKept';

type Format = 'xlsx' | 'pdf' | 'csv';
export interface ExportButtonsProps {
  period: string;
  /** The dashboard area, whose monthly series the agenda pack's trend charts show. */
  areaCode?: string | null;
  /** The appendix on screen and its period's last month, so the agenda pack need not ask again. */
  shown?: { model: AppendixModel; lastMonth: string | undefined };
  /** A published period prints as it was published: the compact layout is not offered. */
  locked?: boolean;
}

export function ExportButtons({ period, areaCode, shown, locked = false }: ExportButtonsProps) {
  const [busy, setBusy] = useState<Format | 'pack' | null>(null);
  // Back on the control pressed once its work is done (it is disabled meanwhile).
  useFocusKept(busy !== null);
  const [progress, setProgress] = useState<PackProgress | null>(null);
  /** The agenda pack being made: Cancel aborts it here and, once the PDF is being made, in Boardpack's core. */
  const packRun = useRef<{ controller: AbortController; inCore: boolean } | null>(null);
  const packButton = useRef<HTMLButtonElement>(null);
  const [compactChosen, setCompact] = useState(false);
  const compact = compactChosen && !locked;
  // A message belongs to the period it was about: it goes when another period is shown.
  const [said, setSaid] = useState<{ period: string; intent: 'success' | 'error' | 'info'; text: string } | null>(null);
  const message = said?.period === period ? said : null;
  const setMessage = (m: { intent: 'success' | 'error' | 'info'; text: string } | null) => setSaid(m && { ...m, period });

  const run = async (format: Format) => {
    setBusy(format);
    setMessage(null);
    try {
      const file = await call('export.appendix', { period, format, variant: compact ? 'compact' : 'standard' });
      if (file.base64) downloadBase64(file.base64, file.fileName, format);
      setMessage({ intent: 'success', text: `Exported "${file.fileName}".` });
    } catch (e) {
      setMessage({ intent: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(null);
    }
  };

  const values = async () => {
    setBusy('csv');
    setMessage(null);
    try {
      const file = await call('export.values', {});
      if (file.base64) downloadBase64(file.base64, file.fileName, 'csv');
      setMessage({ intent: 'success', text: `Exported "${file.fileName}".` });
    } catch (e) {
      setMessage({ intent: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(null);
    }
  };

  const cancelPack = () => {
    const running = packRun.current;
    if (!running || running.controller.signal.aborted) return;
    running.controller.abort();
    setProgress((p) => p && { ...p, cancelled: true });
    if (running.inCore) void call('jobs.cancel', {}).catch(() => undefined);
  };

  const pack = async () => {
    const running = { controller: new AbortController(), inCore: false };
    const { signal } = running.controller;
    packRun.current = running;
    setBusy('pack');
    setMessage(null);
    setProgress(drawingProgress(0, 0, false));
    let poll: ReturnType<typeof setInterval> | undefined;
    try {
      // Loaded on first use: the chart drawing code stays out of the dashboard's first load.
      const { agendaPackCharts } = await import('./agendaPack');
      const { charts, drawn, total } = await agendaPackCharts(period, areaCode ?? null, (done, all) => setProgress(drawingProgress(done, all, signal.aborted)), shown, signal);
      signal.throwIfAborted();
      // Boardpack's core makes the PDF as a long job: its progress is asked for (the host answers
      // at once from what the core last said), and a Cancel that reached it before the job had
      // started is sent again.
      running.inCore = true;
      setProgress({ text: 'Making the PDF', fraction: undefined, cancelled: false });
      poll = setInterval(() => {
        void call('jobs.progress', {})
          .then((job) => {
            if (!job.running || job.kind !== 'export' || packRun.current !== running) return;
            setProgress(jobStepProgress(job, signal.aborted));
            if (signal.aborted && !job.cancelled) void call('jobs.cancel', {}).catch(() => undefined);
          })
          .catch(() => undefined);
      }, 150);
      const file = await call('export.agendaPack', { period, charts });
      // Finished before Cancel reached it: in Electron the file is saved (so say so); in the
      // browser nothing is saved until it is downloaded, so it is not.
      if (signal.aborted && file.base64) throw signal.reason;
      if (file.base64) downloadBase64(file.base64, file.fileName, 'pdf');
      setMessage({ intent: 'success', text: `Exported "${file.fileName}": the appendix and a page for each of ${total} indicators (charts for ${drawn}).` });
    } catch (e) {
      if (signal.aborted) setMessage({ intent: 'info', text: AGENDA_PACK_CANCELLED });
      else setMessage({ intent: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      clearInterval(poll);
      packRun.current = null;
      setBusy(null);
      setProgress(null);
      // Cancel has gone with the progress: focus goes back to the button that started the export.
      if (signal.aborted) packButton.current?.focus();
    }
  };

  return (
    <div className="export-buttons" role="group" aria-label="Export the appendix">
      <Button appearance="primary" onClick={() => void run('pdf')} disabled={busy !== null} icon={busy === 'pdf' ? <Spinner size="tiny" /> : undefined}>
        Export PDF
      </Button>
      <Button onClick={() => void run('xlsx')} disabled={busy !== null} icon={busy === 'xlsx' ? <Spinner size="tiny" /> : undefined}>
        Export Excel
      </Button>
      <Button onClick={() => void run('csv')} disabled={busy !== null}>
        Export CSV
      </Button>
      <Button onClick={() => void values()} disabled={busy !== null}>
        Export values (CSV)
      </Button>
      {/* Stays focusable while the pack is made, so focus is not lost; Tab goes on to Cancel. */}
      <Button ref={packButton} onClick={() => void pack()} disabled={busy !== null} disabledFocusable={busy === 'pack'} icon={busy === 'pack' ? <Spinner size="tiny" /> : undefined}>
        Export agenda pack (PDF)
      </Button>
      {progress && (
        <div className="export-progress" role="group" aria-label="Agenda pack progress">
          <span role="status" aria-live="polite">
            {progress.cancelled ? 'Cancelling...' : progress.text}
          </span>
          <ProgressBar value={progress.cancelled ? undefined : progress.fraction} thickness="large" aria-label="Agenda pack progress" />
          <Button size="small" onClick={cancelPack} disabledFocusable={progress.cancelled}>
            Cancel the export
          </Button>
        </div>
      )}
      <Checkbox
        label="Compact layout (one row per outcome)"
        checked={compact}
        disabled={locked}
        aria-describedby={locked ? 'compact-locked' : undefined}
        onChange={(_, d) => setCompact(d.checked === true)}
      />
      {locked && (
        <span id="compact-locked" className="field-note">
          Not for a published period: it prints exactly as it was published.
        </span>
      )}
      {message && (
        <MessageBar intent={message.intent} role="status">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
