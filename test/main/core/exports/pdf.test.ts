import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppendixModel } from '../../../../shared/domain/appendix';
import { appendixHeaders, appendixRowCells } from '../../../../shared/domain/appendix';
import { renderAppendixPdf, writeAppendixPdf } from '../../../../main/core/exports/pdf';
import { dejaVuFontFiles, textMetrics } from '../../../../main/core/exports/pdf-text';
import { writeExportFile } from '../../../../main/core/exports/write-file';
import { appendixModelFromTsv, longAppendixModel, longCommentAppendixModel } from '../../../fixtures/appendix-model';
import { appendixTsv } from '../../../shared-folder';

const TSV_PATH = appendixTsv();
const AUTHOR = 'A. Analyst';

let dir = '';
let tsvText = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'boardpack-pdf-'));
  tsvText = await readFile(TSV_PATH, 'utf8');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function save(model: AppendixModel, name: string, variant: 'standard' | 'compact' = 'standard'): Promise<{ path: string; pageCount: number }> {
  const rendered = await renderAppendixPdf(model, { author: AUTHOR, variant });
  expect(rendered.planHeld, 'pdfmake laid the pages out as planned').toBe(true);
  const path = join(dir, name);
  const written = await writeExportFile(path, rendered.buffer);
  expect(written.ok).toBe(true);
  return { path, pageCount: rendered.pageCount };
}

function pdftotext(path: string, mode: '-layout' | '-raw' | null): string[] {
  const args = [...(mode ? [mode] : []), '-enc', 'UTF-8', path, '-'];
  const text = execFileSync('pdftotext', args, { encoding: 'utf8' });
  const pages = text.split('\f');
  if (pages[pages.length - 1]?.trim() === '') pages.pop();
  return pages;
}

/** Whitespace removed: wrapping puts line breaks inside cells, which is not a difference in text. */
const squash = (text: string): string => text.replace(/\s+/g, '');

function pdfinfo(path: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Object.fromEntries(out.split('\n').filter((line) => line.includes(':')).map((line) => {
    const at = line.indexOf(':');
    return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
  }));
}

describe('pdf export of the published 2014/15 Q4 appendix', () => {
  it('contains every cell of the published table, in reading order', async () => {
    const model = appendixModelFromTsv(tsvText);
    const { path } = await save(model, 'tsv.pdf');
    const raw = squash(pdftotext(path, '-raw').join('\n'));
    const published = tsvText.split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => line.split('\t').map((cell) => cell.trim()));
    let at = 0;
    let found = 0;
    for (const cells of published) {
      for (const cell of cells) {
        if (cell === '') continue;
        const next = raw.indexOf(squash(cell), at);
        expect(next, `"${cell}" after position ${at}`).toBeGreaterThanOrEqual(0);
        at = next + squash(cell).length;
        found += 1;
      }
    }
    expect(found).toBe(published.flat().filter((cell) => cell !== '').length);
  });

  it('prints each indicator row on one line (layout text), cells in order, with the arrows', async () => {
    const model = appendixModelFromTsv(tsvText);
    const { path } = await save(model, 'tsv-layout.pdf');
    const lines = pdftotext(path, '-layout').join('\n').split('\n');
    let previousLine = -1;
    for (const block of model.outcomes) {
      for (const row of block.indicators) {
        const cells = appendixRowCells(block, row, false);
        const start = cells[3]?.split(' ').slice(0, 3).join(' ') ?? '';
        const index = lines.findIndex((line, i) => i > previousLine && line.includes(start));
        expect(index, `row "${row.name}"`).toBeGreaterThan(previousLine);
        const line = lines[index] ?? '';
        // first words of previous, latest, then arrow, progress, county, in this order on the line
        let from = line.indexOf(start) + start.length;
        for (const cell of cells.slice(4, 9)) {
          const token = cell.split(' ')[0] ?? '';
          if (token === '') continue;
          const found = line.indexOf(token, from);
          expect(found, `"${token}" in "${line}"`).toBeGreaterThanOrEqual(from);
          from = found + token.length;
        }
        previousLine = index;
      }
    }
    const text = lines.join('\n');
    expect(text.split('↑').length - 1).toBeGreaterThanOrEqual(3 + 1); // 3 rows + the key
    expect(text.split('↓').length - 1).toBeGreaterThanOrEqual(2 + 1);
    expect(text.split('→').length - 1).toBeGreaterThanOrEqual(7 + 1);
  });

  it('has the title, the key and "Page n of N" on every page, and the notes at the end', async () => {
    const model = appendixModelFromTsv(tsvText);
    const { path, pageCount } = await save(model, 'tsv-pages.pdf');
    const pages = pdftotext(path, null);
    expect(pages.length).toBe(pageCount);
    pages.forEach((page, i) => {
      expect(page).toContain(model.title);
      expect(page).toContain(`Page ${i + 1} of ${pageCount}`);
      for (const key of ['Key:', '↑ improving', '→ no significant change', '↓ worsening', 'Green: on track', 'Amber: some concern', 'Red: off track']) {
        expect(page, `page ${i + 1}`).toContain(key);
      }
    });
    const all = squash(pages.join('\n'));
    for (const note of [...model.footnotes, model.method, ...model.sources]) expect(all).toContain(squash(note));
    // the notes come after the table
    expect(all.indexOf(squash(model.method))).toBeGreaterThan(all.indexOf(squash('% of people stating that they feel that the police')));
  });

  it('is landscape A4 with embedded DejaVu fonts, a title and an author', async () => {
    const model = appendixModelFromTsv(tsvText);
    const { path } = await save(model, 'tsv-info.pdf');
    const info = pdfinfo(path);
    expect(info['Page size']).toMatch(/^841\.89 x 595\.28 pts \(A4\)/);
    expect(info['Title']).toBe(model.title);
    expect(info['Author']).toBe(AUTHOR);
    const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' }).split('\n').slice(2).filter((line) => line.trim() !== '');
    expect(fonts.some((line) => /\+DejaVuSans\s/.test(line))).toBe(true);
    expect(fonts.some((line) => /\+DejaVuSans-Bold\s/.test(line))).toBe(true);
    for (const line of fonts) expect(line, 'every font is embedded').toMatch(/\syes\s+yes\s+yes\s/);
  });

  it('writes the compact variant with the same text', async () => {
    const model = appendixModelFromTsv(tsvText);
    const { path } = await save(model, 'tsv-compact.pdf', 'compact');
    const raw = squash(pdftotext(path, '-raw').join('\n'));
    for (const block of model.outcomes) {
      expect(raw).toContain(squash(block.title));
      expect(raw).toContain(squash(block.comment));
      for (const row of block.indicators) expect(raw).toContain(squash(appendixRowCells(block, row, false).slice(3).join('')));
    }
  });

  it('returns a PDF buffer from writeAppendixPdf', async () => {
    const buffer = await writeAppendixPdf(appendixModelFromTsv(tsvText), { author: AUTHOR });
    expect(buffer.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

describe('pdf export of a large appendix', () => {
  const model = longAppendixModel(10, 200);
  let pages: string[] = [];
  let rawPages: string[] = [];
  let pageCount = 0;

  beforeAll(async () => {
    const saved = await save(model, 'long.pdf');
    pageCount = saved.pageCount;
    pages = pdftotext(saved.path, null);
    rawPages = pdftotext(saved.path, '-raw');
  });

  it('runs to several pages, each with the header row, the title, the key and its page number', () => {
    expect(pageCount).toBeGreaterThan(1);
    expect(pages.length).toBe(pageCount);
    pages.forEach((page, i) => {
      expect(page).toContain(model.title);
      expect(page).toContain(`Page ${i + 1} of ${pageCount}`);
      expect(page).toContain('Key:');
    });
    // the table's header row, all ten cells in order, is repeated on every page that has table rows
    const headerRow = squash(appendixHeaders(model).join(''));
    rawPages.forEach((page, i) => {
      if (/SC\d{3}/.test(page)) expect(squash(page), `page ${i + 1}`).toContain(headerRow);
    });
    expect(rawPages.filter((page) => /SC\d{3}/.test(page)).length).toBeGreaterThan(1);
  });

  it('never splits an indicator row: each name appears whole on exactly one page, with its values', () => {
    const squashedPages = pages.map(squash);
    for (const block of model.outcomes) {
      for (const row of block.indicators) {
        const name = squash(row.name);
        const onPages = squashedPages.map((page, i) => (page.includes(name) ? i : -1)).filter((i) => i >= 0);
        expect(onPages, row.name).toHaveLength(1);
        const page = squashedPages[onPages[0] ?? 0] ?? '';
        const from = page.indexOf(name);
        expect(page.indexOf(squash(row.latest.text), from), `${row.name}: latest value on the same page`).toBeGreaterThan(from);
      }
    }
  });

  it('repeats an outcome that continues onto a new page, marked "(continued)"', () => {
    const squashedPages = pages.map(squash);
    let continuations = 0;
    for (const block of model.outcomes) {
      const onPages = [...new Set(block.indicators.map((row) => squashedPages.findIndex((page) => page.includes(squash(row.name)))))].sort((a, b) => a - b);
      const [first, ...later] = onPages;
      expect(squashedPages[first ?? 0]).toContain(squash(block.title));
      for (const p of later) {
        const page = squashedPages[p] ?? '';
        expect(page, `"${block.title}" repeated on page ${p + 1}`).toContain(squash(block.title) + squash('(continued)'));
        continuations += 1;
      }
    }
    expect(continuations).toBeGreaterThan(0);
  });

  it('writes the compact variant as planned, with every indicator', async () => {
    const { path } = await save(model, 'long-compact.pdf', 'compact');
    const all = squash(pdftotext(path, null).join('\n'));
    for (const block of model.outcomes) for (const row of block.indicators) expect(all).toContain(squash(row.name));
  });
});

describe('pdf export of an outcome whose comment is longer than a page', () => {
  it('carries the comment on over the next pages, marked, with nothing lost', async () => {
    const model = longCommentAppendixModel();
    const block = model.outcomes[1];
    if (!block) throw new Error('fixture changed');
    expect(block.comment.split(' ').length).toBeGreaterThan(600);
    const { path, pageCount } = await save(model, 'long-comment.pdf');
    expect(pageCount).toBeGreaterThanOrEqual(3);
    const pages = pdftotext(path, '-raw');
    const pagesWithComment = pages.map((page, i) => (page.includes('(continued on next page)') ? i : -1)).filter((i) => i >= 0);
    expect(pagesWithComment.length).toBeGreaterThanOrEqual(1);
    for (const i of pagesWithComment) {
      expect(squash(pages[i + 1] ?? ''), `page ${i + 2} repeats the outcome`).toContain(squash(block.title) + squash('(continued)'));
    }
    // Read page by page, the comment is one unbroken run of text on each page, and the runs
    // put together make the whole comment.
    let rest = squash(block.comment);
    let pagesUsed = 0;
    for (const page of pages.map(squash)) {
      let low = 0;
      let high = rest.length;
      while (low < high) {
        const mid = Math.ceil((low + high) / 2);
        if (page.includes(rest.slice(0, mid))) low = mid;
        else high = mid - 1;
      }
      if (low > 0) pagesUsed += 1;
      rest = rest.slice(low);
    }
    expect(rest).toBe('');
    expect(pagesUsed).toBeGreaterThanOrEqual(2);
  });
});

describe('pdf export of unusual appendices', () => {
  it('prints an outcome with no indicators, and says so when there are no outcomes at all', async () => {
    const model = appendixModelFromTsv(tsvText);
    const bare = model.outcomes[1];
    if (!bare) throw new Error('fixture changed');
    bare.indicators = [];
    const { path } = await save(model, 'bare-outcome.pdf');
    const raw = squash(pdftotext(path, '-raw').join('\n'));
    expect(raw).toContain(squash(bare.title) + 'A' + squash(bare.comment));
    expect(raw).toContain(squash(model.outcomes[2]?.title ?? 'missing'));

    const empty = await save({ ...model, outcomes: [] }, 'empty.pdf');
    const text = squash(pdftotext(empty.path, null).join('\n'));
    expect(empty.pageCount).toBe(1);
    expect(text).toContain(squash(appendixHeaders(model).join('')));
    expect(text).toContain(squash('There are no outcomes or indicators in this appendix.'));
  });
});

describe('pdf export of text longer than a page', () => {
  it('loses nothing when a title or an indicator name is longer than a whole page', async () => {
    const model = appendixModelFromTsv(tsvText);
    const [first, , third] = model.outcomes;
    const row = first?.indicators[1];
    if (!third || !row) throw new Error('fixture changed');
    row.name = Array.from({ length: 400 }, (_, i) => `name${i}`).join(' ');
    third.title = Array.from({ length: 700 }, (_, i) => `title${i}`).join(' ');
    const { path } = await save(model, 'overlong.pdf');
    const words = pdftotext(path, '-raw').join('\n').split(/\s+/);
    const found = new Set(words);
    for (let i = 0; i < 400; i += 1) expect(found.has(`name${i}`), `name${i}`).toBe(true);
    for (let i = 0; i < 700; i += 1) expect(found.has(`title${i}`), `title${i}`).toBe(true);
  });
});

describe('pdf text measurement', () => {
  it('never makes a line wider than pdfkit (which pdfmake uses) measures it', () => {
    const files = dejaVuFontFiles();
    const metrics = textMetrics(files);
    const require = createRequire(import.meta.url);
    const PdfKit = createRequire(require.resolve('pdfmake'))('pdfkit') as new (options: { autoFirstPage: boolean }) => {
      font(src: string): { fontSize(size: number): { widthOfString(text: string): number } };
    };
    const doc = new PdfKit({ autoFirstPage: false });
    const texts = tsvText.split(/[\t\n]/).filter((text) => text.trim() !== '');
    for (const [face, file] of [['regular', files.regular], ['bold', files.bold]] as const) {
      for (const width of [40, 76, 120, 160]) {
        for (const text of texts) {
          for (const line of metrics.wrap(text, width, face, 7.5)) {
            const trueWidth = doc.font(file).fontSize(7.5).widthOfString(line);
            if ([...line].length > 1) expect(trueWidth, `"${line}" in ${width}pt ${face}`).toBeLessThanOrEqual(width + 1e-6);
          }
        }
      }
    }
  });

  it('keeps all the words when wrapping, and breaks a word only when it is wider than the line', () => {
    const metrics = textMetrics(dejaVuFontFiles());
    const text = 'Overall crime is lower than last year, but around the same level as the last couple of years.';
    const lines = metrics.wrap(text, 100, 'regular', 7.5);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(text);
    const long = metrics.wrap('Supercalifragilisticexpialidocious', 30, 'regular', 7.5);
    expect(long.length).toBeGreaterThan(1);
    expect(long.join('')).toBe('Supercalifragilisticexpialidocious');
    expect(metrics.wrap('one\ntwo', 200, 'regular', 7.5)).toEqual(['one', 'two']);
  });
});
