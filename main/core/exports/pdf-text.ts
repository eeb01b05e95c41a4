/**
 * Text measurement for the PDF page plan, with the same fonts pdfmake embeds.
 *
 * The PDF exporter breaks every cell's text into lines itself and hands pdfmake the lines, so it
 * knows each row's height before pdfmake lays the page out, and can decide where pages break
 * (and repeat an outcome marked "(continued)" there). Widths are the sum of each character's
 * advance width: without kerning that is never narrower than what pdfmake measures (checked on
 * the published table), so a line measured to fit always fits, and pdfmake never re-wraps it.
 */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

export type Face = 'regular' | 'bold' | 'italic';

export interface FontFiles {
  regular: string;
  bold: string;
  italic: string;
  boldItalic: string;
}

/** DejaVu Sans from the dejavu-fonts-ttf package: it has ↑ → ↓ (pdfmake's Roboto does not). */
export function dejaVuFontFiles(fontDir?: string): FontFiles {
  const dir = fontDir ?? join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return {
    regular: resolve(dir, 'DejaVuSans.ttf'),
    bold: resolve(dir, 'DejaVuSans-Bold.ttf'),
    italic: resolve(dir, 'DejaVuSans-Oblique.ttf'),
    boldItalic: resolve(dir, 'DejaVuSans-BoldOblique.ttf'),
  };
}

/** The part of pdfkit's document this module uses (pdfkit ships no types). */
interface PdfKitMeasurer {
  font(src: string): PdfKitMeasurer;
  fontSize(size: number): PdfKitMeasurer;
  widthOfString(text: string): number;
  currentLineHeight(includeGap?: boolean): number;
}
type PdfKitConstructor = new (options: { autoFirstPage: boolean }) => PdfKitMeasurer;

/** The part of fontkit (pdfkit's font engine) this module uses: a font's metrics, in its own units. */
interface FontKit {
  openSync(file: string): { ascent: number; unitsPerEm: number };
}

/** pdfkit is pdfmake's own dependency: load the copy pdfmake uses, wherever npm put it. */
function loadPdfKit(): PdfKitConstructor {
  const fromPdfMake = createRequire(require.resolve('pdfmake'));
  return fromPdfMake('pdfkit') as PdfKitConstructor;
}

const UNIT = 1000;

export class TextMetrics {
  private readonly doc: PdfKitMeasurer;
  private readonly files: Record<Face, string>;
  private readonly advance: Record<Face, Map<string, number>> = { regular: new Map(), bold: new Map(), italic: new Map() };
  private readonly lineHeightPerPoint: number;
  private readonly ascentPerPoint: number;

  constructor(files: FontFiles) {
    const PdfKit = loadPdfKit();
    this.doc = new PdfKit({ autoFirstPage: false });
    this.files = { regular: files.regular, bold: files.bold, italic: files.italic };
    this.lineHeightPerPoint = this.doc.font(files.regular).fontSize(UNIT).currentLineHeight(false) / UNIT;
    // pdfkit places text by the font's ascent: the font file's own, over its units per em.
    const regular = (require('fontkit') as FontKit).openSync(files.regular);
    this.ascentPerPoint = regular.ascent / regular.unitsPerEm;
  }

  /** Height of the font's ascender above the baseline at `size`. */
  ascent(size: number): number {
    return this.ascentPerPoint * size;
  }

  /** pdfmake's line height: the font's ascender to descender, times the size. */
  lineHeight(size: number): number {
    return this.lineHeightPerPoint * size;
  }

  width(text: string, face: Face, size: number): number {
    const cache = this.advance[face];
    let total = 0;
    for (const ch of text) {
      let w = cache.get(ch);
      if (w === undefined) {
        w = this.doc.font(this.files[face]).fontSize(UNIT).widthOfString(ch);
        cache.set(ch, w);
      }
      total += w;
    }
    return (total * size) / UNIT;
  }

  /**
   * Break `text` into lines no wider than `maxWidth`: at spaces, and inside a word only when the
   * word alone is wider than the line. Line breaks in the text are kept.
   */
  wrap(text: string, maxWidth: number, face: Face, size: number): string[] {
    const lines: string[] = [];
    const space = this.width(' ', face, size);
    for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
      let line = '';
      let lineWidth = 0;
      for (const word of paragraph.split(' ')) {
        const wordWidth = this.width(word, face, size);
        if (line !== '' && lineWidth + space + wordWidth <= maxWidth) {
          line += ` ${word}`;
          lineWidth += space + wordWidth;
          continue;
        }
        if (line !== '') lines.push(line);
        let rest = word;
        let restWidth = wordWidth;
        while (restWidth > maxWidth && [...rest].length > 1) {
          const chars = [...rest];
          let cut = 1;
          while (cut < chars.length && this.width(chars.slice(0, cut + 1).join(''), face, size) <= maxWidth) cut += 1;
          lines.push(chars.slice(0, cut).join(''));
          rest = chars.slice(cut).join('');
          restWidth = this.width(rest, face, size);
        }
        line = rest;
        lineWidth = restWidth;
      }
      lines.push(line);
    }
    return lines;
  }
}

let shared: { key: string; metrics: TextMetrics } | null = null;

/** Font metrics are read once per font folder (parsing the fonts takes a few tens of ms). */
export function textMetrics(files: FontFiles): TextMetrics {
  const key = files.regular;
  if (!shared || shared.key !== key) shared = { key, metrics: new TextMetrics(files) };
  return shared.metrics;
}
