/**
 * The agenda pack PDF: the appendix exactly as the appendix PDF prints it, then one page per
 * indicator with its trend (with statistical process control) and its district comparison as
 * the renderer drew them, its figures as a table and its outcome's comment. Every page has the
 * appendix's furniture: the title in the header, the key and "Page n of m" in the footer.
 *
 * The chart images come from the renderer (chart.js draws them); they are checked here to be
 * PNGs before anything is rendered.
 */
import type { Trend } from '../../../shared/api/types';
import type { AppendixIndicatorRow, AppendixModel, AppendixOutcomeBlock } from '../../../shared/domain/appendix';
import { formatNumber } from '../../../shared/domain/format';
import { assuranceIcon, mdcIconSvg, variationIcon } from '../../../shared/domain/mdcIcons';
import { formatMonthLong } from '../../../shared/domain/periods';
import { ASSURANCE_WORDS, DIRECTION_WORDS, NO_TARGET_SET, RAG_WORDS } from '../../../shared/domain/vocabulary';
import { suggestedFileName } from './filename';
import { PDF_BODY, renderAppendixPdf, type Content, type ContentObject } from './pdf';
import { loadPdfmake } from './pdfmake';
import { RAG_COLOURS, isRag } from './appendix-parts';
import { AnalystError } from '../errors';

export interface AgendaChart {
  indicatorId: number;
  /** base64 PNG (no data: prefix). */
  trendPng: string;
  districtPng?: string;
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height of a PNG from its header, or null if the bytes are not a PNG. */
export function pngSize(base64: string): { width: number; height: number } | null {
  const head = Buffer.from(base64.slice(0, 44), 'base64');
  if (head.length < 24 || !head.subarray(0, 8).equals(PNG_MAGIC) || head.subarray(12, 16).toString('latin1') !== 'IHDR') return null;
  const width = head.readUInt32BE(16);
  const height = head.readUInt32BE(20);
  return width > 0 && height > 0 ? { width, height } : null;
}

/**
 * Checks the charts sent for a pack: known indicators of the appendix, each at most once, each
 * image a PNG. Returns the problem in words, or null.
 */
export function checkAgendaCharts(model: AppendixModel, charts: readonly AgendaChart[]): string | null {
  const rows = new Map(model.outcomes.flatMap((o) => o.indicators).map((r) => [r.indicatorId, r]));
  const seen = new Set<number>();
  for (const chart of charts) {
    const row = rows.get(chart.indicatorId);
    if (!row) return `Indicator ${chart.indicatorId} is not in the ${model.periodName} appendix, so it has no page in the agenda pack.`;
    if (seen.has(chart.indicatorId)) return `The charts for "${row.name}" were sent twice.`;
    seen.add(chart.indicatorId);
    if (!pngSize(chart.trendPng)) return `The trend chart for "${row.name}" is not a PNG image (it does not start with the PNG signature).`;
    if (chart.districtPng !== undefined && !pngSize(chart.districtPng)) return `The district chart for "${row.name}" is not a PNG image (it does not start with the PNG signature).`;
  }
  return null;
}

const RULE = '#8C8C8C';
const LABEL_FILL = '#EEF2F7';
const LEFT = 468;
const GAP = 14;
const RIGHT = Math.floor(PDF_BODY.width - LEFT - GAP);

interface SpcSummary {
  lines: string[];
  /** The Making Data Count variation icon and, with a target, the assurance icon, as SVG. */
  icons: string[];
}

function spcSummary(t: Trend | null): SpcSummary | null {
  if (!t) return null;
  const last = t.points[t.points.length - 1];
  if (!last || t.points.length < 2) return null;
  const fmt = (v: number) => formatNumber(v, t.decimals);
  const variation = variationIcon(t.variation, last.side);
  return {
    lines: [
      `${t.area.name}, monthly, ${formatMonthLong(t.points[0]!.periodStart)} to ${formatMonthLong(last.periodEnd)} (${t.points.length} months): ${variation.label}.`,
      `Latest ${fmt(last.value)} (${formatMonthLong(last.periodEnd)}); mean ${fmt(last.mean)}; process limits ${fmt(last.lpl)} to ${fmt(last.upl)}${t.provisional ? ' (provisional: fewer than 12 points)' : ''}.`,
      t.target !== null ? `Target ${fmt(t.target)}: ${ASSURANCE_WORDS[t.assurance]}.` : NO_TARGET_SET,
    ],
    icons: [variation, assuranceIcon(t.assurance)].flatMap((icon) => (icon ? [mdcIconSvg(icon, 26, 'compact')] : [])),
  };
}

function figureRows(model: AppendixModel, row: AppendixIndicatorRow, spc: SpcSummary | null): Content[][] {
  const label = (text: string): ContentObject => ({ text, bold: true, fillColor: LABEL_FILL });
  const rag = row.progress.shown ?? '';
  const ragCell: ContentObject = isRag(rag)
    ? { text: [{ text: ` ${rag} `, bold: true, background: `#${RAG_COLOURS[rag].fill}`, color: `#${RAG_COLOURS[rag].text}` }, ` ${RAG_WORDS[rag]}. ${row.progress.reason}`] }
    : { text: row.progress.reason || '-' };
  const direction = row.direction.shown ? `${row.arrow} ${DIRECTION_WORDS[row.direction.shown]}. ${row.direction.reason}` : row.direction.reason || '-';
  const rows: Content[][] = [
    [label(model.previousHeader), { text: row.previous.text || '-', bold: true }],
    [label(model.latestHeader), { text: row.latest.text || '-', bold: true }],
    [label('Current Direction of Travel'), direction],
    [label('Progress'), ragCell],
    [label('County Comparison'), `${row.countyComparison.shown ?? '-'}${row.countyComparison.reason ? `. ${row.countyComparison.reason}` : ''}`],
    [label('District Comparison'), row.districtComparison || '-'],
  ];
  if (spc) {
    rows.push([
      label('Statistical process control'),
      { columns: [...spc.icons.map((svg): ContentObject => ({ svg, width: 26, height: 26 })), { text: spc.lines.join('\n'), width: '*' }], columnGap: 5 },
    ]);
  }
  if (row.footnotes.length > 0) rows.push([label('Notes'), row.footnotes.join('\n')]);
  return rows;
}

function chartOrNote(key: string | null, width: number, height: number, note: string): ContentObject {
  return key ? { image: key, fit: [width, height], alignment: 'center' } : { text: note, italics: true, color: '#595959', margin: [0, 20, 0, 20] };
}

function indicatorPage(
  model: AppendixModel,
  block: AppendixOutcomeBlock,
  row: AppendixIndicatorRow,
  chart: AgendaChart | undefined,
  spc: SpcSummary | null,
  images: Record<string, string>,
  /** Asked while pdfmake lays the page's table out (see PdfProgress.check). */
  check: () => void = () => undefined,
): ContentObject {
  let trendKey: string | null = null;
  let districtKey: string | null = null;
  if (chart) {
    trendKey = `trend-${row.indicatorId}`;
    images[trendKey] = `data:image/png;base64,${chart.trendPng}`;
    if (chart.districtPng) {
      districtKey = `district-${row.indicatorId}`;
      images[districtKey] = `data:image/png;base64,${chart.districtPng}`;
    }
  }
  const blockRag = block.rag ?? '';
  return {
    pageBreak: 'before',
    stack: [
      { text: block.title, fontSize: 8, color: '#595959' },
      { text: row.name, bold: true, fontSize: 13, margin: [0, 2, 0, 6] },
      {
        columns: [
          { width: LEFT, stack: [chartOrNote(trendKey, LEFT, 232, 'No monthly series to chart for this indicator.')] },
          { width: RIGHT, stack: [chartOrNote(districtKey, RIGHT, 232, 'No district comparison for this indicator.')] },
        ],
        columnGap: GAP,
      },
      {
        margin: [0, 8, 0, 0],
        columns: [
          {
            width: LEFT,
            table: { widths: [112, '*'], body: figureRows(model, row, spc), dontBreakRows: true },
            layout: {
              hLineWidth: () => {
                check();
                return 0.5;
              },
              vLineWidth: () => {
                check();
                return 0.5;
              },
              hLineColor: () => RULE,
              vLineColor: () => RULE,
              paddingLeft: () => 3,
              paddingRight: () => 3,
              paddingTop: () => 2,
              paddingBottom: () => 2,
            },
          },
          {
            width: RIGHT,
            stack: [
              {
                text: [
                  { text: 'Outcome: ', bold: true },
                  block.title,
                  ...(isRag(blockRag) ? ['  ', { text: ` ${blockRag} `, bold: true, background: `#${RAG_COLOURS[blockRag].fill}`, color: `#${RAG_COLOURS[blockRag].text}` }] : []),
                ],
                margin: [0, 0, 0, 3],
              },
              { text: 'Overall comment', bold: true, margin: [0, 2, 0, 2] },
              { text: block.comment.trim() || 'No comment for this outcome.', italics: block.comment.trim() === '' },
            ],
          },
        ],
        columnGap: GAP,
      },
    ],
  };
}

/**
 * How the agenda pack reports its progress and hears Cancel (a long job's controls, jobs/):
 * `report` is told each step; `throwIfCancelled` throws when the user pressed Cancel.
 */
export interface AgendaPackJob {
  report(step: { phase: 'preparing' | 'laying-out' | 'writing'; done?: number; total?: number; fraction?: number }): void;
  throwIfCancelled(): void;
}

const NO_JOB: AgendaPackJob = { report: () => undefined, throwIfCancelled: () => undefined };

/** What the pack is made from: the appendix, and each indicator's monthly trend (read as its page is prepared). */
export interface AgendaPackInput {
  model: AppendixModel;
  /** The indicator's monthly trend for the dashboard's area, with its SPC, up to the period's end; null when there is none. */
  trendOf(indicatorId: number): Trend | null;
}

/**
 * Builds the pack in three phases, each reported as it goes and each stopping at Cancel: the
 * indicators' pages prepared (their figures and SPC), one by one; the pages laid out (pdfmake
 * lays the whole document out in one go, then each page's footer, which is where it is counted
 * and can be stopped); the pages drawn into the file. Nothing is written here: the bytes come back.
 */
export async function renderAgendaPack(
  input: AgendaPackInput,
  charts: readonly AgendaChart[],
  options: { author: string; fontDir?: string; job?: AgendaPackJob },
): Promise<{ bytes: Buffer; fileName: string; pageCount: number; appendixPages: number }> {
  const job = options.job ?? NO_JOB;
  const model = input.model;
  const problem = checkAgendaCharts(model, charts);
  if (problem) throw new AgendaPackError(problem);
  const byIndicator = new Map(charts.map((c) => [c.indicatorId, c]));
  const images: Record<string, string> = {};
  const content: Content[] = [];
  const rows = model.outcomes.flatMap((block) => block.indicators.map((row) => ({ block, row })));
  // pdfmake asks the tables' layouts thousands of times while it lays the pages out: Cancel is
  // looked for there at most every 20 ms (it may mean reading the host's flag file).
  let lookedAt = 0;
  const check = () => {
    const now = performance.now();
    if (now - lookedAt < 20) return;
    lookedAt = now;
    job.throwIfCancelled();
  };
  job.report({ phase: 'preparing', done: 0, total: rows.length });
  for (const [i, { block, row }] of rows.entries()) {
    job.throwIfCancelled();
    content.push(indicatorPage(model, block, row, byIndicator.get(row.indicatorId), spcSummary(input.trendOf(row.indicatorId)), images, check));
    job.report({ phase: 'preparing', done: i + 1, total: rows.length });
  }
  job.throwIfCancelled();
  job.report({ phase: 'laying-out', done: 0, total: 0 });
  // The first PDF in a process loads pdfmake, a step of its own: Cancel is heard after it.
  loadPdfmake();
  job.throwIfCancelled();
  // Drawing reports a share per item drawn (thousands): told on, and Cancel checked, once per percent.
  let drawn = -1;
  const pdf = await renderAppendixPdf(model, {
    author: options.author,
    fontDir: options.fontDir,
    after: { content, images, subject: `Agenda pack: performance dashboard ${model.periodName}` },
    progress: {
      onPlanned: () => job.throwIfCancelled(),
      check,
      onPage: (page, pages) => {
        job.throwIfCancelled();
        job.report({ phase: 'laying-out', done: page, total: pages });
      },
      onDrawn: (fraction) => {
        const percent = Math.floor(fraction * 100);
        if (percent === drawn) return;
        drawn = percent;
        job.throwIfCancelled();
        job.report({ phase: 'writing', fraction });
      },
    },
  });
  return { bytes: pdf.buffer, fileName: suggestedFileName(`${model.title} agenda pack`, 'pdf'), pageCount: pdf.pageCount, appendixPages: pdf.pageCount - rows.length };
}

/** A problem with what was sent, in words for the user. */
export class AgendaPackError extends AnalystError {
  constructor(message: string) {
    super('invalid_arguments', message);
    this.name = 'AgendaPackError';
  }
}
