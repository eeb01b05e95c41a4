/**
 * The agenda pack's Making Data Count icons: each indicator page with a monthly series states
 * its variation verdict with the side, and draws the icon beside it (checked on the rendered
 * page: the improvement icon is the only blue on a page without charts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers, Session } from '../../../../main/core/app';
import { createHandlers } from '../../../../main/core/app';
import { MDC_COLOURS } from '../../../../shared/domain/mdcIcons';
import { demoSession } from '../demo-support';

let session: Session;
let handlers: Handlers;
let dir: string;

beforeAll(async () => {
  session = await demoSession();
  handlers = createHandlers(session);
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-agenda-icons-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await session.workspace.close();
});

const pageText = (file: string, page: number) => execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-']).toString().replace(/\s+/g, ' ');

/** Pixels of a page (rendered at 60 dpi) within 12 of a colour on every channel. */
async function pixelsOf(file: string, page: number, hex: string): Promise<number> {
  const prefix = path.join(dir, `page-${page}`);
  execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', '60', '-singlefile', file, prefix]);
  const ppm = await readFile(`${prefix}.ppm`);
  // P6 header: "P6\n<w> <h>\n255\n"
  let offset = 0;
  for (let fields = 0; fields < 4; offset += 1) if (ppm[offset] === 0x0a || ppm[offset] === 0x20) fields += 1;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = offset; i + 2 < ppm.length; i += 3) if (Math.abs(ppm[i]! - r!) <= 12 && Math.abs(ppm[i + 1]! - g!) <= 12 && Math.abs(ppm[i + 2]! - b!) <= 12) n += 1;
  return n;
}

describe('agenda pack: Making Data Count icons', () => {
  it('draws the variation icon beside the SPC verdict, with the side in words', async () => {
    const file = path.join(dir, 'pack.pdf');
    await handlers['export.agendaPack']({ period: '2024/25 Q3', charts: [], path: file });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1]);
    const texts = Array.from({ length: pages }, (_, i) => pageText(file, i + 1));
    const pageOf = (name: string) => texts.findIndex((t) => t.includes(name) && t.includes('Statistical process control')) + 1;

    // Leicestershire's total crime rate: special cause improvement, low (as the Charts page says).
    const total = pageOf('Total Crime rate (per 1,000 population)');
    const county = (await handlers['workspace.info']({})).dashboardArea!.code;
    const trend = await handlers['chart.trend']({ indicator: 'Total Crime rate (per 1,000 population)', area: county, to: '2024-12' });
    expect([trend.variation, trend.points[trend.points.length - 1]!.side]).toEqual(['special_cause_improvement', 'low']);
    expect(total).toBeGreaterThan(0);
    expect(texts[total - 1]).toContain('Special cause variation: improvement (low).');
    // The filled blue circle: about pi x 11^2 = 380 pixels of a 26 pt icon at 60 dpi.
    expect(await pixelsOf(file, total, MDC_COLOURS.improvement)).toBeGreaterThan(150);

    // A common cause series: the verdict without a side, and no blue on its page.
    const common = texts.findIndex((t) => t.includes('Common cause variation.')) + 1;
    expect(common).toBeGreaterThan(0);
    expect(await pixelsOf(file, common, MDC_COLOURS.improvement)).toBe(0);
    expect(await pixelsOf(file, common, MDC_COLOURS.common)).toBeGreaterThan(20);
  });
});
