/**
 * The demo's appendix PDFs as a clerk prints them (issue 14): no word broken inside
 * ("Leicestershir / e"), and no page left almost blank (the 2014/15 Q4 notes once went alone onto
 * a second page). Checked on the word boxes pdftotext reads from the real files.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendixHeaders, appendixRowCells } from '../../../../shared/domain/appendix';
import { keyLine } from '../../../../main/core/exports/appendix-parts';
import { estimateLines } from '../../../../main/core/exports/xlsx-print';
import type { Handlers } from '../../../../main/core/app';
import { demoHandlers } from '../demo-support';

interface Word {
  page: number;
  text: string;
  yMin: number;
  yMax: number;
}

/** Every word pdftotext finds, with its page and vertical position (points from the top). */
function words(file: string): { words: Word[]; pageHeight: number; pages: number } {
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  const out: Word[] = [];
  let page = 0;
  let pageHeight = 0;
  for (const line of xml.split('\n')) {
    const p = /<page width="[\d.]+" height="([\d.]+)">/.exec(line);
    if (p) {
      page += 1;
      pageHeight = Number(p[1]);
      continue;
    }
    const w = /<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (w) out.push({ page, yMin: Number(w[1]), yMax: Number(w[2]), text: w[3]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'") });
  }
  return { words: out, pageHeight, pages: page };
}

let handlers: Handlers;
let dir: string;
beforeAll(async () => {
  ({ handlers } = await demoHandlers());
  dir = await mkdtemp(path.join(tmpdir(), 'boardpack-pdf-pages-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.each(['2014/15 Q4', '2024/25 Q3'])('the demo appendix PDF of %s', (period) => {
  it('breaks no word inside and leaves no page almost blank', async () => {
    const file = path.join(dir, `${period.replace('/', '-')}.pdf`);
    await handlers['export.appendix']({ period, format: 'pdf', path: file });
    const model = await handlers['dashboard.get']({ period });
    const { words: printed, pageHeight, pages } = words(file);

    // Every word the PDF holds is a whole word of the text it prints.
    const texts = [
      model.title,
      ...appendixHeaders(model),
      ...model.outcomes.flatMap((block) => block.indicators.flatMap((row, i) => appendixRowCells(block, row, i === 0))),
      ...model.outcomes.map((block) => `${block.title} ${block.comment}`),
      ...model.footnotes,
      model.method,
      ...model.sources,
      keyLine(),
      'Notes: Method: Sources: • (continued) (continued on next page) Page of',
    ];
    const whole = new Set(texts.join(' ').split(/\s+/).flatMap((t) => [t, t.replace(/[.;,:]+$/, ''), t.replace(/^Source:?$/, '')]));
    const broken = printed.map((w) => w.text).filter((t) => !whole.has(t) && !whole.has(t.replace(/[.;,:]+$/, '')) && !/^\d+$/.test(t));
    expect(broken).toEqual([]);
    // The word the District Comparison column once broke is printed whole wherever it appears.
    const leics = printed.filter((w) => w.text.startsWith('Leicester'));
    expect(leics.length).toBeGreaterThan(0);
    expect(leics.every((w) => ['Leicestershire', 'Leicester'].includes(w.text.replace(/[.;,:)]+$/, '')))).toBe(true);

    // Each page's body (under the title, above the key) is at least a quarter used.
    const bodyTop = 36;
    const bodyBottom = pageHeight - 40;
    for (let page = 1; page <= pages; page++) {
      const body = printed.filter((w) => w.page === page && w.yMin > bodyTop && w.yMax < bodyBottom);
      const lowest = Math.max(...body.map((w) => w.yMax));
      expect((lowest - bodyTop) / (bodyBottom - bodyTop), `page ${page} of ${pages}`).toBeGreaterThanOrEqual(0.25);
    }
  });
});

describe.each(['2014/15 Q4', '2024/25 Q3'])('the demo appendix Excel file of %s', (period) => {
  it('gives every column room for its longest word, so Excel wraps between words only', async () => {
    const file = path.join(dir, `${period.replace('/', '-')}.xlsx`);
    await handlers['export.appendix']({ period, format: 'xlsx', path: file });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0]!;
    const tooLong: string[] = [];
    sheet.eachRow((row) =>
      row.eachCell((cell, column) => {
        // Text cells of the table (numbers show through their number format; merged notes span the page).
        if (typeof cell.value !== 'string' || cell.isMerged) return;
        const width = sheet.getColumn(column).width ?? 10;
        for (const word of cell.value.split(/\s+/)) if (word && estimateLines(word, width) > 1) tooLong.push(`${cell.address} "${word}"`);
      }),
    );
    expect(tooLong).toEqual([]);
  });
});
