import { openTokenAbi } from '@openledger/contracts'
import { encodePacked, type Hex, parseEther } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ContractCallRevertedError } from '../errors.js'
import { ALICE, BOB, type CallsFixture, callsFixture, HOLDER } from './callsFixture.js'
import { decodeRevert } from './decodeRevert.js'
import { sendContractCall } from './sendContractCall.js'

let f: CallsFixture
let snapshot: Hex
const balanceOf = (i: number) =>
  f.connection.publicClient.readContract({
    address: f.token,
    abi: openTokenAbi,
    functionName: 'balanceOf',
    args: [f.address(i)],
  })

beforeAll(async () => {
  f = await callsFixture()
  snapshot = await f.testClient.snapshot()
})
afterEach(async () => {
  await f.testClient.setAutomine(true)
  await f.testClient.revert({ id: snapshot })
  snapshot = await f.testClient.snapshot()
})

describe('sendContractCall', () => {
  it('simulates, sends, waits for a successful receipt and returns the simulated result', async () => {
    const sent: Hex[] = []
    const { hash, receipt, result } = await sendContractCall(f.connection, {
      account: f.account(HOLDER),
      address: f.token,
      abi: openTokenAbi,
      functionName: 'transfer',
      args: [f.address(ALICE), parseEther('5')],
      onSent: (h) => {
        sent.push(h)
      },
    })
    expect(result).toBe(true)
    expect(receipt).toMatchObject({ status: 'success', transactionHash: hash })
    expect(sent).toEqual([hash])
    expect(await balanceOf(ALICE)).toBe(parseEther('5'))
  })

  it('sends value with a payable call', async () => {
    const before = await f.connection.publicClient.getBalance({ address: f.address(BOB) })
    const pay = encodePacked(
      ['uint8', 'address', 'uint256', 'uint256', 'bytes'],
      [0, f.address(BOB), parseEther('2'), 0n, '0x'],
    )
    await sendContractCall(f.connection, {
      account: f.account(ALICE),
      address: f.multiSend,
      abi: f.multiSendAbi,
      functionName: 'multiSend',
      args: [pay],
      value: parseEther('2'),
    })
    expect(await f.connection.publicClient.getBalance({ address: f.address(BOB) })).toBe(
      before + parseEther('2'),
    )
  })

  it("refuses a call that reverts before sending it, with the contract's error and values", async () => {
    const block = await f.connection.publicClient.getBlockNumber()
    const error = await sendContractCall(f.connection, {
      account: f.account(ALICE),
      address: f.token,
      abi: openTokenAbi,
      functionName: 'transfer',
      args: [f.address(BOB), parseEther('1')],
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ContractCallRevertedError)
    expect(error).toMatchObject({
      name: 'ContractCallRevertedError',
      errorName: 'ERC20InsufficientBalance',
      args: [f.address(ALICE), 0n, parseEther('1')],
      contractAddress: f.token,
      functionName: 'transfer',
      hash: undefined,
    })
    expect((error as Error).message).toMatchInlineSnapshot(
      `"transfer on 0x5FbDB2315678afecb367f032d93F642f64180aa3 reverted with ERC20InsufficientBalance(0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC, 0, 1000000000000000000)."`,
    )
    expect(decodeRevert(error)).toMatchObject({ errorName: 'ERC20InsufficientBalance' })
    expect(await f.connection.publicClient.getBlockNumber()).toBe(block)
  })

  it('decodes a transaction that passed simulation but reverted when mined', async () => {
    await f.testClient.setAutomine(false)
    const holder = f.account(HOLDER)
    // Pending: it moves the whole balance away before the call below is mined in the same block.
    await f.connection.walletClient(holder).writeContract({
      address: f.token,
      abi: openTokenAbi,
      functionName: 'transfer',
      args: [f.address(BOB), await balanceOf(HOLDER)],
      gas: 100_000n,
    })
    const error = await sendContractCall(f.connection, {
      account: holder,
      address: f.token,
      abi: openTokenAbi,
      functionName: 'transfer',
      args: [f.address(ALICE), parseEther('1')],
      // Estimating would see the pending transfer and refuse; the simulation (at the latest block) does not.
      gas: 100_000n,
      onSent: () => f.testClient.mine({ blocks: 1 }),
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({
      name: 'ContractCallRevertedError',
      errorName: 'ERC20InsufficientBalance',
      args: [f.address(HOLDER), 0n, parseEther('1')],
      functionName: 'transfer',
      contractAddress: f.token,
      receipt: { status: 'reverted' },
    })
    expect((error as ContractCallRevertedError).hash).toMatch(/^0x[0-9a-f]{64}$/)
  })

  it("passes failures that are not the contract's on unchanged", async () => {
    const broke = privateKeyToAccount(generatePrivateKey())
    const error = await sendContractCall(f.connection, {
      account: broke,
      address: f.token,
      abi: openTokenAbi,
      functionName: 'approve',
      args: [f.address(BOB), 1n],
    }).catch((e: unknown) => e)
    expect(error).not.toBeInstanceOf(ContractCallRevertedError)
    expect((error as Error).message).toMatch(/funds/i)
  })
})
