import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendixTable, compactRowCells } from '../../../../main/core/exports/appendix-parts';
import { appendixModelFromTsv, longAppendixModel, longCommentAppendixModel, parseAppendixValue } from '../../../fixtures/appendix-model';
import { appendixTsv } from '../../../shared-folder';

const TSV_PATH = appendixTsv();
let tsvText = '';

beforeAll(async () => {
  tsvText = await readFile(TSV_PATH, 'utf8');
});

describe('the appendix model fixture', () => {
  it('rebuilds the published table exactly', () => {
    const model = appendixModelFromTsv(tsvText);
    const { headers, rows } = appendixTable(model);
    const published = tsvText.split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => line.split('\t').map((cell) => cell.trim()));
    expect([headers, ...rows]).toEqual(published);
    expect(model.title).toBe('Appendix 1 - Safer Communities Performance Dashboard 2014/15 Q4');
    expect(model.outcomes.map((block) => block.indicators.length)).toEqual([4, 3, 3, 2]);
  });

  it('turns arrows back into directions', () => {
    const model = appendixModelFromTsv(tsvText);
    const rows = model.outcomes.flatMap((block) => block.indicators);
    expect(rows.map((row) => row.direction.shown)).toEqual([
      'no_change', 'no_change', 'worsening', 'no_change', 'no_change', 'no_change', 'improving', 'no_change', 'no_change', 'worsening', 'improving', 'improving',
    ]);
  });

  it('sets a number only for plain numbers, with a format that shows the text', () => {
    expect(parseAppendixValue('47.18', null)).toMatchObject({ number: 47.18, numberFormat: '0.00' });
    expect(parseAppendixValue('1,264', null)).toMatchObject({ number: 1264, numberFormat: '#,##0' });
    expect(parseAppendixValue('27%', null)).toMatchObject({ number: 27, numberFormat: '0"%"' });
    expect(parseAppendixValue('79.0%', null)).toMatchObject({ number: 79, numberFormat: '0.0"%"' });
    expect(parseAppendixValue('212', null)).toMatchObject({ number: 212, numberFormat: '0' });
    for (const text of ['1,259*', '55.4% (Q3 2014-15)', '1.00 (Apr-Dec 2014)', 'NA', '-', '']) {
      expect(parseAppendixValue(text, null)).toMatchObject({ text, number: null, numberFormat: null });
    }
  });

  it('generates large models with unique indicator names, the same every time', () => {
    const model = longAppendixModel(10, 200);
    const names = model.outcomes.flatMap((block) => block.indicators.map((row) => row.name));
    expect(names).toHaveLength(200);
    expect(new Set(names).size).toBe(200);
    expect(model.outcomes.map((block) => block.indicators.length)).toEqual(Array(10).fill(20));
    expect(longAppendixModel(10, 200)).toEqual(model);
    const long = longCommentAppendixModel();
    expect(long.outcomes[1]?.comment.split(' ').length).toBeGreaterThan(600);
  });

  it('gives the compact variant one line per indicator in each column', () => {
    const model = appendixModelFromTsv(tsvText);
    const block = model.outcomes[1];
    if (!block) throw new Error('fixture changed');
    const cells = compactRowCells(block);
    expect(cells).toHaveLength(10);
    expect(cells[4]).toBe('38.9%\n1.04\n212');
    expect(cells[5]).toBe('55.4% (Q3 2014-15)\n1.00 (Apr-Dec 2014)\n185');
    expect(cells[6]).toBe('→\n→\n↑');
    expect(cells[8]).toBe('-\n-\n-');
  });
});
