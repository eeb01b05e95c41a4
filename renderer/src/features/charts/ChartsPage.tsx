/** Charts: an indicator's monthly SPC chart for an area, and the districts compared for a period. */
import { useEffect, useMemo, useState } from 'react';
import { Dropdown, Label, MessageBar, MessageBarBody, Option, Spinner } from '@fluentui/react-components';
import { financialYearOf, financialYearSlashLabel, formatMonthLong } from '../../../../shared/domain/periods';
import type { ApiArgs } from '../../../../shared/api/contract';
import { prefetch, useApi } from '../../api/useApi';
import { DistrictChart } from './DistrictChart';
import { TrendChart } from './TrendChart';
import './chartSetup';

const DEFAULT_INDICATOR = 'Vehicle Crime rate (per 1,000 population)';
const DEFAULT_AREA = 'Charnwood';
const VIEW_WORDS = { monthly: 'Monthly', rolling12: 'Rolling 12 months' } as const;

function ErrorBar({ message }: { message: string }) {
  return (
    <MessageBar intent="error" className="chart-error">
      <MessageBarBody>{message}</MessageBarBody>
    </MessageBar>
  );
}

export function ChartsPage() {
  const overview = useApi('workspace.overview', {});
  const areasApi = useApi('areas.list', {});
  const periodsApi = useApi('periods.list', {});

  const indicators = useMemo(() => {
    if (!overview.data) return [];
    const named = [...overview.data.outcomes.flatMap((o) => o.indicators), ...overview.data.dataSeries].filter((i) => !i.archived);
    return [...new Map(named.map((i) => [i.name, i])).values()];
  }, [overview.data]);
  const areas = useMemo(() => {
    const list = (areasApi.data ?? []).filter((a) => a.kind === 'county' || a.kind === 'district');
    return list.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'county' ? -1 : 1));
  }, [areasApi.data]);
  const periods = useMemo(() => [...(periodsApi.data ?? [])].sort((a, b) => b.lastMonth.localeCompare(a.lastMonth) || b.name.localeCompare(a.name)), [periodsApi.data]);

  // The option lists are made once: re-rendering a hundred options on every chart update
  // would cost more than drawing the charts.
  const indicatorOptions = useMemo(
    () =>
      indicators.map((i) => (
        <Option key={i.id} value={i.name} text={i.name}>
          {i.name}
        </Option>
      )),
    [indicators],
  );
  const areaOptions = useMemo(
    () =>
      areas.map((a) => (
        <Option key={a.code} value={a.code} text={a.name}>
          {a.name}
        </Option>
      )),
    [areas],
  );
  const [indicator, setIndicator] = useState<string | null>(null);
  const [areaCode, setAreaCode] = useState<string | null>(null);
  const [period, setPeriod] = useState<string | null>(null);
  const [view, setView] = useState<'monthly' | 'rolling12'>('monthly');
  const [rebase, setRebase] = useState<string | null>(null);
  const [projectionYear, setProjectionYear] = useState<number | null>(null);

  useEffect(() => {
    if (indicator === null && indicators.length > 0) setIndicator((indicators.find((i) => i.name === DEFAULT_INDICATOR) ?? indicators[0]!).name);
  }, [indicator, indicators]);
  useEffect(() => {
    if (areaCode === null && areas.length > 0) {
      const districts = areas.filter((a) => a.kind === 'district');
      setAreaCode((areas.find((a) => a.name === DEFAULT_AREA) ?? districts[0] ?? areas[0]!).code);
    }
  }, [areaCode, areas]);
  useEffect(() => {
    if (period === null && periods.length > 0) setPeriod(periods[0]!.name);
  }, [period, periods]);

  const area = areas.find((a) => a.code === areaCode) ?? null;
  const trendArgs = (i: string, a: string, r: string | null): ApiArgs<'chart.trend'> => ({ indicator: i, area: a, view, ...(view === 'monthly' && r ? { rebase: [r] } : {}) });
  const trend = useApi('chart.trend', indicator && areaCode ? trendArgs(indicator, areaCode, rebase) : null);
  const series = trend.data?.series ?? [];
  const rebaseMonths = view === 'monthly' ? series.slice(1).map((s) => s.periodStart) : [];
  const lastMonth = series[series.length - 1]?.periodEnd;
  const projectionYears = useMemo(() => {
    if (!lastMonth) return [];
    const fy = financialYearOf(lastMonth);
    const first = lastMonth.endsWith('-03') ? fy + 1 : fy;
    return [first, first + 1, first + 2];
  }, [lastMonth]);
  const chooseIndicator = (name: string) => {
    // Ask for the new figures now, not after the page has re-rendered.
    if (areaCode) prefetch('chart.trend', trendArgs(name, areaCode, null));
    if (period) prefetch('chart.districts', { indicator: name, period });
    setIndicator(name);
    setRebase(null);
  };
  const chooseArea = (code: string) => {
    setAreaCode(code);
    setRebase(null);
  };
  const districts = useApi('chart.districts', indicator && period ? { indicator, period } : null);

  const setupError = overview.error ?? areasApi.error ?? periodsApi.error;
  if (setupError) return <ErrorBar message={setupError} />;
  if (!overview.data || !areasApi.data || !periodsApi.data) return <Spinner label="Loading indicators and areas..." />;
  if (indicators.length === 0) {
    return (
      <div className="paper empty" role="status">
        <h2>No indicators yet</h2>
        <p>This workspace has no indicators to chart. Import partners' figures to start.</p>
      </div>
    );
  }

  return (
    <section aria-labelledby="charts-heading" className="charts-page">
      <h2 id="charts-heading" className="sr-only">
        Charts
      </h2>
      <div className="toolbar">
        <div className="field">
          <Label htmlFor="chart-indicator">Indicator</Label>
          <Dropdown
            id="chart-indicator"
            className="indicator-picker"
            value={indicator ?? ''}
            selectedOptions={indicator ? [indicator] : []}
            onOptionSelect={(_, d) => d.optionValue && chooseIndicator(d.optionValue)}
          >
            {indicatorOptions}
          </Dropdown>
        </div>
        <div className="field">
          <Label htmlFor="chart-area">Area</Label>
          <Dropdown
            id="chart-area"
            value={area?.name ?? ''}
            selectedOptions={areaCode ? [areaCode] : []}
            onOptionSelect={(_, d) => d.optionValue && chooseArea(d.optionValue)}
          >
            {areaOptions}
          </Dropdown>
        </div>
        <div className="field">
          <Label htmlFor="chart-period">Reporting period</Label>
          <Dropdown
            id="chart-period"
            value={period ?? ''}
            selectedOptions={period ? [period] : []}
            onOptionSelect={(_, d) => d.optionValue && setPeriod(d.optionValue)}
          >
            {periods.map((p) => (
              <Option key={p.id} value={p.name} text={p.name}>
                {p.name}
              </Option>
            ))}
          </Dropdown>
        </div>
      </div>

      <section className="paper chart-card" aria-labelledby="trend-heading">
        <h3 id="trend-heading" className="chart-title">
          {indicator ?? 'Trend'}
          {area && <span className="chart-subtitle"> · {area.name}, {view === 'monthly' ? 'monthly' : 'rolling 12 months'}</span>}
        </h3>
        <div className="toolbar chart-controls">
          <div className="field">
            <Label htmlFor="chart-view">Series</Label>
            <Dropdown id="chart-view" value={VIEW_WORDS[view]} selectedOptions={[view]} onOptionSelect={(_, d) => d.optionValue && setView(d.optionValue as 'monthly' | 'rolling12')}>
              <Option value="monthly" text={VIEW_WORDS.monthly}>
                {VIEW_WORDS.monthly}
              </Option>
              <Option value="rolling12" text={VIEW_WORDS.rolling12}>
                {VIEW_WORDS.rolling12}
              </Option>
            </Dropdown>
          </div>
          <div className="field">
            <Label htmlFor="chart-rebase">Recalculate limits from</Label>
            <Dropdown
              id="chart-rebase"
              disabled={view !== 'monthly'}
              value={view !== 'monthly' ? 'No SPC in this view' : rebase ? formatMonthLong(rebase) : 'No recalculation'}
              selectedOptions={[rebase ?? 'none']}
              onOptionSelect={(_, d) => d.optionValue && setRebase(d.optionValue === 'none' ? null : d.optionValue)}
            >
              <Option value="none" text="No recalculation">
                No recalculation
              </Option>
              {rebaseMonths.map((m) => (
                <Option key={m} value={m} text={formatMonthLong(m)}>
                  {formatMonthLong(m)}
                </Option>
              ))}
            </Dropdown>
          </div>
          <div className="field">
            <Label htmlFor="chart-projection">Project to</Label>
            <Dropdown
              id="chart-projection"
              value={projectionYear === null ? 'No projection' : `End of ${financialYearSlashLabel(projectionYear)}`}
              selectedOptions={[projectionYear === null ? 'none' : String(projectionYear)]}
              onOptionSelect={(_, d) => d.optionValue && setProjectionYear(d.optionValue === 'none' ? null : Number(d.optionValue))}
            >
              <Option value="none" text="No projection">
                No projection
              </Option>
              {projectionYears.map((y) => (
                <Option key={y} value={String(y)} text={`End of ${financialYearSlashLabel(y)}`}>
                  {`End of ${financialYearSlashLabel(y)}`}
                </Option>
              ))}
            </Dropdown>
          </div>
        </div>
        {trend.error && <ErrorBar message={trend.error} />}
        {trend.loading && !trend.data && !trend.error && <Spinner size="small" label="Drawing the chart..." />}
        {trend.data && !trend.error && (trend.data.series.length > 0 ? <TrendChart trend={trend.data} projectionYear={projectionYear} /> : <p className="empty">No {view === 'monthly' ? 'monthly' : 'rolling 12-month'} values for this indicator and area.</p>)}
      </section>

      <section className="paper chart-card" aria-labelledby="districts-heading">
        <h3 id="districts-heading" className="chart-title">
          {indicator ?? 'Districts'}
          {period && <span className="chart-subtitle"> · districts compared, {period}</span>}
        </h3>
        {districts.error && <ErrorBar message={districts.error} />}
        {districts.loading && !districts.data && !districts.error && <Spinner size="small" label="Drawing the chart..." />}
        {districts.data && !districts.error && <DistrictChart comparison={districts.data} />}
      </section>
    </section>
  );
}
