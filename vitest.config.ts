import { defineConfig } from 'vitest/config';

/** Unit tests only; Playwright specs in `e2e/` run through `playwright test`. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['engine-core/src/**/*.test.ts', 'server/**/*.test.ts', 'web/src/**/*.test.ts?(x)'],
    exclude: ['**/node_modules/**', '**/dist/**', 'e2e/**'],
    // Generous: a timeout here only catches hangs. Seeded fuzz and child-process tests take
    // seconds, and CI machines (2 cores) are noisy; no test asserts on wall-clock time.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
