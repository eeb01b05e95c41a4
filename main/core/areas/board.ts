/**
 * A new workspace for a board: its areas and mid-year populations from the built-in geography,
 * a title from the file's name, and (optionally) the indicator definitions and outcomes of
 * another workspace without their values. Built in memory and written once, so a failure leaves
 * no file behind.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Indicator } from '../../../shared/api/types';
import { upsertArea, upsertPopulation } from './repo';
import { addIndicator, addOutcome, listIndicators, listOutcomes } from '../indicators';
import { setMeta } from '../store/meta';
import { recordAudit } from '../audit';
import { AnalystError } from '../errors';
import { WorkspaceError } from '../store/errors';
import { Workspace, type WorkspaceEnv } from '../store/workspace';
import { describeArea, GEOGRAPHY_ATTRIBUTION, kindWords, loadGeography, type BoardArea, type Geography, type GeographyArea } from './geography';

export const WORKSPACE_EXTENSION = '.boardpack';

/** A board that cannot be made as asked; nothing was written. */
export class BoardError extends AnalystError {
  constructor(message: string) {
    super('invalid_arguments', message);
    this.name = 'BoardError';
  }
}

export interface NewBoardOptions {
  /** The board's area: a county, unitary, district, CSP or police force area, by ONS code or name. */
  area: string;
  /** Another workspace whose outcomes and indicator definitions (not values) the new one starts with. */
  indicatorsFrom?: string;
  /** The title; default: the file's name without its extension. */
  title?: string;
  assets?: string;
}

export interface NewBoard {
  workspace: Workspace;
  area: GeographyArea;
  /** Which area of a shared name was chosen, or that it was replaced; null when plain. */
  note: string | null;
  areas: BoardArea[];
  outcomesCopied: number;
  indicatorsCopied: number;
}

/** "Safer Communities Board.boardpack" -> "Safer Communities Board". */
export function titleFromFile(file: string): string {
  return path.basename(file).replace(/\.boardpack$/i, '').trim();
}

const POPULATION_SOURCE = 'ONS mid-year population estimates (built into Boardpack)';

/** The code of a board made of a custom set of districts: the sum of its districts. */
export const CUSTOM_BOARD_CODE = 'BOARD-AREA';

/**
 * The board's main area and the areas its workspace holds: one area of the built-in geography
 * by code or name, or a custom set of districts and unitaries ("Blaby; Charnwood; Melton", or
 * with commas), whose sum is an area of its own named `name`, with the summed populations of the
 * years every member has.
 */
function boardOf(geography: Geography, text: string, name: string): { resolved: { area: GeographyArea; note: string | null }; areas: BoardArea[] } {
  const whole = geography.resolve(text);
  const parts = text.split(text.includes(';') ? ';' : ',').map((t) => t.trim()).filter((t) => t !== '');
  if (whole.ok || parts.length < 2) {
    if (!whole.ok) throw new BoardError(whole.error);
    try {
      return { resolved: whole, areas: geography.boardAreas(whole.area) };
    } catch (error) {
      throw new BoardError((error as Error).message);
    }
  }
  const members: GeographyArea[] = [];
  for (const part of parts) {
    const found = geography.resolve(part);
    if (!found.ok) throw new BoardError(`${found.error} (A board of several areas lists districts or unitaries separated by ";".)`);
    if ((found.area.kind !== 'district' && found.area.kind !== 'unitary') || found.area.retired) {
      throw new BoardError(`${describeArea(found.area)} cannot be part of a board of several areas: list districts and unitaries in use.`);
    }
    if (!members.some((m) => m.code === found.area.code)) members.push(found.area);
  }
  const years = Object.keys(members[0]!.population).filter((y) => members.every((m) => m.population[y] !== undefined));
  const population = Object.fromEntries(years.map((y) => [y, members.reduce((n, m) => n + m.population[y]!, 0)]));
  const label = name || members.map((m) => m.name).join(', ');
  const area: GeographyArea = { code: CUSTOM_BOARD_CODE, name: label, kind: 'county', parent: null, population };
  return {
    resolved: { area, note: `${label} (${CUSTOM_BOARD_CODE}) is the sum of ${members.map((m) => `${m.name} (${m.code})`).join(', ')}; its population is theirs added up.` },
    areas: [
      { code: CUSTOM_BOARD_CODE, name: label, kind: 'comparator', parentCode: null, population },
      ...members.map((m) => ({ code: m.code, name: m.name, kind: m.kind, parentCode: CUSTOM_BOARD_CODE, population: { ...m.population } })),
    ],
  };
}

/** Creates `file` for a board; refuses to overwrite. Returns the workspace open (and locked). */
export async function createBoardWorkspace(file: string, env: WorkspaceEnv, options: NewBoardOptions): Promise<NewBoard> {
  const target = path.extname(file) ? file : `${file}${WORKSPACE_EXTENSION}`;
  if (await fs.stat(target).then(() => true, () => false)) {
    throw new WorkspaceError('already_exists', `"${target}" already exists. Choose another name, or open it instead.`);
  }
  const geography = await loadGeography(options.assets);
  const { resolved, areas } = boardOf(geography, options.area, titleFromFile(target));
  const source = options.indicatorsFrom ? await readDefinitions(options.indicatorsFrom, env) : null;

  const workspace = await Workspace.inMemory(env);
  let copied = { outcomes: 0, indicators: 0 };
  try {
    const title = options.title?.trim() || titleFromFile(target) || resolved.area.name;
    workspace.mutate(() => {
      const db = workspace.db;
      setMeta(db, 'title', title);
      setMeta(db, 'dashboard_title', `${resolved.area.name} Performance Dashboard`);
      setMeta(db, 'dashboard_area_code', resolved.area.code);
      setMeta(db, 'attribution', GEOGRAPHY_ATTRIBUTION);
      for (const a of areas) {
        const id = upsertArea(db, { code: a.code, name: a.name, kind: a.kind, parentCode: a.parentCode });
        recordAudit(db, { action: 'create', entity: 'area', entityId: id, newValue: `${a.code} ${a.name} (${kindWords(a.kind)}), from the built-in geography` }, env.now(), env.osUser);
        for (const [year, count] of Object.entries(a.population)) upsertPopulation(db, { areaCode: a.code, year: Number(year), count, source: POPULATION_SOURCE });
      }
      if (source) copied = copyDefinitions(workspace, source);
    });
    await workspace.saveAs(target);
  } catch (error) {
    await workspace.close({ discardUnsaved: true }).catch(() => undefined);
    throw error;
  }
  return { workspace, area: resolved.area, note: resolved.note, areas, outcomesCopied: copied.outcomes, indicatorsCopied: copied.indicators };
}

interface Definitions {
  outcomes: Array<{ id: number; title: string; shortTitle: string }>;
  indicators: Indicator[];
}

async function readDefinitions(file: string, env: WorkspaceEnv): Promise<Definitions> {
  let other: Workspace;
  try {
    other = await Workspace.openForReading(path.resolve(file), env);
  } catch (error) {
    const why = error instanceof WorkspaceError ? error.message : `it could not be read (${(error as Error).message})`;
    throw new BoardError(`The indicators cannot be copied from "${path.basename(file)}": ${why}`);
  }
  try {
    return {
      outcomes: listOutcomes(other.db).map((o) => ({ id: o.id, title: o.title, shortTitle: o.shortTitle })),
      indicators: listIndicators(other.db),
    };
  } finally {
    await other.close({ discardUnsaved: true });
  }
}

/** Outcomes and indicators (data series and rates included), in their order, without values. */
function copyDefinitions(workspace: Workspace, source: Definitions): { outcomes: number; indicators: number } {
  const db = workspace.db;
  const outcomeIds = new Map<number, number>();
  for (const o of source.outcomes) outcomeIds.set(o.id, addOutcome(db, { title: o.title, shortTitle: o.shortTitle }));
  const indicatorIds = new Map<number, number>();
  // Series first: a rate refers to the series it is derived from.
  const ordered = [...source.indicators].sort((a, b) => Number(a.derivation !== null) - Number(b.derivation !== null) || a.order - b.order);
  let copied = 0;
  for (const i of ordered) {
    const outcomeId = i.outcomeId === null ? null : (outcomeIds.get(i.outcomeId) ?? null);
    // An indicator of an archived outcome is a series here (its outcome was not copied).
    if (i.outcomeId !== null && outcomeId === null) continue;
    const from = i.derivation ? indicatorIds.get(i.derivation.fromIndicatorId) : undefined;
    if (i.derivation && from === undefined) continue;
    indicatorIds.set(
      i.id,
      addIndicator(db, {
        outcomeId,
        name: i.name,
        unit: i.unit,
        measureType: i.measureType,
        polarity: i.polarity,
        decimals: i.decimals,
        frequency: i.frequency,
        source: i.source,
        target: i.target,
        tolerancePercent: i.tolerancePercent,
        comparatorGroup: i.comparatorGroup,
        notes: i.notes,
        footnote: i.footnote,
        order: i.order,
        derivation: i.derivation && from !== undefined ? { kind: 'rate_per_1000', fromIndicatorId: from } : null,
      }),
    );
    copied++;
  }
  return { outcomes: outcomeIds.size, indicators: copied };
}

/** The sentence the CLI and the app show after creating a board's workspace. */
export function describeNewBoard(board: NewBoard): string[] {
  const a = board.area;
  const others = board.areas.slice(1);
  const main = board.areas[0]!;
  const what = a.code === CUSTOM_BOARD_CODE ? `${main.name} (${main.code}, a board of ${others.length} areas)` : describeArea(a);
  const lines = [`Created ${board.workspace.file} for ${what}${others.length > 0 ? ` with ${others.length} ${others.length === 1 ? 'area' : 'areas'} under it: ${others.map((o) => o.name).join(', ')}` : ''}.`];
  if (board.note) lines.push(board.note);
  lines.push(board.indicatorsCopied > 0 ? `Copied ${board.outcomesCopied} outcomes and ${board.indicatorsCopied} indicator definitions (no values).` : 'It has no indicators yet: importing police.uk files adds monthly counts and rates per 1,000.');
  lines.push('Populations: ONS mid-2023 estimates, built in; importing an ONS file replaces them for the years it covers.');
  return lines;
}
