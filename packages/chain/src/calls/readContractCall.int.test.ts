import { openTokenAbi } from '@openledger/contracts'
import { beforeAll, describe, expect, it } from 'vitest'
import { TOTAL_SUPPLY } from '../genesis.js'
import { type CallsFixture, callsFixture, HOLDER } from './callsFixture.js'
import { readContractCall } from './readContractCall.js'

let f: CallsFixture
beforeAll(async () => {
  f = await callsFixture()
})

describe('readContractCall', () => {
  it('reads a view', async () => {
    const balance = await readContractCall(f.connection, {
      address: f.token,
      abi: openTokenAbi,
      functionName: 'balanceOf',
      args: [f.address(HOLDER)],
    })
    expect(balance).toBe(TOTAL_SUPPLY)
  })

  it('throws a revert as a ContractCallRevertedError', async () => {
    const { timestamp } = await f.connection.publicClient.getBlock()
    await expect(
      readContractCall(f.connection, {
        address: f.token,
        abi: openTokenAbi,
        functionName: 'getPastVotes',
        args: [f.address(HOLDER), timestamp + 1000n],
      }),
    ).rejects.toMatchObject({
      name: 'ContractCallRevertedError',
      errorName: 'ERC5805FutureLookup',
      functionName: 'getPastVotes',
    })
  })
})
