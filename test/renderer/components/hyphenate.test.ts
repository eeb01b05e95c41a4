import { describe, expect, it } from 'vitest';
import { hyphenate, SOFT_HYPHEN, withoutSoftHyphens } from '../../../renderer/src/components/hyphenate';

/** Soft hyphens shown as "-" to read the break points. */
const shown = (text: string) => hyphenate(text).replaceAll(SOFT_HYPHEN, '-');

describe('hyphenate (British English, soft hyphens)', () => {
  it('marks where the appendix headers\' long words may break', () => {
    expect(shown('County Comparison')).toBe('County Com-par-ison');
    expect(shown('District Comparison')).toBe('Dis-trict Com-par-ison');
    expect(shown('Overall Progress RAG')).toBe('Over-all Pro-gress RAG');
    expect(shown('Leicestershire')).toBe('Leicester-shire');
    expect(shown('Performance Direction')).toBe('Per-form-ance Dir-ec-tion');
  });

  it('leaves at least two letters before a break and three after it', () => {
    for (const word of ['Comparison', 'Leicestershire', 'Hinckley and Bosworth', 'Oadby and Wigston', 'behaviour', 'Judgement', 'previously']) {
      for (const piece of hyphenate(word).split(/\s+/)) {
        const parts = piece.split(SOFT_HYPHEN);
        if (parts.length === 1) continue;
        expect(parts[0]!.length, piece).toBeGreaterThanOrEqual(2);
        expect(parts.at(-1)!.length, piece).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('never breaks short words, numbers, codes or addresses, and changes no visible character', () => {
    for (const text of ['edited', 'RAG', 'Trend', '2014-15', 'E07000129', '1.00 (Apr-Dec 2014)', 'https://data.police.uk', '55.4% (Q3 2014-15)']) {
      expect(hyphenate(text)).toBe(text);
    }
    const long = 'Anti-social behaviour incidents per 1,000 population (Leicestershire County Council)';
    expect(withoutSoftHyphens(hyphenate(long))).toBe(long);
    expect(hyphenate(long)).not.toBe(long);
  });

  it('does not add a second soft hyphen to text that already has them', () => {
    expect(hyphenate(hyphenate('County Comparison'))).toBe(hyphenate('County Comparison'));
  });
});
