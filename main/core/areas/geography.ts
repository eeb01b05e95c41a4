/**
 * The built-in geography of England and Wales (assets/geography/england-wales.json, built by
 * scripts/make-district-forces.ts from the ONS files): finding a board's area by code or by a
 * forgiving name, the nearest names when nothing matches, and the areas a workspace for that
 * board holds.
 *
 * Names shared by several areas are common (Leicestershire: the county, the police force area;
 * North Yorkshire: the unitary, the abolished county, the force area). The area in use wins over
 * a retired one, then the council area over the CSP and the force area, and the answer says which
 * was chosen and how to name the other ("Leicestershire police force area", or its code).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AreaKind } from '../../../shared/domain/types';
import { normaliseAreaName } from '../../../shared/domain/area-names';
import { assetsDir } from '../paths';
import { GEOGRAPHY_ASSET, GEOGRAPHY_FORMAT, GEOGRAPHY_VERSION, type GeographyArea, type GeographyFile, type GeographyKind } from './geography-file';

export type { GeographyArea, GeographyFile, GeographyKind } from './geography-file';

/** The source line shown in the README, the About box and a new workspace's attribution. */
export const GEOGRAPHY_ATTRIBUTION = 'Areas and mid-year populations: Office for National Statistics, built into Boardpack. Contains public sector information licensed under the Open Government Licence v3.0.';

export { ABOUT_CREDITS } from '../../../shared/domain/attribution';

const KIND_WORDS: Record<GeographyKind, string> = {
  region: 'region',
  county: 'county',
  unitary: 'unitary authority',
  district: 'district',
  csp: 'community safety partnership',
  force: 'police force area',
};

/** Which of several areas sharing a name is meant: the council area first. */
const KIND_RANK: Record<GeographyKind, number> = { county: 0, unitary: 1, district: 2, csp: 3, force: 4, region: 5 };

/** Words after a name that say which kind of area is meant ("Leicestershire police force area"). */
const QUALIFIERS: Array<{ pattern: RegExp; kinds: GeographyKind[] }> = [
  { pattern: /\s+(police force area|police area|force area|pfa|police force|police service|police|constabulary|force)$/, kinds: ['force'] },
  { pattern: /\s+(community safety partnership|csp)$/, kinds: ['csp'] },
  { pattern: /\s+(county council|county area|county|cc)$/, kinds: ['county'] },
  { pattern: /\s+(unitary authority|unitary council|unitary)$/, kinds: ['unitary'] },
  { pattern: /\s+(district council|borough council|city council|district|borough|council)$/, kinds: ['district', 'unitary'] },
  { pattern: /\s+(region)$/, kinds: ['region'] },
];

export function kindWords(kind: GeographyKind | AreaKind): string {
  return kind in KIND_WORDS ? KIND_WORDS[kind as GeographyKind] : kind;
}

/** "Leicestershire (E10000018, county)" */
export function describeArea(a: GeographyArea): string {
  return `${a.name} (${a.code}, ${kindWords(a.kind)}${a.retired ? `, replaced on ${a.retired.on}` : ''})`;
}

export type Resolution = { ok: true; area: GeographyArea; note: string | null } | { ok: false; error: string; nearest: GeographyArea[] };

/** One area a new workspace holds: its parent is another of them, or null. */
export interface BoardArea {
  code: string;
  name: string;
  kind: AreaKind;
  parentCode: string | null;
  population: Record<string, number>;
}

export class Geography {
  private readonly byCodeMap: Map<string, GeographyArea>;
  private readonly byName = new Map<string, GeographyArea[]>();

  constructor(readonly file: GeographyFile) {
    if (file.format !== GEOGRAPHY_FORMAT || typeof file.version !== 'number' || !Array.isArray(file.areas)) throw new Error('The built-in geography file is not in Boardpack\'s format.');
    if (file.version > GEOGRAPHY_VERSION) throw new Error(`The built-in geography is version ${file.version}; this Boardpack reads up to version ${GEOGRAPHY_VERSION}.`);
    this.byCodeMap = new Map(file.areas.map((a) => [a.code, a]));
    for (const a of file.areas) {
      const key = normaliseAreaName(a.name);
      this.byName.set(key, [...(this.byName.get(key) ?? []), a]);
    }
  }

  get areas(): readonly GeographyArea[] {
    return this.file.areas;
  }

  byCode(code: string): GeographyArea | undefined {
    return this.byCodeMap.get(code.trim().toUpperCase());
  }

  /** Areas in use directly under `code` (a county's districts, a force's CSPs). */
  children(code: string): GeographyArea[] {
    return this.file.areas.filter((a) => a.parent === code && !a.retired);
  }

  /** The districts and unitaries in use that a CSP or force area covers. */
  coveredBy(area: GeographyArea): GeographyArea[] {
    const local = (a: GeographyArea) => (a.kind === 'district' || a.kind === 'unitary') && !a.retired;
    if (area.kind === 'csp') return this.file.areas.filter((a) => local(a) && a.csp === area.code);
    if (area.kind === 'force') return this.file.areas.filter((a) => local(a) && a.force === area.code);
    if (area.kind === 'county') return this.children(area.code).filter(local);
    if (area.kind === 'district' || area.kind === 'unitary') return [area];
    return this.file.areas.filter((a) => local(a) && (a.parent === area.code || this.byCodeMap.get(a.parent ?? '')?.parent === area.code));
  }

  /**
   * The names police.uk may file a district's crimes under: its own, and those of the districts
   * it replaced (LSOA names keep the old district's name: "Allerdale 012B" lies in Cumberland).
   */
  namesOf(code: string): string[] {
    const area = this.byCode(code);
    if (!area) return [];
    return [area.name, ...(area.created?.areas ?? []).flatMap((c) => this.namesOf(c))];
  }

  /** Finds an area by ONS code or by name, forgiving case, "&"/"and", "City of", and a kind after it. */
  resolve(text: string): Resolution {
    const wanted = text.trim();
    if (wanted === '') return { ok: false, error: 'Say whose board it is: a county, unitary, district, community safety partnership or police force area, by name or ONS code.', nearest: [] };
    const byCode = this.byCode(wanted);
    if (byCode) return { ok: true, area: byCode, note: this.noteFor(byCode, null) };

    let key = normaliseAreaName(wanted);
    let kinds: GeographyKind[] | null = null;
    if (!this.byName.has(key)) {
      for (const q of QUALIFIERS) {
        const lower = wanted.toLowerCase().replace(/\s+/g, ' ');
        if (q.pattern.test(lower)) {
          const stripped = normaliseAreaName(lower.replace(q.pattern, ''));
          if (this.byName.has(stripped)) {
            key = stripped;
            kinds = q.kinds;
            break;
          }
        }
      }
    }
    const candidates = (this.byName.get(key) ?? []).filter((a) => kinds === null || kinds.includes(a.kind));
    if (candidates.length === 0) {
      const nearest = this.nearest(wanted, 5);
      const list = nearest.map(describeArea).join('; ');
      return { ok: false, error: `No area of England and Wales is called "${wanted}"${nearest.length > 0 ? `. Nearest: ${list}` : ''}. Give a name or an ONS code (e.g. E10000018).`, nearest };
    }
    const sorted = [...candidates].sort((a, b) => Number(Boolean(a.retired)) - Number(Boolean(b.retired)) || KIND_RANK[a.kind] - KIND_RANK[b.kind]);
    const chosen = sorted[0]!;
    return { ok: true, area: chosen, note: this.noteFor(chosen, sorted.slice(1)) };
  }

  /** What the analyst should know about the area chosen: the others of the same name, a replacement. */
  private noteFor(chosen: GeographyArea, others: GeographyArea[] | null): string | null {
    const parts: string[] = [];
    if (chosen.retired) {
      parts.push(`${chosen.name} (${chosen.code}) was replaced on ${chosen.retired.on} by ${chosen.retired.areas.map((c) => describeArea(this.byCode(c)!)).join(' and ')} (${chosen.retired.order}).`);
    }
    if (others && others.length > 0) {
      const how = others.map((o) => `the ${kindWords(o.kind)} (${o.code}${o.retired ? `, replaced on ${o.retired.on}` : ''}): use its code${o.kind === 'force' ? ` or "${o.name} police force area"` : ''}`);
      parts.push(`"${chosen.name}" means the ${kindWords(chosen.kind)} ${chosen.code}. For the ${others.length === 1 ? 'other area' : 'other areas'} of that name, ${how.join('; ')}.`);
    }
    return parts.length > 0 ? parts.join(' ') : null;
  }

  /** Areas whose names are nearest to `text`: those starting with it or containing it, then by edit distance. */
  nearest(text: string, limit: number): GeographyArea[] {
    const key = normaliseAreaName(text);
    if (key === '') return [];
    const scored = this.file.areas
      .filter((a) => a.kind !== 'region')
      .map((a) => {
        const name = normaliseAreaName(a.name);
        const score = name === key ? 0 : name.startsWith(key) ? 1 : name.includes(key) ? 2 : 3 + editDistance(key, name) / Math.max(key.length, name.length);
        return { a, score };
      })
      .filter((s) => s.score < 3.5)
      .sort((x, y) => x.score - y.score || Number(Boolean(x.a.retired)) - Number(Boolean(y.a.retired)) || KIND_RANK[x.a.kind] - KIND_RANK[y.a.kind] || x.a.name.localeCompare(y.a.name));
    return scored.slice(0, limit).map((s) => s.a);
  }

  /** For the "whose board?" typeahead: areas a code or name begins or contains, boards only. */
  search(text: string, limit = 12): GeographyArea[] {
    const trimmed = text.trim();
    if (trimmed === '') return [];
    const code = this.byCode(trimmed);
    if (code) return [code];
    const upper = trimmed.toUpperCase();
    if (/^[EW]\d{2,}/.test(upper)) return this.file.areas.filter((a) => a.code.startsWith(upper)).slice(0, limit);
    return this.nearest(trimmed, limit);
  }

  /**
   * The areas a workspace for this board holds, parents first:
   * - a county: the county and its districts (the county's figures are its districts' sums);
   * - a unitary or district: that area alone (a district's county would be the sum of one
   *   district, which is wrong, so it is not added; `areas add` can add it by hand);
   * - a CSP: the CSP and the districts and unitaries it covers;
   * - a police force area: the force, its counties with their districts, and its unitaries.
   */
  boardAreas(area: GeographyArea): BoardArea[] {
    if (area.retired) {
      const by = area.retired.areas.map((c) => describeArea(this.byCode(c)!)).join(' and ');
      throw new Error(`${area.name} (${area.code}) was replaced on ${area.retired.on} by ${by} (${area.retired.order}); start the workspace for ${area.retired.areas.length === 1 ? 'it' : 'one of them'}.`);
    }
    if (area.kind === 'region') throw new Error(`${area.name} is a region; Boardpack makes a workspace for a county, unitary, district, community safety partnership or police force area.`);
    const out: BoardArea[] = [];
    const put = (a: GeographyArea, parentCode: string | null) => out.push({ code: a.code, name: a.name, kind: a.kind, parentCode, population: { ...a.population } });
    put(area, null);
    if (area.kind === 'county' || area.kind === 'csp') {
      for (const d of this.coveredBy(area)) put(d, area.code);
    } else if (area.kind === 'force') {
      const covered = this.coveredBy(area);
      const counties = new Set<string>();
      for (const d of covered) {
        const parent = this.byCode(d.parent ?? '');
        if (d.kind === 'district' && parent?.kind === 'county') counties.add(parent.code);
      }
      for (const c of [...counties].sort()) put(this.byCode(c)!, area.code);
      for (const d of covered) {
        const parent = this.byCode(d.parent ?? '');
        put(d, d.kind === 'district' && parent && counties.has(parent.code) ? parent.code : area.code);
      }
    }
    return out;
  }
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length]!;
}

const loaded = new Map<string, Promise<Geography>>();

/** The built-in geography, read once per assets folder. */
export function loadGeography(assets = assetsDir()): Promise<Geography> {
  const file = path.join(assets, GEOGRAPHY_ASSET);
  let promise = loaded.get(file);
  if (!promise) {
    promise = fs.readFile(file, 'utf8').then(
      (text) => new Geography(JSON.parse(text) as GeographyFile),
      (error: unknown) => {
        loaded.delete(file);
        throw new Error(`Boardpack's built-in geography (${GEOGRAPHY_ASSET}) could not be read: ${(error as Error).message}`);
      },
    );
    loaded.set(file, promise);
  }
  return promise;
}
