/** One value's audit trail: each change with old and new, when and who (the OS user), and its import. */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Spinner } from '@fluentui/react-components';
import type { GridArea, GridPeriod } from '../../../../shared/api/types';
import { useApi } from '../../api/useApi';
import { useReturnFocus } from '../../components/FormDialog';

const WHEN = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export function ValueHistoryDialog(props: { indicatorId: number; area: GridArea; period: GridPeriod; onClose(): void }) {
  const { indicatorId, area, period, onClose } = props;
  // Back to the cell or button that opened it once it closes, as after any other dialog.
  useReturnFocus();
  const history = useApi('values.history', { indicatorId, areaCode: area.code, first: period.first, last: period.last });
  const h = history.data;
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>
            History of {area.name}, {period.label}
          </DialogTitle>
          <DialogContent>
            {history.error && <p role="alert">{history.error}</p>}
            {!h && !history.error && <Spinner size="small" label="Reading the audit trail..." />}
            {h && (
              <>
                <p>
                  {h.indicator}: now <strong>{h.current || 'empty'}</strong>.
                </p>
                {h.entries.length === 0 ? (
                  <p>No one has changed this value in Boardpack.</p>
                ) : (
                  <table className="preview-table" aria-label={`Changes to ${area.name}, ${period.label}`}>
                    <thead>
                      <tr>
                        <th scope="col">When</th>
                        <th scope="col">Who</th>
                        <th scope="col">What</th>
                        <th scope="col" className="num">Was</th>
                        <th scope="col" className="num">Became</th>
                      </tr>
                    </thead>
                    <tbody>
                      {[...h.entries].reverse().map((e, i) => (
                        <tr key={i}>
                          <td>{WHEN.format(new Date(e.at))}</td>
                          <td>{e.osUser}</td>
                          <td>{e.action}</td>
                          <td className="num">{e.old ?? 'empty'}</td>
                          <td className="num">{e.new ?? 'empty'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onClose}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
