import { openTokenAbi } from '@openledger/contracts'
import { openStore, type Store } from '@openledger/store'
import { encodeFunctionData, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DeployedDevnet, deployedDevnet } from '../testing/deployedDevnet.js'
import { executeSafeTransaction } from './executeSafeTransaction.js'
import { getSafeTransactionStatus } from './getSafeTransactionStatus.js'
import { proposeSafeTransaction } from './proposeSafeTransaction.js'
import { signSafeTransaction } from './signSafeTransaction.js'

let env: DeployedDevnet
let store: Store

beforeAll(async () => {
  env = await deployedDevnet()
  store = await openStore({ databaseUrl: ':memory:' })
})
afterAll(async () => {
  await store?.close()
  env?.cleanup()
})

describe('treasury Safe', () => {
  it('moves OPEN only with 2 of 3 owner signatures', async () => {
    const { connection, manifest, devnet } = env
    const [owner0, owner1, , recipient] = devnet.accounts as [never, never, never, { address: `0x${string}` }]
    const token = manifest.contracts.OpenToken
    const balanceOf = (address: `0x${string}`) =>
      connection.publicClient.readContract({
        address: token,
        abi: openTokenAbi,
        functionName: 'balanceOf',
        args: [address],
      })
    const before = await balanceOf(recipient.address)
    const { safeTxHash } = await proposeSafeTransaction(connection, store, {
      infrastructure: manifest.safe,
      safeAddress: manifest.treasurySafe.address,
      proposerKey: devnet.accounts[0]!.privateKey,
      calls: [
        {
          to: token,
          data: encodeFunctionData({
            abi: openTokenAbi,
            functionName: 'transfer',
            args: [recipient.address, parseEther('1000')],
          }),
        },
      ],
      description: 'grant',
    })
    void owner0
    void owner1
    await expect(
      executeSafeTransaction(connection, store, {
        infrastructure: manifest.safe,
        safeTxHash,
        executorKey: devnet.accounts[5]!.privateKey,
      }),
    ).rejects.toThrow(/has 1 of 2 required signatures/)
    expect(
      (await getSafeTransactionStatus(connection, store, { infrastructure: manifest.safe, safeTxHash }))
        .state,
    ).toBe('awaiting-signatures')
    await signSafeTransaction(connection, store, {
      infrastructure: manifest.safe,
      safeTxHash,
      signerKey: devnet.accounts[1]!.privateKey,
    })
    const status = await getSafeTransactionStatus(connection, store, {
      infrastructure: manifest.safe,
      safeTxHash,
    })
    expect(status.state).toBe('ready')
    await executeSafeTransaction(connection, store, {
      infrastructure: manifest.safe,
      safeTxHash,
      executorKey: devnet.accounts[5]!.privateKey,
    })
    expect((await balanceOf(recipient.address)) - before).toBe(parseEther('1000'))
  })
})
