import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Builds the SPA: `index.html` at the repo root, `web/src/main.tsx` as entry, output in `dist/`. */
export default defineConfig({
  root: '.',
  publicDir: 'public',
  plugins: [react()],
  // Module workers (all are created with `type: 'module'`), so they can split: the engine worker
  // loads the strategy compiler and the report's chart library only when needed.
  worker: { format: 'es' },
  build: {
    // VELOZ_DIST: build elsewhere (parallel e2e runs); the server reads the same variable.
    outDir: process.env.VELOZ_DIST ?? 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    // As the server sends them (server/src/http/app.ts): SharedArrayBuffer needs isolation.
    headers: {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    },
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/health': 'http://127.0.0.1:8080',
    },
  },
});
