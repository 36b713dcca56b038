import { defineConfig } from 'vitest/config';

/** Unit tests only; Playwright specs in `e2e/` run through `playwright test`. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['engine-core/src/**/*.test.ts', 'server/**/*.test.ts', 'web/src/**/*.test.ts?(x)'],
    exclude: ['**/node_modules/**', '**/dist/**', 'e2e/**'],
  },
});
