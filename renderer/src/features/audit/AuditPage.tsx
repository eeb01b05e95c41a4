/**
 * The audit trail: who changed what and when, from what to what, with the reasons given for
 * overrides and unlocking; for one reporting period or one indicator, and exported to CSV.
 */
import { useId, useState } from 'react';
import { Button, MessageBar, MessageBarBody, Select, Spinner } from '@fluentui/react-components';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { downloadBase64 } from '../../components/download';
import './audit.css';
import { useFocusKept } from '../../components/useFocusKept';

/** "31 Jan 2025, 12:00" in the analyst's own time zone. */
function when(at: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : d.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function AuditPage() {
  const periodId = useId();
  const indicatorId = useId();
  const [period, setPeriod] = useState('');
  const [indicator, setIndicator] = useState('');
  const [notice, setNotice] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // Back on the control pressed once its work is done (it is disabled meanwhile).
  useFocusKept(busy);
  const periods = useApi('periods.list', {});
  const catalogue = useApi('indicators.list', {});
  const filter = { ...(period ? { period } : {}), ...(indicator ? { indicatorId: Number(indicator) } : {}) };
  const trail = useApi('audit.list', filter);
  const indicators = catalogue.data ? [...catalogue.data.outcomes.flatMap((o) => o.indicators), ...catalogue.data.dataSeries] : [];

  const exportCsv = async () => {
    setBusy(true);
    setNotice(null);
    try {
      const file = await call('export.audit', filter);
      if (file.base64) downloadBase64(file.base64, file.fileName, 'csv');
      setNotice({ intent: 'success', text: `Exported "${file.fileName}".` });
    } catch (e) {
      setNotice({ intent: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  // A message describes the list it was made from: it goes when the filter changes.
  const refilter = (apply: () => void) => {
    apply();
    setNotice(null);
  };

  const rows = trail.data ?? [];
  return (
    <section className="audit-page" aria-labelledby="audit-heading">
      <div className="toolbar">
        <h2 id="audit-heading" className="page-heading">
          Audit trail
        </h2>
        <div className="field">
          <label htmlFor={periodId}>Reporting period</label>
          <Select id={periodId} value={period} onChange={(_, d) => refilter(() => setPeriod(d.value))}>
            <option value="">All periods</option>
            {(periods.data ?? []).map((p) => (
              <option key={p.id} value={p.name}>
                {p.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="field">
          <label htmlFor={indicatorId}>Indicator</label>
          <Select id={indicatorId} value={indicator} onChange={(_, d) => refilter(() => setIndicator(d.value))} className="audit-indicator">
            <option value="">All indicators</option>
            {indicators.map((i) => (
              <option key={i.id} value={String(i.id)}>
                {i.name}
              </option>
            ))}
          </Select>
        </div>
        <span className="audit-count" role="status">
          {trail.data ? `${rows.length.toLocaleString('en-GB')} ${rows.length === 1 ? 'change' : 'changes'}` : ''}
        </span>
        <Button onClick={() => void exportCsv()} disabled={busy || rows.length === 0}>
          Export CSV
        </Button>
      </div>
      {period && <p className="hint">The period itself, its judgements, and edits to the values its figures use (the 12 months to its last month).</p>}
      {notice && (
        <MessageBar intent={notice.intent}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      {trail.error && (
        <MessageBar intent="error">
          <MessageBarBody>{trail.error}</MessageBarBody>
        </MessageBar>
      )}
      {trail.loading && !trail.data && <Spinner label="Reading the audit trail..." />}
      {trail.data && rows.length === 0 && (
        <div className="paper empty" role="status">
          <p>{period || indicator ? 'No changes recorded for this choice.' : 'No changes recorded yet: every edit, judgement, import, publish and unlock will be listed here.'}</p>
        </div>
      )}
      {rows.length > 0 && (
        <div className="paper">
          <table className="audit-trail" aria-label="Audit trail">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">What</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={`${r.at}-${i}`}>
                  <td className="when">{when(r.at)}</td>
                  <td>{r.who}</td>
                  <td>{r.action}</td>
                  <td className="text">{r.what}</td>
                  <td className="text">{r.before}</td>
                  <td className="text">{r.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
