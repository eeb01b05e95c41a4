/**
 * One vocabulary (shared/domain/vocabulary.ts): the CLI, the exceptions text and the agenda pack
 * say what the screen says, for RAG, direction of travel, SPC variation and assurance.
 *
 * The screen's words are read from the real components rendered to HTML (the dashboard's
 * appendix table and overrides list, the Charts page's trend chart); the others from their real
 * output: the exceptions report, the agenda pack PDF (pdftotext) and the CLI's `spc` verdict
 * (test/main/cli/vocabulary.test.ts runs the command itself). Nothing here compares source text
 * or the vocabulary with itself.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Trend } from '../../shared/api/types';
import { formatNumber } from '../../shared/domain/format';
import type { Handlers, Session } from '../../main/core/app';
import { spcVerdict } from '../../main/cli';
import { OverridesList } from '../../renderer/src/features/dashboard/OverridesList';
import { makePng } from '../fixtures/png';
import { demoHandlers } from '../main/core/demo-support';
import { pdfPages, pdfText, screenAppendix, screenChart, textOf } from '../renderer/screen-words';

const AREA = 'Leicestershire'; // the demo dashboard's area: the exceptions and the agenda pack judge its monthly series
const Q3 = '2024/25 Q3';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-vocabulary-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

type Definition = Awaited<ReturnType<Handlers['indicators.list']>>['outcomes'][number]['indicators'][number];
function editable(i: Definition) {
  const { id, outcomeId, name, unit, polarity, decimals, frequency, source, target, tolerancePercent, comparatorGroup, notes, footnote } = i;
  return { id, outcomeId, name, unit, polarity, decimals, frequency, source, target, tolerancePercent, comparatorGroup, notes, footnote };
}

/**
 * The demo with every verdict on show for the dashboard area in 2024/25 Q3: targets beyond the
 * good limit, beyond the bad limit and on the mean (all three assurances) and one indicator
 * with no better direction (special cause "neither better nor worse").
 */
async function demoWithEveryVerdict(): Promise<{ session: Session; handlers: Handlers }> {
  const { session, handlers } = await demoHandlers();
  const list = await handlers['indicators.list']({});
  const byName = (start: string) => list.outcomes.flatMap((o) => o.indicators).find((i) => i.name.startsWith(start))!;
  const last = async (i: Definition) => (await handlers['chart.trend']({ indicator: i.name, area: AREA })).points.at(-1)!;
  const round = (v: number) => Math.round(v * 100) / 100;
  // Lower is better for all three: a target below the lower limit is met, above the upper missed.
  const targets: Array<[string, (p: Trend['points'][number]) => number]> = [
    ['Total Crime rate', (p) => round(p.lpl - 1)],
    ['Vehicle Crime rate', (p) => round(p.upl + 1)],
    ['Burglary rate', (p) => round(p.mean)],
  ];
  for (const [name, target] of targets) {
    const definition = byName(name);
    const saved = await handlers['indicators.save']({ ...editable(definition), target: target(await last(definition)) });
    expect(saved.saved).toBe(true);
  }
  const violence = byName('Violence and sexual offences rate');
  expect((await handlers['indicators.save']({ ...editable(violence), polarity: 'none' })).saved).toBe(true);
  return { session, handlers };
}

describe('the exceptions text', () => {
  it("uses the dashboard's words for each row's direction of travel and RAG", async () => {
    const { session, handlers } = await demoHandlers();
    const seen = { direction: new Set<string>(), rag: new Set<string>() };
    for (const period of ['2014/15 Q4', Q3]) {
      const model = await handlers['dashboard.get']({ period });
      const rows = model.outcomes.flatMap((o) => o.indicators);
      const screen = screenAppendix(model);
      expect(screen.direction).toHaveLength(rows.length);
      const report = await handlers['dashboard.exceptions']({ period });
      const items = report.outcomes.flatMap((o) => o.items);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        const i = rows.findIndex((r) => r.indicatorId === item.indicatorId);
        const [direction, rag] = [screen.direction[i]!, screen.rag[i]!];
        // "...: worsening (Red)." (or "judged worsening (Red) by the analyst: ..." after an override)
        if (rows[i]!.direction.shown && rows[i]!.progress.shown) {
          expect(item.sentence).toContain(` ${direction} (${rag})`);
          seen.direction.add(direction);
          seen.rag.add(rag);
        }
      }
    }
    // The demo's exceptions show all three directions, and Red and Green.
    expect(seen.direction.size).toBe(3);
    expect(seen.rag.size).toBe(2);
    await session.workspace.close();
  });
});

describe('the agenda pack', () => {
  it("prints the screen's words for direction of travel, RAG, variation and assurance", async () => {
    const { session, handlers } = await demoWithEveryVerdict();
    const model = await handlers['dashboard.get']({ period: Q3 });
    const rows = model.outcomes.flatMap((o) => o.indicators);
    const screen = screenAppendix(model);
    const png = makePng(300, 138).toString('base64');
    const file = path.join(dir, 'agenda.pdf');
    await handlers['export.agendaPack']({ period: Q3, charts: rows.map((r) => ({ indicatorId: r.indicatorId, trendPng: png })), path: file });
    const firstIndicatorPage = pdfPages(file) - rows.length + 1;

    const seen = { variation: new Set<string>(), assurance: new Set<string>(), rag: new Set<string>() };
    for (const [i, row] of rows.entries()) {
      const page = pdfText(file, firstIndicatorPage + i);
      expect(page).toContain(row.name.replace(/\s+/g, ' '));
      if (row.direction.shown) expect(page).toContain(`${row.arrow} ${screen.direction[i]}. `);
      if (row.progress.shown) {
        expect(page).toContain(`${row.progress.shown} ${screen.rag[i]}. `);
        seen.rag.add(screen.rag[i]!);
      }

      const trend = await handlers['chart.trend']({ indicator: row.name, area: AREA });
      if (trend.points.length < 2) continue; // no monthly series: no SPC on the page
      const chart = screenChart(trend);
      expect(chart.verdict, row.name).not.toBeNull();
      // "(24 months): Special cause variation: improvement (low)." as the Charts page says it.
      expect(page).toContain(`months): ${chart.verdict}.`);
      seen.variation.add(trend.variation);
      if (trend.target !== null) {
        // Pack: "Target 4.95: the target will consistently be met." Screen: "Target 4.95. The target will consistently be met: it lies ..."
        const fmt = formatNumber(trend.target, trend.decimals);
        const printed = new RegExp(`Target ${fmt.replace('.', '\\.')}: ([^.]+)\\.`).exec(page);
        expect(printed, row.name).not.toBeNull();
        expect(chart.assurance!.toLowerCase()).toContain(`target ${fmt}. ${printed![1]!.toLowerCase()}:`);
        seen.assurance.add(trend.assurance);
      }
    }
    expect([...seen.assurance].sort()).toEqual(['consistently_fail', 'consistently_pass', 'hit_and_miss']);
    expect(seen.variation).toContain('special_cause_neutral');
    expect(seen.variation).toContain('common_cause');
    expect(seen.rag.size).toBeGreaterThanOrEqual(2);
    await session.workspace.close();
  });
});

describe('the dashboard itself', () => {
  it('lists an overridden direction of travel in the words of its key', async () => {
    const { session, handlers } = await demoHandlers();
    const model = await handlers['dashboard.get']({ period: Q3 });
    const row = model.outcomes.flatMap((o) => o.indicators).find((r) => r.direction.shown === 'improving')!;
    const after = await handlers['judgements.setIndicator']({ period: Q3, indicatorId: row.indicatorId, judgement: 'direction', choice: 'no_change', reason: 'Within the usual range' });
    const overrides = textOf(renderToStaticMarkup(createElement(OverridesList, { model: after })));
    const key = screenAppendix(after).key;
    expect(overrides).toContain(`${key[0]} ${key[1]} Within the usual range`); // suggested "↑ improving", shown "→ no significant change"
    expect(key.slice(0, 3)).toEqual(['↑ improving', '→ no significant change', '↓ worsening']);
    await session.workspace.close();
  });
});

describe('the CLI', () => {
  it("says the Charts page's variation and assurance for each verdict", async () => {
    const { session, handlers } = await demoWithEveryVerdict();
    const seen = new Set<string>();
    const list = await handlers['indicators.list']({});
    // Charnwood's anti-social behaviour shows special cause variation of concern.
    for (const area of [AREA, 'Charnwood']) {
      for (const indicator of list.outcomes.flatMap((o) => o.indicators)) {
        const trend = await handlers['chart.trend']({ indicator: indicator.name, area });
        if (trend.points.length < 2) continue;
        const chart = screenChart(trend);
        const verdict = chart.verdict!.replace(/ \((high|low)\)$/, '');
        expect(spcVerdict(trend), `${indicator.name}, ${area}`).toBe(`Variation: ${verdict.charAt(0).toLowerCase()}${verdict.slice(1)}. ${chart.assurance}`);
        seen.add(trend.variation).add(trend.assurance);
      }
    }
    expect([...seen].sort()).toEqual(['common_cause', 'consistently_fail', 'consistently_pass', 'hit_and_miss', 'none', 'special_cause_concern', 'special_cause_improvement', 'special_cause_neutral']);
    await session.workspace.close();
  });
});
