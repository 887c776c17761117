import { openTokenAbi } from '@openledger/contracts'
import { parseEther } from 'viem'
import { beforeAll, describe, expect, it } from 'vitest'
import { ALICE, BOB, type CallsFixture, callsFixture, HOLDER } from './callsFixture.js'
import { simulateContractCall } from './simulateContractCall.js'

let f: CallsFixture
beforeAll(async () => {
  f = await callsFixture()
})

describe('simulateContractCall', () => {
  it('returns the result without sending, for an address that holds no key', async () => {
    const block = await f.connection.publicClient.getBlockNumber()
    const { result } = await simulateContractCall(f.connection, {
      account: f.address(HOLDER),
      address: f.token,
      abi: openTokenAbi,
      functionName: 'transfer',
      args: [f.address(BOB), parseEther('1')],
    })
    expect(result).toBe(true)
    expect(await f.connection.publicClient.getBlockNumber()).toBe(block)
  })

  it('throws a revert as a ContractCallRevertedError', async () => {
    await expect(
      simulateContractCall(f.connection, {
        account: f.address(ALICE),
        address: f.token,
        abi: openTokenAbi,
        functionName: 'transferFrom',
        args: [f.address(HOLDER), f.address(BOB), 1n],
      }),
    ).rejects.toMatchObject({
      name: 'ContractCallRevertedError',
      errorName: 'ERC20InsufficientAllowance',
      args: [f.address(ALICE), 0n, 1n],
      contractAddress: f.token,
    })
  })
})
