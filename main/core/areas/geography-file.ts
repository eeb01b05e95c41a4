/**
 * The shape of the built-in geography (assets/geography/england-wales.json), written by
 * scripts/make-district-forces.ts and read by geography.ts. Plain data, versioned: a later
 * edition adds areas, years or changes without changing the meaning of these fields.
 */

/** The kinds of area the built-in geography holds (a subset of the workspace's AreaKind). */
export type GeographyKind = 'region' | 'county' | 'unitary' | 'district' | 'csp' | 'force';

/** A structural change that made or ended an area, with the order that made it. */
export interface GeographyChange {
  /** The day it took effect, YYYY-MM-DD. */
  on: string;
  /** The statutory instrument, e.g. "The Cumbria (Structural Changes) Order 2022 (SI 2022/331)". */
  order: string;
  /** created: the areas it replaced; retired: the areas that replaced it. */
  areas: string[];
}

export interface GeographyArea {
  /** ONS (GSS) code, e.g. E10000018. */
  code: string;
  name: string;
  kind: GeographyKind;
  /**
   * The area above it: a district's county (two-tier and metropolitan), a county's or
   * unitary's region (Wales for Welsh unitaries), a CSP's police force area; null for regions
   * and force areas.
   */
  parent: string | null;
  /** Districts and unitaries: the Community Safety Partnership covering it, null where no file we have says. */
  csp?: string | null;
  /** Districts, unitaries, counties and CSPs: the police force area covering it. */
  force?: string | null;
  /** Mid-year population estimates by year ("2023": 734015). */
  population: Record<string, number>;
  created?: GeographyChange;
  retired?: GeographyChange;
}

export interface GeographyFile {
  format: 'boardpack-geography';
  version: number;
  /** What the edition was built from, in words. */
  edition: string;
  sources: string[];
  licence: string;
  populationYears: number[];
  notes: string[];
  areas: GeographyArea[];
}

export const GEOGRAPHY_FORMAT = 'boardpack-geography';
export const GEOGRAPHY_VERSION = 1;
export const GEOGRAPHY_ASSET = 'geography/england-wales.json';
