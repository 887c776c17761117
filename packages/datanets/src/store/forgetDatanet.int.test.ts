import { openStore } from '@openledger/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getRow } from '../rows/getRow.js'
import { contributeText } from '../testing/contributeText.js'
import { type DatanetTestEnv, datanetTestEnv } from '../testing/datanetTestEnv.js'
import { findDatanet } from './findDatanet.js'
import { forgetDatanet } from './forgetDatanet.js'

let env: DatanetTestEnv
beforeAll(async () => {
  env = await datanetTestEnv()
})
afterAll(() => env?.cleanup())

describe('forgetDatanet', () => {
  it('deletes one datanet with its rows from the store, and nothing else', async () => {
    const other = await env.newDatanet()
    const forgotten = await contributeText(
      env.store,
      env.datanet,
      env.alice,
      'A row of the forgotten datanet.',
    )
    const kept = await contributeText(env.store, other, env.alice, 'A row of the datanet that stays.')
    await forgetDatanet(env.store, env.datanet)
    expect(await findDatanet(env.store, env.datanet)).toBeUndefined()
    await expect(getRow(env.store, forgotten.rowId)).rejects.toMatchObject({ name: 'UnknownRowError' })
    expect(await findDatanet(env.store, other)).toEqual(other)
    expect(await getRow(env.store, kept.rowId)).toEqual(kept)
    await forgetDatanet(env.store, env.datanet)
  })

  it('refuses a store opened without the datanets schema', async () => {
    const store = await openStore({ databaseUrl: ':memory:' })
    try {
      await expect(forgetDatanet(store, env.datanet)).rejects.toMatchObject({
        name: 'StoreSchemaNotRegisteredError',
        schema: 'datanets',
      })
    } finally {
      await store.close()
    }
  })
})
