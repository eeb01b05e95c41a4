/**
 * The locked-period rule, in one place: what a published (locked) reporting period protects.
 * Every writer asks it (exported from the periods feature) (judgements, the appendix import, police.uk counts, tidy and wide tables,
 * typed and pasted values, undoing an import); none has a rule of its own.
 *
 * A locked period protects what it published, not more:
 * - the period itself: its judgements, RAGs, comments and appendix;
 * - the values of the indicators its appendix printed, and of the series those are derived from
 *   (a rate's counts), for every area, up to the period's last month.
 *
 * An indicator the published appendix did not print (a new indicator whose history is being
 * imported, a series nothing published derives from) is not protected by it.
 *
 * What a period printed: the snapshot kept when it was published in Boardpack; for a period
 * imported as published (or locked before snapshots were kept), the indicators it holds
 * judgements for; failing both, the indicators of the appendix's outcomes.
 */
import type { Month, Span } from '../../../shared/domain/types';
import { formatMonthLong } from '../../../shared/domain/periods';
import type { Sqlite } from '../store/sqlite';
import { derivationSources, indicatorsInOutcomes, judgedIndicators, lockedPeriodsNewestFirst, publishedSnapshotText } from './repo';

/** A locked period, as the rule names it to the analyst. */
export interface LockedPeriodRef {
  name: string;
  lastMonth: Month;
}

export class LockedPeriodRule {
  private constructor(
    /** Locked periods, latest last month first. */
    readonly periods: readonly LockedPeriodRef[],
    /** For each protected indicator, the locked period that protects the most of it. */
    private readonly byIndicator: ReadonlyMap<number, LockedPeriodRef>,
  ) {}

  /** Reads the rule from the workspace as it is now (read again after a lock or unlock). */
  static of(db: Sqlite): LockedPeriodRule {
    const locked = lockedPeriodsNewestFirst(db);
    const byIndicator = new Map<number, LockedPeriodRef>();
    if (locked.length === 0) return new LockedPeriodRule([], byIndicator);
    const derivedFrom = derivationSources(db);
    for (const p of locked) {
      const ref = { name: p.name, lastMonth: p.lastMonth };
      for (let id of publishedIndicators(db, p.id)) {
        // The indicator and what it is derived from (a rate's counts), however deep.
        for (let steps = 0; steps < 10; steps++) {
          const before = byIndicator.get(id);
          if (!before || before.lastMonth < ref.lastMonth) byIndicator.set(id, ref);
          const from = derivedFrom.get(id);
          if (from === null || from === undefined) break;
          id = from;
        }
      }
    }
    return new LockedPeriodRule(
      locked.map((p) => ({ name: p.name, lastMonth: p.lastMonth })),
      byIndicator,
    );
  }

  /** The locked period that published this value (so it must stay as it is), or null when it may be written. */
  protecting(indicatorId: number, span: Pick<Span, 'last'>): LockedPeriodRef | null {
    const ref = this.byIndicator.get(indicatorId);
    return ref && span.last <= ref.lastMonth ? ref : null;
  }

  /** The last month of this indicator that a locked period published, or null when none did. */
  through(indicatorId: number): LockedPeriodRef | null {
    return this.byIndicator.get(indicatorId) ?? null;
  }

  /** The period by name when it is locked: its judgements and appendix stay as published. */
  lockedPeriod(name: string): LockedPeriodRef | null {
    return this.periods.find((p) => p.name === name) ?? null;
  }
}

/** Why a value cannot be typed, pasted or imported over, in the analyst's words. */
export function publishedValueReason(ref: LockedPeriodRef): string {
  return `Published: "${ref.name}" is locked, so values up to ${formatMonthLong(ref.lastMonth)} keep their published figures.`;
}

/** Why a locked period's own judgements, RAGs or comments cannot change. */
export function lockedPeriodReason(name: string, what: string): string {
  return `"${name}" is published (locked), so its ${what} stay as published. Unlock it first, giving a reason.`;
}

function publishedIndicators(db: Sqlite, periodId: number): number[] {
  const snapshot = publishedSnapshotText(db, periodId);
  if (snapshot) {
    try {
      const model = JSON.parse(snapshot) as { outcomes?: Array<{ indicators?: Array<{ indicatorId?: unknown }> }> };
      const ids = (model.outcomes ?? []).flatMap((o) => (o.indicators ?? []).map((r) => r.indicatorId)).filter((id): id is number => typeof id === 'number');
      return ids;
    } catch {
      // A damaged snapshot: fall back to what the period holds judgements for.
    }
  }
  const judged = judgedIndicators(db, periodId);
  if (judged.length > 0) return judged;
  return indicatorsInOutcomes(db);
}
