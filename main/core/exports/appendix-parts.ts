/**
 * What every appendix export prints besides the table: the key to the arrows and RAG letters,
 * the RAG colours, and the cells of the compact variant. One place, so the xlsx, the pdf and
 * the csv cannot drift apart.
 */
import { appendixHeaders, appendixRowCells } from '../../../shared/domain/appendix';
import type { AppendixModel, AppendixOutcomeBlock } from '../../../shared/domain/appendix';
import type { Rag } from '../../../shared/domain/types';
import { ARROWS, DIRECTION_ORDER, DIRECTION_WORDS, RAG_MEANINGS, RAG_ORDER, RAG_WORDS } from '../../../shared/domain/vocabulary';

export type AppendixVariant = 'standard' | 'compact';

export interface KeyEntry {
  symbol: string;
  meaning: string;
}

/** The published key's arrows: "↑ improving", "→ no significant change", "↓ worsening". */
export const DIRECTION_KEY: readonly KeyEntry[] = DIRECTION_ORDER.map((d) => ({ symbol: ARROWS[d], meaning: DIRECTION_WORDS[d] }));

/** The published key's letters: "G Green: on track", "A Amber: some concern", "R Red: off track". */
export const RAG_KEY: readonly KeyEntry[] = RAG_ORDER.map((r) => ({ symbol: r, meaning: `${RAG_WORDS[r]}: ${RAG_MEANINGS[r]}` }));

/** One line, for page footers and headers where space is short. */
export function keyLine(): string {
  const arrows = DIRECTION_KEY.map((k) => `${k.symbol} ${k.meaning}`).join('   ');
  const rags = RAG_KEY.map((k) => `${k.symbol} ${k.meaning}`).join('   ');
  return `Key: ${arrows}   |   ${rags}`;
}

/**
 * RAG fills. The letter carries the meaning; the fills are chosen so that the letter stays
 * readable (contrast 6.5:1 or better) and so that the three print as clearly different greys:
 * red dark (white letter), green mid grey, amber light grey (black letters).
 */
export const RAG_COLOURS: Record<Rag, { fill: string; text: string }> = {
  R: { fill: 'C00000', text: 'FFFFFF' },
  A: { fill: 'FFC000', text: '000000' },
  G: { fill: '00B050', text: '000000' },
};

/**
 * Where a RAG letter stands in a list without a fill (the compact variant's progress column):
 * the letter in bold, in a dark shade of its colour that reads on white and in greyscale.
 */
export const RAG_INK: Record<Rag, string> = { R: 'C00000', A: '9C5700', G: '006100' };

export function isRag(text: string): text is Rag {
  return text === 'R' || text === 'A' || text === 'G';
}

/** Header plus one row of ten printed cells per indicator (outcome cells on the first row only). */
export function appendixTable(model: AppendixModel): { headers: string[]; rows: string[][] } {
  const rows: string[][] = [];
  for (const block of model.outcomes) {
    block.indicators.forEach((row, i) => rows.push(appendixRowCells(block, row, i === 0)));
    if (block.indicators.length === 0) rows.push(outcomeOnlyCells(block));
  }
  return { headers: appendixHeaders(model), rows };
}

/** The row of an outcome that has no indicators: its own cells, the rest blank. */
export function outcomeOnlyCells(block: AppendixOutcomeBlock): string[] {
  return [block.title, block.rag ?? '', block.comment, '', '', '', '', '', '', ''];
}

/**
 * The compact variant's cells for one outcome (the older 2014/15 Q2 layout): the outcome's
 * cells, then each indicator column with one line per indicator, in the same order.
 */
export function compactRowCells(block: AppendixOutcomeBlock): string[] {
  const perIndicator = block.indicators.map((row) => appendixRowCells(block, row, false));
  const column = (i: number): string => perIndicator.map((cells) => cells[i] ?? '').join('\n');
  return [block.title, block.rag ?? '', block.comment, column(3), column(4), column(5), column(6), column(7), column(8), column(9)];
}
