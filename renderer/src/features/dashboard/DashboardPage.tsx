/** The reporting-period dashboard: pick a period, see its appendix as it will be printed. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Dropdown, Label, MessageBar, MessageBarBody, Option, Spinner } from '@fluentui/react-components';
import type { WorkspaceInfo } from '../../../../shared/api/types';
import { useApi } from '../../api/useApi';
import type { AppendixIndicatorRow, AppendixOutcomeBlock } from '../../../../shared/domain/appendix';
import { AppendixTable, type AppendixEditing } from './AppendixTable';
import { JudgementDialog, type Judgement } from './JudgementDialog';
import { OutcomeDialog } from './OutcomeDialog';
import { OverridesList } from './OverridesList';
import { PeriodActions } from './PeriodActions';
import { StartHere } from './StartHere';
import { ExportButtons } from '../export/ExportButtons';
import { TitleEditor } from './TitleEditor';
import { ExceptionsPanel } from './ExceptionsPanel';
import { DataEnd } from './DataEnd';

export function DashboardPage(props: { info: WorkspaceInfo }) {
  const periods = useApi('periods.list', {});
  const [period, setPeriod] = useState<string | null>(null);

  // Start on the latest period; and when the period on screen stops existing (its creation was
  // undone), show the latest one that does. A period just created is not in the previous list,
  // so it is not mistaken for a deleted one while the list reloads.
  const previousNames = useRef<ReadonlySet<string>>(new Set());
  useEffect(() => {
    if (!periods.data) return;
    const names = new Set(periods.data.map((p) => p.name));
    const gone = period !== null && !names.has(period) && previousNames.current.has(period);
    if ((!period || gone) && periods.data.length > 0) setPeriod(periods.data[0]!.name);
    else if (gone) setPeriod(null);
    previousNames.current = names;
  }, [period, periods.data]);

  // The sparklines come with the table: one round trip, and the host reads each series once.
  const dashboard = useApi('dashboard.get', period ? { period, sparklines: true } : null);
  const sparklines = useMemo(() => new Map((dashboard.data?.sparklines ?? []).map((s) => [s.indicatorId, s])), [dashboard.data]);

  const [editingRow, setEditingRow] = useState<{ row: AppendixIndicatorRow; judgement: Judgement } | null>(null);
  const [editingOutcome, setEditingOutcome] = useState<AppendixOutcomeBlock | null>(null);
  const editing = useMemo<AppendixEditing>(() => ({ indicator: (row, judgement) => setEditingRow({ row, judgement }), outcome: setEditingOutcome }), []);

  const shown = periods.data?.find((p) => p.name === period);
  if (periods.loading && !periods.data) return <Spinner label="Loading reporting periods..." />;
  if (periods.error) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{periods.error}</MessageBarBody>
      </MessageBar>
    );
  }
  if (!periods.data || periods.data.length === 0) {
    return (
      <div className="paper empty" role="status">
        <h2>No reporting periods yet</h2>
        <p>This workspace has no reporting periods. Import partners' figures or a published appendix (drop the files anywhere on this window), or start a quarter here.</p>
        <PeriodActions period={undefined} onCreated={setPeriod} />
      </div>
    );
  }

  return (
    <section aria-labelledby="dashboard-heading">
      <h2 id="dashboard-heading" className="sr-only">
        Dashboard
      </h2>
      {props.info.isDemo && <StartHere info={props.info} periods={periods.data} shown={shown ?? null} onShowPeriod={setPeriod} />}
      <div className="toolbar">
        <div className="field period-field">
          <Label htmlFor="period-picker">Reporting period</Label>
          <Dropdown
            id="period-picker"
            value={period ?? ''}
            selectedOptions={period ? [period] : []}
            onOptionSelect={(_, d) => d.optionValue && setPeriod(d.optionValue)}
          >
            {periods.data.map((p) => (
              <Option key={p.id} value={p.name} text={p.name}>
                {p.name}
                {p.locked ? ' (published)' : ''}
              </Option>
            ))}
          </Dropdown>
        </div>
        {period && dashboard.data && (
          <TitleEditor period={period} title={dashboard.data.title} locked={dashboard.data.locked} onSaved={dashboard.reload} />
        )}
        <div className="toolbar-group period-actions" role="group" aria-label="Reporting period">
          <PeriodActions period={shown} onCreated={setPeriod} />
        </div>
        {period && dashboard.data && dashboard.data.outcomes.length > 0 && (
          <ExportButtons
            period={period}
            areaCode={props.info.dashboardArea?.code ?? null}
            locked={dashboard.data.locked}
            shown={{ model: dashboard.data, lastMonth: shown?.lastMonth }}
          />
        )}
      </div>
      {dashboard.error && (
        <MessageBar intent="error">
          <MessageBarBody>{dashboard.error}</MessageBarBody>
        </MessageBar>
      )}
      {dashboard.loading && !dashboard.data && <Spinner label="Building the dashboard..." />}
      {dashboard.data && shown && dashboard.data.periodName === shown.name && <DataEnd lastMonth={shown.lastMonth} period={shown.name} sparklines={dashboard.data.sparklines ?? []} />}
      {dashboard.data && <AppendixTable model={dashboard.data} sparklines={sparklines} edit={period && !dashboard.data.locked ? editing : undefined} />}
      {dashboard.data && <OverridesList model={dashboard.data} />}
      {period && dashboard.data && dashboard.data.outcomes.length > 0 && <ExceptionsPanel period={period} />}
      {period && editingRow && <JudgementDialog period={period} row={editingRow.row} judgement={editingRow.judgement} onClose={() => setEditingRow(null)} />}
      {period && editingOutcome && <OutcomeDialog period={period} outcome={editingOutcome} onClose={() => setEditingOutcome(null)} />}
    </section>
  );
}
