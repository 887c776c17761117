import { type Hex, parseGwei, type TransactionReceipt } from 'viem'
import { expect } from 'vitest'
import { revertOf } from '../../testing/revertOf.js'
import type { SpendingLimitInvariantHarness } from './spendingLimitInvariantHarness.js'
import type { SpendingLimitModel } from './spendingLimitModel.js'

/** A refusal the model expects: a custom error with its values, or a Safe's reason string as `Error`. */
export type Refusal = { errorName: string; args: readonly unknown[] }

/** Fees for a transaction that must be ordered within a block (`runSameBlock`). */
export type Fees = { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }

/** One transaction a step sends, with the outcome the model predicts for it. */
export type Attempt = {
  /** Names the call in failure messages and in `model.reached`. */
  label: string
  send: (fees?: Fees) => Promise<Hex>
  /** The refusal the model predicts; undefined: it succeeds. */
  refusal?: Refusal | undefined
  /** Updates the model after a success (with its receipt), or checks that a refusal changed nothing. */
  settle?: (receipt: TransactionReceipt | undefined) => Promise<void> | void
}

/** The refusal (a Safe's with its reason: `Error(GS104)`), or `ok`, an attempt is expected to end with. */
function outcomeOf({ refusal }: Attempt) {
  if (!refusal) return 'ok'
  return refusal.errorName === 'Error' ? `Error(${refusal.args[0]})` : refusal.errorName
}

/**
 * Sends one attempt in a block at exactly `model.next` and asserts the predicted outcome: success, or the
 * exact custom error with its values. A mined transaction (a success, or a Safe's reverted call) moves
 * `model.now` to its block and `model.next` one second on; a delegate's refused call is never sent (its gas
 * estimate reverts), so the clock stays put.
 *
 * @example
 * await runAttempt(h, model, { label: 'enable', send: () => h.safeAs(0).write.enableModule([h.module()]) })
 */
export async function runAttempt(
  h: SpendingLimitInvariantHarness,
  model: SpendingLimitModel,
  attempt: Attempt,
) {
  await h.devnet.testClient.setNextBlockTimestamp({ timestamp: model.next })
  model.reached.add(`${attempt.label}: ${outcomeOf(attempt)}`)
  if (attempt.refusal) {
    expect(await revertOf(attempt.send()), attempt.label).toEqual(attempt.refusal)
    // The Safe's own calls go out unestimated (an impersonated account): the devnet mines them, reverted.
    const { timestamp } = await h.devnet.env.connection.publicClient.getBlock()
    if (timestamp === model.next) {
      model.now = model.next
      model.next += 1n
    }
    await attempt.settle?.(undefined)
    return
  }
  const receipt = await h.devnet.mined(attempt.send())
  minedAt(model, receipt)
  await attempt.settle?.(receipt)
}

/**
 * Sends two attempts, both predicted to succeed, into one block at `model.next`: the first (the front-runner)
 * with a priority fee, the second (the Safe's, free of fees) after it, and asserts they were mined in that
 * order; then settles both in order.
 *
 * @example
 * await runSameBlock(h, model, [spend, change])
 */
export async function runSameBlock(
  h: SpendingLimitInvariantHarness,
  model: SpendingLimitModel,
  [first, second]: [Attempt, Attempt],
) {
  const { testClient } = h.devnet
  const hashes: Hex[] = []
  await testClient.setAutomine(false)
  try {
    hashes.push(await first.send({ maxFeePerGas: parseGwei('100'), maxPriorityFeePerGas: parseGwei('3') }))
    hashes.push(await second.send())
    await testClient.setNextBlockTimestamp({ timestamp: model.next })
    await testClient.mine({ blocks: 1 })
  } finally {
    await testClient.setAutomine(true)
  }
  const receipts = await Promise.all(hashes.map((hash) => h.devnet.mined(Promise.resolve(hash))))
  const [a, b] = receipts as [TransactionReceipt, TransactionReceipt]
  expect(b.blockNumber, 'both in one block').toBe(a.blockNumber)
  expect(a.transactionIndex, `${first.label} ahead of ${second.label}`).toBeLessThan(b.transactionIndex)
  minedAt(model, a)
  for (const attempt of [first, second]) model.reached.add(`${attempt.label}: ok (same block)`)
  await first.settle?.(a)
  await second.settle?.(b)
}

function minedAt(model: SpendingLimitModel, receipt: TransactionReceipt) {
  expect(receipt.status).toBe('success')
  model.now = model.next
  model.next += 1n
}
