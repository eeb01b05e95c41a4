/**
 * pdfmake, set up the one safe way for every PDF Boardpack writes: DejaVu Sans (it has the
 * arrows), no URL fetched, and no local file read but the four font files. pdfmake is one
 * shared instance, so the fonts and policies are set again before every document.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { FontFiles } from './pdf-text';

const require = createRequire(import.meta.url);

/** The font name PDF documents use; pdfmake maps it to the DejaVu files. */
export const PDF_FONT = 'DejaVuSans';

interface PdfMakeApi {
  setFonts(fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  setProgressCallback(callback: ((fraction: number) => void) | undefined): void;
  createPdf(doc: object): { getBuffer(): Promise<Buffer> };
}

/**
 * Loads pdfmake (and pdfkit and fontkit under it): the first time in a process this takes a
 * while, so a long job loads it as a step of its own, and can stop between it and the layout.
 */
export function loadPdfmake(): PdfMakeApi {
  return require('pdfmake') as PdfMakeApi;
}

/**
 * Renders `doc` to PDF bytes. `onDrawn` is told, as pdfmake draws the laid-out pages into the
 * file, the share drawn (0 to 1); an error it throws stops the rendering (Cancel).
 */
export function renderPdf(doc: object, files: FontFiles, onDrawn?: (fraction: number) => void): Promise<Buffer> {
  const pdfmake = loadPdfmake();
  pdfmake.setFonts({ [PDF_FONT]: { normal: files.regular, bold: files.bold, italics: files.italic, bolditalics: files.boldItalic } });
  pdfmake.setUrlAccessPolicy(() => false);
  const allowed = new Set([files.regular, files.bold, files.italic, files.boldItalic].map((path) => resolve(path)));
  pdfmake.setLocalAccessPolicy((path) => typeof path === 'string' && allowed.has(resolve(path)));
  // createPdf takes the callback at once, so the next document's (or none) cannot replace it.
  pdfmake.setProgressCallback(onDrawn);
  try {
    return pdfmake.createPdf(doc).getBuffer();
  } finally {
    pdfmake.setProgressCallback(undefined);
  }
}

/** Safety margins (points taken off each page) tried in turn if pdfmake disagrees with a page plan. */
const SAFETY_MARGINS = [0, 8, 24, 60];

/**
 * Renders with a page plan, then again with more room per page while pdfmake's own layout put
 * a row on another page than planned: a measuring error costs white space, never a wrong page.
 */
export async function renderWithPlan<A extends { planHeld: boolean }>(render: (safety: number) => Promise<A>): Promise<A> {
  let attempt = await render(SAFETY_MARGINS[0]!);
  for (const safety of SAFETY_MARGINS.slice(1)) {
    if (attempt.planHeld) break;
    attempt = await render(safety);
  }
  return attempt;
}
