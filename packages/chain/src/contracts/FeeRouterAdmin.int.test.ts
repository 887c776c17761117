import { feeRouterAbi, feeRouterBytecode } from '@openledger/contracts'
import { openStore, type Store } from '@openledger/store'
import { encodeFunctionData, type Hex, zeroAddress } from 'viem'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { deployContract } from '../deploy/deployContract.js'
import { executeSafeTransaction } from '../safe/executeSafeTransaction.js'
import { proposeSafeTransaction } from '../safe/proposeSafeTransaction.js'
import { signSafeTransaction } from '../safe/signSafeTransaction.js'
import { revertOf } from '../testing/revertOf.js'
import { OUTSIDER, SETTLER, SPLITS, useFeeRouter, WITHDRAWAL_DELAY } from './feeRouterFixture.js'

const fixture = useFeeRouter()
const { address, account, routerAs, eventsIn, treasury } = fixture

// A fresh store per test: the EVM snapshot of each test resets the Safe's nonce, so proposals must too.
let store: Store
beforeEach(async () => {
  store = await openStore({ databaseUrl: ':memory:' })
})
afterEach(async () => {
  await store?.close()
})

type Splits = { -readonly [K in keyof typeof SPLITS]: number }
const NEW_SPLITS: Splits = {
  contributors: 5000,
  agentCreator: 2000,
  adapterCreators: 1000,
  stakers: 1500,
  treasury: 500,
}

/** Proposes `data` to the router from the treasury Safe, signs it 2 of 3 and executes it. */
async function throughSafe(data: Hex) {
  const { connection, manifest, devnet } = fixture.env
  const key = (i: number) => devnet.accounts[i]!.privateKey
  const { safeTxHash } = await proposeSafeTransaction(connection, store, {
    infrastructure: manifest.safe,
    safeAddress: manifest.treasurySafe.address,
    proposerKey: key(0),
    calls: [{ to: fixture.routerAddress(), data }],
  })
  await signSafeTransaction(connection, store, {
    infrastructure: manifest.safe,
    safeTxHash,
    signerKey: key(1),
  })
  return executeSafeTransaction(connection, store, {
    infrastructure: manifest.safe,
    safeTxHash,
    executorKey: key(OUTSIDER),
  })
}

const setSplitsData = (splits: Splits) =>
  encodeFunctionData({ abi: feeRouterAbi, functionName: 'setSplits', args: [splits] })

/** The same call as the Safe would make it, simulated from the Safe's address, to read its custom error. */
const simulateFromSafe = (splits: Splits) =>
  fixture.env.connection.publicClient.simulateContract({
    address: fixture.routerAddress(),
    abi: feeRouterAbi,
    functionName: 'setSplits',
    args: [splits],
    account: treasury(),
  })

describe('setSplits', () => {
  it('lets the treasury Safe change the splits, and emits SplitsSet', async () => {
    const { txHash } = await throughSafe(setSplitsData(NEW_SPLITS))
    const receipt = await fixture.env.connection.publicClient.getTransactionReceipt({ hash: txHash })
    expect(eventsIn(receipt)).toEqual([['SplitsSet', { splits: NEW_SPLITS }]])
    expect(await routerAs(0).read.splits()).toEqual(NEW_SPLITS)
  })

  it('refuses splits that do not sum to 10,000, even from the Safe', async () => {
    const short = { ...NEW_SPLITS, treasury: 499 }
    const over = { ...NEW_SPLITS, treasury: 501 }
    expect(await revertOf(simulateFromSafe(short))).toEqual({
      errorName: 'FeeRouterInvalidSplits',
      args: [9999n],
    })
    expect(await revertOf(simulateFromSafe(over))).toEqual({
      errorName: 'FeeRouterInvalidSplits',
      args: [10001n],
    })
    await expect(throughSafe(setSplitsData(short))).rejects.toThrow()
    expect(await routerAs(0).read.splits()).toEqual(SPLITS)
  })

  it('refuses any caller but the owner', async () => {
    expect(await revertOf(routerAs(SETTLER).write.setSplits([NEW_SPLITS]))).toEqual({
      errorName: 'OwnableUnauthorizedAccount',
      args: [address(SETTLER)],
    })
    // Not even a Safe owner acting alone.
    expect(await revertOf(routerAs(0).write.setSplits([NEW_SPLITS]))).toEqual({
      errorName: 'OwnableUnauthorizedAccount',
      args: [address(0)],
    })
  })

  it('refuses invalid splits at deployment', async () => {
    const { connection, manifest } = fixture.env
    const deploying = deployContract(connection, account(0), {
      abi: feeRouterAbi,
      bytecode: feeRouterBytecode,
      args: [
        manifest.contracts.OpenToken,
        treasury(),
        fixture.stakingAddress(),
        fixture.stakingAddress(),
        address(SETTLER),
        { ...SPLITS, contributors: 0 },
        WITHDRAWAL_DELAY,
      ],
    })
    expect(await revertOf(deploying, feeRouterAbi)).toEqual({
      errorName: 'FeeRouterInvalidSplits',
      args: [6000n],
    })
  })
})

describe('setSettler', () => {
  it('lets the treasury Safe hand the settler role over, and refuses everyone else', async () => {
    const data = encodeFunctionData({
      abi: feeRouterAbi,
      functionName: 'setSettler',
      args: [address(OUTSIDER)],
    })
    const { txHash } = await throughSafe(data)
    const receipt = await fixture.env.connection.publicClient.getTransactionReceipt({ hash: txHash })
    expect(eventsIn(receipt)).toEqual([
      ['SettlerChanged', { previousSettler: address(SETTLER), newSettler: address(OUTSIDER) }],
    ])
    expect(await routerAs(0).read.settler()).toBe(address(OUTSIDER))
    expect(await revertOf(routerAs(SETTLER).write.setSettler([address(SETTLER)]))).toEqual({
      errorName: 'OwnableUnauthorizedAccount',
      args: [address(SETTLER)],
    })
  })

  it('refuses the zero address', async () => {
    const simulated = fixture.env.connection.publicClient.simulateContract({
      address: fixture.routerAddress(),
      abi: feeRouterAbi,
      functionName: 'setSettler',
      args: [zeroAddress],
      account: treasury(),
    })
    expect(await revertOf(simulated)).toEqual({ errorName: 'FeeRouterInvalidConfig', args: [] })
  })
})
