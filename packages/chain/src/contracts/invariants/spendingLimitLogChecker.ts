import { spendingLimitModuleAbi } from '@openledger/contracts'
import { type Address, type Hex, isAddressEqual, parseAbi, parseEventLogs } from 'viem'
import { expect } from 'vitest'
import type { SpendingLimitInvariantHarness } from './spendingLimitInvariantHarness.js'
import type { SpendingLimitModel } from './spendingLimitModel.js'

const isModuleEnabledAbi = parseAbi(['function isModuleEnabled(address module) view returns (bool)'])

/**
 * Invariants 3 and 6 read from the module's own events, apart from the model: it replays every event since
 * the run began (from `fromBlock`), keeping which (delegate, token) each Safe has granted and not since
 * removed or ended, and asserts after each step that
 * - every `TransferExecuted` is by a delegate the Safe granted that token and had not removed since, nor
 *   ended (`DelegationsEnded`): after `endDelegations` or a recorded disable no earlier delegate moves
 *   anything, ever, re-enable or not, unless the Safe grants it again;
 * - every `AllowanceSet`, `DelegateRemoved` and `DelegationsEnded` by the Safe was sent by that Safe (the
 *   harness sends the Safe's own calls as the Safe), and every `DelegationsEnded` by disable names a Safe
 *   that had the module disabled in that block: nobody else changes a Safe's configuration.
 *
 * @example
 * const logs = spendingLimitLogChecker(h, model, baselineBlock + 1n)
 * await logs.check()
 */
export function spendingLimitLogChecker(
  h: SpendingLimitInvariantHarness,
  model: SpendingLimitModel,
  fromBlock: bigint,
) {
  const { publicClient } = h.devnet.env.connection
  const live = new Map<Address, Map<Address, Set<Address>>>()
  for (const [side, safe] of model.safes.entries()) {
    const grants = new Map([...safe.grants].map(([delegate, tokens]) => [delegate, new Set(tokens.keys())]))
    live.set(h.safes()[side]!, grants)
  }
  const grantsOf = (safe: Address) => {
    const grants = live.get(safe) ?? new Map<Address, Set<Address>>()
    live.set(safe, grants)
    return grants
  }
  let from = fromBlock
  const senders = new Map<Hex, Address>()
  async function senderOf(hash: Hex) {
    if (!senders.has(hash)) senders.set(hash, (await publicClient.getTransaction({ hash })).from)
    return senders.get(hash)!
  }
  async function bySafe(safe: Address, hash: Hex, what: string) {
    const sender = await senderOf(hash)
    expect(isAddressEqual(sender, safe), `${what} of ${safe} sent by ${sender}`).toBe(true)
  }

  async function check() {
    // viem caches the block number for seconds: after a snapshot's revert it would be a reverted block's.
    const latest = await publicClient.getBlockNumber({ cacheTime: 0 })
    if (latest < from) return
    const logs = await publicClient.getLogs({ address: h.module(), fromBlock: from, toBlock: latest })
    from = latest + 1n
    for (const event of parseEventLogs({ abi: spendingLimitModuleAbi, logs })) {
      const { transactionHash: hash, blockNumber } = event
      switch (event.eventName) {
        case 'AllowanceSet': {
          const { safe, delegate, token } = event.args
          await bySafe(safe, hash, 'AllowanceSet')
          const grants = grantsOf(safe)
          grants.set(delegate, (grants.get(delegate) ?? new Set()).add(token))
          break
        }
        case 'DelegateRemoved':
          await bySafe(event.args.safe, hash, 'DelegateRemoved')
          grantsOf(event.args.safe).delete(event.args.delegate)
          break
        case 'DelegationsEnded': {
          const { safe, byDisable } = event.args
          if (!byDisable) await bySafe(safe, hash, 'endDelegations')
          else {
            const enabled = await publicClient.readContract({
              address: safe,
              abi: isModuleEnabledAbi,
              functionName: 'isModuleEnabled',
              args: [h.module()],
              blockNumber,
            })
            expect(enabled, `recordDisabled(${safe}) while enabled`).toBe(false)
          }
          grantsOf(safe).clear()
          break
        }
        case 'TransferExecuted': {
          const { safe, delegate, token } = event.args
          const granted = grantsOf(safe).get(delegate)?.has(token) ?? false
          expect(granted, `${delegate} moved ${token} from ${safe} without a live grant`).toBe(true)
          break
        }
      }
    }
  }
  return { check }
}
