/**
 * The analysts' words, each written once: RAG, direction of travel, SPC variation and
 * assurance, units and polarity. The dashboard, the Charts page, the Indicators and Import
 * screens, the appendix exports (PDF, Excel, CSV), the agenda pack, the exceptions text and the
 * CLI all take their words from here, so the board never reads one thing on paper and another
 * on screen.
 *
 * Where two places used to say different things, the screen's wording won (the analyst reads it
 * every day), except where the published 2014/15 appendix fixes the words: its key and arrows
 * (`ARROWS`, `DIRECTION_WORDS`, `RAG_MEANINGS`) print exactly as published.
 *
 * Words are kept in lower case, as they read mid-sentence; `sentenceCase` starts a line with
 * them ("Worsening", "Common cause variation").
 */
import type { Assurance, SpecialCause, Variation } from './spc';
import type { Direction, Polarity, Rag, Unit } from './types';

/** "worsening" -> "Worsening": the same words at the start of a label or a sentence. */
export function sentenceCase(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// ---------------------------------------------------------------------------------------------
// RAG
// ---------------------------------------------------------------------------------------------

/**
 * A RAG letter as a word. The dashboard's RAG cells (read aloud), the list of overridden
 * judgements, the RAG pickers, the exceptions sentences ("worsening (Red)"), the agenda pack's
 * Progress row, the definition-change sentences and the action log's status (page, Excel, CSV,
 * PDF).
 */
export const RAG_WORDS: Record<Rag, string> = { R: 'Red', A: 'Amber', G: 'Green' };

/** The order the RAG pickers offer (and the appendix key prints) them: best first. */
export const RAG_ORDER: readonly Rag[] = ['G', 'A', 'R'];

/** What each letter means in the published appendix key ("Green: on track"): the 2014/15 words. */
export const RAG_MEANINGS: Record<Rag, string> = { G: 'on track', A: 'some concern', R: 'off track' };

/** "G Green": a RAG picker's choice (the judgement and outcome dialogs). */
export function ragChoice(rag: Rag): string {
  return `${rag} ${RAG_WORDS[rag]}`;
}

/** "R red, A amber, G green": the dashboard's key and the appendix's method note. */
export const RAG_KEY_LINE = (['R', 'A', 'G'] as const).map((r) => `${r} ${RAG_WORDS[r].toLowerCase()}`).join(', ');

// ---------------------------------------------------------------------------------------------
// Direction of travel
// ---------------------------------------------------------------------------------------------

/** The arrows of the published appendix (its Current Direction of Travel column and key). */
export const ARROWS: Record<Direction, string> = {
  improving: '↑',
  no_change: '→',
  worsening: '↓',
};

/**
 * A direction of travel in words, as the published key says them. The appendix key (PDF, Excel,
 * CSV footers) and method note, the dashboard's key and cells (read aloud), the judgement
 * dialog, the overrides list, the exceptions sentences, the agenda pack, the suggested RAG's
 * reason and the definition-change sentences.
 */
export const DIRECTION_WORDS: Record<Direction, string> = {
  improving: 'improving',
  no_change: 'no significant change',
  worsening: 'worsening',
};

/** The order the key prints and the judgement dialog offers them. */
export const DIRECTION_ORDER: readonly Direction[] = ['improving', 'no_change', 'worsening'];

/** "↑ improving": the key's entry, and the overrides list's cell. */
export function arrowAndWords(direction: Direction): string {
  return `${ARROWS[direction]} ${DIRECTION_WORDS[direction]}`;
}

/** The direction an arrow stands for (reading a published appendix), or undefined. */
export function directionOfArrow(arrow: string): Direction | undefined {
  return DIRECTION_ORDER.find((d) => ARROWS[d] === arrow);
}

/** "↑ improving, → no significant change, ↓ worsening": the appendix's method note. */
export const DIRECTION_KEY_LINE = DIRECTION_ORDER.map(arrowAndWords).join(', ');

/** The three judgements an analyst can override on an indicator's row. */
export type Judgement = 'direction' | 'progress' | 'county';

/** Their names: the judgement dialog's title and the overrides list's Judgement column. */
export const JUDGEMENT_TITLES: Record<Judgement, string> = { direction: 'Direction of travel', progress: 'Progress (RAG)', county: 'County comparison' };

/** A judgement's name inside a sentence ("Say briefly why you are changing the progress RAG"), on the Audit page too. */
export const JUDGEMENT_WORDS: Record<Judgement, string> = { direction: 'direction of travel', progress: 'progress RAG', county: 'county comparison' };

/** Where a direction of travel, RAG or comparison is left unjudged. */
export const NO_JUDGEMENT = 'no judgement';

// ---------------------------------------------------------------------------------------------
// SPC: variation and assurance (NHS "Making Data Count")
// ---------------------------------------------------------------------------------------------

/** What a special cause means for the indicator, by its polarity. */
export const SPECIAL_CAUSE_WORDS: Record<Exclude<SpecialCause, 'none'>, string> = {
  improvement: 'improvement',
  concern: 'concern',
  neutral: 'neither better nor worse',
};

/**
 * A point's cause: "common cause", "special cause: neither better nor worse". The Charts page's
 * point key and tooltips.
 */
export function causeWords(cause: SpecialCause): string {
  return cause === 'none' ? 'common cause' : `special cause: ${SPECIAL_CAUSE_WORDS[cause]}`;
}

const VARIATION_CAUSE: Record<Variation, SpecialCause> = {
  common_cause: 'none',
  special_cause_improvement: 'improvement',
  special_cause_concern: 'concern',
  special_cause_neutral: 'neutral',
};

/** The special cause a series' variation verdict shows ('none' for common cause). */
export function variationCause(variation: Variation): SpecialCause {
  return VARIATION_CAUSE[variation];
}

/**
 * A series' variation verdict: "common cause variation", "special cause variation: neither
 * better nor worse". The variation icon's label (Charts page, dashboard sparklines, agenda
 * pack), the chart's description and the CLI's `spc`.
 */
export function variationWords(variation: Variation): string {
  const cause = VARIATION_CAUSE[variation];
  return cause === 'none' ? 'common cause variation' : `special cause variation: ${SPECIAL_CAUSE_WORDS[cause]}`;
}

type Assured = Exclude<Assurance, 'none'>;

/**
 * What the target's place against the process limits says. The Charts page, the assurance
 * icon's label, the agenda pack ("Target 5: the target will be hit and miss.") and the CLI.
 * 'none': no target, or a target on an indicator with no better direction.
 */
export const ASSURANCE_WORDS: Record<Assurance, string> = {
  consistently_pass: 'the target will consistently be met',
  consistently_fail: 'the target will consistently be missed unless the process changes',
  hit_and_miss: 'the target will be hit and miss',
  none: 'no assurance to judge',
};

/** Why (the Charts page and the CLI say it after the verdict). */
export const ASSURANCE_REASONS: Record<Assured, string> = {
  consistently_pass: 'it lies beyond the process limits on the good side',
  consistently_fail: 'it lies beyond the process limits on the bad side',
  hit_and_miss: 'it lies between the process limits',
};

/** The assurance icon's letter in words, after its label: "(pass)". */
export const ASSURANCE_LETTER_WORDS: Record<Assured, string> = { consistently_pass: 'pass', consistently_fail: 'fail', hit_and_miss: '?' };

/**
 * The assurance as the Charts page and the CLI say it after "Target 5.": "The target will be
 * hit and miss: it lies between the process limits."
 */
export function assuranceSentence(assurance: Assurance): string {
  if (assurance === 'none') return `${sentenceCase(ASSURANCE_WORDS.none)}.`;
  return `${sentenceCase(ASSURANCE_WORDS[assurance])}: ${ASSURANCE_REASONS[assurance]}.`;
}

/** The Charts page and the CLI, for a series with no target. */
export const NO_TARGET_ASSURANCE = `No target: ${ASSURANCE_WORDS.none}.`;

/**
 * The agenda pack's figures table, for an indicator with no target (kept as the pack has
 * always printed it, so the pack reads as before).
 */
export const NO_TARGET_SET = 'No target set.';

// ---------------------------------------------------------------------------------------------
// Units and polarity
// ---------------------------------------------------------------------------------------------

/**
 * An indicator's unit: the Indicators screen (list, details, editor), the Import screen's
 * choice for a new indicator, chart axes (in sentence case), sentences about definition
 * changes and value errors ("this indicator is a percentage").
 */
export const UNIT_NAMES: Record<Unit, string> = {
  count: 'count',
  rate_per_1000: 'rate per 1,000 population',
  percent: 'percentage',
  ratio: 'ratio',
};

/** What follows a figure in a sentence ("6.35 per 1,000"): the exceptions text. */
export const UNIT_AFTER_FIGURE: Record<Unit, string> = { count: '', rate_per_1000: ' per 1,000', percent: '', ratio: '' };

/**
 * An indicator's polarity: the Indicators screen, the Import screen's choice for a new
 * indicator (in sentence case) and sentences about definition changes.
 */
export const POLARITY_NAMES: Record<Polarity, string> = {
  lower: 'lower is better',
  higher: 'higher is better',
  none: NO_JUDGEMENT,
};

/** How a ranking by polarity is ordered: the district comparison chart. */
export const POLARITY_ORDER_WORDS: Record<Polarity, string> = {
  lower: 'best (lowest) first',
  higher: 'best (highest) first',
  none: 'highest first',
};
