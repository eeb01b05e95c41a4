/**
 * Variation and assurance icons in the style of NHS England's "Making Data Count": which icon
 * a statistical process control verdict gets, its words, and its drawing as plain shapes (a
 * 100 × 100 box) that the screen (React SVG) and the agenda pack (an SVG string for pdfmake)
 * both draw, so they never differ.
 *
 * Our own drawings, not NHS England's artwork. Readable without colour: a special cause icon
 * carries H (high) or L (low); improvement is a filled circle, concern an open ring, neutral a
 * dashed ring, common cause an open grey ring with a flat wavy line; assurance icons carry P
 * (consistently pass), F (consistently fail) or ? (hit and miss). Every icon has its words.
 */
import type { Assurance, SpecialCause, Variation } from './spc';
import { ASSURANCE_LETTER_WORDS, ASSURANCE_WORDS, sentenceCase, variationCause, variationWords } from './vocabulary';

export const MDC_COLOURS = {
  improvement: '#2B6CB0',
  concern: '#E07B00',
  neutral: '#7B3FA0',
  common: '#8A8A8A',
} as const;

export type MdcLetter = 'H' | 'L' | 'P' | 'F' | '?';

export interface MdcIcon {
  kind: 'variation' | 'assurance';
  /** What the icon says, for its title and accessible name. */
  label: string;
  colour: string;
  /** Filled circle (improvement, pass), open ring, or dashed ring (neutral). */
  ring: 'filled' | 'open' | 'dashed';
  letter: MdcLetter | null;
  /** The cause the icon's last points show (variation icons): drawn in the chart's point shapes. */
  cause: SpecialCause;
  side: 'high' | 'low' | null;
}

/**
 * The variation icon for a verdict and the side of the latest point's special cause ('high':
 * above the mean or rising). A special cause without a side (it cannot happen with `spc()`)
 * gets no letter rather than a wrong one.
 */
export function variationIcon(variation: Variation, side: 'high' | 'low' | null): MdcIcon {
  const cause = variationCause(variation);
  const words = sentenceCase(variationWords(variation));
  if (cause === 'none') return { kind: 'variation', label: words, colour: MDC_COLOURS.common, ring: 'open', letter: null, cause, side: null };
  const letter = side === 'high' ? 'H' : side === 'low' ? 'L' : null;
  return {
    kind: 'variation',
    label: `${words}${side ? ` (${side})` : ''}`,
    colour: MDC_COLOURS[cause],
    ring: cause === 'improvement' ? 'filled' : cause === 'neutral' ? 'dashed' : 'open',
    letter,
    cause,
    side,
  };
}

/** The assurance icon, or null when there is no target (nothing to assure). */
export function assuranceIcon(assurance: Assurance): MdcIcon | null {
  if (assurance === 'none') return null;
  const label = `Assurance: ${ASSURANCE_WORDS[assurance]} (${ASSURANCE_LETTER_WORDS[assurance]})`;
  switch (assurance) {
    case 'consistently_pass':
      return { kind: 'assurance', label, colour: MDC_COLOURS.improvement, ring: 'filled', letter: 'P', cause: 'none', side: null };
    case 'consistently_fail':
      return { kind: 'assurance', label, colour: MDC_COLOURS.concern, ring: 'open', letter: 'F', cause: 'none', side: null };
    case 'hit_and_miss':
      return { kind: 'assurance', label, colour: MDC_COLOURS.common, ring: 'open', letter: '?', cause: 'none', side: null };
  }
}

// ---------------------------------------------------------------------------------------------
// Drawing
// ---------------------------------------------------------------------------------------------

export type MdcShape =
  | { type: 'circle'; cx: number; cy: number; r: number; fill: string; stroke: string | null; strokeWidth: number; dash: string | null }
  | { type: 'path'; d: string; fill: string; stroke: string | null; strokeWidth: number };

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Letters as strokes around (0, 0), 24 units high (-12 to 12), so they draw the same in any
 * font or none (the PDF's SVG has no fonts to offer). Each entry: a path with M, L, H, V and A.
 */
const LETTERS: Record<MdcLetter, { strokes: string; dot?: [number, number] }> = {
  H: { strokes: 'M -8 -12 L -8 12 M 8 -12 L 8 12 M -8 0 L 8 0' },
  L: { strokes: 'M -6 -12 L -6 12 L 8 12' },
  P: { strokes: 'M -6 12 L -6 -12 L 1 -12 A 6.5 6.5 0 0 1 1 1 L -6 1' },
  F: { strokes: 'M -6 12 L -6 -12 L 8 -12 M -6 -1 L 5 -1' },
  '?': { strokes: 'M -6.5 -6 A 6.5 6.5 0 1 1 3.25 -0.37 L 0 2.5 L 0 5.5', dot: [0, 11] },
};

/** Scales and moves a letter's path: numbers come in pairs of x, y, except the arc's flags. */
function placeLetter(strokes: string, cx: number, cy: number, scale: number): string {
  const tokens = strokes.split(/\s+/);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const command = tokens[i++]!;
    out.push(command);
    const take = () => Number(tokens[i++]);
    if (command === 'M' || command === 'L') out.push(String(round(cx + take() * scale)), String(round(cy + take() * scale)));
    else if (command === 'H') out.push(String(round(cx + take() * scale)));
    else if (command === 'V') out.push(String(round(cy + take() * scale)));
    else if (command === 'A') {
      out.push(String(round(take() * scale)), String(round(take() * scale)), String(take()), String(take()), String(take()));
      out.push(String(round(cx + take() * scale)), String(round(cy + take() * scale)));
    } else throw new Error(`Unknown path command ${command}`);
  }
  return out.join(' ');
}

/** A point marker in the chart's shapes: triangle improvement, diamond concern, square neutral, circle common. */
function marker(cause: SpecialCause, x: number, y: number, r: number, fill: string): MdcShape {
  const p = (points: Array<[number, number]>) => `M ${points.map(([a, b]) => `${round(a)} ${round(b)}`).join(' L ')} Z`;
  switch (cause) {
    case 'improvement':
      return { type: 'path', d: p([[x, y - r * 1.25], [x + r * 1.2, y + r * 0.85], [x - r * 1.2, y + r * 0.85]]), fill, stroke: null, strokeWidth: 0 };
    case 'concern':
      return { type: 'path', d: p([[x, y - r * 1.3], [x + r * 1.3, y], [x, y + r * 1.3], [x - r * 1.3, y]]), fill, stroke: null, strokeWidth: 0 };
    case 'neutral':
      return { type: 'path', d: p([[x - r, y - r], [x + r, y - r], [x + r, y + r], [x - r, y + r]]), fill, stroke: null, strokeWidth: 0 };
    case 'none':
      return { type: 'circle', cx: x, cy: y, r, fill, stroke: null, strokeWidth: 0, dash: null };
  }
}

/**
 * The icon as shapes in a 100 × 100 box. `detail: 'full'` (about 32 px and up) draws a small
 * series of points under the letter, the last ones in the special cause's shape; 'compact'
 * (a table row) draws the ring and a larger letter only.
 */
export function mdcIconShapes(icon: MdcIcon, detail: 'full' | 'compact' = 'full'): MdcShape[] {
  const filled = icon.ring === 'filled';
  const ink = filled ? '#FFFFFF' : icon.colour;
  const shapes: MdcShape[] = [
    {
      type: 'circle',
      cx: 50,
      cy: 50,
      r: 44,
      fill: filled ? icon.colour : '#FFFFFF',
      stroke: icon.colour,
      strokeWidth: detail === 'compact' ? 9 : 7,
      dash: icon.ring === 'dashed' ? '14 7' : null,
    },
  ];
  const letterAt = (cy: number, scale: number) => {
    if (!icon.letter) return;
    const letter = LETTERS[icon.letter];
    shapes.push({ type: 'path', d: placeLetter(letter.strokes, 50, cy, scale), fill: 'none', stroke: ink, strokeWidth: 4.2 * scale });
    if (letter.dot) shapes.push({ type: 'circle', cx: round(50 + letter.dot[0] * scale), cy: round(cy + letter.dot[1] * scale), r: round(2.4 * scale), fill: ink, stroke: null, strokeWidth: 0, dash: null });
  };

  if (icon.kind === 'assurance') {
    letterAt(50, detail === 'compact' ? 1.75 : 1.45);
    return shapes;
  }
  const grey = filled ? '#D9E4F2' : MDC_COLOURS.common;
  if (icon.cause === 'none') {
    // A flat, wobbling line of points: nothing special going on.
    const ys = [56, 46, 58, 48, 57, 45, 55];
    const xs = ys.map((_, i) => 20 + i * 10);
    shapes.push({ type: 'path', d: `M ${xs.map((x, i) => `${x} ${ys[i]}`).join(' L ')}`, fill: 'none', stroke: MDC_COLOURS.common, strokeWidth: detail === 'compact' ? 7 : 3.5 });
    if (detail === 'full') xs.forEach((x, i) => shapes.push(marker('none', x, ys[i]!, 4, MDC_COLOURS.common)));
    return shapes;
  }
  if (detail === 'compact') {
    letterAt(50, 1.6);
    return shapes;
  }
  letterAt(32, 0.95);
  // Seven points: four ordinary, then three moving high (up) or low (down) in the cause's shape.
  const high = icon.side !== 'low';
  const ys = high ? [74, 70, 75, 71, 64, 58, 52] : [56, 60, 55, 59, 66, 72, 78];
  const xs = ys.map((_, i) => 21 + i * 9.7);
  shapes.push({ type: 'path', d: `M ${xs.map((x, i) => `${round(x)} ${ys[i]}`).join(' L ')}`, fill: 'none', stroke: grey, strokeWidth: 2.5 });
  xs.forEach((x, i) => shapes.push(i < 4 ? marker('none', x, ys[i]!, 3.6, grey) : marker(icon.cause, x, ys[i]!, 4.2, ink)));
  return shapes;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The icon as a standalone SVG document (for the PDF), `size` points square, its words as the title. */
export function mdcIconSvg(icon: MdcIcon, size: number, detail: 'full' | 'compact' = 'full'): string {
  const body = mdcIconShapes(icon, detail)
    .map((s) =>
      s.type === 'circle'
        ? `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${s.fill}"${s.stroke ? ` stroke="${s.stroke}" stroke-width="${s.strokeWidth}"` : ''}${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`
        : `<path d="${s.d}" fill="${s.fill}"${s.stroke ? ` stroke="${s.stroke}" stroke-width="${round(s.strokeWidth)}" stroke-linecap="round" stroke-linejoin="round"` : ''}/>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100"><title>${escapeXml(icon.label)}</title>${body}</svg>`;
}
