/**
 * axe-core's serious and critical WCAG 2.1 A/AA violations on a page, for the page tests. Nothing
 * is filtered: Fluent's hidden focus stops (tabster's dummy inputs) count like any other.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** `within`: a CSS selector to scan only that part of the page (e.g. one page's own content). */
export async function seriousViolations(page: Page, within?: string, options: { allRules?: boolean } = {}): Promise<string[]> {
  // allRules: every rule axe has (best practices too), not only the WCAG 2.1 A and AA ones.
  const builder = options.allRules ? new AxeBuilder({ page }) : new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const results = await (within ? builder.include(within) : builder).analyze();
  return results.violations
    .filter((v) => v.nodes.length > 0 && (v.impact === 'serious' || v.impact === 'critical'))
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
}
