import type { ChainConnection, Manifest } from '@openledger/chain'
import { pingRedis, type SettlementWorker, type Settler, startSettlementWorker } from '@openledger/settlement'
import type { Context } from '../../context.js'
import { bondDevnetSettler } from './bondDevnetSettler.js'
import { describeReconciled } from './describeReconciled.js'
import { describeSettlementEvent } from './describeSettlementEvent.js'
import { describeSettlementStep } from './describeSettlementStep.js'
import { RedisUnreachableError } from './errors.js'
import { queuePrefixOf } from './queuePrefixOf.js'

/**
 * Starts the settlement worker on `settler` (after checking Redis answers and, on the devnet, bonding the
 * settler), printing what reconciling found and each epoch posted, finalised or vetoed.
 */
export async function startSettlementInCli(
  context: Context,
  settler: Settler,
  deployment: { connection: ChainConnection; manifest: Manifest },
  options: { epochSeconds: number; epochReceipts: number },
): Promise<SettlementWorker> {
  const redis = context.env.REDIS_URL
  if (!(await pingRedis({ redis }))) throw new RedisUnreachableError(redis)
  await bondDevnetSettler(context, deployment, settler.account)
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
  context.io.out(describeReconciled(worker.reconciled))
  if (worker.resumed)
    for (const line of describeSettlementStep(worker.resumed))
      context.io.out(line.replace(/\.$/, ' (after a restart).'))
  return worker
}
