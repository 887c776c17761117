import type { ChainConnection, Manifest } from '@openledger/chain'
import { BaseError } from '@openledger/errors'
import { modelRegistryAdapterCreators } from '@openledger/model-factory'
import {
  getPayoutClaim,
  ledgerOf,
  pingRedis,
  reconcileLedger,
  type SettlementEvent,
  type SettlementWorker,
  type Settler,
  settleNextEpoch,
  startSettlementWorker,
} from '@openledger/settlement'
import { claimContributorReward } from '@openledger/staking'
import type { Store } from '@openledger/store'
import type { Command } from 'commander'
import type { Address } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { withKey } from '../commonOptions.js'
import {
  type Context,
  connectDeployment,
  type KeyOptions,
  resolveKey,
  rpcUrlOf,
  withStore,
} from '../context.js'
import { formatOpen } from '../format.js'
import { parseAddress, parseIntegerIn } from '../options.js'
import { waitForShutdown } from '../shutdown.js'

type KeyCommon = KeyOptions & { rpcUrl?: string }
type SettleOptions = KeyCommon & { once?: boolean; epochSeconds: number; epochReceipts: number }

/** The devnet's settler (FeeRouter's settler role, set by `deploy`). */
const DEVNET_SETTLER = 9

/** Redis did not answer: the settlement queues live there. */
export class RedisUnreachableError extends BaseError {
  override name = 'RedisUnreachableError'
  constructor(url: string) {
    super(`Redis does not answer at ${url}; settlement queues need it.`, {
      metaMessages: ['Start it (redis-server, or apt-get install redis-server) or set REDIS_URL.'],
    })
  }
}

/** A line for each thing the settlement worker reports. */
export function describeSettlementEvent(event: SettlementEvent): string | undefined {
  switch (event.type) {
    case 'epoch-settled':
      return `Settled epoch ${event.epoch}: ${event.receipts} receipts in ${event.txHash}${event.resumed ? ' (resumed after a restart)' : ''}.`
    case 'epoch-failed':
      return `Settling failed (will retry): ${event.error.message.split('\n')[0]}`
    case 'usage-failed':
      return `Usage job ${event.jobId} refused: ${event.error.message.split('\n')[0]}`
    default:
      return undefined
  }
}

/**
 * The settler for a deployment: the ledger in `store`, the key from the options (devnet: account 9), adapter
 * creators from ModelRegistry.
 */
export function settlerFor(
  context: Context,
  options: KeyOptions,
  deployment: { connection: ChainConnection; manifest: Manifest },
  store: Store,
): Settler {
  const { connection, manifest } = deployment
  const key = resolveKey(context, options, connection.chainId, 'settler', DEVNET_SETTLER)
  return {
    store,
    connection,
    contracts: manifest.contracts,
    account: privateKeyToAccount(key),
    treasury: manifest.treasurySafe.address,
    // Adapter creators are paid as ModelRegistry records them; unregistered adapters' share goes to the treasury.
    adapterCreators: modelRegistryAdapterCreators(connection, manifest.contracts),
  }
}

/** The queues' Redis prefix: one per ledger, so stacks sharing a Redis never meter into each other's. */
export function queuePrefixOf(settler: Settler): string {
  const { chainId, feeRouter } = ledgerOf(settler)
  return `openledger:${chainId}:${feeRouter}`
}

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

export function settlementCommands(program: Command, context: Context): void {
  withKey(program.command('settle'), 'settler key (devnet default: dev account 9)')
    .description(
      'Run the settlement worker: reconcile the ledger with FeeRouter, meter the usage queue, settle an epoch every --epoch-seconds or --epoch-receipts. With --once: settle what waits in the ledger and exit.',
    )
    .option('--once', 'reconcile, settle every waiting epoch, and exit (no Redis needed)')
    .option('--epoch-seconds <n>', 'close an epoch at least this often', parseIntegerIn(1, 86_400), 60)
    .option(
      '--epoch-receipts <n>',
      'close an epoch as soon as this many receipts wait',
      parseIntegerIn(1, 10_000),
      1_000,
    )
    .action(async (options: SettleOptions) => {
      const deployment = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      await withStore(context, async (store) => {
        const settler = settlerFor(context, options, deployment, store)
        if (options.once) return settleWaiting(context, settler)
        const worker = await startSettlementInCli(context, settler, options)
        context.io.out(
          `Settling every ${options.epochSeconds} s or ${options.epochReceipts} receipts. Press Ctrl-C to stop.`,
        )
        await waitForShutdown()
        await worker.close()
        context.io.out('Stopped.')
      })
    })

  withKey(program.command('claim'), 'key that sends the claim (anyone may claim for a contributor)')
    .description(
      "Claim a data contributor's rewards from FeeRouter, with the proof from the settlement ledger.",
    )
    .option('--account <address>', "whose rewards (default: the key's own address)", parseAddress)
    .action(async (options: KeyCommon & { account?: Address }) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      const sender = privateKeyToAccount(resolveKey(context, options, connection.chainId, 'claimer'))
      const beneficiary = options.account ?? sender.address
      const ledger = { chainId: connection.chainId, feeRouter: manifest.contracts.FeeRouter }
      const claim = await withStore(context, (store) => getPayoutClaim(store, ledger, beneficiary))
      if (!claim) {
        context.io.out(`${beneficiary} has earned nothing as a contributor in a settled epoch yet.`)
        return
      }
      const { amount, hash } = await claimContributorReward(connection, manifest.contracts, {
        account: sender,
        beneficiary,
        cumulative: claim.cumulative,
        proof: claim.proof,
      })
      context.io.out(
        `Claimed ${formatOpen(amount)} for ${beneficiary} in ${hash} (${formatOpen(claim.cumulative)} earned through epoch ${claim.epoch}).`,
      )
    })
}

/** Reconciles, then settles epoch after epoch until no receipt waits. */
async function settleWaiting(context: Context, settler: Settler): Promise<void> {
  const reconciled = await reconcileLedger(settler)
  context.io.out(`Ledger reconciled with FeeRouter at epoch ${reconciled.chainLastEpoch}.`)
  let settled = 0
  for (let next = await settleNextEpoch(settler); next; next = await settleNextEpoch(settler)) {
    const { epoch } = next
    context.io.out(
      `Settled epoch ${epoch.epoch}: ${epoch.receiptCount} receipts, ${formatOpen(epoch.totalFees)} in ${epoch.txHash}.`,
    )
    settled++
  }
  if (settled === 0)
    context.io.out(`Nothing to settle: no metered receipt waits in ledger ${ledgerOf(settler).feeRouter}.`)
}
