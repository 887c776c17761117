import { openTokenAbi } from '@openledger/contracts'
import { openStore, type Store } from '@openledger/store'
import { type Address, encodeFunctionData, type Hex, parseEther } from 'viem'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type DeployedDevnet, deployedDevnet } from '../testing/deployedDevnet.js'
import { executeSafeTransaction } from './executeSafeTransaction.js'
import { getSafeTransactionStatus } from './getSafeTransactionStatus.js'
import { proposeSafeTransaction } from './proposeSafeTransaction.js'
import { signSafeTransaction } from './signSafeTransaction.js'

let env: DeployedDevnet
let store: Store
const key = (i: number) => env.devnet.accounts[i]!.privateKey
const address = (i: number) => env.devnet.accounts[i]!.address

// A fresh chain and store per test: each test's nonces start at 0, whatever ran before.
beforeEach(async () => {
  env = await deployedDevnet()
  store = await openStore({ databaseUrl: ':memory:' })
})
afterEach(async () => {
  await store?.close()
  env?.cleanup()
})

function balanceOf(account: Address) {
  const { connection, manifest } = env
  return connection.publicClient.readContract({
    address: manifest.contracts.OpenToken,
    abi: openTokenAbi,
    functionName: 'balanceOf',
    args: [account],
  })
}

async function proposeGrant(to: Address, amount: bigint, proposer = 0): Promise<Hex> {
  const { connection, manifest } = env
  const data = encodeFunctionData({ abi: openTokenAbi, functionName: 'transfer', args: [to, amount] })
  const { safeTxHash } = await proposeSafeTransaction(connection, store, {
    infrastructure: manifest.safe,
    safeAddress: manifest.treasurySafe.address,
    proposerKey: key(proposer),
    calls: [{ to: manifest.contracts.OpenToken, data }],
    description: 'grant',
  })
  return safeTxHash
}

const run = {
  sign: (safeTxHash: Hex, signer: number) =>
    signSafeTransaction(env.connection, store, {
      infrastructure: env.manifest.safe,
      safeTxHash,
      signerKey: key(signer),
    }),
  execute: (safeTxHash: Hex, executor = 5) =>
    executeSafeTransaction(env.connection, store, {
      infrastructure: env.manifest.safe,
      safeTxHash,
      executorKey: key(executor),
    }),
  status: (safeTxHash: Hex) =>
    getSafeTransactionStatus(env.connection, store, { infrastructure: env.manifest.safe, safeTxHash }),
}

describe('treasury Safe', () => {
  it('moves OPEN with 2 of 3 owner signatures, not with 1', async () => {
    const recipient = address(8)
    const before = await balanceOf(recipient)
    const safeTxHash = await proposeGrant(recipient, parseEther('1000'))
    await expect(run.execute(safeTxHash)).rejects.toMatchObject({ name: 'SafeInsufficientSignaturesError' })
    await expect(run.execute(safeTxHash)).rejects.toThrow(
      `Safe transaction ${safeTxHash} has 1 of 2 required signatures.`,
    )
    expect(await balanceOf(recipient)).toBe(before)
    const waiting = await run.status(safeTxHash)
    expect(waiting.state).toBe('awaiting-signatures')
    expect(waiting.missing).toEqual([address(1), address(2)])

    expect(await run.sign(safeTxHash, 1)).toEqual({ signer: address(1), signatures: 2 })
    expect(await run.sign(safeTxHash, 1)).toEqual({ signer: address(1), signatures: 2 }) // signing twice is harmless
    expect((await run.status(safeTxHash)).state).toBe('ready')
    const { gasUsed } = await run.execute(safeTxHash)
    expect(gasUsed).toBeGreaterThan(0n)
    expect((await balanceOf(recipient)) - before).toBe(parseEther('1000'))
    expect((await run.status(safeTxHash)).state).toBe('executed')
    await expect(run.execute(safeTxHash)).rejects.toMatchObject({ name: 'SafeNonceUsedError' })
  })

  it('refuses a signing key that is not an owner, and stores nothing for it', async () => {
    const safeTxHash = await proposeGrant(address(8), 1n)
    await expect(run.sign(safeTxHash, 7)).rejects.toThrow(
      `${address(7)} is not an owner of Safe ${env.manifest.treasurySafe.address}.`,
    )
    expect((await run.status(safeTxHash)).signatures).toHaveLength(1)
    await expect(proposeGrant(address(8), 1n, 7)).rejects.toMatchObject({ name: 'NotSafeOwnerError' })
  })

  it('queues proposals by nonce and executes them in order', async () => {
    const first = (await run.status(await proposeGrant(address(9), 1n))).transaction
    const second = (await run.status(await proposeGrant(address(9), 2n))).transaction
    expect(second.nonce).toBe(first.nonce + 1n)
    await run.sign(second.safeTxHash, 2)
    expect((await run.status(second.safeTxHash)).state).toBe('queued')
    await expect(run.execute(second.safeTxHash)).rejects.toMatchObject({ name: 'SafeNonceNotReadyError' })
  })

  it('names an unknown proposal', async () => {
    const unknown = `0x${'ab'.repeat(32)}` as Hex
    await expect(run.sign(unknown, 1)).rejects.toThrow(
      `No proposed Safe transaction ${unknown} in the store.`,
    )
  })
})
