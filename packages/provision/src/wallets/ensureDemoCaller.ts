import { type ChainConnection, type Manifest, safeAbi } from '@openledger/chain'
import { authorizeCharges, depositFees, getChargeCap, getFeeBalance } from '@openledger/staking'
import { deleteSafeTransactions, type Store } from '@openledger/store'
import { createUserSafe, enableSpendingLimit, getAllowance, safeModuleAbi } from '@openledger/tools'
import { type Address, type Hex, type LocalAccount, parseEther } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { topUpToken } from '../funding/topUp.js'
import type { DemoCallerOptions } from '../types.js'
import { recordAgentWallet } from './agentWallets.js'

export type EnsureDemoCallerParameters = {
  /** The demo caller's key: it owns its Safe (1 of 1) and pays for calls from its prepaid balance. */
  userKey: Hex
  /** Pays the OPEN of the deposit and of the Safe. */
  funder: LocalAccount
  module: Address
  /** Agent accounts allowed to spend from the Safe within the allowance. */
  delegates: readonly Address[]
  options: DemoCallerOptions
}

/**
 * The demo caller, ready to pay and to be served by a wallet agent: its prepaid FeeRouter balance topped up
 * and chargeable (it authorises settlement to charge up to `chargeCapWei` a day, by default its whole
 * deposit), its own Safe (1 of 1, at its predicted address), holding OPEN, with the spending limit module enabled and
 * each delegate allowed `allowanceWei` a period; recorded in `agent_wallets` so `safeOf` finds it. Only
 * what is missing is done.
 */
export async function ensureDemoCaller(
  connection: ChainConnection,
  store: Store,
  manifest: Manifest,
  parameters: EnsureDemoCallerParameters,
) {
  const { userKey, funder, module, delegates, options } = parameters
  const user = privateKeyToAccount(userKey)
  const open = manifest.contracts.OpenToken
  const prepaidWei = options.prepaidWei ?? parseEther('100')
  const safeOpenWei = options.safeOpenWei ?? parseEther('100')
  const allowanceWei = options.allowanceWei ?? parseEther('10')
  const resetPeriod = options.resetPeriod ?? 86_400
  const chargeCapWei = options.chargeCapWei ?? prepaidWei
  const { balance } = await getFeeBalance(connection, manifest.contracts, { account: user.address })
  if (balance < prepaidWei) {
    const amount = prepaidWei - balance
    await topUpToken(connection, open, { from: funder, role: 'funder', to: user.address, target: amount })
    await depositFees(connection, manifest.contracts, { account: user, amount })
  }
  await ensureChargeCap(connection, manifest, user, chargeCapWei)
  const safe = await createUserSafe(connection, {
    infrastructure: manifest.safe,
    deployerKey: userKey,
    owners: [user.address],
  })
  const nonce = await connection.publicClient.readContract({
    address: safe,
    abi: safeAbi,
    functionName: 'nonce',
  })
  // A Safe that has executed nothing has no proposals worth keeping: stored ones are a reset devnet's (the
  // same Safe address, nonce 0 again) or an interrupted run's, and would collide with the new proposal.
  if (nonce === 0n) await deleteSafeTransactions(store, { chainId: connection.chainId, safeAddress: safe })
  await topUpToken(connection, open, { from: funder, role: 'funder', to: safe, target: safeOpenWei })
  const enabled = await connection.publicClient.readContract({
    address: safe,
    abi: safeModuleAbi,
    functionName: 'isModuleEnabled',
    args: [module],
  })
  const missing: Address[] = []
  for (const delegate of delegates) {
    const allowance = await getAllowance(connection, { module, safe, delegate, token: open })
    if (!enabled || allowance.amount !== allowanceWei || allowance.resetPeriod !== resetPeriod)
      missing.push(delegate)
  }
  // One Safe transaction per delegate: enableSpendingLimit sets one delegate's allowances at a time.
  for (const delegate of missing)
    await enableSpendingLimit(connection, store, {
      infrastructure: manifest.safe,
      safe,
      module,
      delegate,
      ownerKeys: [userKey],
      allowances: [{ token: open, amount: allowanceWei, resetPeriod }],
    })
  await recordAgentWallet(store, { chainId: connection.chainId, account: user.address, safe, module })
  return { account: user.address, safe, prepaidWei, chargeCapWei, safeOpenWei, delegates: [...delegates] }
}

const DAY = 86_400n

/** Authorises settlement to charge `user` up to `perDay` OPEN wei a day, unless it already allows as much. */
async function ensureChargeCap(
  connection: ChainConnection,
  manifest: Manifest,
  user: LocalAccount,
  perDay: bigint,
) {
  const cap = await getChargeCap(connection, manifest.contracts, { payer: user.address })
  if (cap.perPeriod >= perDay && cap.period > 0n && cap.period <= DAY) return
  await authorizeCharges(connection, manifest.contracts, { account: user, perPeriod: perDay, period: DAY })
}
