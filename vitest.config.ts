import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'client/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Two test files at a time: most of them wait on servers, sockets and child processes, not the CPU. On a 2-core
    // VM the suite took 194 to 228 s one file at a time and 152 s two at a time (every test passing in both).
    maxWorkers: 2,
  },
});
