/**
 * The `boardpack` command says what the screen says (see test/shared/vocabulary.test.ts): its
 * `spc` verdict in the Charts page's words, and its appendix PDF's key in the dashboard key's.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardpack, demoHandlers } from '../core/demo-support';
import { pdfText, screenAppendix, screenChart } from '../../renderer/screen-words';

const AREA = 'Leicestershire';
const Q3 = '2024/25 Q3';

let dir: string;
let demo: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-cli-vocabulary-'));
  demo = path.join(dir, 'demo.boardpack');
  const r = await boardpack('demo', '--workspace', demo);
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('boardpack, in the words of the screen', () => {
  it("spc ends with the Charts page's variation and assurance", async () => {
    const r = await boardpack('spc', '--workspace', demo, '--indicator', 'Total Crime rate', '--area', AREA);
    expect(r.code, r.stderr).toBe(0);
    const { session, handlers } = await demoHandlers();
    const chart = screenChart(await handlers['chart.trend']({ indicator: 'Total Crime rate (per 1,000 population)', area: AREA }));
    await session.workspace.close();
    const verdict = chart.verdict!.replace(/ \((high|low)\)$/, ''); // the CLI leaves out the icon's side
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`Variation: ${verdict.charAt(0).toLowerCase()}${verdict.slice(1)}. ${chart.assurance}`);
  });

  it("export appendix prints the dashboard key's arrows and RAG words", async () => {
    const out = path.join(dir, 'appendix.pdf');
    const r = await boardpack('export', 'appendix', '--workspace', demo, '--period', Q3, '--format', 'pdf', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const { session, handlers } = await demoHandlers();
    const model = await handlers['dashboard.get']({ period: Q3 });
    await session.workspace.close();
    const screen = screenAppendix(model);
    const printed = pdfText(out, 1);
    expect(screen.key.slice(0, 3)).toEqual(['↑ improving', '→ no significant change', '↓ worsening']);
    for (const entry of screen.key.slice(0, 3)) expect(printed).toContain(entry);
    const rags = model.outcomes.flatMap((o) => o.indicators).flatMap((row, i) => (row.progress.shown ? [`${row.progress.shown} ${screen.rag[i]}:`] : []));
    expect(rags.length).toBeGreaterThan(0);
    for (const rag of rags) expect(printed).toContain(rag); // "G Green: on track"
  });
});
