import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

const shared = { exclude: ['**/node_modules/**', '**/dist/**'] }

export default defineConfig({
  test: {
    // vitest's default is one worker fewer than the cores: on CI's 2 cores, one file at a time. Two workers keep
    // both cores busy (most integration files wait on a devnet, Redis or a child process part of the time).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['{contracts,packages,agents,lint}/**/*.test.ts'],
          exclude: [...shared.exclude, '**/*.int.test.ts'],
        },
      },
      {
        test: {
          ...shared,
          name: 'integration',
          include: ['{contracts,packages,agents}/**/*.int.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
