/**
 * End-to-end harness: a real demo workspace on disk, the browser host serving the built
 * renderer and the real handler table on loopback, and Debian's Chromium driven by
 * playwright-core. No network beyond 127.0.0.1.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createHandlers, createSession, type Session } from '../../main/core/app';
import { writeDemoWorkspace } from '../../main/core/workspace/starting';
import { Workspace } from '../../main/core/store/workspace';
import { startHost, type RunningHost } from '../../main/host/server';

/** Text as the analyst reads it: without the soft hyphens (U+00AD) where long words may break. */
export const plainText = (text: string): string => text.replaceAll('\u00AD', '');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RENDERER_DIR = path.resolve(import.meta.dirname, '../../dist/renderer');

export interface App {
  host: RunningHost;
  session: Session;
  browser: Browser;
  dir: string;
  /** Every URL the pages asked for. */
  requests: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchChromium(profileDir: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
    env: { ...process.env, HOME: profileDir, XDG_CONFIG_HOME: path.join(profileDir, 'config'), XDG_CACHE_HOME: path.join(profileDir, 'cache') },
  });
}

/** `saveDelayMs`: how long a change waits to be saved (0, at once, unless a test needs it unsaved for a while). */
export async function startApp(options: { demo?: boolean; saveDelayMs?: number } = {}): Promise<App> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'boardpack-e2e-'));
  const env = { now: () => new Date('2025-02-10T09:00:00Z'), osUser: 'analyst', saveDelayMs: options.saveDelayMs ?? 0 };
  const file = path.join(dir, 'workspace.boardpack');
  const workspace = options.demo === false ? await Workspace.create(file, env) : await writeDemoWorkspace(file, env);
  // Files dropped on the Import page are uploaded once to the host, into the session's upload folder.
  const uploadDir = path.join(dir, 'uploads');
  await mkdir(uploadDir);
  const session = createSession({ workspace, env, uploadDir });
  const host = await startHost({ handlers: createHandlers(session), rendererDir: RENDERER_DIR, uploadDir });
  const browser = await launchChromium(path.join(dir, 'chromium'));
  const requests: string[] = [];
  return {
    host,
    session,
    browser,
    dir,
    requests,
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(host.url);
      return page;
    },
    async close() {
      await browser.close();
      await host.close();
      await session.workspace.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
