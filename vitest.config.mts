import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
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
          fileParallelism: false,
        },
      },
    ],
  },
});
