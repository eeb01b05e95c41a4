/** The commands that report and export: values, SPC, the appendix, the scorecard and the action log. */
import path from 'node:path';
import type { ApiArgs } from '../../shared/api/contract';
import type { Trend } from '../../shared/api/types';
import { formatNumber } from '../../shared/domain/format';
import { NO_TARGET_ASSURANCE, assuranceSentence, variationWords } from '../../shared/domain/vocabulary';
import { call, core, required, UsageError, withSession, type Command } from './common';

/**
 * The `spc` command's verdict, in the Charts page's words: "Variation: common cause variation.
 * No target: no assurance to judge." or "... Target 5.0. The target will be hit and miss: it
 * lies between the process limits."
 */
export function spcVerdict(t: Pick<Trend, 'variation' | 'assurance' | 'target' | 'decimals' | 'provisional'>): string {
  const assurance = t.target === null ? NO_TARGET_ASSURANCE : `Target ${formatNumber(t.target, t.decimals)}. ${assuranceSentence(t.assurance)}`;
  return `Variation: ${variationWords(t.variation)}. ${assurance}${t.provisional ? ' Limits are provisional (fewer than 12 points).' : ''}`;
}

export const reportCommands = {
  spc: {
    summary: "Statistical process control (XmR) for an indicator's monthly series in an area.",
    usage: 'boardpack spc --workspace W --indicator NAME --area CODE_OR_NAME [--from YYYY-MM] [--to YYYY-MM] [--rebase YYYY-MM] [--json]',
    options: {
      workspace: { type: 'string', help: 'the .boardpack file to read' },
      indicator: { type: 'string', help: "an indicator's name, or a unique part of it" },
      area: { type: 'string', help: 'an ONS code or area name' },
      from: { type: 'string', help: 'first month, YYYY-MM' },
      to: { type: 'string', help: 'last month, YYYY-MM' },
      rebase: { type: 'string', help: 'recalculate the limits from this month, YYYY-MM' },
      json: { type: 'boolean', help: 'print JSON' },
    },
    async run(values) {
      const args: ApiArgs<'chart.trend'> = { indicator: required(values, 'indicator'), area: required(values, 'area') };
      if (typeof values.from === 'string') args.from = values.from;
      if (typeof values.to === 'string') args.to = values.to;
      if (typeof values.rebase === 'string') args.rebase = [values.rebase];
      const t = await withSession(required(values, 'workspace'), (s) => call(s, 'chart.trend', args));
      if (t.points.length === 0) throw new Error(`"${t.indicator}" has no monthly values for ${t.area.name} in that range.`);
      if (values.json) {
        const points = t.points.map((p) => ({ period_start: p.periodStart, period_end: p.periodEnd, value: p.value, mean: p.mean, lpl: p.lpl, upl: p.upl, special_cause: p.specialCause, rules: p.rules }));
        console.log(JSON.stringify({ indicator: t.indicator, area: t.area, points, variation: t.variation, assurance: t.assurance, provisional: t.provisional }, null, 2));
        return 0;
      }
      const n = (v: number) => v.toFixed(Math.max(2, t.decimals));
      console.log(`${t.indicator}, ${t.area.name}`);
      console.log(['period', 'value', 'mean', 'lower limit', 'upper limit', 'special cause', 'rules'].join('\t'));
      for (const p of t.points) console.log([p.periodStart, n(p.value), n(p.mean), n(p.lpl), n(p.upl), p.specialCause, p.rules.join(' ')].join('\t'));
      console.log(spcVerdict(t));
      return 0;
    },
  },
  export: {
    summary: 'Export the appendix or the plan scorecard of a reporting period, or the action log, to Excel, PDF or CSV.',
    usage:
      'boardpack export appendix --workspace W --period "2014/15 Q4" --format xlsx|pdf|csv --out FILE [--variant compact]\n' +
      '       boardpack export scorecard --workspace W --baseline 2023/24 --period "2024/25 Q3" [--project-to 2025/26] --format xlsx|pdf|csv --out FILE\n' +
      '       boardpack export actions --workspace W --format xlsx|pdf|csv --out FILE [--open-only]',
    options: {
      workspace: { type: 'string', help: 'the .boardpack file to read' },
      period: { type: 'string', help: 'the reporting period, e.g. "2014/15 Q4"' },
      format: { type: 'string', help: 'xlsx, pdf or csv' },
      out: { type: 'string', help: 'the file to write (replaced if it exists and is not open elsewhere)' },
      variant: { type: 'string', help: 'appendix only: standard (one row per indicator, the default) or compact (one row per outcome)' },
      baseline: { type: 'string', help: 'scorecard only: the baseline financial year, e.g. 2023/24' },
      'project-to': { type: 'string', help: "scorecard only: the financial year to project to (default: the period's year)" },
      'open-only': { type: 'boolean', help: 'actions only: leave out closed actions' },
    },
    async run(values, positionals) {
      const what = positionals[0];
      if (what !== 'appendix' && what !== 'scorecard' && what !== 'actions') throw new UsageError('say what to export: "boardpack export appendix ...", "boardpack export scorecard ..." or "boardpack export actions ...".');
      const format = required(values, 'format');
      if (format !== 'xlsx' && format !== 'pdf' && format !== 'csv') throw new UsageError(`--format must be xlsx, pdf or csv, not "${format}".`);
      const out = path.resolve(required(values, 'out'));
      if (what === 'actions') {
        const written = await withSession(required(values, 'workspace'), (s) => call(s, 'export.actions', { format, openOnly: values['open-only'] === true, path: out }));
        console.log(`Wrote ${written.path} (${written.bytes.toLocaleString('en-GB')} bytes).`);
        return 0;
      }
      const period = required(values, 'period');
      const result = await withSession(required(values, 'workspace'), (s) => {
        if (what === 'scorecard') {
          const projectTo = values['project-to'];
          return call(s, 'export.scorecard', { period, baseline: required(values, 'baseline'), format, path: out, ...(typeof projectTo === 'string' ? { projectTo } : {}) });
        }
        const variant = values.variant === undefined ? undefined : String(values.variant);
        if (variant !== undefined && variant !== 'standard' && variant !== 'compact') throw new UsageError(`--variant must be standard or compact, not "${variant}".`);
        return call(s, 'export.appendix', { period, format, variant, path: out });
      });
      console.log(`Wrote ${result.path} (${result.bytes.toLocaleString('en-GB')} bytes).`);
      return 0;
    },
  },
  values: {
    summary: 'Print stored and derived values as CSV.',
    usage: 'boardpack values --workspace FILE [--indicator TEXT] [--area CODE_OR_NAME] [--from YYYY-MM] [--to YYYY-MM]',
    options: {
      workspace: { type: 'string', help: 'the .boardpack file to read' },
      indicator: { type: 'string', help: "an indicator's name, or a unique part of it" },
      area: { type: 'string', help: 'an ONS code (E07000130) or area name (Charnwood)' },
      from: { type: 'string', help: 'first month, YYYY-MM' },
      to: { type: 'string', help: 'last month, YYYY-MM' },
    },
    async run(values) {
      const args: ApiArgs<'values.list'> = {};
      for (const key of ['indicator', 'area', 'from', 'to'] as const) {
        const v = values[key];
        if (typeof v === 'string') args[key] = v;
      }
      const { rows, notes } = await withSession(required(values, 'workspace'), async (s) => ({
        rows: await call(s, 'values.list', args),
        // Why an area gets no rate or total from the areas within it (they do not cover it).
        notes: args.indicator ? await call(s, 'values.coverage', { indicator: args.indicator, ...(args.area ? { area: args.area } : {}) }) : [],
      }));
      process.stdout.write((await core()).valuesCsvText(rows));
      for (const n of notes) console.error(`Note: ${n}`);
      return 0;
    },
  },
} satisfies Record<string, Command>;
