/**
 * Export buttons for the appendix on screen: the file is built by the same handler table
 * from the same model, then saved through the browser's (or Electron's) download, which asks
 * where to put it.
 */
import { useState } from 'react';
import { Button, Checkbox, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { call } from '../../api/client';
import type { AppendixModel } from '../../../../shared/domain/appendix';
import { downloadBase64 } from '../../components/download';

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
  const [progress, setProgress] = useState<string | null>(null);
  const [compactChosen, setCompact] = useState(false);
  const compact = compactChosen && !locked;
  // A message belongs to the period it was about: it goes when another period is shown.
  const [said, setSaid] = useState<{ period: string; intent: 'success' | 'error'; text: string } | null>(null);
  const message = said?.period === period ? said : null;
  const setMessage = (m: { intent: 'success' | 'error'; text: string } | null) => setSaid(m && { ...m, period });

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

  const pack = async () => {
    setBusy('pack');
    setMessage(null);
    try {
      // Loaded on first use: the chart drawing code stays out of the dashboard's first load.
      const { agendaPackCharts } = await import('./agendaPack');
      const { charts, drawn, total } = await agendaPackCharts(period, areaCode ?? null, (done, all) => setProgress(`Drawing charts: ${done} of ${all} indicators`), shown);
      setProgress('Making the PDF...');
      const file = await call('export.agendaPack', { period, charts });
      if (file.base64) downloadBase64(file.base64, file.fileName, 'pdf');
      setMessage({ intent: 'success', text: `Exported "${file.fileName}": the appendix and a page for each of ${total} indicators (charts for ${drawn}).` });
    } catch (e) {
      setMessage({ intent: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(null);
      setProgress(null);
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
      <Button onClick={() => void pack()} disabled={busy !== null} icon={busy === 'pack' ? <Spinner size="tiny" /> : undefined}>
        Export agenda pack (PDF)
      </Button>
      {progress && (
        <span className="export-progress" role="status" aria-live="polite">
          {progress}
        </span>
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
