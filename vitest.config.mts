import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two test files at a time even on a 2-core machine (Vitest's default there is one): most
    // reliability and command-line tests wait on child processes. The end-to-end files run one
    // at a time after the rest (their project below), each with the machine to itself.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/shared/**/*.test.ts', 'test/main/**/*.test.ts', 'test/scripts/**/*.test.ts', 'test/renderer/**/*.test.ts'],
          // The command line's tests run the real `boardpack` command (a Node process each, about
          // 50 in all): they run with the reliability project, out of the fast loop.
          exclude: ['test/main/cli/**'],
          // One module graph per worker, not per file: sql.js, exceljs and pdfmake load once
          // (half the project's CPU time). The unit tests mock nothing and change no globals; the
          // core's own state is per workspace (WeakMaps), so files cannot see each other's.
          isolate: false,
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        // Crash, kill, fuzz, disk-full and large-file checks, and the command line run as a process:
        // slow, so out of the fast loop (`npm run test:fast`).
        test: {
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts', 'test/main/cli/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One file at a time, after the other projects (each file drives its own Chromium and
          // wants the machine to itself), in one module graph: the core and the host load once,
          // not once per file. Each file starts its own app in its own folder (harness.ts).
          maxWorkers: 1,
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
