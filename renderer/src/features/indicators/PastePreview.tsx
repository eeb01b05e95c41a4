/** What a pasted block would change, before anything is written: old and new for each cell, and what is left out and why. */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import type { ValuesSetResult } from '../../../../shared/api/types';
import { useReturnFocus } from '../../components/FormDialog';

export interface PendingPaste {
  cells: Array<{ areaCode: string; first: string; last: string; text: string }>;
  preview: ValuesSetResult;
  /** Pasted cells that fell beyond the grid's last row or column. */
  outside: number;
  rows: number;
  columns: number;
}

const SHOWN = 200;

export function PastePreview({ pending, onApply, onCancel }: { pending: PendingPaste | null; onApply(): void; onCancel(): void }) {
  // Mounted only while a paste waits: on close the focus goes back to the cell pasted into.
  useReturnFocus();
  const p = pending?.preview;
  const n = p?.changes.length ?? 0;
  return (
    <Dialog open={pending !== null} onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface className="paste-preview" aria-label="Paste preview">
        {pending && p && (
          <DialogBody>
            <DialogTitle>
              Paste {pending.rows} × {pending.columns} cells
            </DialogTitle>
            <DialogContent>
              <p role="status">
                {n === 0 ? 'Nothing would change.' : `Would change ${n} value${n === 1 ? '' : 's'}`}
                {p.unchanged > 0 ? `; ${p.unchanged} already hold${p.unchanged === 1 ? 's' : ''} the same value` : ''}
                {p.refused.length > 0 ? `; ${p.refused.length} left as ${p.refused.length === 1 ? 'it is' : 'they are'}` : ''}
                {pending.outside > 0 ? `; ${pending.outside} fall${pending.outside === 1 ? 's' : ''} outside the grid and ${pending.outside === 1 ? 'is' : 'are'} ignored` : ''}.
              </p>
              {n > 0 && (
                <table className="preview-table" aria-label="Values that would change">
                  <thead>
                    <tr>
                      <th scope="col">Area</th>
                      <th scope="col">Period</th>
                      <th scope="col" className="num">Now</th>
                      <th scope="col" className="num">After the paste</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.changes.slice(0, SHOWN).map((c) => (
                      <tr key={`${c.areaCode} ${c.first} ${c.last}`}>
                        <td>{c.areaName}</td>
                        <td>{c.period}</td>
                        <td className="num">{c.old || 'empty'}</td>
                        <td className="num">{c.new || 'empty'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {n > SHOWN && <p>... and {n - SHOWN} more.</p>}
              {p.refused.length > 0 && (
                <>
                  <h3 className="preview-heading">Left as they are</h3>
                  <ul className="refused-list">
                    {p.refused.slice(0, SHOWN).map((r, i) => (
                      <li key={i}>
                        {r.areaName}, {r.period} ("{r.text}"): {r.reason}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" disabled={n === 0} onClick={onApply}>
                {n === 0 ? 'Nothing to change' : `Change ${n} value${n === 1 ? '' : 's'}`}
              </Button>
              <Button onClick={onCancel}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        )}
      </DialogSurface>
    </Dialog>
  );
}
