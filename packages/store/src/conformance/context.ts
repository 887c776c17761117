import { afterAll, beforeAll } from 'vitest'
import { ConformanceStoreNotOpenError } from '../errors/conformance.js'
import type { Store } from '../types.js'

export type ConformanceContext = {
  /** The store opened for the suite (valid inside tests). */
  readonly store: Store
  /** Opens another store over the same database; the suite closes it. */
  open(): Promise<Store>
}

/** Opens one store for the whole suite and closes it, and any extra ones, afterwards. */
export function useStore(open: () => Promise<Store>): ConformanceContext {
  let current: Store | undefined
  const extra: Store[] = []
  beforeAll(async () => {
    current = await open()
  })
  afterAll(async () => {
    await Promise.all([current, ...extra].map((store) => store?.close()))
  })
  return {
    get store() {
      if (!current) throw new ConformanceStoreNotOpenError()
      return current
    },
    async open() {
      const store = await open()
      extra.push(store)
      return store
    },
  }
}
