import { describe, expect, it } from 'vitest';
import {
  excelNumberFormat,
  formatIndicatorValue,
  formatNumber,
  parseDisplayedValue,
  roundHalfAwayFromZero,
} from '../../shared/domain/format';
import { demoRows } from './demo-appendix';

describe('formatNumber', () => {
  const cases: Array<[number, number, string]> = [
    [1259, 0, '1,259'],
    [1264, 0, '1,264'],
    [1.005, 2, '1.01'], // binary 1.00499999999999989... still reads as 1.005
    [2.675, 2, '2.68'], // toFixed gives 2.67
    [1.255, 2, '1.26'],
    [6.345, 2, '6.35'],
    [0.1 + 0.2, 2, '0.30'],
    [0.635 * 10, 2, '6.35'],
    [-0.004, 2, '0.00'], // never "-0.00"
    [-0.005, 2, '-0.01'], // half away from zero, also below zero
    [-1.005, 2, '-1.01'],
    [-0, 1, '0.0'],
    [0.5, 0, '1'],
    [1.5, 0, '2'],
    [2.5, 0, '3'], // not banker's rounding
    [-0.5, 0, '-1'],
    [-0.4, 0, '0'],
    [79, 1, '79.0'],
    [9.995, 2, '10.00'],
    [999.5, 0, '1,000'],
    [999999.95, 1, '1,000,000.0'],
    [1234567.891, 1, '1,234,567.9'],
    [-1234567.891, 2, '-1,234,567.89'],
    [1e-7, 2, '0.00'],
    [0.000051, 4, '0.0001'],
    [123, 3, '123.000'],
    [1e21, 0, '1,000,000,000,000,000,000,000'],
    [47.18, 2, '47.18'],
  ];
  it.each(cases)('%d to %d decimals is %s', (value, decimals, text) => {
    expect(formatNumber(value, decimals)).toBe(text);
  });

  it('shows a non-finite number rather than hiding it', () => {
    expect(formatNumber(Number.NaN, 2)).toBe('NaN');
    expect(formatNumber(Number.POSITIVE_INFINITY, 0)).toBe('Infinity');
  });

  it('refuses impossible decimals', () => {
    expect(() => formatNumber(1, -1)).toThrow(RangeError);
    expect(() => formatNumber(1, 1.5)).toThrow(RangeError);
    expect(() => formatNumber(1, 21)).toThrow(RangeError);
  });
});

describe('roundHalfAwayFromZero', () => {
  it('rounds as the reader sees, never to -0', () => {
    expect(roundHalfAwayFromZero(1.005, 2)).toBe(1.01);
    expect(roundHalfAwayFromZero(-1.005, 2)).toBe(-1.01);
    expect(Object.is(roundHalfAwayFromZero(-0.004, 2), 0)).toBe(true);
    expect(roundHalfAwayFromZero(1234.5, 0)).toBe(1235);
    expect(roundHalfAwayFromZero(6.349999, 2)).toBe(6.35);
    expect(roundHalfAwayFromZero(Number.NaN, 2)).toBeNaN();
  });
});

describe('formatIndicatorValue', () => {
  it('prints values as the published appendix does', () => {
    expect(formatIndicatorValue({ value: 1259, unit: 'count', decimals: 0, footnoteMarker: '*' })).toBe('1,259*');
    expect(formatIndicatorValue({ value: 55.4, unit: 'percent', decimals: 1, label: 'Q3 2014-15' })).toBe('55.4% (Q3 2014-15)');
    expect(formatIndicatorValue({ value: 79, unit: 'percent', decimals: 1 })).toBe('79.0%');
    expect(formatIndicatorValue({ value: 1, unit: 'ratio', decimals: 2, label: 'Apr-Dec 2014' })).toBe('1.00 (Apr-Dec 2014)');
    expect(formatIndicatorValue({ value: 6.35, unit: 'rate_per_1000', decimals: 2 })).toBe('6.35');
    expect(formatIndicatorValue({ value: 21, unit: 'percent', decimals: 0 })).toBe('21%');
  });

  it('prints missing values as NA (not available) or - (not applicable)', () => {
    expect(formatIndicatorValue({ value: null, unit: 'count', decimals: 0 })).toBe('NA');
    expect(formatIndicatorValue({ value: null, unit: 'count', decimals: 0, missing: '-' })).toBe('-');
    expect(formatIndicatorValue({ value: null, unit: 'count', decimals: 0, missing: 'NA', footnoteMarker: '*' })).toBe('NA*');
  });

  it('does not group thousands in percentages, matching the Excel format', () => {
    expect(formatIndicatorValue({ value: 1234.5, unit: 'percent', decimals: 1 })).toBe('1234.5%');
    expect(formatIndicatorValue({ value: 1234.5, unit: 'count', decimals: 1 })).toBe('1,234.5');
  });

  it('treats a blank label or marker as none', () => {
    expect(formatIndicatorValue({ value: 3.1, unit: 'rate_per_1000', decimals: 2, label: '', footnoteMarker: null })).toBe('3.10');
  });
});

describe('excelNumberFormat', () => {
  it('gives formats for each unit and number of decimals', () => {
    expect(excelNumberFormat('count', 0)).toBe('#,##0');
    expect(excelNumberFormat('rate_per_1000', 2)).toBe('#,##0.00');
    expect(excelNumberFormat('ratio', 2)).toBe('#,##0.00');
    expect(excelNumberFormat('percent', 1)).toBe('0.0"%"');
    expect(excelNumberFormat('percent', 0)).toBe('0"%"');
    expect(() => excelNumberFormat('count', -1)).toThrow(RangeError);
  });

  /**
   * A small renderer of the Excel format subset used here ("#,##0.00" and '0.0"%"'): Excel
   * rounds half away from zero at the format's decimals, groups thousands when the format has
   * "#,##", and prints a quoted literal as is.
   */
  function excelDisplay(value: number, format: string): string {
    const match = /^(#,##)?0(?:\.(0+))?("%")?$/.exec(format);
    if (!match) throw new Error(`unsupported format ${format}`);
    const decimals = match[2]?.length ?? 0;
    const rounded = roundHalfAwayFromZero(value, decimals);
    const [whole = '', fraction] = Math.abs(rounded).toFixed(decimals).split('.');
    const grouped = match[1] ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
    return `${rounded < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}${match[3] ? '%' : ''}`;
  }

  it('displays the rounded cell number exactly as formatIndicatorValue prints it', () => {
    const values = [0, 1, 1.005, 3.1, 6.345, 45.79, 55.4, 79, 99.95, 1259, 1234.5, 987654.321, -2.5, -0.004];
    for (const unit of ['count', 'rate_per_1000', 'ratio', 'percent'] as const) {
      for (const decimals of [0, 1, 2, 3]) {
        for (const value of values) {
          const cell = roundHalfAwayFromZero(value, decimals);
          expect(excelDisplay(cell, excelNumberFormat(unit, decimals)), `${value} ${unit} ${decimals}`).toBe(
            formatIndicatorValue({ value, unit, decimals }),
          );
        }
      }
    }
  });
});

describe('parseDisplayedValue', () => {
  it('reads the published cell styles', () => {
    expect(parseDisplayedValue('1,259*')).toEqual({
      ok: true,
      value: { value: 1259, missing: null, percent: false, decimals: 0, footnoteMarker: '*', label: null },
    });
    expect(parseDisplayedValue('55.4% (Q3 2014-15)')).toEqual({
      ok: true,
      value: { value: 55.4, missing: null, percent: true, decimals: 1, footnoteMarker: null, label: 'Q3 2014-15' },
    });
    expect(parseDisplayedValue('1.00 (Apr-Dec 2014)')).toEqual({
      ok: true,
      value: { value: 1, missing: null, percent: false, decimals: 2, footnoteMarker: null, label: 'Apr-Dec 2014' },
    });
    expect(parseDisplayedValue('79.0%')).toEqual({
      ok: true,
      value: { value: 79, missing: null, percent: true, decimals: 1, footnoteMarker: null, label: null },
    });
  });

  it('reads missing marks and blank cells', () => {
    expect(parseDisplayedValue('NA')).toEqual({
      ok: true,
      value: { value: null, missing: 'NA', percent: false, decimals: 0, footnoteMarker: null, label: null },
    });
    expect(parseDisplayedValue('n/a')).toMatchObject({ ok: true, value: { missing: 'NA' } });
    expect(parseDisplayedValue('-')).toEqual({
      ok: true,
      value: { value: null, missing: '-', percent: false, decimals: 0, footnoteMarker: null, label: null },
    });
    expect(parseDisplayedValue('–')).toMatchObject({ ok: true, value: { missing: '-' } });
    expect(parseDisplayedValue('')).toEqual({
      ok: true,
      value: { value: null, missing: null, percent: false, decimals: 0, footnoteMarker: null, label: null },
    });
    expect(parseDisplayedValue('  ')).toMatchObject({ ok: true, value: { value: null, missing: null } });
    expect(parseDisplayedValue('NA*')).toMatchObject({ ok: true, value: { missing: 'NA', footnoteMarker: '*' } });
  });

  it('reads negatives, other markers, and loose spacing', () => {
    expect(parseDisplayedValue('-3.50')).toMatchObject({ ok: true, value: { value: -3.5, decimals: 2 } });
    expect(parseDisplayedValue('−3.5')).toMatchObject({ ok: true, value: { value: -3.5 } });
    expect(parseDisplayedValue('-0.0')).toMatchObject({ ok: true, value: { value: 0 } });
    expect(parseDisplayedValue('12†')).toMatchObject({ ok: true, value: { value: 12, footnoteMarker: '†' } });
    expect(parseDisplayedValue('12**')).toMatchObject({ ok: true, value: { footnoteMarker: '**' } });
    expect(parseDisplayedValue('55.4 %  ( Q3 2014-15 )')).toMatchObject({
      ok: true,
      value: { value: 55.4, percent: true, label: 'Q3 2014-15' },
    });
    expect(parseDisplayedValue('1234567')).toMatchObject({ ok: true, value: { value: 1234567 } });
    expect(parseDisplayedValue('1,234,567.5')).toMatchObject({ ok: true, value: { value: 1234567.5, decimals: 1 } });
  });

  it('says clearly what it cannot read', () => {
    expect(parseDisplayedValue('abc')).toEqual({
      ok: false,
      error:
        "'abc' is not a value Boardpack can read; expected a number such as 1,259 or 55.4%, optionally with a footnote marker (*) and a period in brackets, or NA or -",
    });
    expect(parseDisplayedValue('1,25')).toEqual({
      ok: false,
      error: "'1,25' has a misplaced thousands separator; write e.g. 1,259 or 1.25",
    });
    expect(parseDisplayedValue('12,3456').ok).toBe(false);
    expect(parseDisplayedValue('5.5.5').ok).toBe(false);
    expect(parseDisplayedValue('55.4% (Q3').ok).toBe(false);
    expect(parseDisplayedValue('up 5%').ok).toBe(false);
  });

  it('gives back the same text for every value cell of the published appendix (round trip)', () => {
    const rows = demoRows();
    const cells = rows.flatMap((row) => [
      { text: row.previousText, unit: row.definition.unit },
      { text: row.latestText, unit: row.definition.unit },
    ]);
    expect(cells).toHaveLength(24);
    for (const { text, unit } of cells) {
      const result = parseDisplayedValue(text);
      if (!result.ok) throw new Error(result.error);
      const v = result.value;
      expect(v.percent, text).toBe(unit === 'percent');
      const again = formatIndicatorValue({
        value: v.value,
        unit: v.percent ? 'percent' : unit,
        decimals: v.decimals,
        footnoteMarker: v.footnoteMarker,
        label: v.label,
        missing: v.missing ?? undefined,
      });
      expect(again).toBe(text);
    }
  });
});
