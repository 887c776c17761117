import type { ChainConnection, Manifest } from '@openledger/chain'
import { pingRedis } from '@openledger/settlement'
import type { Store } from '@openledger/store'
import type { Context } from '../../context.js'
import type { StackFile } from '../../stack.js'
import { queuePrefixOf } from '../settlement/queuePrefixOf.js'
import { settlerFor } from '../settlement/settlerFor.js'
import { startSettlementInCli } from '../settlement/startSettlementInCli.js'
import type { Stops, UpOptions } from './upOptions.js'

/** Starts the settlement worker when Redis answers; returns the summary line. */
export async function startSettlementInStack(
  context: Context,
  options: UpOptions,
  deployment: { connection: ChainConnection; manifest: Manifest; store: Store },
  stack: StackFile,
  stops: Stops,
): Promise<string> {
  if (!options.settlement) return 'not started (--no-settlement)'
  const redisUrl = context.env.REDIS_URL
  if (!(await pingRedis({ redis: redisUrl })))
    return `not started: Redis does not answer at ${redisUrl} (start redis-server or set REDIS_URL)`
  const { store } = deployment
  const epochReceipts = 1_000
  const settler = settlerFor(context, {}, deployment, store)
  const worker = await startSettlementInCli(context, settler, deployment, {
    epochSeconds: options.epochSeconds,
    epochReceipts,
  })
  stops.push(() => worker.close())
  stack.settlement = {
    redisUrl,
    prefix: queuePrefixOf(settler),
    epochSeconds: options.epochSeconds,
    epochReceipts,
  }
  return `every ${options.epochSeconds} s or ${epochReceipts} receipts (queues on ${redisUrl})`
}
