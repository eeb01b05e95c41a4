/** Copy and paste with Excel: its clipboard text read back cell for cell, and written as Excel writes it. */
import { describe, expect, it } from 'vitest';
import { parseTsv, toTsv } from '../../../../renderer/src/features/indicators/tsv';

describe('reading what Excel puts on the clipboard', () => {
  it('splits rows on CRLF, LF or CR and cells on tabs, ignoring the final line break', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseTsv('a\tb\nc\td')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseTsv('a\rb\r')).toEqual([['a'], ['b']]);
  });

  it('keeps empty cells, at the start, middle and end of a row', () => {
    expect(parseTsv('\t5\t\t\r\n')).toEqual([['', '5', '', '']]);
  });

  it('reads quoted cells holding a tab, a line break or doubled quotes as one cell', () => {
    const text = '"Blaby\tdistrict"\t"line one\r\nline two"\t"the ""provisional"" figure"\r\n12\t13\t14\r\n';
    expect(parseTsv(text)).toEqual([
      ['Blaby\tdistrict', 'line one\r\nline two', 'the "provisional" figure'],
      ['12', '13', '14'],
    ]);
  });

  it('leaves a quote inside an unquoted cell as it is', () => {
    expect(parseTsv('5" rain\t6\r\n')).toEqual([['5" rain', '6']]);
  });

  it('gives nothing for empty text', () => {
    expect(parseTsv('')).toEqual([]);
  });
});

describe('writing for Excel', () => {
  it('quotes only the cells that need it and ends every row with CRLF', () => {
    expect(toTsv([
      ['Area', 'Jan 2024'],
      ['Blaby', '1,204'],
      ['say "hi"', 'a\tb'],
    ])).toBe('Area\tJan 2024\r\nBlaby\t1,204\r\n"say ""hi"""\t"a\tb"\r\n');
  });

  it('what it writes reads back as the same cells', () => {
    const rows = [
      ['', 'x\r\ny', '"'],
      ['1.5', '', 'n/a'],
    ];
    expect(parseTsv(toTsv(rows))).toEqual(rows);
  });
});
