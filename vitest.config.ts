import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The JSON results let CI print one plain closing line ("N passed, N failed").
    reporters: ['default', ['json', { outputFile: '.kpicast/test-results.json' }]],
  },
});
