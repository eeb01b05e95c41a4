import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendixCsv, neutraliseFormula, valuesCsv } from '../../../../main/core/exports/csv';
import { writeExportFile } from '../../../../main/core/exports/write-file';
import { appendixModelFromTsv } from '../../../fixtures/appendix-model';
import { appendixTsv } from '../../../shared-folder';

const TSV_PATH = appendixTsv();

let dir = '';
let tsvText = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'boardpack-csv-'));
  tsvText = await readFile(TSV_PATH, 'utf8');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function parse(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const result = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

/** The published rows with each outcome's cells filled down onto all its rows. */
function publishedFilledDown(): string[][] {
  const rows = tsvText.split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => line.split('\t').map((cell) => cell.trim()));
  let outcome: string[] = [];
  return rows.map((row, i) => {
    if (i === 0) return row;
    if (row[0] !== '') outcome = row.slice(0, 3);
    return [...outcome, ...row.slice(3)];
  });
}

describe('appendix csv', () => {
  it('round-trips to the published cells, outcome cells repeated on every row, no title line', async () => {
    const path = join(dir, 'appendix.csv');
    const written = await writeExportFile(path, appendixCsv(appendixModelFromTsv(tsvText)));
    expect(written.ok).toBe(true);
    const rows = parse(await readFile(path, 'utf8'));
    expect(rows).toEqual(publishedFilledDown());
    expect(rows).toHaveLength(13);
    expect(rows[0]?.[0]).toBe('Outcomes');
  });

  it('starts with a UTF-8 byte order mark and keeps the arrows', async () => {
    const path = join(dir, 'bom.csv');
    await writeExportFile(path, appendixCsv(appendixModelFromTsv(tsvText)));
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    for (const arrow of ['↑', '→', '↓']) expect(text).toContain(arrow);
  });

  it('quotes as RFC 4180 says, with CRLF line ends', () => {
    const csv = appendixCsv(appendixModelFromTsv(tsvText));
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(Papa.parse(csv.slice(1)).meta.linebreak).toBe('\r\n');
    expect(csv).toContain(',"1,259*","1,264",');
    expect(csv).toContain('"Total Crime rate (per 1,000 population)"');
    expect(csv).toContain(',Top,');
    const quoted = valuesCsv([{ text: 'He said "no", then left\nearly' }], ['text']);
    expect(quoted).toBe('\uFEFFtext\r\n"He said ""no"", then left\nearly"\r\n');
  });

  it('neutralises formula-like cells in the appendix', () => {
    const model = appendixModelFromTsv(tsvText);
    const block = model.outcomes[0];
    const row = block?.indicators[0];
    if (!block || !row) throw new Error('fixture changed');
    row.name = '=HYPERLINK("http://example.invalid","x")';
    block.comment = '@SUM(A1)';
    const rows = parse(appendixCsv(model));
    expect(rows[1]?.[3]).toBe('\'=HYPERLINK("http://example.invalid","x")');
    expect(rows[1]?.[2]).toBe("'@SUM(A1)");
    expect(rows[2]?.[2]).toBe("'@SUM(A1)"); // repeated outcome cells too
  });
});

describe('appendix csv of unusual appendices', () => {
  it('keeps an outcome with no indicators as a row with blank indicator cells', () => {
    const model = appendixModelFromTsv(tsvText);
    const bare = model.outcomes[1];
    if (!bare) throw new Error('fixture changed');
    bare.indicators = [];
    const rows = parse(appendixCsv(model));
    expect(rows[5]).toEqual([bare.title, 'A', bare.comment, '', '', '', '', '', '', '']);
    expect(rows).toHaveLength(11);
    expect(parse(appendixCsv({ ...model, outcomes: [] }))).toHaveLength(1);
  });
});

describe('neutraliseFormula', () => {
  it('prefixes cells starting with = + - @, tab or CR with an apostrophe', () => {
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(neutraliseFormula('+cmd|\' /C calc\'!A0')).toBe("'+cmd|' /C calc'!A0");
    expect(neutraliseFormula('-2+3+cmd|\' /C calc\'!A0')).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('\t=1+1')).toBe("'\t=1+1");
    expect(neutraliseFormula('\r=1+1')).toBe("'\r=1+1");
  });

  it('leaves ordinary text, plain numbers and the not-applicable dash alone', () => {
    for (const cell of ['', 'Top', '47.18', '1,259*', '55.4% (Q3 2014-15)', '-', '-3.2', '+4', '-12%', '1,264', 'a=b']) {
      expect(neutraliseFormula(cell)).toBe(cell);
    }
  });
});

describe('valuesCsv', () => {
  it('writes the columns in order, numbers as numbers, blanks for null and missing, and neutralises text', () => {
    const csv = valuesCsv(
      [
        { indicator: 'Vehicle crime', month: '2015-03', value: 6.35, provisional: false, note: null },
        { indicator: '=cmd', month: '2015-02', value: -0.5, provisional: true },
      ],
      ['indicator', 'month', 'value', 'provisional', 'note'],
    );
    expect(parse(csv)).toEqual([
      ['indicator', 'month', 'value', 'provisional', 'note'],
      ['Vehicle crime', '2015-03', '6.35', 'FALSE', ''],
      ["'=cmd", '2015-02', '-0.5', 'TRUE', ''],
    ]);
  });

  it('writes only the header when there are no rows', () => {
    expect(valuesCsv([], ['a', 'b'])).toBe('\uFEFFa,b\r\n');
  });
});
