/**
 * Benchmark: the 24 police.uk months and the ONS population file dropped on the Import page in
 * Chromium, with the core in its own process behind the browser host (as `npm start` runs it),
 * against the whole-process CLI import of the same files in the same run.
 *
 * - the longest main-thread task in the page while the plan is made and the import runs
 *   (PerformanceObserver `longtask`): goal < 200 ms;
 * - how soon the progress bar shows after the files are chosen: goal < 500 ms;
 * - plan plus import vs the CLI import: goal <= 1.5x. Timed as the analyst waits, from the page's
 *   own events: the files chosen (the input's change) to the plan drawn, and Import pressed (its
 *   click) to the result drawn. The same with Playwright's own choosing and clicking (about
 *   0.1 s more) is printed beside it, with where the time went (sending, each call);
 * - another API call (the Charts page's periods.list) made while the import runs: goal < 200 ms;
 *   made at once after Import is pressed, then every 50 ms until the import ends (the slowest
 *   of them is reported too), beside the same call with nothing running, in the same run.
 *
 * Needs the built renderer (`node scripts/build.mjs`) and Chromium at /usr/bin/chromium
 * (CHROMIUM_PATH). Wall-clock figures of one run each (the machine is shared; run it twice).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkCore } from '../../main/process/core-client';
import { startHost } from '../../main/host/server';
import { launchChromium, RENDERER_DIR } from '../e2e/harness';
import { sharedData } from '../shared-folder';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const policeDir = sharedData('police-uk');
const ons = sharedData('ons', 'ons_mye_mid2023_england_wales_lad.csv');
const bin = join(repoRoot, 'bin/boardpack.mjs');
const tmp = mkdtempSync(join(os.tmpdir(), 'boardpack-chromium-bench-'));
const files = [...readdirSync(policeDir).filter((f) => f.endsWith('.csv')).sort().map((f) => join(policeDir, f)), ons];

function run(args: string[]): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`boardpack ${args[0]} failed: ${r.stderr}`);
  return performance.now() - start;
}

const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

try {
  // A workspace with Leicestershire's districts and none of the months.
  const empty = join(tmp, 'districts.boardpack');
  run(['new', '--workspace', empty]);
  run(['import', sharedData('ons', 'lad16-csp16-pfa16-lookup.csv'), '--workspace', empty]);

  // The CLI import before and after the app's, and the ratio to their mean: a machine shared
  // with other jobs changes speed within a minute.
  const cliImport = (name: string) => {
    const cliCopy = join(tmp, name);
    copyFileSync(empty, cliCopy);
    return run(['import', ...files, '--workspace', cliCopy]);
  };
  const cliBefore = cliImport('cli-before.boardpack');

  const appCopy = join(tmp, 'app.boardpack');
  copyFileSync(empty, appCopy);
  const core = forkCore({ workspace: appCopy, osUser: 'bench', saveDelayMs: 500 });
  const { uploadDir } = await core.ready;
  const host = await startHost({ core: (method, args) => core.call(method, args), rendererDir: RENDERER_DIR, uploadDir });
  const browser = await launchChromium(join(tmp, 'chromium'));
  try {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { longest: number; tasks: number };
      w.longest = 0;
      w.tasks = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          w.tasks++;
          w.longest = Math.max(w.longest, entry.duration);
        }
      }).observe({ type: 'longtask', buffered: false });
      // When the page itself saw the files chosen and Import pressed: what the analyst waits is
      // counted from these, not from when Playwright began choosing or clicking.
      const seen = window as unknown as { chosenAt?: number; importAt?: number };
      document.addEventListener('change', (e) => {
        if (e.target instanceof HTMLInputElement && e.target.type === 'file') seen.chosenAt = performance.now();
      }, true);
      document.addEventListener('click', (e) => {
        if (e.target instanceof Element && e.target.closest('button')?.textContent?.trim() === 'Import') seen.importAt = performance.now();
      }, true);
    });
    /** The Charts page's first call, as another page makes it while the import runs. */
    const periodsList = async (): Promise<number> => {
      const asked = performance.now();
      const answer = await fetch(`${host.origin}/api/periods.list`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-boardpack-token': host.token }, body: '{}' });
      await answer.json();
      return performance.now() - asked;
    };
    await page.goto(host.url);
    await page.getByRole('tab', { name: 'Import' }).click();
    await page.getByText(/imported into this workspace|Recent imports/).first().waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { longest: number; tasks: number };
      w.longest = 0;
      w.tasks = 0;
    });
    // The same call with nothing running, in this run: what the machine's load alone costs.
    const idle: number[] = [];
    for (let i = 0; i < 5; i++) idle.push(await periodsList());

    /**
     * When a region labelled `label` holding `text` was first drawn, on this process's clock: the
     * page notices the change as it is made (a MutationObserver, no polling) and takes the time of
     * the next frame. Polling on every animation frame, as this benchmark did before, made the
     * page draw 60 frames a second throughout, in software on this GPU-less machine, and so took
     * CPU from the upload and the core it measures.
     */
    const pageClock = (await page.evaluate('performance.timeOrigin')) as number;
    const shown = async (label: string, text: string): Promise<number> => {
      const drawnAt = (await page.evaluate(
        `new Promise((resolve) => {
          const there = () => [...document.querySelectorAll('[role="region"]')].some((el) => el.getAttribute('aria-label') === ${JSON.stringify(label)} && (el.textContent ?? '').includes(${JSON.stringify(text)}));
          const drawn = () => requestAnimationFrame(() => resolve(performance.now()));
          if (there()) return drawn();
          const watch = new MutationObserver(() => {
            if (!there()) return;
            watch.disconnect();
            drawn();
          });
          watch.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        })`,
      )) as number;
      return pageClock + drawnAt - performance.timeOrigin;
    };
    const start = performance.now();
    await page.getByLabel('Files to import').setInputFiles(files);
    await page.getByRole('status', { name: 'Import progress' }).waitFor();
    const progressShown = performance.now() - start;
    const preview = page.getByRole('region', { name: 'What the import will do' });
    const planned = (await shown('What the import will do', 'Would add')) - start;
    await preview.getByRole('button', { name: 'Import' }).click();
    // While the import runs, another page's call (the Charts page loads the periods): at once,
    // then every 50 ms until the import has ended.
    const resultShown = shown('Import result', '');
    let finished = false;
    void resultShown.then(() => (finished = true));
    const otherCall = await periodsList();
    const during: number[] = [otherCall];
    while (!finished) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (!finished) during.push(await periodsList());
    }
    const done = (await resultShown) - start;
    const { longest, tasks } = await page.evaluate(() => {
      const w = window as unknown as { longest: number; tasks: number };
      return { longest: w.longest, tasks: w.tasks };
    });
    // Where the time went, from the page's own record of its requests.
    const requests = (await page.evaluate(`performance.getEntriesByType('resource').map((e) => ({ name: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd }))`)) as Array<{ name: string; start: number; end: number }>;
    const spent = (name: string) => requests.filter((r) => r.name === name && pageClock + r.start >= performance.timeOrigin + start).map((r) => r.end - r.start);

    console.log(`${files.length} files (24 police.uk months and the ONS estimates) dropped on the Import page in Chromium, core in its own process:`);
    console.log(`  progress shown after ${progressShown.toFixed(0)} ms (goal < 500 ms: ${verdict(progressShown < 500)})`);
    console.log(`  longest main-thread task during plan and import: ${longest.toFixed(0)} ms, ${tasks} tasks over 50 ms (goal < 200 ms: ${verdict(longest < 200)})`);
    const slowest = Math.max(...during);
    console.log(`  another API call during the import answered in ${otherCall.toFixed(0)} ms (goal < 200 ms: ${verdict(otherCall < 200)})`);
    console.log(`    ${during.length} such calls while it ran: median ${median(during).toFixed(0)} ms, slowest ${slowest.toFixed(0)} ms (goal < 200 ms: ${verdict(slowest < 200)}); with nothing running, median ${median(idle).toFixed(0)} ms`);
    const seen = (await page.evaluate('({ chosenAt: window.chosenAt, importAt: window.importAt })')) as { chosenAt: number; importAt: number };
    const onBenchClock = (pageTime: number) => pageClock + pageTime - performance.timeOrigin - start;
    const waited = planned - onBenchClock(seen.chosenAt) + (done - onBenchClock(seen.importAt));
    const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' + ') || 'none';
    const [dryRun = 0, imported = 0] = spent('/api/import.uploaded');
    console.log(`  of which: sending the files ${ms(spent('/upload'))} ms, the plan's call ${dryRun.toFixed(0)} ms, the import's call ${imported.toFixed(0)} ms; the page the rest`);
    const cliAfter = cliImport('cli-after.boardpack');
    const cli = (cliBefore + cliAfter) / 2;
    console.log(`  plan + import as the analyst waits (files chosen to plan shown, Import pressed to result shown) ${waited.toFixed(0)} ms vs the CLI import ${cli.toFixed(0)} ms (${cliBefore.toFixed(0)} ms before, ${cliAfter.toFixed(0)} ms after) = ${(waited / cli).toFixed(2)}x (goal <= 1.5x: ${verdict(waited / cli <= 1.5)})`);
    console.log(`    with Playwright's own choosing of the files and click on Import: plan ${planned.toFixed(0)} ms, plan + import ${done.toFixed(0)} ms = ${(done / cli).toFixed(2)}x`);
  } finally {
    await browser.close();
    await host.close();
    await core.stop();
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
