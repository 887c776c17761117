import { openTokenAbi } from '@openledger/contracts'
import { parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ALICE, BOB, type CallsFixture, callsFixture, HOLDER } from './callsFixture.js'
import { waitForReceipt } from './waitForReceipt.js'

let f: CallsFixture
beforeAll(async () => {
  f = await callsFixture()
})
afterAll(() => f?.testClient.setAutomine(true))

describe('waitForReceipt', () => {
  it('returns the receipt of a successful transaction', async () => {
    const hash = await f.connection.walletClient(f.account(ALICE)).sendTransaction({
      to: f.address(BOB),
      value: parseEther('1'),
    })
    expect(await waitForReceipt(f.connection, { hash })).toMatchObject({ status: 'success' })
  })

  it('throws a reverted transaction with the revert its replay decodes', async () => {
    await f.testClient.setAutomine(false)
    const wallet = f.connection.walletClient(f.account(HOLDER))
    const transfer = (to: number, amount: bigint) =>
      wallet.writeContract({
        address: f.token,
        abi: openTokenAbi,
        functionName: 'transfer',
        args: [f.address(to), amount],
        gas: 100_000n,
      })
    const balance = await f.connection.publicClient.readContract({
      address: f.token,
      abi: openTokenAbi,
      functionName: 'balanceOf',
      args: [f.address(HOLDER)],
    })
    await transfer(BOB, balance)
    const hash = await transfer(ALICE, 1n)
    await f.testClient.mine({ blocks: 1 })
    const error = await waitForReceipt(f.connection, { hash, abi: openTokenAbi }).catch((e: unknown) => e)
    expect(error).toMatchObject({
      name: 'ContractCallRevertedError',
      errorName: 'ERC20InsufficientBalance',
      args: [f.address(HOLDER), 0n, 1n],
      functionName: 'transfer',
      contractAddress: f.token,
      hash,
      receipt: { status: 'reverted' },
    })
    expect((error as Error).message).toContain(`Mined in transaction ${hash}.`)
  })
})
