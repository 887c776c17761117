import { queueConnectionOptions } from '@openledger/store'
import { type Job, type Queue, QueueEvents, UnrecoverableError, Worker } from 'bullmq'
import { LedgerDivergedError } from '../errors.js'
import { countPendingReceipts } from '../ledger/countPendingReceipts.js'
import { listEpochs } from '../ledger/listEpochs.js'
import { recordUsage } from '../ledger/recordUsage.js'
import { type ReconcileReport, reconcileLedger } from '../settle/reconcileLedger.js'
import { type SettleNextEpochReturnType, settleNextEpoch } from '../settle/settleNextEpoch.js'
import { ledgerOf, type Settler } from '../settle/types.js'
import {
  CLOSE_JOB,
  type EpochJobResult,
  fromJobResult,
  reportStep,
  scheduleFinalize,
  toJobResult,
} from './epochJob.js'
import { EPOCH_QUEUE, epochQueue, type QueueConnection, USAGE_QUEUE, usageQueue } from './queues.js'
import { parseUsageJob } from './usageJob.js'

/** What the worker reports as it goes (for logs and tests). */
export type SettlementEvent =
  | { type: 'metered'; receiptId: string; duplicate: boolean }
  | { type: 'usage-failed'; jobId: string | undefined; error: Error }
  | {
      type: 'epoch-posted'
      epoch: bigint
      receipts: number
      txHash: string | null
      /** Block time (Unix seconds) from which it may be finalised. */
      finalizesAt: bigint | null
      resumed: boolean
    }
  | { type: 'epoch-finalized'; epoch: bigint; txHash: string | null }
  | { type: 'epoch-vetoed'; epoch: bigint; receipts: number; refundTxHash: string | null }
  | { type: 'payer-carried'; payer: string }
  | { type: 'epoch-failed'; error: Error }

export type StartSettlementWorkerParameters = Settler &
  QueueConnection & {
    /** Close an epoch at least this often (default 60 s). */
    epochSeconds?: number
    /** ... and as soon as this many receipts wait (default 1,000). */
    epochReceipts?: number
    /** Usage jobs processed at once (default 8). */
    usageConcurrency?: number
    onEvent?: (event: SettlementEvent) => void
  }

export type SettlementWorker = {
  /** What reconciling with the chain found at start. */
  reconciled: ReconcileReport
  /** What settling at start did, when a crash left an epoch unsent (it is posted then). */
  resumed: SettleNextEpochReturnType | undefined
  /** The `usage` queue, for producers in the same process. */
  usage: Queue
  /**
   * Advances settlement now (through the epoch queue, so never beside another settlement) and waits:
   * finalises or refunds a posted epoch the chain lets go, then posts the next. Null when nothing was done.
   */
  settleNow: () => Promise<SettleNextEpochReturnType | null>
  /** Stops taking jobs, lets running ones finish, and closes every Redis connection. */
  close: () => Promise<void>
}

/**
 * Starts settlement: first reconciles the ledger with the chain and finishes an epoch left unsent by a crash
 * (nothing else runs until the ledger agrees with FeeRouter), then a `usage` worker that records each metered
 * receipt in the ledger (idempotent by receipt id) and an `epoch` worker that advances settlement one step at a
 * time (`settleNextEpoch`), every `epochSeconds`, as soon as `epochReceipts` receipts wait, and when a posted
 * epoch's dispute window closes (so it is finalised then, and the next epoch posted).
 *
 * @example
 * const worker = await startSettlementWorker({ store, connection, contracts: manifest.contracts, account,
 *   treasury: manifest.treasurySafe.address, redis: 'redis://127.0.0.1:6379' })
 * await worker.close()
 */
export async function startSettlementWorker(
  parameters: StartSettlementWorkerParameters,
): Promise<SettlementWorker> {
  const { epochSeconds = 60, epochReceipts = 1_000, usageConcurrency = 8, onEvent } = parameters
  const settler: Settler = parameters
  const reconciled = await reconcileLedger(settler)
  // An epoch written before a crash and never posted goes out before anything else. (Not through the queue:
  // the dead worker's epoch job keeps its lock until BullMQ finds it stalled, which takes lockDuration.)
  const resumed = reconciled.unsent === undefined ? undefined : await settleNextEpoch(settler)
  const options = queueConnectionOptions(parameters)
  const usage = usageQueue(parameters)
  const epochs = epochQueue(parameters)
  const epochEvents = new QueueEvents(EPOCH_QUEUE, options)
  await epochs.setGlobalConcurrency(1)
  reportStep(resumed, onEvent)
  for (const posted of await listEpochs(settler.store, ledgerOf(settler), { status: ['posted'] }))
    await scheduleFinalize(epochs, posted)
  const every = epochSeconds * 1000
  await epochs.upsertJobScheduler(
    'every-epoch',
    { every, startDate: Date.now() + every },
    { name: CLOSE_JOB },
  )

  const usageWorker = new Worker(
    USAGE_QUEUE,
    async (job: Job) => {
      const { duplicate, receiptId } = await recordUsage(
        settler.store,
        ledgerOf(settler),
        parseUsageJob(job.id, job.data),
      )
      onEvent?.({ type: 'metered', receiptId, duplicate })
      if ((await countPendingReceipts(settler.store, ledgerOf(settler))) >= epochReceipts)
        await epochs.add(CLOSE_JOB, {}, { deduplication: { id: CLOSE_JOB } })
      return { receiptId, duplicate }
    },
    { ...options, concurrency: usageConcurrency },
  )
  usageWorker.on('failed', (job, error) => onEvent?.({ type: 'usage-failed', jobId: job?.id, error }))

  const epochWorker = new Worker(
    EPOCH_QUEUE,
    async () => {
      const step = await settleNextEpoch(settler).catch((error) => {
        // A ledger that disagrees with the chain needs an operator: retrying cannot help.
        if (error instanceof LedgerDivergedError) throw new UnrecoverableError(error.message)
        throw error
      })
      reportStep(step, onEvent)
      await scheduleFinalize(epochs, step?.posted)
      return toJobResult(step)
    },
    { ...options, concurrency: 1 },
  )
  epochWorker.on('failed', (_job, error) => onEvent?.({ type: 'epoch-failed', error }))
  await Promise.all([
    usageWorker.waitUntilReady(),
    epochWorker.waitUntilReady(),
    epochEvents.waitUntilReady(),
  ])

  return {
    reconciled,
    resumed,
    usage,
    async settleNow() {
      const job = await epochs.add('settle-now', {})
      const result = (await job.waitUntilFinished(epochEvents)) as EpochJobResult | null
      return fromJobResult(settler.store, ledgerOf(settler), result)
    },
    async close() {
      await Promise.all([usageWorker.close(), epochWorker.close()])
      await Promise.all([usage.close(), epochs.close(), epochEvents.close()])
    },
  }
}
