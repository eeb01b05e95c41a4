/** The dashboard's own sentences about the period on screen (no React here, so unit-tested). */
import type { ReportingPeriod, Sparkline } from '../../../../shared/api/types';
import { compareMonths } from '../../../../shared/domain/periods';
import type { Month } from '../../../../shared/domain/types';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "December 2024" */
export function monthInWords(m: Month): string {
  const [year, month] = m.split('-');
  return `${MONTHS[Number(month) - 1]} ${year}`;
}

/** The last month any monthly series of the dashboard area reaches, or null. */
export function dataEnd(sparklines: readonly Sparkline[]): Month | null {
  let end: Month | null = null;
  for (const s of sparklines) if (s.kind === 'monthly' && s.last && (end === null || compareMonths(s.last, end) > 0)) end = s.last;
  return end;
}

/** What the demo holds, said of the period on screen. */
export function startHereText(periods: readonly ReportingPeriod[], shown: ReportingPeriod | null): string {
  const others = periods.filter((p) => p.name !== shown?.name).map((p) => `${p.name}${p.locked ? ' (published)' : ''}`);
  const onScreen = !shown
    ? 'This is the demo workspace.'
    : shown.locked
      ? `This is the demo workspace. On screen: ${shown.name}, an appendix as the board published it (locked).`
      : `This is the demo workspace. On screen: ${shown.name}, worked out from real police.uk and ONS figures for Leicestershire.`;
  const rest = others.length > 0 ? ` It also holds ${others.join(', ')}: pick ${others.length === 1 ? 'it' : 'one'} under Reporting period.` : '';
  return `${onScreen}${rest} Look around, then import your partners' files or create your own workspace.`;
}
