/**
 * The published 2014/15 Q4 appendix and its indicator definitions, read for the domain tests.
 */
import { readFileSync } from 'node:fs';
import type { Direction, Polarity, Unit } from '../../shared/domain/types';

export interface DemoDefinition {
  name: string;
  unit: Unit;
  polarity: Polarity;
  decimals: number;
  tolerancePercent: number | null;
  directionOverride?: { direction: Direction; reason: string };
}

export interface DemoRow {
  name: string;
  previousText: string;
  latestText: string;
  arrow: string;
  definition: DemoDefinition;
}

const ASSETS = new URL('../../assets/demo/', import.meta.url);

export const ARROW_DIRECTION: Record<string, Direction> = { '↑': 'improving', '→': 'no_change', '↓': 'worsening' };

export function demoDefinitions(): DemoDefinition[] {
  const json = JSON.parse(readFileSync(new URL('appendix-2014-15-definitions.json', ASSETS), 'utf8')) as {
    indicators: DemoDefinition[];
  };
  return json.indicators;
}

/** The indicator rows of the published table, each with its definition. */
export function demoRows(): DemoRow[] {
  const definitions = new Map(demoDefinitions().map((d) => [d.name, d]));
  const lines = readFileSync(new URL('appendix-2014-15-Q4.tsv', ASSETS), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  return lines.slice(1).map((line) => {
    const cells = line.split('\t');
    const name = cells[3] ?? '';
    const definition = definitions.get(name);
    if (!definition) throw new Error(`No definition for '${name}'`);
    return { name, previousText: cells[4] ?? '', latestText: cells[5] ?? '', arrow: cells[6] ?? '', definition };
  });
}

/** The bare number of a published cell: footnote markers, bracketed labels and "%" removed. */
export function bareNumber(text: string): number {
  const stripped = text
    .replace(/\(.*\)/, '')
    .replace(/[*%,]/g, '')
    .trim();
  const n = Number(stripped);
  if (stripped === '' || !Number.isFinite(n)) throw new Error(`'${text}' is not a number`);
  return n;
}
