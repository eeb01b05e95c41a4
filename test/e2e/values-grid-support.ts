/** The values grid as the e2e tests drive it: open one series, read one cell as shown. */
import type { Page } from 'playwright-core';

/** The demo series the values-grid tests edit. */
export const SERIES = 'Police recorded crime: Vehicle crime (count)';

/** Opens a series on the Indicators page and waits for its values grid. */
export async function openSeries(page: Page, series = SERIES) {
  await page.getByRole('tab', { name: 'Indicators' }).click();
  await page.getByRole('button', { name: new RegExp(`^${series.replace(/[()]/g, '\\$&')}`) }).click();
  const grid = page.getByRole('grid', { name: `Values of ${series}` });
  await grid.waitFor();
  return grid;
}

/** The text of the cell for an area (row) and period (column), as shown. */
export async function cellText(page: Page, area: string, period: string): Promise<string> {
  return page.evaluate(
    ([a, p]) => {
      const table = document.querySelector('table[role="grid"]')!;
      const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
      const column = headers.indexOf(p!);
      const row = [...table.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('th')?.textContent === a);
      return row ? (row.children[column]?.textContent ?? '') : '';
    },
    [area, period],
  );
}
