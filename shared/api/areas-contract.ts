/**
 * Starting a workspace for a board and managing its areas (the New workspace dialog, the
 * Areas page, `boardpack new --area` and `boardpack areas`), and the Scorecard page (the same
 * model `boardpack export scorecard` writes). Spread into the contract's
 * argumentSchemas; the messages are shown to the analyst.
 */
import * as z from 'zod';
import type { AreasPage, GeographyMatch, WorkspaceInfo } from './types';
import type { ScorecardModel } from '../domain/scorecard';

const filePath = z.string().min(1, 'a file path').max(4096);
const areaText = z.string().trim().min(1, 'an area: its ONS code or name').max(200);
const isoDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date written YYYY-MM-DD, e.g. 2023-04-01')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, 'a date that exists, e.g. 2023-04-01');

export const areasSchemas = {
  /** A new workspace for a board: its areas and populations from the built-in geography. */
  'workspace.createForBoard': z
    .object({
      path: filePath,
      /** A county, unitary, district, CSP or police force area, by ONS code or name. */
      area: areaText,
      /** Another workspace whose outcomes and indicator definitions (without values) it starts with. */
      indicatorsFrom: filePath.optional(),
    })
    .strict(),
  /** The "whose board?" typeahead: built-in areas whose name or code matches. */
  'geography.search': z.object({ text: z.string().max(200), limit: z.number().int().min(1).max(50).optional() }).strict(),
  'areas.page': z.object({}).strict(),
  /** From the built-in geography (`from`: code or name) or by hand (code, name, kind). */
  'areas.add': z.union([
    z.object({ from: areaText, parentCode: z.string().trim().min(1).max(20).nullable().optional() }).strict(),
    z
      .object({
        code: z.string().trim().min(2, 'an area code, e.g. E07000130').max(20),
        name: z.string().trim().min(1, "the area's name").max(200),
        kind: z.enum(['county', 'district', 'unitary', 'region', 'force', 'csp', 'comparator'], 'a kind: county, district, unitary, region, force, csp or comparator'),
        parentCode: z.string().trim().min(1).max(20).nullable().optional(),
      })
      .strict(),
  ]),
  'areas.rename': z.object({ area: areaText, name: z.string().trim().min(1, 'the new name').max(200) }).strict(),
  /** Retire an area from a date (kept for history), or bring it back with `on: null`. */
  'areas.retire': z.object({ area: areaText, on: isoDate.nullable() }).strict(),
  'areas.setMain': z.object({ area: areaText }).strict(),
  'areas.saveGroup': z
    .object({
      name: z.string().trim().min(1, 'a name for the group, e.g. Most Similar Group').max(200),
      members: z.array(areaText).min(2, 'at least two areas (ONS codes or names)').max(200),
      makeDefault: z.boolean().optional(),
    })
    .strict(),
  'areas.deleteGroup': z.object({ name: z.string().trim().min(1).max(200) }).strict(),
  /** The group used when an indicator names none; null: every area of the main area's kind. */
  'areas.useGroup': z.object({ name: z.string().trim().min(1).max(200).nullable() }).strict(),
  /** The plan scorecard of a period against a baseline financial year, as the export has it. */
  'scorecard.get': z.object({ period: z.string().min(1).max(40), baseline: z.string().min(1).max(20), projectTo: z.string().max(20).optional() }).strict(),
} as const;

export interface AreasResults {
  'scorecard.get': ScorecardModel;
  'workspace.createForBoard': { info: WorkspaceInfo; messages: string[] };
  'geography.search': GeographyMatch[];
  'areas.page': AreasPage;
  'areas.add': AreasPage & { messages: string[] };
  'areas.rename': AreasPage;
  'areas.retire': AreasPage;
  'areas.setMain': AreasPage;
  'areas.saveGroup': AreasPage & { messages: string[] };
  'areas.deleteGroup': AreasPage;
  'areas.useGroup': AreasPage;
}
