/** The import summary's words, for a preview (dry run) and for the import itself. */
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../../shared/api/types';
import { importSummaryText, MAX_NAMES_SHOWN, namedListLine, recentFilesText } from '../../../../renderer/src/features/import/summary';

function report(over: Partial<ImportReport>): ImportReport {
  return { dryRun: true, importId: null, files: [], added: 0, changed: [], unchanged: 0, conflicts: [], skipped: [], warnings: [], created: [], ...over };
}

const change = (indicator: string, span: string, old: string, now: string) => ({ indicator, span, old, new: now });

describe('the import summary', () => {
  it('a preview says what would happen, file by file, with the totals', () => {
    const text = importSummaryText(
      report({
        files: [
          { file: 'partner.xlsx', sheet: 'Data', shape: 'tidy', summary: 'a tidy table: 3 indicators, 7 areas' },
          { file: '2024-12-leicestershire-street.csv', sheet: '', shape: 'police.uk', summary: 'police.uk street-level crime, Dec 2024' },
        ],
        added: 1204,
        changed: [change('Vehicle crime (count)', 'Dec 2024', '51', '53'), change('Burglary (count)', 'Dec 2024', '20', '19')],
        unchanged: 37,
        created: ['the indicator "Noise complaints"'],
      }),
    );
    expect(text.files).toEqual([
      { key: 'partner.xlsx/Data', file: 'partner.xlsx', detail: ' (sheet "Data"): a tidy table: 3 indicators, 7 areas' },
      { key: '2024-12-leicestershire-street.csv/', file: '2024-12-leicestershire-street.csv', detail: ': police.uk street-level crime, Dec 2024' },
    ]);
    expect(text.totals).toBe('Would add 1,204 values; 2 changed; 37 unchanged.');
    expect(text.created).toEqual(['Would create the indicator "Noise complaints".']);
    expect(text.conflicts).toBeNull();
    expect(text.skipped).toEqual([]);
  });

  it('after the import it says what happened', () => {
    const text = importSummaryText(report({ dryRun: false, importId: 4, added: 3, unchanged: 0, created: ['the area "Rutland"'] }));
    expect(text.totals).toBe('Added 3 values; 0 changed; 0 unchanged.');
    expect(text.created).toEqual(['Created the area "Rutland".']);
  });

  it('counts what was left out with thousands separators, and says published values were left alone', () => {
    const text = importSummaryText(
      report({
        skipped: [
          { reason: 'police.uk rows with no location', count: 1234 },
          { reason: 'rows for districts outside this workspace', count: 7 },
        ],
        conflicts: [change('Vehicle crime (count)', 'Mar 2015', '40', '41'), change('Burglary (count)', 'Mar 2015', '10', '12'), change('Criminal damage (count)', 'Feb 2015', '5', '6')],
      }),
    );
    expect(text.skipped).toEqual(['Left out 1,234 police.uk rows with no location.', 'Left out 7 rows for districts outside this workspace.']);
    expect(text.conflicts).toBe('3 values belong to a published (locked) period and differ from what was published: they are left as published.');
  });
});

describe('the import summary in brief (issue 14)', () => {
  it('says 1 value, 1 row, and sums up many files in one line', () => {
    const files = [
      ...Array.from({ length: 24 }, (_, i) => ({ file: `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-leicestershire-street.csv`, sheet: '', shape: 'police.uk' as const, summary: 'police.uk street-level crime' })),
      { file: 'ons_mye_mid2023_england_wales_lad.csv', sheet: '', shape: 'ons-population' as const, summary: 'ONS mid-2023 population estimates' },
    ];
    const text = importSummaryText(report({ files, added: 1, skipped: [{ reason: 'police.uk rows in Welwyn Hatfield, which is not a district of this workspace', count: 1 }] }));
    expect(text.totals).toBe('Would add 1 value; 0 changed; 0 unchanged.');
    expect(text.skipped).toEqual(['Left out 1 police.uk row in Welwyn Hatfield, which is not a district of this workspace.']);
    expect(text.filesInBrief).toBe('24 police.uk street-level crime files, Jan 2023 to Dec 2024; 1 ONS population file');
    expect(text.files).toHaveLength(25);
    expect(importSummaryText(report({ files: files.slice(0, 5) })).filesInBrief).toBeNull();
  });

  it('names a recent import\'s files when few, and says what they are when many', () => {
    expect(recentFilesText(['a.csv', 'b.csv'])).toBe('a.csv, b.csv');
    expect(recentFilesText(['2024-10-kent-street.csv', '2024-11-kent-street.csv', '2024-12-kent-street.csv', '2024-09-kent-street.csv', 'pop.csv'])).toBe('4 police.uk files, Sep 2024 to Dec 2024 and 1 other file');
  });
});

describe('one of many', () => {
  it('leaves "1 of the values" as it is', () => {
    expect(importSummaryText(report({ skipped: [{ reason: 'of the values in a.csv, for areas not in this workspace (Rutland)', count: 1 }] })).skipped).toEqual(['Left out 1 of the values in a.csv, for areas not in this workspace (Rutland).']);
  });
});

describe('what police.uk files are counted into (issue 14)', () => {
  const LEICESTERSHIRE = ['Blaby', 'Charnwood', 'Harborough', 'Hinckley and Bosworth', 'Melton', 'North West Leicestershire', 'Oadby and Wigston'];
  const TYPES = ['All crime', 'Anti-social behaviour', 'Bicycle theft', 'Burglary', 'Criminal damage and arson', 'Drugs', 'Other crime', 'Other theft', 'Possession of weapons', 'Public order', 'Robbery', 'Shoplifting', 'Theft from the person', 'Vehicle crime', 'Violence and sexual offences'];
  const months = Array.from({ length: 24 }, (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);

  it('names every district when few, the crime types in brief with all on demand, and the months', () => {
    const text = importSummaryText(report({ policeUk: { districts: LEICESTERSHIRE, crimeTypes: TYPES, months } })).policeUk!;
    expect(`${text.districts!.lead}: ${namedListLine(text.districts!)}.`).toBe(
      'Would count police.uk crimes for 7 districts: Blaby, Charnwood, Harborough, Hinckley and Bosworth, Melton, North West Leicestershire, Oadby and Wigston.',
    );
    expect(text.districts!.more).toBe(0);
    expect(`${text.crimeTypes.lead}: ${namedListLine(text.crimeTypes)}.`).toBe(
      `15 crime types, each its own series: ${TYPES.slice(0, MAX_NAMES_SHOWN - 1).join(', ')} and ${15 - (MAX_NAMES_SHOWN - 1)} more.`,
    );
    expect(text.crimeTypes.all).toEqual(TYPES);
    expect(text.months).toBe('Months: Jan 2023 to Dec 2024 (24 months).');
    expect(text.noDistricts).toBeNull();
  });

  it('says "and N more" for many districts, keeps them all for Show all, and speaks in the past after the import', () => {
    const many = Array.from({ length: 20 }, (_, i) => `District ${String(i + 1).padStart(2, '0')}`);
    const text = importSummaryText(report({ dryRun: false, policeUk: { districts: many, crimeTypes: ['All crime', 'Burglary'], months: ['2024-06'] } })).policeUk!;
    expect(namedListLine(text.districts!)).toBe(`${many.slice(0, MAX_NAMES_SHOWN - 1).join(', ')} and ${20 - (MAX_NAMES_SHOWN - 1)} more`);
    expect(text.districts!.lead).toBe('Counted police.uk crimes for 20 districts');
    expect(text.districts!.all).toEqual(many);
    expect(text.months).toBe('Month: Jun 2024.');
    expect(importSummaryText(report({ policeUk: { districts: ['Blaby'], crimeTypes: ['All crime'], months: ['2024-06'] } })).policeUk!.districts!.lead).toBe('Would count police.uk crimes for 1 district');
  });

  it('says plainly when the files cover none of the workspace\'s districts, and nothing without police.uk files', () => {
    const text = importSummaryText(report({ policeUk: { districts: [], crimeTypes: ['All crime', 'Burglary'], months: ['2024-07'] } })).policeUk!;
    expect(text.districts).toBeNull();
    expect(text.noDistricts).toBe("Would count nothing: the police.uk files cover none of this workspace's districts.");
    expect(importSummaryText(report({})).policeUk).toBeNull();
  });
});
