import { pingRedis, type SettlementWorker, type Settler, startSettlementWorker } from '@openledger/settlement'
import type { Context } from '../../context.js'
import { describeSettlementEvent } from './describeSettlementEvent.js'
import { RedisUnreachableError } from './errors.js'
import { queuePrefixOf } from './queuePrefixOf.js'

/**
 * Starts the settlement worker on `settler` (after checking Redis answers), printing what reconciling found
 * and each settled epoch.
 */
export async function startSettlementInCli(
  context: Context,
  settler: Settler,
  options: { epochSeconds: number; epochReceipts: number },
): Promise<SettlementWorker> {
  const redis = context.env.REDIS_URL
  if (!(await pingRedis({ redis }))) throw new RedisUnreachableError(redis)
  const worker = await startSettlementWorker({
    ...settler,
    redis,
    prefix: queuePrefixOf(settler),
    ...options,
    onEvent: (event) => {
      const line = describeSettlementEvent(event)
      if (line) context.io.out(line)
    },
  })
  const { reconciled, resumed } = worker
  context.io.out(
    `Ledger reconciled with FeeRouter at epoch ${reconciled.chainLastEpoch}` +
      (reconciled.confirmed.length
        ? `; confirmed epochs ${reconciled.confirmed.join(', ')} settled before a crash`
        : '') +
      (resumed ? `; settled epoch ${resumed.epoch.epoch} left unsent by a crash` : '') +
      '.',
  )
  return worker
}
