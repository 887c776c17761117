import { executeSafeTransaction, proposeSafeTransaction } from '@openledger/chain'
import { type DeployedDevnetHooks, useDeployedDevnet } from '@openledger/chain/testing'
import { openStore, type Store } from '@openledger/store'
import { type Address, erc20Abi, type Hex, parseEther } from 'viem'
import { afterEach, beforeEach } from 'vitest'
import { createUserSafe } from './createUserSafe.js'
import { deploySpendingLimitModule } from './deploySpendingLimitModule.js'
import { enableSpendingLimit } from './enableSpendingLimit.js'

/** Dev account 7 owns the user's 1-of-1 Safe. */
export const OWNER = 7
/** Dev account 8 is the agent: the module's delegate. */
export const AGENT = 8
/** A recipient that holds nothing. */
export const RECIPIENT: Address = '0x000000000000000000000000000000000000bEEF'
export const DAY = 86_400
export const SAFE_OPEN = parseEther('1000')
export const SAFE_ETHER = parseEther('10')

export type WalletDevnetHooks = DeployedDevnetHooks & {
  readonly module: Address
  readonly safe: Address
  readonly open: Address
  /** A fresh in-memory store per test (Safe nonces come from the chain, which each test rewinds). */
  readonly store: Store
  ownerKey: () => Hex
  /** One call from the user's Safe, proposed, signed and executed by its owner (as any Safe UI sends it). */
  asUserSafe: (to: Address, data: Hex) => ReturnType<typeof executeSafeTransaction>
}

/**
 * For wallet tests: `useDeployedDevnet` with the spending limit module deployed, a 1-of-1 Safe of `OWNER`
 * holding `SAFE_OPEN` OPEN and `SAFE_ETHER` ether, the module enabled on it, and `AGENT` allowed 10 OPEN a day.
 */
export function useWalletDevnet(): WalletDevnetHooks {
  let module: Address
  let safe: Address
  let store: Store
  const hooks = useDeployedDevnet(async ({ env, account, tokenAs, clientOf, address, mined }) => {
    const { connection, manifest, devnet } = env
    const ownerKey = devnet.accounts[OWNER]!.privateKey
    module = await deploySpendingLimitModule(connection, account(0))
    safe = await createUserSafe(connection, {
      infrastructure: manifest.safe,
      deployerKey: ownerKey,
      owners: [address(OWNER)],
    })
    await mined(tokenAs(3).write.transfer([safe, SAFE_OPEN]))
    await mined(clientOf(OWNER).wallet.sendTransaction({ to: safe, value: SAFE_ETHER }))
    const setupStore = await openStore({ databaseUrl: ':memory:' })
    try {
      await enableSpendingLimit(connection, setupStore, {
        infrastructure: manifest.safe,
        safe,
        module,
        delegate: address(AGENT),
        ownerKeys: [ownerKey],
        allowances: [{ token: manifest.contracts.OpenToken, amount: parseEther('10'), resetPeriod: DAY }],
      })
    } finally {
      await setupStore.close()
    }
  })
  beforeEach(async () => {
    store = await openStore({ databaseUrl: ':memory:' })
  })
  afterEach(async () => {
    await store.close()
  })
  return Object.defineProperties(hooks, {
    module: { get: () => module },
    safe: { get: () => safe },
    open: { get: () => hooks.env.manifest.contracts.OpenToken },
    store: { get: () => store },
    ownerKey: { value: () => hooks.env.devnet.accounts[OWNER]!.privateKey },
    asUserSafe: { value: asUserSafe },
  }) as WalletDevnetHooks

  async function asUserSafe(to: Address, data: Hex) {
    const { connection, manifest } = hooks.env
    const ownerKey = hooks.env.devnet.accounts[OWNER]!.privateKey
    const { safeTxHash } = await proposeSafeTransaction(connection, store, {
      infrastructure: manifest.safe,
      safeAddress: safe,
      proposerKey: ownerKey,
      calls: [{ to, data }],
    })
    return executeSafeTransaction(connection, store, {
      infrastructure: manifest.safe,
      safeTxHash,
      executorKey: ownerKey,
    })
  }
}

/** `account`'s OPEN (or any ERC-20) balance, read straight from the token. */
export function erc20BalanceOf(
  hooks: DeployedDevnetHooks,
  token: Address,
  account: Address,
): Promise<bigint> {
  return hooks.env.connection.publicClient.readContract({
    address: token,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [account],
  })
}
