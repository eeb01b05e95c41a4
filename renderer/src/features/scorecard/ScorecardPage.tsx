/**
 * The plan scorecard in the app: the same model `boardpack export scorecard` writes (baseline
 * year, latest 12 months, % variance, position in the comparator group, significance,
 * projection), with the choice of period, baseline year and comparator group, and Export
 * buttons (Excel, PDF, CSV).
 */
import { useEffect, useState } from 'react';
import { Button, Dropdown, Field, MessageBar, MessageBarBody, Option, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { financialYearOf, financialYearSlashLabel } from '../../../../shared/domain/periods';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { downloadBase64 } from '../../components/download';
import { useFocusKept } from '../../components/useFocusKept';

type Format = 'xlsx' | 'pdf' | 'csv';

export function ScorecardPage() {
  const periods = useApi('periods.list', {});
  const areas = useApi('areas.page', {});
  const [period, setPeriod] = useState<string | null>(null);
  const [baseline, setBaseline] = useState<string | null>(null);
  const [busy, setBusy] = useState<Format | null>(null);
  // Back on the control pressed once its work is done (it is disabled meanwhile).
  useFocusKept(busy !== null);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  const list = periods.data ?? [];
  const chosen = list.find((p) => p.name === period) ?? list[list.length - 1] ?? null;
  const fy = chosen ? financialYearOf(chosen.lastMonth) : null;
  const years = fy === null ? [] : [1, 2, 3, 4, 5].map((n) => financialYearSlashLabel(fy - n));
  const base = baseline && years.includes(baseline) ? baseline : (years[0] ?? null);
  useEffect(() => setMessage(null), [period, baseline]);
  const model = useApi('scorecard.get', chosen && base ? { period: chosen.name, baseline: base } : null);

  const run = async (format: Format) => {
    if (!chosen || !base) return;
    setBusy(format);
    setMessage(null);
    try {
      const file = await call('export.scorecard', { period: chosen.name, baseline: base, format });
      if (file.base64) downloadBase64(file.base64, file.fileName, format);
      setMessage({ intent: 'success', text: `Exported "${file.fileName}".` });
    } catch (e) {
      setMessage({ intent: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(null);
    }
  };

  if (periods.loading && !periods.data) return <Spinner label="Loading the periods..." />;
  if (list.length === 0) return <p>No reporting periods yet: start one on the Dashboard (New period...).</p>;
  const groups = areas.data?.groups ?? [];
  const m = model.data;
  return (
    <section className="scorecard-page" aria-label="Scorecard">
      <div className="toolbar">
        <Field label="Period">
          <Dropdown value={chosen?.name ?? ''} selectedOptions={chosen ? [chosen.name] : []} onOptionSelect={(_, d) => setPeriod(d.optionValue ?? null)}>
            {list.map((p) => <Option key={p.name} value={p.name}>{p.name}</Option>)}
          </Dropdown>
        </Field>
        <Field label="Baseline year">
          <Dropdown value={base ?? ''} selectedOptions={base ? [base] : []} onOptionSelect={(_, d) => setBaseline(d.optionValue ?? null)}>
            {years.map((y) => <Option key={y} value={y}>{y}</Option>)}
          </Dropdown>
        </Field>
        <Field label="Comparator group">
          <Dropdown
            value={areas.data?.defaultGroup ?? 'Every area of the same kind'}
            selectedOptions={[areas.data?.defaultGroup ?? '']}
            onOptionSelect={(_, d) => void call('areas.useGroup', { name: d.optionValue ? d.optionValue : null }).catch((e: unknown) => setMessage({ intent: 'error', text: e instanceof Error ? e.message : String(e) }))}
          >
            <Option value="">Every area of the same kind</Option>
            {groups.map((g) => <Option key={g.name} value={g.name}>{g.name}</Option>)}
          </Dropdown>
        </Field>
        <div className="export-buttons" role="group" aria-label="Export the scorecard">
          {(['xlsx', 'pdf', 'csv'] as const).map((f) => (
            <Button key={f} disabled={busy !== null || !m} onClick={() => void run(f)}>
              {busy === f ? 'Exporting...' : f === 'xlsx' ? 'Excel' : f.toUpperCase()}
            </Button>
          ))}
        </div>
      </div>
      {message && <MessageBar intent={message.intent}><MessageBarBody>{message.text}</MessageBarBody></MessageBar>}
      {model.error && <MessageBar intent="error"><MessageBarBody>{model.error}</MessageBarBody></MessageBar>}
      {model.loading && !m && <Spinner label="Working out the scorecard..." />}
      {m && (
        <>
          <h2>{m.title}</h2>
          {m.priorities.length === 0 && <p>No indicator has values for this period and baseline.</p>}
          {m.priorities.map((p) => (
            <Table key={p.title} aria-label={p.title} size="small" className="scorecard-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{p.title}</TableHeaderCell>
                  <TableHeaderCell>{m.baselineLabel}</TableHeaderCell>
                  <TableHeaderCell>{m.latestLabel}</TableHeaderCell>
                  <TableHeaderCell>% variance</TableHeaderCell>
                  <TableHeaderCell>Position</TableHeaderCell>
                  <TableHeaderCell>Significance</TableHeaderCell>
                  <TableHeaderCell>Projection {m.projectionYearLabel}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {p.rows.map((r) => (
                  <TableRow key={r.indicatorId}>
                    <TableCell>{r.name}</TableCell>
                    <TableCell>{r.baseline.text}</TableCell>
                    <TableCell>{r.latest.text}</TableCell>
                    <TableCell>{r.variance.text}</TableCell>
                    <TableCell title={r.position.reason}>{r.position.text}</TableCell>
                    <TableCell title={r.significanceReason}>{r.significanceText}</TableCell>
                    <TableCell title={r.projection.reason}>{r.projection.text}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ))}
          <ul className="scorecard-key">{m.key.map((k) => <li key={k}>{k}</li>)}</ul>
          <p className="method">{m.method}</p>
        </>
      )}
    </section>
  );
}
