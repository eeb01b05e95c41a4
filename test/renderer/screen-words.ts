/**
 * What the screen says, read from the real components rendered to HTML (react-dom/server): the
 * dashboard's appendix table and the Charts page's trend chart. The vocabulary tests compare the
 * CLI, the exceptions text and the agenda pack with these.
 */
import { execFileSync } from 'node:child_process';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Trend } from '../../shared/api/types';
import type { AppendixModel } from '../../shared/domain/appendix';
import { TrendChart } from '../../renderer/src/features/charts/TrendChart';
import { AppendixTable } from '../../renderer/src/features/dashboard/AppendixTable';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#39;': "'" };
const unescape = (html: string) => html.replace(/&(?:amp|lt|gt|quot|#x27|#39);/g, (e) => ENTITIES[e]!);

/** The visible text of an HTML fragment, spaces collapsed. */
export const textOf = (html: string) => unescape(html.replace(/<title>.*?<\/title>/g, '').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();

/**
 * What the dashboard's appendix table says for each indicator row, in order (its direction and
 * RAG in words, as read aloud), and its key ("↑ improving", ..., "R red, A amber, G green").
 */
export function screenAppendix(model: AppendixModel) {
  const html = renderToStaticMarkup(createElement(AppendixTable, { model, edit: { indicator: () => {}, outcome: () => {} } }));
  // "Direction of travel for <name>: worsening (edited). Change": the words, without the override mark.
  const words = (judgement: string) => [...html.matchAll(new RegExp(`aria-label="${judgement} for [^"]*: ([^":]+)\\. Change"`, 'g'))].map((m) => unescape(m[1]!).replace(/ \(edited\)$/, ''));
  const key = [.../<div class="key"[^>]*>(.*?)<\/div>/.exec(html)![1]!.matchAll(/<span>([^<]*)<\/span>/g)].map((m) => unescape(m[1]!));
  return { direction: words('Direction of travel'), rag: words('Progress'), key };
}

/** What the Charts page says beside a trend: its variation verdict and its assurance (null when not shown). */
export function screenChart(trend: Trend) {
  const html = renderToStaticMarkup(createElement(TrendChart, { trend }));
  const paragraph = (cls: string) => {
    const m = new RegExp(`<p class="${cls}[^"]*">(.*?)</p>`).exec(html);
    return m ? textOf(m[1]!) : null;
  };
  return { verdict: paragraph('verdict'), assurance: paragraph('assurance') };
}

/** A PDF's text (one page, or all), spaces collapsed, by poppler's pdftotext. */
export function pdfText(file: string, page?: number): string {
  const range = page !== undefined ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('pdftotext', [...range, file, '-']).toString().replace(/\s+/g, ' ');
}

export const pdfPages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1]);
