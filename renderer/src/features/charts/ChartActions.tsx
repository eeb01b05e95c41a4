/** "Save as PNG" (print resolution) and "Copy chart" for one chart. */
import { useState } from 'react';
import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { ChartConfiguration } from 'chart.js';
import { PRINT_PIXEL_RATIO, copyPngToClipboard, imageFileName, renderChartPng } from './chartImage';
import { downloadBlob } from '../../components/download';
import { pngWithText } from './pngText';
import { useFocusKept } from '../../components/useFocusKept';

export interface ChartActionsProps {
  /** What the image shows, for its file name and the buttons' names. */
  title: string;
  /** The chart's alt text: saved inside the PNG (its "Description") with the title. */
  description: string;
  /** The chart as it is printed: title and key drawn on the canvas. */
  printConfig: () => ChartConfiguration;
  width: number;
  height: number;
}

export function ChartActions({ title, description, printConfig, width, height }: ChartActionsProps) {
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // Back on the control pressed once its work is done (it is disabled meanwhile).
  useFocusKept(busy);
  const render = () => renderChartPng(printConfig(), { width, height, pixelRatio: PRINT_PIXEL_RATIO });

  const save = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const name = imageFileName(title);
      const png = new Uint8Array(await (await render()).arrayBuffer());
      downloadBlob(new Blob([pngWithText(png, { Title: title, Description: description }) as BlobPart], { type: 'image/png' }), name);
      setMessage({ intent: 'success', text: `Saved "${name}" (${width * PRINT_PIXEL_RATIO} × ${height * PRINT_PIXEL_RATIO} pixels).` });
    } catch (e) {
      setMessage({ intent: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    setBusy(true);
    setMessage(null);
    try {
      await copyPngToClipboard(render());
      setMessage({ intent: 'success', text: 'Chart copied to the clipboard: paste it into Word, PowerPoint or an email.' });
    } catch (e) {
      setMessage({ intent: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="chart-actions" role="group" aria-label={`Save or copy: ${title}`}>
      <Button size="small" onClick={() => void save()} disabled={busy}>
        Save as PNG
      </Button>
      <Button size="small" onClick={() => void copy()} disabled={busy}>
        Copy chart
      </Button>
      {message && (
        <MessageBar intent={message.intent} role="status" className="chart-actions-message">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
