/**
 * police.uk street-level crime files (.csv or .txt headed "Crime ID, Month, ... LSOA name, Crime
 * type"): all the import's files counted together into monthly totals by workspace district and
 * crime type, before the transaction (reading is the slow part), then stored as one set of counts.
 */
import path from 'node:path';
import type { ImportReport } from '../../../../shared/api/types';
import { listAreas, loadGeography, type Geography } from '../../areas';
import type { Workspace } from '../../store/workspace';
import { applyPoliceCounts } from '../apply-counts';
import { ImportError } from '../options';
import { aggregatePoliceUk, normaliseAreaName, type PoliceUkAggregate } from '../policeuk';
import { copiesAmong, readOnce } from '../read-once';
import type { ImportShape, RecognisedFile } from './shape';

export interface RecognisedPoliceUk extends RecognisedFile {
  /** The counts of all the import's police.uk files, once planned (a copy of another file is in them once). */
  counted: PoliceUkAggregate | null;
}

export const policeUk: ImportShape<RecognisedPoliceUk> = {
  name: 'police.uk street-level crime',
  async recognise(file) {
    if (file.ext !== '.csv' && file.ext !== '.txt') return null;
    const header = ((await file.firstLines(6))[0] ?? '').toLowerCase();
    if (!['crime id', 'month', 'lsoa name', 'crime type'].every((c) => header.includes(c))) return null;
    return { file: file.path, recordedSheet: '', format: 'police.uk', counted: null };
  },
  async planTogether(recognised, run) {
    const { workspace, options, report } = run;
    const policeFiles = await withoutCopies(recognised.map((r) => r.file), report);
    const districts = districtsOf(workspace, await loadGeography().catch(() => null));
    if (districts.size === 0) throw new ImportError('This workspace has no districts to count police.uk crimes into. Start a workspace for your board with New workspace (or "boardpack new --workspace FILE --area NAME"), or add its districts with "boardpack areas add".');
    const what = policeFiles.length === 1 ? path.basename(policeFiles[0]!) : `${policeFiles.length} police.uk files`;
    const forces = forcesOf(workspace);
    // The plan's count is reused by the import that follows it when no file changed.
    const police = await readOnce(workspace, policeFiles, JSON.stringify([[...districts], [...forces]]), () =>
      aggregatePoliceUk(policeFiles, {
        districts,
        forces,
        signal: options.signal,
        onProgress: (read, total) => options.onProgress?.({ file: what, fraction: total > 0 ? Math.min(1, read / total) : 1, phase: 'reading' }),
      }),
    );
    const errors = police.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) throw new ImportError(errors.slice(0, 5).map((p) => p.message).join(' ') + (errors.length > 5 ? ` (and ${errors.length - 5} more problems)` : ''));
    for (const p of police.problems) if (p.severity === 'warning' && p.file === '') report.warnings.push(p.message);
    report.policeUk = { districts: police.districtsCounted, crimeTypes: police.crimeTypes, months: police.months };
    if (police.totals.noLocation > 0) report.skipped.push({ reason: 'police.uk rows with no location (no LSOA)', count: police.totals.noLocation });
    if (police.totals.duplicates > 0) report.skipped.push({ reason: 'police.uk crimes already counted (the same Crime ID)', count: police.totals.duplicates });
    for (const d of police.notCovered) {
      const why = d.force === null
        ? `Boardpack does not know which police force covers ${d.district}`
        : `this import has no ${d.force} file for ${d.months.length === 1 ? d.months[0] : `${d.months.length} of those months`}`;
      report.skipped.push({ reason: `police.uk rows in ${d.district} from another force's file: ${why}, so ${d.district}'s figures were left as they were`, count: d.rows });
    }
    const outside = outsideSummary(police.outsideDistricts);
    if (outside) report.skipped.push(outside);
    return recognised.map((r) => ({ ...r, counted: police }));
  },
  apply(r, tx) {
    const summary = r.counted?.files.find((f) => f.file === r.file);
    const months = summary?.months ?? [];
    const forces = summary?.forces ?? [];
    if (summary && summary.rowsRead === 0) tx.report.warnings.push(`${path.basename(r.file)} has a header but no rows: there is nothing in it to count.`);
    const elsewhere = summary && summary.rowsRead > 0 && summary.rowsCounted === 0
      ? `: a file for ${forces.length > 0 ? forces.join(', ') : 'another force'}, which covers none of this workspace's districts, so nothing in it changes this workspace`
      : '';
    tx.report.files.push({
      file: path.basename(r.file),
      sheet: '',
      shape: 'police.uk',
      summary: summary
        ? `police.uk street-level crime${forces.length > 0 ? ` (${forces.join(', ')})` : ''}${months.length > 0 ? ` for ${months[0]}${months.length > 1 ? ` to ${months[months.length - 1]}` : ''}` : ''}, ${summary.rowsRead} rows, ${summary.rowsCounted} in this workspace's districts${elsewhere}`
        : `police.uk street-level crime: a copy of another file in this import, read once`,
    });
  },
  async finish(files, tx) {
    const counted = files[0]?.counted;
    if (counted) tx.add(await applyPoliceCounts(tx.db, counted.counts, tx.importId, tx.pause));
  },
};

/**
 * Workspace districts by every name police.uk might use: their own, and (from the built-in
 * geography) the names of the districts they replaced, since LSOA names keep the old
 * district's name ("Allerdale 012B" lies in Cumberland). Retired areas take no new counts.
 */
function districtsOf(workspace: Workspace, geography: Geography | null): Map<string, string> {
  const districts = new Map<string, string>();
  const local = listAreas(workspace.db).filter((a) => (a.kind === 'district' || a.kind === 'unitary') && !a.retiredOn);
  for (const a of local) districts.set(a.name, a.code);
  const own = new Set(local.map((a) => normaliseAreaName(a.name)));
  for (const a of local) {
    for (const name of geography?.namesOf(a.code).slice(1) ?? []) if (!own.has(normaliseAreaName(name))) districts.set(name, a.code);
  }
  return districts;
}

/** "12,040 police.uk rows in 12 other districts, most in Leicester (11,000), Rutland (700) and Daventry (40)": one line, not one per area. */
export function outsideSummary(outside: readonly { district: string; rows: number }[]): { reason: string; count: number } | null {
  if (outside.length === 0) return null;
  const count = outside.reduce((n, d) => n + d.rows, 0);
  const top = outside.slice(0, 3).map((d) => `${d.district} (${d.rows.toLocaleString('en-GB')})`);
  const listed = top.length === 1 ? top[0]! : `${top.slice(0, -1).join(', ')} and ${top[top.length - 1]}`;
  const where = outside.length === 1 ? `${outside[0]!.district}, which is not a district of this workspace` : `${outside.length} districts that are not this workspace's, most in ${listed}`;
  return { reason: `police.uk rows in ${where}`, count };
}

/** The force area above each workspace district (district -> CSP -> force), where the workspace holds one. */
function forcesOf(workspace: Workspace): Map<string, string> {
  const areas = listAreas(workspace.db);
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const forces = new Map<string, string>();
  for (const area of areas) {
    if (area.kind !== 'district' && area.kind !== 'unitary') continue;
    for (let up = byCode.get(area.parentCode ?? ''), steps = 0; up && steps < 5; up = byCode.get(up.parentCode ?? ''), steps++) {
      if (up.kind === 'force') {
        forces.set(area.code, up.name);
        break;
      }
    }
  }
  return forces;
}

/** Police.uk files with the same contents as one before them are read once; each copy is named in a warning. */
async function withoutCopies(files: readonly string[], report: ImportReport): Promise<string[]> {
  const copies = await copiesAmong(files);
  for (const { file, copyOf } of copies) report.warnings.push(`${path.basename(file)} is a copy of ${path.basename(copyOf)} (the same contents); it was read once.`);
  return files.filter((_, i) => !copies.some((c) => c.index === i));
}
