import type { ReceiptV2 } from '@openledger/attribution'
import {
  FINE_TUNE_QUEUE,
  type FineTuneJobResult,
  type FineTuneRouter,
  fineTuneOwnerOf,
  fineTuneRouter,
} from '@openledger/model-factory'
import { enqueueUsage } from '@openledger/settlement'
import { QueueEvents } from 'bullmq'
import type { Response } from 'express'
import { getAddress } from 'viem'
import { baseModelSha256 } from '../chat/baseModelSha256.js'
import type { GatewayContext } from '../GatewayContext.js'
import { apiKeyOf } from '../http/authenticate.js'
import { admitFineTune, type FineTuneHold } from './admitFineTune.js'
import { fineTuneReceipt } from './fineTuneReceipt.js'
import type { GatewayFineTunes } from './GatewayFineTunes.js'

export type ServedFineTunes = FineTuneRouter & {
  /** Meters job `jobId` if it completed (idempotent: the same receipt each time); its receipt, or undefined. */
  meter: (jobId: string) => Promise<ReceiptV2 | undefined>
}

/**
 * ModelFactory's fine-tune router, scoped, bounded and priced by the gateway: a job belongs to the API key that
 * queued it (another key reads it as unknown: 404), `steps` and rows are bounded, `steps × feePerStep` is held
 * from the payer up front (402 when short). A completed job is metered into the settlement queue with a receipt
 * of kind `fine-tune` charged for the steps that ran; a failed or cancelled job's hold is released.
 *
 * @example
 * const fineTunes = serveFineTunes(context, { queue, agentId: 1n, feePerStep: parseEther('0.0001') })
 * app.use('/v1/fine-tunes', limit, auth)
 * app.use(fineTunes.router)
 */
export function serveFineTunes(context: GatewayContext, options: GatewayFineTunes): ServedFineTunes {
  const holds = new Map<string, FineTuneHold>()
  const ownerOf = (res: Response) => {
    if (!res.locals.apiKey) return undefined
    const key = apiKeyOf(res)
    return { key: key.id, payer: key.account }
  }
  const api = fineTuneRouter({
    queue: options.queue,
    ...(options.maxRank ? { maxRank: options.maxRank } : {}),
    ...(options.maxSteps ? { maxSteps: options.maxSteps } : {}),
    ownerOf,
    admit: (payload, owner) => admitFineTune(context, options, holds, payload, owner),
    onError: context.onError,
  })
  const meter = async (jobId: string) => {
    const job = await options.queue.getJob(jobId)
    const owner = job ? fineTuneOwnerOf(job) : undefined
    if (!job?.finishedOn || !owner?.payer || (await job.getState()) !== 'completed') return undefined
    const result = (
      typeof job.returnvalue === 'string' ? JSON.parse(job.returnvalue) : job.returnvalue
    ) as FineTuneJobResult
    const receipt = await fineTuneReceipt({
      store: context.store,
      jobId,
      queuePrefix: options.queue.opts.prefix ?? 'bull',
      result,
      payer: getAddress(owner.payer),
      agentId: options.agentId,
      feePerStep: options.feePerStep,
      chainId: BigInt(context.connection.chainId),
      feeRouter: getAddress(context.manifest.contracts.FeeRouter),
      baseModel: await baseModelSha256(context),
      finishedAt: job.finishedOn,
    })
    const { receiptId } = await enqueueUsage(context.usage, { receipt, agentId: options.agentId })
    const held = holds.get(jobId)
    if (held) {
      context.reservations.metered(held.payer, held.hold, receiptId)
      holds.delete(jobId)
    }
    context.queued.set(receiptId, { receipt, agentId: options.agentId })
    return receipt
  }
  const release = (jobId: string) => {
    const held = holds.get(jobId)
    if (held) context.reservations.release(held.payer, held.hold)
    holds.delete(jobId)
  }
  const events = new QueueEvents(FINE_TUNE_QUEUE, {
    connection: options.queue.opts.connection,
    ...(options.queue.opts.prefix ? { prefix: options.queue.opts.prefix } : {}),
  })
  events.on('completed', ({ jobId }) => {
    meter(jobId).catch((error: unknown) => context.onError(error, `fine-tune ${jobId}`))
  })
  events.on('failed', ({ jobId }) => release(jobId))
  events.on('error', () => {})
  return {
    router: api.router,
    meter,
    async close() {
      await api.close()
      await events.close()
    },
  }
}
