import { describe, expect, it } from 'vitest';
import type { Span } from '../../shared/domain/types';
import {
  addMonths,
  compareMonths,
  excelSerialMonth,
  financialYearLabel,
  financialYearOf,
  financialYearSlashLabel,
  financialYearSpan,
  formatMonthLong,
  formatSpanLabel,
  isMonth,
  isValidSpan,
  month,
  monthCount,
  monthNumberOf,
  monthsOf,
  parsePeriodLabel,
  parsePeriodValue,
  parseReportingPeriodName,
  previousTwelveMonths,
  quarterOf,
  quarterSpan,
  reportingPeriodName,
  rollingTwelveMonths,
  spanEquals,
  spanKind,
  yearOf,
} from '../../shared/domain/periods';

const span = (first: string, last: string): Span => ({ first, last });

function parsed(label: string): Span {
  const result = parsePeriodLabel(label);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function error(label: string): string {
  const result = parsePeriodLabel(label);
  if (result.ok) throw new Error(`'${label}' parsed as ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('months', () => {
  it('recognises YYYY-MM months only', () => {
    expect(isMonth('2015-03')).toBe(true);
    expect(isMonth('2015-12')).toBe(true);
    for (const bad of ['2015-13', '2015-00', '2015-3', '15-03', '2015-03-01', '2015/03', '', 'Mar 2015']) {
      expect(isMonth(bad), bad).toBe(false);
    }
  });

  it('builds months and refuses impossible ones', () => {
    expect(month(2015, 3)).toBe('2015-03');
    expect(month(2014, 12)).toBe('2014-12');
    expect(() => month(2015, 13)).toThrow(RangeError);
    expect(() => month(2015, 0)).toThrow(RangeError);
    expect(() => month(2015.5, 1)).toThrow(RangeError);
    expect(() => month(99, 1)).toThrow(RangeError);
  });

  it('adds months across year ends, both ways', () => {
    expect(addMonths('2015-03', 1)).toBe('2015-04');
    expect(addMonths('2014-12', 1)).toBe('2015-01');
    expect(addMonths('2015-01', -1)).toBe('2014-12');
    expect(addMonths('2015-03', -11)).toBe('2014-04');
    expect(addMonths('2015-03', 24)).toBe('2017-03');
    expect(addMonths('2015-03', 0)).toBe('2015-03');
    expect(() => addMonths('2015-03', 0.5)).toThrow(RangeError);
    expect(() => addMonths('March', 1)).toThrow(RangeError);
  });

  it('compares months as a sort comparator', () => {
    expect(compareMonths('2015-03', '2015-04')).toBeLessThan(0);
    expect(compareMonths('2015-03', '2015-03')).toBe(0);
    expect(compareMonths('2016-01', '2015-12')).toBeGreaterThan(0);
    expect(['2015-01', '2014-12', '2014-02'].sort(compareMonths)).toEqual(['2014-02', '2014-12', '2015-01']);
  });

  it('counts and lists the months of a span inclusively', () => {
    expect(monthCount(span('2014-04', '2015-03'))).toBe(12);
    expect(monthCount(span('2015-03', '2015-03'))).toBe(1);
    expect(monthCount(span('2015-04', '2015-03'))).toBe(0);
    expect(monthsOf(span('2014-11', '2015-02'))).toEqual(['2014-11', '2014-12', '2015-01', '2015-02']);
    expect(monthsOf(span('2015-04', '2015-03'))).toEqual([]);
  });

  it('checks and compares spans', () => {
    expect(isValidSpan(span('2014-04', '2015-03'))).toBe(true);
    expect(isValidSpan(span('2015-04', '2015-03'))).toBe(false);
    expect(isValidSpan(span('2015-4', '2015-05'))).toBe(false);
    expect(spanEquals(span('2014-04', '2015-03'), financialYearSpan(2014))).toBe(true);
    expect(spanEquals(span('2014-04', '2015-02'), financialYearSpan(2014))).toBe(false);
  });

  it('splits a month into its year and month number', () => {
    expect(yearOf('2015-03')).toBe(2015);
    expect(monthNumberOf('2015-03')).toBe(3);
    expect(() => yearOf('2015-3')).toThrow("'2015-3' is not a month; expected YYYY-MM");
  });

  it('formats a month the appendix way', () => {
    expect(formatMonthLong('2015-03')).toBe('Mar 2015');
    expect(formatMonthLong('2014-09')).toBe('Sep 2014');
  });
});

describe('financial years and quarters', () => {
  it('puts January to March in the financial year that began the April before', () => {
    expect(financialYearOf('2015-03')).toBe(2014);
    expect(financialYearOf('2015-01')).toBe(2014);
    expect(financialYearOf('2015-04')).toBe(2015);
    expect(financialYearOf('2014-12')).toBe(2014);
  });

  it('spans April to March', () => {
    expect(financialYearSpan(2014)).toEqual(span('2014-04', '2015-03'));
  });

  it('has Q1 = Apr-Jun through Q4 = Jan-Mar of the next calendar year', () => {
    expect(quarterSpan(2014, 1)).toEqual(span('2014-04', '2014-06'));
    expect(quarterSpan(2014, 2)).toEqual(span('2014-07', '2014-09'));
    expect(quarterSpan(2014, 3)).toEqual(span('2014-10', '2014-12'));
    expect(quarterSpan(2014, 4)).toEqual(span('2015-01', '2015-03'));
    expect(quarterOf('2015-03')).toBe(4);
    expect(quarterOf('2014-04')).toBe(1);
    expect(quarterOf('2014-09')).toBe(2);
    expect(quarterOf('2014-10')).toBe(3);
  });

  it('gives rolling and previous twelve months', () => {
    expect(rollingTwelveMonths('2015-03')).toEqual(span('2014-04', '2015-03'));
    expect(rollingTwelveMonths('2014-12')).toEqual(span('2014-01', '2014-12'));
    expect(previousTwelveMonths(span('2014-04', '2015-03'))).toEqual(span('2013-04', '2014-03'));
    expect(previousTwelveMonths(span('2014-10', '2015-09'))).toEqual(span('2013-10', '2014-09'));
  });

  it('labels financial years both ways, including the turn of a century', () => {
    expect(financialYearLabel(2014)).toBe('2014-15');
    expect(financialYearSlashLabel(2014)).toBe('2014/15');
    expect(financialYearLabel(1999)).toBe('1999-00');
    expect(financialYearSlashLabel(2009)).toBe('2009/10');
  });
});

describe('spanKind and formatSpanLabel', () => {
  const cases: Array<[Span, string, string]> = [
    [span('2014-04', '2015-03'), 'financial_year', '2014-15'],
    [span('2014-10', '2014-12'), 'quarter', 'Q3 2014-15'],
    [span('2015-01', '2015-03'), 'quarter', 'Q4 2014-15'],
    [span('2015-03', '2015-03'), 'month', 'Mar 2015'],
    [span('2014-07', '2015-06'), 'rolling_12', '12 months to Jun 2015'],
    [span('2014-01', '2014-12'), 'rolling_12', '12 months to Dec 2014'],
    [span('2014-04', '2014-12'), 'other', 'Apr-Dec 2014'],
    [span('2015-02', '2015-04'), 'other', 'Feb-Apr 2015'],
    [span('2013-10', '2015-09'), 'other', 'Oct 2013 - Sep 2015'],
    [span('2014-12', '2015-01'), 'other', 'Dec 2014 - Jan 2015'],
  ];
  it.each(cases)('%o is a %s labelled %s', (s, kind, label) => {
    expect(spanKind(s)).toBe(kind);
    expect(formatSpanLabel(s)).toBe(label);
  });

  it('prints a malformed span as its raw months rather than failing', () => {
    expect(formatSpanLabel(span('2015-04', '2015-03'))).toBe('2015-04 - 2015-03');
  });
});

describe('parsePeriodLabel', () => {
  const fy2014 = span('2014-04', '2015-03');
  const q3 = span('2014-10', '2014-12');
  const accepted: Array<[string, Span]> = [
    ['2014/15', fy2014],
    ['2014-15', fy2014],
    ['2014/2015', fy2014],
    ['2014-2015', fy2014],
    ['FY 2014/15', fy2014],
    ['fy2014-15', fy2014],
    ['Financial Year 2014/15', fy2014],
    ['2014–15', fy2014],
    ['1999/00', span('1999-04', '2000-03')],
    ['Q3 2014-15', q3],
    ['Q3 2014/15', q3],
    ['2014/15 Q3', q3],
    ['2014-15 Q3', q3],
    ['q3 2014/15', q3],
    ['Q3 FY 2014/15', q3],
    ['  Q3   2014 / 15 ', q3],
    ['Q4 2014-15', span('2015-01', '2015-03')],
    ['12 months to Mar 2015', fy2014],
    ['12 months to March 2015', fy2014],
    ['12 Months To MARCH 2015', fy2014],
    ['Rolling 12 months to Jun 2015', span('2014-07', '2015-06')],
    ['12 months ending Sep 2014', span('2013-10', '2014-09')],
    ['3 months to Mar 2015', span('2015-01', '2015-03')],
    ['Apr-Dec 2014', span('2014-04', '2014-12')],
    ['Apr - Dec 2014', span('2014-04', '2014-12')],
    ['April to December 2014', span('2014-04', '2014-12')],
    ['Oct 2013 - Sep 2014', span('2013-10', '2014-09')],
    ['Oct 2013 to Sep 2014', span('2013-10', '2014-09')],
    ['Oct 2013 – Sep 2014', span('2013-10', '2014-09')],
    ['oct 2013-sep 2014', span('2013-10', '2014-09')],
    ['2024-06', span('2024-06', '2024-06')],
    ['Mar-15', span('2015-03', '2015-03')],
    ['Mar 15', span('2015-03', '2015-03')],
    ['Mar-2015', span('2015-03', '2015-03')],
    ['Mar 2015', span('2015-03', '2015-03')],
    ['March 2015', span('2015-03', '2015-03')],
    ['MARCH 2015', span('2015-03', '2015-03')],
    ['Sept 2015', span('2015-09', '2015-09')],
    ['Dec-99', span('1999-12', '1999-12')],
    ['2015-03-01', span('2015-03', '2015-03')],
    ['2015-03-31T23:00:00Z', span('2015-03', '2015-03')],
    ['01/03/2015', span('2015-03', '2015-03')],
    ['03/2015', span('2015-03', '2015-03')],
    ['2014', span('2014-01', '2014-12')],
    ['Calendar year 2014', span('2014-01', '2014-12')],
  ];
  it.each(accepted)('reads %j', (label, expected) => {
    expect(parsed(label)).toEqual(expected);
  });

  it('reads "2011-12" as the financial year by default, or as December when told it is a month', () => {
    expect(parsed('2011-12')).toEqual(span('2011-04', '2012-03'));
    expect(parsePeriodLabel('2011-12', { yearDashTwoDigits: 'month' })).toEqual({
      ok: true,
      value: span('2011-12', '2011-12'),
    });
    // Unambiguous text ignores the preference.
    expect(parsePeriodLabel('2014-15', { yearDashTwoDigits: 'month' })).toEqual({ ok: true, value: fy2014 });
    expect(parsePeriodLabel('2011/12', { yearDashTwoDigits: 'month' })).toEqual({ ok: true, value: span('2011-04', '2012-03') });
  });

  it('says what was wrong and what to write instead', () => {
    expect(error('Q5 2014/15')).toBe("'Q5 2014/15' is not a quarter; use Q1 to Q4");
    expect(error('Q0 2014/15')).toBe("'Q0 2014/15' is not a quarter; use Q1 to Q4");
    expect(error('2014/16')).toBe("'2014/16' is not a financial year: the years must be consecutive, e.g. 2014/15");
    expect(error('2014-2016')).toContain('consecutive');
    expect(error('Q3 2014/16')).toContain('consecutive');
    expect(error('13/2014')).toBe("'13/2014' is not a month: 13 is not between 1 and 12");
    expect(error('')).toBe(
      'The period is empty; write e.g. 2014/15, Q3 2014/15, 12 months to Mar 2015, Apr-Dec 2014 or Mar 2015',
    );
    expect(error('   ')).toContain('empty');
    expect(error('Q3 2014')).toBe("'Q3 2014' does not say which financial year; write it as e.g. Q3 2014/15");
    expect(error('Q3')).toContain('which financial year');
    expect(error('Oct-Mar 2015')).toBe("'Oct-Mar 2015' ends before it starts; name both years, e.g. Oct 2014 - Mar 2015");
    expect(error('Sep 2014 - Oct 2013')).toContain('ends before it starts');
    expect(error('31/02/2015')).toBe("'31/02/2015' is not a date: Feb 2015 has no day 31");
    expect(error('2015-02-29')).toContain('no day 29');
    expect(error('2015-13-01')).toContain('13 is not a month');
    expect(error('0 months to Mar 2015')).toContain('covers no months');
    expect(error('0999/00')).toContain('Boardpack reads years 1900 to 2999');
    expect(error('Smarch 2015')).toContain('is not a period Boardpack recognises');
    expect(error('last year')).toBe(
      "'last year' is not a period Boardpack recognises; write e.g. 2014/15, Q3 2014/15, 12 months to Mar 2015, Apr-Dec 2014 or Mar 2015",
    );
  });

  it('accepts a leap day only in a leap year', () => {
    expect(parsed('2016-02-29')).toEqual(span('2016-02', '2016-02'));
    expect(parsed('29/02/2000')).toEqual(span('2000-02', '2000-02'));
  });

  it('gives back every span formatSpanLabel writes (round trip)', () => {
    const spans: Span[] = [];
    for (let fy = 1995; fy <= 2035; fy++) {
      spans.push(financialYearSpan(fy));
      for (const q of [1, 2, 3, 4] as const) spans.push(quarterSpan(fy, q));
    }
    for (let last = '1998-01'; last <= '2032-12'; last = addMonths(last, 1)) {
      spans.push(span(last, last), rollingTwelveMonths(last));
      for (const length of [2, 3, 5, 9, 11, 13, 18, 24, 27, 36]) spans.push(span(addMonths(last, 1 - length), last));
    }
    expect(spans.length).toBeGreaterThan(5000);
    for (const s of spans) {
      const label = formatSpanLabel(s);
      expect(parsePeriodLabel(label), `${JSON.stringify(s)} -> ${label}`).toEqual({ ok: true, value: s });
    }
  });
});

describe('parsePeriodValue', () => {
  const monthOf = (v: string | number | Date): string => {
    const result = parsePeriodValue(v);
    if (!result.ok) throw new Error(result.error);
    expect(result.value.first).toBe(result.value.last);
    return result.value.first;
  };

  it('reads Excel serials, including the fake 29 Feb 1900', () => {
    expect(monthOf(42064)).toBe('2015-03'); // 1 Mar 2015
    expect(monthOf(42094)).toBe('2015-03'); // 31 Mar 2015
    expect(monthOf(42095)).toBe('2015-04'); // 1 Apr 2015
    expect(monthOf(42064.75)).toBe('2015-03'); // a time of day does not move the month
    expect(monthOf(1)).toBe('1900-01');
    expect(monthOf(59)).toBe('1900-02'); // 28 Feb 1900
    expect(monthOf(60)).toBe('1900-02'); // 29 Feb 1900, which Excel counts but never was
    expect(monthOf(61)).toBe('1900-03'); // 1 Mar 1900
    expect(monthOf(45473)).toBe('2024-06'); // 30 Jun 2024
    expect(excelSerialMonth(31)).toEqual({ ok: true, value: '1900-01' });
    expect(excelSerialMonth(32)).toEqual({ ok: true, value: '1900-02' });
  });

  it('refuses numbers that are not Excel dates', () => {
    for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, 1e12]) {
      const result = parsePeriodValue(bad);
      expect(result.ok, String(bad)).toBe(false);
    }
    expect(parsePeriodValue(0)).toEqual({
      ok: false,
      error: '0 is not an Excel date; Excel dates are serial numbers from 1 (1 Jan 1900)',
    });
  });

  it('refuses a year typed into a number cell rather than reading it as a day in 1905', () => {
    expect(parsePeriodValue(2014)).toEqual({
      ok: false,
      error:
        "2014 looks like a year, not an Excel date; write the period as text, e.g. '2014' for the calendar year or '2014/15' for the financial year",
    });
    expect(parsePeriodValue(2014.5).ok).toBe(true);
  });

  it('reads Dates by their UTC month', () => {
    expect(monthOf(new Date(Date.UTC(2015, 2, 1)))).toBe('2015-03');
    expect(monthOf(new Date(Date.UTC(2015, 2, 31, 23, 59)))).toBe('2015-03');
    expect(monthOf(new Date(Date.UTC(2015, 3, 1, 0, 0)))).toBe('2015-04');
    expect(parsePeriodValue(new Date(Number.NaN)).ok).toBe(false);
    expect(parsePeriodValue(new Date(Date.UTC(1066, 9, 14))).ok).toBe(false);
  });

  it('reads text as parsePeriodLabel does', () => {
    expect(parsePeriodValue('Q3 2014/15')).toEqual(parsePeriodLabel('Q3 2014/15'));
    expect(parsePeriodValue('2011-12', { yearDashTwoDigits: 'month' })).toEqual({ ok: true, value: span('2011-12', '2011-12') });
    expect(parsePeriodValue('Q5 2014/15')).toEqual({ ok: false, error: "'Q5 2014/15' is not a quarter; use Q1 to Q4" });
  });
});

describe('reporting periods', () => {
  it.each(['2014/15 Q4', 'Q4 2014/15', '2014-15 Q4', 'q4 2014-15', ' 2014/15  q4 ', '2014/2015 Q4'])('reads %j', (name) => {
    expect(parseReportingPeriodName(name)).toEqual({
      ok: true,
      value: { fyStartYear: 2014, quarter: 4, lastMonth: '2015-03', name: '2014/15 Q4' },
    });
  });

  it('gives the last month of each quarter', () => {
    const lastMonths = [1, 2, 3, 4].map((q) => {
      const result = parseReportingPeriodName(`2014/15 Q${q}`);
      return result.ok ? result.value.lastMonth : result.error;
    });
    expect(lastMonths).toEqual(['2014-06', '2014-09', '2014-12', '2015-03']);
  });

  it('names periods and labels years', () => {
    expect(reportingPeriodName(2014, 4)).toBe('2014/15 Q4');
    expect(reportingPeriodName(2019, 1)).toBe('2019/20 Q1');
  });

  it('refuses what is not a financial year and quarter', () => {
    expect(parseReportingPeriodName('2014/15 Q5')).toEqual({ ok: false, error: "'2014/15 Q5' is not a quarter; use Q1 to Q4" });
    expect(parseReportingPeriodName('2014/16 Q4')).toEqual({
      ok: false,
      error: "'2014/16 Q4' is not a financial year: the years must be consecutive, e.g. 2014/15",
    });
    expect(parseReportingPeriodName('2014/15')).toEqual({
      ok: false,
      error: "'2014/15' is not a reporting period; write a financial year and quarter, e.g. 2014/15 Q4",
    });
    expect(parseReportingPeriodName('')).toEqual({
      ok: false,
      error: 'The reporting period is empty; write it as e.g. 2014/15 Q4',
    });
  });
});
