import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built to static files that Electron loads from disk and the browser host
// serves on loopback: relative paths, no inline scripts (the CSP forbids them).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    modulePreload: { polyfill: false },
  },
});
