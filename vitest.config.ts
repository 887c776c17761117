import { defineConfig } from 'vitest/config'

const shared = { exclude: ['**/node_modules/**', '**/dist/**'] }

export default defineConfig({
  test: {
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
