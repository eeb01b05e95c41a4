/**
 * What every scorecard export shares: the significance shading and the file name. One place,
 * so the xlsx and the pdf cannot drift apart.
 */
import type { ScorecardModel, Significance } from '../../../shared/domain/scorecard';

/**
 * Significance fills (Making Data Count's blue and orange, and a grey), with black words on
 * each (contrast 7:1 or better). In greyscale the three print as clearly different greys:
 * improvement mid (about 56% luminance), deterioration lighter (71%), no change lightest (88%).
 * The words are always printed; the fill only helps the eye.
 */
export const SIGNIFICANCE_COLOURS: Record<Significance, { fill: string; text: string }> = {
  improvement: { fill: '5B9BD5', text: '000000' },
  no_change: { fill: 'E0E0E0', text: '000000' },
  deterioration: { fill: 'F4A460', text: '000000' },
};

/** The subtitle under the title: what the columns compare. */
export function scorecardSubtitle(model: ScorecardModel): string {
  return `Baseline ${model.baselineLabel}; latest ${model.latestLabel}; projection to the end of ${model.projectionYearLabel}`;
}
