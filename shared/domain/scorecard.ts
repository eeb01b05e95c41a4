/**
 * The plan scorecard (Police and Crime Plan style): one table per priority, one row per
 * indicator, with its baseline year, the latest 12 months, the % variance, its position in the
 * comparator group, whether the change from the baseline is statistically significant, and a
 * projection from the trend. Like the appendix model, every cell's text is formatted here, so
 * the xlsx, the pdf and the csv print the same words; exporters never re-format. The
 * projection column comes from `projectSeries` in ./projection.
 */

/** A value cell: the printed text, and the number behind it when the text is just that number. */
export interface ScorecardNumber {
  /** Exactly what is printed: "4.81", "55.4%", "1,259* (Q3 2024-25)", "NA", "-". */
  text: string;
  /** Full precision; null when there is no value or the text carries a label or marker. */
  number: number | null;
  /** Digits printed after the decimal point (round `number` to this for a spreadsheet cell). */
  decimals: number;
  /** Excel number format that displays the rounded number exactly as `text`; null with no number. */
  numberFormat: string | null;
}

export type Significance = 'improvement' | 'no_change' | 'deterioration';

/** How significance was judged: intervals, the tolerance band, or (neither known) any visible change. */
export type SignificanceMethod = 'confidence_intervals' | 'tolerance' | 'any_change';

export interface ScorecardRow {
  indicatorId: number;
  /** "Vehicle Crime rate (per 1,000 population)" */
  name: string;
  baseline: ScorecardNumber;
  latest: ScorecardNumber;
  /** (latest - baseline) / baseline x 100, text "-4.8%" or "+3.2%" ("-" when it cannot be had). */
  variance: ScorecardNumber;
  /** "3rd of 8", or "-" when there is no comparator group of 2 or more. */
  position: { text: string; rank: number | null; of: number; reason: string };
  /** Null: nothing to judge, or no polarity (the text then says higher or lower). */
  significance: Significance | null;
  significanceText: string;
  significanceMethod: SignificanceMethod | null;
  /** The calculation, for a tooltip or an audit: "4.81 vs 5.02: -4.2%, 95% confidence intervals ...". */
  significanceReason: string;
  /** The trend extended to the end of the projection year; "-" with fewer than 3 points. */
  projection: ScorecardNumber & { reason: string };
}

export interface ScorecardPriority {
  title: string;
  rows: ScorecardRow[];
}

export interface ScorecardModel {
  /** "Plan Scorecard - Safer Communities Performance Dashboard 2024/25 Q3" */
  title: string;
  /** "2024/25 Q3" */
  periodName: string;
  /** "2023-24" */
  baselineLabel: string;
  /** "12 months to Dec 2024" */
  latestLabel: string;
  /** "2024-25": the financial year the projection reaches the end of. */
  projectionYearLabel: string;
  priorities: ScorecardPriority[];
  /** The key, printed on every page; the first entry explains the significance shading. */
  key: string[];
  /** How variance, position, significance and projection were worked out. */
  method: string;
  /** Data sources and attribution. */
  sources: string[];
}

/** The words printed in the significance cell. */
export const SIGNIFICANCE_TEXT: Record<Significance, string> = {
  improvement: 'Significant improvement',
  no_change: 'No significant change',
  deterioration: 'Significant deterioration',
};

/** The key's words for the three shadings, in the order the key prints them. */
export const SIGNIFICANCE_KEY: ReadonlyArray<{ significance: Significance; words: string }> = [
  { significance: 'improvement', words: 'statistically significant improvement' },
  { significance: 'no_change', words: 'no significant change' },
  { significance: 'deterioration', words: 'significant deterioration' },
];

/** "as compared to the baseline (2023-24)": what follows the three shaded words in the key. */
export function significanceKeySuffix(baselineLabel: string): string {
  return `as compared to the baseline (${baselineLabel})`;
}

/** "Statistically significant improvement / no significant change / significant deterioration as compared to the baseline (2023-24)" */
export function significanceKeyLine(baselineLabel: string): string {
  const words = SIGNIFICANCE_KEY.map((k) => k.words).join(' / ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} ${significanceKeySuffix(baselineLabel)}`;
}

/** The seven column headers. */
export function scorecardHeaders(model: Pick<ScorecardModel, 'baselineLabel' | 'latestLabel' | 'projectionYearLabel'>): string[] {
  return [
    'Indicator',
    `Baseline (${model.baselineLabel})`,
    `Latest (${model.latestLabel})`,
    '% Var.',
    'Position v MSG',
    'SPC / significance',
    `Projection (${model.projectionYearLabel})`,
  ];
}

/** One row's seven printed cells. */
export function scorecardRowCells(row: ScorecardRow): string[] {
  return [row.name, row.baseline.text, row.latest.text, row.variance.text, row.position.text, row.significanceText, row.projection.text];
}
