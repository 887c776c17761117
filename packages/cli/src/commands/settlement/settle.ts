import type { ChainConnection, Manifest } from '@openledger/chain'
import { ledgerOf, reconcileLedger, type Settler, settleNextEpoch } from '@openledger/settlement'
import { getSettlementState } from '@openledger/staking'
import type { Command } from 'commander'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import { type Context, connectDeployment, rpcUrlOf, withStore } from '../../context.js'
import { formatUnixTime } from '../../format.js'
import { parseIntegerIn } from '../../options.js'
import { waitForShutdown } from '../../shutdown.js'
import { bondDevnetSettler } from './bondDevnetSettler.js'
import { describeReconciled } from './describeReconciled.js'
import { describeSettlementStep } from './describeSettlementStep.js'
import { settlerFor } from './settlerFor.js'
import { startSettlementInCli } from './startSettlementInCli.js'

type SettleOptions = KeyCommandOptions & { once?: boolean; epochSeconds: number; epochReceipts: number }

/** `openledger settle [--once]`: the settlement worker until Ctrl-C, or what waits in the ledger once. */
export function settleCommand(program: Command, context: Context): void {
  withKey(program.command('settle'), 'settler key (devnet default: dev account 9)')
    .description(
      'Run the settlement worker: reconcile the ledger with FeeRouter, meter the usage queue, post an epoch every --epoch-seconds or --epoch-receipts and finalise each once its dispute window has passed. With --once: do what can be done now (finalise, refund, post the next epoch) and exit.',
    )
    .option('--once', 'reconcile, finalise or post what can be now, and exit (no Redis needed)')
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
        if (options.once) return settleWaiting(context, settler, deployment)
        const worker = await startSettlementInCli(context, settler, deployment, options)
        context.io.out(
          `Settling every ${options.epochSeconds} s or ${options.epochReceipts} receipts. Press Ctrl-C to stop.`,
        )
        await waitForShutdown()
        await worker.close()
        context.io.out('Stopped.')
      })
    })
}

/**
 * Bonds the devnet settler if needed, reconciles, then advances settlement step by step until nothing more can
 * be done now: posted epochs whose window has passed are finalised, vetoed ones refunded, and the next epoch
 * posted. An epoch left pending is finalised by a later run once its dispute window has passed.
 */
async function settleWaiting(
  context: Context,
  settler: Settler,
  deployment: { connection: ChainConnection; manifest: Manifest },
): Promise<void> {
  await bondDevnetSettler(context, deployment, settler.account)
  const reconciled = await reconcileLedger(settler)
  context.io.out(describeReconciled(reconciled))
  let steps = 0
  for (let step = await settleNextEpoch(settler); step; step = await settleNextEpoch(settler)) {
    for (const line of describeSettlementStep(step)) context.io.out(line)
    steps++
  }
  const { pending } = await getSettlementState(deployment.connection, deployment.manifest.contracts)
  if (pending)
    context.io.out(
      `Epoch ${pending.epoch} is pending until ${formatUnixTime(pending.finalizesAt)}; run \`openledger settle --once\` after then to finalise it and post the next.`,
    )
  else if (steps === 0)
    context.io.out(`Nothing to settle: no metered receipt waits in ledger ${ledgerOf(settler).feeRouter}.`)
}
