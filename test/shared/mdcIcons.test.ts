/**
 * Which Making Data Count icon each SPC verdict gets, its words, and that its drawing carries
 * the meaning without colour (letters, ring style, point shapes).
 */
import { describe, expect, it } from 'vitest';
import { assuranceIcon, MDC_COLOURS, mdcIconShapes, mdcIconSvg, variationIcon } from '../../shared/domain/mdcIcons';
import { spc } from '../../shared/domain/spc';

const alternating = (n: number, low: number, high: number) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? low : high));

describe('variation icon for a verdict', () => {
  it('common cause: grey open ring, no letter', () => {
    const icon = variationIcon('common_cause', null);
    expect(icon).toMatchObject({ label: 'Common cause variation', colour: MDC_COLOURS.common, ring: 'open', letter: null, cause: 'none' });
    // A stray side is ignored: common cause has no direction.
    expect(variationIcon('common_cause', 'high').letter).toBeNull();
  });

  it.each([
    ['special_cause_improvement', 'high', 'Special cause variation: improvement (high)', 'H', MDC_COLOURS.improvement, 'filled'],
    ['special_cause_improvement', 'low', 'Special cause variation: improvement (low)', 'L', MDC_COLOURS.improvement, 'filled'],
    ['special_cause_concern', 'high', 'Special cause variation: concern (high)', 'H', MDC_COLOURS.concern, 'open'],
    ['special_cause_concern', 'low', 'Special cause variation: concern (low)', 'L', MDC_COLOURS.concern, 'open'],
    ['special_cause_neutral', 'high', 'Special cause variation: neither better nor worse (high)', 'H', MDC_COLOURS.neutral, 'dashed'],
    ['special_cause_neutral', 'low', 'Special cause variation: neither better nor worse (low)', 'L', MDC_COLOURS.neutral, 'dashed'],
  ] as const)('%s, %s: "%s", letter %s', (variation, side, label, letter, colour, ring) => {
    expect(variationIcon(variation, side)).toMatchObject({ label, letter, colour, ring, side });
  });

  it('a special cause without a side gets no letter rather than a wrong one', () => {
    expect(variationIcon('special_cause_concern', null)).toMatchObject({ label: 'Special cause variation: concern', letter: null });
  });
});

describe('assurance icon for a verdict', () => {
  it('P pass (blue, filled), F fail (orange, open), ? hit and miss (grey), none without a target', () => {
    expect(assuranceIcon('consistently_pass')).toMatchObject({ letter: 'P', colour: MDC_COLOURS.improvement, ring: 'filled', label: 'Assurance: the target will consistently be met (pass)' });
    expect(assuranceIcon('consistently_fail')).toMatchObject({ letter: 'F', colour: MDC_COLOURS.concern, ring: 'open', label: 'Assurance: the target will consistently be missed unless the process changes (fail)' });
    expect(assuranceIcon('hit_and_miss')).toMatchObject({ letter: '?', colour: MDC_COLOURS.common, ring: 'open' });
    expect(assuranceIcon('none')).toBeNull();
  });
});

describe('from a hand-worked series to its icons', () => {
  // 8, 12 alternating for 11 points, then 40. Mean 148 / 12 = 12.33; moving ranges ten 4s and
  // one 32, mean 72 / 11 = 6.545; limits 12.33 +/- 2.66 x 6.545 = -5.08 to 29.74: 40 is beyond.
  const values = [...alternating(11, 8, 12), 40];

  it('lower is better: the last point high beyond the limit is concern (high), an orange H', () => {
    const result = spc(values.map((value) => ({ value })), { polarity: 'lower', target: 5 });
    const last = result.points[result.points.length - 1]!;
    expect(last.rules).toEqual(['outside_limits']);
    const icon = variationIcon(result.variation, last.side);
    expect(icon.label).toBe('Special cause variation: concern (high)');
    expect(icon.letter).toBe('H');
    expect(last.upl).toBeCloseTo(148 / 12 + 2.66 * (72 / 11), 9);
    // Target 5 lies between the limits: hit and miss.
    expect(assuranceIcon(result.assurance)?.letter).toBe('?');
  });

  it('higher is better: the same series is improvement (high); a target below the lower limit (-5.08) is consistently met', () => {
    const result = spc(values.map((value) => ({ value })), { polarity: 'higher', target: -10 });
    const last = result.points[result.points.length - 1]!;
    expect(variationIcon(result.variation, last.side).label).toBe('Special cause variation: improvement (high)');
    expect(assuranceIcon(result.assurance)?.label).toBe('Assurance: the target will consistently be met (pass)');
  });

  it('no polarity: neutral, a dashed purple ring', () => {
    const result = spc(values.map((value) => ({ value })), { polarity: 'none' });
    const icon = variationIcon(result.variation, result.points[11]!.side);
    expect(icon).toMatchObject({ label: 'Special cause variation: neither better nor worse (high)', ring: 'dashed', colour: MDC_COLOURS.neutral });
  });
});

describe('drawing', () => {
  it('draws the letter as strokes inside the ring, in white on a filled circle and in colour on an open one', () => {
    const filled = mdcIconShapes(variationIcon('special_cause_improvement', 'low'));
    expect(filled[0]).toMatchObject({ type: 'circle', fill: MDC_COLOURS.improvement, stroke: MDC_COLOURS.improvement });
    const letter = filled[1]!;
    expect(letter).toMatchObject({ type: 'path', stroke: '#FFFFFF', fill: 'none' });
    const open = mdcIconShapes(variationIcon('special_cause_concern', 'high'));
    expect(open[0]).toMatchObject({ fill: '#FFFFFF', stroke: MDC_COLOURS.concern, dash: null });
    expect(open[1]).toMatchObject({ type: 'path', stroke: MDC_COLOURS.concern });
    // Every coordinate of every shape lies in the 100 x 100 box.
    for (const shape of [...filled, ...open]) {
      const numbers = shape.type === 'path' ? shape.d.split(' ').filter((t) => /^-?[\d.]+$/.test(t)).map(Number) : [shape.cx - shape.r, shape.cx + shape.r, shape.cy - shape.r, shape.cy + shape.r];
      for (const n of numbers) {
        expect(n).toBeGreaterThanOrEqual(0);
        expect(n).toBeLessThanOrEqual(100);
      }
    }
  });

  it('H and L differ in their strokes; improvement points are triangles, concern points diamonds (greyscale)', () => {
    const h = mdcIconShapes(variationIcon('special_cause_concern', 'high'));
    const l = mdcIconShapes(variationIcon('special_cause_concern', 'low'));
    expect((h[1] as { d: string }).d).not.toBe((l[1] as { d: string }).d);
    const corners = (shapes: ReturnType<typeof mdcIconShapes>) => shapes.slice(-1).map((s) => (s.type === 'path' ? s.d.split('L').length : 0))[0];
    expect(corners(mdcIconShapes(variationIcon('special_cause_improvement', 'high')))).toBe(3);
    expect(corners(h)).toBe(4);
  });

  it('compact icons keep the ring and the letter, without the small points', () => {
    const compact = mdcIconShapes(variationIcon('special_cause_concern', 'high'), 'compact');
    expect(compact).toHaveLength(2);
    expect(mdcIconShapes(assuranceIcon('hit_and_miss')!, 'compact').map((s) => s.type)).toEqual(['circle', 'path', 'circle']);
  });

  it('as an SVG document: sized, titled with its words, escaped', () => {
    const svg = mdcIconSvg(variationIcon('special_cause_neutral', 'low'), 28);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="28" height="28" viewBox="0 0 100 100"><title>Special cause variation: neither better nor worse \(low\)<\/title><circle /);
    expect(svg).toContain('stroke-dasharray="14 7"');
    expect(svg.endsWith('</svg>')).toBe(true);
  });
});
